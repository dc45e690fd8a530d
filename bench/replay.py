"""Replay benchmark of the poll cycle: throughput, CPU share of extraction, memory, and the
naive loop, on the real fixture pages served with added latency from many loopback hosts.

    python -m bench.replay [--feeds 200] [--items 5] [--latency 0.3] [--repoll 1000]
                           [--naive-feeds 10] [--concurrency 100] [--analyser none|real]

A server process answers on 127.0.0.2, 127.0.0.3, ... (every 127.x.y.z address is loopback,
so each is its own host and the per-host politeness keeps its configured values: at most 2
requests at once, 1 s apart plus up to 0.5 s of jitter). Feed i lives on host i and lists
`--items` articles on the same host; each article is one of the real pages of
../shared/fixtures/articles (45 pages, reused under distinct URLs so each is fetched and
extracted). Every answer, 304s included, waits `--latency` seconds.

Phases, all in one run:
1. Extraction bound: `extract_article` (trafilatura with metadata, as the pipeline runs it)
   timed single-process over the distinct pages; the 2-core bound is twice that rate.
2. Pipeline: `poll_cycle` on a fresh SQLite database, all feeds due. Reports wall time,
   articles/s, CPU of the main process and of the pool's workers (sampled from /proc), the
   extraction share, peak RSS.
3. Naive loop on the same replay: feedparser.parse(url), then urllib + trafilatura.extract,
   one article at a time, on the first `--naive-feeds` feeds.
4. Re-poll: `--repoll` feeds in all (the first ones plus copies on further hosts whose items
   point at the articles already stored), polled once, then all re-polled with --force: every
   feed answers 304 and no page may be fetched. The second poll is timed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MONITOR_SHARED_DIR", REPO.parent / "shared"))
FIXTURE_PAGES = SHARED / "fixtures" / "articles"


def fixture_pages() -> list[bytes]:
    files = sorted((FIXTURE_PAGES / "trafilatura").glob("*.html"))
    files += sorted((FIXTURE_PAGES / "af.mil-2016").glob("*.html"))
    files += sorted((FIXTURE_PAGES / "centcom").glob("*.html"))
    if not files:
        sys.exit(f"no fixture pages under {FIXTURE_PAGES} (set MONITOR_SHARED_DIR)")
    return [f.read_bytes() for f in files]


def host(i: int) -> str:
    """The i-th replay host: 127.0.0.2, 127.0.0.3, ..., 127.0.1.0, ... (all loopback)."""
    n = i + 2
    return f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


@dataclass(frozen=True)
class Replay:
    port: int
    feeds: int  # feeds of phases 2-3, feed i on host i
    items: int
    repoll: int  # feeds in all for phase 4
    pages: int  # distinct fixture pages

    def feed_url(self, i: int) -> str:
        return f"http://{host(i)}:{self.port}/feed/{i}.xml"

    def article_url(self, feed: int, item: int) -> str:
        return f"http://{host(feed)}:{self.port}/page/{feed}/{item}.html"

    def page_index(self, feed: int, item: int) -> int:
        return (feed * self.items + item) % self.pages

    def feed_xml(self, i: int) -> bytes:
        source = i % self.feeds  # copies beyond `feeds` point at the first feeds' articles
        items = "".join(
            f"<item><title>Replay story {source}-{k}</title>"
            f"<link>{self.article_url(source, k)}</link><guid>replay-{source}-{k}</guid>"
            f"<pubDate>Mon, 02 Nov 2026 10:{k % 60:02d}:00 GMT</pubDate>"
            f"<description>Story {k} of feed {source}.</description></item>"
            for k in range(self.items)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Replay feed {i}</title>{items}</channel></rss>"
        ).encode()


# -- the server (its own process, so it does not share our interpreter's lock) ---------------
#
# A bare asyncio protocol with every answer built once, not a web framework: the server shares
# the two cores with the monitor it measures, and aiohttp's server took about a millisecond of
# CPU per answer (about 1 core-second of the 23 a 1,000-article poll has), time the monitor's
# workers then did not get. HTTP/1.1 with keep-alive, GET only, as the monitor asks.


def _response(status: str, body: bytes, headers: dict[str, str]) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class _ReplayProtocol(asyncio.Protocol):
    """Answers each request after `latency` seconds, in order, on a kept-alive connection."""

    def __init__(self, answer: Callable[[str, dict[str, str]], bytes], latency: float) -> None:
        self.answer = answer
        self.latency = latency
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        # One slot per request, in request order; a slot holds its answer once it is due.
        self.pending: deque[list[bytes | None]] = deque()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1] if " " in lines[0] else "/"
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            slot: list[bytes | None] = [None]
            self.pending.append(slot)
            if path == "/stats":
                self._ready(slot, path, headers)
            else:
                asyncio.get_running_loop().call_later(
                    self.latency, self._ready, slot, path, headers
                )

    def _ready(self, slot: list[bytes | None], path: str, headers: dict[str, str]) -> None:
        slot[0] = self.answer(path, headers)
        # Answers leave in the order of their requests (HTTP/1.1 pipelining).
        while self.pending and self.pending[0][0] is not None:
            out = self.pending.popleft()[0]
            if self.transport is not None and out is not None:
                self.transport.write(out)


def serve(replay: Replay, latency: float, pages: list[bytes], ready: Any) -> None:
    counts = {"feeds": 0, "not_modified": 0, "pages": 0}
    feeds = {
        i: _response(
            "200 OK",
            replay.feed_xml(i),
            {"ETag": f'"feed-{i}"', "Content-Type": "application/rss+xml"},
        )
        for i in range(max(replay.feeds, replay.repoll))
    }
    page_answers = [
        _response("200 OK", body, {"Content-Type": "text/html; charset=utf-8"}) for body in pages
    ]
    missing = _response("404 Not Found", b"", {})

    def answer(path: str, headers: dict[str, str]) -> bytes:
        parts = path.strip("/").split("/")
        try:
            if parts[0] == "stats":
                return _response(
                    "200 OK", json.dumps(counts).encode(), {"Content-Type": "application/json"}
                )
            if parts[0] == "feed":
                i = int(parts[1].split(".")[0])
                etag = f'"feed-{i}"'
                counts["feeds"] += 1
                if headers.get("if-none-match") == etag:
                    counts["not_modified"] += 1
                    return _response("304 Not Modified", b"", {"ETag": etag})
                return feeds[i]
            if parts[0] == "page":
                counts["pages"] += 1
                feed, item = int(parts[1]), int(parts[2].split(".")[0])
                return page_answers[replay.page_index(feed, item)]
        except (IndexError, KeyError, ValueError):
            pass
        return missing

    async def main() -> None:
        loop = asyncio.get_running_loop()
        hosts = {host(i) for i in range(max(replay.feeds, replay.repoll))} | {"127.0.0.1"}
        for name in sorted(hosts):
            await loop.create_server(
                lambda: _ReplayProtocol(answer, latency), name, replay.port, backlog=1024
            )
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_stats(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        return json.load(response)


# -- CPU and memory of our process tree, from /proc ------------------------------------------


class TreeSampler(threading.Thread):
    """Samples CPU seconds and peak RSS of every descendant of this process (except the server)."""

    def __init__(self, exclude: int) -> None:
        super().__init__(daemon=True)
        self.exclude = exclude
        self.cpu: dict[int, float] = {}
        self.peak_rss: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.parents: dict[int, int] = {}
        self.baseline: dict[int, float] = {}
        self._halt = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        self.sample()
        self.baseline = dict(self.cpu)  # CPU spent before this run (the forkserver's imports)
        while not self._halt.wait(0.1):
            self.sample()

    def used(self, pid: int) -> float:
        return self.cpu.get(pid, 0.0) - self.baseline.get(pid, 0.0)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.sample()

    def sample(self) -> None:
        """Walk our process tree through /proc/<pid>/task/<tid>/children (cheap: a few files,
        not all of /proc) and record each process's CPU seconds and peak RSS."""
        frontier, seen = [os.getpid()], set()
        while frontier:
            pid = frontier.pop()
            if pid in seen or pid == self.exclude:
                continue
            seen.add(pid)
            try:
                raw = Path(f"/proc/{pid}/stat").read_text()
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            name_end = raw.rfind(")")
            fields = raw[name_end + 2 :].split()
            self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self._tick
            if pid != os.getpid():
                self.parents[pid] = int(fields[1])
                if pid not in self.names:
                    try:
                        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                    except OSError:
                        cmdline = b""
                    self.names[pid] = cmdline.replace(b"\0", b" ").decode(errors="replace")
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    hwm = next(ln for ln in status.splitlines() if ln.startswith("VmHWM:"))
                    self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), int(hwm.split()[1]))
                except (OSError, StopIteration):
                    pass
            for tid in tasks:
                try:
                    children = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
                except OSError:
                    continue
                frontier.extend(int(child) for child in children)


