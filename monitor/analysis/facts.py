"""Facts stated in sentences: quantities, steps and plans at places, dates. Pure.

(Status changes are `status`'s.) Every fact gets a normalised key, so that the same fact said
in other words compares equal:

    status:<completed|delayed|extended|reversed|denied|confirmed>   (see `status`)
    talk:<delayed|extended|reversed>   such a change asked for, discussed or expected
    <quantity>:<value>              "about 2,500 staff" -> staff:2500 (see `quantities`)
    step:<family>:<place>           a step taken ("left the site" -> step:leave:<site>)
    plan:<family>:<place>           a step announced or expected
    date:<resolved>                 a date said of the milestone ("by the end of 2026" -> 2026-12)

Step families come from the milestone's domain packs, each with a role (departure, arrival,
transfer, stay, reduction, closure, ending, growth, progress); places are the milestone's
configured place terms, named by their first spelling. A place after "to", "for", "into",
"toward(s)" (also at the end of a list: "bound for A, B and C") is where a movement goes, after
"from" or "out of" where it comes from. The statement is a short human-readable string. This
module extracts; comparing with the baseline and with facts already delivered is `novelty`'s
job.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from monitor.analysis.aspect import aspect, word
from monitor.analysis.clauses import same_clause
from monitor.analysis.date_forms import NUMBER_WORDS
from monitor.analysis.dates import DatePhrase
from monitor.analysis.document import Document
from monitor.analysis.domain import Domain
from monitor.analysis.lexicon import BECOMING, PARTIAL_MARKERS, UNFINISHED
from monitor.analysis.quantities import find_quantities
from monitor.analysis.terms import Hit, stem

_MAX_ACTION_DISTANCE = 10
# Words of people or units kept on: numbers, "some", "a small unit", "them".
_KEPT_WORDS = frozenset(
    {*NUMBER_WORDS, *PARTIAL_MARKERS, "them", "most", "all", "about", "around", "hundreds",
     "dozens", "thousands"} - {"a", "an"}
)  # fmt: skip
# An action after its place ("the site was handed over") is rarer, and must be close: a
# place further back is more often the actor ("A and B agreed to ...").
_AFTER_PENALTY = 3
_AFTER_GAP = 3
_TO_WORDS = frozenset({"to", "into", "toward", "towards"})
# A place after one of these is where a movement goes ("bound for X").
_DESTINATION = frozenset({"to", "into", "toward", "towards", "for"})
# Words between such a preposition and its place: articles and the other names of a list
# ("for A, B and C"); a domain adds its own fillers ("the site at X").
_BEFORE_PLACE = frozenset({"the", "a", "an", "its", "their", "and", "or"})
_LIST_REACH = 8
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "these"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "across", "throughout", "around"})
_POSSESSIVE = re.compile(r"^['’]s\s+$")
# Roles whose steps are about sites: "closed every site in X" names sites, not X itself.
_SITE_ROLES = frozenset({"transfer", "closure"})


@dataclass(frozen=True, slots=True)
class RawFact:
    """A fact found in one sentence, before it is compared with the baseline."""

    kind: str  # status, quantity, step, plan, date
    key: str
    statement: str
    sentence: int
    value: str = ""  # the phrase as written ("fewer than 2,000", "by the end of 2026")
    strong: bool = True
    decides: bool = True  # False: reported, but no reason on its own to call an article new
    span: tuple[date, date] | None = None  # for dates: the first and last day named
    # For statuses: when it happened, the deadline a delay or extension moves to (ISO), and
    # whether only part of the commitment is concerned.
    happened_on: str | None = None
    new_due: str | None = None
    partial: bool = False
    # The status names the commitment by a definite noun of its course ("the phase-out"),
    # so it may speak of the article's commitment in a sentence that does not name it.
    anaphoric: bool = False
    # Read against the deadline (`timing`), not from a word of the change itself.
    inferred: bool = False
    # Told in the past perfect ("had been postponed"): an earlier event the article recalls.
    recalled: bool = False
    # The token range of what the statement says, in its sentence (statuses).
    at: tuple[int, int] | None = None


def quantity_facts(doc: Document, sentence: int, domain: Domain) -> list[RawFact]:
    """The quantities the milestone's domain declares, as said in the sentence."""
    key = ("quantities", id(domain), sentence)
    if key not in doc.memo:
        doc.memo[key] = [
            RawFact("quantity", q.key, f"{q.name}: {q.phrase}", sentence, q.phrase)
            for q in find_quantities(doc, sentence, domain.quantities)
        ]
    return doc.memo[key]


