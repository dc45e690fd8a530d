"""Is a verb in a sentence a fact, a plan or a denial? A few words of context decide. Pure.

`aspect(doc, sentence, token)` looks at the word itself ("left", "completed" are done;
"leaving" after "are" is under way) and at up to six words before it in the same clause
("will", "to", "expected", "plans" make a plan; "not", "never" negate; "has", "were" make it
done). Noun forms ("departure", "transfer") take the aspect of the nearest verb around them.
A headline's present tense ("Acme ends programme") reports a fact. What would be a fact is a plan
in a question, in a hypothetical clause ("if the site is handed over") and in a time clause in
the present tense, which speaks of the future ("once the pull-out is finished"). Generic
English only.
"""

from __future__ import annotations

import re
from typing import Literal

from monitor.analysis.document import Document
from monitor.analysis.domain import Domain
from monitor.analysis.lexicon import (
    COMPLETION_REPORTS,
    DECISION_MARKERS,
    HEDGE_PHRASES,
    HEDGES,
    HYPOTHETICAL_MARKERS,
    IRREGULAR_PAST,
    NEGATIONS,
    PAST_AUXILIARIES,
    PLAN_MARKERS,
    PRESENT_AUXILIARIES,
    REALISED_AUXILIARIES,
    REPORTING_VERBS,
    REQUEST_VERBS,
    TEMPORAL_MARKERS,
    VERB_PREFIXES,
)

# "decided": a decision taken ("agreed to extend"): a fact for a delay or an extension, still a
# plan for a completion or a step ("agreed to end the programme by September").
Aspect = Literal["done", "decided", "plan", "negated", "unknown"]

# Words that make an action noun a plan ("the planned departure", "a closure foreseen").
_NOUN_PLAN = frozenset(
    [
        "upcoming",
        "expected",
        "future",
        "coming",
        "foreseen",
        "envisaged",
        "envisioned",
        "planned",
        "anticipated",
        "scheduled",
        "proposed",
        "slated",
        "intended",
        "original",
        "called",
        "agreed",
        "possible",
        "potential",
        "eventual",
        "imminent",
    ]
)
_CLAUSE_BREAK = re.compile(r"[;()\[\]—–]|:(?!\d)|,\s|\bbut\b|\bwhile\b|\bwhereas\b")
_LOOK_BACK = 6
_LOOK_AROUND = 8
# Words that open a state after an auxiliary: "is behind schedule", "has fully closed",
# "is complete", "was put on hold".
_STATE_WORDS = frozenset(
    ["complete", "behind", "on", "over", "finished", "done", "longer", "later", "fully",
     "officially", "formally", "completely", "full", "now"]
)  # fmt: skip
# A copula that opens a status phrase ("is over"): the state holds.
_COPULAS = frozenset(["is", "are", "was", "were"])
# Words after which a word that could be a noun is a verb ("to delay", "will end").
_VERB_OPENERS = frozenset(
    ["to", "will", "would", "shall", "should", "could", "can", "may", "might", "must", "not",
     "did", "does", "do"]
)  # fmt: skip
# Nouns of a decision taken: "a deal to delay", "the decision to extend".
DECISION_NOUNS = frozenset(["deal", "agreement", "decision", "vote", "order", "ruling", "accord"])
# Words before "have" that make what follows a counterfactual ("would have ended").
_COUNTERFACTUAL = frozenset(["would", "could", "should", "might", "must", "to"])
# Auxiliaries that, before "have", put a perfect in the future ("will have left").
_FUTURE_PERFECT = frozenset(["will", "shall", "ll"])
# Nouns of an event or a decision: their verb in the present reports a fact ("the decision
# ends the plan", "the ruling overturns it").
_EVENT_NOUNS = frozenset(
    ["announcement", "decision", "move", "vote", "ruling", "deal", "agreement", "order",
     "decree", "law", "amendment", "step", "statement", "verdict", "judgment", "judgement"]
)  # fmt: skip
# Words that may stand between a verb and the noun it governs ("declared the formal end").
_MODIFIERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "this", "that", "formal", "official",
     "full", "final", "complete", "effective"]
)  # fmt: skip
# Words that frame what follows as what should have happened ("today was supposed to be the
# day the last unit shut", "it was meant to be the day ..."): not what did.
_UNMET_FRAMES = frozenset(["supposed", "meant"])
# Nouns of what may be done, not what was decided: "the last opportunity to prolong it".
_POSSIBILITY_NOUNS = frozenset(
    ["opportunity", "chance", "option", "window", "possibility", "power", "right", "scope"]
)
# How far back a clause's opening word ("once", "if") may be.
_CLAUSE_REACH = 12


