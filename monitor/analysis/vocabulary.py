"""The milestones' term lists compiled into one phrase index, plus their due spans. Pure.

A configured term may list spellings of one thing separated by "|" ("ain al-qasr | ain
al-kasr | al-qasr"): the first spelling names it in facts and evidence. Categories:

    subject    who or what the commitment is about
    action     what happening to it looks like, as configured
    step       the step words of its domain packs (leave, shut down ...)
    change     the words of a change of status in its packs (postponed, extended ...)
    place      where its steps happen
    reference  phrases that point at the milestone on their own, without a date
    exclude    look-alikes (other programmes, other closures): they cancel a sentence
    context    words one of which the article must contain for any mention to count
               (default: the place terms)
    require    words one of which the article must contain, whatever the rule (default:
               none); e.g. the country a commitment is made from
    ignore     phrases whose words count as no term ("local staff" are not the operator's
               staff); unlike exclude, they do not cancel the sentence

This module compiles; it does not decide what a mention is (`mentions` does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import NamedTuple

from monitor.analysis.date_forms import due_span
from monitor.analysis.domain import Domain, compile_domain
from monitor.analysis.lexicon import NUMBER_WORDS
from monitor.analysis.terms import PhraseIndex, phrase_key
from monitor.types import Milestone


class Term(NamedTuple):
    """One configured term: the milestone it belongs to, its category and canonical name.
    (A named tuple: it is hashed for every hit, and tuples hash fastest.)"""

    milestone: int  # index into Vocabulary.milestones
    category: str
    name: str


class Deadline(NamedTuple):
    """One deadline of a milestone: the configured one (known from its announcement) or a
    revision (known from the day it was made). `first`..`last` is the deadline's month."""

    known_from: date | None
    first: date
    last: date
    day: date
    text: str


@dataclass(frozen=True, slots=True)
class MilestoneSpec:
    """A milestone with what the rules need precomputed: its deadlines (the configured one
    first, then its revisions), its announcement date and its compiled domain words."""

    milestone: Milestone
    due_first: date
    due_last: date
    announced: date | None
    domain: Domain
    deadlines: tuple[Deadline, ...] = ()

    @property
    def id(self) -> str:
        return self.milestone.id


def spellings(term: str) -> list[str]:
    """ "a | b | c" -> ["a", "b", "c"]."""
    return [part.strip().lower() for part in term.split("|") if part.strip()]


class Vocabulary:
    """Every milestone's terms in one index: one pass over a text finds them all."""

    def __init__(self, milestones: Sequence[Milestone]) -> None:
        self.milestones: tuple[MilestoneSpec, ...] = tuple(_spec(m) for m in milestones)
        entries: list[tuple[str, Term]] = []
        for index, spec in enumerate(self.milestones):
            m = spec.milestone
            subjects = m.subject_terms or title_terms(m.title, spec.domain)
            lists = {
                "subject": subjects,
                "action": m.action_terms,
                # The packs' words: steps ("leave", "shut down") and changes ("postponed").
                "step": pack_steps(spec.domain),
                "change": pack_changes(spec.domain),
                "place": m.place_terms,
                "reference": m.references,
                "exclude": m.exclude_terms,
                # What puts an article on the milestone's topic: its context terms, else its
                # places, else (a commitment without places, such as a law) what names it.
                "context": m.context_terms or m.place_terms or (*m.references, *subjects),
                "require": m.require_terms,
                "ignore": m.ignore_terms,
            }
            places = [spellings(t) for t in m.place_terms]
            for category, terms in lists.items():
                for term in terms:
                    forms = spellings(term)
                    if not forms:
                        continue
                    if category == "reference":
                        forms = _with_place_spellings(forms, places)
                    for form in forms:
                        entries.append((form, Term(index, category, forms[0])))
        self.index: PhraseIndex[Term] = PhraseIndex(entries, separable=True)
        # Per milestone, the names of the terms none of whose spellings another milestone
        # lists (its own words): "the capital" is not one milestone's own when the other lists it
        # as a spelling of something else.
        listed: dict[tuple[str, ...], set[int]] = {}
        forms_of: dict[tuple[int, str], set[tuple[str, ...]]] = {}
        for form, term in entries:
            if term.category in OWN_CATEGORIES:
                key = phrase_key(form)
                listed.setdefault(key, set()).add(term.milestone)
                forms_of.setdefault((term.milestone, term.name), set()).add(key)
        self.own_terms: tuple[frozenset[str], ...] = tuple(
            frozenset(
                name
                for (m, name), keys in forms_of.items()
                if m == index and all(listed[k] == {index} for k in keys)
            )
            for index in range(len(self.milestones))
        )
        # The stems of the terms that put an article on topic (`prefilter`).
        self.topic_keys: frozenset[tuple[str, ...]] = frozenset(
            key
            for form, term in entries
            if term.category in TOPIC_CATEGORIES
            for key in (phrase_key(form),)
            if key
        )

    def __len__(self) -> int:
        return len(self.milestones)


