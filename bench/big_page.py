"""One very large page through the whole pipeline: time and peak memory.

    python -m bench.big_page [--megabytes 9] [--checkout PATH]

Builds a page of real paragraphs (the 27 September 2024 seed's, each numbered so that none is
dropped as a repeat) of `--megabytes` MB, under the 10 MiB body cap; serves it as the one item
of a feed on 127.0.0.1; runs `monitor run --once` on a fresh SQLite database in a subprocess
(of this checkout, or of `--checkout`, to compare two versions) and samples the peak resident
memory (VmHWM) of the monitor and of each process below it (the extraction workers). Prints the
wall time, the peaks, the text kept and analysed, the mention rows and the database's size.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def build_page(megabytes: float) -> bytes:
    seed = (REPO / "seeds" / "004_8adf0b6e8007587d.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n") if len(p.strip()) > 80]
    parts, size, i = [], 0, 0
    while size < megabytes * 1024 * 1024:
        part = f"<p>Update {i}: {paragraphs[i % len(paragraphs)]}</p>\n"
        parts.append(part)
        size += len(part)
        i += 1
    return (
        "<html><head><title>Transition report</title></head><body><article>"
        f"<h1>Transition report</h1>{''.join(parts)}</article></body></html>"
    ).encode()


def serve(page: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            port = self.server.server_address[1]
            if self.path == "/feed.xml":
                link = f"http://127.0.0.1:{port}/big"
                body = (
                    '<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
                    f"<item><title>Transition report</title><link>{link}</link>"
                    f"<guid>{link}</guid></item></channel></rss>"
                ).encode()
                kind = "application/rss+xml"
            else:
                body, kind = page, "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def family(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def sample_peaks(pid: int, peaks: dict[int, int], done: threading.Event) -> None:
    while not done.is_set():
        for member in family(pid):
            try:
                with open(f"/proc/{member}/status", encoding="ascii") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            peaks[member] = max(peaks.get(member, 0), int(line.split()[1]))
            except OSError:
                continue
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=9.0)
    parser.add_argument("--checkout", type=Path, default=REPO, help="the version to measure")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    page = build_page(args.megabytes)
    folder = Path(tempfile.mkdtemp(prefix="bench-big-page-"))
    database = folder / "monitor.db"
    server, feed_url = serve(page)
    config = yaml.safe_load((args.checkout / "config" / "monitor.yaml").read_text())
    config.update(
        database_url=f"sqlite:///{database}",
        data_dir=str(folder),
        seeds_dir=str(args.checkout / "seeds"),
        templates_dir=str(args.checkout / "alerts"),
        feeds=[{"name": "big", "url": feed_url}],
        channels={"console": {"enabled": True, "path": str(folder / "digests.txt")}},
    )
    config["fetch"] = {**config["fetch"], "allow_private_addresses": True}
    (folder / "monitor.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["PYTHONPATH"] = str(args.checkout)
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(folder / "monitor.yaml")]
        + ["run", "--once"],
        cwd=args.checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks: dict[int, int] = {}
    done = threading.Event()
    sampler = threading.Thread(target=sample_peaks, args=(proc.pid, peaks, done), daemon=True)
    sampler.start()
    try:
        _, err = proc.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        err += f"\n(killed after {args.timeout:g} s)"
    wall = time.monotonic() - started
    done.set()
    sampler.join()
    server.shutdown()
    main_peak = peaks.pop(proc.pid, 0) // 1024
    others = sorted((kb // 1024 for kb in peaks.values()), reverse=True)
    print(f"page: {len(page):,} bytes; checkout: {args.checkout}")
    print(f"exit {proc.returncode}, wall {wall:.1f} s")
    print(f"peak RSS: monitor {main_peak} MB; processes below it, largest first: {others[:4]} MB")
    connection = sqlite3.connect(database)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
    cut = "analysis_cut" if "analysis_cut" in columns else "NULL"
    for length, note in connection.execute(f"SELECT length(text), {cut} FROM articles"):
        print(f"article text: {length:,} characters; cut: {note}")
    mentions = connection.execute("SELECT count(*) FROM mentions").fetchone()[0]
    connection.close()
    size = sum(p.stat().st_size for p in folder.glob("monitor.db*"))
    print(f"mention rows: {mentions:,}; database: {size / 1e6:.1f} MB")
    print("stderr:", err.strip().splitlines()[-1] if err.strip() else "")


if __name__ == "__main__":
    main()
