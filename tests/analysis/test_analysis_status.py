"""Status changes alert readers at once: only what is reported as having happened, and of the
commitment itself. Sentences written for these tests, in the register of wire copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from monitor.analysis.vocabulary import Vocabulary
from tests.analysis.status_reading import status_keys as keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A condition or a time clause in the present speaks of the future.
        (
            "A US official said that once the drawdown is finished fewer than 2,000 American "
            "troops will remain in Iraq.",
            [],
        ),
        ("When the handover of the base is complete, Iraqi units will move in.", []),
        ("If the withdrawal is completed on time, the embassy will shrink too.", []),
        ("Unless the drawdown is halted, the last troops leave next month.", ["talk:reversed"]),
        ("The pullout will be finished by the end of the month.", []),
        ("Has the withdrawal from Ain al-Asad been completed?", []),
        ("Is the coalition mission over?", []),
        # In the past, the same clauses report what happened.
        (
            "After the withdrawal was completed in January, Iraqi units moved into the base.",
            ["status:completed"],
        ),
        ("The coalition mission in federal Iraq officially ended on Sunday.", ["status:completed"]),
        ("The withdrawal from the base is now complete, officials said.", ["status:completed"]),
        ("The first phase of the transition is over, the commission said.", ["status:completed"]),
        ("US forces have fully withdrawn from the base.", ["status:completed"]),
        ("The handover is behind schedule, officers said.", ["status:delayed"]),
        ("The pullout was put on hold after the attack.", ["status:delayed"]),
        # A request verb as a participle ("demanded by") asks for nothing that follows it.
        (
            "The pullout from the base demanded by Baghdad was finished on Sunday.",
            ["status:completed"],
        ),
        ("Baghdad urged that the pullout from the base be finished.", []),
        # A clause after a comma that states the result of a past event takes its tense;
        # after a plan it stays a plan.
        (
            "The last US aircraft lifted off from the base at 11:59 p.m. on Sunday, completing "
            "the withdrawal from Iraq.",
            ["status:completed"],
        ),
        ("US aircraft will lift off on Sunday, completing the withdrawal from Iraq.", []),
        # What should have happened, a share of the work, an anniversary: no completion.
        (
            "Today was supposed to be the day the last US troops left Ain al-Asad.",
            [],
        ),
        ("More than half of the withdrawal from the base is complete, officials said.", []),
        ("The pullout from the base is 90 percent complete.", []),
        (
            "Iraqis marked one year since the last US troops left Ain al-Asad.",
            [],
        ),
        # An opportunity under a named agreement is no decision taken: talk of a change.
        (
            "The last opportunity under the Baghdad Agreement to extend the mission lapsed.",
            ["talk:extended"],
        ),
        ("The two governments reached an agreement to extend the mission.", ["status:extended"]),
        # What can be done is talk of a change.
        ("Under the agreement, the mission can be extended once.", ["talk:extended"]),
        # A stay verb that takes an object keeps people or units, not anything else.
        (
            "The US commander in Iraq retained every capability needed to protect his forces "
            "at Ain al-Asad beyond the September deadline.",
            [],
        ),
        (
            "The US kept 300 advisers at Ain al-Asad beyond the September deadline.",
            ["status:extended"],
        ),
        (
            "US staff kept at Ain al-Asad beyond the September deadline train Iraqi units.",
            ["status:extended"],
        ),
        # One of several steps completed is not the end.
        (
            "Officials met on Saturday, completing one of the main steps of the withdrawal from "
            "Iraq.",
            [],
        ),
        # A hyphenated course noun is read as the one word it is written as.
        ("Baghdad has scrapped the pull-out from Ain al-Asad.", ["status:reversed"]),
        # Of something else: not a change of the commitment.
        ("US forces completed a raid on an ISIS cell near the border.", []),
        ("The ambassador extended an invitation to the Iraqi defence minister.", []),
        ("The ruling party delayed the vote on the budget.", []),
        ("The number of deployed troops is over 2,000.", []),
        # Denials, of reports or of the commitment itself, are recorded as denials.
        (
            "The US embassy rejected reports that American troops were about to leave the capital.",
            ["status:denied"],
        ),
        ("The Pentagon denied an imminent withdrawal from Baghdad.", ["status:denied"]),
        ("Officials said reports of a pullout were baseless.", ["status:denied"]),
        ("The embassy did not deny that troops were leaving Ain al-Asad.", []),
        (
            "American diplomats pushed back against accounts of an evacuation of US forces "
            "from Baghdad.",
            ["status:denied"],
        ),
        (
            "The prime minister denied that American troops were preparing to leave Iraq.",
            ["status:denied"],
        ),
        ("Washington has no plans to withdraw its forces.", ["status:denied"]),
        # What a phrase like "no plan to" rules out is what follows it.
        (
            "The US deployment is temporary, and there is no plan to use Ain al-Asad as a hub "
            "for air strikes.",
            [],
        ),
        (
            "A spokesman said no decision had been taken on a withdrawal from Baghdad.",
            ["status:denied"],
        ),
        # What is denied is not reported as happening.
        ("The Pentagon denied it would keep troops at Ain al-Asad.", ["status:denied"]),
        ("Officials denied that the withdrawal had been halted.", ["status:denied"]),
        (
            "Iraqi officials denied that US forces would stay beyond September.",
            ["status:denied"],
        ),
        (
            "Officials denied any delay, but the handover was postponed to January.",
            ["status:delayed", "status:denied"],
        ),
    ],
)
def test_status_is_reported_and_of_the_commitment(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Staying past a date is an extension; said after the date, the forces are still there.
        (
            "A small US unit will stay at Ain al-Asad beyond the September deadline.",
            date(2025, 10, 20),
            ["status:extended"],
        ),
        (
            "A small US unit will stay at Ain al-Asad beyond the September deadline.",
            date(2025, 6, 1),
            ["talk:extended"],
        ),
        (
            "Will a small US unit stay at Ain al-Asad beyond the September deadline?",
            date(2025, 10, 20),
            ["talk:extended"],
        ),
    ],
)
def test_staying_beyond_a_date(vocabulary, text, published, expected):
    assert keys(vocabulary, text, published) == expected


def test_the_last_ones_leaving_must_be_one_clause(vocabulary):
    assert keys(vocabulary, "The last US troops have left Ain al-Asad.") == ["status:completed"]
    title = (
        "US begins pulling its last troops out of Syria; convoys head for Iraq's Kurdistan Region"
    )
    assert "status:completed" not in keys(vocabulary, title, title=True)


def test_an_alerting_article_names_a_real_change(run):
    conditional = run(
        "A US official said that once the drawdown is finished fewer than 2,000 American troops "
        "will remain in Iraq, most of them in Erbil.",
        "2025-10-01",
    )
    assert conditional.status_change is None
    rumour = run(
        "Separately, a spokesperson for the US embassy in Baghdad rejected reports that American "
        "troops were about to leave the capital, saying the coalition keeps to its schedule.",
        "2025-08-29",
        title="Pentagon holds to Iraq timetable",
    )
    # A denial alerts as a denial, never as the departure it denies.
    assert rumour.status_change == "denied"
    assert [e.kind for e in rumour.events if e.kind != "step"] == ["denied"]
    assert not any(f.key.startswith("step:leave") for f in rumour.new_facts)


BREXIT = Path(__file__).resolve().parents[1] / "data" / "domains" / "brexit-transition"


@pytest.fixture(scope="module")
def brexit_vocabulary():
    from monitor.config import load_settings

    return Vocabulary(load_settings(BREXIT / "newcomer.yaml", env={}).milestone_objects())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A configured phrase that opens with the course's noun and holds its verb.
        ("The Brexit transition period ended on Thursday night.", ["status:completed"]),
        # A refusal in the conditional is stated now; under a condition it is not.
        (
            "Downing Street said Britain would not request an extension of the transition.",
            ["status:denied"],
        ),
        ("If Britain did not request an extension of the transition, talks would end.", []),
    ],
)
def test_words_a_newcomer_configured(brexit_vocabulary, text, expected):
    assert keys(brexit_vocabulary, text, published=date(2020, 12, 31)) == expected


def test_a_headline_in_the_present_reports_the_end(brexit_vocabulary):
    title = "Brexit transition ends: Big Ben strikes eleven as UK leaves single market"
    got = keys(brexit_vocabulary, title, published=date(2020, 12, 31), title=True)
    assert got == ["status:completed"]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # After the article named the commitment, a denial of a change to its deadline.
        (
            "Officials said no decision had been made to change the 31 December deadline.",
            ["denied"],
        ),
        # After the article named the commitment, a change said with its own context word.
        ("Downing Street said Britain would not request a longer transition.", ["denied"]),
        # Without it, a change of something unnamed is not the commitment's.
        ("Downing Street said Britain would not request a longer holiday.", []),
    ],
)
def test_a_change_said_with_the_commitments_own_word(second, expected):
    from datetime import UTC, datetime

    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.seeds import load_seeds
    from monitor.types import Article

    settings = load_settings(BREXIT / "newcomer.yaml", env={})
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    day = datetime(2020, 6, 12, 12, tzinfo=UTC)
    text = f"The Brexit transition period ends on 31 December.\n\n{second}"
    finding = analyse(Article(None, "", text, day, origin="file"), baseline, now=day)
    assert sorted({e.kind for e in finding.events} - {"step", "confirmed"}) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The day of an event is the date nearest its words, not the first in the sentence:
        # a year-old completion is history.
        (
            "A year ago today officials met in Baghdad, and a week later, on 28 December 2025, "
            "the last US troops left Ain al-Asad.",
            "2026-12-21",
            [],
        ),
        (
            "Officials met in Baghdad on 20 December 2026, and the last US troops left Ain "
            "al-Asad.",
            "2026-12-21",
            ["completed"],
        ),
    ],
)
def test_the_day_of_a_change(run, text, published, expected):
    finding = run(text, published=published)
    assert sorted({e.kind for e in finding.events} - {"step", "confirmed"}) == expected


def test_a_date_that_names_a_deadline_is_not_the_day_of_an_event(run):
    """ "The 31 December deadline", read in March, resolves to last December: were it the
    day of the call for a delay, the call would be dropped as history."""
    finding = run(
        "Iraqi ministers meeting in Baghdad on Tuesday backed a paper from the defence "
        "committee that asks to push back the 31 December deadline for the withdrawal of "
        "coalition troops from Ain al-Asad.",
        published="2025-03-27",
    )
    assert any(f.statement.startswith("delayed?") for f in finding.new_facts), finding.new_facts


def test_a_due_date_of_one_milestone_only_keeps_its_change(run):
    """The clause names the other milestone's place ("in Syria"), but its date is the due
    month of this one alone: the extension is this milestone's."""
    finding = run(
        "Iraq will keep a small contingent of American advisers beyond the September 2025 "
        "date to coordinate with US forces in Syria, the prime minister announced.",
        published="2025-10-20",
    )
    assert {(e.milestone, e.kind) for e in finding.events if e.kind == "extended"} == {
        ("iraq-mission-end", "extended")
    }


def test_a_change_of_time_said_with_a_context_word_needs_a_date_or_the_course(run):
    """After the article named the second phase, "extended beyond combat in Syria" moves no
    date of it; "support in Syria was extended to March 2027" does."""
    opening = "Support to operations in Syria from Iraq continues until September 2026.\n\n"
    loose = run(
        opening + "Its work has long extended beyond combat in Syria.", published="2025-10-01"
    )
    assert "extended" not in {e.kind for e in loose.events}
    dated = run(
        opening + "Support in Syria was extended to March 2027, officials said.",
        published="2025-10-01",
    )
    assert ("syria-support-end", "extended") in {(e.milestone, e.kind) for e in dated.events}
