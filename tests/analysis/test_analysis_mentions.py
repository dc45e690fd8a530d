"""Which sentences speak of which milestone, and the look-alikes that must not.

The sentences are written for these tests (not taken from the development set), in the
register of wire copy, so they check the rules rather than memorise pages.
"""

from __future__ import annotations

import pytest

IRAQ, SYRIA = "iraq-mission-end", "syria-support-end"

RELEVANT = [
    # (text, published, milestones expected, a rule that must appear)
    # One sentence, two clauses, one milestone in each: the Syria phase keeps its clause
    # although the sentence holds the Iraq phase's own words.
    (
        "US advisers in Baghdad will leave this month, while the remaining coalition presence "
        "in the Kurdistan Region is to be transitioned in 2026, an adviser said.",
        "2025-09-08",
        {IRAQ, SYRIA},
        "year+terms",
    ),
    # The same words in one clause: the milestone with its own words takes the sentence.
    (
        "US advisers in Baghdad and the coalition presence in the Kurdistan Region will be "
        "transitioned this month, an adviser said.",
        "2025-09-08",
        {IRAQ},
        "date+terms",
    ),
    (
        "The coalition's military mission in Iraq will end in September 2025, officials said.",
        "2024-10-02",
        {IRAQ},
        "reference",
    ),
    (
        "US troops will leave bases in Baghdad by the end of September 2025 under the deal.",
        "2024-11-02",
        {IRAQ},
        "date+terms",
    ),
    (
        "The last American soldiers left Ain al-Assad on Tuesday, Iraqi officers said.",
        "2026-01-20",
        {IRAQ},
        "reference",
    ),
    (
        "Coalition forces handed over the Victory base near Baghdad airport to the Iraqi army.",
        "2025-09-10",
        {IRAQ},
        "terms",
    ),
    (
        "Washington says coalition troops in Erbil will keep backing the fight against the "
        "Islamic State in Syria until at least September 2026.",
        "2025-03-01",
        {SYRIA},
        "date+terms",
    ),
    (
        "Support for operations in Syria from Iraq will continue through the second phase of "
        "the transition.",
        "2025-05-01",
        {SYRIA},
        "reference",
    ),
    (
        "The first phase of the transition is complete, Iraqi commanders said, and the "
        "coalition will support counter-ISIS operations in Syria from Iraq until September 2026.",
        "2025-10-01",
        {IRAQ, SYRIA},
        "reference",
    ),
    (
        "Under the plan, the coalition mission in Iraq winds down next September.",
        "2024-10-05",
        {IRAQ},
        "reference",
    ),
    # Support to the milestone's context (Syria) from one of its places or from the country
    # it is carried out from.
    (
        "Logistics for Syria operations will run from Erbil, Iraqi officials said.",
        "2026-01-20",
        {SYRIA},
        "context+origin",
    ),
    (
        "The coalition will keep supporting operations against ISIS in Syria from bases in Iraq.",
        "2025-06-01",
        {SYRIA},
        "context+origin",
    ),
    (
        "A small contingent of US military advisers will remain in Iraq to coordinate with "
        "American forces fighting the Islamic State group in Syria.",
        "2025-10-20",
        {SYRIA},
        "terms",
    ),
    # A year that holds the due month, with who, what and where.
    (
        "The advisory presence in the Kurdistan Region will be transitioned during 2026, "
        "officials said.",
        "2025-09-07",
        {SYRIA},
        "year+terms",
    ),
]

NOT_RELEVANT = [
    # NATO's own mission in Iraq, with a date in the right month.
    "NATO Mission Iraq will keep its advisers in Baghdad until September 2026, the alliance said.",
    # The UN mission closing in December 2025.
    "UNAMI will end its mission in Iraq in December 2025 and leave its Baghdad compound.",
    # Another withdrawal, in another country, another year.
    "The last US troops left Afghanistan in August 2021, ending the withdrawal from Kabul.",
    # US troops in Syria, nothing about support from Iraq.
    "The US military handed the al-Tanf garrison in Syria to local forces and moved its troops "
    "to Jordan.",
    # US troops leaving Syria on the right date, with no word of Iraq.
    "The United States will withdraw its remaining troops from Syria by September 2026, "
    "officials said, after Damascus took over the fight against ISIS.",
    # NATO again, the mission named in the previous sentence; Iraqi forces are not the
    # coalition's forces.
    "NATO Mission Iraq welcomed a new commander in Baghdad on Tuesday. The non-combat advisory "
    "mission will continue to train Iraqi forces through 2026.",
    # Another event in Iraq in September 2025.
    "Oil exports through the Kirkuk-Ceyhan pipeline to Turkey resumed in Iraq on 27 September "
    "2025 after a long halt.",
    # History: the 2011 withdrawal.
    "In December 2011 the last US convoy left Iraq for Kuwait, and the Victory base was handed "
    "to the Iraqi government.",
    # A budget deadline with troops and September, nowhere near the topic.
    "Congress must pass a budget by the end of September 2025 or troops will go unpaid.",
    # US troops in both countries, listed together: nothing of one serving the other.
    "US troops in Iraq and Syria continue to face rocket attacks, the Pentagon said.",
    # Not English.
    "Die internationale Koalition beendet ihre Mission im Irak im September 2025.",
    "",
]


