"""Frozen dataclasses passed between the stages: sources → extract → analysis → store → notify.

Nothing here does I/O or validation; untrusted input is validated in `monitor.config` (pydantic)
and by the parsers before it becomes one of these. ORM rows never leave `monitor.store`: its
queries return these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Novelty = Literal["new", "background", "baseline_repeat", "none"]
NOVELTY_CLASSES: tuple[Novelty, ...] = ("new", "background", "baseline_repeat", "none")

# A change of a milestone's status that warrants an immediate alert.
StatusChange = Literal["completed", "delayed", "extended", "reversed", "denied", "confirmed"]
# What an article reports of one milestone, for the milestone's state: a status change, or a
# step of the commitment taken (something moved, closed, was handed over) short of completing it.
EventKind = Literal["completed", "delayed", "extended", "reversed", "denied", "confirmed", "step"]
EVENT_KINDS: tuple[EventKind, ...] = (
    "completed",
    "delayed",
    "extended",
    "reversed",
    "denied",
    "confirmed",
    "step",
)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, as parsed from the bytes we fetched.

    `key` is the entry's stable identity within its feed (a hash of the GUID, with fallbacks);
    `url` is the canonical article URL (tracking parameters and fragment stripped), or None.
    `content_hash` changes when the item's title, summary or link change.
    """

    key: str
    guid: str | None
    link: str | None
    url: str | None
    title: str
    summary: str
    published: datetime | None
    publisher: str | None = None
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """The text we analyse, with its metadata.

    `origin` says where the text came from: "page" (extracted from the fetched page),
    "summary" (the feed's title and summary, when the page could not be had), "file" or
    "stdin" (monitor check).
    """

    url: str | None
    title: str
    text: str
    published: datetime | None
    origin: str = "page"
    author: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None


# What a step does to the commitment, whatever words a domain uses for it. The analysis knows
# these roles; domain packs (config/packs/*.yaml) map their words onto them.
StepRole = Literal[
    "departure",  # leaving a place: "to X" after it is a destination, "the last ... left" completes
    "arrival",  # reaching a place
    "transfer",  # handing a place or a thing over
    "stay",  # staying put: reported, never a step; staying past the due date extends it
    "reduction",  # scaling down
    "closure",  # closing, shutting down: "the last ... shut down" completes
    "ending",  # ending something (too common a verb to show the course on its own)
    "growth",  # building up, restarting
    "progress",  # a stage of a procedure passed (adopted, approved, published)
]
STEP_ROLES: tuple[str, ...] = (
    "departure",
    "arrival",
    "transfer",
    "stay",
    "reduction",
    "closure",
    "ending",
    "growth",
    "progress",
)
# Roles whose last occurrence completes the commitment ("the last units left", "the last
# reactors were shut down").
FINAL_ROLES = frozenset({"departure", "closure"})


@dataclass(frozen=True, slots=True)
class StepWords:
    """One family of step words of a domain: its name, role, phrases and how a digest words
    a step taken ("left") or planned ("to leave")."""

    family: str
    role: str
    phrases: tuple[str, ...]
    done: str = ""
    planned: str = ""


@dataclass(frozen=True, slots=True)
class QuantityWords:
    """A quantity that matters for a commitment: counted `nouns` ("2,500 troops"), or `units`
    with their factor to the quantity's own unit (("mw", 1.0), ("gw", 1000.0)); `modifiers`
    may stand between the number and the noun, `collectives` are nouns a number follows
    ("cut the force to about 2,000")."""

    name: str
    nouns: tuple[str, ...] = ()
    units: tuple[tuple[str, float], ...] = ()
    modifiers: tuple[str, ...] = ()
    collectives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DomainWords:
    """The words of a commitment's field, from its domain packs and its own additions: how a
    status change, a step, the commitment's course and its quantities are worded. Hashable,
    so milestones with the same words share one compiled index."""

    packs: tuple[str, ...] = ()
    status: tuple[tuple[str, tuple[str, ...]], ...] = ()
    steps: tuple[StepWords, ...] = ()
    process_nouns: tuple[str, ...] = ()
    action_nouns: tuple[str, ...] = ()
    role_nouns: tuple[str, ...] = ()
    place_fillers: tuple[str, ...] = ()
    # Decisions that do not yet settle a change ("voted", "provisional agreement"): a change
    # decided by one of them is still a plan (one stage of a procedure).
    pending_decisions: tuple[str, ...] = ()
    quantities: tuple[QuantityWords, ...] = ()


