"""Which sentences speak of which milestone, by which rule. Pure.

For each milestone whose context terms occur in the text, each sentence is tried against
these rules, strongest first (the score says how strong):

    reference        a configured reference phrase ("the first phase of the transition")  1.0
    date+terms       a date that falls in the due month (or a season around it), with a
                     subject term in the sentence and a place term in it or a neighbour   0.9
                     (or, for a milestone with its own context terms, a context term)
    date+place       a due date with an action and a place term, without a subject        0.75
    date+action      a due date with subject and action terms, without a place           0.7
    context+origin   the milestone's own context term and a place (or a require term)    0.8
                     it is carried out from, in one clause: "operations in B from
                     sites in A", "logistics for B operations from X"
    year+terms       a year that holds the due month ("during 2026"), with subject,       0.65
                     action and place terms close together
    terms            subject, action and place terms in one sentence, no date needed      0.6
                     (0.7 when the action is done: "the last units left the X site");
                     for a milestone with its own context terms, when the context is in
                     the sentence, units staying in a require term's place count as
                     placed ("staff will remain in A to coordinate with teams in
                     B"), unless the two are only listed together ("in A and B");
                     for a milestone without context terms, a change or a denial
                     said of its subject needs no place when a neighbour or the
                     article's lead (its first three sentences) names one

An exclude term in the sentence (another programme, another closure) cancels every rule but
`reference`. `terms` also fails when the sentence is dated only before the milestone was
announced (history, "the units left A in 2011"), when the text was published before the
announcement, or when every explicit date in the text lies before it (a piece about the past).
The article must name a context term of some milestone (its topic), and one of the
milestone's require terms when it has any. `terms` and `date+place`
also need a context term of their own milestone in the sentence or a neighbour (the place
terms when the milestone has no context terms of its own). The module does not decide novelty.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from monitor.analysis.aspect import aspect
from monitor.analysis.clauses import same_clause
from monitor.analysis.dates import DatePhrase
from monitor.analysis.document import Document
from monitor.analysis.facts import action_hits, located, said_unfinished
from monitor.analysis.prefilter import OFF_TOPIC
from monitor.analysis.terms import Hit
from monitor.analysis.vocabulary import (
    OWN_CATEGORIES,
    TOPIC_CATEGORIES,
    MilestoneSpec,
    Term,
    Vocabulary,
)

# A date phrase longer than this many months is too vague to point at a due month.
_MAX_DUE_MONTHS = 4
# For `terms`: at most this many words between the action and its subject, and its place.
_NEAR_SUBJECT = 8
_NEAR_PLACE = 12
_OBJECT_GAP = 3
# In one clause, terms this far apart still make one statement ("the units at X and the
# Y complex pulled out").
_CLAUSE_NEAR = 14


class Found(NamedTuple):
    """A mention before it becomes a `monitor.types.Mention`: indexes instead of text. (A
    named tuple: cheap to make and to copy with another field.)"""

    milestone: int
    sentence: int
    rule: str
    terms: tuple[str, ...]
    score: float
    date: DatePhrase | None
    done: bool  # the sentence reports a step taken, not a plan
    spans: tuple[tuple[int, int], ...] = ()  # character spans of the terms that fired


# Rules strong enough to count when the article names none of the milestone's own context
# terms, as long as it is on the configuration's topic.
_TOPIC_RULES = frozenset({"reference", "date+terms", "date+action", "year+terms"})
# Rules that name the milestone itself (a reference, or its due date with its subject).
_NAMING_RULES = frozenset({"reference", "date+terms", "date+action"})
# For `context+origin`: "from" at most this many words before the place, and the context term
# at most this many words from it.
_FROM_REACH = 5
# Words between "from" and the place it governs ("from a site in X").
# (a domain adds its own: "from the station at X").
_ORIGIN_FILLERS = frozenset(["the", "a", "an", "its", "their", "in", "inside", "within"])
_CONTEXT_REACH = 8
# Bounds that put a year outside the due month ("before 2026", "since 2025").
_NOT_IN_YEAR = frozenset({"before", "after", "since", "from", "no_later_than"})
_OPEN_ENDED = frozenset({"at_least", "until", "through"})


def due_match(phrase: DatePhrase, spec: MilestoneSpec) -> bool:
    """Whether a date phrase points at the milestone's due month: a day, month or season
    around it, or its year as an open end ("until at least 2026")."""
    if not phrase.overlaps(spec.due_first, spec.due_last):
        return False
    return phrase.months <= _MAX_DUE_MONTHS or (
        phrase.precision == "year" and phrase.bound in _OPEN_ENDED
    )


def is_on_topic(seen: Iterable[tuple[int, str]]) -> bool:
    """Whether an article whose text and headline hold these (milestone, category) terms is
    on the configuration's topic: any milestone's context or place term (what `prefilter`
    screens for)."""
    return any(category in TOPIC_CATEGORIES for _, category in seen)


def find_mentions(
    doc: Document,
    vocabulary: Vocabulary,
    announced: date,
    also_seen: frozenset[tuple[int, str]] = frozenset(),
) -> list[Found]:
    """Every (milestone, sentence) that a rule accepts, in text order. `also_seen` are the
    (milestone, category) pairs of the article's headline, which count for the article's
    topic and its required terms as the body's do."""
    found: list[Found] = []
    seen = doc.terms_seen | also_seen
    # The topic of the whole configuration: any milestone's context or place terms.
    on_topic = doc.is_title or is_on_topic(seen)
    for m, spec in enumerate(vocabulary.milestones):
        if not on_topic:
            break
        if spec.milestone.require_terms and not doc.is_title and (m, "require") not in seen:
            continue
        own_context = doc.is_title or (m, "context") in seen
        # A look-alike in the headline ("Colorado pushes back its AI Act") makes the article
        # the look-alike's: only a reference or the milestone's due date names the milestone.
        lookalike = (m, "exclude") in also_seen and (m, "reference") not in also_seen
        since = spec.announced or announced
        past = _Past(doc, since)
        for i in range(len(doc.sentences)):
            if not doc.hits[i]:
                continue
            hit = _match(doc, i, m, spec, since, past)
            if hit is None or (lookalike and hit.rule not in _NAMING_RULES):
                continue
            if own_context or hit.rule in _TOPIC_RULES:
                found.append(hit)
    found.sort(key=lambda f: (f.sentence, f.milestone))
    return _own_words_decide(doc, vocabulary, _yield_to_stronger(found))


