"""General English forms of a change of status, each with sentences written for these tests:
what the sentence reports, and the look-alikes that report nothing."""

from __future__ import annotations

import pytest

from monitor.analysis.document import read_document
from monitor.analysis.status import status_facts
from tests.analysis.status_reading import PUBLISHED
from tests.analysis.status_reading import status_keys as keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reversal's subject opens its clause, however long the relative clause after it.
        (
            "The full closure of the northern depot that ministers had promised for March has "
            "now been called off.",
            ["status:reversed"],
        ),
        (
            "The annual meeting of the two delegations that officials in both capitals had "
            "prepared for weeks has now been called off.",
            [],
        ),
        # "Dropped" in the passive abandons a course; an intransitive "dropped" is a fall.
        ("The pullout from the northern depot was dropped after the attack.", ["status:reversed"]),
        ("Charges against the two officers were dropped on Monday.", []),
        ("Support for the pullout has dropped sharply.", []),
    ],
)
def test_reversals(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A departure or a closure done with an adverb that leaves nothing of it.
        ("US forces have completely left the northern depot, officials said.", ["completed"]),
        ("US forces have now left the northern depot for good.", ["completed"]),
        ("US forces have not completely left the northern depot.", []),
        ("US forces will leave the northern depot for good next year.", []),
        ("If US forces have completely left the depot, the talks will start.", []),
        ("Prices have completely collapsed.", []),
        ("A small US unit has left the northern depot for good.", []),
        # "Close out" is a verb of finishing, in a result clause as elsewhere.
        ("The team left the depot on Friday, closing out the pullout.", ["completed"]),
        ("The team will leave the depot on Friday, closing out the pullout.", []),
        # Flying out is a departure: the last ones flying out complete it.
        ("The last US troops flew out of the northern depot on Sunday.", ["completed"]),
        ("The last US troops will fly out of the northern depot on Sunday.", []),
        # Handing over the last place is the end, its "last" phrase beside the object too.
        ("The US handed over Camp Falcon, its last base in the country, on Monday.", ["completed"]),
        ("The US handed over the last of its bases on Monday.", ["completed"]),
        ("The US will hand over Camp Falcon, its last base in the country, next month.", []),
        ("The US handed over Camp Falcon, its largest base in the country, on Monday.", []),
        # What is left without its subject has none of it left.
        (
            "The last units departed on Friday, leaving Baghdad without any US troops.",
            ["completed"],
        ),
        ("The units departed on Friday, leaving Baghdad without US troops.", ["completed"]),
        ("The units will depart on Friday, leaving Baghdad without US troops.", []),
        ("The convoy left Baghdad on Friday without incident.", []),
        ("The storm left Baghdad without power for days.", []),
    ],
)
def test_completions(vocabulary, text, expected):
    found = keys(vocabulary, text)
    assert [k.split(":", 1)[1] for k in found if k.startswith("status:")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Time granted up to a day after the deadline moves the deadline there.
        (
            "The coalition mission in Iraq has been given until March 2026, the defence "
            "ministry said.",
            [("delayed", "2026-03")],
        ),
        ("The coalition mission in Iraq now has until March 2026.", [("delayed", "2026-03")]),
        # More time to stay is an extension.
        (
            "The coalition mission in Iraq has been given until March 2026 to remain in the country.",
            [("extended", "2026-03")],
        ),
        # A length of time granted, with its receiver, before the day it runs to.
        (
            "Baghdad gave the coalition mission in Iraq three extra months, until March 2026, "
            "to remain in the country.",
            [("extended", "2026-03")],
        ),
        (
            "Baghdad gave the coalition mission in Iraq three extra months, until March 2026, "
            "officials said.",
            [("delayed", "2026-03")],
        ),
        # Proposed, negated or past: no new deadline.
        ("Under the draft, the coalition mission in Iraq would have until March 2026.", []),
        (
            "Under the draft, Baghdad would give the coalition mission in Iraq three extra "
            "months, until March 2026.",
            [],
        ),
        ("The coalition mission in Iraq does not have until March 2026, officials said.", []),
        # The day another milestone is due is that milestone's date.
        ("The coalition mission in Iraq has until September 2026, officials said.", []),
    ],
)
def test_time_granted_until_a_later_day(run, text, expected):
    finding = run(text, published="2025-08-20")
    got = [(e.kind, e.new_due) for e in finding.events if e.milestone == "iraq-mission-end"]
    assert [g for g in got if g[0] in ("delayed", "extended")] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A change dated by a year long gone is history the article recalls.
        (
            "In 2023, Iraqi officials denied reports that the coalition mission in Iraq would "
            "be extended.",
            "2025-08-20",
            [],
        ),
        # Before the commitment is made, it is neither done nor moved; a report of it may
        # already be denied.
        ("The coalition mission in Iraq formally ended on Sunday.", "2023-03-06", []),
        (
            "Officials denied reports that the coalition mission in Iraq would end.",
            "2023-03-06",
            ["denied"],
        ),
    ],
)
def test_changes_out_of_time(run, text, published, expected):
    finding = run(text, published=published)
    assert sorted({e.kind for e in finding.events} - {"step", "confirmed"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The passive of a counterfactual is no more a fact than its active.
        ("The pullout could have been postponed until March, officials said.", ["talk:delayed"]),
        ("The pullout would have been halted without the deal.", ["talk:reversed"]),
        ("The pullout has been postponed until March, officials said.", ["status:delayed"]),
    ],
)
def test_counterfactuals(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stay through or until a span that ends after the deadline runs past it.
        (
            "A small unit of US advisers will stay at Ain al-Asad through late 2025, officials "
            "said.",
            ["extended"],
        ),
        (
            "A small unit of US advisers will stay at Ain al-Asad until September 2025, "
            "officials said.",
            [],
        ),
    ],
)
def test_staying_through_a_span(run, text, expected):
    finding = run(text, published="2025-06-10")
    assert sorted({e.kind for e in finding.events} - {"step", "confirmed"}) == expected


