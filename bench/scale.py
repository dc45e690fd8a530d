"""Scale benchmark of `monitor poll --force` through the real console script: throughput
against the 2-core extraction bound, peak memory of the whole process tree, statements per
article and database bytes per article.

    python -m bench.scale [--articles 1000] [--big 10000] [--runs 3] [--latency 0.3]
                          [--hosts 100] [--monitor PATH] [--compare PATH] [--json FILE]

The replay server of `bench.replay` answers on `--hosts` loopback hosts (127.0.0.2, ...),
each answer after `--latency` seconds; feed i lives on host i and lists articles/hosts items
on the same host, each one of the real fixture pages under a distinct URL. The monitor runs
with per-host gaps and jitter 0 (two requests at once per host, as configured by default),
the real analysis (seeds and milestones of config/monitor.yaml), a fresh SQLite database
per run, created by `monitor db upgrade` before the measured poll (as a running monitor finds
its database after its first command).

Phases, all in one run:
1. Throughput, `--runs` times: the 2-core extraction bound (`extract_article`, trafilatura
   with metadata, timed steady-state in this process, x2; the median of three rounds) measured
   right before and right after each poll (their mean),
   and what a pool of 2 extracting alone gets right now (the share of the cores other work
   on the machine leaves us),
   then `monitor --config config/monitor.yaml poll --force` as a subprocess. The rate is
   articles / the cycle's own seconds (the summary line's figure: the command's start-up,
   imports and the baseline build are outside it; the wall time is shown too). Medians.
2. Memory: peak PSS of the monitor process and all its descendants (sum of
   /proc/<pid>/smaps_rollup, sampled every 50 ms) at `--articles` and `--big` articles in
   one cycle, in polls of their own: reading smaps_rollup walks the process's page tables
   (about 5 ms of CPU for 150 MB), so sampling five processes twenty times a second takes
   a sixth of the two cores from the poll it measures. The throughput runs are not sampled.
3. Statements: one more poll of `--articles` with a `sitecustomize` on PYTHONPATH that counts
   the statements SQLAlchemy sends (a `before_cursor_execute` listener on every Engine;
   an executemany counts once), written at exit. Run apart: the listener's import would
   weigh on the workers' memory.
4. Database: file size per article after the first throughput run, and the bytes of raw
   pages kept for articles that matched no milestone.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.replay import (
    REPO,
    Replay,
    extraction_bound,
    fixture_pages,
    free_port,
    pool_only,
    serve,
)

SUMMARY = re.compile(r"articles extracted (\d+), findings (\d+); ([\d.]+)s")

COUNTER = textwrap.dedent(
    """
    import atexit, os

    def _install():
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        counts = {"statements": 0}

        @event.listens_for(Engine, "before_cursor_execute")
        def _count(conn, cursor, statement, parameters, context, executemany):
            counts["statements"] += 1
            word = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"
            counts[word] = counts.get(word, 0) + 1

        def _write():
            import json
            with open(os.environ["BENCH_STATEMENTS_FILE"], "w") as out:
                json.dump(counts, out)

        atexit.register(_write)

    # Only the monitor's own process (the first to start): its workers and the forkserver
    # inherit the environment with the owner set, and install nothing.
    if os.environ.get("BENCH_STATEMENTS_FILE") and not os.environ.get("BENCH_STATEMENTS_OWNER"):
        os.environ["BENCH_STATEMENTS_OWNER"] = str(os.getpid())
        _install()
    """
)


class PssSampler(threading.Thread):
    """Peak of the summed PSS of process `root` and all its descendants."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_kb = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            total, count = self.sample()
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, count
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def sample(self) -> tuple[int, int]:
        frontier, seen, total = [self.root], set(), 0
        while frontier:
            pid = frontier.pop()
            if pid in seen:
                continue
            seen.add(pid)
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tasks:
                try:
                    children = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
                except OSError:
                    continue
                frontier.extend(int(child) for child in children)
        return total, len(seen)


@dataclass
class Poll:
    articles: int
    findings: int
    cycle_seconds: float
    wall_seconds: float
    peak_pss_mb: float
    processes: int
    statements: dict[str, int] | None = None

    @property
    def rate(self) -> float:
        return self.articles / self.cycle_seconds if self.cycle_seconds else 0.0


def environment(replay: Replay, feeds: int, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "MONITOR_DATABASE_URL": f"sqlite:///{data / 'bench.db'}",
            "MONITOR_DATA_DIR": str(data),
            "MONITOR_FEEDS": json.dumps(
                [{"name": f"feed-{i}", "url": replay.feed_url(i)} for i in range(feeds)]
            ),
            "MONITOR_FETCH__ALLOW_PRIVATE_ADDRESSES": "true",
            "MONITOR_FETCH__PER_HOST_MIN_GAP_SECONDS": "0",
            "MONITOR_FETCH__JITTER_SECONDS": "0",
            "MONITOR_CHANNELS__CONSOLE__ENABLED": "false",
        }
    )
    return env