def why_unmatched(
    doc: Document, vocabulary: Vocabulary, also_seen: frozenset[tuple[int, str]] = frozenset()
) -> list[str]:
    """For an article no rule accepted: the gates it stopped at, one line each, for a user
    checking a configuration ("none of its require_terms in the article")."""
    seen = doc.terms_seen | also_seen
    if not is_on_topic(seen):
        return [OFF_TOPIC]
    out = []
    for m, spec in enumerate(vocabulary.milestones):
        if spec.milestone.require_terms and (m, "require") not in seen:
            out.append(f"{spec.id}: none of its require_terms in the article")
            continue
        cancelled = 0
        for i in range(len(doc.sentences)):
            cats = doc.categories(i, m) if doc.hits[i] else {}
            if cats.get("exclude") and (cats.get("subject") or cats.get("place")):
                cancelled += 1
        if cancelled:
            out.append(
                f"{spec.id}: {cancelled} sentence(s) with its terms cancelled by an exclude term"
            )
    return out


def _own_words_decide(doc: Document, vocabulary: Vocabulary, found: list[Found]) -> list[Found]:
    """Milestones that share words: where several milestones match one sentence, those whose
    own words (terms no other milestone lists, or their own due date) are in it keep it, and
    the others lose it, unless their terms fill a clause of the sentence that holds none of
    the owners' own words; when all or none have own words there, each keeps it."""
    if len(vocabulary.milestones) < 2:
        return found
    by_sentence: dict[int, list[Found]] = {}
    for f in found:
        by_sentence.setdefault(f.sentence, []).append(f)
    out: list[Found] = []
    for i, group in sorted(by_sentence.items()):
        if len(group) < 2:
            out += group
            continue
        owners = [f for f in group if has_own_words(doc, vocabulary, i, f.milestone, f.date)]
        if not owners:
            out += group
            continue
        out += owners
        # A clause of its own, with its date, keeps a milestone its sentence: "X will end this
        # month, while the units in B are to move in 2026" speaks of both, one in each clause.
        out += [
            f
            for f in group
            if f not in owners and _own_clause(doc, vocabulary, i, f, [o.milestone for o in owners])
        ]
    return sorted(out, key=lambda f: (f.sentence, f.milestone))


