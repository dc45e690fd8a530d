"""Quality of the analysis on the labelled development set, next to a plain keyword rule.

    python -m bench.relevance [--devset DIR] [--config FILE] [--errors]

For every page of tests/data/devset (labels.json) it runs extract_article + analyse and prints,
for the dev split, the holdout split and all pages: precision, recall and F1 of relevance,
milestone accuracy (exact set match on relevant pages, and precision/recall per milestone),
novelty accuracy on the relevant pages and on all pages, the novelty confusion matrix, and
whether every re-publication of a seed was recognised. The same figures follow for the
keyword rule ("September 2025" or "September 2026" together with Iraq, Syria or coalition).

Each page is analysed as the pipeline would on the day it appeared: `now` is the labelled
publication date (noon UTC); the publication date itself comes from the page. `--errors`
lists the dev pages the analysis gets wrong (holdout errors are never listed: the holdout is
for reporting, not tuning).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from monitor.types import NOVELTY_CLASSES

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO / "tests" / "data" / "devset"
CONFIG = REPO / "config" / "monitor.yaml"


@dataclass(frozen=True)
class Prediction:
    relevant: bool
    milestones: frozenset[str]
    novelty: str
    new_facts: tuple[str, ...] = ()


@dataclass
class Case:
    label: dict
    system: Prediction
    keyword: Prediction


@dataclass
class Scores:
    n: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    milestone_exact: float = 0.0
    per_milestone: dict[str, tuple[float, float]] = field(default_factory=dict)
    novelty_relevant: float = 0.0
    novelty_all: float = 0.0
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    repeats_found: int = 0
    repeats_total: int = 0


def load_labels(devset: Path = DEVSET) -> list[dict]:
    return json.loads((devset / "labels.json").read_text(encoding="utf-8"))


def analyse_pages(
    labels: Sequence[dict], devset: Path = DEVSET, config: Path = CONFIG
) -> list[Case]:
    """Extract and analyse every labelled page; also apply the keyword rule."""
    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.extract.article import extract_article
    from monitor.seeds import load_seeds

    settings = load_settings(config, env={})
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    cases = []
    for label in labels:
        html = (devset / label["file"]).read_bytes()
        article = extract_article(html, None)
        now = datetime.fromisoformat(label["published"]).replace(hour=12, tzinfo=UTC)
        if article is None:
            system = Prediction(False, frozenset(), "none")
            text = ""
        else:
            finding = analyse(article, baseline, now=now)
            system = Prediction(
                finding.relevant,
                frozenset(finding.milestones),
                finding.novelty,
                tuple(f.statement for f in finding.new_facts),
            )
            text = f"{article.title}\n{article.text}"
        cases.append(Case(label, system, keyword_rule(text)))
    return cases


_KEY_DATE = re.compile(r"September\s+(2025|2026)")
_KEY_PLACE = re.compile(r"\b(Iraq|Syria|coalition)\b", re.IGNORECASE)


def keyword_rule(text: str) -> Prediction:
    """The baseline to beat: a date keyword together with a place keyword."""
    years = set(_KEY_DATE.findall(text))
    if not years or not _KEY_PLACE.search(text):
        return Prediction(False, frozenset(), "none")
    milestones = set()
    if "2025" in years:
        milestones.add("iraq-mission-end")
    if "2026" in years:
        milestones.add("syria-support-end")
    return Prediction(True, frozenset(milestones), "new")


def score(cases: Iterable[Case], which: str) -> Scores:
    cases = list(cases)
    s = Scores(n=len(cases))
    if not cases:
        return s
    pairs = [(c.label, getattr(c, which)) for c in cases]
    tp = sum(1 for lab, p in pairs if lab["relevant"] and p.relevant)
    fp = sum(1 for lab, p in pairs if not lab["relevant"] and p.relevant)
    fn = sum(1 for lab, p in pairs if lab["relevant"] and not p.relevant)
    s.precision = tp / (tp + fp) if tp + fp else 0.0
    s.recall = tp / (tp + fn) if tp + fn else 0.0
    s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0
    relevant = [(lab, p) for lab, p in pairs if lab["relevant"]]
    if relevant:
        s.milestone_exact = sum(
            set(lab["milestones"]) == p.milestones for lab, p in relevant
        ) / len(relevant)
        s.novelty_relevant = sum(lab["novelty"] == p.novelty for lab, p in relevant) / len(relevant)
    s.novelty_all = sum(lab["novelty"] == p.novelty for lab, p in pairs) / len(pairs)
    milestones = sorted({m for lab, _ in pairs for m in lab["milestones"]})
    for m in milestones:
        mtp = sum(1 for lab, p in pairs if m in lab["milestones"] and m in p.milestones)
        mfp = sum(1 for lab, p in pairs if m not in lab["milestones"] and m in p.milestones)
        mfn = sum(1 for lab, p in pairs if m in lab["milestones"] and m not in p.milestones)
        s.per_milestone[m] = (
            mtp / (mtp + mfp) if mtp + mfp else 0.0,
            mtp / (mtp + mfn) if mtp + mfn else 0.0,
        )
    s.confusion = dict(Counter((lab["novelty"], p.novelty) for lab, p in pairs))
    repeats = [(lab, p) for lab, p in pairs if lab["novelty"] == "baseline_repeat"]
    s.repeats_total = len(repeats)
    s.repeats_found = sum(p.novelty == "baseline_repeat" for _, p in repeats)
    return s


def render(s: Scores, title: str) -> str:
    lines = [f"{title} ({s.n} pages)"]
    if not s.n:
        return lines[0] + ": none"
    lines.append(
        f"  relevance    precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
    )
    lines.append(f"  milestones   exact set on relevant pages {s.milestone_exact:.3f}")
    for m, (p, r) in s.per_milestone.items():
        lines.append(f"    {m:<22} precision {p:.3f}  recall {r:.3f}")
    lines.append(
        f"  novelty      accuracy on relevant pages {s.novelty_relevant:.3f}, on all pages "
        f"{s.novelty_all:.3f}"
    )
    lines.append(
        f"  re-publications recognised {s.repeats_found}/{s.repeats_total}"
        + ("  (all)" if s.repeats_found == s.repeats_total else "  (MISSED SOME)")
    )
    header = "  confusion (rows: label, columns: predicted)"
    lines.append(header)
    lines.append("    " + " " * 16 + "".join(f"{c:>17}" for c in NOVELTY_CLASSES))
    for row in NOVELTY_CLASSES:
        cells = "".join(f"{s.confusion.get((row, col), 0):>17}" for col in NOVELTY_CLASSES)
        lines.append(f"    {row:<16}{cells}")
    return "\n".join(lines)


def errors(cases: Iterable[Case]) -> list[str]:
    out = []
    for c in cases:
        lab, p = c.label, c.system
        if lab["split"] != "dev":
            continue
        if (
            lab["relevant"] != p.relevant
            or lab["novelty"] != p.novelty
            or (lab["relevant"] and set(lab["milestones"]) != p.milestones)
        ):
            out.append(
                f"{lab['file']}: label {lab['novelty']} {sorted(lab['milestones'])} -> "
                f"{p.novelty} {sorted(p.milestones)}  facts {list(p.new_facts)[:4]}"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--errors", action="store_true", help="list dev pages judged wrongly")
    args = parser.parse_args(argv)
    labels = load_labels(args.devset)
    cases = analyse_pages(labels, args.devset, args.config)
    splits = {
        "dev": [c for c in cases if c.label["split"] == "dev"],
        "holdout": [c for c in cases if c.label["split"] == "holdout"],
        "all": cases,
    }
    for which, name in (("system", "analysis"), ("keyword", "keyword rule")):
        print(f"=== {name} ===")
        for split, chosen in splits.items():
            print(render(score(chosen, which), f"{name}, {split}"))
            print()
    if args.errors:
        print("=== dev pages judged wrongly ===")
        for line in errors(cases):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
