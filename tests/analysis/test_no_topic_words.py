"""The analysis holds the generic machinery only: no word of any field is in its code, its
strings, its comments or its docstrings. The words of a field live in config/packs/*.yaml and
in the milestones' configuration (a grep, word by word, over monitor/analysis/)."""

from __future__ import annotations

import re

from tests.conftest import REPO

ANALYSIS = REPO / "monitor" / "analysis"
# Words of the fields the shipped packs and examples follow: people and places of a
# withdrawal, plants and reactors of a closure, the names of a law.
TOPIC_WORDS = """
troop troops soldier soldiers military army marines convoy convoys withdraw withdraws
withdrew withdrawn withdrawal withdrawals drawdown pullout handover base bases air airbase
mission missions coalition pentagon embassy adviser advisers advisor advisors personnel forces
iraq iraqi syria syrian isis isil erbil baghdad asad kurdistan nato
reactor reactors nuclear plant plants coal megawatt megawatts mw
deforestation eudr regulation directive
""".split()  # noqa: SIM905 (a word list reads better as text)


def test_no_topic_word_in_the_analysis() -> None:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, TOPIC_WORDS)) + r")\b", re.IGNORECASE)
    found = []
    for path in sorted(ANALYSIS.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in pattern.finditer(line):
                found.append(f"{path.name}:{number}: {match.group()}")
    assert not found, "topic words in monitor/analysis/:\n" + "\n".join(found)


def test_the_test_can_see_a_topic_word() -> None:
    """The grep finds what it looks for (a test must be able to fail)."""
    pattern = re.compile(r"\b(" + "|".join(TOPIC_WORDS) + r")\b", re.IGNORECASE)
    assert pattern.search('QUALIFIERS = {"troops": 1}')
    assert not pattern.search("a plan to leave the site")
