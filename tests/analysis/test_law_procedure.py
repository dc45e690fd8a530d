"""A law's date moves only when the procedure that moves it is over. One chamber's vote or a
provisional deal is a stage (the law pack's `pending_decisions`); a final adoption that moves
the date from the deadline to a later day is a delay with its new date; a delay said to be
possible is talk. The commitment is invented for these tests: a packaging regulation whose
rules apply from 2 August 2026, configured as a new user would, with the law pack.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from monitor.analysis.analyser import analyse, build_baseline
from monitor.config import load_settings
from monitor.seeds import load_seeds
from monitor.types import Article

SEED = """title: Packaging regulation adopted; its rules apply from August 2026
outlet: Brussels Policy Wire
published: 2024-11-20
url: https://brusselspolicywire.example/2024/11/20/packaging-regulation-adopted/
---
The Council adopted the packaging regulation on Wednesday, the last step of the procedure.

Its rules for reusable and recyclable packaging apply from 2 August 2026, after a transition
period that lets producers use up their stocks.
"""

MILESTONE = {
    "id": "packaging-rules-apply",
    "title": "The packaging regulation's rules start to apply",
    "description": "The rules of the packaging regulation apply from 2 August 2026.",
    "due": "2026-08-02",
    "packs": ["law-application"],
    "subject_terms": ["packaging regulation | packaging rules | packaging law"],
}


@pytest.fixture(scope="module")
def law_baseline(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("law")
    (folder / "seeds").mkdir()
    (folder / "seeds" / "001_adopted.txt").write_text(SEED, encoding="utf-8")
    config = {
        "database_url": f"sqlite:///{folder / 'm.db'}",
        "seeds_dir": "seeds",
        "feeds": [],
        "milestones": [MILESTONE],
    }
    (folder / "monitor.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    settings = load_settings(folder / "monitor.yaml", env={})
    return build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())


def changes(law_baseline, text: str) -> list[tuple[str, str | None]]:
    day = datetime(2026, 6, 29, 12, tzinfo=UTC)
    finding = analyse(Article(None, "", text, day, origin="file"), law_baseline, now=day)
    return sorted(
        (e.kind, e.new_due) for e in finding.events if e.kind not in ("step", "confirmed")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One stage of the procedure: the date has not moved yet.
        ("The European Parliament voted on Thursday to delay the packaging rules by a year.", []),
        (
            "Negotiators reached a provisional agreement to postpone the packaging rules until "
            "December 2027.",
            [],
        ),
        (
            "The Commission proposed to move the packaging rules from 2 August 2026 to "
            "2 December 2027.",
            [],
        ),
        # Said to be possible: talk, not a change.
        ("Officials said a delay of the packaging rules was possible.", []),
        ("A postponement of the packaging rules is on the table, diplomats said.", []),
        # The procedure is over: the deadline is left for a later day.
        (
            "Member states gave their final approval on Monday to the law that moves the "
            "packaging rules from 2 August 2026 to 2 December 2027.",
            [("delayed", "2027-12-02")],
        ),
        (
            "With the amendment adopted, the packaging rules will apply from 2 December 2027 "
            "rather than 2 August 2026.",
            [("delayed", "2027-12-02")],
        ),
        # A later date that does not replace the deadline moves nothing.
        (
            "The packaging rules apply from 2 August 2026, and a review follows in December 2027.",
            [],
        ),
    ],
)
def test_a_law_is_delayed_when_its_procedure_is_over(law_baseline, text, expected) -> None:
    assert changes(law_baseline, text) == expected


def test_a_decision_outside_a_legislative_procedure_is_taken(run) -> None:
    """Without the law pack, a vote to delay is the decision itself."""
    finding = run(
        "Iraq and the United States agreed on Tuesday to delay the withdrawal of coalition "
        "troops from Baghdad until 2026.",
        published="2025-09-10",
    )
    assert finding.status_change == "delayed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Announced or decided: the later date is the new deadline.
        (
            "The president announced that the withdrawal of coalition troops from Baghdad will "
            "be finished before 1 March 2026.",
            "delayed",
        ),
        # Merely restated, the date may be one an earlier article already moved.
        (
            "The withdrawal of coalition troops from Baghdad will be finished before 1 March "
            "2026, the spokesman said.",
            None,
        ),
    ],
)
def test_a_later_date_announced_is_a_delay(run, text, expected) -> None:
    assert run(text, published="2025-09-10").status_change == expected
