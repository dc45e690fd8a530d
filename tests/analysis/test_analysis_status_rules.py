"""General English forms of a change of status, each with sentences written for these tests:
what the sentence reports, and the look-alikes that report nothing."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.analysis.document import read_document
from monitor.analysis.status import status_facts
from monitor.analysis.vocabulary import Vocabulary

PUBLISHED = date(2025, 10, 1)


@pytest.fixture(scope="module")
def vocabulary(settings):
    return Vocabulary(settings.milestone_objects())


def keys(vocabulary, text, published=PUBLISHED):
    doc = read_document(text, published, vocabulary)
    return sorted(
        {
            f.key
            for i in range(len(doc.sentences))
            for f in status_facts(doc, i, vocabulary.milestones[0].domain)
        }
    )


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