def pack_steps(domain: Domain) -> tuple[str, ...]:
    """The step phrases of a milestone's packs: action terms it gets without configuring them."""
    return tuple(dict.fromkeys(p for s in domain.words.steps for p in s.phrases))


def pack_changes(domain: Domain) -> tuple[str, ...]:
    """The phrases of the changes of status (a confirmation or a denial is said of something
    else, so they are none)."""
    return tuple(
        dict.fromkeys(
            p
            for status, phrases in domain.words.status
            if status not in _NOT_ACTIONS
            for p in phrases
        )
    )


def pack_actions(domain: Domain) -> tuple[str, ...]:
    """Every word a milestone's packs give its actions: steps and changes."""
    return tuple(dict.fromkeys([*pack_steps(domain), *pack_changes(domain)]))


_NOT_ACTIONS = frozenset({"confirmed", "denied"})
# Categories whose terms can be a milestone's own words ("Milestones that share words" in
# docs/configuration.md): what it is about and where, not what happens to it.
OWN_CATEGORIES = frozenset({"reference", "context", "place", "subject", "require"})
# Categories one of whose terms an article needs to be on topic at all (`mentions`).
TOPIC_CATEGORIES = frozenset({"context", "place"})
NUMBER_NAMES = frozenset(w for phrase in NUMBER_WORDS for w in phrase.split()) | frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven", "twelve"]
)
# Words of a title that name nothing by themselves.
_TITLE_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "all",
        "every",
        "last",
        "first",
        "final",
        "new",
        "old",
        "more",
        "most",
        "less",
        "than",
        "as",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "until",
        "within",
        "during",
        "between",
        "per",
        "via",
        "up",
        "out",
        "off",
        "down",
    ]
)


def title_terms(title: str, domain: Domain) -> tuple[str, ...]:
    """Subject terms read from a milestone's title when none are configured: the runs of
    words that are neither small words, numbers nor the domain's own step and status words
    ("Acme shuts down its last gas-fired stations" -> "acme", "gas-fired stations")."""
    singles = {phrase_key(p)[0] for p in pack_actions(domain) if len(phrase_key(p)) == 1}
    runs: list[list[str]] = [[]]
    for piece in re.split(r"([,;:()\[\]!?]|\s[-–—]\s)", title.replace("’", "'")):
        if not piece.strip() or re.fullmatch(r"[,;:()\[\]!?]|\s[-–—]\s", piece):
            runs.append([])
            continue
        for raw in piece.split():
            word = raw.strip(".\"'").lower()
            key = phrase_key(word)
            if (
                not key
                or word in _TITLE_STOPWORDS
                or word in NUMBER_NAMES
                or key[0][0].isdigit()
                or key[0] in singles
            ):
                runs.append([])
                continue
            runs[-1].append(raw.strip(".\"'").removesuffix("'s").removesuffix("’s"))
    terms: list[str] = []
    opening = next((r for r in runs if r), None)  # the run the title's first word opens
    for run in (r for r in runs if r):
        terms.append(" ".join(run).lower())
        # A name in a longer run ("Acme Hill gas works"): reports often name the thing alone,
        # so the name counts on its own too (the common words alone would name any other).
        capitals = [w[:1].isupper() for w in run]
        if run is opening and len(run) > 1 and not capitals[1]:
            capitals[0] = False  # "Acme gas works": capitalised as any sentence's first word
        for capital, group in groupby(zip(run, capitals, strict=True), key=lambda p: p[1]):
            words = [w for w, _ in group]
            if capital and len(words) < len(run):
                terms.append(" ".join(words).lower())
    return tuple(t for t in dict.fromkeys(terms) if len(t) > 2)


def _with_place_spellings(forms: list[str], places: list[list[str]]) -> list[str]:
    """A reference naming a place also matches the place's other spellings: "left ain
    al-qasr" finds "left Ain al-Kasr" when the place term lists both."""
    out = list(forms)
    for form in forms:
        for spelled in places:
            for spelling in spelled:
                if len(spelling) > 3 and spelling in form:
                    # Never to a shorter spelling: "programme in north x" must not become
                    # "programme in x", which other programmes share.
                    size = len(phrase_key(spelling))
                    out += [
                        form.replace(spelling, other)
                        for other in spelled
                        if other != spelling and len(phrase_key(other)) >= size
                    ]
    return list(dict.fromkeys(out))


def _spec(m: Milestone) -> MilestoneSpec:
    first, last, day = due_span(m.due)
    announced = date.fromisoformat(m.announced) if m.announced else None
    deadlines = [Deadline(announced, first, last, day, m.due)]
    for revision in m.revisions:
        r_first, r_last, r_day = due_span(revision.due)
        deadlines.append(
            Deadline(date.fromisoformat(revision.on), r_first, r_last, r_day, revision.due)
        )
    return MilestoneSpec(
        milestone=m,
        due_first=first,
        due_last=last,
        announced=announced,
        domain=compile_domain(m.words),
        deadlines=tuple(deadlines),
    )
