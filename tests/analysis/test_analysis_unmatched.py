"""An article that no rule accepts says why in its notes (what `monitor check` shows a user
writing a configuration): off the configuration's topic, without a required term, or with its
terms cancelled by an exclude term."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme said on Monday that the last coal plant in the region had closed.",
            ["off topic: no context or place term of any milestone in the article"],
        ),
        (
            "The NATO mission in Iraq will end in September 2025, and NATO troops left Baghdad.",
            ["iraq-mission-end: 1 sentence(s) with its terms cancelled by an exclude term"],
        ),
    ],
)
def test_an_unmatched_article_says_why(run, text, expected) -> None:
    finding = run(text)
    assert not finding.relevant
    assert all(line in finding.notes for line in expected), finding.notes


def test_a_matched_article_has_no_such_note(run) -> None:
    finding = run("The last US troops left Ain al-Asad air base on Sunday.", published="2026-01-19")
    assert finding.relevant
    assert not [n for n in finding.notes if "off topic" in n or "exclude term" in n]


def test_a_lookalike_in_the_headline_makes_the_article_the_lookalikes(run) -> None:
    body = "Coalition advisers left Baghdad on Sunday, officials said."
    plain = run(body, published="2026-01-20", title="Advisers leave Baghdad")
    assert "iraq-mission-end" in plain.milestones
    lookalike = run(body, published="2026-01-20", title="NATO mission in Iraq winds down")
    assert "iraq-mission-end" not in lookalike.milestones
    # A reference still names the milestone, whatever the headline.
    named = run(
        body + " The first phase of the transition is complete, Baghdad said.",
        published="2026-01-20",
        title="NATO mission in Iraq winds down",
    )
    assert "iraq-mission-end" in named.milestones
