"""The analysis entry points the pipeline calls: `build_baseline` once, `analyse` per article.

`analyse` reads the article's text once (sentences, tokens, terms, dates), finds the mentions
of each milestone (`mentions`), extracts the facts of the mention sentences and their
neighbours (`facts`), compares them with the baseline and with `known_facts` (facts already
delivered), checks whether the article copies a seed (`repeat`) and decides its novelty
(`novelty`, whose docstring states the rule and the form of `known_facts`).

Relative dates resolve against the article's publication date, or against `now` when it has
none. Pure: no I/O, no clock, no environment.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from monitor.analysis import baseline as baseline_module
from monitor.analysis.baseline import Baseline
from monitor.analysis.clauses import CLAUSE, clause_span
from monitor.analysis.date_forms import month_span
from monitor.analysis.document import Document, read_document
from monitor.analysis.domain import Domain
from monitor.analysis.facts import (
    RawFact,
    action_hits,
    date_facts,
    overlaps_any,
    place_facts,
    quantity_facts,
)
from monitor.analysis.mentions import (
    Found,
    find_mentions,
    has_own_words,
    is_on_topic,
    why_unmatched,
)
from monitor.analysis.novelty import decide, fact_id, normalise_known, status_change
from monitor.analysis.prefilter import OFF_TOPIC
from monitor.analysis.repeat import Shingle, best_repeat, shingles, word_shingles
from monitor.analysis.status import course_tokens, status_facts
from monitor.analysis.timing import deadline_on, timing_facts
from monitor.analysis.vocabulary import Vocabulary
from monitor.seeds import SeedDocument
from monitor.types import Article, Fact, Finding, Mention, Milestone, StatusEvent

# Sentences this early in the body count as the article's lead.
_LEAD_SENTENCES = 3
# Mentions at least this strong name the milestone outright (reference, due date).
_STRONG_MENTION = 0.85
# A sentence of a copy that shares less than this with the seed was added to it.
_ADDED_SENTENCE = 0.5


def build_baseline(seeds: Sequence[SeedDocument], milestones: Sequence[Milestone]) -> Baseline:
    """The baseline for `analyse`; build it once per process."""
    return baseline_module.build(seeds, milestones)


def set_aside(article: Article, baseline: Baseline, *, now: datetime) -> Finding | None:
    """The finding of an article that no rule can match, without analysing it (see
    `prefilter`), or None when the article must be analysed. Its verdict is the analysis's:
    off topic, relevant to nothing, no fact, no event; its notes say why. Unlike `analyse`, it
    does not measure the article's (small) likeness to the seeds: `repeat_similarity` is 0."""
    if not off_topic(article, baseline):
        return None
    notes = []
    if article.published is None:
        notes.append(_undated(now.date()))
    notes.append(OFF_TOPIC)
    return Finding(relevant=False, milestones=(), novelty="none", notes=tuple(notes))


def off_topic(article: Article, baseline: Baseline, headline: str | None = None) -> bool:
    """Whether the analysis will certainly find `article` off topic (`prefilter`): no context
    or place term in its text, its title or `headline` (a title it may take instead)."""
    return not baseline.prefilter.could_match(article.text, article.title, headline)


def _undated(reference: date) -> str:
    return f"no publication date: relative dates resolved against {reference}"


