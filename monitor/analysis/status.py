"""The status of a commitment as a sentence reports it: completed, delayed, extended, reversed,
denied, confirmed. Pure.

A status change alerts readers at once, so it must be reported, not supposed, and be a change
of the commitment itself:

- reported as having happened: a past or perfect verb, a decision taken ("agreed to extend"),
  never a plan ("will end", "to complete"), a question, a hypothetical ("if the base is handed
  over") or a time clause that speaks of the future ("once the drawdown is finished"), all of
  which `aspect` tells. A delay, extension or reversal asked for or discussed is kept as talk
  (`talk:<status>`, weak), not as a change;
- of the commitment: the status word has the commitment's course as its subject or object in
  its clause (an action noun or a process noun such as "withdrawal", "mission", "deadline", or
  a movement verb: "completed its withdrawal", "the mission was extended"), or names a
  movement itself ("fully withdrawn", "took full control", "not leaving"). "Extended an
  invitation" or "completed a raid" are not changes of anything tracked;
- a denial of reports or rumours ("rejected reports that troops were about to leave"), or of
  a change of the plan ("denied it would keep troops at the base", "denied any delay"), says
  the plan is unchanged: it is kept as a confirmation (`status:confirmed`, weak), not a
  denial. A denial of the commitment itself ("denied that troops would leave", "no plans to
  withdraw") is a denial.

Two more forms: staying past a date is an extension ("advisers stayed beyond the September
deadline"; also a plan to stay beyond a date already past when the article appeared, since the
forces are then still there), and the last ones leaving is a completion ("the last US troops
have pulled out of ..."). Statements are the clause that carries the status (`clauses`).
"""

from __future__ import annotations

from monitor.analysis.aspect import aspect, is_question, verb_form, word
from monitor.analysis.clauses import PHRASE_GROUP, clause_span, same_clause, statement
from monitor.analysis.document import Document
from monitor.analysis.domain import Domain
from monitor.analysis.facts import RawFact, action_hits
from monitor.analysis.lexicon import (
    COMPLETION_REPORTS,
    NUMBER_WORDS,
    RUMOUR_NOUNS,
    RUMOURED,
    STATUS_NEEDS_REALISED,
)
from monitor.analysis.terms import Hit
from monitor.types import FINAL_ROLES

# How far from the status word its subject (before) and object (after) may be, in words.
_SUBJECT_REACH = 12
_OBJECT_REACH = 5
_DENIED_REACH = 12
_OPENING = 4
# Step roles that, named by the status phrase itself, make it about the commitment.
_MOVEMENTS = frozenset({"departure", "transfer", "arrival", "reduction", "closure"})
# Changes of a plan: denying one of them confirms the plan.
_CHANGES = frozenset({"delayed", "extended", "reversed"})
# Term categories of the milestones that name the commitment's course.
_COURSE_TERMS = frozenset({"reference", "action"})


def status_facts(doc: Document, sentence: int, domain: Domain) -> list[RawFact]:
    """The status facts of a sentence (computed once per document, domain and sentence)."""
    key = ("status", id(domain), sentence)
    if key not in doc.memo:
        doc.memo[key] = _status_facts(doc, sentence, domain)
    return doc.memo[key]