def word(doc: Document, index: int) -> str:
    return doc.word(index)


def verb_form(raw: str) -> bool:
    """Whether a word (lower case) is a past or an -ing form of a verb."""
    return _past_form(raw) or (raw.endswith("ing") and len(raw) > 4)


def _past_form(raw: str) -> bool:
    if (raw.endswith("ed") and len(raw) > 4) or raw in IRREGULAR_PAST:
        return True
    # "undertook", "overtaken": a prefix before an irregular form.
    return any(
        raw.startswith(p) and raw[len(p) :] in IRREGULAR_PAST and len(raw) - len(p) > 2
        for p in VERB_PREFIXES
    )


def aspect(doc: Document, sentence: int, index: int, domain: Domain) -> Aspect:
    """The aspect of the verb (or action noun, as the domain knows them) at token `index`."""
    found = _aspect(doc, sentence, index, domain)
    if found in ("done", "decided") and _not_a_fact(doc, sentence, index):
        return "plan"
    return found


def _aspect(doc: Document, sentence: int, index: int, domain: Domain) -> Aspect:
    first, _ = doc.spans[sentence]
    raw = word(doc, index)
    # A word that is also a verb ("delay", "end") is a verb after "to" or a modal.
    verb_before = index > first and word(doc, index - 1) in _VERB_OPENERS
    if domain.is_action_noun(raw) and not verb_before:
        found = _noun_aspect(doc, sentence, index)
        return _headline(doc, sentence) if found == "unknown" and doc.is_title else found
    window: list[tuple[int, str]] = []
    for j in range(index - 1, max(first, index - _LOOK_BACK) - 1, -1):
        if _CLAUSE_BREAK.search(doc.text, doc.tokens.ends[j], doc.tokens.starts[j + 1]):
            break
        if word(doc, j) == "that":
            break  # "had said that postponing ...": the report's tense is not the clause's
        window.append((j, word(doc, j)))
    # A negation anywhere in the clause before the verb negates it ("has not been completed").
    negated = any(w in NEGATIONS for _, w in window)
    for j, w in window:
        if w in DECISION_MARKERS:
            return _decision(doc, first, index, domain, negated)
        if w in PLAN_MARKERS:
            if w == "to" and _decided_before(doc, first, j):
                # "agreed to extend", "a deal to delay", "struck an agreement on Tuesday to
                # delay": a decision taken.
                return _decision(doc, first, index, domain, negated)
            return "negated" if negated else "plan"
        if w == "have" and j > first and word(doc, j - 1) in _COUNTERFACTUAL:
            # "would have dropped", "were to have left": what did not happen.
            return "plan"
        if (
            w == "been"
            and j - 1 > first
            and word(doc, j - 1) == "have"
            and word(doc, j - 2) in _COUNTERFACTUAL
        ):
            return "plan"  # "could have been prolonged": the passive of the same
        if (
            w == "been"
            and j - 1 > first
            and word(doc, j - 1) == "have"
            and word(doc, j - 2) in _FUTURE_PERFECT
        ):
            return "negated" if negated else "plan"  # "will have been handed over"
        if w == "have" and j > first and word(doc, j - 1) in _FUTURE_PERFECT:
            # "will have left by Friday": done only later.
            return "negated" if negated else "plan"
        if w in REALISED_AUXILIARIES and (
            _past_form(raw) or raw.endswith("ing") or raw in _STATE_WORDS
        ):
            return "negated" if negated else "done"
    if _past_form(raw) or raw in _COPULAS:
        return "negated" if negated else "done"
    if _reports_an_event(doc, first, index, raw):
        return "negated" if negated else "done"
    if negated:
        return "negated"
    if doc.is_title:
        return _headline(doc, sentence)
    if raw.endswith("ing"):
        return _result_clause(doc, first, index)
    return "unknown"