@pytest.fixture(scope="module")
def run_eudr():
    """analyse() with the two milestones of the deforestation regulation's newcomer set."""
    from datetime import UTC, datetime
    from pathlib import Path

    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.seeds import load_seeds
    from monitor.types import Article

    config = Path(__file__).resolve().parents[1] / "data" / "domains" / "eudr" / "newcomer.yaml"
    settings = load_settings(config, env={})
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())

    def run(text: str, published: str):
        when = datetime.fromisoformat(published).replace(tzinfo=UTC)
        article = Article(url=None, title="", text=text, published=when, origin="file")
        return analyse(article, baseline, now=when)

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A step in the simple present with a later day, in a sentence that says the date
        # moved, is the new schedule ("become" is not read as a participle without "has").
        (
            "Under the amended EUDR, the duties of large operators become binding from "
            "30 December 2025.",
            [("eudr-large-operators", "delayed", "2025-12-30")],
        ),
        (
            "Under the Commission's proposal, the duties of large operators under the EUDR "
            "become binding from 30 December 2025.",
            [],
        ),
    ],
)
def test_a_schedule_in_the_present(run_eudr, text, expected):
    finding = run_eudr(text, "2025-01-10")
    got = [(e.milestone, e.kind, e.new_due) for e in finding.events if e.kind == "delayed"]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Denying what caused a change denies the link, not the change.
        ("Officials denied that the delay of the pullout was linked to the election.", []),
        ("Officials denied the pullout was driven by pressure from abroad.", []),
        ("Officials denied that the pullout had been delayed.", ["status:denied"]),
        ("Officials denied that US troops were due to leave the depot.", ["status:denied"]),
    ],
)
def test_denials_of_a_cause(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "No proposal to" rules out what follows it, like "no plan to".
        (
            "Washington has made no proposal to change the pullout timetable, a spokesman said.",
            ["status:denied"],
        ),
        ("There is no proposal to build a new runway at the depot.", []),
    ],
)
def test_no_proposal_to(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A step someone did not say, deny or confirm is not reported.
        ("The embassy would not confirm that US troops were leaving Ain al-Asad.", []),
        ("Officials declined to say how many US troops had left Ain al-Asad.", []),
        ("Officials said that US troops had left Ain al-Asad.", ["step"]),
    ],
)
def test_steps_left_unsaid(run, text, expected):
    finding = run(text, published="2025-08-20")
    assert sorted({e.kind for e in finding.events}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A report called false by a predicate after it: what it reports is denied.
        (
            "Reports that the US had completed its pull-out from Ain al-Asad were untrue, the "
            "embassy said.",
            ["denied"],
        ),
        (
            "A US official said claims that the handover of Ain al-Asad was finished were "
            "premature.",
            ["denied"],
        ),
        (
            "Reports of a complete withdrawal from Ain al-Asad are simply not true, the ministry "
            "said.",
            ["denied"],
        ),
        (
            "There is no truth to reports that American forces have withdrawn from Ain al-Asad, "
            "the military said.",
            ["denied"],
        ),
        # Called true, or a judgement of the step itself: no denial.
        (
            "Reports that the last US troops had left Ain al-Asad were confirmed by the ministry.",
            ["completed"],
        ),
        ("The withdrawal from Ain al-Asad was premature, Kurdish leaders said.", []),
    ],
)
def test_reports_called_false(run, text, expected):
    finding = run(text, published="2025-10-15")
    changes = {"completed", "delayed", "extended", "reversed", "denied"}
    assert sorted({e.kind for e in finding.events} & changes) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nothing left at the place the plan leaves: the end, said with "no ... are left".
        ("No American troops are left at Ain al-Asad, an Iraqi commander said.", ["completed"]),
        ("None of the coalition's soldiers are left at Ain al-Asad.", ["completed"]),
        ("No American troops will be left at Ain al-Asad after Friday.", []),
        ("Are no American troops left at Ain al-Asad?", []),
        ("No American troops are left at Ain al-Asad if the plan is followed.", []),
        # The future perfect is a plan, not a step taken.
        ("US troops will have left Ain al-Asad by the end of the week, officials said.", []),
        ("US troops have left Ain al-Asad, officials said.", ["step"]),
        # Failing to meet the deadline is a delay.
        ("Washington failed to meet the September deadline to leave Ain al-Asad.", ["delayed"]),
        ("Iraq's team failed to meet Kurdish negotiators in Erbil.", []),
    ],
)
def test_ends_plans_and_misses_said_plainly(run, text, expected):
    finding = run(text, published="2026-01-20")
    kinds = {e.kind for e in finding.events}
    strongest = [k for k in ("completed", "delayed", "step") if k in kinds][:1]
    assert strongest == expected


