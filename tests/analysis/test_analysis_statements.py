"""Fact statements read well in a digest: a complete clause, without the dateline, never cut
inside a phrase; movements go where their preposition says."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.analysis.clauses import statement
from monitor.analysis.document import read_document
from monitor.analysis.facts import place_facts
from monitor.analysis.status import status_facts

PUBLISHED = date(2026, 1, 18)
# Words a statement cut in the middle of a phrase ends with.
DANGLING = {"to", "that", "the", "a", "of", "and", "were", "was", "about", "in", "for", "its"}


def status_statements(vocabulary, text):
    doc = read_document(text, PUBLISHED, vocabulary)
    return [
        f.statement
        for i in range(len(doc.sentences))
        for f in status_facts(doc, i, vocabulary.milestones[0].domain)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BAGHDAD — Iraqi troops have taken full control of Ain al-Asad air base after the "
            "departure of the last American forces, the defence ministry said on Saturday.",
            "completed: Iraqi troops have taken full control of Ain al-Asad air base after the "
            "departure of the last American forces",
        ),
        (
            "Separately, a spokesperson for the US embassy in Baghdad rejected reports that "
            "American troops were about to leave the capital.",
            "denied: a spokesperson for the US embassy in Baghdad rejected reports that American "
            "troops were about to leave the capital",
        ),
        (
            "Al-Muhammadawi said the coalition's mission had come to an end and that Iraq's "
            "attention had shifted to bilateral memoranda of understanding with the United States.",
            "completed: Al-Muhammadawi said the coalition's mission had come to an end",
        ),
        (
            "The defence ministry said late on Sunday that the international coalition had "
            "finished evacuating every military base in the country.",
            "completed: the international coalition had finished evacuating every military base "
            "in the country",
        ),
        (
            "Maliki's bloc: US troops are repositioning, not leaving Iraq",
            "denied: US troops are repositioning, not leaving Iraq",
        ),
    ],
)
def test_status_statements_are_complete_clauses(vocabulary, text, expected):
    assert status_statements(vocabulary, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "ERBIL (Wire) — The handover of the Victory base near Baghdad airport to the Iraqi army, "
        "which officials had planned for the end of September under the 2024 agreement between "
        "the two governments and their military commissions, has been delayed until January.",
        "WASHINGTON — The Pentagon said on Friday that the last of the American advisers who had "
        "served at the base since 2014 had completed their withdrawal from Ain al-Asad, and that "
        "most of them had been moved to Erbil in the Kurdistan Region.",
    ],
)
def test_long_statements_are_cut_between_phrases(vocabulary, text):
    (said,) = status_statements(vocabulary, text)
    words = said.split(": ", 1)[1].split()
    assert words[-1].lower().strip(",.") not in DANGLING, said
    assert not said.split(": ", 1)[1].isupper() and "—" not in said and "(Wire)" not in said
    assert len(words) <= 26, said


def test_statement_of_a_bare_clause(vocabulary):
    doc = read_document("BAGHDAD — US forces left the base.", PUBLISHED, vocabulary)
    assert statement(doc, 0, 3, 5) == "US forces left the base"


def places_of(vocabulary, text, milestone=0):
    doc = read_document(text, date(2025, 9, 1), vocabulary)
    out = []
    for i in range(len(doc.sentences)):
        places = [
            (h.first, h.last, h.payload.name)
            for h in doc.hits[i]
            if h.payload.milestone == milestone and h.payload.category == "place"
        ]
        out += place_facts(doc, i, places, vocabulary.milestones[milestone].domain)
    return out


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "The trucks split up after leaving: twenty were headed for Jordan, four for Erbil.",
            {"step:arrive:erbil"},
            {"step:leave:erbil"},
        ),
        (
            "Trucks left Ain al-Asad bound for Jordan, Erbil and Basra.",
            {"step:leave:ain al-asad", "step:arrive:erbil"},
            {"step:leave:erbil"},
        ),
        (
            "Convoys headed out of Ain al-Asad on Monday.",
            {"step:leave:ain al-asad"},
            set(),
        ),
        (
            "US convoys left Syria for Iraq's Kurdistan Region on Monday.",
            {"step:arrive:kurdistan region"},
            {"step:leave:kurdistan region", "step:arrive:iraq", "step:leave:iraq"},
        ),
        (
            "The coalition's presence at its Baghdad headquarters and at Ain al-Asad would "
            "formally end next month.",
            {"plan:end:ain al-asad"},
            {"plan:increase:ain al-asad", "plan:increase:baghdad"},
        ),
        (
            "Erbil became the main hub for coalition forces in the region.",
            {"step:increase:erbil"},
            set(),
        ),
        (
            "Advisers left every base in federal Iraq, including the Joint Operations Command.",
            set(),
            {"step:handover:joint operations command", "plan:handover:joint operations command"},
        ),
        (
            "The mission had come to an end and that Iraq's attention had shifted elsewhere.",
            set(),
            {"plan:end:iraq", "step:end:iraq"},
        ),
        # A participle used as an adjective is no step.
        (
            "A reduced US force in Erbil will support operations in Syria.",
            set(),
            {"step:reduce:erbil"},
        ),
    ],
)
def test_movements_go_where_their_preposition_says(vocabulary, text, present, absent):
    got = {f.key for m in (0, 1) for f in places_of(vocabulary, text, m)}
    assert present <= got, got
    assert not absent & got, got


def test_place_statements_read_as_phrases(vocabulary):
    got = {
        f.key: f.statement
        for f in places_of(vocabulary, "US forces handed over every base in Anbar.")
    }
    assert got == {"step:handover:anbar": "handed over sites in Anbar"}
