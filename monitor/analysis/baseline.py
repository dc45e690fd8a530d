"""The baseline: what the seed documents and the milestones' own configuration already state,
and from when. Pure.

Built once per process from the seeds and the milestones (`build`), then read by every
analysis. Knowledge is dated: a seed is known from its publication date, a milestone's
description and deadline from its announcement, a revision of a deadline from the day it was
made. An article is judged against what was known on the day it appeared (`as_of`), so an
article published before a seed is judged without it, and a backfill of old articles gives
the same verdicts as reading them on the day.

It holds, per seed, the sentences and their shingles (for re-publication checks), and the
facts stated, as `monitor.types.Fact` with `milestone` "" when they belong to no single
milestone:

    date            every date phrase ("September 2025", "until at least September 2026")
    <quantity>      quantities a milestone's domain declares ("about 2,500 staff")
    place           configured places the seeds name
    commitment      the sentences that state a milestone's plan ("... will end in 2025")
    status, step, plan   what the mention sentences say happened or will happen, with keys as in
                    `facts`, so an article repeating them is not news

Nothing here touches files or the clock: the seeds arrive already read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from monitor.analysis.document import Document, read_document
from monitor.analysis.facts import action_hits, date_facts, place_facts, quantity_facts
from monitor.analysis.mentions import find_mentions
from monitor.analysis.prefilter import Prefilter, build_prefilter
from monitor.analysis.repeat import Shingle, shingles
from monitor.analysis.status import status_facts
from monitor.analysis.vocabulary import Vocabulary
from monitor.seeds import SeedDocument
from monitor.types import Fact, Milestone

# Roles of the steps that carry a commitment out at a place (leave it, hand it over, close it).
_LEAVING_ROLES = frozenset({"departure", "transfer", "closure"})
# Known "since always": a milestone without an announcement date states its plan from the start.
_ALWAYS = date.min


@dataclass(frozen=True, slots=True)
class SeedText:
    """One seed as the analysis sees it."""

    seed: SeedDocument
    document: Document
    shingles: frozenset[Shingle]


@dataclass(frozen=True)
class Baseline:
    """Everything the baseline states, with the day from which each thing is known."""

    milestones: tuple[Milestone, ...]
    vocabulary: Vocabulary
    seeds: tuple[SeedText, ...]
    announced: date  # default announcement date: the newest seed's
    facts: tuple[Fact, ...]
    # (milestone id, fact key) -> the day it is known from; milestone "" for any milestone.
    keys: dict[tuple[str, str], date] = field(default_factory=dict)
    # quantity name -> value -> (phrase as written, known from)
    quantities: dict[str, dict[float, tuple[str, date]]] = field(default_factory=dict)
    # milestone id -> (first day, last day, phrase, known from) of the dates said of it
    date_spans: dict[str, tuple[tuple[date, date, str, date], ...]] = field(default_factory=dict)
    place_keys: dict[str, date] = field(default_factory=dict)  # plan and step keys, any milestone
    # milestone id -> the places its plan leaves, hands over or closes (from its description)
    leave_places: dict[str, frozenset[str]] = field(default_factory=dict)

    def knows(self, milestone: str, key: str, on: date | None = None) -> bool:
        """Whether the baseline states the fact for this milestone, or for none in particular,
        as known on day `on` (None: whatever it ever states). Places in a plan are shared: one
        milestone's plan is the other's context."""
        for known in (
            self.keys.get((milestone, key)),
            self.keys.get(("", key)),
            self.place_keys.get(key) if key.startswith(("plan:", "step:")) else None,
        ):
            if known is not None and (on is None or known <= on):
                return True
        return False

    def quantity(self, name: str, on: date | None = None) -> dict[float, str]:
        """The values of a quantity the baseline states, known on day `on`: value -> phrase."""
        return {
            value: phrase
            for value, (phrase, known) in self.quantities.get(name, {}).items()
            if on is None or known <= on
        }

    def spans_known(self, on: date | None = None) -> list[tuple[date, date]]:
        """The spans of every date the baseline gives for any milestone, known on day `on`."""
        return [
            (first, last)
            for spans in self.date_spans.values()
            for first, last, _, known in spans
            if on is None or known <= on
        ]

    def seed_shingles(self, on: date | None = None) -> tuple[tuple[str, frozenset[Shingle]], ...]:
        """(seed id, shingles) of the seeds published by day `on`."""
        return tuple(
            (s.seed.id, s.shingles) for s in self.seeds if on is None or s.seed.published <= on
        )

    @cached_property
    def prefilter(self) -> Prefilter:
        """The test that sets aside articles no rule can match (`prefilter`), built once."""
        return build_prefilter(self.vocabulary.topic_keys)

    @property
    def event_anchor(self) -> date | None:
        """The day the commitments were made (the earliest announcement), for spans counted
        from it ("within 14 months of the agreement")."""
        days = [s.announced for s in self.vocabulary.milestones if s.announced]
        return min(days) if days else (self.announced if self.announced != date.min else None)

    def since(self, milestone: int) -> date:
        spec = self.vocabulary.milestones[milestone]
        return spec.announced or self.announced


def build(seeds: Sequence[SeedDocument], milestones: Sequence[Milestone]) -> Baseline:
    vocabulary = Vocabulary(milestones)
    announced = max((s.published for s in seeds), default=date.min)
    texts: list[SeedText] = []
    facts: dict[tuple[str, str], Fact] = {}
    known: dict[tuple[str, str], date] = {}
    quantities: dict[str, dict[float, tuple[str, date]]] = {}
    spans: dict[str, list[tuple[date, date, str, date]]] = {m.id: [] for m in milestones}

    def add(fact: Fact, on: date) -> None:
        facts.setdefault((fact.milestone, fact.key), fact)
        pair = (fact.milestone, fact.key)
        known[pair] = min(known.get(pair, on), on)

    def add_quantity(raw_key: str, phrase: str, on: date) -> None:
        name, value = raw_key.split(":", 1)
        number = float(value.split("-")[0])
        values = quantities.setdefault(name, {})
        if number not in values or on < values[number][1]:
            values[number] = (phrase, on)

    for spec in vocabulary.milestones:
        for deadline in spec.deadlines:
            on = deadline.known_from or spec.announced or _ALWAYS
            spans[spec.id].append((deadline.first, deadline.last, deadline.text, on))

    domains = {id(spec.domain): spec.domain for spec in vocabulary.milestones}
    for seed in seeds:
        on = seed.published
        doc = read_document(seed.text, seed.published, vocabulary, all_dates=True)
        texts.append(SeedText(seed, doc, shingles(seed.text)))
        for i in range(len(doc.sentences)):
            for domain in domains.values():
                for raw in quantity_facts(doc, i, domain):
                    add_quantity(raw.key, raw.value, on)
                    add(Fact("", raw.key.split(":")[0], raw.statement, raw.key), on)
            for phrase in doc.dates[i]:
                add(
                    Fact("", "date", f"date: {phrase.text} ({seed.id})", f"date:{phrase.resolved}"),
                    on,
                )
            for hit in doc.hits[i]:
                term = hit.payload
                if term.category == "place":
                    add(Fact("", "place", f"place: {term.name}", f"place:{term.name}"), on)
        for found in find_mentions(doc, vocabulary, announced):
            spec = vocabulary.milestones[found.milestone]
            mid, i = spec.id, found.sentence
            since = spec.announced or announced
            if not found.done:
                add(Fact(mid, "commitment", doc.sentences[i].text, f"commitment:{seed.id}:{i}"), on)
            places = _places(doc, i, found.milestone)
            for raw in [
                *status_facts(doc, i, spec.domain),
                *place_facts(doc, i, places, spec.domain),
            ]:
                add(Fact(mid, raw.kind, raw.statement, raw.key), on)
            for phrase in doc.dates[i]:
                if phrase.first >= since or phrase.last >= since:
                    spans[mid].append((phrase.first, phrase.last, phrase.text, on))

    # The milestones' own descriptions state the plan: their places and dates are baseline
    # from the announcement on.
    leave_places: dict[str, frozenset[str]] = {}
    for m, spec in enumerate(vocabulary.milestones):
        on = spec.announced or _ALWAYS
        leaving: set[str] = set()
        text = ". ".join(
            t.strip().rstrip(".") for t in (spec.milestone.title, spec.milestone.description) if t
        )
        doc = read_document(text + ".", spec.announced or announced, vocabulary)
        for i in range(len(doc.sentences)):
            for raw in place_facts(doc, i, _places(doc, i, m), spec.domain):
                key = raw.key.replace("step:", "plan:", 1)
                add(Fact(spec.id, "plan", raw.statement, key), on)
                _, family, place = key.split(":", 2)
                if spec.domain.role(family) in _LEAVING_ROLES:
                    leaving.add(place)
            # A description is the plan in a sentence or two: every place it names goes with
            # every action it names, however far apart they are written.
            families = {hit.payload for hit in action_hits(doc, i, spec.domain)}
            if i == 0 and any(spec.domain.role(f) in _LEAVING_ROLES for f in families):
                # The title names what the plan leaves or closes ("X shuts down A, B and C").
                leaving.update(place for _, _, place in _places(doc, i, m))
            for _, _, place in _places(doc, i, m):
                for family in sorted(families):
                    add(
                        Fact(spec.id, "plan", f"plan: {family} {place}", f"plan:{family}:{place}"),
                        on,
                    )
            for raw in date_facts(doc, i, date.min):
                add(Fact(spec.id, "date", raw.statement, raw.key), on)
            for phrase in doc.dates[i]:
                spans[spec.id].append((phrase.first, phrase.last, phrase.text, on))
        # Without a description that says which places it leaves, every place of the
        # milestone is one its plan leaves.
        leave_places[spec.id] = frozenset(leaving) or frozenset(
            term.split("|")[0].strip().lower() for term in spec.milestone.place_terms
        )
        # A revision of the deadline states the new date from the day it was made.
        for deadline in spec.deadlines[1:]:
            when = deadline.known_from or on
            add(Fact(spec.id, "date", f"date: {deadline.text}", f"date:{deadline.text}"), when)

    place_keys: dict[str, date] = {}
    for (_, key), on in known.items():
        if key.startswith(("plan:", "step:")):
            place_keys[key] = min(place_keys.get(key, on), on)
    return Baseline(
        milestones=tuple(milestones),
        vocabulary=vocabulary,
        seeds=tuple(texts),
        announced=announced,
        facts=tuple(facts.values()),
        keys=known,
        quantities=quantities,
        date_spans={k: tuple(v) for k, v in spans.items()},
        place_keys=place_keys,
        leave_places=leave_places,
    )


def _places(doc: Document, sentence: int, milestone: int) -> list[tuple[int, int, str]]:
    return [
        (h.first, h.last, h.payload.name)
        for h in doc.hits[sentence]
        if h.payload.milestone == milestone and h.payload.category == "place"
    ]