def analyse(
    article: Article,
    baseline: Baseline,
    *,
    known_facts: Iterable[str | tuple[str, str]] = frozenset(),
    now: datetime,
) -> Finding:
    """The verdict on one article: relevance, milestones, novelty, facts and evidence."""
    reference = (article.published or now).date()
    text = article.text or ""
    vocabulary = baseline.vocabulary
    anchor = baseline.event_anchor
    doc = read_document(text, reference, vocabulary, event_anchor=anchor)
    title = read_document(
        article.title or "", reference, vocabulary, is_title=True, event_anchor=anchor
    )
    found = find_mentions(doc, vocabulary, baseline.announced, title.terms_seen)
    known = normalise_known(known_facts)

    article_shingles = word_shingles(doc.words())
    repeat = best_repeat(article_shingles, baseline.seed_shingles(reference))
    # A seed speaks of the commitment: a text naming none of the milestones' places or context
    # is no re-publication of it, whatever words it shares (and `prefilter` relies on it).
    on_topic = is_on_topic(doc.terms_seen | title.terms_seen)
    is_copy = repeat is not None and repeat.is_copy and on_topic

    milestone_ids = [s.id for s in vocabulary.milestones]
    mentioned = sorted({f.milestone for f in found})
    title_found = find_mentions(title, vocabulary, baseline.announced) if title.sentences else []
    title_milestones = {f.milestone for f in title_found}
    raw_by_milestone = {
        m: _facts_for(doc, title, found, m, baseline, m in title_milestones) for m in mentioned
    }
    as_of = reference

    verdict = _Tally(known)
    events: list[StatusEvent] = []
    for m, raws in raw_by_milestone.items():
        for raw in raws:
            fact, in_baseline = _compare(raw, milestone_ids[m], m, baseline, as_of)
            verdict.add(raw, fact, in_baseline)
            if not in_baseline:
                event = _event(raw, fact, doc, title)
                if event is not None:
                    events.append(event)

    lead = bool(title_found) or any(f.sentence < _LEAD_SENTENCES for f in found)
    # A weak fact counts when the milestone leads the article, or when it is said in a
    # sentence that names the milestone outright (a reference or its due date).
    strong_mentions = {f.sentence for f in found if f.score >= _STRONG_MENTION}
    weighty = verdict.strong + [
        fact for fact, raw in verdict.weak if lead or raw.sentence in strong_mentions
    ]
    added_strong = False
    if is_copy and verdict.strong_sentences and repeat is not None:
        seed_shingles = dict(baseline.seed_shingles(reference))[repeat.seed]
        added_strong = any(
            _containment(doc.sentences[i].text, seed_shingles) < _ADDED_SENTENCE
            for i in verdict.strong_sentences
        )
    # A headline that speaks of the milestone makes it the article's news: with nothing else
    # new, it at least confirms the plan (its date, when it gives one) - unless readers had
    # that confirmation already.
    if title_milestones & set(mentioned) and not weighty and not is_copy:
        confirmation = _headline_fact(article.title, title_found, mentioned, milestone_ids)
        if fact_id(confirmation.milestone, confirmation.key) in known:
            verdict.known.append(confirmation)
            verdict.corroborated += 1
        elif not verdict.corroborated:
            verdict.new.append(confirmation)
            weighty.append(confirmation)
    novelty = decide(
        relevant=bool(found),
        is_copy=is_copy,
        new_facts=weighty,
        added_to_copy=added_strong,
    )
    new_facts, known_list, corroborated = verdict.new, verdict.known, verdict.corroborated
    notes: list[str] = []
    if repeat is not None and repeat.shared:
        notes.append(
            f"shares {repeat.shared} shingles with seed {repeat.seed} "
            f"(article in seed {repeat.article_in_seed:.2f}, seed in article "
            f"{repeat.seed_in_article:.2f})"
        )
    if corroborated:
        notes.append(f"corroborates {corroborated} fact(s) already delivered")
    if article.published is None:
        notes.append(_undated(reference))
    if not found:
        notes += why_unmatched(doc, vocabulary, title.terms_seen)
    if novelty == "baseline_repeat":
        new_facts = []
    return Finding(
        relevant=bool(found),
        milestones=tuple(milestone_ids[m] for m in mentioned),
        novelty=novelty,
        mentions=tuple(_mention(doc, f, milestone_ids) for f in found),
        new_facts=tuple(new_facts),
        known_facts=tuple(known_list),
        status_change=status_change(new_facts) if novelty == "new" else None,
        repeat_of=repeat.seed if is_copy and repeat is not None else None,
        events=tuple(events) if novelty != "baseline_repeat" else (),
        repeat_similarity=round(repeat.similarity, 3) if repeat is not None else 0.0,
        notes=tuple(notes),
    )