@dataclass(frozen=True, slots=True)
class DueRevision:
    """A later change of a milestone's deadline, known from `on` (YYYY-MM-DD): the new `due`
    (YYYY-MM or YYYY-MM-DD)."""

    on: str
    due: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Milestone:
    """A tracked commitment, as the analysis sees it (built from the configuration).

    `due` is "YYYY-MM" or "YYYY-MM-DD"; `revisions` are later changes of it. The term lists are lower-case phrases; their meaning is documented in
    config/monitor.yaml next to the default milestones. `announced` ("YYYY-MM-DD") is when the
    commitment was made: steps dated before it are history, not news (default: the date of the
    newest baseline document).
    """

    id: str
    title: str
    description: str
    due: str
    subject_terms: tuple[str, ...] = ()
    action_terms: tuple[str, ...] = ()
    place_terms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    context_terms: tuple[str, ...] = ()
    require_terms: tuple[str, ...] = ()
    ignore_terms: tuple[str, ...] = ()
    announced: str | None = None
    words: DomainWords = DomainWords()
    revisions: tuple[DueRevision, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence (with its neighbours as context) that speaks of a milestone.

    Offsets are character offsets of `sentence` in the analysed text. `date_text` is the date
    phrase as written and `date_resolved` its resolution as an ISO string ("2025-09",
    "2025-09-30", "2026"), with `date_precision` ("day", "month", "season", "year") and
    `date_bound` ("by", "until", "at_least", "through", "no_later_than", or None). `rule` and
    `terms` say why it matched, `score` how strongly. `date_span` and `term_spans` are the
    character spans, in the analysed text, of the date phrase and of the matched terms (for
    highlighting the evidence).
    """

    milestone: str
    sentence: str
    start: int
    end: int
    context: str = ""
    date_text: str | None = None
    date_resolved: str | None = None
    date_precision: str | None = None
    date_bound: str | None = None
    rule: str = ""
    terms: tuple[str, ...] = ()
    score: float = 0.0
    date_span: tuple[int, int] | None = None
    term_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """A short statement about a milestone, normalised so that repeats can be recognised.

    `key` is the normalised identity ("troops:<2000", "place:erbil:arrive", "status:completed");
    `baseline` says what the baseline stated for the same quantity, where it stated one.
    """

    milestone: str
    kind: str
    statement: str
    key: str
    baseline: str | None = None


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One development of one milestone, as an article reports it (realised, not planned).

    `kind`: completed, delayed, extended, reversed, denied (a denial of reports of a change:
    kept in the history, it never becomes the change denied), confirmed (the plan or its date
    confirmed), or step (part of the commitment carried out). `statement` is the short clause a
    reader sees, `sentence` the whole evidence sentence. `happened_on` is the date the text gives
    for the event itself ("on 18 January" -> "2026-01-18"), ISO, or None: the evidence date is
    then the article's publication date. `new_due` is the new deadline a delay or an extension
    states ("2026-09", "2026-01-15"), or None. `partial`: only part of the commitment is
    concerned ("a small unit stays beyond the deadline").
    """

    milestone: str
    kind: EventKind
    statement: str
    sentence: str = ""
    happened_on: str | None = None
    new_due: str | None = None
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """The article-level verdict of the analysis."""

    relevant: bool
    milestones: tuple[str, ...]
    novelty: Novelty
    mentions: tuple[Mention, ...] = ()
    new_facts: tuple[Fact, ...] = ()
    known_facts: tuple[Fact, ...] = ()
    status_change: StatusChange | None = None
    repeat_of: str | None = None
    # Per milestone, what happened (see StatusEvent); `status_change` is the article's headline
    # change among them, for the immediate alert.
    events: tuple[StatusEvent, ...] = ()
    repeat_similarity: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)
