"""Analysis time against trafilatura extraction time, per article, on the same pages.

    python -m bench.analysis_speed [--pages DIR ...] [--repeat N]

For every page: the time `extract_article` takes on the page's bytes, and the time `analyse`
takes on the extracted article (the baseline is built once, outside the timing). Each is the
best of N runs (default 5), so a stray pause of the machine does not count. Prints, per set of
pages, the median, mean and worst ratio analysis / extraction and the medians of both; the
target is a median ratio of at most 10 %.

The default sets are the labelled development set (tests/data/devset: small pages written for
the set, about 4 KB of HTML each, so extraction is unusually cheap there) and, when present,
the real news pages of ../shared/fixtures/articles (about 115 KB each, as fetched). A
benchmark, not a test: run it on purpose, on a quiet machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO / "tests" / "data" / "devset"
REAL_PAGES = REPO.parent / "shared" / "fixtures" / "articles"
CONFIG = REPO / "config" / "monitor.yaml"


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.analysis_speed", description=__doc__)
    parser.add_argument("--pages", type=Path, nargs="*", default=None)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from monitor.analysis.analyser import build_baseline
    from monitor.config import load_settings
    from monitor.seeds import load_seeds

    settings = load_settings(args.config, env={})
    started = time.perf_counter()
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    print(f"baseline built once in {(time.perf_counter() - started) * 1000:.1f} ms")
    folders = args.pages or [p for p in (DEVSET, REAL_PAGES) if p.is_dir()]
    for folder in folders:
        measure(folder, baseline, args.repeat)
    return 0


def measure(folder: Path, baseline: object, repeat: int) -> None:
    from monitor.analysis.analyser import analyse
    from monitor.extract.article import extract_article

    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for page in sorted(folder.rglob("*.html")):
        html = page.read_bytes()
        article = extract_article(html, None)
        if article is None:
            continue
        extract_s = best_of(repeat, lambda h=html: extract_article(h, None))
        analyse_s = best_of(repeat, lambda a=article: analyse(a, baseline, now=now))
        rows.append((page.name, len(html), len(article.text), extract_s, analyse_s))
    print(f"\n{folder} ({len(rows)} pages)")
    if not rows:
        return
    ratios = [a / e for _, _, _, e, a in rows]
    print(
        f"  page median {statistics.median(r[1] for r in rows) / 1024:.1f} KB, "
        f"text median {statistics.median(r[2] for r in rows):.0f} chars"
    )
    print(
        f"  extraction median {statistics.median(r[3] for r in rows) * 1000:.2f} ms, "
        f"analysis median {statistics.median(r[4] for r in rows) * 1000:.3f} ms"
    )
    print(
        f"  analysis / extraction: median {statistics.median(ratios):.1%}, "
        f"mean {statistics.mean(ratios):.1%}, worst {max(ratios):.1%} "
        f"({rows[ratios.index(max(ratios))][0]})"
    )
    verdict = "met" if statistics.median(ratios) <= 0.10 else "NOT met"
    print(f"  target (median <= 10%): {verdict}")


if __name__ == "__main__":
    sys.exit(main())