class _Tally:
    """Facts sorted into new (strong, weak) and known, with the count of corroborations."""

    def __init__(self, delivered: frozenset[str]) -> None:
        self.delivered = delivered
        self.new: list[Fact] = []
        self.known: list[Fact] = []
        self.strong: list[Fact] = []
        self.weak: list[tuple[Fact, RawFact]] = []
        self.strong_sentences: set[int] = set()
        self.corroborated = 0

    def add(self, raw: RawFact, fact: Fact, in_baseline: bool) -> None:
        if in_baseline:
            self.known.append(fact)
        elif fact_id(fact.milestone, fact.key) in self.delivered:
            self.known.append(fact)
            self.corroborated += 1
        else:
            self.new.append(fact)
            if raw.decides and raw.strong:
                self.strong.append(fact)
                if raw.sentence >= 0:
                    self.strong_sentences.add(raw.sentence)
            elif raw.decides:
                self.weak.append((fact, raw))


def _facts_for(
    doc: Document,
    title: Document,
    found: list[Found],
    m: int,
    baseline: Baseline,
    title_mentions: bool,
) -> list[RawFact]:
    since = baseline.since(m)
    domain = baseline.vocabulary.milestones[m].domain
    sentences = [f.sentence for f in found if f.milestone == m]
    raws: list[RawFact] = []
    spec = baseline.vocabulary.milestones[m]
    deadline = deadline_on([(d.known_from, d.day) for d in spec.deadlines], doc.reference)
    leave_places = baseline.leave_places.get(spec.id, frozenset())
    others = [
        deadline_on([(d.known_from, d.day) for d in o.deadlines], doc.reference)
        for k, o in enumerate(baseline.vocabulary.milestones)
        if k != m
    ]
    for i in sentences:
        places = _places(doc, i, m)
        statuses = status_facts(doc, i, domain)
        raws += statuses
        timing = timing_facts(
            doc,
            i,
            domain,
            doc.categories(i, m).get("place", []),
            leave_places,
            deadline,
            {r.key for r in statuses},
            others,
        )
        if any(r.key in _MOVES for r in timing):
            # "gave final approval to the law that moves the start to ...": the approval is
            # of the move, not a confirmation of the plan.
            raws = [r for r in raws if not (r.sentence == i and r.key == "status:confirmed")]
        raws += timing
        steps = place_facts(doc, i, places, domain)
        if any(r.key in _HELD_UP for r in statuses):
            # "the departure from X has been delayed": no step was taken.
            steps = [_as_plan(r) for r in steps]
        raws += steps
        raws += date_facts(doc, i, since)
        raws += quantity_facts(doc, i, domain)
    raws = [r for r in raws if not _anothers_clause(doc, r, m, baseline.vocabulary)]
    raws += _topic_statuses(doc, found, m, domain, baseline.vocabulary)
    # A change dated long before the article is history it recalls, not news it reports.
    # The article's lead for this milestone: its first sentences, and the paragraph where the
    # milestone first appears (a newsletter's or a live blog's item starts there).
    lead = set(range(_LEAD_SENTENCES))
    if sentences:
        start = min(sentences)
        lead |= {
            i
            for i in range(start, len(doc.sentences))
            if doc.paragraphs[i] == doc.paragraphs[start]
        }
    raws = [r for r in raws if not _history(r, doc.reference) and not _recalled(r, doc, lead)]
    if spec.announced and doc.reference < spec.announced:
        # A commitment is neither done, moved nor reversed before it is made: such a change
        # reported before then is another commitment's. Reports of it may be denied already.
        raws = [r for r in raws if r.key not in _BEFORE_MADE]
    # Quantities are often given next to the mention, or in a sentence of their own that
    # names who and where ("About 1,200 of its staff remain, most of them at X").
    counted = {j for s in sentences for j in doc.window(s)}
    counted |= {i for i in range(len(doc.sentences)) if _names_who_and_where(doc, i, m)}
    vocabulary = baseline.vocabulary
    others = [k for k in range(len(vocabulary.milestones)) if k != m]
    for i in sorted(counted - set(sentences)):
        # A quantity next to the mention belongs to another milestone when its sentence
        # names that milestone's own words and none of this one's ("more than 900 staff
        # remain at B" beside a sentence about A).
        if any(has_own_words(doc, vocabulary, i, k) for k in others) and not has_own_words(
            doc, vocabulary, i, m
        ):
            continue
        raws += quantity_facts(doc, i, domain)
    # The headline's facts count when the headline itself speaks of the milestone.
    if title_mentions:
        heads = status_facts(title, 0, domain) + place_facts(title, 0, _places(title, 0, m), domain)
        for raw in heads:
            raws.append(replace(raw, sentence=-1))
    if any(r.key == "status:completed" for r in raws):
        # A completion story: lateness it mentions is how the completion came, not news.
        raws = [r for r in raws if not r.inferred]
    seen: set[str] = set()
    unique: list[RawFact] = []
    for raw in raws:
        if raw.key not in seen:
            seen.add(raw.key)
            unique.append(raw)
    return unique