def _result_clause(doc: Document, first: int, index: int) -> Aspect:
    """The aspect of an -ing form opening a clause after a comma ("the last plane left on
    Monday, completing the closure"): the clause states the result of the one before it,
    so it takes that clause's tense. Anything else is "unknown"."""
    if index <= first or "," not in doc.text[doc.tokens.ends[index - 1] : doc.tokens.starts[index]]:
        return "unknown"
    if doc.word(index) == "leaving":
        return "unknown"  # ", leaving a handful of staff on site": what stays, not a departure
    before = [word(doc, j) for j in range(first, index)]
    if any(w in PLAN_MARKERS or w in NEGATIONS or w in HYPOTHETICAL_MARKERS for w in before):
        return "unknown"
    # A past form that is not a name's word after a determiner ("the United States").
    realised = any(
        _past_form(w) and (j == 0 or before[j - 1] not in _MODIFIERS) for j, w in enumerate(before)
    )
    return "done" if realised else "unknown"


def _decision(doc: Document, first: int, index: int, domain: Domain, negated: bool) -> Aspect:
    """A decision taken, unless the domain says the decision named before the verb settles
    nothing yet ("the parliament voted to delay", "a provisional agreement to postpone" in a
    legislative procedure): then the change is still a plan."""
    if negated:
        return "negated"
    if domain.pending_between(doc.tokens, max(first, index - _LOOK_BACK - 4), index):
        return "plan"
    return "decided"


def _decided_before(doc: Document, first: int, to: int) -> bool:
    """Whether a decision verb or noun stands a few words before "to"."""
    for j in range(to - 1, max(first, to - 6) - 1, -1):
        w = word(doc, j)
        if w in DECISION_NOUNS and _in_a_name(doc, first, j):
            continue  # "under the Paris Agreement to prolong": a treaty's name
        if w in DECISION_MARKERS or w in DECISION_NOUNS:
            return True
        if w in PLAN_MARKERS or w in REQUEST_VERBS or w in _POSSIBILITY_NOUNS:
            return False
    return False


def _in_a_name(doc: Document, first: int, j: int) -> bool:
    """Whether token j is a capitalised word after another one ("Paris Agreement")."""
    if j <= first:
        return False
    starts = doc.tokens.starts
    return doc.text[starts[j]].isupper() and doc.text[starts[j - 1]].isupper()


def _reports_an_event(doc: Document, first: int, index: int, raw: str) -> bool:
    """A verb in the present ("overturns", "ends") whose subject is an event or a decision
    ("the announcement overturns the plan") reports what that event did."""
    if not (raw.endswith("s") and not raw.endswith("ss") and len(raw) > 3):
        return False
    return any(word(doc, j) in _EVENT_NOUNS for j in range(max(first, index - 3), index))


def is_question(doc: Document, sentence: int) -> bool:
    key = ("question", sentence)
    got = doc.memo.get(key)
    if got is None:
        got = doc.memo[key] = doc.sentences[sentence].text.rstrip(" \"'”’)").endswith("?")
    return got


