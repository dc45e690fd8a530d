"""The status of a commitment as a sentence reports it: completed, delayed, extended, reversed,
denied, confirmed. Pure.

A status change alerts readers at once, so it must be reported, not supposed, and be a change
of the commitment itself:

- reported as having happened: a past or perfect verb, a decision taken ("agreed to extend"),
  never a plan ("will end", "to complete", "by tomorrow"), a counterfactual ("was to have
  ended"), a question, a hypothetical ("if the site is handed over") or a time clause that
  speaks of the future ("once the pull-out is finished"), all of which `aspect` tells. A delay,
  extension or reversal asked for or discussed is kept as talk (`talk:<status>`, weak);
- of the commitment: the status word has the commitment's course as its subject or object in
  its clause (a noun the domain packs list, such as "phase", "deadline", "rules", or a
  step word: "completed the transfer", "the phase-out was extended"), or names a step itself
  ("fully closed", "took full control"). "Extended an invitation" or "completed a raid" are
  not changes of anything tracked;
- a denial (`status:denied`) is an official saying a reported change did not happen or will
  not ("denied reports that the units would leave", "reports of a pull-out are not accurate",
  "pushed back against accounts of an evacuation", "the units are not leaving, the ministry
  said", "reports that the units had left were untrue"). It is recorded as a denial, never
  as the thing denied: what follows a denial in its clause is not reported as happening. A
  denial that is itself negated ("did not deny") is nothing, and so is "neither confirmed nor
  denied".

Forms that carry a change without a status word:

    declared complete     "declared the first phase complete", "pronounced the programme over"
    the last ones         "the last (group of) units left", "the final units were shut down"
    none remain           "no units remain at X", "every unit was gone", "all of them have left",
                          "not a single unit is left", "no longer has any units", "leaving X
                          without any units"
    the whole of a place  "took over the whole of X"
    wholly done           "the units have completely left X", "the site was shut for good"
    staying beyond        "staff stayed beyond the September deadline" (an extension)

The dates a status carries: `happened_on`, a past date in its sentence ("on Saturday"), and
for a delay or an extension `new_due`, the later date it moves to ("postponed to 30 December
2025", "extended until at least 2026"). A change limited to part of the commitment ("a small
unit", "some of", "a residual force") is `partial`. What depends on the milestone's deadline
(a delay shown by lateness, staying past the deadline) is `timing`'s. Statements are the
clause that carries the status (`clauses`).
"""

from __future__ import annotations

from dataclasses import replace