def place_facts(
    doc: Document, sentence: int, places: Iterable[tuple[int, int, str]], domain: Domain
) -> list[RawFact]:
    """Steps and plans at places. `places` are (first token, last token, name) of place hits."""
    first, last = doc.spans[sentence]
    places = list(places)
    # An action word inside a place's name ("command" in "X Command") is none, and neither is
    # a participle used as an adjective ("a reduced force in X").
    actions = [
        a
        for a in action_hits(doc, sentence, domain)
        if not any(a.first < q and p < a.last for p, q, _ in places)
        and not adjective(doc, a, first)
    ]
    if not actions:
        return []
    out: list[RawFact] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []
    for index, (p_first, p_last, name) in enumerate(places):
        if _owns_next(doc, p_last, places[index + 1 :]):
            continue  # "A's B region": the place is the next one
        # One place named by overlapping spellings counts once, and a place that only locates
        # the one before it ("X in Y province") is not where something happened.
        if any(p_first < b and a < p_last for a, b in taken) or _locates(doc, p_first, taken):
            continue
        taken.append((p_first, p_last))
        # The verb before its place ("left X") wins a tie over one after it; a verb in
        # another clause is about something else.
        near = [a for a in actions if same_clause(doc, sentence, a.first, p_first)]
        if not near:
            continue
        nearest = min(near, key=lambda a, f=p_first, la=p_last: _reach(doc, a, f, la))
        if _reach(doc, nearest, p_first, p_last) > _MAX_ACTION_DISTANCE:
            continue
        family = _direction(doc, p_first, first, nearest.payload, domain)
        role = domain.role(family)
        how = aspect(doc, sentence, _verb_of(doc, nearest, first, domain), domain)
        if how == "negated" or _unsaid(doc, sentence, nearest.first):
            continue
        if how == "done" and _ahead(doc, sentence, nearest.first):
            how = "plan"  # "the units leave the site tomorrow": a forecast
        kind = "step" if how == "done" else "plan"
        key = f"{kind}:{family}:{name}"
        if key in seen:
            continue
        seen.add(key)
        surface = doc.text[doc.tokens.starts[p_first] : doc.tokens.ends[p_last - 1]]
        verb = _wording(domain, family, kind)
        if role in _SITE_ROLES:
            # "handed over every site in X": the sites, not the place itself.
            prep = _preposition_before(doc, p_first, first)
            if prep in _LOCATIVE:
                surface = f"sites {prep} {surface}"
        statement = f"{verb} {surface}" if kind == "step" else f"plan {verb} {surface}"
        # Staying put is the state of things, not a step; a plan is weaker than a step.
        strong = kind == "step" and role != "stay"
        decides = not (kind == "step" and role == "stay")
        out.append(
            with_dates(doc, RawFact(kind, key, statement, sentence, surface, strong, decides))
        )
    return out


def said_unfinished(doc: Document, sentence: int, after: int) -> bool:
    """Whether the sentence says, after token `after`, that work is unfinished ("was still in
    progress", "is not complete")."""
    last = doc.spans[sentence][1]
    return any(
        word(doc, j) in UNFINISHED or f"{word(doc, j)} {word(doc, j + 1)}" in UNFINISHED
        for j in range(after, last - 1)
    )


# Verbs of saying in their bare form, after "did not", "would not", "declined to".
_SAY_BARE = frozenset(
    ["say", "deny", "confirm", "disclose", "comment", "specify", "reveal", "explain",
     "acknowledge", "indicate", "state", "announce"]
)  # fmt: skip
# Words that open what is said ("did not say how many ...", "would not confirm whether ...").
_SAID_OPENERS = frozenset(["that", "how", "whether", "if", "when", "where", "why", "what", "which"])
_WITHHOLD = frozenset(["not", "t", "never", "declined", "refused"])


def _unsaid(doc: Document, sentence: int, token: int) -> bool:
    """Whether the step at `token` is what someone did not say, deny or confirm ("did not
    deny that units were leaving X", "declined to say how many had left X"): not reported."""
    first, _ = doc.spans[sentence]
    for r in range(token - 1, max(first, token - 12) - 1, -1):
        if word(doc, r) not in _SAY_BARE:
            continue
        if r + 1 >= token or word(doc, r + 1) not in _SAID_OPENERS:
            continue
        before = {word(doc, j) for j in range(max(first, r - 3), r)}
        if before & _WITHHOLD:
            return True
    return False


def _ahead(doc: Document, sentence: int, token: int) -> bool:
    """Whether a date after the publication stands in the clause of `token`."""
    return any(
        d.first > doc.reference
        and d.bound in (None, "by", "no_later_than", "before")
        and same_clause(doc, sentence, token, _token_at(doc, d.start))
        for d in doc.dates[sentence]
    )