def _own_clause(doc: Document, vocabulary: Vocabulary, i: int, f: Found, owners: list[int]) -> bool:
    """Whether two or more of the terms that matched `f` stand with its date in one clause of
    sentence `i` (clauses split at strong punctuation and at words such as "while", "but")
    that holds no own words of the `owners`. Without a date of its own the clause is only
    one more thing said of the owners' commitment, and the sentence's facts (a head count in
    its last clause) stay theirs."""
    if f.date is None:
        return False
    first, last = doc.spans[i]
    fired = set(f.spans)
    starts = [
        h.first
        for h in doc.hits[i]
        if h.payload.milestone == f.milestone
        and h.payload.category in ("subject", "action", "place", "step")
        and (h.start, h.end) in fired
    ]
    clauses: dict[int, list[int]] = {}
    for j in starts:
        anchor = next(k for k in range(first, last) if same_clause(doc, i, k, j))
        clauses.setdefault(anchor, []).append(j)
    for anchor, members in clauses.items():
        if len(members) < 2:
            continue
        hi = anchor
        while hi < last and same_clause(doc, i, anchor, hi):
            hi += 1
        if not doc.tokens.starts[anchor] <= f.date.start < doc.tokens.ends[hi - 1]:
            continue
        if not any(has_own_words(doc, vocabulary, i, o, within=(anchor, hi)) for o in owners):
            return True
    return False


def has_own_words(
    doc: Document,
    vocabulary: Vocabulary,
    i: int,
    m: int,
    date_found: DatePhrase | None = None,
    within: tuple[int, int] | None = None,
) -> bool:
    """Whether sentence `i` (or its tokens `within`) holds words of milestone `m` that no
    other milestone lists, or a date that points at its due month and at no other
    milestone's."""
    own = vocabulary.own_terms[m]
    lo, hi = within or (0, len(doc.tokens))
    if any(
        h.payload.milestone == m
        and h.payload.name in own
        and h.payload.category in OWN_CATEGORIES
        and lo <= h.first < hi
        for h in doc.hits[i]
    ):
        return True
    specs = vocabulary.milestones
    return (
        date_found is not None
        and not any(due_match(date_found, s) for k, s in enumerate(specs) if k != m)
        and due_match(date_found, specs[m])
    )


def _yield_to_stronger(found: list[Found]) -> list[Found]:
    """A sentence that a strong rule gives to one milestone is not also a weak `terms`
    mention of another: "the operator may keep supporting work in B from A
    until 2026" names A, but speaks of the B milestone."""
    strong = {f.sentence for f in found if f.rule != "terms"}
    return [f for f in found if f.rule != "terms" or f.sentence not in strong]


_LOCATING = frozenset(["in", "at", "from", "near", "of"])


def _elsewhere(doc: Document, i: int, m: int) -> bool:
    """Whether the sentence places what it says somewhere the milestone does not name: a
    preposition before a capitalised name that is none of its terms ("from the garrison in
    southeastern B")."""
    first, last = doc.spans[i]
    covered = {j for h in doc.hits[i] if h.payload.milestone == m for j in range(h.first, h.last)}
    for j in range(first, last - 1):
        if doc.word(j) not in _LOCATING:
            continue
        for k in range(j + 1, min(last, j + 4)):
            if doc.text[doc.tokens.starts[k]].isupper():
                if k not in covered:
                    return True
                break
    return False


