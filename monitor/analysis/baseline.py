"""The baseline: what the seed documents and the milestones' own descriptions already state.

Built once per process from the seeds and the milestones (`build`), then read by every
analysis. It holds, per seed, the sentences and their shingles (for re-publication checks),
and the facts stated, as `monitor.types.Fact` with `milestone` "" when they belong to no
single milestone:

    date            every date phrase ("September 2025", "until at least September 2026")
    troops          quantities of people in uniform ("about 2,500 service members")
    place           configured places the seeds name ("Baghdad")
    organisation    named bodies (acronyms such as "CJTF-OIR", "ISF"; "the Kurdish Peshmerga")
    commitment      the sentences that state a milestone's plan ("... will end in September 2025")
    status, step, plan   what the mention sentences say happened or will happen, with keys as in
                    `facts`, so an article repeating them is not news

Pure: the seeds arrive already read; nothing here touches files or the clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from monitor.analysis.document import Document, read_document
from monitor.analysis.facts import action_hits, date_facts, place_facts, troop_facts
from monitor.analysis.mentions import find_mentions
from monitor.analysis.repeat import Shingle, shingles
from monitor.analysis.status import status_facts
from monitor.analysis.vocabulary import Vocabulary
from monitor.seeds import SeedDocument
from monitor.types import Fact, Milestone

# Acronyms ("ISF", "CJTF-OIR") and capitalised names after "the" ("the Kurdish Peshmerga",
# "the Joint Operations Command"), as written.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]{2,})*\b")
_NAME_AFTER_THE = re.compile(
    r"\bthe\s+((?:[A-Z][\w’'\-]+)(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'\-]+){0,5})"
)
_NOT_ORGANISATIONS = frozenset(
    ["US", "USA", "UK", "UN", "EU", "AM", "PM", "TV", "II", "III", "IV", "ISIS", "ISIL"]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SeedText:
    """One seed as the analysis sees it."""

    seed: SeedDocument
    document: Document
    shingles: frozenset[Shingle]


@dataclass(frozen=True)
class Baseline:
    """Everything the baseline states, indexed for `analyse`."""

    milestones: tuple[Milestone, ...]
    vocabulary: Vocabulary
    seeds: tuple[SeedText, ...]
    announced: date  # default announcement date: the newest seed's
    facts: tuple[Fact, ...]
    # (milestone id, fact key) pairs the baseline states; milestone "" for any milestone.
    keys: frozenset[tuple[str, str]]
    troops: dict[int, str] = field(default_factory=dict)  # number -> phrase as written
    date_spans: dict[str, tuple[tuple[date, date, str], ...]] = field(default_factory=dict)
    place_keys: frozenset[str] = frozenset()  # plan and step keys, whatever the milestone

    def knows(self, milestone: str, key: str) -> bool:
        """Whether the baseline states the fact for this milestone, or for none in particular.
        Places in a plan are shared: one milestone's plan is the other's context."""
        if (milestone, key) in self.keys or ("", key) in self.keys:
            return True
        return key.startswith(("plan:", "step:")) and key in self.place_keys

    @property
    def seed_shingles(self) -> tuple[tuple[str, frozenset[Shingle]], ...]:
        return tuple((s.seed.id, s.shingles) for s in self.seeds)

    def since(self, milestone: int) -> date:
        spec = self.vocabulary.milestones[milestone]
        return spec.announced or self.announced


def build(seeds: Sequence[SeedDocument], milestones: Sequence[Milestone]) -> Baseline:
    vocabulary = Vocabulary(milestones)
    announced = max((s.published for s in seeds), default=date.min)
    texts: list[SeedText] = []
    facts: dict[tuple[str, str], Fact] = {}
    troops: dict[int, str] = {}
    spans: dict[str, list[tuple[date, date, str]]] = {m.id: [] for m in milestones}

    def add(fact: Fact) -> None:
        facts.setdefault((fact.milestone, fact.key), fact)

    for spec in vocabulary.milestones:
        spans[spec.id].append((spec.due_first, spec.due_last, spec.milestone.due))

    for seed in seeds:
        doc = read_document(seed.text, seed.published, vocabulary, all_dates=True)
        texts.append(SeedText(seed, doc, shingles(seed.text)))
        origin = f"{seed.id}"
        for i, sentence in enumerate(doc.sentences):
            for raw in troop_facts(doc, i):
                number = int(raw.key.split(":")[1].split("-")[0])
                troops.setdefault(number, raw.value)
                add(Fact("", "troops", raw.statement, raw.key))
            for phrase in doc.dates[i]:
                add(Fact("", "date", f"date: {phrase.text} ({origin})", f"date:{phrase.resolved}"))
            for hit in doc.hits[i]:
                term = hit.payload
                if term.category == "place":
                    add(Fact("", "place", f"place: {term.name}", f"place:{term.name}"))
            for name in _organisations(sentence.text):
                add(
                    Fact(
                        "", "organisation", f"organisation: {name}", f"organisation:{name.lower()}"
                    )
                )
        for found in find_mentions(doc, vocabulary, announced):
            spec = vocabulary.milestones[found.milestone]
            mid, i = spec.id, found.sentence
            since = spec.announced or announced
            if not found.done:
                text = doc.sentences[i].text
                add(Fact(mid, "commitment", text, f"commitment:{seed.id}:{i}"))
            places = _places(doc, i, found.milestone)
            for raw in [*status_facts(doc, i), *place_facts(doc, i, places)]:
                add(Fact(mid, raw.kind, raw.statement, raw.key))
            for phrase in doc.dates[i]:
                if phrase.first >= since or phrase.last >= since:
                    spans[mid].append((phrase.first, phrase.last, phrase.text))

    # The milestones' own descriptions state the plan: their places and dates are baseline.
    for m, spec in enumerate(vocabulary.milestones):
        text = ". ".join(
            t.strip().rstrip(".") for t in (spec.milestone.title, spec.milestone.description) if t
        )
        doc = read_document(text + ".", spec.announced or announced, vocabulary)
        for i in range(len(doc.sentences)):
            for raw in place_facts(doc, i, _places(doc, i, m)):
                key = raw.key.replace("step:", "plan:", 1)
                add(Fact(spec.id, "plan", raw.statement, key))
            # A description is the plan in a sentence or two: every place it names goes with
            # every action it names, however far apart they are written.
            families = {hit.payload for hit in action_hits(doc, i)}
            for _, _, place in _places(doc, i, m):
                for family in sorted(families):
                    add(Fact(spec.id, "plan", f"plan: {family} {place}", f"plan:{family}:{place}"))
            for raw in date_facts(doc, i, date.min):
                add(Fact(spec.id, "date", raw.statement, raw.key))
            for phrase in doc.dates[i]:
                spans[spec.id].append((phrase.first, phrase.last, phrase.text))

    return Baseline(
        milestones=tuple(milestones),
        vocabulary=vocabulary,
        seeds=tuple(texts),
        announced=announced,
        facts=tuple(facts.values()),
        keys=frozenset(facts),
        place_keys=frozenset(k for _, k in facts if k.startswith(("plan:", "step:"))),
        troops=troops,
        date_spans={k: tuple(v) for k, v in spans.items()},
    )


def _places(doc: Document, sentence: int, milestone: int) -> list[tuple[int, int, str]]:
    return [
        (h.first, h.last, h.payload.name)
        for h in doc.hits[sentence]
        if h.payload.milestone == milestone and h.payload.category == "place"
    ]


def _organisations(sentence: str) -> list[str]:
    names: list[str] = []
    for match in _ACRONYM.finditer(sentence):
        name = match.group()
        if name not in _NOT_ORGANISATIONS and not name.isdigit() and name not in names:
            names.append(name)
    for match in _NAME_AFTER_THE.finditer(sentence):
        name = match.group(1)
        # Two capitalised words at least ("the Kurdish Peshmerga"); one is as likely an
        # adjective ("the Iraqi government").
        if name not in names and len(name.split()) >= 2:
            names.append(name)
    return names