# Changes that cannot happen to a commitment before it is made.
_BEFORE_MADE = frozenset(
    {"status:completed", "status:delayed", "status:extended", "status:reversed"}
)
# A change that happened this many days before the article is history.
_HISTORY_DAYS = 60


def _anothers_clause(doc: Document, raw: RawFact, m: int, vocabulary: Vocabulary) -> bool:
    """A status said in a clause that names another milestone's own words and none of this
    one's ("with the first phase completed, the role turned to support for the second"):
    it is that milestone's, even where the sentence speaks of both."""
    if raw.kind != "status" or raw.at is None or raw.sentence < 0:
        return False
    lo, hi = clause_span(doc, raw.sentence, *raw.at, ends=CLAUSE)
    others = [k for k in range(len(vocabulary.milestones)) if k != m]
    if _clause_owned(doc, vocabulary, raw.sentence, m, lo, hi):
        return False
    return any(_clause_owned(doc, vocabulary, raw.sentence, k, lo, hi) for k in others)


def _clause_owned(
    doc: Document, vocabulary: Vocabulary, sentence: int, m: int, lo: int, hi: int
) -> bool:
    """Whether tokens [lo, hi) name milestone m's own words, or a date of its due month and
    no other's ("beyond the September date" when only m is due in that September)."""
    if has_own_words(doc, vocabulary, sentence, m, within=(lo, hi)):
        return True
    start, end = doc.tokens.starts[lo], doc.tokens.ends[hi - 1]
    return any(
        start <= d.start < end
        and has_own_words(doc, vocabulary, sentence, m, date_found=d, within=(lo, hi))
        for d in doc.dates[sentence]
    )


def _recalled(raw: RawFact, doc: Document, lead: set[int]) -> bool:
    """A change outside the article's lead that is recalled (past perfect: "the exit had
    been postponed"), or read only against the deadline ("units still at X"): background the
    article restates, not the news it reports. The headline and the lead are news."""
    if raw.kind != "status" or raw.sentence < 0 or raw.sentence in lead:
        return False
    if raw.recalled:
        return True
    return raw.inferred and not _says_now(doc, raw.sentence)


def _says_now(doc: Document, sentence: int) -> bool:
    first, last = doc.spans[sentence]
    return any(doc.word(j) == "now" for j in range(first, last))


# Statuses that move the deadline.
_MOVES = frozenset({"status:delayed", "status:extended"})
# Statuses that say a step did not go ahead as planned (or is only talked about).
_HELD_UP = frozenset(
    {"status:delayed", "status:reversed", "status:denied", "talk:delayed", "talk:reversed"}
)


def _as_plan(raw: RawFact) -> RawFact:
    """A step read as a plan (what was delayed, halted or denied did not happen)."""
    if raw.kind != "step":
        return raw
    return replace(
        raw,
        kind="plan",
        key=raw.key.replace("step:", "plan:", 1),
        statement=f"plan: {raw.statement}",
        strong=False,
        decides=True,
    )


def _history(raw: RawFact, reference: date) -> bool:
    if raw.kind != "status" or not raw.happened_on:
        return False
    first = raw.happened_on.split("/")[-1]
    try:
        if len(first) == 10:
            last = date.fromisoformat(first)
        elif len(first) == 4:
            last = date(int(first), 12, 31)  # a year ("In 2021, officials dismissed ...")
        else:
            year, month = (int(p) for p in first.split("-")[:2])
            last = month_span(year, month)[1]
    except ValueError:
        return False
    return (reference - last).days > _HISTORY_DAYS


