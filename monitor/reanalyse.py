"""Analysis again over the stored article text, after a change of configuration or code:
`monitor reanalyse`. Nothing is fetched.

    stored articles (published since DATE) ──► analyse (as on the day each was first read)
        ──► findings, mentions and status events replaced, a batch per transaction
              ──► the milestones' states before and after, and what changed

Each article is analysed as the pipeline analysed it: relative dates resolve against its
publication date (or the day it was first read), and the facts readers had by then count as
known. Delivery marks are kept, so what readers had is not sent again; only a change of a
milestone's state makes the next cycle alert (see `monitor.state.alerts`).

A batch of `BATCH` articles is one transaction: interrupted (a signal sets `stop`, or the
process is killed), the database holds whole findings, old or new, never half of one, and
running it again finishes the work. The cycle lock is held throughout, so no poll writes
findings meanwhile.

With a milestone, only the articles whose finding concerns it, before or after, are updated
(their whole finding), so a milestone just added to the configuration gets its history
without touching the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.state.load import current_states
from monitor.state.model import MilestoneState
from monitor.store.articles import mark_analysed
from monitor.store.findings import save_finding
from monitor.store.locks import clear_mark, get_mark
from monitor.store.reanalysis import (
    StoredVerdict,
    article_ids_since,
    delivered_facts,
    stored_articles,
    stored_verdicts,
)
from monitor.store.session import session_scope
from monitor.types import Article, Finding

if TYPE_CHECKING:  # the analysis is imported when it runs: it is slow to import
    from monitor.analysis.analyser import Baseline

log = logging.getLogger(__name__)

BATCH = 20
# Set by the migration that introduced status events when findings were already stored;
# cleared by a whole re-analysis.
REANALYSIS_MARK = "reanalysis-needed"
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class FindingChange:
    """An article that now speaks of a milestone (`added`) or no longer does."""

    milestone: str
    added: bool
    url: str
    title: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class StateChange:
    milestone: str
    before: MilestoneState
    after: MilestoneState


@dataclass(frozen=True, slots=True)
class ReanalyseReport:
    """What a re-analysis did. `locked_by` is set when another cycle held the lock (nothing
    was done); `interrupted` when it stopped before the end."""

    total: int = 0
    done: int = 0
    updated: int = 0
    changed: int = 0
    errors: int = 0
    interrupted: bool = False
    locked_by: str | None = None
    changes: tuple[FindingChange, ...] = ()
    state_changes: tuple[StateChange, ...] = ()
    states: dict[str, MilestoneState] = field(default_factory=dict)


def reanalyse(
    settings: Settings,
    engine: Engine,
    *,
    clock: Callable[[], datetime],
    since: datetime | None = None,
    milestone: str | None = None,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> ReanalyseReport:
    """Analyse the stored articles again and store the new findings, under the cycle lock
    (see the module docstring). Raises ConfigError for a milestone id not configured."""
    from monitor.cycle import cycle_lock

    settings.milestone_ids(milestone)
    with cycle_lock(engine, clock) as holder:
        if holder is not None:
            return ReanalyseReport(locked_by=holder)
        return run_reanalysis(
            settings,
            engine,
            clock=clock,
            since=since,
            milestone=milestone,
            stop=stop,
            progress=progress,
        )


def reanalysis_needed(engine: Engine) -> bool:
    """Whether findings were stored before status events existed (see migration 0002)."""
    return get_mark(engine, REANALYSIS_MARK) is not None


def run_reanalysis(
    settings: Settings,
    engine: Engine,
    *,
    clock: Callable[[], datetime],
    since: datetime | None = None,
    milestone: str | None = None,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> ReanalyseReport:
    """`reanalyse` for a caller that holds the cycle lock (a cycle after an upgrade)."""
    from monitor.analysis.analyser import build_baseline
    from monitor.seeds import load_seeds

    now = clock()
    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    with session_scope(engine) as session:
        before = current_states(session, settings, now)
        ids = article_ids_since(session, since)
        facts = delivered_facts(session)
    tally = _Tally()
    interrupted = False
    for start in range(0, len(ids), BATCH):
        if stop is not None and stop.is_set():
            interrupted = True
            break
        chunk = ids[start : start + BATCH]
        with session_scope(engine) as session:  # one transaction: whole findings, old or new
            _batch(session, chunk, baseline, facts, milestone, now, tally, settings)
        tally.done += len(chunk)
        if progress is not None:
            progress(tally.done, len(ids))
    with session_scope(engine) as session:
        after = current_states(session, settings, now)
    if not interrupted and since is None and milestone is None:
        clear_mark(engine, REANALYSIS_MARK)
    return ReanalyseReport(
        total=len(ids),
        done=tally.done,
        updated=tally.updated,
        changed=tally.changed,
        errors=tally.errors,
        interrupted=interrupted,
        changes=tuple(tally.changes),
        state_changes=_state_changes(before, after),
        states=after,
    )


@dataclass
class _Tally:
    done: int = 0
    updated: int = 0
    changed: int = 0
    errors: int = 0
    changes: list[FindingChange] = field(default_factory=list)


def _batch(
    session: Session,
    ids: list[int],
    baseline: Baseline,
    facts: list[tuple[str, str, datetime]],
    milestone: str | None,
    now: datetime,
    tally: _Tally,
    settings: Settings,
) -> None:
    """Analyse the articles `ids` again and replace their findings, in the caller's session.
    The text analysed and the mentions kept are capped as in a poll (`analysis_limits`)."""
    from monitor.analysis.analyser import analyse
    from monitor.bounded import cap_mentions, cap_text

    limits = settings.analysis_limits

    old = stored_verdicts(session, ids)
    for item in stored_articles(session, ids):
        # As on the day it was first read: the facts readers had by then are known.
        known = frozenset((m, k) for m, k, at in facts if at < item.seen)
        article, _cut = cap_text(item.article, limits.max_text_chars)
        try:
            finding = analyse(article, baseline, known_facts=known, now=item.seen)
            finding, _had = cap_mentions(finding, limits.max_mentions)
        except Exception:
            # A bug in the analysis must surface, but not cost the other articles their turn.
            log.exception("analysis failed url=%s", item.article.url)
            tally.errors += 1
            continue
        previous = old.get(item.id)
        if milestone is not None and not _concerns(previous, finding, milestone):
            continue
        found = _changes(previous, finding, milestone, item.article)
        tally.changes.extend(found)
        if found or not _same(previous, finding):
            tally.changed += 1
        save_finding(session, item.id, finding, now, keep_delivery=True)
        mark_analysed(session, item.id, now)
        tally.updated += 1


def _concerns(previous: StoredVerdict | None, finding: Finding, milestone: str) -> bool:
    named = set(finding.milestones) | {e.milestone for e in finding.events}
    if previous is not None:
        named |= set(previous.milestones) | {e.milestone for e in previous.events}
    return milestone in named


def _changes(
    previous: StoredVerdict | None, finding: Finding, only: str | None, article: Article
) -> list[FindingChange]:
    before = set(previous.milestones) if previous and previous.relevant else set()
    after = set(finding.milestones) if finding.relevant else set()
    found = []
    for milestone in sorted(before ^ after):
        if only is not None and milestone != only:
            continue
        found.append(
            FindingChange(
                milestone=milestone,
                added=milestone in after,
                url=article.url or "",
                title=article.title,
                published=article.published,
            )
        )
    return found


def _same(previous: StoredVerdict | None, finding: Finding) -> bool:
    if previous is None:
        return False
    return (
        previous.relevant == finding.relevant
        and previous.milestones == tuple(finding.milestones)
        and previous.novelty == finding.novelty
        and sorted(map(repr, previous.events)) == sorted(map(repr, finding.events))
    )


def _state_changes(
    before: dict[str, MilestoneState], after: dict[str, MilestoneState]
) -> tuple[StateChange, ...]:
    """The milestones whose state, date or confirmation changed (new ones included)."""
    changed = []
    for milestone, state in after.items():
        old = before.get(milestone)
        if old is None or (old.state, old.since, old.confirmed) != (
            state.state,
            state.since,
            state.confirmed,
        ):
            changed.append(StateChange(milestone, old or state, state))
    return tuple(changed)