def test_a_denial_of_a_step_after_the_milestone_is_its_denial(run):
    """After a sentence that names the milestone, a denial of talk of a step that carries it
    out is the milestone's, though the sentence names none of its words."""
    opening = (
        "The coalition mission in Iraq ends in September 2025, under the plan agreed last year."
    )
    finding = run(
        opening
        + "\n\nThe embassy dismissed talk of American units quitting the capital within days.",
        published="2025-08-20",
    )
    assert ("iraq-mission-end", "denied") in {(e.milestone, e.kind) for e in finding.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diplomats denied at the time that the pullout had been delayed.", True),
        ("Diplomats denied on Monday that the pullout had been delayed.", False),
        ("At the time of writing, diplomats denied that the pullout was delayed.", False),
    ],
)
def test_at_the_time_looks_back(vocabulary, text, expected):
    doc = read_document(text, PUBLISHED, vocabulary)
    facts = status_facts(doc, 0, vocabulary.milestones[0].domain)
    denied = [f for f in facts if f.key == "status:denied"]
    assert denied and denied[0].recalled is expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A step whose verb is negated, before or after its noun, is not taken.
        ("US forces have not completed the handover of Ain al-Asad.", "2025-10-20", ["delayed"]),
        (
            "The handover of Ain al-Asad has not been completed, officials said on Monday about "
            "the coalition mission in Iraq.",
            "2025-10-20",
            ["delayed"],
        ),
        # Work said not done yet, after the deadline, is late; before it, nothing.
        ("US forces have yet to leave Ain al-Asad, officials said.", "2025-10-20", ["delayed"]),
        ("US forces have yet to leave Ain al-Asad, officials said.", "2025-08-20", []),
        # The handover of a place still in progress names the milestone without a subject,
        # however far the relative clause puts its verb.
        (
            "The handover of the Ain al-Asad air base, which the allies agreed last year to "
            "leave, was still in progress on Tuesday, an official said.",
            "2025-10-20",
            ["delayed"],
        ),
        (
            "The handover of the Ain al-Asad air base, which the allies agreed last year to "
            "leave, was still in progress on Tuesday, an official said.",
            "2025-08-20",
            [],
        ),
    ],
)
def test_work_not_done(run, text, published, expected):
    finding = run(text, published=published)
    # Work begun ("in progress") is also a step of it; only the changes are compared here.
    assert sorted({e.kind for e in finding.events} - {"step"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change said not to come is denied.
        ("The pullout from the base will not be postponed, a spokesman said.", ["status:denied"]),
        ("Officials said the mission in Iraq won't be extended.", ["status:denied"]),
        ("If the pullout will not be postponed, the base closes in March.", []),
        ("The pullout from the base was not postponed.", []),
        # Completing a change is that change done, not the commitment completed.
        (
            "Negotiators completed the extension of the mission in Iraq on Monday.",
            ["status:extended"],
        ),
        (
            "US forces completed the pullout from the base, despite the delay.",
            ["status:completed", "status:delayed"],
        ),
    ],
)
def test_changes_ruled_out_or_completed(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.fixture(scope="module")
def nuclear_timing():
    """timing_facts() against the single milestone of the nuclear exit's newcomer set (due
    31 December 2022): the extension and delay keys with their new deadline."""
    from datetime import date
    from pathlib import Path

    from monitor.analysis.document import read_document
    from monitor.analysis.timing import timing_facts
    from monitor.analysis.vocabulary import Vocabulary
    from monitor.config import load_settings

    config = Path(__file__).resolve().parents[1] / "data" / "domains" / "nuclear-exit"
    settings = load_settings(config / "newcomer.yaml", env={})
    vocabulary = Vocabulary(settings.milestone_objects())
    domain = vocabulary.milestones[0].domain

    def run(text: str) -> list[tuple[str, str | None]]:
        doc = read_document(text, date(2022, 11, 11), vocabulary)
        return [
            (f.key, f.new_due)
            for i in range(len(doc.sentences))
            for f in timing_facts(doc, i, domain, [], [], date(2022, 12, 31), [])
        ]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stay let run until a day after the deadline moves the deadline there.
        (
            "Lawmakers voted to let the three reactors keep generating until mid-April.",
            [("status:extended", "2023-04")],
        ),
        (
            "The law allowing the plants to run until April 2023 entered into force.",
            [("status:extended", "2023-04")],
        ),
        # Proposed, negated, guessed or not past the deadline: no new deadline.
        ("A proposal to let the reactors keep generating until mid-April was debated.", []),
        ("Parliament did not let the reactors keep running until April 2023.", []),
        ("The vote could let the reactors keep running until April 2023.", []),
        ("Operators let the reactors keep running until 31 December.", []),
    ],
)
def test_a_stay_let_run_past_the_deadline(nuclear_timing, text, expected):
    assert nuclear_timing(text) == expected


