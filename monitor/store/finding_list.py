"""Read stored findings for `monitor findings`: the analysed articles, with their verdicts.

Read-only. Rows are streamed a batch at a time and leave as `ListedFinding` dataclasses; only
the columns the command prints are read (never an article's text or raw page), so memory
stays flat however long the history is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from monitor.store.events import event_from_row
from monitor.store.models import Article, MentionRow, StatusEventRow, UTCDateTime
from monitor.store.models import Finding as FindingRow
from monitor.types import StatusEvent

# Rows fetched per round trip; the mentions and events of one batch are read together.
BATCH = 500


@dataclass(frozen=True, slots=True)
class ListedMention:
    """What the listing shows of a mention: its milestone, sentence and date phrase."""

    milestone: str
    sentence: str
    date_text: str | None
    date_resolved: str | None


@dataclass(frozen=True, slots=True)
class ListedFinding:
    """An analysed article and its verdict (`finding_id` None: analysed, no finding stored)."""

    article_id: int
    url: str
    title: str
    published: datetime | None
    analysed_at: datetime | None
    finding_id: int | None
    relevant: bool
    novelty: str
    milestones: tuple[str, ...]
    status_change: str | None
    mentions: tuple[ListedMention, ...]
    new_facts: tuple[str, ...]  # what each new fact says (its statement)
    digest_id: int | None
    alert_digest_id: int | None
    events: tuple[StatusEvent, ...] = ()


def iter_findings(
    session: Session,
    *,
    include_all: bool = False,
    since: datetime | None = None,
    milestone: str | None = None,
    novelty: str | None = None,
    limit: int | None = None,
) -> Iterator[ListedFinding]:
    """Relevant findings, newest first by the article's date (its publication, else when it was
    analysed); with `include_all`, every analysed article. Streamed: the session must stay
    open while the caller iterates.

    `since` keeps the articles dated at or after it, `milestone` those with a mention of it,
    `novelty` those of that class (every analysed article is then a candidate: a
    re-publication need not be relevant); `limit` keeps the first so many.
    """
    when = func.coalesce(Article.published, FindingRow.analysed_at, Article.analysed_at)
    query = select(
        Article.id.label("article_id"),
        Article.url,
        Article.title,
        Article.published,
        FindingRow.id.label("finding_id"),
        FindingRow.relevant,
        FindingRow.novelty,
        # JSON as text, decoded here once per distinct value (see `_Decoded`).
        cast(FindingRow.milestones, Text).label("milestones"),
        FindingRow.status_change,
        cast(FindingRow.new_facts, Text).label("new_facts"),
        # The finding's time, else (no finding stored) the article's: one value to read.
        type_coerce(
            func.coalesce(FindingRow.analysed_at, Article.analysed_at), UTCDateTime()
        ).label("analysed_at"),
        FindingRow.digest_id,
        FindingRow.alert_digest_id,
    ).outerjoin(FindingRow, FindingRow.article_id == Article.id)
    if include_all or novelty is not None:
        query = query.where((Article.analysed_at.is_not(None)) | (FindingRow.id.is_not(None)))
    else:
        query = query.where(FindingRow.relevant.is_(True))
    if novelty == "none":
        query = query.where((FindingRow.novelty == "none") | FindingRow.id.is_(None))
    elif novelty is not None:
        query = query.where(FindingRow.novelty == novelty)
    if since is not None:
        query = query.where(when >= since)
    if milestone is not None:
        mentioned = select(MentionRow.finding_id).where(MentionRow.milestone == milestone)
        query = query.where(FindingRow.id.in_(mentioned))
    query = query.order_by(when.desc().nulls_last(), Article.id.desc())
    if limit is not None:
        query = query.limit(limit)
    # Core rows on the session's connection: plain tuples, no ORM loading per row.
    connection = session.connection()
    result = connection.execute(query.execution_options(yield_per=BATCH))
    decoded = (_Decoded(_milestones), _Decoded(_statements))
    for batch in result.partitions():
        ids = [row.finding_id for row in batch if row.finding_id is not None]
        mentions = _mentions(connection, ids)
        events = _events(connection, ids)
        for row in batch:
            yield _listed(tuple(row), mentions, events, decoded)


def _milestones(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _statements(text: str) -> tuple[str, ...]:
    return tuple(fact.get("statement") for fact in json.loads(text))


class _Decoded:
    """A JSON column's text decoded by `decode`, each distinct text once: most findings share
    a handful of milestone lists and have no new facts, so most rows cost a lookup."""

    def __init__(self, decode: Callable[[str], tuple[str, ...]]) -> None:
        self._decode = decode
        self._seen: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str | None) -> tuple[str, ...]:
        if text is None:
            return ()
        found = self._seen.get(text)
        if found is None:
            found = self._decode(text)
            if len(self._seen) < 1000:  # a bound: the long texts are rarely repeated
                self._seen[text] = found
        return found


def _listed(
    row: tuple[Any, ...],
    mentions: dict[int, list[ListedMention]],
    events: dict[int, list[StatusEvent]],
    decoded: tuple[_Decoded, _Decoded],
) -> ListedFinding:
    (article_id, url, title, published, finding_id, relevant, novelty,
     milestones, status_change, new_facts, analysed_at, digest_id, alert_digest_id) = row  # fmt: skip
    if finding_id is None:  # analysed, no finding stored
        return ListedFinding(
            article_id=article_id,
            url=url,
            title=title,
            published=published,
            analysed_at=analysed_at,
            finding_id=None,
            relevant=False,
            novelty="none",
            milestones=(),
            status_change=None,
            mentions=(),
            new_facts=(),
            digest_id=None,
            alert_digest_id=None,
        )
    return ListedFinding(
        article_id=article_id,
        url=url,
        title=title,
        published=published,
        analysed_at=analysed_at,
        finding_id=finding_id,
        relevant=bool(relevant),
        novelty=novelty,
        milestones=decoded[0](milestones),
        status_change=status_change,
        mentions=tuple(mentions.get(finding_id, ())),
        new_facts=decoded[1](new_facts),
        digest_id=digest_id,
        alert_digest_id=alert_digest_id,
        events=tuple(events.get(finding_id, ())),
    )


def _mentions(connection: Connection, ids: Sequence[int]) -> dict[int, list[ListedMention]]:
    """The mentions of the findings `ids`, in the order of their sentences."""
    found: dict[int, list[ListedMention]] = defaultdict(list)
    if not ids:
        return found
    rows = connection.execute(
        select(
            MentionRow.finding_id,
            MentionRow.milestone,
            MentionRow.sentence,
            MentionRow.date_text,
            MentionRow.date_resolved,
        )
        .where(MentionRow.finding_id.in_(ids))
        .order_by(MentionRow.finding_id, MentionRow.start, MentionRow.id)
    ).all()
    for finding_id, milestone, sentence, date_text, date_resolved in rows:
        found[finding_id].append(ListedMention(milestone, sentence, date_text, date_resolved))
    return found


def _events(connection: Connection, ids: Sequence[int]) -> dict[int, list[StatusEvent]]:
    """The status events of the findings `ids`, in the order they were stored."""
    found: dict[int, list[StatusEvent]] = defaultdict(list)
    if not ids:
        return found
    rows = connection.execute(
        select(
            StatusEventRow.finding_id,
            StatusEventRow.milestone,
            StatusEventRow.kind,
            StatusEventRow.statement,
            StatusEventRow.sentence,
            StatusEventRow.happened_on,
            StatusEventRow.new_due,
            StatusEventRow.partial,
        )
        .where(StatusEventRow.finding_id.in_(ids))
        .order_by(StatusEventRow.finding_id, StatusEventRow.id)
    ).all()
    for row in rows:
        found[row.finding_id].append(event_from_row(row))  # type: ignore[arg-type]
    return found