from monitor.analysis.aspect import aspect, is_question, verb_form, word
from monitor.analysis.clauses import PHRASE_GROUP, clause_span, same_clause, statement
from monitor.analysis.document import Document
from monitor.analysis.domain import Domain
from monitor.analysis.facts import RawFact, action_hits, keeps_something_else, with_dates
from monitor.analysis.lexicon import (
    CALLED_FALSE,
    COMPLETION_REPORTS,
    DECLARING_VERBS,
    DENIAL_VERBS,
    FINISHED_STATES,
    FRACTION_WORDS,
    HYPOTHETICAL_MARKERS,
    LENGTHS_BEFORE_AFTER,
    NEGATIONS,
    NUMBER_WORDS,
    PARTIAL_MARKERS,
    REPORTING_VERBS,
    REQUEST_NOUNS,
    RULED_OUT,
    RUMOUR_NOUNS,
    RUMOURED,
    STATUS_NEEDS_REALISED,
    WHOLE_MARKERS,
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
# Changes of a plan that can be rejected or argued against.
_CHANGES = frozenset({"delayed", "extended", "reversed"})
# Term categories of the milestones that name the commitment's course.
_COURSE_TERMS = frozenset({"reference", "action", "step", "change"})
# Bounds that make a date the new deadline of a delay or an extension.
# Bounds under which a past date dates the event itself ("on 18 January", "in December").


def status_facts(doc: Document, sentence: int, domain: Domain) -> list[RawFact]:
    """The status facts of a sentence (computed once per document, domain and sentence)."""
    key = ("status", id(domain), sentence)
    if key not in doc.memo:
        doc.memo[key] = [with_dates(doc, f) for f in _status_facts(doc, sentence, domain)]
    return doc.memo[key]


def denial_start(doc: Document, sentence: int, domain: Domain) -> int | None:
    """The token where a realised denial starts in the sentence (what follows it in its
    clause is denied, not reported), or None."""
    status_facts(doc, sentence, domain)
    return doc.memo.get(("denial", id(domain), sentence))


def _status_facts(doc: Document, sentence: int, domain: Domain) -> list[RawFact]:
    first, last = doc.spans[sentence]
    out: list[RawFact] = []
    seen: set[str] = set()
    denial = last  # where a denial starts: what follows it is denied, not reported

    def add(status: str, a: int, b: int, strong: bool = True, talk: bool = False) -> bool:
        if status == "completed" and not talk and dated_ahead(doc, sentence, a, b):
            return False  # "the last units leave on September 15": a forecast
        if status == "completed" and _anniversary(doc, sentence, a):
            return False  # "marked one year since the last unit closed": long past
        seen.add(status)
        said = statement(doc, sentence, a, b)
        key = f"talk:{status}" if talk else f"status:{status}"
        label = f"{status}?: {said}" if talk else f"{status}: {said}"
        partial = _partial(doc, sentence, a, b)
        # What is denied is a whole clause ("no decision had been made to change the ...
        # deadline"): its course noun may stand further off.
        reach = _DENIED_REACH if status == "denied" else _OBJECT_REACH
        anaphoric = _definite_course(doc, sentence, a, b, domain, reach)
        around = {word(doc, j) for j in range(max(first, a - 3), b)}
        # The past perfect recalls an earlier event; a state in the present ("the first phase
        # is over") with no date says how things stand, not what just happened.
        recalled = (
            "had" in around
            or (bool(around & {"is", "are"}) and not doc.dates[sentence] and status == "completed")
            or _at_the_time(doc, sentence)
        )
        out.append(
            RawFact(
                "status",
                key,
                label,
                sentence,
                said,
                strong,
                partial=partial,
                anaphoric=anaphoric,
                recalled=recalled,
                at=(a, b),
            )
        )
        return True

    hits = _longest(domain.status_index.find(doc.tokens, first, last))
    # "Reports that the units had left were untrue": the report's clause is denied by a
    # predicate that comes after it.
    called_false = _reports_called_false(doc, sentence)

    # "Neither confirmed nor denied the account that ...": no word either way on what
    # follows, and the confirmation or denial itself is none.
    unsaid = _neither_nor(doc, sentence, hits)

    def denied_here(index: int) -> bool:
        if called_false is not None and called_false[0] < index < called_false[1]:
            return True
        if unsaid is not None and unsaid <= index:
            return True
        return denial < index and same_clause(doc, sentence, denial, index)

    for hit in hits:
        status = hit.payload
        if status in seen or denied_here(hit.first):
            continue  # what a denial denies ("denied that the transfer had been halted")
        negation_phrase = status == "denied" and any(
            word(doc, j) in NEGATIONS for j in range(hit.first, hit.last)
        )
        if negation_phrase:
            # "not leaving", "no plans to": the phrase carries its own negation.
            how = aspect(doc, sentence, hit.first, domain)
            if how == "plan" and not _hypothetical(doc, sentence, hit.first):
                how = "done"  # "would not request an extension": a refusal stated now
            how = "done" if how in ("unknown", "negated") else how
        else:
            how = aspect(doc, sentence, _verb_of(doc, sentence, hit), domain)
        if how == "decided":
            how = "plan" if status == "completed" else "done"
        if status == "denied":
            if how in ("plan", "negated") or is_question(doc, sentence):
                continue  # "will deny", "did not deny", "did they deny?"
            denial = min(denial, hit.first)
            if negation_phrase:
                # "no plan to use the site as a depot": what is ruled out follows the phrase.
                about = _course_follows(doc, sentence, hit, domain)
            else:
                about = _about_the_course(doc, sentence, hit, status, domain)
            if _denies_a_cause(doc, sentence, hit):
                continue  # "denied that the delay was linked to X": the link is denied
            if about or _denies_reports(doc, sentence, hit):
                add("denied", hit.first, hit.last)
            continue
        if status != "completed" and _attributive(doc, hit, last, domain):
            continue  # "long-delayed rules", "the suspended programme": an adjective
        if status == "completed":
            if _modifies_a_noun(doc, hit, last, domain):
                continue  # "a complete departure", "the full transfer": a noun's adjective
            if _share_done(doc, sentence, hit):
                continue  # "more than half of the retrograde is complete": progress
            if _completes_a_change(doc, sentence, hit, domain):
                continue  # "completed the adoption of the postponement": the change is done
            if how != "done" and _declared_finished(doc, sentence, hit):
                how = "done"  # "declared the first phase complete"
            if (
                how == "done"
                and domain.is_action_noun(word(doc, hit.first))
                and not any(
                    verb_form(word(doc, j)) or not domain.is_action_noun(word(doc, j))
                    for j in range(hit.first + 1, hit.last)
                )
            ):
                # "the end of the phase" is a completion only when reported as one.
                reported = {word(doc, j) for j in range(max(first, hit.first - 3), hit.first)}
                if not reported & COMPLETION_REPORTS:
                    continue
        if status != "confirmed" and not _about_the_course(doc, sentence, hit, status, domain):
            continue
        if status == "reversed" and not _names_the_course(doc, sentence, hit, domain):
            continue  # "halted the sale": a reversal needs the course itself named
        if status in _CHANGES and "denied" not in seen:
            against = _set_against(doc, sentence, hit)
            if against is not None:
                # "advised against keeping the units running", "rejected a delay": the change
                # is denied, not reported.
                denial = min(denial, against)
                add("denied", against, hit.last)
                continue
        if status in STATUS_NEEDS_REALISED and how != "done":
            if (
                status in _CHANGES
                and how == "negated"
                and "denied" not in seen
                and _ruled_out_ahead(doc, sentence, hit)
            ):
                # "the deadline will not be extended": a change said not to come is denied.
                denial = min(denial, hit.first)
                add("denied", max(first, hit.first - 4), hit.last)
                continue
            if status != "completed" and how in ("plan", "unknown"):
                # A delay, extension or reversal asked for, discussed or expected: news, but
                # not yet a change of status.
                add(status, hit.first, hit.last, strong=False, talk=True)
            continue
        if status == "confirmed" and how in ("plan", "negated"):
            continue
        if status == "completed" and hit.last < last and word(doc, hit.last) == "that":
            continue  # "concluded that ..." is a judgement, not a completion
        if word(doc, hit.last - 1) == "over" and hit.last < last and _number(doc, hit.last):
            continue  # "is over 2,000" is a quantity
        add(status, hit.first, hit.last, strong=status != "confirmed")
    if "denied" not in seen and called_false is not None:
        # A report called false: the denial is its predicate ("were untrue"), and what it
        # denies runs from the report's noun.
        report, end, predicate = called_false
        denial = min(denial, report)
        add("denied", predicate, end)
    elif "denied" not in seen:
        talked = any(f.key.startswith("talk:") for f in out)
        found = (
            _rejected_talk(doc, sentence)
            or _negated_step_said(doc, sentence, domain)
            or _ruled_out_after(doc, sentence, talked)
        )
        if found is not None:
            denial = min(denial, found[0])
            add("denied", *found)
    doc.memo[("denial", id(domain), sentence)] = denial if denial < last else None
    if "extended" not in seen:
        beyond = _staying_beyond(doc, sentence, domain)
        if beyond is not None and not denied_here(beyond[0]):
            a, b, how = beyond
            add("extended", a, b, strong=how == "done", talk=how != "done")
    if "completed" not in seen:
        for reader in (_last_ones_left, _none_remain, _whole_taken, _wholly_done):
            found = reader(doc, sentence, domain)
            if found is not None and not denied_here(found[0]) and add("completed", *found):
                out[-1] = replace(out[-1], partial=False)
                break
    return out


def dated_ahead(doc: Document, sentence: int, a: int, b: int) -> bool:
    """Whether the clause of tokens [a, b) dates what it says after the publication ("put
    the departure of the last unit at September 15", said in August): a forecast. A day or
    month named without a year counts only when no auxiliary of the past stands before the
    statement ("was completed in January" is last January)."""
    lo, hi = clause_span(doc, sentence, a, b, ends=PHRASE_GROUP)
    start, end = doc.tokens.starts[lo], doc.tokens.ends[hi - 1]
    past = any(word(doc, j) in _PAST_AUX for j in range(max(lo, a - 3), b))
    return any(
        start <= d.start < end
        and d.first > doc.reference
        and d.bound in _AHEAD_BOUNDS
        and not (d.relative and past)
        for d in doc.dates[sentence]
    )


_PAST_AUX = frozenset({"was", "were", "had", "has", "have", "been"})


# Bounds under which a date ahead makes a completion or a step a forecast ("on", "by" ...);
# a delay or an extension "until" a later date is another matter.
_AHEAD_BOUNDS = frozenset({None, "by", "no_later_than", "before"})


def course_tokens(doc: Document, sentence: int, domain: Domain) -> frozenset[int]:
    """The tokens of the sentence that name the commitment's course: the packs' process and
    action nouns, multi-word ones ("entry into force", "running times") included."""
    key = ("course", id(domain), sentence)
    got = doc.memo.get(key)
    if got is None:
        first, last = doc.spans[sentence]
        found = {j for j in range(first, last) if domain.is_course_noun(word(doc, j))}
        for h in domain.process_phrases.find(doc.tokens, first, last):
            found.update(range(h.first, h.last))
        got = doc.memo[key] = frozenset(found)
    return got


def _longest(hits: list[Hit[str]]) -> list[Hit[str]]:
    """Hits without those inside a longer hit of another status ("pushed back against
    reports" is a denial, not the delay "pushed back")."""
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.payload != h.payload
            and o.first <= h.first
            and h.last <= o.last
            and (o.last - o.first) > (h.last - h.first)
            for o in hits
        )
    ]


