"""Facts stated in sentences: troop numbers, steps at places, dates (statuses: `status`). Pure.

Every fact gets a normalised key, so that the same fact said in other words compares equal:

    status:<completed|delayed|extended|reversed|denied|confirmed>   (see `status`)
    talk:<delayed|extended|reversed>   such a change asked for, discussed or expected
    troops:<number>                 "about 2,500 service members" -> troops:2500
    step:<action>:<place>           a step taken ("left Ain al-Asad" -> step:leave:ain al-asad)
    plan:<action>:<place>           a step announced or expected
    date:<resolved>                 a date said of the milestone ("by the end of 2026" -> 2026-12)

Actions are generic (leave, handover, arrive, remain, reduce, close, end, increase); places are
the milestone's configured place terms, named by their first spelling. A place after "to",
"for", "into", "toward(s)" (also at the end of a list: "bound for Jordan, Erbil and Basra") is
where a movement goes, after "from" or "out of" where it comes from. The statement is a short
human-readable string. This module extracts; comparing with the baseline and with facts
already delivered is `novelty`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from monitor.analysis.aspect import aspect, word
from monitor.analysis.clauses import same_clause
from monitor.analysis.document import Document
from monitor.analysis.lexicon import (
    ACTION_PHRASES,
    BECOMING,
    COUNT_NOUNS,
    NUMBER_WORDS,
    QUALIFIERS,
    ROLE_NOUNS,
)
from monitor.analysis.terms import Hit, PhraseIndex, stem

ACTION_INDEX: PhraseIndex[str] = PhraseIndex(
    (phrase, family) for family, phrases in ACTION_PHRASES.items() for phrase in phrases
)
_DONE_VERB = {
    "leave": "left",
    "handover": "handed over",
    "arrive": "moved to",
    "remain": "remain in",
    "reduce": "drew down in",
    "close": "closed",
    "end": "ended its presence in",
    "increase": "built up",
}
_PLAN_VERB = {
    "leave": "to leave",
    "handover": "to hand over",
    "arrive": "to move to",
    "remain": "to remain in",
    "reduce": "to draw down in",
    "close": "to close",
    "end": "to end its presence in",
    "increase": "to build up",
}
_MAX_ACTION_DISTANCE = 10
# An action after its place ("Ain al-Asad was handed over") is rarer, and must be close: a
# place further back is more often the actor ("Washington and Baghdad agreed to ...").
_AFTER_PENALTY = 3
_AFTER_GAP = 3
_TO_WORDS = frozenset({"to", "into", "toward", "towards"})
# A place after one of these is where a movement goes ("bound for Erbil").
_DESTINATION = frozenset({"to", "into", "toward", "towards", "for"})
# Words between such a preposition and its place: articles, qualifiers, the other names of a
# list ("for Jordan, Erbil and Basra").
_BEFORE_PLACE = frozenset({"the", "a", "an", "its", "their", "air", "base", "and", "or"})
_LIST_REACH = 8
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "these"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "across", "throughout", "around"})
_POSSESSIVE = re.compile(r"^['’]s\s+$")

_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_WORDNUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:thousand|hundred))?|{_WORDNUM})"
_NOUN = "|".join(
    sorted((re.escape(n).replace(r"\ ", r"\s+") for n in COUNT_NOUNS), key=len, reverse=True)
)
# Words between a number and its count noun: a capitalised name ("US", "American") or one of
# these ("more than 150 attacks on US forces" is not a head count).
_NOUN_MODIFIERS = (
    "more|additional|remaining|extra|military|combat|foreign|allied|international|western|"
    "active-duty|support|security|special|operations|ground|service|coalition|american|us"
)
# "about 2,500 US service members", "250 to 350 advisers", "fewer than 2,000 troops"
_TROOPS_BEFORE = re.compile(
    rf"""(?ix)
    (?:\b(?P<qual>{_QUAL})\s+)?
    \b(?P<num>{_NUM})(?:\s*(?:to|-|–|and)\s*(?P<num2>{_NUM}))?
    \s+(?:(?:(?-i:[A-Z][\w.\-]*)|{_NOUN_MODIFIERS})\s+){{0,3}}?
    (?P<noun>{_NOUN})\b
    """
)
# "cut the force to about 2,000", "troop levels of fewer than 500"
_TROOPS_AFTER = re.compile(
    rf"""(?ix)
    \b(?P<noun>troop\s+levels?|troops|forces|force|presence|footprint|contingent|personnel)\b
    (?:\s+[\w.\-]+){{0,4}}?\s+(?:to|at|of|from|around|about)\s+
    (?:(?P<qual>{_QUAL})\s+)?
    (?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{2,3}}|{_WORDNUM})\b
    (?!\s*(?:%|percent|per\s+cent|years?|months?|days?|weeks?|km|kilomet|miles|attacks?|bases?))
    """
)


@dataclass(frozen=True, slots=True)
class RawFact:
    """A fact found in one sentence, before it is compared with the baseline."""

    kind: str  # status, troops, step, plan, date
    key: str
    statement: str
    sentence: int
    value: str = ""  # the phrase as written ("fewer than 2,000", "by the end of 2026")
    strong: bool = True
    decides: bool = True  # False: reported, but no reason on its own to call an article new
    span: tuple[date, date] | None = None  # for dates: the first and last day named


def number_value(text: str) -> int | None:
    flat = " ".join(text.lower().split())
    if flat in NUMBER_WORDS:
        return NUMBER_WORDS[flat]
    match = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(thousand|hundred))?", flat)
    if not match:
        return None
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    if match.group(2) == "thousand":
        value *= 1000
    elif match.group(2) == "hundred":
        value *= 100
    return int(value)


# Stems of the words that count people ("troops", "service members", "force levels").
_COUNT_STEMS = frozenset(
    stem(phrase.split()[-1])
    for phrase in (*COUNT_NOUNS, "levels", "level", "force", "presence", "footprint", "contingent")
)
# Words a number phrase can end with ("a few hundred"), and how many words a qualifier and the
# number's first words may take before it ("no more than a few hundred").
_NUMBER_STEMS = frozenset(
    stem(w)
    for phrase in NUMBER_WORDS
    for w in phrase.split()
    if w not in ("a", "of", "few", "several", "one", "two", "three", "four", "five")
    and w not in ("six", "seven", "eight", "nine")
)
_NUMBER_BACK = 5
# The nouns `_TROOPS_AFTER` opens with ("troop levels of fewer than 500").
_AFTER_NOUN_STEMS = frozenset(
    stem(w)
    for w in ["troop", "troops", "forces", "force", "presence", "footprint", "contingent"]
    + ["personnel"]
)


def troop_facts(doc: Document, sentence: int) -> list[RawFact]:
    key = ("troops", sentence)
    if key not in doc.memo:
        doc.memo[key] = _troop_facts(doc, sentence)
    return doc.memo[key]


def _troop_facts(doc: Document, sentence: int) -> list[RawFact]:
    out: list[RawFact] = []
    first, last = doc.spans[sentence]
    stems = doc.tokens.stems
    if _COUNT_STEMS.isdisjoint(stems[first:last]):
        return out  # no word that counts people
    numbers = [k for k in range(first, last) if stems[k][0].isdigit() or stems[k] in _NUMBER_STEMS]
    if not numbers:
        return out
    nouns = [k for k in range(first, last) if stems[k] in _AFTER_NOUN_STEMS]
    seen: set[int] = set()
    for pattern, anchors, back in (
        (_TROOPS_BEFORE, numbers, _NUMBER_BACK),
        (_TROOPS_AFTER, nouns, 0),
    ):
        for match in _matches_at(doc, sentence, pattern, anchors, back):
            value = number_value(match.group("num"))
            if value is None or value < 2 or value in seen:
                continue
            # A bare year is not a head count ("2025 troops" is rare, "in 2025 forces" common).
            raw = match.group("num")
            if pattern is _TROOPS_AFTER and re.fullmatch(r"(19|20)\d\d", raw):
                continue
            upper = match.groupdict().get("num2")
            qual = (match.group("qual") or "").lower()
            phrase = " ".join(match.group(0).split())
            if pattern is _TROOPS_AFTER:
                phrase = " ".join(f"{qual} {raw}".split())
            elif upper:
                phrase = " ".join(match.group(0).split())
            seen.add(value)
            if upper:
                seen.add(number_value(upper) or 0)
            key = f"troops:{value}" if not upper else f"troops:{value}-{number_value(upper)}"
            out.append(RawFact("troops", key, f"troops: {phrase}", sentence, phrase))
    return out


def _matches_at(
    doc: Document, sentence: int, pattern: re.Pattern[str], anchors: list[int], back: int
) -> list[re.Match[str]]:
    """The leftmost non-overlapping matches of a head-count pattern that hold an anchor token
    (a number, or the noun the pattern opens with). The pattern is tried only at the starts
    of the anchor and of up to `back` words before it (a qualifier, "a few"): the same
    matches as a scan of the sentence, for a fraction of the cost."""
    text, end = doc.text, doc.sentences[sentence].end
    starts = doc.tokens.starts
    first = doc.spans[sentence][0]
    out: list[re.Match[str]] = []
    done = -1
    for k in anchors:
        if starts[k] < done:
            continue
        for j in range(max(first, k - back), k + 1):
            if starts[j] < done:
                continue
            match = pattern.match(text, starts[j], end)
            if match is not None and match.end() > starts[k]:
                out.append(match)
                done = match.end()
                break
    return out


def place_facts(
    doc: Document, sentence: int, places: Iterable[tuple[int, int, str]]
) -> list[RawFact]:
    """Steps and plans at places. `places` are (first token, last token, name) of place hits."""
    first, last = doc.spans[sentence]
    places = list(places)
    # An action word inside a place's name ("command" in "Joint Operations Command") is none,
    # and neither is a participle used as an adjective ("a reduced force in Erbil").
    actions = [
        a
        for a in action_hits(doc, sentence)
        if not any(a.first < q and p < a.last for p, q, _ in places)
        and not _adjective(doc, a, first)
    ]
    if not actions:
        return []
    out: list[RawFact] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []
    for index, (p_first, p_last, name) in enumerate(places):
        if _owns_next(doc, p_last, places[index + 1 :]):
            continue  # "Iraq's Kurdistan Region": the place is the next one
        # One place named by overlapping spellings ("Ain al-Asad air base") counts once, and
        # a place that only locates the one before it ("Ain al-Asad in Anbar province") is
        # not where something happened.
        if any(p_first < b and a < p_last for a, b in taken) or _locates(doc, p_first, taken):
            continue
        taken.append((p_first, p_last))
        # The verb before its place ("left Ain al-Asad") wins a tie over one after it; a verb
        # in another clause is about something else.
        near = [a for a in actions if same_clause(doc, sentence, a.first, p_first)]
        if not near:
            continue
        nearest = min(near, key=lambda a, f=p_first, la=p_last: _reach(doc, a, f, la))
        if _reach(doc, nearest, p_first, p_last) > _MAX_ACTION_DISTANCE:
            continue
        family = _direction(doc, p_first, first, nearest.payload)
        how = aspect(doc, sentence, _verb_of(doc, nearest, first))
        if how == "negated":
            continue
        kind = "step" if how == "done" else "plan"
        key = f"{kind}:{family}:{name}"
        if key in seen:
            continue
        seen.add(key)
        surface = doc.text[doc.tokens.starts[p_first] : doc.tokens.ends[p_last - 1]]
        verb = (_DONE_VERB if kind == "step" else _PLAN_VERB)[family]
        if family in ("handover", "close"):
            # "handed over every base in X": the sites, not the place itself.
            prep = _preposition_before(doc, p_first, first)
            if prep in _LOCATIVE:
                surface = f"sites {prep} {surface}"
        statement = f"{verb} {surface}" if kind == "step" else f"plan {verb} {surface}"
        # Staying put is the state of things, not a step; a plan is weaker than a step.
        strong = kind == "step" and family != "remain"
        decides = not (kind == "step" and family == "remain")
        out.append(RawFact(kind, key, statement, sentence, surface, strong, decides))
    return out


_TARGET_BOUNDS = frozenset(
    {"by", "until", "at_least", "through", "no_later_than", "before", "after"}
)


def date_facts(doc: Document, sentence: int, since: date) -> list[RawFact]:
    """Target dates said in the sentence: bounded ("by", "until", "through" ...) or still
    ahead of the publication. Dates before the announcement are history; a past date without
    a bound dates an event ("on Nov 8"), which the step or status facts report."""
    out: list[RawFact] = []
    for phrase in doc.dates[sentence]:
        if phrase.first < since:
            continue
        if phrase.bound not in _TARGET_BOUNDS and phrase.first <= doc.reference:
            continue
        out.append(
            RawFact(
                "date",
                f"date:{phrase.resolved}",
                f"date: {phrase.text} ({phrase.resolved})",
                sentence,
                phrase.text,
                span=(phrase.first, phrase.last),
            )
        )
    return out


def overlaps_any(span: tuple[date, date], spans: Iterable[tuple[date, date]]) -> bool:
    """Whether a span of days meets any of `spans`."""
    return any(span[0] <= last and first <= span[1] for first, last in spans)


def _locates(doc: Document, p_first: int, before: list[tuple[int, int]]) -> bool:
    """Whether the place at `p_first` follows another place as its locator: "X in Y",
    "X near Y", "X, Y" (a few words apart at most)."""
    if not before:
        return False
    previous_end = before[-1][1]
    gap = p_first - previous_end
    if gap < 0 or gap > 4:
        return False
    between = {doc.word(j) for j in range(previous_end, p_first)}
    return bool(between & {"in", "near", "outside", "of"}) or gap == 0


def _verb_of(doc: Document, action: Hit[str], sentence_first: int) -> int:
    """The token whose aspect is the action's: a role noun's verb of becoming ("*became* the
    main hub"), otherwise the action's first word."""
    if word(doc, action.first) in ROLE_NOUNS:
        for j in range(action.first - 1, max(sentence_first, action.first - 4) - 1, -1):
            if word(doc, j) in BECOMING:
                return j
    return action.first


def _adjective(doc: Document, action: Hit[str], sentence_first: int) -> bool:
    """A past participle right after an article or a possessive: "a reduced force", "the
    relocated troops"."""
    return (
        action.first > sentence_first
        and action.last - action.first == 1
        and word(doc, action.first - 1) in _DETERMINERS
        and word(doc, action.first).endswith("ed")
    )


def _preposition_before(doc: Document, place_first: int, sentence_first: int) -> str:
    j = place_first - 1
    while j > sentence_first and word(doc, j) in ("the", "a", "an", "its", "their"):
        j -= 1
    return word(doc, j) if j >= sentence_first else ""


def _owns_next(doc: Document, p_last: int, later: list[tuple[int, int, str]]) -> bool:
    """Whether a place is the possessor of the next one ("Iraq's Kurdistan Region")."""
    if not later or later[0][0] != p_last or p_last >= len(doc.tokens):
        return False
    gap = doc.text[doc.tokens.ends[p_last - 1] : doc.tokens.starts[p_last]]
    return bool(_POSSESSIVE.match(gap))


def action_hits(doc: Document, sentence: int) -> list[Hit[str]]:
    """The generic actions (leave, hand over, arrive ...) named in a sentence. A role noun
    ("hub", "main base") is an action only after a verb of becoming ("became the main hub")."""
    key = ("actions", sentence)
    if key not in doc.memo:
        first, _ = doc.spans[sentence]
        doc.memo[key] = [
            a
            for a in ACTION_INDEX.find(doc.tokens, *doc.spans[sentence])
            if word(doc, a.first) not in ROLE_NOUNS
            or any(word(doc, j) in BECOMING for j in range(max(first, a.first - 4), a.first))
        ]
    return doc.memo[key]


def _reach(doc: Document, action: Hit[str], p_first: int, p_last: int) -> int:
    """How far an action is from a place; "moving to ..." never points back at a place
    before it, and an action after its place ("Ain al-Asad was handed over") is rarer."""
    if action.first >= p_last:
        gap = _distance(action.first, action.last, p_first, p_last)
        if gap > _AFTER_GAP or _TO_WORDS & set(doc.tokens.stems[action.first : action.last]):
            return _MAX_ACTION_DISTANCE + 1
        return gap + _AFTER_PENALTY
    return _distance(action.first, action.last, p_first, p_last)


def _distance(a_first: int, a_last: int, b_first: int, b_last: int) -> int:
    if a_last <= b_first:
        return b_first - a_last
    if b_last <= a_first:
        return a_first - b_last
    return 0


def _direction(doc: Document, place_first: int, sentence_first: int, family: str) -> str:
    """ "to Erbil", "bound for Erbil" after a movement is an arrival; "from Ain al-Asad",
    "out of Ain al-Asad" a departure. The preposition may stand before a list of places."""
    j = place_first - 1
    # Skip articles, qualifiers and the other names of a list back to the preposition.
    while j > sentence_first and place_first - j <= _LIST_REACH:
        w = word(doc, j)
        gap = doc.text[doc.tokens.ends[j] : doc.tokens.starts[j + 1]]
        named = doc.text[doc.tokens.starts[j]].isupper() or gap == "-"
        if w in _BEFORE_PLACE or (named and w not in _DESTINATION and w != "from"):
            j -= 1
            continue
        break
    if j < sentence_first:
        return family
    before = word(doc, j)
    if family in ("leave", "arrive") and before in _DESTINATION:
        return "arrive"
    if family in ("reduce", "remain") and before in _TO_WORDS:
        return "arrive"
    if family in ("leave", "arrive", "reduce") and (
        before == "from" or (before == "of" and j > sentence_first and word(doc, j - 1) == "out")
    ):
        return "leave"
    return family
