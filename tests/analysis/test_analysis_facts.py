"""Facts from sentences: troop numbers, statuses, steps at places, dates; keys compare."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.analysis.document import read_document
from monitor.analysis.facts import date_facts, place_facts, quantity_facts
from monitor.analysis.quantities import number_value
from monitor.analysis.status import status_facts
from monitor.analysis.vocabulary import Vocabulary

PUBLISHED = date(2025, 10, 1)


@pytest.fixture(scope="module")
def vocabulary(settings):
    return Vocabulary(settings.milestone_objects())


def doc_of(text, vocabulary, published=PUBLISHED):
    return read_document(text, published, vocabulary)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("About 2,500 US service members remain in Iraq.", ["troops:2500"]),
        ("Fewer than 2,000 American troops will stay.", ["troops:2000"]),
        ("A unit of 250 to 350 advisers will remain at the base.", ["troops:250-350"]),
        ("Several hundred troops are expected to leave.", ["troops:500"]),
        ("The Pentagon will cut the force to about 1,000 by spring.", ["troops:1000"]),
        ("Troop levels of fewer than 500 are planned in Erbil.", ["troops:500"]),
        ("The group controlled 110,000 square kilometers with 40,000 fighters.", []),
        ("Forces have been there since 2014.", []),
        ("Only four attacks were recorded in 2025.", []),
    ],
)
def test_troop_numbers(vocabulary, domain, text, keys):
    doc = doc_of(text, vocabulary)
    assert [f.key for f in quantity_facts(doc, 0, domain)] == keys


@pytest.mark.parametrize(
    "text, value",
    [
        ("2,500", 2500),
        ("1.5 thousand", 1500),
        ("1.5 million", 1_500_000),
        ("a few hundred", 300),
        ("x", None),
    ],
)
def test_number_values(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("US forces completed their withdrawal from the base on Saturday.", ["status:completed"]),
        ("The withdrawal will be completed by September 2025.", []),  # a plan
        ("The withdrawal is expected to be completed next year.", []),
        ("The handover has been delayed until January.", ["status:delayed"]),
        ("Officials asked to postpone the withdrawal.", ["talk:delayed"]),
        ("The mission was extended for another year.", ["status:extended"]),
        ("The embassy denied reports of an imminent exit.", ["status:denied"]),
        ("Washington has no plans to withdraw.", ["status:denied"]),
        ("The Pentagon confirmed the timeline.", ["status:confirmed"]),
        ("The drawdown was halted after the attacks.", ["status:reversed"]),
        ("The council concluded that the army was ready.", []),  # a judgement, not an end
        ("The last US forces have pulled out of the base.", ["status:completed"]),
        ("The withdrawal has not been completed.", []),
        ("Washington and Baghdad agreed to extend the coalition's presence.", ["status:extended"]),
        ("The two governments agreed to end the mission by September 2025.", []),
        ("The attack came weeks before the end of the coalition mission.", []),
        ("Iraq declared the end of the first phase on Monday.", ["status:completed"]),
    ],
)
def test_statuses(vocabulary, domain, text, statuses):
    doc = doc_of(text, vocabulary)
    assert sorted(f.key for f in status_facts(doc, 0, domain)) == sorted(statuses)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("US troops left Ain al-Asad on Monday.", ["step:leave:ain al-asad"]),
        ("US troops will leave Ain al-Asad next month.", ["plan:leave:ain al-asad"]),
        (
            "Forces moved from Ain al-Asad to Erbil.",
            ["step:leave:ain al-asad", "step:arrive:erbil"],
        ),
        (
            "The coalition handed over the Victory base to the Iraqi army.",
            ["step:handover:victory base"],
        ),
        ("Troops did not leave Baghdad.", []),  # negated
        ("Coalition forces leave Ain al-Asad and Baghdad, moving to Erbil.", None),
    ],
)
def test_steps_and_plans_at_places(vocabulary, domain, text, keys):
    doc = doc_of(text, vocabulary)
    places = [
        (h.first, h.last, h.payload.name)
        for h in doc.hits[0]
        if h.payload.milestone == 0 and h.payload.category == "place"
    ]
    got = [f.key for f in place_facts(doc, 0, places, domain)]
    if keys is None:
        # "moving to" points at the place after it, never back at Ain al-Asad.
        assert "plan:arrive:ain al-asad" not in got and "plan:arrive:erbil" in got
    else:
        assert sorted(got) == sorted(keys)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The rest will leave by the end of 2026.", ["date:2026-12"]),
        ("Troops will stay until at least September 2026.", ["date:2026-09"]),
        ("The deal was signed in 2024.", []),  # history
        ("Talks were held on Sept. 28.", []),  # the report's own event date
        ("Withdrawal is due in January 2026.", ["date:2026-01"]),  # ahead of publication
    ],
)
def test_date_facts(vocabulary, text, keys):
    doc = doc_of(text, vocabulary)
    assert [f.key for f in date_facts(doc, 0, date(2024, 9, 27))] == keys