def _changes_said(doc: Document, i: int, spec: MilestoneSpec) -> bool:
    """Whether the sentence holds a word of a change of status or a denial (the milestone's
    domain words), said as done."""
    domain = spec.domain
    for h in domain.status_index.find(doc.tokens, *doc.spans[i]):
        if h.payload != "confirmed" and aspect(doc, i, h.first, domain) in ("done", "unknown"):
            return True
    return False


def _merged(a: list[Hit[Term]], b: list[Hit[Term]]) -> list[Hit[Term]]:
    """Two lists of hits, one hit per token span, in text order."""
    if not b:
        return list(a)
    seen = {(h.first, h.last) for h in a}
    return sorted([*a, *(h for h in b if (h.first, h.last) not in seen)], key=lambda h: h.first)


def _loose_stay(
    doc: Document, i: int, hit: Hit[Term], spec: MilestoneSpec, places: list[Hit[Term]] | None
) -> bool:
    """A stay word of the packs ("continue", "remain") that is not a stay of one of the
    milestone's places or subjects ("continue to face attacks" says nothing of where anyone
    stays; "the X site will keep running", "the units keep working" do)."""
    domain = spec.domain
    kinds = {a.first: a.payload for a in action_hits(doc, i, domain)}
    if domain.role(kinds.get(hit.first, "")) != "stay":
        return False
    if hit.last < doc.spans[i][1] and doc.word(hit.last) == "to":
        return True  # "continue to face attacks", "remain to be seen": no stay at all
    if not spec.milestone.place_terms:
        return False
    things = [*(places or ()), *doc.categories(i, m_of(hit)).get("subject", ())]
    if any(located(doc, hit, t, domain) for t in things):
        return False
    for p in places or ():
        # The stay phrase may end with its preposition ("still at").
        between = [doc.word(j) for j in range(hit.last - 1, p.first)]
        if 0 <= p.first - hit.last <= 6 and any(
            w in ("in", "at", "inside", "on", "within") for w in between
        ):
            return False
    return True


def m_of(hit: Hit[Term]) -> int:
    return hit.payload.milestone


def _names(*groups: list[Hit[Term]] | None) -> tuple[str, ...]:
    names: list[str] = []
    for group in groups:
        for hit in group or ():
            if hit.payload.name not in names:
                names.append(hit.payload.name)
    return tuple(names)


def _inside(inner: Hit[Term], outer: list[Hit[Term]]) -> bool:
    return any(o.first <= inner.first and inner.last <= o.last for o in outer)


class _Past:
    """Whether the text was published before `since`, or its explicit dates (in the
    sentences with terms) all lie before it: a piece about the past. Decided when first
    asked, since it reads the dates of every such sentence."""

    __slots__ = ("doc", "since", "value")

    def __init__(self, doc: Document, since: date) -> None:
        self.doc, self.since = doc, since
        self.value: bool | None = None

    def __bool__(self) -> bool:
        if self.value is None:
            doc = self.doc
            said = [(i, d) for i in range(len(doc.sentences)) if doc.hits[i] for d in doc.dates[i]]
            absolute = [d for _, d in said if not d.relative]
            # A dateline ("PARIS, Jan 17 (Wire) -") dates the report: a piece filed so is
            # news, whatever history it recalls.
            recent = bool(doc.datelines) and any(
                d.relative and d.end <= doc.datelines[i] for i, d in said
            )
            self.value = doc.reference < self.since or (
                bool(absolute) and not recent and all(d.last < self.since for d in absolute)
            )
        return self.value


def _match(
    doc: Document, i: int, m: int, spec: MilestoneSpec, since: date, past: _Past
) -> Found | None:
    found = _match_rule(doc, i, m, spec, since, past)
    if found is None:
        return None
    names = set(found.terms)
    spans = sorted(
        {
            (h.start, h.end)
            for category, hits in doc.categories(i, m).items()
            if category != "exclude"
            for h in hits
            if h.payload.name in names
        }
    )
    return found._replace(spans=tuple(spans))