def _status_facts(doc: Document, sentence: int, domain: Domain) -> list[RawFact]:
    first, last = doc.spans[sentence]
    out: list[RawFact] = []
    seen: set[str] = set()
    denial = last  # where a denial starts: what follows it is denied, not reported
    for hit in domain.status_index.find(doc.tokens, first, last):
        status = hit.payload
        if status in seen:
            continue
        if denial < hit.first and same_clause(doc, sentence, denial, hit.first):
            continue  # what a denial denies ("denied that the withdrawal had been halted")
        how = aspect(doc, sentence, _verb_of(doc, hit), domain)
        if how == "decided":
            how = "plan" if status == "completed" else "done"
        if status == "completed" and how == "done" and domain.is_action_noun(word(doc, hit.first)):
            # "the end of the mission" is a completion only when reported as one.
            reported = {word(doc, j) for j in range(max(first, hit.first - 3), hit.first)}
            if not reported & COMPLETION_REPORTS:
                continue
        if status == "denied" and how != "plan":
            denial = hit.first
        if (
            status == "denied"
            and how != "plan"
            and (
                _denies_reports(doc, sentence, hit) or _denies_a_change(doc, sentence, hit, domain)
            )
        ):
            # Reports of a change, or a change, denied: the plan stands.
            seen.add(status)
            said = statement(doc, sentence, hit.first, hit.last)
            out.append(
                RawFact("status", "status:confirmed", f"denied: {said}", sentence, said, False)
            )
            continue
        if status != "confirmed" and not _about_the_course(doc, sentence, hit, status, domain):
            continue
        if status in STATUS_NEEDS_REALISED and how != "done":
            if status != "completed" and how in ("plan", "unknown"):
                # A delay, extension or reversal asked for, discussed or expected: news, but
                # not yet a change of status.
                seen.add(status)
                said = statement(doc, sentence, hit.first, hit.last)
                out.append(
                    RawFact("status", f"talk:{status}", f"{status}?: {said}", sentence, said, False)
                )
            continue
        if status == "confirmed" and how in ("plan", "negated"):
            continue
        if status == "denied" and how == "plan":
            continue
        if status == "completed" and hit.last < last and word(doc, hit.last) == "that":
            continue  # "concluded that ..." is a judgement, not a completion
        if word(doc, hit.last - 1) == "over" and hit.last < last and _number(doc, hit.last):
            continue  # "is over 2,000" is a quantity
        seen.add(status)
        said = statement(doc, sentence, hit.first, hit.last)
        out.append(
            RawFact(
                "status",
                f"status:{status}",
                f"{status}: {said}",
                sentence,
                said,
                strong=status != "confirmed",
            )
        )
    beyond = _staying_beyond(doc, sentence, domain) if "extended" not in seen else None
    if beyond is not None and not (
        denial < beyond[0] and same_clause(doc, sentence, denial, beyond[0])
    ):
        hit_first, hit_last, how = beyond
        said = statement(doc, sentence, hit_first, hit_last)
        if how == "done":
            out.append(RawFact("status", "status:extended", f"extended: {said}", sentence, said))
        else:
            out.append(
                RawFact("status", "talk:extended", f"extended?: {said}", sentence, said, False)
            )
    final = _last_ones_left(doc, sentence, domain) if "completed" not in seen else None
    if final is not None:
        said = statement(doc, sentence, final[0], final[1])
        out.append(RawFact("status", "status:completed", f"completed: {said}", sentence, said))
    return out


def _number(doc: Document, index: int) -> bool:
    w = word(doc, index)
    return w[:1].isdigit() or w in NUMBER_WORDS or w in ("a", "half")


def _verb_of(doc: Document, hit: Hit[str]) -> int:
    """The token whose aspect is the phrase's: its verb ("officially *ended*", "fully
    *withdrawn*", "*came* to an end"), or its first word."""
    for j in range(hit.first, hit.last):
        if verb_form(word(doc, j)):
            return j
    return hit.first