LEAD = "News on the coalition's mission in Iraq.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "At the base", with no place named in the sentence, is the article's place.
        ("A small group of US advisers held on at the base through late 2025.", ["extended"]),
        ("A few US advisers stayed on at the base in late 2025, officials said.", ["extended"]),
        # A place named that the plan does not leave, a noun that is no place: no stay.
        ("A small group of US advisers held on at the base in Erbil through late 2025.", []),
        ("A small group of US advisers held on at the talks through late 2025.", []),
        # Nobody stayed: nothing left is the end, not a stay.
        ("No US adviser stayed on at the base in late 2025, officials said.", ["completed"]),
    ],
)
def test_staying_at_the_place_the_article_is_about(run, text, expected):
    finding = run(LEAD + text, published="2026-01-21")
    # Each sentence is read as one about the milestone (else the case would test nothing).
    assert any(m.sentence == text for m in finding.mentions if m.milestone == "iraq-mission-end")
    kinds = {e.kind for e in finding.events if e.milestone == "iraq-mission-end"}
    assert sorted(kinds & {"extended", "delayed", "completed"}) == expected


@pytest.fixture(scope="module")
def nuclear_status():
    """status_facts() with the words of the nuclear exit's newcomer set: the status keys."""
    from datetime import date
    from pathlib import Path

    from monitor.analysis.vocabulary import Vocabulary
    from monitor.config import load_settings

    config = Path(__file__).resolve().parents[1] / "data" / "domains" / "nuclear-exit"
    vocabulary = Vocabulary(load_settings(config / "newcomer.yaml", env={}).milestone_objects())

    def run(text: str) -> list[str]:
        return keys(vocabulary, text, published=date(2023, 4, 20))

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nothing of the commitment's subject left, in a domain with no verb of leaving.
        ("No German nuclear plants are left on the grid.", ["status:completed"]),
        ("Germany has no nuclear power plants left in operation.", ["status:completed"]),
        ("Germany will have no nuclear power plants left after Saturday.", []),
        ("Germany has no plans left for nuclear power plants.", []),
        ("Germany no longer has any nuclear power plants on the grid.", ["status:completed"]),
        ("Germany will soon no longer have any nuclear power plants.", []),
        # A story saying a change happened, denied in the passive after it.
        (
            "A newspaper story saying Berlin had settled on postponing the closure of its last "
            "three nuclear plants was denied by the government.",
            ["status:denied"],
        ),
        # The future perfect of the passive is a plan.
        ("Germany's last three nuclear plants will have been disconnected by Sunday.", []),
        (
            "Germany's last three nuclear plants were disconnected on Saturday.",
            ["status:completed"],
        ),
    ],
)
def test_nothing_left_of_the_subject(nuclear_status, text, expected):
    assert nuclear_status(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A stay said against the time gone by since the deadline is late, not kept on.
        (
            "More than a month after the September target, a small contingent of American "
            "advisers remained at Ain al-Asad.",
            "2025-11-01",
            "delayed",
        ),
        (
            "US advisers are stationed at Ain al-Asad, the prime minister said, weeks after the "
            "September date by which the drawdown was meant to happen.",
            "2025-10-21",
            "delayed",
        ),
        (
            "A small unit of US advisers stayed at Ain al-Asad beyond the September deadline.",
            "2025-11-01",
            "extended",
        ),  # fmt: skip
        # "Would" after a past verb of saying or deciding reports a "will": a decided stay.
        (
            "Al Sudani said the two sides had agreed that a unit of 250 advisers would remain at "
            "Ain al-Asad to monitor the border.",
            "2025-10-20",
            "extended",
        ),
        (
            "Analysts said a unit of advisers would likely remain at Ain al-Asad.",
            "2025-10-20",
            None,
        ),
        ("A unit of advisers would remain at Ain al-Asad if the talks fail.", "2025-10-20", None),
        # Work "still in progress" after the deadline is late; its "still in" is no stay.
        (
            "The handover of the Ain al-Asad air base was still in progress on Tuesday, a US "
            "official said.",
            "2025-10-01",
            "delayed",
        ),
        # Nobody left, said with "not a single" / "not one".
        ("Not a single coalition staff member is left at Ain al-Asad.", "2025-12-31", "completed"),
        ("Not one American soldier remains at Ain al-Asad.", "2025-12-31", "completed"),
        ("Not all American soldiers have left Ain al-Asad.", "2025-12-31", None),
        # Putting off the exit is a delay; neither confirming nor denying is no word at all.
        (
            "The United States had put off its complete exit from Ain al-Asad, officials said.",
            "2026-01-18",
            "delayed",
        ),
        (
            "The US military neither confirmed nor denied the Iraqi account that the pull-out "
            "from Ain al-Asad is complete.",
            "2026-01-17",
            None,
        ),
    ],
)
def test_late_stays_nobody_left_and_no_word(run, text, published, expected):
    kinds = {e.kind for e in run(text, published=published).events}
    order = ("completed", "reversed", "extended", "delayed", "denied", "confirmed")
    assert next((k for k in order if k in kinds), None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change talked of, then ruled out later in the sentence.
        (
            "Extending the deadline could cost billions, the minister said, and it would not "
            "happen.",
            ["status:denied", "talk:extended"],
        ),
        (
            "A delay of the pullout would be costly, and it is off the table, the minister said.",
            ["status:denied", "talk:delayed"],
        ),
        ("The talks could take weeks, and it would not happen quickly.", []),
        # A stay until a date "and not beyond" rules out more.
        (
            "US troops will stay at Ain al-Asad until April and not beyond, the minister said.",
            ["status:denied"],
        ),
        ("US troops will stay at Ain al-Asad until April and possibly beyond.", []),
    ],
)
def test_changes_ruled_out_after_they_are_named(vocabulary, text, expected):
    assert keys(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The whole step planned by the deadline's month, said before it passes, restates
        # the plan: a confirmation.
        (
            "A Pentagon spokesman said on Monday that US forces will leave Ain al-Asad by "
            "September 2025.",
            "2025-08-20",
            ["confirmed"],
        ),
        (
            "US forces will hand over Ain al-Asad to the Iraqi army in September, a spokesman "
            "said.",
            "2025-08-20",
            ["confirmed"],
        ),
        (
            "As agreed, US forces will leave Ain al-Asad by September 2025.",
            "2025-08-20",
            ["confirmed"],
        ),
        # Said after the deadline, the same words restate nothing that still holds.
        (
            "A Pentagon spokesman said on Monday that US forces will leave Ain al-Asad by "
            "September 2025.",
            "2025-10-20",
            [],
        ),
        # Another date, a part or a number, a guess, or a plan in a time clause: no
        # confirmation.
        ("US forces will leave Ain al-Asad by December 2025, a spokesman said.", "2025-08-20", []),
        ("Some US units will leave Ain al-Asad by September 2025.", "2025-08-20", []),
        (
            "US forces will cut their numbers at Ain al-Asad to 500 by September 2025.",
            "2025-08-20",
            [],
        ),
        ("US forces are likely to leave Ain al-Asad by September 2025.", "2025-08-20", []),
        (
            "Talks were held weeks before US forces were due to leave Ain al-Asad by September "
            "2025.",
            "2025-08-20",
            [],
        ),
    ],
)
def test_the_plan_restated_with_its_deadline(run, text, published, expected):
    finding = run(text, published=published)
    assert [e.kind for e in finding.events if e.kind == "confirmed"] == expected