def _number(doc: Document, index: int) -> bool:
    w = word(doc, index)
    return w[:1].isdigit() or w in NUMBER_WORDS or w in ("a", "half")


def _verb_of(doc: Document, sentence: int, hit: Hit[str]) -> int:
    """The token whose aspect is the phrase's: its verb ("officially *ended*", "fully
    *closed*", "*came* to an end"), the verb just before a phrase without one ("*held*
    full control"), or its first word."""
    for j in range(hit.first, hit.last):
        if verb_form(word(doc, j)):
            return j
    first = doc.spans[sentence][0]
    for j in range(hit.first - 1, max(first, hit.first - 3) - 1, -1):
        w = word(doc, j)
        if w in ("the", "a", "an", "its", "their", "now", "fully", "then"):
            continue
        if w in REPORTING_VERBS:
            return hit.first  # "said a delay was possible": the report's tense is not the delay's
        return j if verb_form(w) else hit.first
    return hit.first


def _modifies_a_noun(doc: Document, hit: Hit[str], last: int, domain: Domain) -> bool:
    """A one-word completion ("complete", "completed") right before a noun of the course
    is that noun's adjective."""
    if hit.last - hit.first != 1:
        return False
    raw = word(doc, hit.first)
    after_article = hit.first > 0 and word(doc, hit.first - 1) in _DEFINITE | {"a", "an"}
    if raw.endswith("ed") and not after_article:
        return False  # "completed their departure": a verb
    # The noun may follow one more modifier ("a complete American departure").
    following = [j for j in (hit.last, hit.last + 1) if j < last]
    if following and word(doc, following[0]) in _DEFINITE:
        return False
    return any(domain.is_course_noun(word(doc, j)) for j in following)


# Words before a noun phrase: a participle right after one of them opens it ("for delayed
# rules", "the suspended programme").
_NOUN_OPENERS = frozenset(
    ["a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
     "for", "of", "on", "with", "about", "over", "after", "before", "against", "from", "into"]
)  # fmt: skip


