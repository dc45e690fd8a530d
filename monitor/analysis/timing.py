"""What a sentence says of a commitment against its deadline: late, kept beyond it, or the plan
restated. Pure.

`status` reads changes that carry their own word ("postponed", "extended"); these carry
none, and only the deadline shows them:

    still there        a stay, or work still in progress, at a place the plan leaves, said
                       after the deadline ("units were still stationed at X", "the transfer
                       of X is still in progress", "has not yet been completed", "units have
                       yet to leave X", "weeks after the September date, units remained at
                       X")                                                            delayed
    late               a step or the completion said to come after the deadline ("well after
                       the September date in the original plan", "ran past the target",
                       "more than three months after the original target")            delayed
    rescheduled        a step or the completion planned for a day after the deadline, said
                       to be moved ("the pull-out from X is now scheduled for 15 January",
                       "the rules now apply from 30 December 2026", "under the deal"; a
                       verb in the simple present, "become binding from", is a schedule)
                                                                                      delayed,
                       with that day as the new deadline; not a proposal's date ("would
                       apply from", "under the Commission's proposal")
    time granted       time granted up to a day after the deadline ("small firms now have
                       until 30 June", "were given until December"), unless proposed or
                       that day is another milestone's deadline                       delayed,
                       with that day as the new deadline; more time to stay ("granted
                       until April to keep running")                                 extended
    staying on         a stay, decided or planned, at a place the plan leaves, beyond the
                       deadline ("a small unit will remain at X", said after the deadline, or
                       "until March", a date after it; "held on at the site", in a sentence
                       that names no place, is at the place the article is about) extended

    restated           the whole step planned by, in or until the deadline's own month or
                       day, said before it passes ("will leave X by September 2025"); not a
                       part, a number, a guess or a plan inside a time clause       confirmed
                       (reported, but no reason on its own to call an article new)

The deadline is the one known on the day of the article: the configured due date, or the
latest revision of it made by then. `leave_places` are the places the milestone's plan leaves,
hands over or closes. A stay that someone denies is not reported (`status.denial_start`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from monitor.analysis.aspect import aspect, is_question, word
from monitor.analysis.clauses import PHRASE_GROUP, clause_span, same_clause, statement
from monitor.analysis.dates import DatePhrase
from monitor.analysis.document import Document
from monitor.analysis.domain import Domain
from monitor.analysis.facts import (
    RawFact,
    action_hits,
    adjective,
    keeps_something_else,
    located,
)
from monitor.analysis.lexicon import (
    DECISION_MARKERS,
    FINISHED_STATES,
    IRREGULAR_PAST,
    LATE_VERBS,
    LENGTHS_BEFORE_AFTER,
    MOVED_WORDS,
    PARTIAL_MARKERS,
    PROPOSAL_NOUNS,
    REPORTING_VERBS,
    SPECULATIVE,
    UNFINISHED,
)
from monitor.analysis.status import course_tokens, denial_start
from monitor.analysis.terms import Hit
from monitor.analysis.vocabulary import Term

# Roles of the steps that carry the commitment out.
_CARRYING_OUT = frozenset({"departure", "transfer", "closure", "reduction"})
# Nouns of a deadline, after which a step is late ("after the original target").
_DEADLINE_NOUNS = frozenset(
    ["deadline", "target", "date", "timetable", "timeline", "schedule", "plan", "deadlines"]
)


def deadline_on(deadlines: Collection[tuple[date | None, date]], day: date) -> date:
    """The deadline known on `day`: the last of (known from, deadline) pairs known by then;
    the first pair is the configured deadline, known from the start."""
    ordered = list(deadlines)
    current = ordered[0][1]
    for known_from, deadline in ordered[1:]:
        if known_from is None or known_from <= day:
            current = deadline
    return current


def timing_facts(
    doc: Document,
    sentence: int,
    domain: Domain,
    places: list[Hit[Term]],
    leave_places: Collection[str],
    deadline: date,
    reported: Collection[str],
    others: Collection[date] = (),
) -> list[RawFact]:
    """Delays and extensions the sentence shows against `deadline`. `places` are the
    milestone's place hits in the sentence; `reported` the status keys already found in it;
    `others` the deadlines of the other milestones (a date that is one of them is theirs)."""
    if is_question(doc, sentence):
        return []
    out: list[RawFact] = []
    # On the day itself, work not done is already late.
    after_deadline = doc.reference >= deadline
    denied = denial_start(doc, sentence, domain)
    leaving = [p for p in places if p.payload.name in leave_places]
    first, last = doc.spans[sentence]

    def fact(status: str, a: int, b: int, new_due: str | None = None) -> RawFact:
        said = statement(doc, sentence, a, b)
        lo, hi = clause_span(doc, sentence, a, b)
        partial = any(word(doc, j) in PARTIAL_MARKERS for j in range(lo, hi))
        return RawFact(
            "status",
            f"status:{status}",
            f"{status}: {said}",
            sentence,
            said,
            partial=partial,
            new_due=new_due,
            inferred=True,
        )

    stays = [
        a
        for a in action_hits(doc, sentence, domain)
        if domain.role(a.payload) == "stay"
        and not _unfinished_state(doc, a, last)
        and not adjective(doc, a, doc.spans[sentence][0])
        and not keeps_something_else(doc, sentence, a)
        and (
            denied is None or not (denied < a.first and same_clause(doc, sentence, denied, a.first))
        )
    ]
    # "Weeks after the September date": read once, for a stay kept on and for one still there.
    past = _time_past_the_deadline(doc, sentence)
    if "status:extended" not in reported:
        kept = _staying_on(
            doc,
            sentence,
            domain,
            stays,
            leaving,
            deadline,
            after_deadline,
            past,
            anaphoric=not places,
        )
        if kept is not None:
            return [fact("extended", kept[0], kept[1], kept[2])]
        granted = _granted_until(doc, sentence, domain, deadline, others)
        if granted is not None and any(
            domain.role(a.payload) == "stay" and granted[1] <= a.first
            for a in action_hits(doc, sentence, domain)
        ):
            # "were granted until April to keep running": more time to stay is an extension.
            return [fact("extended", *granted)]
        allowed = _allowed_to_stay(doc, sentence, domain, stays, deadline)
        if allowed is not None:
            return [fact("extended", *allowed)]
    if not any(k.startswith(("status:", "talk:")) for k in reported):
        restated = _restated(doc, sentence, domain, stays, deadline)
        if restated is not None:
            # The plan as it stood, said again: the reader learns it still holds, which is
            # no reason on its own to call the article new (a background paragraph says the
            # same).
            return [replace(fact("confirmed", *restated), strong=False, decides=False)]
    # A delay the sentence itself words as talk ("proposed to postpone") is not inferred back.
    if not set(reported) & {"status:delayed", "status:completed", "talk:delayed"}:
        late = _still_there(doc, sentence, domain, stays, leaving, after_deadline, past)
        late = late or _unfinished(doc, sentence, domain, after_deadline)
        late = late or _late(doc, sentence, domain)
        if late is not None:
            out.append(fact("delayed", *late))
        else:
            moved = _rescheduled(doc, sentence, domain, deadline, after_deadline)
            moved = moved or _granted_until(doc, sentence, domain, deadline, others)
            if moved is not None:
                out.append(fact("delayed", moved[0], moved[1], moved[2]))
    del first, last
    return out


# Bounds under which a date restates the deadline ("by September", "in September", "until
# September"); "before", "after" and "since" put the event on another day.
_RESTATING_BOUNDS = frozenset({None, "by", "no_later_than", "until", "in"})
# Words that open a time clause: a plan inside one dates something else ("weeks before the
# depot was scheduled to close by September").
_TIME_CLAUSE_OPENERS = frozenset(["before", "after", "once", "when", "until", "since"])


def _restated(
    doc: Document, sentence: int, domain: Domain, stays: list[Hit[str]], deadline: date
) -> tuple[int, int] | None:
    """The plan restated with its own deadline before that passes: the whole step planned
    by, in or until the deadline's month or day ("will leave X by September 2025", "as
    agreed, will hand over X in September"). A confirmation. Not a part of it ("some
    units", a number: "cut to 500 by September"), not a guess ("likely to"), not a plan
    inside a time clause that dates something else ("weeks before the units were due to
    leave X by September")."""
    if doc.reference > deadline:
        return None
    dates = [
        d
        for d in doc.dates[sentence]
        if d.first <= deadline <= d.last and d.months == 1 and d.bound in _RESTATING_BOUNDS
    ]
    if not dates:
        return None
    first, last = doc.spans[sentence]
    for a in action_hits(doc, sentence, domain):
        role = domain.role(a.payload)
        if role not in _CARRYING_OUT - {"reduction"} and a not in stays:
            continue
        how = aspect(doc, sentence, a.first, domain)
        if how not in ("plan", "unknown"):
            continue
        lo, hi = clause_span(doc, sentence, a.first, a.last)
        start, end = doc.tokens.starts[lo], doc.tokens.ends[hi - 1]
        if not any(start <= d.start < end for d in dates):
            continue
        before = {word(doc, k) for k in range(max(first, a.first - 8), a.first)}
        if before & (SPECULATIVE - {"would"}) or before & _TIME_CLAUSE_OPENERS:
            continue
        if any(word(doc, j) in PARTIAL_MARKERS or _is_number(word(doc, j)) for j in range(lo, hi)):
            continue
        return lo, hi
    return None


def _is_number(w: str) -> bool:
    return w.replace(",", "").isdigit() and not (len(w) == 4 and w[:2] in ("19", "20"))


def _unfinished_state(doc: Document, stay: Hit[str], last: int) -> bool:
    """A stay phrase that ends where a phrase of work unfinished starts ("still *in*
    progress"): a state of the work, not anyone staying."""
    end = stay.last - 1
    return stay.last < last and f"{word(doc, end)} {word(doc, stay.last)}" in UNFINISHED


def _still_there(
    doc: Document,
    sentence: int,
    domain: Domain,
    stays: list[Hit[str]],
    leaving: list[Hit[Term]],
    after_deadline: bool,
    past: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """ "Units were still stationed at X", "a handful were still at X", "a month after the
    target, units remained at X": still in place at a place the plan leaves, after the
    deadline. `past` is the sentence's length of time past the deadline, if it gives one."""
    if not after_deadline or not leaving:
        return None
    first, last = doc.spans[sentence]
    for j in range(first, last):
        if word(doc, j) != "still":
            continue
        near = [
            p for p in leaving if same_clause(doc, sentence, j, p.first) and 0 < p.first - j <= 8
        ]
        if near and not any(word(doc, k) in ("not", "no") for k in range(max(first, j - 2), j)):
            return max(first, j - 6), near[0].last
    for a in stays:
        before = [word(doc, k) for k in range(max(first, a.first - 3), a.first)]
        said_late = past is not None and aspect(doc, sentence, a.first, domain) != "negated"
        if ("still" in before or said_late) and any(
            same_clause(doc, sentence, a.first, p.first) for p in leaving
        ):
            return min(a.first, past[0]) if said_late else a.first, max(p.last for p in leaving)
    return None


def _time_past_the_deadline(doc: Document, sentence: int) -> tuple[int, int] | None:
    """ "More than a month after the September target", "weeks after the date by which ...":
    a length of time, "after" and a deadline noun within a few words, as (start, end)."""
    first, last = doc.spans[sentence]
    for j in range(first + 1, last):
        if word(doc, j) != "after" or word(doc, j - 1) not in LENGTHS_BEFORE_AFTER:
            continue
        for k in range(j + 1, min(last, j + 5)):
            if word(doc, k) in _DEADLINE_NOUNS:
                return j - 1, k + 1
    return None


def _unfinished(
    doc: Document, sentence: int, domain: Domain, after_deadline: bool
) -> tuple[int, int] | None:
    """ "The transfer of X is still in progress", "the pull-out is not yet complete", said
    after the deadline."""
    if not after_deadline:
        return None
    first, last = doc.spans[sentence]
    for j in range(first, last - 1):
        phrase = f"{word(doc, j)} {word(doc, j + 1)}"
        if phrase in UNFINISHED or word(doc, j) in UNFINISHED or _not_yet_done(doc, j, last):
            lo, hi = clause_span(doc, sentence, j, j + 1, ends=PHRASE_GROUP)
            nouns = course_tokens(doc, sentence, domain)
            if any(k in nouns for k in range(lo, hi)) or any(
                lo <= a.first < hi for a in action_hits(doc, sentence, domain)
            ):
                return lo, min(hi, j + 2)
    return None


# Words between a negation and the state it denies ("not yet been completed").
_NOT_YET_GAP = frozenset(["yet", "been", "be", "fully", "quite", "entirely", "completely"])


def _not_yet_done(doc: Document, j: int, last: int) -> bool:
    """ "Has not (yet) been completed", "was never finished", "have yet to leave": work
    said not done at token j."""
    w = word(doc, j)
    if w == "yet" and j + 1 < last and word(doc, j + 1) == "to":
        return j == 0 or word(doc, j - 1) in ("has", "have", "had", "is", "are", "was", "were")
    if w not in ("not", "never", "t"):
        return False
    k = j + 1
    while k < last and word(doc, k) in _NOT_YET_GAP:
        k += 1
    return k < last and word(doc, k) in FINISHED_STATES


def _late(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """A step said to come after the deadline: "well after the September date in the
    original plan", "ran past the end-of-September target", "months after the original
    target"."""
    first, last = doc.spans[sentence]
    steps = [
        a for a in action_hits(doc, sentence, domain) if domain.role(a.payload) in _CARRYING_OUT
    ]
    if not steps:
        return None
    for j in range(first, last):
        w = word(doc, j)
        if w in LATE_VERBS or w == "after":
            # "after" must lead to a deadline noun within a few words ("after the original
            # target"); a late verb to a deadline noun ("ran past the target").
            reach = range(j + 1, min(last, j + 8))
            if not any(word(doc, k) in _DEADLINE_NOUNS for k in reach):
                continue
            if w == "after" and not any(
                word(doc, k) in ("original", "agreed", "planned", "initial", "first")
                or word(doc, k) in ("well", "months", "weeks", "long")
                for k in range(max(first, j - 3), min(last, j + 6))
            ):
                continue
            if any(same_clause(doc, sentence, s.first, j) or abs(s.first - j) < 20 for s in steps):
                return min(s.first for s in steps), min(last, j + 6)
    return None


def _rescheduled(
    doc: Document, sentence: int, domain: Domain, deadline: date, after_deadline: bool
) -> tuple[int, int, str] | None:
    """A step planned for a day after the deadline, said after the deadline, or said to be
    moved ("now scheduled for 15 January")."""
    first, last = doc.spans[sentence]
    if domain.pending_between(doc.tokens, first, last):
        return None  # one stage of a procedure moves no date yet
    moved = _moved_from_deadline(doc, sentence, domain, deadline)
    if moved is not None:
        return moved
    words = {word(doc, j) for j in range(first, last)}
    # The sentence must say the date was moved: an article restating a date an earlier
    # article moved is no new delay (each article is read on its own).
    if not words & MOVED_WORDS or words & PROPOSAL_NOUNS:
        return None
    for a in action_hits(doc, sentence, domain):
        if domain.role(a.payload) not in _CARRYING_OUT | {"progress"}:
            continue
        how = aspect(doc, sentence, a.first, domain)
        if how == "done" and _noun_then_future(doc, sentence, a, domain):
            how = "plan"  # "announced that the closure ... will be finished before ..."
        if how == "done" and _present_verb(doc, sentence, a, domain):
            how = "plan"  # "the duties become binding only from June": a schedule
        if how not in ("plan", "unknown"):
            continue
        lo, _ = clause_span(doc, sentence, a.first, a.last)
        if any(word(doc, j) in SPECULATIVE for j in range(max(lo, a.first - 3), a.first)):
            continue  # "would apply from ...": a proposal's date, not a moved deadline
        for d in doc.dates[sentence]:
            if (
                d.first > deadline
                and d.first >= doc.reference
                and d.bound not in ("since", "after")
            ):
                return a.first, a.last, d.resolved
    return None


# Verbs that grant time up to a date ("now have until June", "were given until 2027").
_GRANTS = frozenset(
    ["have", "has", "get", "gets", "getting", "given", "granted", "give", "gives", "giving",
     "gave", "grant", "grants", "granting"]
)  # fmt: skip
# Lengths of time granted before the day they run to ("gave the units two extra weeks, until
# 30 September"); the receiver may stand between the verb and its length.
_GRANTED_LENGTHS = LENGTHS_BEFORE_AFTER - {"long", "well"}
_GRANTED_REACH = 10
# Words that may stand between such a verb and its date ("have only until", "get more time
# until", "have been given until").
_GRANT_GAP = frozenset(["now", "only", "still", "been", "more", "time", "extra", "additional"])


def _granted_until(
    doc: Document, sentence: int, domain: Domain, deadline: date, others: Collection[date]
) -> tuple[int, int, str] | None:
    """Time granted up to a day after the deadline ("small firms now have until 30 June",
    "were given until December", "gave the units two extra weeks, until 30 September"): the
    deadline moves to that day. Not a grant proposed, guessed, negated or only one stage of
    a procedure ("would have until", "do not have until")."""
    first, last = doc.spans[sentence]
    said = {word(doc, j) for j in range(first, last)}
    if said & PROPOSAL_NOUNS or said & SPECULATIVE:
        return None
    if domain.pending_between(doc.tokens, first, last):
        return None
    for d in doc.dates[sentence]:
        if d.bound != "until" or d.first <= deadline or d.first < doc.reference:
            continue
        if any(d.first <= o <= d.last for o in others):
            continue  # another milestone's own date ("small firms have until June")
        at = next((j for j in range(first, last) if doc.tokens.starts[j] >= d.start), last)
        j = at - 1
        while j >= first and word(doc, j) in _GRANT_GAP:
            j -= 1
        if j >= first and word(doc, j) in _GRANTED_LENGTHS:
            # "gave the units two extra weeks, until ...": the verb a few words before.
            j = next(
                (
                    k
                    for k in range(j - 1, max(first, j - _GRANTED_REACH) - 1, -1)
                    if word(doc, k) in _GRANTS
                ),
                first - 1,
            )
        if j < first or word(doc, j) not in _GRANTS:
            continue
        if any(word(doc, k) in _NEGATED for k in range(max(first, j - 3), j)):
            continue
        return j, min(last, at + 1), d.resolved
    return None


_NEGATED = frozenset(["not", "no", "never", "t"])
# Verbs that let something go on ("voted to let the units keep running until April").
_LETS = frozenset(
    ["let", "lets", "letting", "allow", "allows", "allowed", "allowing", "permit", "permits",
     "permitted", "permitting", "enable", "enables", "enabled", "enabling"]
)  # fmt: skip


def _allowed_to_stay(
    doc: Document, sentence: int, domain: Domain, stays: list[Hit], deadline: date
) -> tuple[int, int, str] | None:
    """A stay let run up to a day after the deadline ("voted to let the three units keep
    running until mid-April", "the law allowing the sites to run until April"): the
    deadline moves to that day. Not a stay proposed, guessed or negated, nor one stage of a
    procedure ("would let", "a bill to let", "did not allow")."""
    first, last = doc.spans[sentence]
    said = {word(doc, j) for j in range(first, last)}
    if (
        said & PROPOSAL_NOUNS
        or said & SPECULATIVE
        or domain.pending_between(doc.tokens, first, last)
    ):
        return None
    for stay in stays:
        lo, _ = clause_span(doc, sentence, stay.first, stay.last, ends=PHRASE_GROUP)
        lets = [j for j in range(max(lo, stay.first - 8), stay.first) if word(doc, j) in _LETS]
        if not lets or any(
            word(doc, k) in _NEGATED for k in range(max(first, lets[0] - 3), lets[0])
        ):
            continue
        for d in doc.dates[sentence]:
            at = next((j for j in range(first, last) if doc.tokens.starts[j] >= d.start), last)
            if (
                d.bound in ("until", "through")
                and stay.last <= at <= stay.last + 3
                and d.last > deadline
                and d.first >= doc.reference
            ):
                return lets[0], min(last, at + 1), d.resolved
    return None


def _noun_then_future(doc: Document, sentence: int, a: Hit, domain: Domain) -> bool:
    """Whether an action noun is the subject of a verb in the future in its clause ("the
    closure of the site will be finished"): the noun's own reading as done is its report's."""
    if not domain.is_action_noun(word(doc, a.first)):
        return False
    _, hi = clause_span(doc, sentence, a.first, a.last)
    return any(word(doc, j) in _FUTURE for j in range(a.last, min(hi, a.last + 8)))


_FUTURE = frozenset(["will", "shall"])
# Auxiliaries and forms of the past: "has applied", "was binding".
_PAST_WORDS = frozenset(["was", "were", "had", "has", "have", "been", "did"])


def _present_verb(doc: Document, sentence: int, a: Hit, domain: Domain) -> bool:
    """Whether a step is a verb in the simple present ("the rules apply", "become binding"),
    which says what is scheduled when a later date goes with it; not a noun ("the
    obligations", "its closure") nor a past form."""
    raw = word(doc, a.first)
    first = doc.spans[sentence][0]
    if domain.is_action_noun(raw) or raw.endswith(("ed", "ing")) or raw in IRREGULAR_PAST:
        return False
    if a.first > first and word(doc, a.first - 1) in _DETERMINERS:
        return False
    return not any(word(doc, j) in _PAST_WORDS for j in range(max(first, a.first - 3), a.first))


_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "these", "those"])


def _moved_from_deadline(
    doc: Document, sentence: int, domain: Domain, deadline: date
) -> tuple[int, int, str] | None:
    """The deadline itself named as the date left behind for a later one: "moves the start
    from 2 August 2026 to 2 December 2027", "will apply from December 2027 rather than
    August 2026". Not when the move is proposed, guessed or only one stage of a procedure."""
    first, last = doc.spans[sentence]
    dates = doc.dates[sentence]
    old = [d for d in dates if d.first <= deadline <= d.last and d.months <= 1]
    if not old:
        return None
    words = [word(doc, j) for j in range(first, last)]
    said = set(words)
    swap = any(f"{a} {b}" in _SWAP_PHRASES for a, b in zip(words, words[1:], strict=False))
    if not (said & _MOVE_VERBS or swap) or said & PROPOSAL_NOUNS or said & SPECULATIVE:
        return None
    if domain.pending_between(doc.tokens, first, last):
        return None
    for d in dates:
        later = d.first > deadline and d.months <= 1 and d.first.year - deadline.year <= 5
        # The new date stands after the old one ("from X to Y"), or before "rather than X".
        if later and (swap or any(d.start > o.start for o in old)):
            at = next(j for j in range(first, last) if doc.tokens.starts[j] >= d.start)
            return first, min(last, at + 1), d.resolved
    return None


def _runs_past(d: DatePhrase, deadline: date) -> bool:
    """Whether a date takes a stay past the deadline: a later date, or a span the stay runs
    through or until whose end is later ("held on through late 2025", due in September)."""
    if d.bound == "since":
        return False
    if d.bound in ("through", "until", "at_least"):
        return d.last > deadline
    return d.first > deadline


# Verbs that move a date ("moves the start from ... to ...").
_MOVE_VERBS = frozenset(
    ["moves", "moved", "moving", "shifts", "shifted", "shifting", "pushes", "pushed",
     "pushing", "postpones", "postponed", "postponing", "delays", "delayed", "delaying",
     "defers", "deferred", "deferring", "rescheduled", "reschedules"]
)  # fmt: skip
# Words that put a new date in place of the old one ("from December 2027 rather than August").
_SWAP_PHRASES = frozenset(["rather than", "instead of", "in place of"])


def _staying_on(
    doc: Document,
    sentence: int,
    domain: Domain,
    stays: list[Hit[str]],
    leaving: list[Hit[Term]],
    deadline: date,
    after_deadline: bool,
    past: tuple[int, int] | None,
    anaphoric: bool = False,
) -> tuple[int, int, str | None] | None:
    """A stay, decided or planned, at a place the plan leaves, beyond the deadline: said
    after the deadline, or until a date after it. With `anaphoric` (the sentence names no
    place of the milestone), "at the <place noun>" ("held on at the site") stands for the
    place the article is about. `past` is the sentence's length of time past the deadline
    ("a month after the target"), if it gives one: a stay said so is late, not kept on."""
    for a in stays:
        at = [(p.first, p.last) for p in leaving if located(doc, a, p, domain)]
        if not at and anaphoric:
            at = _at_the_place(doc, sentence, a, domain)
        if not at:
            continue
        how = aspect(doc, sentence, a.first, domain)
        if how == "negated":
            continue
        before = [word(doc, k) for k in range(max(doc.spans[sentence][0], a.first - 3), a.first)]
        if "still" in before:
            continue  # still there: late, not kept on
        if SPECULATIVE & set(before) and not _backshifted(doc, sentence, a.first, before):
            continue  # "likely to stay", "could remain": a guess, not a decision
        if past is not None:
            continue  # "a month after the target, units remained at X": late (`_still_there`)
        later = next((d for d in doc.dates[sentence] if _runs_past(d, deadline)), None)
        if after_deadline or later is not None:
            end = max(a.last, max(last for _, last in at))
            return a.first, end, later.resolved if later is not None else None
    return None


# Past verbs of saying or deciding after which "would" is a reported "will" ("agreed that a
# unit would remain", "said the staff would stay on"): the past forms of the lexicon's verbs
# of reporting and of deciding.
_REPORTED_PAST = frozenset(
    w for w in REPORTING_VERBS | DECISION_MARKERS if w.endswith("ed") or w in IRREGULAR_PAST
)


def _backshifted(doc: Document, sentence: int, index: int, before: list[str]) -> bool:
    """Whether the only guess before the word at `index` is a "would" that reports a "will"
    after a past verb of saying or deciding earlier in the sentence ("agreed that a unit
    would remain at X"): a decision reported, not a guess."""
    if (SPECULATIVE & set(before)) != {"would"}:
        return False
    first = doc.spans[sentence][0]
    return any(word(doc, j) in _REPORTED_PAST for j in range(first, index))


_AT = frozenset(["at", "in", "on", "inside"])


def _at_the_place(
    doc: Document, sentence: int, stay: Hit[str], domain: Domain
) -> list[tuple[int, int]]:
    """ "Stayed on at the site": the span of "at the <place noun>" right after the stay (the
    domain's place nouns, `place_fillers`), or nothing."""
    last = doc.spans[sentence][1]
    j = stay.last
    while j < min(last, stay.last + 2) and word(doc, j) not in _AT:
        j += 1
    if (
        j + 2 < last
        and word(doc, j) in _AT
        and word(doc, j + 1) == "the"
        and word(doc, j + 2) in domain.place_fillers
    ):
        return [(j, j + 3)]
    return []