# -- phases ----------------------------------------------------------------------------------


def extraction_bound(pages: list[bytes], rounds: int = 3) -> float:
    """Pages per second, single process, trafilatura with metadata (our extract_article):
    the median of `rounds` rounds over every page (one round is about a second; the median
    keeps a round slowed by other work on the machine from moving the figure)."""
    from monitor.extract.article import extract_article

    extract_article(pages[0], "https://example.org/warm-up")
    rates = []
    for _ in range(rounds):
        started = time.process_time()
        for i, page in enumerate(pages):
            extract_article(page, f"https://example.org/{i}")
        rates.append(len(pages) / (time.process_time() - started))
    return statistics.median(rates)


@dataclass
class Run:
    seconds: float
    articles: int
    main_cpu: float
    worker_cpu: float
    other_cpu: float
    main_peak_mb: float
    worker_peak_mb: float
    summary: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def settings_for(replay: Replay, data: Path, feeds: int, concurrency: int) -> Any:
    from monitor.config import load_settings

    env = {
        "MONITOR_DATABASE_URL": f"sqlite:///{data / 'bench.db'}",
        "MONITOR_DATA_DIR": str(data),
        "MONITOR_FEEDS": json.dumps(
            [{"name": f"feed-{i}", "url": replay.feed_url(i)} for i in range(feeds)]
        ),
        "MONITOR_FETCH__ALLOW_PRIVATE_ADDRESSES": "true",
        "MONITOR_FETCH__CONCURRENCY": str(concurrency),
        "MONITOR_CHANNELS__CONSOLE__ENABLED": "false",
    }
    return load_settings(REPO / "config" / "monitor.yaml", env=env)