def _attributive(doc: Document, hit: Hit[str], last: int, domain: Domain) -> bool:
    """A one-word participle of a change used as an adjective before the noun it qualifies:
    after an article or a hyphenated prefix ("a delayed transfer", "long-delayed rules"),
    with a course noun within three words and no verb between."""
    if hit.last - hit.first != 1 or not word(doc, hit.first).endswith(("ed", "en")):
        return False
    prev = hit.first - 1
    joined = prev >= 0 and doc.text[doc.tokens.ends[prev] : doc.tokens.starts[hit.first]] == "-"
    after_noun_opener = prev >= 0 and word(doc, prev) in _NOUN_OPENERS
    if not joined and not after_noun_opener:
        return False
    if hit.last < last and word(doc, hit.last) in _DEFINITE | {"a", "an", "to", "by", "until"}:
        return False  # "postponed the rules", "delayed to May": a verb
    for j in range(hit.last, min(last, hit.last + 3)):
        if domain.is_course_noun(word(doc, j)):
            return True
        if verb_form(word(doc, j)) or word(doc, j) in ("is", "are", "was", "were", "has", "have"):
            return False
    return False


def _declared_finished(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """ "Declared the first phase complete", "pronounced the programme over": a state word
    after its object, with a past verb of declaring before it in the clause."""
    if word(doc, hit.last - 1) not in FINISHED_STATES:
        return False
    lo, _ = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(hit.first - 1, max(lo, hit.first - 9) - 1, -1):
        w = word(doc, j)
        if w in DECLARING_VERBS:
            return aspect(doc, sentence, j, _NO_DOMAIN) == "done"
    return False


def _denies_reports(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """Whether a denial is of reports, rumours or claims ("dismissed reports that ...",
    "said reports of an imminent exit were baseless"), or of a rumoured change ("denies
    imminent departure")."""
    lo, hi = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(max(lo, hit.first - _SUBJECT_REACH), min(hi, hit.last + 3)):
        if word(doc, j) in RUMOUR_NOUNS or (j >= hit.last and word(doc, j) in RUMOURED):
            return True
    return False


# Predicates that tie something to a cause: "was linked to", "was driven by".
_CAUSE_LINKS = frozenset(
    ["linked", "tied", "related", "connected", "driven", "motivated", "prompted", "caused",
     "owed", "attributable", "dictated", "influenced"]
)  # fmt: skip
_BE = frozenset(["was", "were", "is", "are", "been", "be"])


def _denies_a_cause(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """Whether what a denial denies is a cause ("denied that the delay was linked to the
    talks", "denies the pause was driven by pressure"): the link is denied, not the change."""
    _, hi = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(hit.last, min(hi, hit.last + _DENIED_REACH) - 1):
        if word(doc, j) in _BE and word(doc, j + 1) in _CAUSE_LINKS:
            return True
    return False


def _set_against(doc: Document, sentence: int, hit: Hit[str]) -> int | None:
    """Where a verb rejecting a change, or "against", stands just before it in its clause
    ("advised against extending", "rejected any delay", "ruled out a postponement"), the
    verb reported as done; None otherwise."""
    lo, _ = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(hit.first - 1, max(lo, hit.first - 7) - 1, -1):
        w = word(doc, j)
        if w == "against" or w in DENIAL_VERBS:
            verb = j - 1 if w == "against" and j > lo else j
            how = aspect(doc, sentence, verb, _NO_DOMAIN)
            if how == "done" or word(doc, verb).endswith("ed"):
                return verb
            return None
    return None


def _neither_nor(doc: Document, sentence: int, hits: list[Hit[str]]) -> int | None:
    """The first token of a confirmation or denial said with "neither" or "nor" before it
    ("neither confirmed nor denied"), or None."""
    first, _ = doc.spans[sentence]
    for h in hits:
        if h.payload in ("confirmed", "denied") and any(
            word(doc, j) in ("neither", "nor") for j in range(max(first, h.first - 2), h.first)
        ):
            return h.first
    return None


# Words that open the clause a report carries ("reports that ...", "claims of ...").
_REPORT_OPENERS = frozenset(["that", "of", "about", "saying", "claiming", "alleging"])
# Nouns of a piece of reporting, a report only when a clause of what it says follows ("a story
# saying ...", "an article claiming ..."): "the story of the pull-out" is no report.
_REPORT_NOUNS = frozenset(["story", "stories", "article", "articles", "account", "accounts"])
# Words between "were" and what the report is called ("were simply not true").
_CALLED_GAP = frozenset(["not", "simply", "completely", "entirely", "totally", "wholly", "also"])


def _reports_called_false(doc: Document, sentence: int) -> tuple[int, int, int] | None:
    """ "Reports that the units had left were untrue", "claims that the transfer was
    finished were premature", "reports of a pull-out are not accurate": a word of rumour
    opening a clause, then a form of "be" and what the report is called. Returns (the
    rumour word, the end of the predicate, the form of "be"): what lies between the first
    two is denied; None when the sentence has no such report."""
    first, last = doc.spans[sentence]
    opened = None
    for j in range(first, last - 1):
        w = word(doc, j)
        if opened is None:
            if (w in RUMOUR_NOUNS or w in _REPORT_NOUNS) and word(doc, j + 1) in _REPORT_OPENERS:
                opened = j
            continue
        if w not in _BE or j <= opened + 2:
            continue
        k = j + 1
        while k < last and word(doc, k) in _CALLED_GAP:
            k += 1
        called = word(doc, k) if k < last else ""
        false = called in CALLED_FALSE or (called == "true" and word(doc, k - 1) == "not")
        # The passive of a verb of denying: "a story saying X ... was denied by the ministry".
        false = false or (called in DENIAL_VERBS and called.endswith("ed") and k == j + 1)
        if false and aspect(doc, sentence, j, _NO_DOMAIN) not in ("plan", "negated"):
            return opened, k + 1, j
    return None


def _ruled_out_after(doc: Document, sentence: int, talked: bool) -> tuple[int, int] | None:
    """A change talked of, then ruled out later in the sentence ("extending the period could
    cost billions, and it would not happen", "... is off the table"); or a stay until a date
    "and not beyond" it. Returns the span of the ruling out."""
    first, last = doc.spans[sentence]
    words = [word(doc, j) for j in range(first, last)]
    if talked:
        for n in range(len(words)):
            for phrase in RULED_OUT:
                if words[n : n + len(phrase)] == list(phrase):
                    return first + n, first + n + len(phrase)
    for d in doc.dates[sentence]:
        if d.bound != "until":
            continue
        at = next((j for j in range(first, last) if doc.tokens.starts[j] >= d.end), last)
        after = words[at - first : at - first + 3]
        if after[:1] in (["and"], ["but"]) and after[1:3] in (["not", "beyond"], ["no", "longer"]):
            return first, min(last, at + 3)
    return None


def _rejected_talk(doc: Document, sentence: int) -> tuple[int, int] | None:
    """ "Rejected talk of ...", "dismissed claims that ...", "pushed back against accounts
    of ...": a verb of rejecting with a word of rumour as its object, reported as done."""
    first, last = doc.spans[sentence]
    for j in range(first, last):
        w = word(doc, j)
        if w not in DENIAL_VERBS:
            continue
        for k in range(j + 1, min(last, j + 6)):
            if word(doc, k) in RUMOUR_NOUNS or word(doc, k) in REQUEST_NOUNS:
                how = aspect(doc, sentence, j, _NO_DOMAIN)
                if (how == "done" or w.endswith("ing")) and not is_question(doc, sentence):
                    return j, k + 1
                break
    return None


def _negated_step_said(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """ "The units are not leaving the capital, the ministry said": a step said, by someone
    reported, not to be happening now or not to come is a denial."""
    first, last = doc.spans[sentence]
    if not any(word(doc, j) in REPORTING_VERBS for j in range(first, last)):
        return None
    for action in action_hits(doc, sentence, domain):
        if domain.role(action.payload) not in _MOVEMENTS:
            continue
        raw = word(doc, action.first)
        lo, _ = clause_span(doc, sentence, action.first, action.last)
        before = [word(doc, j) for j in range(max(lo, action.first - 3), action.first)]
        progressive = raw.endswith("ing") and any(w in ("are", "is") for w in before)
        future = "will" in before or "won" in before
        if (progressive or future) and any(w in NEGATIONS for w in before):
            return max(lo, action.first - 3), action.last
    return None


def _about_the_course(
    doc: Document, sentence: int, hit: Hit[str], status: str, domain: Domain
) -> bool:
    """Whether a status word is said of the commitment's course: a step in the status
    phrase itself, or a course noun, a step word or a milestone's action or reference term
    as its subject or object, in its clause."""
    for action in action_hits(doc, sentence, domain):
        if (
            domain.role(action.payload) in _MOVEMENTS
            and action.first < hit.last
            and hit.first < action.last
        ):
            return True
    lo, hi = clause_span(doc, sentence, hit.first, hit.last, ends=PHRASE_GROUP)
    # What is denied is a whole clause ("denied that the units were preparing to leave");
    # other statuses take a noun phrase.
    reach = _DENIED_REACH if status == "denied" else _OBJECT_REACH
    # The subject opens the clause, however long the phrases after it ("the transfer of the
    # site, which officials had planned for September, has been delayed").
    opening = range(lo, min(lo + _OPENING, hit.first))
    lo, hi = max(lo, hit.first - _SUBJECT_REACH), min(hi, hit.last + reach)
    for j in (*opening, *range(lo, hi)):
        if (j < hit.first or j >= hit.last) and j in course_tokens(doc, sentence, domain):
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


def _course_follows(doc: Document, sentence: int, hit: Hit[str], domain: Domain) -> bool:
    """Whether the commitment's course (a step in the phrase itself, or a course noun, a
    step or a course term) follows a phrase that carries its own negation ("no plans to
    close", "will not extend the deadline"), in its clause."""
    _, hi = clause_span(doc, sentence, hit.first, hit.last, ends=PHRASE_GROUP)
    hi = min(hi, hit.last + _DENIED_REACH)
    # The phrase's own nouns ("no plan to") name no course.
    if any(hit.last <= j < hi for j in course_tokens(doc, sentence, domain)):
        return True
    if any(
        hit.first <= a.first < hi and domain.role(a.payload) != "ending"
        for a in action_hits(doc, sentence, domain)
    ):
        return True
    # Steps count as `action_hits` reads them (a role noun such as "hub" only after a verb
    # of becoming).
    return any(
        h.payload.category in _COURSE_TERMS - {"step"} and hit.last <= h.first < hi
        for h in doc.hits[sentence]
    )


def _names_the_course(doc: Document, sentence: int, hit: Hit[str], domain: Domain) -> bool:
    """Whether a course noun of the packs, or one of the milestone's reference or subject
    terms, is the status word's subject or object in its clause (a step word is not enough:
    "halted the sale of the site" reverses nothing tracked)."""
    lo, hi = clause_span(doc, sentence, hit.first, hit.last, ends=PHRASE_GROUP)
    # The subject opens the clause, however long the phrases after it ("the full pull-out
    # from X that officials promised for September has been called off").
    opening = range(lo, min(lo + _OPENING, hit.first))
    lo, hi = max(lo, hit.first - _SUBJECT_REACH), min(hi, hit.last + _OBJECT_REACH + 3)
    for j in (*opening, *range(lo, hi)):
        if (j < hit.first or j >= hit.last) and j in course_tokens(doc, sentence, domain):
            return True
    return any(
        h.payload.category in ("reference", "subject") and _apart(h, hit) and lo <= h.first < hi
        for h in doc.hits[sentence]
    )


def _apart(a: Hit, b: Hit) -> bool:
    return a.last <= b.first or b.last <= a.first


def _staying_beyond(doc: Document, sentence: int, domain: Domain) -> tuple[int, int, str] | None:
    """ "Staff stayed at the site beyond the September deadline": staying past a date is
    an extension, and so is a plan to stay past a date that has already passed. Returns the
    action's token span and whether it is done or a plan."""
    after = [d for d in doc.dates[sentence] if d.bound == "after"]
    if not after:
        return None
    opens = next(j for j in range(*doc.spans[sentence]) if doc.tokens.ends[j] > after[0].start)
    if opens > doc.spans[sentence][0] and word(doc, opens - 1) in LENGTHS_BEFORE_AFTER:
        return None  # "weeks after the September date": late, not kept on (`timing`)
    for action in action_hits(doc, sentence, domain):
        if (
            domain.role(action.payload) == "stay"
            and action.start < after[0].start
            and not keeps_something_else(doc, sentence, action)
        ):
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
    """ "The last units have pulled out of ...", "X's final units went offline", "shut
    down the last of its units", "handed over X, its last site": the final departure,
    closure or transfer is a completion. Returns
    the token span from "last" to the action (or from the action to "last")."""
    first, last = doc.spans[sentence]
    for i in range(first, last - 1):
        if word(doc, i) not in ("last", "final") or not _opens_last(doc, i, first):
            continue
        lo, end = clause_span(doc, sentence, i, i + 1, ends=PHRASE_GROUP)
        for action in domain.step_index.find(doc.tokens, i + 1, min(end, i + 10)):
            if (
                domain.role(action.payload) in FINAL_ROLES
                and aspect(doc, sentence, action.first, domain) == "done"
            ):
                return i, action.last
        # The action before its object: "switched off the last of its units", "handed over
        # the last of its sites", or before the object the "last" phrase stands beside
        # ("handed over X, its last site, to ..."). Handing over the last place is the end.
        reach = _APPOSITION_REACH if _in_apposition(doc, i, first) else 5
        for action in domain.step_index.find(doc.tokens, max(lo, i - reach), i):
            if (
                domain.role(action.payload) in FINAL_ROLES | {"transfer"}
                and aspect(doc, sentence, action.first, domain) == "done"
            ):
                return action.first, min(end, i + 4)
    return None


# How far back an action may stand from a "last" phrase set beside its object by a comma.
_APPOSITION_REACH = 12


def _in_apposition(doc: Document, i: int, first: int) -> bool:
    """Whether the phrase opened by "last" at `i` ("its last site") follows a comma: it then
    renames the noun before it ("X, its last site,"), the object of a verb further back."""
    start = i - 1 if i > first and word(doc, i - 1) in ("the", "its", "their") else i
    if start <= first:
        return False
    return "," in doc.text[doc.tokens.ends[start - 1] : doc.tokens.starts[start]]


def _opens_last(doc: Document, i: int, first: int) -> bool:
    """ "The last", "its last", "Germany's last": "last" as the first word of a noun phrase."""
    if i == first:
        return True
    before = word(doc, i - 1)
    if before in ("the", "its", "their", "his", "her", "our"):
        return True
    gap = doc.text[doc.tokens.ends[i - 1] : doc.tokens.starts[i]]
    return gap.strip() in ("'s", "’s", "'", "’") or doc.tokens.stems[i - 1] == "s"


def _not_one_at(words: list[str], k: int) -> bool:
    """Whether "not one" or "not a single" starts at `words[k]`."""
    return words[k] == "not" and (
        words[k + 1 : k + 2] == ["one"] or words[k + 1 : k + 3] == ["a", "single"]
    )


def _says_none(before: list[str]) -> bool:
    """Whether the words before a verb give it no subject: "no", "none", "not a single",
    "not one" (and no other "not": "not none of them")."""
    if any(_not_one_at(before, k) for k in range(len(before))):
        return True
    return ("no" in before or "none" in before) and "not" not in before


# Forms of "be" (and "remain") before "left" that make it what is left over.
_LEFT_OVER = frozenset(["are", "is", "were", "was", "remain", "remained", "remains", "been"])


def _none_remain(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """ "No worker has been stationed anywhere in X", "none of the units remain", "no units
    are left at X", "all of them have left", "every one of them was gone": nothing left is
    a completion."""
    first, last = doc.spans[sentence]
    for action in action_hits(doc, sentence, domain):
        role = domain.role(action.payload)
        lo, _ = clause_span(doc, sentence, action.first, action.last)
        before = [word(doc, j) for j in range(max(lo, action.first - 8), action.first)]
        nothing = _says_none(before)
        nothing_left = (
            role == "stay" and nothing and "will" not in before and not is_question(doc, sentence)
        )
        # "No units are left at X": "left" after a form of "be" is what remains, not a move.
        none_left = (
            word(doc, action.first) == "left"
            and action.first - 1 >= lo
            and word(doc, action.first - 1) in _LEFT_OVER
            and nothing
            # The subject's own "no" reads as a negation: anything but a plan is said now.
            and aspect(doc, sentence, action.first, domain) in ("done", "negated")
            and not any(word(doc, j) in HYPOTHETICAL_MARKERS for j in range(first, last))
            and not is_question(doc, sentence)
        )
        all_gone = (
            role in FINAL_ROLES
            and {"all", "every"} & set(before[:3])
            and aspect(doc, sentence, action.first, domain) == "done"
        )
        if nothing_left or none_left or all_gone:
            return max(lo, action.first - 8), action.last
    return (
        _no_term_left(doc, sentence)
        or _no_longer_any(doc, sentence)
        or _left_without(doc, sentence)
    )


def _no_term_left(doc: Document, sentence: int) -> tuple[int, int] | None:
    """ "No units are left on site", "the country has no sites left in
    operation": "no", then a subject or place term of a milestone, then "left" as what is
    left over (after a form of "be", or right after the term), said now and not supposed."""
    first, last = doc.spans[sentence]
    if is_question(doc, sentence) or any(
        word(doc, j) in HYPOTHETICAL_MARKERS or word(doc, j) in ("will", "would")
        for j in range(first, last)
    ):
        return None
    for hit in doc.hits[sentence]:
        if hit.payload.category not in ("subject", "place"):
            continue
        lo = max(first, hit.first - 4)
        before = [word(doc, j) for j in range(lo, hit.first)]
        opening = [lo + k for k, w in enumerate(before) if w == "no" or _not_one_at(before, k)]
        if not opening:
            continue
        k = hit.last
        if k < last and word(doc, k) in _LEFT_OVER:
            k += 1
        if k < last and word(doc, k) == "left":
            return opening[0], k + 1
    return None


def _no_longer_any(doc: Document, sentence: int) -> tuple[int, int] | None:
    """ "X no longer has any units in Y": "no longer" and a verb of having, then "any" and
    a subject term of a milestone."""
    first, last = doc.spans[sentence]
    for j in range(first, last - 3):
        if word(doc, j) != "no" or word(doc, j + 1) != "longer":
            continue
        if word(doc, j + 2) not in ("has", "have", "had") or word(doc, j + 3) != "any":
            continue
        if any(word(doc, k) in ("will", "would", "may", "might", "could") for k in range(first, j)):
            continue  # "will soon no longer have any": a forecast
        for hit in doc.hits[sentence]:
            if hit.payload.category == "subject" and j + 4 <= hit.first <= j + 6:
                return j, hit.last
    return None


# Words between "leaving" and "without": the place left, with its article ("leaving the
# country without ...").
_LEFT_WITHOUT_REACH = 5


def _left_without(doc: Document, sentence: int) -> tuple[int, int] | None:
    """ "... have now departed, leaving X without any units": "leaving" (or "left"), a few
    words, "without" and a subject term of a milestone, in a sentence that says nothing ahead
    or supposed. What is left without its subject has none of it left."""
    first, last = doc.spans[sentence]
    if is_question(doc, sentence) or any(
        word(doc, j) in HYPOTHETICAL_MARKERS or word(doc, j) in _AHEAD_MODALS
        for j in range(first, last)
    ):
        return None
    for j in range(first, last):
        if word(doc, j) != "without":
            continue
        opener = next(
            (
                k
                for k in range(j - 1, max(first, j - _LEFT_WITHOUT_REACH) - 1, -1)
                if word(doc, k) in ("leaving", "left")
            ),
            None,
        )
        if opener is None:
            continue
        for hit in doc.hits[sentence]:
            if hit.payload.category == "subject" and j + 1 <= hit.first <= j + 3:
                between = {word(doc, k) for k in range(j + 1, hit.first)}
                if between & PARTIAL_MARKERS:
                    continue  # "leaving X without some of its units": a part
                return opener, hit.last
    return None


_AHEAD_MODALS = frozenset(["will", "would", "may", "might", "could", "should"])


def _whole_taken(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """ "Took over the whole of X", "assumed control of the entire site": a transfer of all
    of a place, done, completes it."""
    for action in action_hits(doc, sentence, domain):
        if domain.role(action.payload) != "transfer":
            continue
        after = [
            word(doc, j) for j in range(action.last, min(doc.spans[sentence][1], action.last + 4))
        ]
        if WHOLE_MARKERS & set(after) and aspect(doc, sentence, action.first, domain) == "done":
            return action.first, min(doc.spans[sentence][1], action.last + 4)
    return None


# Adverbs that make a departure or a closure whole ("have completely left X", "shut for good").
_WHOLLY_BEFORE = frozenset(["completely", "fully", "entirely", "wholly", "totally", "permanently"])
_WHOLLY_AFTER = frozenset(["for good", "once and for all", "altogether", "completely", "entirely"])
# Words that may stand between such an adverb and its verb ("fully *and finally* left").
_ADVERB_GAP = frozenset(["now", "also", "since", "finally", "and", "been"])


def _wholly_done(doc: Document, sentence: int, domain: Domain) -> tuple[int, int] | None:
    """ "Units have completely left X", "the site was shut for good": a departure or a
    closure reported as done, with an adverb that leaves nothing of it, is a completion."""
    if is_question(doc, sentence):
        return None
    first, last = doc.spans[sentence]
    for action in action_hits(doc, sentence, domain):
        if domain.role(action.payload) not in FINAL_ROLES:
            continue
        if domain.is_action_noun(word(doc, action.first)):
            continue  # "a complete departure": the noun's own adjective, read elsewhere
        j = action.first - 1
        while j >= first and word(doc, j) in _ADVERB_GAP:
            j -= 1
        before = j >= first and word(doc, j) in _WHOLLY_BEFORE
        _, hi = clause_span(doc, sentence, action.first, action.last)
        after = " ".join(word(doc, k) for k in range(action.last, min(hi, action.last + 8)))
        after_hit = any(f" {p} " in f" {after} " for p in _WHOLLY_AFTER)
        if not (before or after_hit):
            continue
        if aspect(doc, sentence, action.first, domain) != "done":
            continue
        if _hypothetical(doc, sentence, action.first):
            continue
        start = j if before else action.first
        end = min(hi, action.last + 8) if after_hit else action.last
        if _partial(doc, sentence, start, end):
            continue  # "a small unit has left X for good": part of the commitment
        return start, end
    return None


_DEFINITE = frozenset(["the", "its", "their", "this", "that", "his", "her", "our"])


def _definite_course(
    doc: Document, sentence: int, a: int, b: int, domain: Domain, reach: int = _OBJECT_REACH
) -> bool:
    """Whether the clause of a status names the commitment's course with a definite noun
    ("the phase-out was pushed back", "its exit is complete"): a sentence that speaks of
    the article's commitment without naming it."""
    lo, hi = clause_span(doc, sentence, a, b, ends=PHRASE_GROUP)
    for j in range(max(lo, a - _SUBJECT_REACH), min(hi, b + reach)):
        if a <= j < b:
            continue
        if j in course_tokens(doc, sentence, domain):
            k = j - 1
            while k >= lo and word(doc, k) not in _DEFINITE and j - k <= 3:
                k -= 1
            if k >= lo and word(doc, k) in _DEFINITE:
                return True
    return False


_SPANS_OF_TIME = frozenset(["year", "years", "month", "months", "decade", "decades", "weeks"])


def _anniversary(doc: Document, sentence: int, a: int) -> bool:
    """Whether a completion is counted from as a date long past: "one year since the last
    unit closed", "on the anniversary of the closure"."""
    first, _ = doc.spans[sentence]
    before = [word(doc, j) for j in range(max(first, a - 8), a)]
    if "anniversary" in before:
        return True
    return any(
        w == "since" and k > 0 and before[k - 1] in _SPANS_OF_TIME for k, w in enumerate(before)
    )


# Auxiliaries of what is to come: "will not be extended", "won't delay".
_TO_COME = frozenset(["will", "won", "shall", "would"])


def _ruled_out_ahead(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """Whether a change is negated in what is to come ("will not be extended", "won't
    delay", "would not be postponed"), not hypothetically or in a question."""
    first, _ = doc.spans[sentence]
    before = [word(doc, j) for j in range(max(first, hit.first - 4), hit.first)]
    if not any(w in _TO_COME for w in before) or not any(w in NEGATIONS for w in before):
        return False
    return not _hypothetical(doc, sentence, hit.first)


# Words that close the noun phrase a completion takes as its object.
_OBJECT_ENDS = frozenset(
    ["after", "before", "despite", "with", "following", "because", "but", "and", "on", "in",
     "at", "by", "than", "when", "while", "as"]
)  # fmt: skip


def _completes_a_change(doc: Document, sentence: int, hit: Hit[str], domain: Domain) -> bool:
    """Whether what a completion completes is a change of the commitment ("completed the
    adoption of the postponement", "finished the extension procedure"): that change is done,
    not the commitment."""
    _, last = doc.spans[sentence]
    changes = [
        h
        for h in domain.status_index.find(doc.tokens, hit.last, min(last, hit.last + 7))
        if h.payload in _CHANGES
    ]
    if not changes:
        return False
    for j in range(hit.last, min(last, hit.last + 7)):
        if (
            word(doc, j) in _OBJECT_ENDS
            or doc.text[doc.tokens.ends[j - 1] : doc.tokens.starts[j]].strip()
        ):
            return False  # "completing the pull-out after a delay": another phrase
        if any(h.first == j for h in changes):
            return True
    return False


def _at_the_time(doc: Document, sentence: int) -> bool:
    """Whether the sentence looks back to a moment long gone ("officials stressed at the
    time that ..."), not to the time of writing."""
    first, last = doc.spans[sentence]
    for j in range(first, last - 2):
        at_the_time = (word(doc, j), word(doc, j + 1), word(doc, j + 2)) == ("at", "the", "time")
        if at_the_time and (j + 3 >= last or word(doc, j + 3) != "of"):
            return True
    return False


def _hypothetical(doc: Document, sentence: int, index: int) -> bool:
    """Whether the clause before token `index` opens with a condition or is asked."""
    if is_question(doc, sentence):
        return True
    lo, _ = clause_span(doc, sentence, index, index + 1)
    return any(word(doc, j) in HYPOTHETICAL_MARKERS for j in range(lo, index))


def _share_done(doc: Document, sentence: int, hit: Hit[str]) -> bool:
    """Whether a completion is said of a share of the work: "half of the pull-out is complete",
    "the retrograde is 90 percent complete"."""
    lo, hi = clause_span(doc, sentence, hit.first, hit.last)
    for j in range(lo, hit.first):
        w = word(doc, j)
        if w in FRACTION_WORDS and (w in ("percent", "cent", "%") or word(doc, j + 1) == "of"):
            return True
    # "completing one of the main steps", "completing part of the transfer".
    for j in range(hit.last, min(hi - 1, hit.last + 3)):
        if word(doc, j) in FRACTION_WORDS | _ONE_OF and word(doc, j + 1) == "of":
            return True
    return False


_ONE_OF = frozenset(["one", "part", "some", "another"])


def _partial(doc: Document, sentence: int, a: int, b: int) -> bool:
    """Whether the clause of a status limits it to part of the commitment ("a small unit",
    "some of", "a residual force")."""
    lo, hi = clause_span(doc, sentence, a, b)
    return any(word(doc, j) in PARTIAL_MARKERS for j in range(lo, hi))


class _NoDomain:
    """A domain without words, for the aspect of verbs that are not step words."""

    @staticmethod
    def is_action_noun(word: str) -> bool:
        return False


_NO_DOMAIN = _NoDomain()  # type: ignore[assignment]
