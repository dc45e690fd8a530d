"""Write analysis findings with their mentions and status events; read the facts already
delivered.

Callers hold the session (one transaction per unit of work); nothing here commits.
"""

from __future__ import annotations

from dataclasses import asdict
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


def insert_finding(
    session: Session,
    article_id: int,
    finding: Finding,
    now: datetime,
    *,
    published: datetime | None,
    seen: datetime,
) -> int:
    """Store the finding of an article that has none yet (just inserted), with its mentions
    and status events; return its id. Core statements, three at most (the finding, its
    mentions, its events): nothing to read back or replace, and the poll cycle writes one
    per new article. `published` and `seen` are the article's (see `save_finding`)."""
    table = FindingRow.__table__
    values = {
        "article_id": article_id,
        "relevant": finding.relevant,
        "novelty": finding.novelty,
        "milestones": list(finding.milestones),
        "status_change": finding.status_change,
        "repeat_of": finding.repeat_of,
        "repeat_similarity": finding.repeat_similarity,
        "new_facts": [asdict(f) for f in finding.new_facts],
        "known_facts": [asdict(f) for f in finding.known_facts],
        "notes": list(finding.notes),
        "analysed_at": now,
    }
    finding_id = int(session.execute(table.insert().returning(table.c.id), values).scalar_one())
    if finding.mentions:
        session.execute(
            MentionRow.__table__.insert(),
            [
                {
                    **{name: getattr(m, name) for name in _MENTION_FIELDS},
                    "terms": list(m.terms),
                    "finding_id": finding_id,
                }
                for m in finding.mentions
            ],
        )
    if finding.events:
        session.execute(
            StatusEventRow.__table__.insert(),
            [
                {
                    "finding_id": finding_id,
                    "milestone": e.milestone,
                    "kind": e.kind,
                    "statement": e.statement,
                    "sentence": e.sentence,
                    "happened_on": e.happened_on,
                    "new_due": e.new_due,
                    "partial": e.partial,
                    "evidence_on": evidence_date(e.happened_on, published, seen),
                }
                for e in finding.events
            ],
        )
    return finding_id


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