def _topic_statuses(
    doc: Document, found: list[Found], m: int, domain: Domain, vocabulary: Vocabulary
) -> list[RawFact]:
    """Changes of status the milestone's article says without a sentence that names it:

    - after the milestone was named, in a sentence that speaks of its course with a definite
      noun ("The phase-out had been due by the end of the year but was pushed back"), when the
      nearest sentence that names a milestone names this one and the sentence holds none of
      its exclude terms;
    - in a sentence that names another milestone of the article with words the two share
      ("the rules were postponed by a year", where both milestones are the rules'
      dates), when it holds none of that milestone's own words and names this milestone's
      subject and one of its places or references."""
    named = {f.sentence for f in found}
    own = sorted(f.sentence for f in found if f.milestone == m)
    if not own:
        return []
    by_sentence: dict[int, set[int]] = {}
    for f in found:
        by_sentence.setdefault(f.sentence, set()).add(f.milestone)
    mentions = sorted(named)
    out: list[RawFact] = []
    for i in range(len(doc.sentences)):
        if i in named and m not in by_sentence[i] and "exclude" not in doc.categories(i, m):
            shared = not any(has_own_words(doc, vocabulary, i, k) for k in by_sentence[i])
            # The sentence must name what this milestone is about and where (its subject, and
            # a place or reference of its own list), not only who acts.
            cats = doc.categories(i, m)
            placeless = not vocabulary.milestones[m].milestone.place_terms
            if (
                shared
                and "subject" in cats
                and ("place" in cats or "reference" in cats or placeless)
            ):
                out += [
                    r
                    for r in status_facts(doc, i, domain)
                    if r.key.startswith("status:") and r.key != "status:confirmed"
                ]
            continue
        if i <= own[0] or i in named or "exclude" in doc.categories(i, m):
            continue
        # The nearest sentence that names a milestone (the earlier one on a tie).
        k = bisect_left(mentions, i)
        before = mentions[k - 1] if k > 0 else None
        after = mentions[k] if k < len(mentions) else None
        nearest = (
            before if after is None or (before is not None and i - before <= after - i) else after
        )
        if m not in by_sentence[nearest]:
            continue
        out += [
            r
            for r in status_facts(doc, i, domain)
            if (
                r.anaphoric
                or _names_own_context(doc, r, m, domain)
                or _denies_a_step(doc, r, domain)
            )
            and r.key.startswith("status:")
            and r.key != "status:confirmed"
        ]
    return out


# Roles of the steps that carry a commitment out.
_CARRYING_OUT = frozenset({"departure", "transfer", "closure", "reduction"})


def _denies_a_step(doc: Document, raw: RawFact, domain: Domain) -> bool:
    """Whether a denial is of a step that carries a commitment out, named after it in its
    sentence ("rejected talk of units being about to quit the capital"): in the milestone's
    article, what is denied is its course."""
    if raw.key != "status:denied" or raw.at is None or raw.recalled:
        return False
    start = raw.at[0]
    return any(
        domain.role(a.payload) in _CARRYING_OUT and start < a.first <= start + _DENIED_STEP_REACH
        for a in action_hits(doc, raw.sentence, domain)
    )


_DENIED_STEP_REACH = 12


def _names_own_context(doc: Document, raw: RawFact, m: int, domain: Domain) -> bool:
    """Whether the clause of a status holds one of the milestone's references or its own
    context terms ("would not request a longer transition" in an article on the end of the
    transition): the commitment named by its own word, without a definite article."""
    if raw.at is None:
        return False
    lo, hi = clause_span(doc, raw.sentence, *raw.at, ends=CLAUSE)
    cats = doc.categories(raw.sentence, m)
    if not any(lo <= h.first < hi for c in ("reference", "context") for h in cats.get(c, [])):
        return False
    if raw.key in ("status:completed", "status:denied"):
        return True
    # A change of time needs a date or the course's noun beside it: "its work has long
    # extended beyond combat in B" moves no date of B.
    start, end = doc.tokens.starts[lo], doc.tokens.ends[hi - 1]
    return any(start <= d.start < end for d in doc.dates[raw.sentence]) or any(
        lo <= j < hi and not raw.at[0] <= j < raw.at[1]
        for j in course_tokens(doc, raw.sentence, domain)
    )