@pytest.mark.parametrize(("text", "published", "milestones", "rule"), RELEVANT)
def test_mentions_found(run, text, published, milestones, rule):
    finding = run(text, published)
    assert finding.relevant
    assert set(finding.milestones) == milestones
    assert rule in {m.rule for m in finding.mentions}
    for mention in finding.mentions:
        assert text[mention.start : mention.end] == mention.sentence
        assert mention.terms and 0 < mention.score <= 1


@pytest.mark.parametrize("text", NOT_RELEVANT)
def test_look_alikes_are_not_mentions(run, text):
    finding = run(text, "2025-10-01")
    assert not finding.relevant, [m.sentence for m in finding.mentions]
    assert finding.novelty == "none"


def test_place_named_in_the_previous_sentence(run):
    text = (
        "A drone was shot down near Erbil airport on Tuesday. The airport hosts coalition "
        "forces that support operations against ISIS in neighbouring Syria."
    )
    finding = run(text, "2025-07-15")
    assert finding.milestones == (SYRIA,)
    assert finding.novelty == "background"


def test_mention_carries_its_evidence(run):
    text = (
        "Officials met in Baghdad on Monday.\n\n"
        "Coalition forces will withdraw from Ain al-Asad by the end of September 2025, they said. "
        "The talks continue next week."
    )
    finding = run(text, "2025-06-02")
    (mention,) = [m for m in finding.mentions if m.milestone == IRAQ]
    assert mention.date_text == "by the end of September 2025"
    assert (mention.date_resolved, mention.date_precision, mention.date_bound) == (
        "2025-09",
        "month",
        "by",
    )
    assert text[mention.date_span[0] : mention.date_span[1]] == mention.date_text
    assert all(text[a:b] for a, b in mention.term_spans)
    # The context is the paragraph's neighbours, not the previous paragraph.
    assert "Officials met" not in mention.context
    assert "The talks continue" in mention.context


def test_relative_dates_resolve_against_publication(run):
    text = "The coalition's mission in Iraq ends next September, officials said."
    early = run(text, "2024-10-01")
    late = run(text, "2025-10-01")
    assert early.mentions[0].date_resolved == "2025-09"
    assert late.mentions[0].date_resolved == "2026-09"
    # Unknown publication date: `now` stands in.
    undated = run(text, None)
    assert undated.mentions[0].date_resolved == "2027-09"
    assert any("no publication date" in note for note in undated.notes)


def test_exclusion_is_per_sentence(run):
    text = (
        "NATO Mission Iraq continues its advisory work. "
        "Separately, the coalition's military mission in Iraq ends in September 2025."
    )
    finding = run(text, "2025-01-10")
    assert [m.sentence for m in finding.mentions] == [
        "Separately, the coalition's military mission in Iraq ends in September 2025."
    ]


def test_a_year_before_the_due_month_is_not_the_milestone(run):
    finding = run("Coalition advisers will leave the Kurdistan Region before 2026.", "2025-10-01")
    assert SYRIA not in finding.milestones


def test_syria_is_a_place_of_origin_only_after_from(run):
    finding = run(
        "US forces moved ISIS detainees from Syria to Iraq on Monday, officials said.", "2026-02-01"
    )
    assert SYRIA not in finding.milestones


def test_a_headline_confirms_only_a_milestone_the_body_speaks_of(run):
    finding = run(
        "Washington says coalition troops in Erbil will keep backing the fight against the "
        "Islamic State in Syria until at least September 2026.",
        "2025-03-01",
        title="Coalition convoy heads to Baghdad",
    )
    assert finding.milestones == (SYRIA,)
    assert all(f.milestone in finding.milestones for f in finding.new_facts)
