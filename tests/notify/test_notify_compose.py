"""Digest composition is a pure function: tables of findings in, a Digest out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from notify_samples import (
    COMPLETED,
    ERBIL,
    IRAQ,
    MILESTONES,
    NOW,
    TROOPS,
    feeds_with_failures,
    mention,
    pending,
    rich_findings,
)

from monitor.notify.compose import compose, digest_key, fact_line, highlight
from monitor.notify.model import Development, FeedHealth
from monitor.notify.stories import StoryCandidate, group_stories
from monitor.similarity import jaccard, shingles
from monitor.types import Fact

WIRE = (
    "Fewer than 2,000 American troops will remain in Iraq after the coalition ends its "
    "military mission in federal Iraq, a senior defense official said on Thursday, adding "
    "that the remaining forces would relocate to Erbil in the Kurdistan Region by September."
)


def c(keys=(), title="", text=""):
    return StoryCandidate(frozenset(keys), title, text)


@pytest.mark.parametrize(
    ("candidates", "groups"),
    [
        pytest.param(
            [c({"troops:<2000"}, "A"), c({"troops:<2000"}, "B")], [[0, 1]], id="same-facts"
        ),
        pytest.param(
            [c({"troops:<2000"}, "A"), c({"troops:<2000", "step:arrive:erbil"}, "B")],
            [[0, 1]],
            id="overlapping-facts",
        ),
        pytest.param(
            [c({"troops:<2000", "a", "b"}, "A"), c({"troops:<2000", "c", "d"}, "B")],
            [[0], [1]],
            id="one-shared-fact-of-five",
        ),
        pytest.param(
            [c({"troops:<2000"}, "A"), c({"step:leave:ain al-asad"}, "B")],
            [[0], [1]],
            id="different-facts",
        ),
        pytest.param(
            [c(title="x", text=WIRE), c(title="y", text="(Reuters) " + WIRE + " Ends.")],
            [[0, 1]],
            id="wire-copy",
        ),
        pytest.param(
            [
                c(title="US troops begin leaving Ain al-Asad base - Reuters", text="one"),
                c(title="US troops begin leaving Ain al-Asad base | The National", text="two"),
            ],
            [[0, 1]],
            id="same-title-other-outlet",
        ),
        pytest.param(
            [c(title="Iraq news", text="one"), c(title="Iraq news", text="two")],
            [[0], [1]],
            id="short-titles-not-enough",
        ),
        pytest.param(
            [
                c({"a"}, "A"),
                c({"b"}, "B"),
                c({"a", "b"}, "C"),
            ],
            [[0, 1, 2]],
            id="transitive",
        ),
        pytest.param([], [], id="none"),
    ],
)
def test_stories_group_reports_of_the_same_development(candidates, groups):
    assert group_stories(candidates) == groups


def test_shingles_of_a_copy_are_close_and_of_other_news_far():
    copy = WIRE.replace("Thursday", "Wednesday").replace("senior", "")
    other = "Parliament in Baghdad debated the 2026 budget and oil revenue sharing on Monday."
    assert jaccard(shingles(WIRE), shingles(copy)) > 0.5
    assert jaccard(shingles(WIRE), shingles(other)) == 0.0


@pytest.mark.parametrize(
    ("now", "passed", "days"),
    [
        (datetime(2025, 8, 31, 23, 0, tzinfo=UTC), False, 30),
        (datetime(2025, 9, 30, 23, 59, tzinfo=UTC), False, 0),
        (datetime(2025, 10, 1, 0, 0, tzinfo=UTC), True, -1),
        (datetime(2026, 10, 1, 0, 0, tzinfo=UTC), True, -366),
    ],
)
def test_status_line_is_relative_to_now(now, passed, days):
    digest = compose([], [IRAQ], [], now)
    [section] = digest.sections
    assert (section.due_passed, section.days_to_due) == (passed, days)
    assert section.due_date.isoformat() == "2025-09-30"


def test_a_rich_week():
    digest = compose(
        rich_findings(),
        MILESTONES,
        feeds_with_failures(),
        NOW,
        period_start=NOW - timedelta(days=7),
    )
    iraq, syria = digest.sections
    assert (digest.story_count, digest.background_count, digest.republication_count) == (2, 1, 1)
    [troops] = iraq.stories
    assert troops.outlet_count == 2 and troops.outlets == ("Reuters", "Military Times")
    assert troops.first_outlet == "Reuters"
    assert troops.first_published == NOW - timedelta(days=3)
    assert [f.label for f in troops.facts] == [
        "troops: about 2,500 in the baseline → fewer than 2,000"
    ]
    assert troops.sentence.date_text == "by the end of September 2025"
    assert [link.url for link in troops.links] == [
        "https://news.example/1",
        "https://news.example/2",
    ]
    assert [b.title for b in iraq.background] == ["Iraq's parliament debates budget"]
    assert iraq.latest is not None and iraq.latest.headline == troops.headline
    assert [s.headline for s in syria.stories] == [
        "Coalition forces move from Ain al-Asad to Erbil"
    ]
    assert [(r.seed, r.count) for r in digest.republications] == [("000_8f32e4b1079b2bee", 1)]
    assert digest.finding_ids == (1, 2, 3, 4, 5)
    assert not digest.is_empty


def test_empty_period_keeps_every_milestone_and_what_is_known():
    known = Development(
        date=datetime(2025, 9, 2, tzinfo=UTC).date(),
        headline="Coalition leaves Ain al-Asad",
        outlet="AP",
        url="https://apnews.example/x",
    )
    digest = compose([], MILESTONES, [], NOW, latest={"iraq-mission-end": known})
    assert digest.is_empty and digest.story_count == 0 and digest.finding_ids == ()
    assert [s.id for s in digest.sections] == ["iraq-mission-end", "syria-support-end"]
    assert digest.sections[0].latest == known and digest.sections[1].latest is None
    assert digest.key == "digest-empty-20251012"
    assert not digest.coverage.complete  # no feeds: nothing vouches for the silence


def test_facts_already_delivered_are_background_not_news():
    items = [pending(1, title="Troops to fall below 2,000", facts=(TROOPS,))]
    fresh = compose(items, [IRAQ], [], NOW)
    assert len(fresh.sections[0].stories) == 1
    stale = compose(
        items, [IRAQ], [], NOW, known_facts=frozenset({("iraq-mission-end", TROOPS.key)})
    )
    assert stale.sections[0].stories == () and len(stale.sections[0].background) == 1


def test_findings_alerted_earlier_are_listed_not_told_again():
    items = [
        pending(
            1,
            title="Mission in Iraq completed",
            facts=(COMPLETED,),
            status_change="completed",
            alerted=True,
        ),
        pending(2, title="Erbil", milestones=("syria-support-end",), facts=(ERBIL,)),
    ]
    digest = compose(items, MILESTONES, [], NOW)
    iraq, syria = digest.sections
    assert iraq.stories == () and [a.title for a in iraq.alerted_earlier] == [
        "Mission in Iraq completed"
    ]
    assert digest.alerted_count == 1 and len(syria.stories) == 1
    alert = compose(items[:1], MILESTONES, [], NOW, kind="alert")
    assert [s.id for s in alert.sections] == ["iraq-mission-end"]
    assert alert.sections[0].stories[0].status_change == "completed"
    assert alert.sections[0].status_change == "completed"


def test_status_changes_lead_then_corroboration():
    items = [
        pending(1, title="Lone report of a troop number", facts=(TROOPS,)),
        pending(
            2,
            title="Another step",
            facts=(Fact("iraq-mission-end", "step", "left Baghdad", "step:leave:baghdad"),),
        ),
        pending(
            3,
            title="A second outlet on the step",
            facts=(Fact("iraq-mission-end", "step", "left Baghdad", "step:leave:baghdad"),),
            outlet="Other",
        ),
        pending(4, title="Mission completed", facts=(COMPLETED,), status_change="completed"),
    ]
    stories = compose(items, [IRAQ], [], NOW).sections[0].stories
    assert [s.headline for s in stories] == [
        "Mission completed",
        "A second outlet on the step",  # the earlier of the two reports gives the headline
        "Lone report of a troop number",
    ]
    assert stories[1].outlet_count == 2


def test_same_outlet_twice_counts_once():
    items = [
        pending(1, title="Troops below 2,000", facts=(TROOPS,), outlet="Reuters"),
        pending(2, title="Update: troops below 2,000", facts=(TROOPS,), outlet="reuters"),
    ]
    [story] = compose(items, [IRAQ], [], NOW).sections[0].stories
    assert story.outlet_count == 1 and len(story.links) == 2


@pytest.mark.parametrize(
    ("sentence", "date_text", "parts"),
    [
        (
            "Troops leave by September 2025, he said.",
            "by September 2025",
            ("Troops leave ", "by September 2025", ", he said."),
        ),
        (
            "Troops leave BY SEPTEMBER 2025.",
            "by September 2025",
            ("Troops leave ", "BY SEPTEMBER 2025", "."),
        ),
        ("Troops leave soon.", "by September 2025", ("Troops leave soon.", "", "")),
        ("Troops leave soon.", None, ("Troops leave soon.", "", "")),
        ("Troops\n leave\x00 by 2026.", "by 2026", ("Troops leave ", "by 2026", ".")),
    ],
)
def test_highlight_splits_at_the_date_phrase(sentence, date_text, parts):
    result = highlight(sentence, date_text)
    assert (result.before, result.date_text, result.after) == parts
    assert result.before + result.date_text + result.after == result.text


@pytest.mark.parametrize(
    ("fact", "label"),
    [
        (TROOPS, "troops: about 2,500 in the baseline → fewer than 2,000"),
        (Fact("m", "troops", "troops: 3,000", "troops:3000"), "troops: 3,000"),
        (Fact("m", "step", "left Ain al-Asad", "step:leave:ain al-asad"), "left Ain al-Asad"),
        (
            Fact(
                "m",
                "date",
                "date: by end of 2026 (2026-12) (baseline: 2025-09)",
                "date:2026-12",
                "2025-09",
            ),
            "date: 2025-09 in the baseline → by end of 2026 (2026-12)",
        ),
        (
            Fact("m", "status", "delayed: the withdrawal was delayed", "status:delayed"),
            "delayed: the withdrawal was delayed",
        ),
    ],
)
def test_fact_lines(fact, label):
    assert fact_line(fact).label == label


def test_coverage_names_failed_and_silent_feeds():
    cov = compose(
        [], [IRAQ], feeds_with_failures(), NOW, period_start=NOW - timedelta(days=1)
    ).coverage
    assert [f.name for f in cov.failed] == ["centcom-news", "kurdistan24"]
    assert cov.failed[0].last_error == "HTTP 403" and cov.failed[0].consecutive_failures == 31
    assert cov.silent == ("old-feed",)
    assert (cov.feeds_total, cov.feeds_polled, cov.complete) == (4, 3, False)
    healthy = compose([], [IRAQ], [FeedHealth("a", polls=3, failures=0)], NOW).coverage
    assert healthy.complete


def test_untrusted_text_is_cleaned_and_links_are_http_only():
    items = [
        pending(1, title="Bad\u202eevil\x07 title\n", url="javascript:alert(1)", facts=(TROOPS,)),
        pending(2, title="Data", url="data:text/html,hi", novelty="background"),
        pending(3, title="Ok", url="https://ok.example/a b", novelty="background"),
    ]
    section = compose(items, [IRAQ], [], NOW).sections[0]
    assert section.stories[0].headline == "Badevil title"
    assert section.stories[0].links[0].url is None
    assert [b.url for b in section.background] == [None, None]


def test_digest_key_is_stable_and_tracks_reanalysis():
    a, b = pending(1, title="a"), pending(2, title="b")
    assert digest_key("digest", [a, b], NOW) == digest_key(
        "digest", [b, a], NOW + timedelta(days=1)
    )
    reanalysed = pending(1, title="a", published=a.published + timedelta(seconds=1))
    assert digest_key("digest", [reanalysed, b], NOW) != digest_key("digest", [a, b], NOW)
    assert digest_key("alert", [a], NOW) != digest_key("digest", [a], NOW)


def test_a_mention_with_a_date_is_preferred_as_key_sentence():
    items = [
        pending(
            1,
            title="t",
            facts=(TROOPS,),
            mentions=(
                mention("iraq-mission-end", "Undated but strong.", None, 9.0),
                mention("iraq-mission-end", "Dated by 2026.", "by 2026", 1.0),
            ),
        )
    ]
    [story] = compose(items, [IRAQ], [], NOW).sections[0].stories
    assert story.sentence.date_text == "by 2026"