@pytest.fixture(scope="module")
def nuclear_run():
    """analyse() against the nuclear exit's newcomer set (one milestone, no context terms of
    its own), published on 9 January 2023: the kinds of event found."""
    from datetime import UTC, datetime
    from pathlib import Path

    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.config import load_settings
    from monitor.seeds import load_seeds
    from monitor.types import Article

    config = Path(__file__).resolve().parents[1] / "data" / "domains" / "nuclear-exit"
    settings = load_settings(config / "newcomer.yaml", env={})
    baseline = build_baseline(load_seeds(config / settings.seeds_dir), settings.milestone_objects())
    when = datetime(2023, 1, 9, 12, tzinfo=UTC)

    def run(text: str) -> list[str]:
        article = Article(url=None, title="", text=text, published=when, origin="file")
        return sorted({e.kind for e in analyse(article, baseline, now=when).events})

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change said of the subject alone, in its own paragraph, belongs to the milestone
        # whose place the article's lead names.
        (
            "Isar 2, Emsland and Neckarwestheim 2 are the last plants still running.\n\n"
            "The debate in parliament went on for hours.\n\n"
            "The chancellor ruled out letting the reactors run past April.",
            ["denied"],
        ),
        (
            "Isar 2, Emsland and Neckarwestheim 2 are the last plants still running.\n\n"
            "The debate in parliament went on for hours.\n\n"
            "Ministers delayed closing the reactors until April.",
            ["delayed"],
        ),
        # With the place named only further on, in another paragraph, the change is no one's.
        (
            "The debate in parliament went on for hours.\n\n"
            "Several speakers asked for a vote.\n\n"
            "A second session is planned.\n\n"
            "The chancellor ruled out letting the reactors run past April.\n\n"
            "Separately, a solar park opened in Lingen.",
            [],
        ),
    ],
)
def test_a_change_of_the_subject_in_an_article_about_the_place(nuclear_run, text, expected):
    assert [k for k in nuclear_run(text) if k != "step"] == expected
