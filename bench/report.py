"""The report page over a long run: 10,000 stored findings, a year of polls of 22 feeds.

    python -m bench.report [--findings 10000] [--runs 5] [--loads 5] [--keep DIR] [--json FILE]

Stores the findings through the store's own writers (articles, findings with mentions, facts
and status events, the entries that listed them) over two years, and an hourly poll of each
feed for a year, into a fresh SQLite database; then times `monitor report --output DIR`
through the real command (a subprocess, as a user runs it) `--runs` times and reports the
median wall time and the command's own figure. With /usr/bin/chromium and Playwright, it opens
the page `--loads` times in headless Chromium and reports, as medians: when the evidence list
and the tables work (`data-interactive-ms`), when the charts are drawn (`data-ready-ms`), how
long a filter takes to redraw the list, and the page's weight.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
START = datetime(2024, 9, 27, 8, tzinfo=UTC)
NOW = datetime(2026, 9, 20, 8, tzinfo=UTC)
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
]
OUTLETS = [f"Outlet {n}" for n in range(30)]
PLACES = ["ain-al-asad", "erbil", "baghdad", "harir", "victory", "al-tanf", "kuwait"]
KINDS = ["step"] * 12 + ["confirmed"] * 3 + ["denied", "delayed", "extended", "completed"]


def store(url: str, findings: int, feeds: list[str], seed: int = 7) -> None:
    from sqlalchemy import insert

    from monitor.store.articles import ArticleRecord, save_article
    from monitor.store.engine import open_store
    from monitor.store.findings import save_finding
    from monitor.store.models import Entry, Feed, PollEvent
    from monitor.store.session import session_scope
    from monitor.types import Article, Fact, Finding, Mention, StatusEvent

    rng = random.Random(seed)
    engine = open_store(url)
    span = (NOW - START).total_seconds()
    with session_scope(engine) as session:
        rows = [
            Feed(name=name, url=f"https://feeds.example/{name}", created_at=START) for name in feeds
        ]
        for row in rows:
            row.tags = []
            row.last_polled_at = row.last_success_at = NOW
        session.add_all(rows)
        session.flush()
        feed_ids = [row.id for row in rows]
    batch = 500
    for first in range(0, findings, batch):
        with session_scope(engine) as session:
            for n in range(first, min(findings, first + batch)):
                published = START + timedelta(seconds=rng.random() * span)
                milestones = rng.choice(
                    [("iraq-mission-end",)] * 6 + [("syria-support-end",)] * 3
                    + [("iraq-mission-end", "syria-support-end")]
                )  # fmt: skip
                roll = rng.random()
                novelty = (
                    "new" if roll < 0.25 else "baseline_repeat" if roll > 0.97 else "background"
                )
                title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" ({n})"
                sentence = (
                    f"The {rng.choice(WORDS)} said the {rng.choice(WORDS)} would continue "
                    f"by September 2025, as {rng.choice(WORDS)} moved to {rng.choice(PLACES)}."
                )
                mentions = tuple(
                    Mention(m, sentence, 0, len(sentence), date_text="by September 2025", score=1.0)
                    for m in milestones
                )
                facts: tuple[Fact, ...] = ()
                events: tuple[StatusEvent, ...] = ()
                if novelty == "new":
                    place = rng.choice(PLACES)
                    facts = (Fact(milestones[0], "place", f"left {place}", f"place:{place}:leave"),)
                    if rng.random() < 0.5:
                        kind = rng.choice(KINDS)
                        events = (StatusEvent(milestones[0], kind, f"{kind}: {place}", sentence),)  # type: ignore[arg-type]
                article_url = f"https://news{n % 40}.example/story/{n}"
                record = ArticleRecord(
                    url=article_url,
                    article=Article(
                        url=article_url,
                        title=title,
                        text=sentence * 8,
                        published=published,
                        site_name=rng.choice(OUTLETS),
                    ),
                    fetched_at=published + timedelta(hours=1),
                )
                seen = published + timedelta(hours=1)
                article_id, _ = save_article(session, record, seen, analysed_at=seen)
                finding = Finding(
                    relevant=novelty != "baseline_repeat",
                    milestones=milestones if novelty != "baseline_repeat" else (),
                    novelty=novelty,  # type: ignore[arg-type]
                    mentions=mentions if novelty != "baseline_repeat" else (),
                    new_facts=facts,
                    events=events,
                    repeat_of="004_8adf0b6e8007587d" if novelty == "baseline_repeat" else None,
                )
                save_finding(session, article_id, finding, seen)
                session.add(
                    Entry(
                        feed_id=rng.choice(feed_ids),
                        key=f"k{n}",
                        url=article_url,
                        title=title,
                        article_id=article_id,
                        first_seen_at=seen,
                        updated_at=seen,
                    )
                )
    # A year of hourly polls of every feed, one in twenty failed.
    with session_scope(engine) as session:
        hours = 365 * 24
        for feed_id in feed_ids:
            rows = []
            for h in range(hours):
                failed = rng.random() < 0.05
                rows.append(
                    {
                        "feed_id": feed_id,
                        "at": NOW - timedelta(hours=hours - h),
                        "outcome": "failed" if failed else rng.choice(["ok", "not_modified"]),
                        "error": "HTTP 503" if failed else None,
                        "new_entries": 0,
                        "seconds": 0.2,
                    }
                )
            session.execute(insert(PollEvent), rows)
    engine.dispose()


def write_config(folder: Path, url: str, feeds: list[str]) -> Path:
    data = yaml.safe_load((REPO / "config" / "monitor.yaml").read_text(encoding="utf-8"))
    data.update(
        database_url=url,
        data_dir=str(folder / "data"),
        seeds_dir=str(REPO / "seeds"),
        templates_dir=str(REPO / "alerts"),
        feeds=[{"name": name, "url": f"https://feeds.example/{name}"} for name in feeds],
    )
    path = folder / "monitor.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def time_command(config: Path, output: Path, runs: int) -> dict[str, object]:
    command = [sys.executable, "-m", "monitor", "--config", str(config), "report",
               "--output", str(output), "--json"]  # fmt: skip
    walls, inner, last = [], [], {}
    for _ in range(runs):
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        walls.append(time.monotonic() - started)
        if result.returncode != 0:
            raise SystemExit(f"monitor report failed: {result.stderr.strip()}")
        last = json.loads(result.stdout)
        inner.append(float(last["seconds"]))
    return {
        "command": " ".join(command[1:]),
        "wall_seconds": [round(w, 2) for w in walls],
        "wall_median": round(statistics.median(walls), 2),
        "command_median": round(statistics.median(inner), 2),
        "stories": last["stories"],
        "articles": last["articles"],
    }


def page_weight(output: Path) -> dict[str, int]:
    manifest = json.loads((output / ".monitor-report.json").read_text())["files"]
    return {name: (output / name).stat().st_size for name in manifest}


def browser(index: Path, loads: int) -> dict[str, object] | None:
    sys.path.insert(0, str(REPO / "tests" / "report"))
    try:
        from browser import CHROMIUM, launch
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    interactive, ready, filters, outside = [], [], [], []
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        for _ in range(loads):
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.on(
                "request",
                lambda r: outside.append(r.url) if not r.url.startswith("file:") else None,
            )
            page.goto(index.resolve().as_uri())
            page.wait_for_selector("html[data-ready='1']", timeout=120_000)
            interactive.append(int(page.get_attribute("html", "data-interactive-ms")))
            ready.append(int(page.get_attribute("html", "data-ready-ms")))
            filters.append(
                page.evaluate(
                    """() => {
                        const select = document.querySelector('#f-milestone');
                        const t = performance.now();
                        select.value = 'syria-support-end';
                        select.dispatchEvent(new Event('change', {bubbles: true}));
                        return performance.now() - t;
                    }"""
                )
            )
            page.close()
        chromium.close()
    return {
        "interactive_ms": interactive,
        "interactive_median_ms": statistics.median(interactive),
        "charts_drawn_ms": ready,
        "charts_drawn_median_ms": statistics.median(ready),
        "filter_ms_median": round(statistics.median(filters), 1),
        "requests_outside": len(outside),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the store and report here.")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{folder / 'bench.db'}"
        feeds = [f"feed-{n:02d}" for n in range(22)]
        started = time.monotonic()
        if not (folder / "bench.db").exists():
            store(url, args.findings, feeds)
        print(
            f"stored {args.findings} findings and a year of polls in {time.monotonic() - started:.1f}s"
        )
        config = write_config(folder, url, feeds)
        output = folder / "report"
        figures: dict[str, object] = {"findings": args.findings}
        figures["command"] = time_command(config, output, args.runs)
        weight = page_weight(output)
        figures["page_bytes"] = weight
        figures["page_total_bytes"] = sum(weight.values())
        figures["browser"] = browser(output / "index.html", args.loads)
        print(json.dumps(figures, indent=2))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