def _match_rule(
    doc: Document, i: int, m: int, spec: MilestoneSpec, since: date, past: _Past
) -> Found | None:
    cats = doc.categories(i, m)
    if not cats:
        return None
    exclude = cats.get("exclude", [])
    ignore = cats.get("ignore", [])
    # A term inside an excluded or ignored phrase ("the other programme in A", "local staff")
    # does not count.
    if exclude or ignore:
        cats = {
            c: [h for h in hs if not _inside(h, exclude + ignore)]
            for c, hs in cats.items()
            if c != "ignore"
        }
        cats["exclude"] = exclude
    refs, subjects = cats.get("reference"), cats.get("subject")
    places = cats.get("place")
    configured = cats.get("action") or []
    steps = [h for h in cats.get("step", []) if not _loose_stay(doc, i, h, spec, places)]
    # Configured actions, the packs' steps, and their words of change ("postponed"); the
    # latter only where a subject or a place says what changed.
    moves = _merged(configured, steps)
    actions = _merged(moves, cats.get("change", []))
    if not (refs or subjects or actions):
        return None  # every rule needs one of them
    dates = doc.dates[i]
    due = next((d for d in dates if due_match(d, spec)), None)

    def done() -> bool:  # asked only of a sentence that is a mention
        return bool(actions) and any(
            aspect(doc, i, h.first, spec.domain) == "done" for h in actions
        )

    if refs:
        shown = due or _target_date(dates, since)
        terms = _names(refs, subjects, actions, places)
        return Found(m, i, "reference", terms, 1.0, shown, done())
    if exclude:
        return None
    context = _has_context(doc, i, m, spec, cats)
    near_place = places or _neighbour_has(doc, i, m, "place")
    placeless = not spec.milestone.place_terms  # a law, a programme: nowhere in particular
    # Its due date and its subject name a milestone; a place or its own context words must
    # say which one, unless it has no places at all (a law's dates are its own).
    if (
        due
        and subjects
        and (near_place or ((spec.milestone.context_terms or placeless) and context))
    ):
        terms = _names(subjects, actions, places, cats.get("context"))
        score = 0.9 if actions else 0.85
        return Found(m, i, "date+terms", terms, score, due, done())
    if due and moves and places and context:
        return Found(m, i, "date+place", _names(moves, places), 0.75, due, done())
    if due and subjects and actions:
        return Found(m, i, "date+action", _names(subjects, actions), 0.7, due, done())
    own = cats.get("context") if spec.milestone.context_terms else None
    origins = (places or []) + cats.get("require", [])
    if own and (subjects or actions) and origins:
        origin = _from_origin(doc, i, own, origins, spec.domain.place_fillers)
        if origin is not None:
            terms = _names(own, [origin], subjects, actions)
            return Found(m, i, "context+origin", terms, 0.8, _target_date(dates, since), done())
    year = next((d for d in dates if _in_due_year(d, spec)), None)
    if year and subjects and actions and places and _close(doc, i, subjects, actions, places):
        terms = _names(subjects, actions, places)
        return Found(m, i, "year+terms", terms, 0.65, year, done())
    if own and not places and subjects and actions and _stays(doc, i, actions, spec):
        # "staff will remain in A to coordinate with teams in B": with the
        # milestone's own context in the sentence, units staying in the country it is
        # carried out from (a require term) place it - unless the two are only listed
        # together ("the units in A and B"), which says nothing of one serving the other.
        places = [r for r in cats.get("require", []) if not _listed_with(doc, r, own)]
    if (
        subjects
        and actions
        and (
            places
            or placeless
            or (spec.milestone.context_terms and cats.get("context") and near_place)
            # For a milestone of one topic, a change or a denial said of its subject needs no
            # place of its own ("ruled out letting the units run beyond the winter"), when a
            # neighbour or the article's lead names one: wire copy gives each sentence a
            # paragraph, so the lead is often the only place the article names.
            or (
                not spec.milestone.context_terms
                and (near_place or _lead_has(doc, m, "place"))
                and _changes_said(doc, i, spec)
                and not _elsewhere(doc, i, m)
            )
        )
        and context
        and _close(doc, i, subjects, actions, places or [])
    ):
        if past or _history_only(dates, since):
            return None
        other = _target_date(dates, since)
        taken = done()
        score = 0.7 if taken else 0.6
        return Found(m, i, "terms", _names(subjects, actions, places), score, other, taken)
    if actions and places and context and not (past or _history_only(dates, since)):
        # "The pull-out from X was finished on Friday": a step or change reported as done at
        # one of the milestone's places names the milestone without a subject.
        event = _done_at_place(doc, i, actions, places, spec)
        if event is not None:
            terms = _names([event], places, subjects)
            return Found(m, i, "event+place", terms, 0.6, _target_date(dates, since), True)
    return None


