"""Quality of the analysis on the labelled sets, next to a plain keyword rule.

    python -m bench.relevance [--set devset|replay|unseen ...] [--config FILE] [--errors]

Three sets, each a folder of pages with a JSON file of labels (relevant, milestones, novelty;
optionally status_change):

    devset   tests/data/devset (labels.json): split into dev (for tuning) and holdout pages
    replay   monitor/demo/replay (expected.json): the pages `monitor demo` serves
    unseen   tests/data/unseen (labels.json), when present: written apart from the rules and
             treated as a holdout, so only its aggregate figures are ever printed

For every page it runs extract_article + analyse and prints, per set and split: precision,
recall and F1 of relevance, milestone accuracy (exact set match on relevant pages, and
precision/recall per milestone), novelty accuracy on the relevant pages and on all pages, the
novelty confusion matrix, whether every re-publication of a seed was recognised, and the status
changes (the verdicts that alert readers at once): precision and recall where the labels carry
`status_change`, otherwise how many pages got one. The same figures follow for the keyword
rule ("September 2025" or "September 2026" together with Iraq, Syria or coalition).

Each page is analysed as the pipeline would on the day it appeared: `now` is the labelled
publication date (noon UTC); the publication date itself comes from the page. `--errors`
lists the dev and replay pages the analysis gets wrong and the status changes it reports on
them (holdout and unseen pages are never listed: they are for reporting, not tuning).
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
REPLAY = REPO / "monitor" / "demo" / "replay"
UNSEEN = REPO / "tests" / "data" / "unseen"
STATUS = REPO / "tests" / "data" / "status"
# Sets of pages on the default commitment, in pages/ with labels.json beside them.
PAGE_SETS = {"status": STATUS, "status2": REPO / "tests" / "data" / "status2"}
DOMAINS = REPO / "tests" / "data" / "domains"
CONFIG = REPO / "config" / "monitor.yaml"
# Splits whose pages may be listed one by one; the others are for reporting only.
LISTED_SPLITS = frozenset({"dev", "replay"})


@dataclass(frozen=True)
class Prediction:
    relevant: bool
    milestones: frozenset[str]
    novelty: str
    new_facts: tuple[str, ...] = ()
    status_change: str | None = None
    # (milestone, status) of every status change the events report
    changes: frozenset[tuple[str, str]] = frozenset()


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
    # Status changes: how many pages got one; with labels, how many were right.
    status_predicted: int = 0
    status_labelled: int | None = None  # None: the labels do not say
    status_correct: int = 0
    # (labelled, predicted) status change -> pages, "-" for none; only with labels
    status_confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    # Per milestone (labels with `status_changes`): predicted, labelled, correct pairs
    pairs_predicted: int = 0
    pairs_labelled: int | None = None
    pairs_correct: int = 0

    @property
    def status_precision(self) -> float:
        return self.status_correct / self.status_predicted if self.status_predicted else 1.0

    @property
    def status_recall(self) -> float:
        return self.status_correct / self.status_labelled if self.status_labelled else 1.0


def load_labels(devset: Path = DEVSET) -> list[dict]:
    """The devset's labels (each with its `split`)."""
    return json.loads((devset / "labels.json").read_text(encoding="utf-8"))


def set_config(name: str) -> Path:
    """The configuration a set is analysed with: the default one, or for another commitment
    the configuration a new user wrote from the README (`newcomer.yaml`)."""
    if name in ("devset", "replay", "unseen", *PAGE_SETS):
        return CONFIG
    return DOMAINS / name / "newcomer.yaml"


