"""The demo replay as an evaluation set: the verdicts expected.json gives, and alerts only
where an article reports a change of a milestone as done."""

from __future__ import annotations

import pytest

from bench.relevance import analyse_pages, load_set, score

# Articles whose news is a status change, and which one (expected.json does not say).
STATUS_CHANGES = {
    # The embassy's denial of reports that troops were about to leave the capital.
    "articles/03-pentagon-keeps-timetable-as-forces-shift-to-erbil-and-kuwait.html": "denied",
    # A small unit stays at Ain al-Asad beyond the deadline: a partial extension.
    "articles/07-small-us-advisory-unit-to-stay-at-ain-al-asad.html": "extended",
    "articles/10-iraqi-command-says-ain-al-asad-handover-next-week.html": "completed",
    "articles/11-coalition-completes-withdrawal-from-ain-al-asad.html": "completed",
}


@pytest.fixture(scope="module")
def cases():
    labels, folder = load_set("replay")
    return analyse_pages(labels, folder)


def test_replay_verdicts(cases):
    s = score(cases, "system")
    assert s.f1 == 1.0, s
    assert s.novelty_all == 1.0, s
    assert s.milestone_exact >= 0.85, s
    assert s.repeats_found == s.repeats_total


def test_only_reported_changes_alert(cases):
    got = {c.label["file"]: c.system.status_change for c in cases if c.system.status_change}
    assert got == STATUS_CHANGES


def test_statements_have_no_dateline_and_end_on_a_word(cases):
    for case in cases:
        for statement in case.system.new_facts:
            said = statement.split(": ", 1)[-1]
            assert "—" not in said, statement
            assert said.split()[-1].lower() not in {"to", "that", "the", "of", "were", "and"}