def _token_at(doc: Document, offset: int) -> int:
    return min(bisect_left(doc.tokens.starts, offset), len(doc.tokens) - 1)


def _wording(domain: Domain, family: str, kind: str) -> str:
    """How a step of a family reads ("left", "to leave"): the pack's wording, else the
    family's name."""
    spec = domain.families.get(family)
    plain = family.replace("_", " ").replace("-", " ")
    if kind == "step":
        return spec.done if spec and spec.done else plain
    return spec.planned if spec and spec.planned else f"to {plain}"


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


# Bounds that make a date the new deadline of a delay or an extension.
_NEW_DUE_BOUNDS = frozenset({"until", "at_least", "through", "by", "no_later_than", "after"})
_NEW_DUE_WORDS = frozenset({"to", "into", "for", "till", "until"})
# Bounds under which a past date dates the event itself ("on 18 January", "in December").
_EVENT_BOUNDS = frozenset({None, "since"})


def with_dates(doc: Document, fact: RawFact) -> RawFact:
    """The fact with the dates its sentence gives: when it happened (a day or month in the
    past, or a whole year before the publication's), and for a delay or an extension the
    deadline it moves to."""
    dates = doc.dates[fact.sentence]
    if not dates:
        return fact
    past = [
        d
        for d in dates
        if d.last <= doc.reference
        and d.bound in _EVENT_BOUNDS
        and (d.precision != "year" or d.last.year < doc.reference.year)
        and not _names_a_deadline(doc, d)
    ]
    if past and fact.at is not None:
        # The date nearest the fact's words: "a year ago today ..., and at 11pm on 31
        # December 2020 the period ran out" ran out on 31 December 2020.
        at = doc.tokens.starts[fact.at[0]]
        past.sort(key=lambda d: abs(d.start - at))
    happened = past[0].resolved if past else None
    new_due = None
    if fact.key in ("status:delayed", "status:extended", "talk:delayed", "talk:extended"):
        new_due = next((d.resolved for d in dates if _new_due(doc, d)), None)
    if happened is None and new_due is None:
        return fact
    return replace(fact, happened_on=happened, new_due=new_due)


# Nouns a date may qualify as their name: "the 30 December deadline" is no day of an event.
_DEADLINE_NOUNS = frozenset(["deadline", "deadlines", "target", "cutoff", "cut", "date"])


def _names_a_deadline(doc: Document, phrase: DatePhrase) -> bool:
    j = bisect_left(doc.tokens.starts, phrase.end)
    return j < len(doc.tokens) and word(doc, j) in _DEADLINE_NOUNS


def _new_due(doc: Document, phrase: DatePhrase) -> bool:
    """A date a delay or extension moves to: after "until", "to", "into", "beyond" ...,
    later than the publication."""
    if phrase.last < doc.reference:
        return False
    if phrase.bound in _NEW_DUE_BOUNDS:
        return True
    j = bisect_left(doc.tokens.starts, phrase.start)
    return 0 < j < len(doc.tokens) and word(doc, j - 1) in _NEW_DUE_WORDS


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


def _verb_of(doc: Document, action: Hit[str], sentence_first: int, domain: Domain) -> int:
    """The token whose aspect is the action's: a role noun's verb of becoming ("*became* the
    main hub"), otherwise the action's first word."""
    if word(doc, action.first) in domain.role_nouns:
        for j in range(action.first - 1, max(sentence_first, action.first - 4) - 1, -1):
            if word(doc, j) in BECOMING:
                return j
    return action.first


_STAY_LINKS = frozenset(
    ["in", "at", "inside", "on", "near", "within", "the", "a", "an", "its", "their"]
)


_SUBJECT_LINKS = frozenset(
    ["to", "will", "would", "can", "could", "is", "are", "was", "were", "has", "have", "had",
     "be", "been", "shall", "must", "should", "may", "might", "also", "now", "still",
     "allowed", "permitted", "able", "set"]
)  # fmt: skip


def located(doc: Document, stay: Hit, place: Hit, domain: Domain) -> bool:
    """Whether a place is where a stay happens: after it, joined by a locative preposition
    ("remain at X", "stay on in X", "kept at the X site"), a few words on at most."""
    if place.last <= stay.first:
        # The place as the subject of its own stay ("X and Y to run until April").
        between = range(place.last, stay.first)
        return len(between) <= 6 and all(
            word(doc, j) in _SUBJECT_LINKS
            or word(doc, j) in ("in", "at", "and", "of")
            or doc.text[doc.tokens.starts[j]].isupper()
            for j in between
        )
    if place.first - stay.last > 6:
        return False
    between = [word(doc, j) for j in range(stay.last, place.first)]
    return any(w in ("in", "at", "inside", "on", "near", "within") for w in between) and all(
        w in _STAY_LINKS or w in domain.place_fillers or w in ("on", "behind", "there")
        for w in between
    )


