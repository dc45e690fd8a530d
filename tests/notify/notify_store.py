"""Write articles, findings, feeds and poll events straight into the store, as the polling and
analysis stages would, so the digest tests need neither."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select

from monitor.notify.model import PendingFinding
from monitor.store.findings import save_finding
from monitor.store.models import Article, Delivery, Digest, Feed, KnownFact, PollEvent
from monitor.store.models import Finding as FindingRow
from monitor.store.session import session_scope


def store_finding(engine: Engine, item: PendingFinding) -> int:
    """Insert the article of `item` and its finding; return the finding id."""
    with session_scope(engine) as session:
        article = Article(
            url=item.url,
            title=item.title,
            text=item.text,
            published=item.published,
            site_name=item.outlet,
            origin="page",
            fetched_at=item.analysed_at,
            analysed_at=item.analysed_at,
            created_at=item.analysed_at,
        )
        session.add(article)
        session.flush()
        return save_finding(session, article.id, item.finding, item.analysed_at)


def store_findings(engine: Engine, items: list[PendingFinding]) -> list[int]:
    return [store_finding(engine, item) for item in items]


def store_feed(
    engine: Engine,
    name: str,
    now: datetime,
    events: list[tuple[datetime, str, str | None]] = (),  # type: ignore[assignment]
) -> int:
    """A feed row and its poll events: (at, outcome, error)."""
    with session_scope(engine) as session:
        feed = Feed(name=name, url=f"https://feeds.example/{name}", created_at=now, tags=[])
        session.add(feed)
        session.flush()
        for at, outcome, error in events:
            session.add(PollEvent(feed_id=feed.id, at=at, outcome=outcome, error=error))
        ok = [at for at, outcome, _ in events if outcome in ("ok", "not_modified")]
        feed.last_polled_at = max((at for at, _, _ in events), default=None)
        feed.last_success_at = max(ok, default=None)
        return feed.id


def deliveries(engine: Engine) -> list[dict[str, object]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(Delivery).order_by(Delivery.id)).all()
        return [
            {
                "digest_id": r.digest_id,
                "channel": r.channel,
                "state": r.state,
                "attempts": r.attempts,
                "next_attempt_at": r.next_attempt_at,
                "last_error": r.last_error,
                "response": r.response,
                "parts_sent": r.parts_sent,
            }
            for r in rows
        ]


def digest_count(engine: Engine, kind: str | None = None) -> int:
    with session_scope(engine) as session:
        query = select(func.count()).select_from(Digest)
        if kind:
            query = query.where(Digest.kind == kind)
        return session.scalar(query) or 0


def digest_marks(engine: Engine) -> dict[int, tuple[int | None, int | None]]:
    """finding id -> (digest_id, alert_digest_id)."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(FindingRow.id, FindingRow.digest_id, FindingRow.alert_digest_id)
        ).all()
        return {i: (d, a) for i, d, a in rows}


def known_facts(engine: Engine) -> set[tuple[str, str]]:
    with session_scope(engine) as session:
        return {(m, k) for m, k in session.execute(select(KnownFact.milestone, KnownFact.key))}