def _denies_reports(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """Whether a denial is of reports, rumours or claims ("dismissed reports that ...",
    "said reports of an imminent exit were baseless"), or of a rumoured change ("denies
    imminent withdrawal")."""
    lo, hi = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(max(lo, hit.first - _SUBJECT_REACH), min(hi, hit.last + 3)):
        if word(doc, j) in RUMOUR_NOUNS or (j >= hit.last and word(doc, j) in RUMOURED):
            return True
    return False


def _denies_a_change(doc: Document, sentence: int, hit: Hit[str], domain: Domain) -> bool:
    """Whether what a denial denies is a change of the plan: forces staying on ("denied it
    would keep troops at the base"), a delay, an extension or a reversal ("denied that the
    withdrawal had been halted")."""
    _, end = clause_span(doc, sentence, hit.first, hit.last, ends=PHRASE_GROUP)
    end = min(end, hit.last + _DENIED_REACH)
    if any(
        domain.role(a.payload) == "stay" and hit.last <= a.first < end
        for a in action_hits(doc, sentence, domain)
    ):
        return True
    return any(
        h.payload in _CHANGES and hit.last <= h.first < end
        for h in domain.status_index.find(doc.tokens, hit.last, end)
    )


def _about_the_course(
    doc: Document, sentence: int, hit: Hit[str], status: str, domain: Domain
) -> bool:
    """Whether a status word is said of the commitment's course: a movement in the status
    phrase itself, or an action or process noun, a movement verb or a milestone's action or
    reference term as its subject or object, in its clause."""
    for action in action_hits(doc, sentence, domain):
        if (
            domain.role(action.payload) in _MOVEMENTS
            and action.first < hit.last
            and hit.first < action.last
        ):
            return True
    lo, hi = clause_span(doc, sentence, hit.first, hit.last, ends=PHRASE_GROUP)
    # What is denied is a whole clause ("denied that American troops were preparing to
    # leave"); other statuses take a noun phrase.
    reach = _DENIED_REACH if status == "denied" else _OBJECT_REACH
    # The subject opens the clause, however long the phrases after it ("the handover of the
    # base, which officials had planned for September, has been delayed").
    opening = range(lo, min(lo + _OPENING, hit.first))
    lo, hi = max(lo, hit.first - _SUBJECT_REACH), min(hi, hit.last + reach)
    for j in (*opening, *range(lo, hi)):
        if (j < hit.first or j >= hit.last) and domain.is_course_noun(word(doc, j)):
            return True
    for action in action_hits(doc, sentence, domain):
        if (
            domain.role(action.payload) != "ending"
            and _apart(action, hit)
            and lo <= action.first < hi
        ):
            return True
    return any(
        h.payload.category in _COURSE_TERMS and _apart(h, hit) and lo <= h.first < hi
        for h in doc.hits[sentence]
    )


def _apart(a: Hit, b: Hit) -> bool:
    return a.last <= b.first or b.last <= a.first


def _staying_beyond(doc: Document, sentence: int, domain: Domain) -> tuple[int, int, str] | None:
    """ "Advisers stayed at the base beyond the September deadline": staying past a date is
    an extension, and so is a plan to stay past a date that has already passed. Returns the
    action's token span and whether it is done or a plan."""
    after = [d for d in doc.dates[sentence] if d.bound == "after"]
    if not after:
        return None
    for action in action_hits(doc, sentence, domain):
        if domain.role(action.payload) == "stay" and action.start < after[0].start:
            how = aspect(doc, sentence, action.first, domain)
            if how == "negated":
                continue
            passed = after[0].last < doc.reference and not is_question(doc, sentence)
            done = how in ("done", "decided") or passed
            # The statement runs to the end of the date ("... beyond the September deadline").
            end = action.last
            while end < doc.spans[sentence][1] and doc.tokens.starts[end] < after[0].end:
                end += 1
            return action.first, end, "done" if done else "plan"
    return None


def _last_ones_left(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """ "The last US forces have pulled out of ...": the final departure is a completion.
    Returns the token span from "last" to the action."""
    first, last = doc.spans[sentence]
    stems = doc.tokens.stems
    for i in range(first, last - 1):
        if stems[i] == "last" and (i == first or word(doc, i - 1) in ("the", "its", "their")):
            _, end = clause_span(doc, sentence, i, i + 1, ends=PHRASE_GROUP)
            for action in domain.step_index.find(doc.tokens, i + 1, min(end, i + 8)):
                if (
                    domain.role(action.payload) in FINAL_ROLES
                    and aspect(doc, sentence, action.first, domain) == "done"
                ):
                    return i, action.last
    return None