def load_set(name: str) -> tuple[list[dict], Path]:
    """The labels of a named set, each with a `split`, and the folder their files are in."""
    if name in PAGE_SETS or (DOMAINS / name / "labels.json").is_file():
        folder = PAGE_SETS.get(name) or DOMAINS / name
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        for label in labels:
            label["file"] = f"pages/{label['file']}"
        return labels, folder
    if name == "devset":
        return load_labels(DEVSET), DEVSET
    if name == "replay":
        data = json.loads((REPLAY / "expected.json").read_text(encoding="utf-8"))
        return [{**a, "split": "replay"} for a in data["articles"]], REPLAY
    if name == "unseen":
        path = UNSEEN / "labels.json"
        labels = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
        if isinstance(labels, dict):
            labels = labels.get("articles", [])
        return [{**a, "split": "unseen"} for a in labels], UNSEEN
    raise ValueError(f"unknown set {name!r}")


def available_sets() -> list[str]:
    names = ["devset", "replay"]
    if (UNSEEN / "labels.json").is_file():
        names.append("unseen")
    names += [name for name, folder in PAGE_SETS.items() if (folder / "labels.json").is_file()]
    for folder in sorted(DOMAINS.glob("*")):
        if (folder / "labels.json").is_file() and (folder / "newcomer.yaml").is_file():
            names.append(folder.name)
    return names


def analyse_pages(
    labels: Sequence[dict], devset: Path = DEVSET, config: Path = CONFIG
) -> list[Case]:
    """Extract and analyse every labelled page (files relative to `devset`); also apply the
    keyword rule."""
    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.extract.article import extract_article
    from monitor.seeds import load_seeds

    settings = load_settings(config, env={})
    milestones = settings.milestone_objects()
    baseline = build_baseline(load_seeds(settings.seeds_dir), milestones)
    keywords = keyword_rule if config == CONFIG else generic_keyword_rule(milestones)
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
                finding.status_change,
                frozenset((e.milestone, e.kind) for e in finding.events if e.kind in CHANGES),
            )
            text = f"{article.title}\n{article.text}"
        cases.append(Case(label, system, keywords(text)))
    return cases


CHANGES = ("completed", "delayed", "extended", "reversed", "denied")


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