def _ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds used so far by process `pid` (0 when it is gone)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = raw[raw.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _ticks()


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all processes, all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / _ticks()


def pipeline(settings: Any, analyse: Callable[..., Any], server_pid: int, force: bool) -> Run:
    from monitor.app import poll_cycle
    from monitor.store.engine import open_store

    engine = open_store(settings.database_url)
    sampler = TreeSampler(exclude=server_pid)
    sampler.start()
    server_before, busy_before = process_cpu(server_pid), machine_busy()
    cpu_before = time.process_time()
    started = time.perf_counter()
    summary = poll_cycle(
        settings, engine, now=lambda: datetime.now(UTC), analyse=analyse, force=force
    )
    seconds = time.perf_counter() - started
    main_cpu = time.process_time() - cpu_before
    server_cpu, busy = process_cpu(server_pid) - server_before, machine_busy() - busy_before
    sampler.stop()
    engine.dispose()
    # The forkserver only forks (and was started before this run); its children, the pool's
    # workers, do the extraction and parsing. Anything else (the resource tracker) is "other".
    forkservers = {pid for pid, name in sampler.names.items() if "forkserver" in name}
    workers = [pid for pid, parent in sampler.parents.items() if parent in forkservers]
    others = [pid for pid in sampler.cpu if pid not in workers and pid != os.getpid()]
    worker_cpu = sum(sampler.used(pid) for pid in workers)
    other = sum(sampler.used(pid) for pid in others)
    worker_peak = max((sampler.peak_rss.get(pid, 0) for pid in workers), default=0) / 1024
    return Run(
        seconds=seconds,
        articles=summary.articles_extracted,
        main_cpu=main_cpu,
        worker_cpu=worker_cpu,
        other_cpu=other,
        main_peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        worker_peak_mb=worker_peak,
        summary=summary,
        extra={
            "server_cpu": server_cpu,
            "foreign_cpu": max(0.0, busy - main_cpu - worker_cpu - other - server_cpu),
            "capacity": seconds * (os.cpu_count() or 1),
        },
    )


def pool_only(pages: list[bytes], workers: int = 2, rounds: int = 3) -> float:
    """Pages per second of extraction alone in a pool of `workers` processes, every task
    submitted at once: what the cores give right now (other load on the machine included)."""
    from concurrent.futures import ProcessPoolExecutor

    from monitor.extract.article import extract_article

    jobs = [page for _ in range(rounds) for page in pages]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(extract_article, pages[:workers]))
        started = time.perf_counter()
        list(pool.map(extract_article, jobs))
        return len(jobs) / (time.perf_counter() - started)