def _done_at_place(
    doc: Document, i: int, actions: list[Hit[Term]], places: list[Hit[Term]], spec: MilestoneSpec
) -> Hit[Term] | None:
    """An action term that leaves, hands over, closes or changes the status of something at
    one of the milestone's places, with the place as its object ("left X", "the pull-out from
    X", "handed over X"), reported as done or as unfinished ("the closing of X was still in
    progress"), or named in a sentence that reports a change or a denial as done ("the
    pull-out from X was finished", "reports of a pull-out from X were denied")."""
    domain = spec.domain
    kinds = {h.first: h.payload for h in action_hits(doc, i, domain)}
    changes = domain.status_index.find(doc.tokens, *doc.spans[i])
    starts = {h.first for h in changes}
    reported: bool | None = None
    until = any(d.bound in _UNTIL for d in doc.dates[i])
    for a in actions:
        role = domain.role(kinds.get(a.first, ""))
        if role == "stay" and until and any(located(doc, a, p, domain) for p in places):
            return a  # "X and Y be allowed to operate until April 15"
        # A configured action the packs do not know counts; a known step of another kind
        # (arriving, staying) does not.
        if role and role not in _LEAVING_ROLES and a.first not in starts:
            continue
        if not any(_object_of(doc, a, p, domain) for p in places):
            continue
        if aspect(doc, i, a.first, domain) == "done" or said_unfinished(doc, i, a.last):
            return a
        if reported is None:
            reported = any(
                h.payload != "confirmed" and aspect(doc, i, h.first, domain) == "done"
                for h in changes
                if h.first != a.first
            )
        if reported:
            return a
    return None


# Bounds of a date a stay lasts to ("until April", "through the winter").
_UNTIL = frozenset({"until", "through", "at_least", "after"})
# Step roles whose place is where the milestone happens (an arrival is somewhere else).
_LEAVING_ROLES = frozenset({"departure", "transfer", "closure", "reduction"})
_OBJECT_LINKS = frozenset({"from", "of", "at", "in", "out", "the", "a", "its", "their"})


def _object_of(doc: Document, action: Hit[Term], place: Hit[Term], domain) -> bool:  # noqa: ANN001
    """Whether the place follows the action closely, as its object: at most three words
    between, all of them prepositions, articles or the domain's place fillers."""
    if place.last == action.first and domain.is_action_noun(doc.word(action.first)):
        return True  # "the X transfer", "the X closure"
    if place.first < action.last or place.first - action.last > 3:
        return False
    return all(
        doc.word(j) in _OBJECT_LINKS or doc.word(j) in domain.place_fillers
        for j in range(action.last, place.first)
    )


def _from_origin(
    doc: Document,
    i: int,
    context: list[Hit[Term]],
    origins: list[Hit[Term]],
    fillers: frozenset[str],
) -> Hit[Term] | None:
    """A place the milestone's context is carried out from, in one stretch of the sentence:
    "operations in B from sites in A", "logistics for B operations from X",
    "launched from X into B"."""
    for place in origins:
        j = place.first - 1
        while j > place.first - _FROM_REACH and (
            doc.word(j) in _ORIGIN_FILLERS or doc.word(j) in fillers
        ):
            j -= 1
        if j < 0 or doc.word(j) != "from":
            continue
        if any(
            _gap(c, place) <= _CONTEXT_REACH and same_clause(doc, i, c.first, place.first)
            for c in context
        ):
            return place
    return None