# Stay verbs that take an object ("kept 300 staff", "retained every capability"): a stay
# only when what they keep is who the commitment moves.
_KEEPING = frozenset({stem(w) for w in ("keep", "kept", "retain", "retained", "hold", "held")})
_KEPT_REACH = 6
_AFTER_PASSIVE = frozenset({"in", "at", "on", "beyond", "past", "until", "through", "there"})


def keeps_something_else(doc: Document, sentence: int, action: Hit[str]) -> bool:
    """Whether a stay verb that takes an object keeps something other than people or units:
    no subject term, number or unit word follows it within a few words ("retained every
    capability and authority")."""
    if doc.tokens.stems[action.first] not in _KEEPING:
        return False
    if action.last < doc.spans[sentence][1] and word(doc, action.last) in _AFTER_PASSIVE:
        return False  # "staff kept in X": who is kept comes before
    hi = min(doc.spans[sentence][1], action.last + _KEPT_REACH)
    if any(
        h.payload.category == "subject" and action.last <= h.first < hi for h in doc.hits[sentence]
    ):
        return False
    return not any(
        word(doc, j)[:1].isdigit() or word(doc, j) in _KEPT_WORDS for j in range(action.last, hi)
    )


def adjective(doc: Document, action: Hit[str], sentence_first: int) -> bool:
    """A participle right after an article or a possessive: "a reduced force", "the
    relocated units", "the remaining staff"."""
    raw = word(doc, action.first)
    return (
        action.first > sentence_first
        and action.last - action.first == 1
        and word(doc, action.first - 1) in _DETERMINERS
        and (raw.endswith("ed") or raw.endswith("ing"))
    )


def _preposition_before(doc: Document, place_first: int, sentence_first: int) -> str:
    j = place_first - 1
    while j > sentence_first and word(doc, j) in ("the", "a", "an", "its", "their"):
        j -= 1
    return word(doc, j) if j >= sentence_first else ""


def _owns_next(doc: Document, p_last: int, later: list[tuple[int, int, str]]) -> bool:
    """Whether a place is the possessor of the next one ("A's B Region")."""
    if not later or later[0][0] != p_last or p_last >= len(doc.tokens):
        return False
    gap = doc.text[doc.tokens.ends[p_last - 1] : doc.tokens.starts[p_last]]
    return bool(_POSSESSIVE.match(gap))


def action_hits(doc: Document, sentence: int, domain: Domain) -> list[Hit[str]]:
    """The step words (payload: their family) named in a sentence. A role noun ("hub") is an
    action only after a verb of becoming ("became the hub")."""
    key = ("actions", id(domain), sentence)
    if key not in doc.memo:
        first, _ = doc.spans[sentence]
        roles = domain.role_nouns
        doc.memo[key] = [
            a
            for a in domain.step_index.find(doc.tokens, *doc.spans[sentence])
            if word(doc, a.first) not in roles
            or any(word(doc, j) in BECOMING for j in range(max(first, a.first - 4), a.first))
        ]
    return doc.memo[key]


def _reach(doc: Document, action: Hit[str], p_first: int, p_last: int) -> int:
    """How far an action is from a place; "moving to ..." never points back at a place
    before it, and an action after its place ("the X site was handed over") is rarer."""
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


def _direction(
    doc: Document, place_first: int, sentence_first: int, family: str, domain: Domain
) -> str:
    """ "to X", "bound for X" after a movement is an arrival; "from X", "out of X" a
    departure. The preposition may stand before a list of places."""
    j = place_first - 1
    fillers = _BEFORE_PLACE | domain.place_fillers
    # Skip articles, fillers and the other names of a list back to the preposition.
    while j > sentence_first and place_first - j <= _LIST_REACH:
        w = word(doc, j)
        gap = doc.text[doc.tokens.ends[j] : doc.tokens.starts[j + 1]]
        named = doc.text[doc.tokens.starts[j]].isupper() or gap == "-"
        if w in fillers or (named and w not in _DESTINATION and w != "from"):
            j -= 1
            continue
        break
    if j < sentence_first:
        return family
    before = word(doc, j)
    role = domain.role(family)
    arrival = domain.family_for("arrival")
    departure = domain.family_for("departure")
    if role in ("departure", "arrival") and before in _DESTINATION and arrival:
        return arrival
    if role in ("reduction", "stay") and before in _TO_WORDS and arrival:
        return arrival
    if (
        role in ("departure", "arrival", "reduction")
        and departure
        and (
            before == "from"
            or (before == "of" and j > sentence_first and word(doc, j - 1) == "out")
        )
    ):
        return departure
    return family