def naive(replay: Replay, feeds: int) -> Run:
    """What a user would write first: feedparser fetches, urllib fetches, one at a time."""
    import feedparser
    import trafilatura

    cpu_before = time.process_time()
    started = time.perf_counter()
    articles = 0
    for i in range(feeds):
        parsed = feedparser.parse(replay.feed_url(i))
        for entry in parsed.entries:
            with urllib.request.urlopen(entry.link, timeout=60) as response:
                html = response.read()
            if trafilatura.extract(html, url=entry.link):
                articles += 1
    seconds = time.perf_counter() - started
    return Run(
        seconds=seconds,
        articles=articles,
        main_cpu=time.process_time() - cpu_before,
        worker_cpu=0.0,
        other_cpu=0.0,
        main_peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        worker_peak_mb=0.0,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--repoll", type=int, default=1000)
    parser.add_argument("--naive-feeds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--analyser", choices=("none", "real"), default="none")
    parser.add_argument("--runs", type=int, default=1, help="pipeline runs (fresh database each)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    pages = fixture_pages()
    replay = Replay(free_port(), args.feeds, args.items, max(args.repoll, args.feeds), len(pages))
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    server = ctx.Process(target=serve, args=(replay, args.latency, pages, ready), daemon=True)
    server.start()
    if not ready.wait(120):
        sys.exit("the replay server did not start")
    print(
        f"replay: {args.feeds} feeds x {args.items} articles on {args.feeds} hosts, "
        f"{len(pages)} distinct real pages, {args.latency * 1000:.0f} ms per answer, "
        f"{os.cpu_count()} cores",
        flush=True,
    )
    results: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}}
    try:
        bound = extraction_bound(pages)
        pooled = pool_only(pages)
        results["extraction_1_process"] = bound
        results["extraction_pool_of_2"] = pooled
        print(
            f"extraction alone: 1 process {bound:.1f} pages/s -> 2-core bound {2 * bound:.1f}/s; "
            f"a pool of 2 gives {pooled:.1f}/s right now",
            flush=True,
        )

        with tempfile.TemporaryDirectory(prefix="bench-replay-") as tmp:
            runs = []
            for number in range(1, args.runs + 1):
                data = Path(tmp) / f"run-{number}"
                data.mkdir()
                settings = settings_for(replay, data, args.feeds, args.concurrency)
                analyse = _analyser(args.analyser, settings)
                run = pipeline(settings, analyse, server.pid, force=False)
                runs.append((run, data))
                _report(run, bound, pooled, label=f"pipeline run {number}/{args.runs}")
            # On a shared machine other processes take CPU from some runs: the figures of the
            # run they disturbed least stand for the pipeline, the others are shown above.
            run, data = min(runs, key=lambda item: item[0].extra["foreign_cpu"])
            rates = sorted(r.rate for r, _ in runs)
            results["pipeline"] = _figures(run, bound, pooled)
            results["pipeline"]["median_articles_per_s"] = rates[len(rates) // 2]
            if args.runs > 1:
                print(
                    f"pipeline, least disturbed of {args.runs} runs: {run.rate:.1f}/s = "
                    f"{run.rate / (2 * bound):.2f}x the 2-core bound; median {rates[len(rates) // 2]:.1f}/s",
                    flush=True,
                )

            slow = naive(replay, min(args.naive_feeds, args.feeds)) if args.naive_feeds else None
            if slow is not None and slow.rate:
                print(
                    f"naive loop: {slow.articles} articles in {slow.seconds:.1f}s = "
                    f"{slow.rate:.2f}/s; pipeline is {run.rate / slow.rate:.1f}x faster",
                    flush=True,
                )
                results["naive"] = {
                    "seconds": slow.seconds,
                    "articles": slow.articles,
                    "articles_per_s": slow.rate,
                    "speedup": run.rate / slow.rate,
                }

            if args.repoll:
                wide = settings_for(replay, data, replay.repoll, args.concurrency)
                setup = pipeline(wide, analyse, server.pid, force=True)
                pages_before = server_stats(replay.port)["pages"]
                again = pipeline(wide, analyse, server.pid, force=True)
                stats = server_stats(replay.port)
                fetched = stats["pages"] - pages_before
                s = again.summary
                print(
                    f"re-poll: {replay.repoll} feeds in {again.seconds:.2f}s "
                    f"(not modified {s.feeds_not_modified}, ok {s.feeds_ok}, failed "
                    f"{s.feeds_failed}); pages fetched {fetched} "
                    f"(first poll of the copies: {setup.seconds:.1f}s, "
                    f"{setup.summary.new_entries} entries linked, "
                    f"{setup.summary.articles_extracted} articles fetched)",
                    flush=True,
                )
                results["repoll"] = {
                    "feeds": replay.repoll,
                    "seconds": again.seconds,
                    "not_modified": s.feeds_not_modified,
                    "pages_fetched": fetched,
                }
    finally:
        server.kill()
        server.join()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _our_cpu(run: Run) -> float:
    return run.main_cpu + run.worker_cpu + run.other_cpu + run.extra["server_cpu"]


def _figures(run: Run, bound: float, pooled: float) -> dict[str, float]:
    monitor_cpu = run.main_cpu + run.worker_cpu + run.other_cpu
    return {
        "seconds": run.seconds,
        "articles": run.articles,
        "articles_per_s": run.rate,
        "vs_bound": run.rate / (2 * bound),
        "vs_pool_of_2": run.rate / pooled,
        "main_cpu_s": run.main_cpu,
        "worker_cpu_s": run.worker_cpu,
        "other_cpu_s": run.other_cpu,
        "extraction_share": run.worker_cpu / monitor_cpu if monitor_cpu else 0.0,
        "server_cpu_s": run.extra["server_cpu"],
        "foreign_cpu_s": run.extra["foreign_cpu"],
        "cpu_efficiency": (run.articles / bound) / _our_cpu(run) if _our_cpu(run) else 0.0,
        "main_peak_rss_mb": run.main_peak_mb,
        "worker_peak_rss_mb": run.worker_peak_mb,
    }


def _report(run: Run, bound: float, pooled: float, label: str) -> None:
    f = _figures(run, bound, pooled)
    print(
        f"{label}: {run.articles} articles in {run.seconds:.1f}s = {run.rate:.1f}/s "
        f"= {f['vs_bound']:.2f}x the 2-core bound ({f['vs_pool_of_2']:.2f}x the pool of 2)\n"
        f"  CPU: main {run.main_cpu:.1f}s, workers {run.worker_cpu:.1f}s, other of ours "
        f"{run.other_cpu:.1f}s -> extraction and parsing {f['extraction_share']:.0%} of the "
        f"monitor's CPU; replay server {f['server_cpu_s']:.1f}s; other processes on the machine "
        f"{f['foreign_cpu_s']:.1f}s of {run.extra['capacity']:.0f} core-seconds\n"
        f"  CPU efficiency {f['cpu_efficiency']:.2f} (single-process extraction CPU of these "
        f"articles / all the CPU the monitor and the server used)\n"
        f"  peak RSS: main {run.main_peak_mb:.0f} MB, each worker {run.worker_peak_mb:.0f} MB\n"
        f"  {run.summary.summary()}",
        flush=True,
    )


def _analyser(kind: str, settings: Any) -> Callable[..., Any]:
    if kind == "none":
        return lambda article: None
    from monitor.app import make_analyser
    from monitor.store.engine import open_store

    engine = open_store(settings.database_url)
    try:
        return make_analyser(settings, engine, datetime.now(UTC))
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
