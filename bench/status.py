"""Status statements: does the analysis read what happened to a commitment as a reader would?

    python -m bench.status [--set status|eudr|nuclear-exit ...] [--errors]

Each labelled statement (`statements.json` of a set) is analysed as a sentence of an article
about the commitment: a first paragraph names the milestone (its title; the first milestone's
for a statement labelled with none), then comes the statement, published on its labelled
date. `--alone` reads each statement on its own instead (harder: many sentences name the
commitment only through their article). The analysis reports events per
milestone; the statement's predicted status is the strongest event kind for its labelled
milestone (any milestone when the label names none): completed, reversed, extended, delayed,
denied, confirmed, then step.

Figures per set and split (dev, holdout):

    changes     precision and recall of the status changes (completed, delayed, extended,
                reversed, denied) with the right milestone: what alerts readers at once
    confirmed / step   how many of the labelled ones were found, and how many were reported
                where the label says something else
    confusion   label -> predicted, over every statement that has either

`--errors` lists the dev statements read wrongly (holdout statements are never listed: they
are for reporting, not tuning).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CHANGES = ("completed", "delayed", "extended", "reversed", "denied")
_ORDER = ("completed", "reversed", "extended", "delayed", "denied", "confirmed", "step")


def statement_sets() -> dict[str, tuple[Path, Path]]:
    """Name -> (statements file, configuration), for the sets present."""
    sets = {
        "status": (DATA / "status" / "statements.json", REPO / "config" / "monitor.yaml"),
    }
    for folder in sorted((DATA / "domains").glob("*")):
        config = folder / "newcomer.yaml"
        if (folder / "statements.json").is_file() and config.is_file():
            sets[folder.name] = (folder / "statements.json", config)
    return sets


@dataclass(frozen=True)
class Read:
    label: dict
    status: str | None
    milestones: frozenset[str]  # milestones with an event of the predicted kind
    statement: str


def read_statements(path: Path, config: Path, context: bool = False) -> list[Read]:
    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.seeds import load_seeds
    from monitor.types import Article

    settings = load_settings(config, env={})
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    out = []
    titles = {m.id: m.title for m in settings.milestones}
    first = settings.milestones[0].id
    for label in json.loads(path.read_text(encoding="utf-8")):
        day = datetime.fromisoformat(label["published"]).replace(hour=12, tzinfo=UTC)
        text = label["text"]
        if context:
            # As a sentence of an article about the commitment: after a first paragraph that
            # names it (the labelled milestone's title, or the first milestone's).
            text = f"{titles[label.get('milestone') or first].rstrip('.')}.\n\n{text}"
        article = Article(url=None, title="", text=text, published=day, origin="file")
        finding = analyse(article, baseline, now=day)
        wanted = label.get("milestone")
        events = [e for e in finding.events if wanted is None or e.milestone == wanted]
        kinds = {e.kind for e in events}
        status = next((k for k in _ORDER if k in kinds), None)
        milestones = frozenset(e.milestone for e in events if e.kind == status)
        said = next((e.statement for e in events if e.kind == status), "")
        out.append(Read(label, status, milestones, said))
    return out


def _correct(r: Read) -> bool:
    wanted = r.label.get("milestone")
    return r.status == r.label.get("status") and (wanted is None or wanted in r.milestones)


def render(reads: list[Read], title: str) -> str:
    lines = [f"{title} ({len(reads)} statements)"]
    if not reads:
        return lines[0] + ": none"
    predicted = [r for r in reads if r.status in CHANGES]
    labelled = [r for r in reads if r.label.get("status") in CHANGES]
    correct = [r for r in predicted if _correct(r)]
    p = len(correct) / len(predicted) if predicted else 1.0
    rc = len(correct) / len(labelled) if labelled else 1.0
    lines.append(
        f"  changes    precision {p:.3f} ({len(correct)}/{len(predicted)})  "
        f"recall {rc:.3f} ({len(correct)}/{len(labelled)})"
    )
    for kind in ("confirmed", "step"):
        want = [r for r in reads if r.label.get("status") == kind]
        got = [r for r in reads if r.status == kind]
        hit = [r for r in want if _correct(r)]
        lines.append(
            f"  {kind:<10} found {len(hit)}/{len(want)}, reported elsewhere {len(got) - len(hit)}"
        )
    exact = sum(
        1 for r in reads if r.status == r.label.get("status") and (r.status is None or _correct(r))
    )
    lines.append(f"  exact      {exact / len(reads):.3f} of statements read as labelled")
    confusion = Counter(
        (r.label.get("status") or "-", r.status or "-")
        for r in reads
        if r.label.get("status") or r.status
    )
    pairs = ", ".join(f"{a}->{b} x{n}" for (a, b), n in sorted(confusion.items()) if a != b)
    lines.append(f"  confusion  {pairs or 'none'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.status",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sets = statement_sets()
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(sets))
    parser.add_argument("--errors", action="store_true", help="list dev statements read wrongly")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="read each statement on its own (default: after a paragraph naming the milestone)",
    )
    args = parser.parse_args(argv)
    for name in args.sets or sorted(sets):
        path, config = sets[name]
        reads = read_statements(path, config, context=not args.alone)
        for split in ("dev", "holdout"):
            chosen = [r for r in reads if r.label.get("split") == split]
            print(render(chosen, f"{name} {split}"))
        print(render(reads, f"{name} all"))
        if args.errors:
            for r in reads:
                if r.label.get("split") != "dev":
                    continue
                ok = r.status == r.label.get("status") and (r.status is None or _correct(r))
                if not ok:
                    lab = r.label
                    print(
                        f"  {lab['id']} {lab.get('status')}/{lab.get('modality')} -> {r.status} "
                        f"{sorted(r.milestones)} | {lab['text']} || {r.statement}"
                    )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