def poll(
    monitor: str, env: dict[str, str], statements: Path | None = None, memory: bool = False
) -> Poll:
    """One `monitor poll --force`; with `memory`, its peak PSS is sampled (which slows it)."""
    env = dict(env)
    tmp = None
    if statements is not None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-counter-")
        Path(tmp.name, "sitecustomize.py").write_text(COUNTER)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tmp.name, env.get("PYTHONPATH")]))
        env["BENCH_STATEMENTS_FILE"] = str(statements)
    config = ["--config", str(REPO / "config" / "monitor.yaml")]
    # The database as a running monitor finds it: created and migrated by an earlier command
    # (the migrations' imports would otherwise stay in the measured process).
    subprocess.run([monitor, *config, "db", "upgrade"], env=env, check=True, capture_output=True)
    command = [monitor, *config, "poll", "--force"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = PssSampler(process.pid) if memory else None
    if sampler is not None:
        sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    if sampler is not None:
        sampler.stop()
    if tmp is not None:
        tmp.cleanup()
    found = SUMMARY.search(err)
    if process.returncode not in (0, 1) or found is None:
        sys.exit(f"monitor poll failed (exit {process.returncode}):\n{out}\n{err[-3000:]}")
    counted = json.loads(statements.read_text()) if statements is not None else None
    return Poll(
        articles=int(found.group(1)),
        findings=int(found.group(2)),
        cycle_seconds=float(found.group(3)),
        wall_seconds=wall,
        peak_pss_mb=sampler.peak_kb / 1024 if sampler is not None else 0.0,
        processes=sampler.peak_processes if sampler is not None else 0,
        statements=counted,
    )


def database_figures(path: Path, articles: int) -> dict[str, float]:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw_irrelevant, irrelevant = db.execute(
            "SELECT coalesce(sum(length(a.raw_page)), 0), count(*) FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.article_id = a.id "
            "AND f.relevant)"
        ).fetchone()
        text = db.execute("SELECT coalesce(sum(length(text)), 0) FROM articles").fetchone()[0]
    size = path.stat().st_size
    return {
        "file_bytes": size,
        "bytes_per_article": size / articles if articles else 0.0,
        "irrelevant_articles": irrelevant,
        "raw_page_bytes_per_irrelevant_article": raw_irrelevant / irrelevant if irrelevant else 0,
        "text_bytes_per_article": text / articles if articles else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000, help="0 skips the big cycle")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument(
        "--monitor",
        default=str(Path(sys.executable).parent / "monitor"),
        help="the console script to run (default: the one beside this Python)",
    )
    parser.add_argument(
        "--compare",
        help="another console script (an older checkout's, say): its throughput polls run "
        "in turn with the monitor's, each against the bound measured around it",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    pages = fixture_pages()
    feeds = args.hosts
    items_small = max(1, args.articles // feeds)
    items_big = max(1, args.big // feeds) if args.big else items_small
    replay_small = Replay(free_port(), feeds, items_small, feeds, len(pages))
    replay_big = Replay(free_port(), feeds, items_big, feeds, len(pages))
    ctx = multiprocessing.get_context("spawn")
    servers = []
    for replay in (replay_small, replay_big) if args.big else (replay_small,):
        ready = ctx.Event()
        server = ctx.Process(target=serve, args=(replay, args.latency, pages, ready), daemon=True)
        server.start()
        servers.append(server)
        if not ready.wait(120):
            sys.exit("the replay server did not start")
    print(
        f"replay: {feeds} hosts, {items_small} (and {items_big}) articles per feed, "
        f"{len(pages)} distinct real pages, {args.latency * 1000:.0f} ms per answer, "
        f"{os.cpu_count()} cores; monitor {args.monitor}",
        flush=True,
    )
    results: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
            runs: list[tuple[float, Poll]] = []
            compared: list[float] = []
            pools: list[float] = []
            for number in range(1, args.runs + 1):
                data = Path(tmp) / f"run-{number}"
                data.mkdir()
                before = 2 * extraction_bound(pages)
                pooled = pool_only(pages)
                run = poll(args.monitor, environment(replay_small, feeds, data))
                # Measured on both sides of the poll: the machine's speed drifts (other
                # work on a shared host), and the poll sits between the two.
                bound = (before + 2 * extraction_bound(pages)) / 2
                runs.append((bound, run))
                pools.append(pooled)
                print(
                    f"run {number}/{args.runs}: bound {bound:.1f}/s (a pool of 2 right now: "
                    f"{pooled:.1f}/s); {run.articles} articles "
                    f"in {run.cycle_seconds:.1f}s (wall {run.wall_seconds:.1f}s) = "
                    f"{run.rate:.1f}/s = {run.rate / bound:.2f}x the bound; "
                    f"{run.findings} findings",
                    flush=True,
                )
                if number == 1:
                    results["database"] = database_figures(data / "bench.db", run.articles)
                if args.compare:
                    data = Path(tmp) / f"compare-{number}"
                    data.mkdir()
                    before = 2 * extraction_bound(pages)
                    other = poll(args.compare, environment(replay_small, feeds, data))
                    other_bound = (before + 2 * extraction_bound(pages)) / 2
                    compared.append(other.rate / other_bound)
                    print(
                        f"run {number}/{args.runs}, --compare: bound {other_bound:.1f}/s; "
                        f"{other.rate:.1f}/s = {other.rate / other_bound:.2f}x the bound",
                        flush=True,
                    )
            ratios = [run.rate / bound for bound, run in runs]
            results["throughput"] = {
                "median_bound_per_s": statistics.median(b for b, _ in runs),
                "median_articles_per_s": statistics.median(r.rate for _, r in runs),
                "median_vs_bound": statistics.median(ratios),
                "median_pool_of_2_per_s": statistics.median(pools),
                "median_vs_pool_of_2": statistics.median(
                    r.rate / p for (_, r), p in zip(runs, pools, strict=True)
                ),
                "ratios": ratios,
                "median_cycle_seconds": statistics.median(r.cycle_seconds for _, r in runs),
                "median_wall_seconds": statistics.median(r.wall_seconds for _, r in runs),
            }
            t = results["throughput"]
            print(
                f"throughput, median of {args.runs}: {t['median_articles_per_s']:.1f}/s vs bound "
                f"{t['median_bound_per_s']:.1f}/s = {t['median_vs_bound']:.2f}x "
                f"(ratios {', '.join(f'{r:.2f}' for r in ratios)}); "
                f"{t['median_vs_pool_of_2']:.2f}x a pool of 2 measured beside each run",
                flush=True,
            )
            if compared:
                t["compare_median_vs_bound"] = statistics.median(compared)
                t["compare_ratios"] = compared
                print(
                    f"--compare {args.compare}, polled in turn: "
                    f"{statistics.median(compared):.2f}x the bound "
                    f"(ratios {', '.join(f'{r:.2f}' for r in compared)})",
                    flush=True,
                )
            d = results["database"]
            print(
                f"database: {d['bytes_per_article'] / 1024:.1f} KB per article; "
                f"{d['irrelevant_articles']} articles matched nothing, raw page kept for them "
                f"{d['raw_page_bytes_per_irrelevant_article'] / 1024:.1f} KB each; "
                f"text {d['text_bytes_per_article'] / 1024:.1f} KB per article",
                flush=True,
            )

            data = Path(tmp) / "statements"
            data.mkdir()
            counted = poll(
                args.monitor,
                environment(replay_small, feeds, data),
                statements=data / "statements.json",
            )
            assert counted.statements is not None
            per = counted.statements["statements"] / max(1, counted.articles)
            results["statements"] = {**counted.statements, "per_article": per}
            kinds = ", ".join(
                f"{k} {v}" for k, v in sorted(counted.statements.items()) if k != "statements"
            )
            print(
                f"statements: {counted.statements['statements']} for {counted.articles} "
                f"articles = {per:.2f} per article ({kinds})",
                flush=True,
            )

            data = Path(tmp) / "memory"
            data.mkdir()
            small = poll(args.monitor, environment(replay_small, feeds, data), memory=True)
            results["memory"] = {
                "articles_small": small.articles,
                "peak_pss_mb_small": small.peak_pss_mb,
                "processes_small": small.processes,
            }
            print(
                f"memory: peak PSS {small.peak_pss_mb:.0f} MB at {small.articles} articles "
                f"({small.processes} processes)",
                flush=True,
            )
            if args.big:
                data = Path(tmp) / "big"
                data.mkdir()
                big = poll(args.monitor, environment(replay_big, feeds, data), memory=True)
                ratio = big.peak_pss_mb / small.peak_pss_mb if small.peak_pss_mb else 0.0
                results["memory"].update(
                    {
                        "articles_big": big.articles,
                        "peak_pss_mb_big": big.peak_pss_mb,
                        "big_over_small": ratio,
                        "big_cycle_seconds": big.cycle_seconds,
                        "big_articles_per_s": big.rate,
                    }
                )
                print(
                    f"memory: peak PSS {big.peak_pss_mb:.0f} MB at {big.articles} articles "
                    f"({ratio:.2f}x the figure at {small.articles}); the big cycle took "
                    f"{big.cycle_seconds:.0f}s = {big.rate:.1f}/s",
                    flush=True,
                )
    finally:
        for server in servers:
            server.kill()
            server.join()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