def generic_keyword_rule(milestones):  # type: ignore[no-untyped-def]
    """A keyword rule for any commitment: a milestone is named when the text holds one of its
    references, or its due year with one of its subject terms."""
    from monitor.analysis.vocabulary import spellings

    def rule(text: str) -> Prediction:
        lower = text.lower()
        named = set()
        for m in milestones:
            refs = [s for t in m.references for s in spellings(t)]
            subjects = [s for t in m.subject_terms for s in spellings(t)]
            year = m.due[:4]
            if any(r in lower for r in refs) or (
                year in text and any(s in lower for s in subjects)
            ):
                named.add(m.id)
        if not named:
            return Prediction(False, frozenset(), "none")
        return Prediction(True, frozenset(named), "new")

    return rule


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
    s.status_predicted = sum(1 for _, p in pairs if p.status_change)
    if all("status_change" in lab for lab, _ in pairs):
        s.status_labelled = sum(1 for lab, _ in pairs if lab["status_change"])
        s.status_correct = sum(
            1 for lab, p in pairs if p.status_change and p.status_change == lab["status_change"]
        )
        s.status_confusion = dict(
            Counter(
                (lab["status_change"] or "-", p.status_change or "-")
                for lab, p in pairs
                if lab["status_change"] or p.status_change
            )
        )
    if all("status_changes" in lab for lab, _ in pairs):
        labelled = {
            (i, c["milestone"], c["status"])
            for i, (lab, _) in enumerate(pairs)
            for c in lab["status_changes"]
            if c["status"] in CHANGES
        }
        predicted = {(i, m, k) for i, (_, p) in enumerate(pairs) for m, k in p.changes}
        s.pairs_labelled = len(labelled)
        s.pairs_predicted = len(predicted)
        s.pairs_correct = len(labelled & predicted)
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
    if s.status_labelled is None:
        lines.append(
            f"  status change on {s.status_predicted} page(s) (the labels do not say which "
            "pages should have one)"
        )
    else:
        lines.append(
            f"  status change precision {s.status_precision:.3f} "
            f"({s.status_correct}/{s.status_predicted})  recall {s.status_recall:.3f} "
            f"({s.status_correct}/{s.status_labelled})"
        )
        pairs = ", ".join(
            f"{lab}->{got} x{n}" for (lab, got), n in sorted(s.status_confusion.items())
        )
        lines.append(f"    (label->predicted: {pairs or 'none'})")
    if s.pairs_labelled is not None:
        p = s.pairs_correct / s.pairs_predicted if s.pairs_predicted else 1.0
        r = s.pairs_correct / s.pairs_labelled if s.pairs_labelled else 1.0
        lines.append(
            f"  status changes per milestone: precision {p:.3f} ({s.pairs_correct}/"
            f"{s.pairs_predicted})  recall {r:.3f} ({s.pairs_correct}/{s.pairs_labelled})"
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
    """The listed pages (dev and replay) judged wrongly."""
    out = []
    for c in cases:
        lab, p = c.label, c.system
        if lab.get("split") not in LISTED_SPLITS:
            continue
        wanted = {
            (c["milestone"], c["status"])
            for c in lab.get("status_changes", ())
            if c["status"] in CHANGES
        }
        if (
            lab["relevant"] != p.relevant
            or lab["novelty"] != p.novelty
            or (lab["relevant"] and set(lab["milestones"]) != p.milestones)
            or ("status_change" in lab and lab["status_change"] != p.status_change)
            or ("status_changes" in lab and wanted != set(p.changes))
        ):
            changes = (
                f"  changes {sorted(wanted)} -> {sorted(p.changes)}" if wanted or p.changes else ""
            )
            out.append(
                f"{lab['file']}: label {lab['novelty']} {sorted(lab['milestones'])} -> "
                f"{p.novelty} {sorted(p.milestones)}{changes}  facts {list(p.new_facts)[:4]}"
            )
    return out


def status_changes(cases: Iterable[Case]) -> list[str]:
    """The status changes reported on the listed pages (dev and replay), with the statement
    that carries each."""
    out = []
    for c in cases:
        lab, p = c.label, c.system
        if lab.get("split") not in LISTED_SPLITS or not p.status_change:
            continue
        why = [f for f in p.new_facts if f.startswith(f"{p.status_change}:")]
        expected = f" (label: {lab['status_change']})" if "status_change" in lab else ""
        out.append(f"{lab['file']}: {p.status_change}{expected}  {why[:1]}")
    return out


def splits_of(name: str, cases: list[Case]) -> dict[str, list[Case]]:
    if name not in ("replay", "unseen"):
        return {
            "dev": [c for c in cases if c.label["split"] == "dev"],
            "holdout": [c for c in cases if c.label["split"] == "holdout"],
            "all": cases,
        }
    return {name: cases}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.relevance",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        choices=available_sets(),
        help="the set(s) to evaluate (default: every set present)",
    )
    parser.add_argument("--devset", type=Path, default=None, help="another devset folder")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument(
        "--errors", action="store_true", help="list dev and replay pages judged wrongly"
    )
    args = parser.parse_args(argv)
    names = args.sets or available_sets()
    evaluated: dict[str, list[Case]] = {}
    for name in names:
        if name == "devset" and args.devset is not None:
            labels, folder = load_labels(args.devset), args.devset
        else:
            labels, folder = load_set(name)
        if not labels:
            print(f"({name}: no labelled pages)")
            continue
        config = args.config if args.config != CONFIG else set_config(name)
        evaluated[name] = analyse_pages(labels, folder, config)
    for which, title in (("system", "analysis"), ("keyword", "keyword rule")):
        print(f"=== {title} ===")
        for name, cases in evaluated.items():
            for split, chosen in splits_of(name, cases).items():
                print(render(score(chosen, which), f"{title}, {name} {split}"))
                print()
    if args.errors:
        every = [c for cases in evaluated.values() for c in cases]
        print("=== dev and replay pages judged wrongly ===")
        for line in errors(every):
            print(line)
        print()
        print("=== status changes reported on dev and replay pages ===")
        for line in status_changes(every):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
