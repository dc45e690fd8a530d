"""Write analysis findings with their mentions and status events; read the facts already
delivered.

Callers hold the session (one transaction per unit of work); nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from monitor.state.model import evidence_date
from monitor.store.events import event_rows
from monitor.store.models import Article, KnownFact, MentionRow, StatusEventRow
from monitor.store.models import Finding as FindingRow
from monitor.types import Fact, Finding, Mention


def save_finding(
    session: Session,
    article_id: int,
    finding: Finding,
    now: datetime,
    *,
    keep_delivery: bool = False,
) -> int:
    """Store `finding` for the article, with its mentions and status events, replacing an
    earlier analysis of it; return its id.

    A re-analysed article keeps its delivery marks only if the verdict did not change, so a
    changed article can be reported again but a re-run does not re-report an unchanged one.
    With `keep_delivery` (`monitor reanalyse`: the same text read again) it keeps them in any
    case: what readers had is not sent again.
    """
    old = session.scalars(select(FindingRow).where(FindingRow.article_id == article_id)).first()
    delivered_to, alerted_in = None, None
    if old is not None:
        if keep_delivery or _same_verdict(old, finding):
            delivered_to, alerted_in = old.digest_id, old.alert_digest_id
        session.execute(delete(MentionRow).where(MentionRow.finding_id == old.id))
        session.execute(delete(StatusEventRow).where(StatusEventRow.finding_id == old.id))
        session.delete(old)
        session.flush()
    article = session.get(Article, article_id)
    published = article.published if article is not None else None
    seen = (article.fetched_at or article.created_at) if article is not None else now
    row = FindingRow(
        article_id=article_id,
        relevant=finding.relevant,
        novelty=finding.novelty,
        milestones=list(finding.milestones),
        status_change=finding.status_change,
        repeat_of=finding.repeat_of,
        repeat_similarity=finding.repeat_similarity,
        new_facts=[asdict(f) for f in finding.new_facts],
        known_facts=[asdict(f) for f in finding.known_facts],
        notes=list(finding.notes),
        analysed_at=now,
        digest_id=delivered_to,
        alert_digest_id=alerted_in,
    )
    row.mentions = [mention_row(m) for m in finding.mentions]
    row.events = event_rows(finding.events, published, seen)
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True, slots=True)
class NewFinding:
    """The finding of an article that has none yet (just inserted), with the article's
    publication date and first reading (see `save_finding`)."""

    article_id: int
    finding: Finding
    published: datetime | None
    seen: datetime


def insert_findings(session: Session, rows: Sequence[NewFinding], now: datetime) -> list[int]:
    """Store the findings of articles that have none yet, with their mentions and status
    events; return their ids, in order. Three statements for the lot at most (findings,
    mentions, events: each an executemany), nothing read back or replaced: the poll cycle
    writes its new articles' findings a batch at a time."""
    if not rows:
        return []
    table = FindingRow.__table__
    values = [
        {
            "article_id": row.article_id,
            "relevant": row.finding.relevant,
            "novelty": row.finding.novelty,
            "milestones": list(row.finding.milestones),
            "status_change": row.finding.status_change,
            "repeat_of": row.finding.repeat_of,
            "repeat_similarity": row.finding.repeat_similarity,
            "new_facts": [asdict(f) for f in row.finding.new_facts],
            "known_facts": [asdict(f) for f in row.finding.known_facts],
            "notes": list(row.finding.notes),
            "analysed_at": now,
        }
        for row in rows
    ]
    # Mapped back by article (one finding each): asking the rows back in parameter order
    # would make SQLAlchemy send one INSERT per row on SQLite.
    statement = table.insert().returning(table.c.id, table.c.article_id)
    by_article = {int(a): int(i) for i, a in session.execute(statement, values)}
    ids = [by_article[row.article_id] for row in rows]
    mentions = [
        {
            **{name: getattr(m, name) for name in _MENTION_FIELDS},
            "terms": list(m.terms),
            "finding_id": finding_id,
        }
        for finding_id, row in zip(ids, rows, strict=True)
        for m in row.finding.mentions
    ]
    if mentions:
        session.execute(MentionRow.__table__.insert(), mentions)
    events = [
        {
            "finding_id": finding_id,
            "milestone": e.milestone,
            "kind": e.kind,
            "statement": e.statement,
            "sentence": e.sentence,
            "happened_on": e.happened_on,
            "new_due": e.new_due,
            "partial": e.partial,
            "evidence_on": evidence_date(e.happened_on, row.published, row.seen),
        }
        for finding_id, row in zip(ids, rows, strict=True)
        for e in row.finding.events
    ]
    if events:
        session.execute(StatusEventRow.__table__.insert(), events)
    return ids


# The evidence columns a mention is stored with (all but the row's own keys).
_MENTION_FIELDS = (
    "milestone",
    "sentence",
    "start",
    "end",
    "context",
    "date_text",
    "date_resolved",
    "date_precision",
    "date_bound",
    "rule",
    "score",
)


def mention_row(mention: Mention) -> MentionRow:
    """The row that stores `mention`."""
    values = {name: getattr(mention, name) for name in _MENTION_FIELDS}
    return MentionRow(**values, terms=list(mention.terms))


def mention_from_row(row: MentionRow) -> Mention:
    """The mention a stored row holds."""
    values = {name: getattr(row, name) for name in _MENTION_FIELDS}
    return Mention(**values, terms=tuple(row.terms))


def _same_verdict(old: FindingRow, new: Finding) -> bool:
    return (
        old.relevant == new.relevant
        and old.novelty == new.novelty
        and list(old.milestones) == list(new.milestones)
        and sorted(f["key"] for f in old.new_facts) == sorted(f.key for f in new.new_facts)
    )


def known_fact_keys(session: Session) -> frozenset[tuple[str, str]]:
    """(milestone, key) of every fact already delivered to readers."""
    rows = session.execute(select(KnownFact.milestone, KnownFact.key)).all()
    return frozenset((m, k) for m, k in rows)


def fact_from_dict(data: dict[str, object]) -> Fact:
    """A Fact from its stored JSON form."""
    return Fact(**{k: data.get(k) for k in Fact.__slots__})  # type: ignore[arg-type]
