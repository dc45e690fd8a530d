"""Read paths over a long history: 100,000 stored findings, timed through the real `monitor`.

    python -m bench.read_paths [--monitor PATH ...] [--findings 100000] [--runs 3]
                               [--keep DIR] [--json FILE]

Builds one SQLite database: the schema from `monitor db upgrade` of the first `--monitor`,
then rows inserted in bulk with Core statements on the reflected tables (so any version of
the schema can be filled): `--findings` articles with text (5% with a raw page of 40 KB),
each with its finding (60% not relevant, 28% background, 10% new, 2% re-publications of the
baseline), a mention per milestone of the relevant ones, facts and status events on the new
ones, one or two feed entries per article (with a publisher for aggregator items), a year of
hourly polls of 30 feeds, and a digest a day. All but the newest 1,500 relevant findings are
delivered; most of the undelivered ones are about one milestone, and a fifth of them are wire
copies of another (same text with a changed sentence, same title with another outlet).

For each `--monitor` (a `monitor` console script, e.g. `.venv/bin/monitor` of another
worktree), a copy of the database is brought to that version's newest schema with its own
`db upgrade` (so a newer version's migration runs on the copy as it would in production),
then each command runs `--runs` times as a subprocess, its output sent to a file:

    findings --json          the relevant findings, one JSON object per line
    findings --json --all    every analysed article
    digest --preview         compose the pending digest (stories) without storing it
    feeds                    the feeds table
    status                   where each milestone stands
    --help                   the command line's own start

Reported per command: the median wall time, CPU time (user + system) and peak RSS of the
process (from wait4), and the number of output lines (the same for every version). The
machine is shared: the CPU time is the figure other processes disturb least.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
# The history ends now (to the hour), so that "the last 7 days" of `monitor feeds` hold entries.
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
START = NOW - timedelta(days=730)
MILESTONES = ("iraq-mission-end", "syria-support-end")
PENDING = 1_500
FEEDS = [f"feed-{n:02d}" for n in range(30)]
WORDS = [
    "convoy",
    "base",
    "handover",
    "troops",
    "advisers",
    "drawdown",
    "erbil",
    "baghdad",
    "anbar",
    "kurdistan",
    "coalition",
    "pentagon",
    "ministry",
    "parliament",
    "withdrawal",
    "mission",
    "partnership",
    "security",
    "talks",
    "statement",
    "officials",
    "deadline",
    "phase",
    "transition",
    "forces",
    "airbase",
    "logistics",
    "command",
    "brigade",
    "sources",
    "agreement",
    "minister",
    "spokesman",
    "reported",
    "confirmed",
    "planned",
    "delayed",
    "completed",
    "announced",
    "week",
    "month",
    "year",
    "september",
    "january",
    "government",
    "military",
    "iraqi",
    "american",
    "presence",
    "end",
]
PLACES = ["ain-al-asad", "erbil", "baghdad", "harir", "victory", "al-tanf", "kuwait"]
KINDS = ["step"] * 12 + ["confirmed"] * 3 + ["denied", "delayed", "extended", "completed"]
COMMANDS: dict[str, list[str]] = {
    "findings --json": ["findings", "--json"],
    "findings --json --all": ["findings", "--json", "--all"],
    "digest --preview": ["digest", "--preview"],
    "feeds": ["feeds"],
    "status": ["status"],
    "--help": ["--help"],
}


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, milestone_sentence: str) -> str:
    body = [_sentence(rng) for _ in range(rng.randint(15, 30))]
    body.insert(rng.randint(0, len(body)), milestone_sentence)
    return "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))


def fill(url: str, findings: int, seed: int = 11) -> None:
    """Insert the rows into the (migrated, empty) database at `url`."""
    from sqlalchemy import MetaData, create_engine, insert

    rng = random.Random(seed)
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    span = (NOW - START).total_seconds()
    with engine.begin() as conn:
        conn.execute(
            insert(t["feeds"]),
            [
                {
                    "id": i + 1,
                    "name": name,
                    "url": f"https://feeds.example/{name}",
                    "tags": [],
                    "enabled": True,
                    "polls_since_unconditional": 0,
                    "consecutive_failures": 1.0 if i % 10 == 9 else 0.0,
                    "gone": False,
                    "last_polled_at": NOW.replace(tzinfo=None),
                    "last_success_at": (NOW - timedelta(hours=1)).replace(tzinfo=None),
                    "next_poll_at": (NOW + timedelta(minutes=30)).replace(tzinfo=None),
                    "created_at": START.replace(tzinfo=None),
                }
                for i, name in enumerate(FEEDS)
            ],
        )
        days = (NOW - START).days
        conn.execute(
            insert(t["digests"]),
            [
                {
                    "id": d + 1,
                    "key": f"digest:{d}",
                    "kind": "digest",
                    "created_at": (START + timedelta(days=d, hours=8)).replace(tzinfo=None),
                    "period_start": (START + timedelta(days=d - 1, hours=8)).replace(tzinfo=None),
                    "period_end": (START + timedelta(days=d, hours=8)).replace(tzinfo=None),
                    "subject": f"digest {d}",
                    "text": "",
                    "html": "",
                    "slack": [],
                    "finding_count": 0,
                }
                for d in range(days)
            ],
        )
        # Publication times in order, so that the newest relevant ones are the pending ones.
        times = sorted(START + timedelta(seconds=rng.random() * span) for _ in range(findings))
        kinds = []
        for _ in range(findings):
            roll = rng.random()
            kinds.append(
                "none"
                if roll < 0.60
                else "background"
                if roll < 0.88
                else "new"
                if roll < 0.98
                else "baseline_repeat"
            )
        pending_from = len(kinds)
        relevant_left = 0
        while pending_from > 0 and relevant_left < PENDING:
            pending_from -= 1
            if kinds[pending_from] in ("new", "background", "baseline_repeat"):
                relevant_left += 1
        batch = 2_000
        entry_id = 0
        pending_texts: list[tuple[str, str]] = []
        for first in range(0, findings, batch):
            articles, rows, mentions, events, entries = [], [], [], [], []
            for n in range(first, min(findings, first + batch)):
                published = times[n]
                seen = (published + timedelta(hours=1)).replace(tzinfo=None)
                novelty = kinds[n]
                relevant = novelty in ("new", "background")
                pending = n >= pending_from and novelty != "none"
                if pending:
                    milestones = (MILESTONES[0],) if rng.random() < 0.8 else (MILESTONES[1],)
                else:
                    milestones = rng.choice(
                        [(MILESTONES[0],)] * 6 + [(MILESTONES[1],)] * 3 + [MILESTONES]
                    )
                outlet = rng.choice(FEEDS)
                sentence = (
                    f"The {rng.choice(WORDS)} said the {rng.choice(WORDS)} would continue by "
                    f"September 2025, as {rng.choice(WORDS)} moved to {rng.choice(PLACES)}."
                )
                title = " ".join(rng.choice(WORDS) for _ in range(9)).capitalize()
                text = _text(rng, sentence)
                if pending and pending_texts and rng.random() < 0.2:
                    # A wire copy: another outlet's title suffix, one sentence changed.
                    title, text = rng.choice(pending_texts)
                    title = f"{title} - Outlet {rng.randint(1, 40)}"
                    text = text + "\n\n" + _sentence(rng)
                elif pending:
                    pending_texts.append((title, text))
                raw = os.urandom(40_000) if rng.random() < 0.05 else None
                article_id = n + 1
                articles.append(
                    {
                        "id": article_id,
                        "url": f"https://news{n % 40}.example/story/{n}",
                        "title": title,
                        "text": text,
                        "text_hash": f"{n:064x}",
                        "published": published.replace(tzinfo=None),
                        "origin": "page",
                        "site_name": f"Outlet {n % 40}",
                        "language": "en",
                        "raw_page": raw,
                        "raw_hash": f"{n:064x}" if raw else None,
                        "raw_size": len(raw) if raw else None,
                        "fetched_url": f"https://news{n % 40}.example/story/{n}",
                        "fetched_at": seen,
                        "analysed_at": seen,
                        "created_at": seen,
                    }
                )
                facts = []
                if novelty == "new":
                    place = rng.choice(PLACES)
                    facts = [
                        {
                            "milestone": milestones[0],
                            "kind": "place",
                            "statement": f"left {place}",
                            "key": f"place:{place}:leave",
                            "baseline": None,
                        }
                    ]
                    if rng.random() < 0.5:
                        kind = rng.choice(KINDS)
                        events.append(
                            {
                                "finding_id": article_id,
                                "milestone": milestones[0],
                                "kind": kind,
                                "statement": f"{kind}: {place}",
                                "sentence": sentence,
                                "partial": False,
                                "evidence_on": published.date(),
                            }
                        )
                digest = None if pending else min(days, (published - START).days + 1)
                rows.append(
                    {
                        "id": article_id,
                        "article_id": article_id,
                        "relevant": relevant,
                        "novelty": novelty,
                        "milestones": list(milestones) if relevant else [],
                        "status_change": None,
                        "repeat_of": "004_8adf0b6e8007587d"
                        if novelty == "baseline_repeat"
                        else None,
                        "repeat_similarity": 0.9 if novelty == "baseline_repeat" else 0.0,
                        "new_facts": facts,
                        "known_facts": [],
                        "notes": [],
                        "analysed_at": seen,
                        "digest_id": digest if novelty != "none" else None,
                        "alert_digest_id": digest if facts and rng.random() < 0.1 else None,
                    }
                )
                if relevant:
                    for m in milestones:
                        mentions.append(
                            {
                                "finding_id": article_id,
                                "milestone": m,
                                "sentence": sentence,
                                "start": 0,
                                "end": len(sentence),
                                "context": sentence,
                                "date_text": "by September 2025",
                                "date_resolved": "2025-09-30",
                                "date_precision": "month",
                                "date_bound": "by",
                                "rule": "due-date",
                                "terms": ["coalition"],
                                "score": 1.0,
                            }
                        )
                for copy in range(1 if rng.random() < 0.7 else 2):
                    entry_id += 1
                    feed = FEEDS.index(outlet) + 1 if copy == 0 else rng.randint(1, len(FEEDS))
                    entries.append(
                        {
                            "id": entry_id,
                            "feed_id": feed,
                            "key": f"k{entry_id}",
                            "guid": f"g{entry_id}",
                            "link": articles[-1]["url"],
                            "url": articles[-1]["url"],
                            "title": title,
                            "summary": sentence,
                            "published": published.replace(tzinfo=None),
                            "publisher": f"Outlet {n % 40}" if copy else None,
                            "content_hash": f"{entry_id:064x}",
                            "analysed_hash": f"{entry_id:064x}",
                            "article_id": article_id,
                            "first_seen_at": seen,
                            "updated_at": seen,
                        }
                    )
            conn.execute(insert(t["articles"]), articles)
            conn.execute(insert(t["findings"]), rows)
            if mentions:
                conn.execute(insert(t["mentions"]), mentions)
            if events:
                conn.execute(insert(t["status_events"]), events)
            conn.execute(insert(t["entries"]), entries)
        hours = 365 * 24
        for feed_id in range(1, len(FEEDS) + 1):
            polls = []
            for h in range(hours):
                failed = rng.random() < 0.05
                polls.append(
                    {
                        "feed_id": feed_id,
                        "at": (NOW - timedelta(hours=hours - h)).replace(tzinfo=None),
                        "outcome": "failed" if failed else rng.choice(["ok", "not_modified"]),
                        "error": "HTTP 503" if failed else None,
                        "new_entries": 0,
                        "seconds": 0.2,
                    }
                )
            conn.execute(insert(t["poll_events"]), polls)
    engine.dispose()


def write_config(folder: Path, url: str) -> Path:
    data = yaml.safe_load((REPO / "config" / "monitor.yaml").read_text(encoding="utf-8"))
    data.update(
        database_url=url,
        data_dir=str(folder / "data"),
        seeds_dir=str(REPO / "seeds"),
        templates_dir=str(REPO / "alerts"),
        feeds=[{"name": name, "url": f"https://feeds.example/{name}"} for name in FEEDS],
    )
    path = folder / "monitor.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run_once(command: list[str], out: Path) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one run, its output written to `out`."""
    with out.open("wb") as sink:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        assert process.stderr is not None
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {stderr.decode(errors='replace')[-500:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def time_monitor(monitor: Path, config: Path, folder: Path, runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, args in COMMANDS.items():
        walls, peaks, cpus = [], [], []
        out = folder / "out.txt"
        for _ in range(runs):
            wall, peak, cpu = run_once([str(monitor), "--config", str(config), *args], out)
            walls.append(wall)
            peaks.append(peak)
            cpus.append(cpu)
        with out.open("rb") as handle:
            lines = sum(1 for _ in handle)
        figures[name] = {
            "wall_median": round(statistics.median(walls), 2),
            "wall": [round(w, 2) for w in walls],
            "cpu_median": round(statistics.median(cpus), 2),
            "rss_mb_median": round(statistics.median(peaks), 1),
            "output_lines": lines,
        }
        got = figures[name]
        print(f"  {name:<24} {got['wall_median']:6.2f} s  (CPU {got['cpu_median']:5.2f} s)  "
              f"{got['rss_mb_median']:7.1f} MB  {lines} lines", flush=True)  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--monitor",
        type=Path,
        action="append",
        help="a `monitor` console script to time (repeatable; default: this venv's)",
    )
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the databases here.")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    monitors = args.monitor or [Path(sys.executable).parent / "monitor"]
    with tempfile.TemporaryDirectory(prefix="bench-read-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "source.db"
        if not source.exists():
            started = time.monotonic()
            partial = folder / "building.db"
            partial.unlink(missing_ok=True)
            url = f"sqlite:///{partial}"
            config = write_config(folder, url)
            subprocess.run(
                [str(monitors[0]), "--config", str(config), "db", "upgrade"],
                check=True,
                capture_output=True,
            )
            fill(url, args.findings)
            partial.rename(source)
            print(f"stored {args.findings} findings in {time.monotonic() - started:.1f}s")
        size = source.stat().st_size / 1e6
        figures: dict[str, Any] = {"findings": args.findings, "database_mb": round(size)}
        for n, monitor in enumerate(monitors):
            copy = folder / f"copy{n}.db"
            shutil.copyfile(source, copy)
            config = write_config(folder, f"sqlite:///{copy}")
            upgraded = subprocess.run(
                [str(monitor), "--config", str(config), "db", "upgrade"],
                check=True,
                capture_output=True,
                text=True,
            )
            print(f"{monitor}: {upgraded.stdout.strip()}", flush=True)
            figures[str(monitor)] = time_monitor(monitor, config, folder, args.runs)
            copy.unlink()
        print(json.dumps(figures, indent=2))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