def _event(raw: RawFact, fact: Fact, doc: Document, title: Document) -> StatusEvent | None:
    """The development a status or step fact reports, for the milestone's state."""
    if raw.kind == "status" and raw.key.startswith("status:"):
        kind = raw.key.split(":", 1)[1]
    elif raw.kind == "step" and raw.decides:
        kind = "step"
    else:
        return None
    source = title if raw.sentence < 0 else doc
    sentence = source.sentences[max(raw.sentence, 0)].text if source.sentences else ""
    said = raw.value if kind != "step" else fact.statement
    return StatusEvent(
        fact.milestone,
        kind,  # type: ignore[arg-type]
        said,
        sentence,
        happened_on=raw.happened_on,
        new_due=raw.new_due,
        partial=raw.partial,
    )


def _headline_fact(
    title: str, title_found: list[Found], mentioned: list[int], milestone_ids: list[str]
) -> Fact:
    # The headline confirms a milestone the body speaks of too.
    first = next((f for f in title_found if f.milestone in mentioned), title_found[0])
    when = first.date.resolved if first.date else "plan"
    headline = " ".join(title.split())
    if len(headline) > 100:
        headline = headline[:97].rstrip() + "..."
    return Fact(
        milestone_ids[first.milestone],
        "confirmation",
        f"headline: {headline}",
        f"confirmed:{when}",
    )


def _names_who_and_where(doc: Document, sentence: int, m: int) -> bool:
    categories = doc.categories(sentence, m)
    return "subject" in categories and "place" in categories


def _places(doc: Document, sentence: int, m: int) -> list[tuple[int, int, str]]:
    return [(h.first, h.last, h.payload.name) for h in doc.categories(sentence, m).get("place", ())]


def _compare(raw: RawFact, mid: str, m: int, baseline: Baseline, on: date) -> tuple[Fact, bool]:
    """The fact with its baseline value as known on day `on`, and whether the baseline
    already states it."""
    if raw.kind == "quantity":
        name, value = raw.key.split(":", 1)
        number = float(value.split("-")[0])
        known = baseline.quantity(name, on)
        reference = _closest(known, number)
        fact = Fact(mid, name, _with_baseline(raw.statement, reference), raw.key, reference)
        return fact, number in known
    if raw.kind == "date":
        # A date the baseline gives for any milestone is not a changed date for this one:
        # articles often attach both milestones' dates to one sentence.
        due = baseline.vocabulary.milestones[m].milestone.due
        fact = Fact(mid, "date", _with_baseline(raw.statement, due), raw.key, due)
        spans = baseline.spans_known(on)
        return fact, (raw.span is not None and overlaps_any(raw.span, spans)) or baseline.knows(
            mid, raw.key, on
        )
    known = baseline.knows(mid, raw.key, on)
    staying = raw.kind == "step" and not raw.decides  # a stay: the state of things
    if (raw.kind == "plan" or staying) and not known:
        # A plan the baseline states as a step, or a plan at a place the baseline names.
        place = raw.key.split(":", 2)[2]
        known = baseline.knows(mid, raw.key.replace("plan:", "step:", 1), on) or baseline.knows(
            "", f"place:{place}", on
        )
    return Fact(mid, raw.kind, raw.statement, raw.key), known


def _closest(values: dict[float, str], number: float) -> str | None:
    if not values:
        return None
    best = min(values, key=lambda n: abs(n - number))
    return values[best]


def _with_baseline(statement: str, reference: str | None) -> str:
    return f"{statement} (baseline: {reference})" if reference else statement


def _containment(sentence: str, seed: frozenset[Shingle]) -> float:
    own = shingles(sentence)
    return len(own & seed) / len(own) if own else 1.0


def _mention(doc: Document, f: Found, milestone_ids: list[str]) -> Mention:
    sentence = doc.sentences[f.sentence]
    d = f.date
    return Mention(
        milestone=milestone_ids[f.milestone],
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        context=doc.context(f.sentence),
        date_text=d.text if d else None,
        date_resolved=d.resolved if d else None,
        date_precision=d.precision if d else None,
        date_bound=d.bound if d else None,
        rule=f.rule,
        terms=f.terms,
        score=f.score,
        date_span=(d.start, d.end) if d else None,
        term_spans=f.spans,
    )