def _stays(doc: Document, i: int, actions: list[Hit[Term]], spec: MilestoneSpec) -> bool:
    """Whether one of the milestone's actions in sentence `i` is staying put (a step word of
    the role "stay": remain, keep, continue ...)."""
    domain = spec.domain
    return any(
        domain.role(a.payload) == "stay"
        and any(h.first < a.last and a.first < h.last for h in actions)
        for a in action_hits(doc, i, domain)
    )


def _listed_with(doc: Document, hit: Hit[Term], others: list[Hit[Term]]) -> bool:
    """Whether a term is coordinated with one of `others`: "A and B", "B, A"."""
    for other in others:
        lo, hi = (hit.last, other.first) if hit.last <= other.first else (other.last, hit.first)
        if hi - lo > 1 or hi < lo:
            continue
        gap = doc.text[doc.tokens.ends[lo - 1] : doc.tokens.starts[hi]] if lo > 0 else ""
        if hi == lo and gap.strip() in (",", "/", "&"):
            return True
        if hi - lo == 1 and doc.word(lo) in ("and", "or"):
            return True
    return False


def _in_due_year(phrase: DatePhrase, spec: MilestoneSpec) -> bool:
    """A year (or part of one) that holds the due month: "during 2026", "later in 2025"."""
    return (
        phrase.precision in ("year", "season")
        and phrase.bound not in _NOT_IN_YEAR
        and phrase.first <= spec.due_first
        and spec.due_last <= phrase.last
    )


def _close(
    doc: Document,
    i: int,
    subjects: list[Hit[Term]],
    actions: list[Hit[Term]],
    places: list[Hit[Term]],
) -> bool:
    """An action next to its subject and its place, or the three in one clause: terms
    scattered over a long sentence ("units were working with partners, X among them, and
    moving prisoners") are not one statement."""
    for a in actions:
        if (
            places
            and any(
                same_clause(doc, i, a.first, s.first) and _gap(a, s) <= _CLAUSE_NEAR
                for s in subjects
            )
            and any(
                same_clause(doc, i, a.first, p.first) and _gap(a, p) <= _CLAUSE_NEAR for p in places
            )
        ):
            return True
        if places and not any(_gap(a, p) <= _NEAR_PLACE for p in places):
            continue
        if not places:  # the place is in a neighbouring sentence
            if any(_gap(a, s) <= _NEAR_SUBJECT for s in subjects):
                return True
            continue
        if any(_gap(a, s) <= _NEAR_SUBJECT for s in subjects):
            return True
        # "... while transferring the X site": the place as the action's object.
        if any(a.last <= p.first and p.first - a.last <= _OBJECT_GAP for p in places):
            return True
    return False


def _gap(a: Hit[Term], b: Hit[Term]) -> int:
    if a.last <= b.first:
        return b.first - a.last
    if b.last <= a.first:
        return a.first - b.last
    return 0


def _has_context(
    doc: Document, i: int, m: int, spec: MilestoneSpec, cats: dict[str, list[Hit[Term]]]
) -> bool:
    """A context term in the sentence or a neighbour (milestones without their own context
    terms use the place terms, which these rules already require)."""
    if not spec.milestone.context_terms:
        return True
    return bool(cats.get("context")) or _neighbour_has(doc, i, m, "context")


# The sentences of an article's lead: what it is about.
_LEAD = 3


def _lead_has(doc: Document, m: int, category: str) -> bool:
    return any(category in doc.categories(j, m) for j in range(min(_LEAD, len(doc.sentences))))


def _neighbour_has(doc: Document, i: int, m: int, category: str) -> bool:
    return any(j != i and category in doc.categories(j, m) for j in doc.window(i))


def _history_only(dates: list[DatePhrase], since: date) -> bool:
    """A sentence whose every date lies before the announcement tells history."""
    return bool(dates) and all(d.last < since for d in dates)


def _target_date(dates: list[DatePhrase], since: date) -> DatePhrase | None:
    for phrase in dates:
        if phrase.last >= since:
            return phrase
    return None
