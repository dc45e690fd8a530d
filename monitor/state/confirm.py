"""Is a milestone's state confirmed? An official source says it, or two independent outlets
do (pure).

Authority comes from the feeds that listed an article (`authority` in the configuration): an
article listed by an official feed is official; feeds no longer configured count as press.
An aggregator is never an outlet itself: its items are named after the publisher they carry
(see `monitor.outlets`), and items without one share the aggregator's host, so they count as
one outlet together.

Independent outlets: the reports are grouped, and each group counts once, when they come from
one outlet (`monitor.outlets.outlet_key`: "Reuters" and "reuters.com" are one) or share most of
their text (at least `SYNDICATED` of the shorter text's 5-word shingles: a syndicated copy, a
re-publication under another feed or headline, a trimmed wire story). Groups are closed
transitively: if A copies B and B is C's outlet, the three are one voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from monitor.outlets import outlet_key
from monitor.similarity import containment, shingles
from monitor.state.model import Authority, Evidence

# Share of the shorter text's shingles found in the other above which two reports are copies
# of one story. Independent reports of one event share only set phrases (well under 0.2).
SYNDICATED = 0.5
_RANK: dict[str, int] = {"aggregator": 0, "press": 1, "official": 2}


@dataclass(frozen=True, slots=True)
class Confirmation:
    official: bool
    outlets: int
    confirmed: bool


def authority_of(feeds: Iterable[str], authorities: Mapping[str, Authority]) -> Authority:
    """The highest authority among the feeds that listed an article (press when none is
    configured any more, or when it came from no feed)."""
    found = [authorities.get(name, "press") for name in feeds]
    if not found:
        return "press"
    return max(found, key=lambda a: _RANK[a])


def confirm(
    evidence: Sequence[Evidence],
    authorities: Mapping[str, Authority],
    texts: Mapping[int, str] | None = None,
) -> Confirmation:
    """Whether the reports in `evidence` confirm what they report. `texts` maps article ids to
    their text (copies are recognised only where it is given)."""
    official = any(authority_of(e.feeds, authorities) == "official" for e in evidence)
    voices = independent_outlets(evidence, texts or {})
    return Confirmation(official=official, outlets=voices, confirmed=official or voices >= 2)


def independent_outlets(evidence: Sequence[Evidence], texts: Mapping[int, str]) -> int:
    """How many independent voices report `evidence` (see the module docstring)."""
    articles: dict[int, Evidence] = {}
    for item in evidence:
        articles.setdefault(item.article_id, item)
    ids = sorted(articles)
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of_outlet: dict[str, int] = {}
    for i in ids:
        key = outlet_key(articles[i].outlet)
        if key in first_of_outlet:
            join(first_of_outlet[key], i)
        else:
            first_of_outlet[key] = i
    sets = {i: shingles(texts[i]) for i in ids if texts.get(i)}
    with_text = sorted(sets)
    for n, a in enumerate(with_text):
        for b in with_text[n + 1 :]:
            if root(a) != root(b) and containment(sets[a], sets[b]) >= SYNDICATED:
                join(a, b)
    return len({root(i) for i in ids})