def _not_a_fact(doc: Document, sentence: int, index: int) -> bool:
    """Whether a verb that reads as done is asked about, hypothetical, or in a time clause in
    the present tense ("once the pull-out is finished", "when the site is handed over")."""
    if is_question(doc, sentence):
        return True
    first, _ = doc.spans[sentence]
    tense = ""  # the nearest auxiliary's tense, between the verb and the clause's opening
    for j in range(index - 1, max(first, index - _CLAUSE_REACH) - 1, -1):
        if _CLAUSE_BREAK.search(doc.text, doc.tokens.ends[j], doc.tokens.starts[j + 1]):
            break
        w = word(doc, j)
        if (
            w == "time"
            and j - 2 >= first
            and word(doc, j - 2) == "by"
            and word(doc, j - 1) == "the"
        ):
            w = "when"  # "by the time X is finished" is a time clause
        if w in REQUEST_VERBS and word(doc, j + 1) == "by":
            continue  # "the sale demanded by the regulator was finished": a participle
        if w in HYPOTHETICAL_MARKERS or w in REQUEST_VERBS or w in _UNMET_FRAMES:
            # "if the site is handed over", "urged the government to keep X capable of
            # being restarted", "campaigned for reversing it": not what happened.
            return True
        if w in TEMPORAL_MARKERS:
            if not tense:
                tense = "past" if _past_form(word(doc, index)) else "present"
            return tense == "present"
        if not tense and w in PRESENT_AUXILIARIES:
            tense = "present"
        elif not tense and w in PAST_AUXILIARIES:
            tense = "past"
    return False


def _headline(doc: Document, sentence: int) -> Aspect:
    """A headline's present tense reports a fact ("Acme completes closure", "city assumes
    full control"), unless it is dated ahead of the publication ("programme ends in
    September"); plans in headlines say so ("US to leave")."""
    ahead = any(d.first > doc.reference for d in doc.dates[sentence])
    return "plan" if ahead else "done"


def _governs(doc: Document, verb: int, noun: int) -> bool:
    """Whether only determiners and modifiers stand between a verb and a noun after it."""
    between = [word(doc, j) for j in range(verb + 1, noun)]
    return len(between) <= 3 and all(w in _MODIFIERS or w.endswith("ly") for w in between)


def _hedged_after(doc: Document, j: int, last: int) -> bool:
    """Whether what follows an auxiliary says the change is only possible ("a delay was
    possible", "a postponement was under discussion", "was on the table")."""
    after = [word(doc, k) for k in range(j + 1, min(last, j + 4))]
    after = [w for w in after if w not in ("still", "now", "also", "not", "been", "being")]
    if not after:
        return False
    if after[0] in HEDGES:
        return True
    return " ".join(after[:2]) in HEDGE_PHRASES or " ".join(after[:3]) in HEDGE_PHRASES


def _negated_before(doc: Document, first: int, j: int) -> bool:
    """Whether a negation stands in the two words before token j ("have not completed")."""
    return any(word(doc, k) in NEGATIONS for k in range(max(first, j - 2), j))


def _noun_aspect(doc: Document, sentence: int, index: int) -> Aspect:
    first, last = doc.spans[sentence]
    # The nearest verb-like word after or before the noun decides ("the departure began",
    # "the planned departure", "will complete the departure").
    for distance in range(1, _LOOK_AROUND + 1):
        for j in (index + distance, index - distance):
            if not first <= j < last:
                continue
            w = word(doc, j)
            if w in REPORTING_VERBS:
                if j < index and w in COMPLETION_REPORTS and _governs(doc, j, index):
                    # "declared the end of ...": the noun is what was declared.
                    return "done" if _past_form(w) else "unknown"
                continue  # "said the closure would ...": the report's tense is not the step's
            if w in PLAN_MARKERS or w in _NOUN_PLAN:
                return "plan"
            if w in NEGATIONS and j < index:
                return "negated"
            if _past_form(w) and w not in ("planned", "scheduled", "expected", "proposed"):
                if j < index and _negated_before(doc, first, j):
                    return "negated"  # "have not completed the transfer"
                return "done"
            if w in ("has", "have", "had", "was", "were", "underway"):
                if j > index and j + 1 < last and word(doc, j + 1) in NEGATIONS:
                    return "negated"  # "the transfer has not been completed"
                return "plan" if _hedged_after(doc, j, last) else "done"
    return "unknown"
