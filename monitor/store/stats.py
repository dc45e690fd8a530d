"""Counts over the store for health and metrics: read-only, cheap aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from monitor.store.models import Article, Delivery, Feed, Finding, PollEvent
from monitor.store.session import session_scope


@dataclass(frozen=True, slots=True)
class StoreCounts:
    polls: dict[str, int]
    articles: int
    findings: dict[str, int]
    deliveries: dict[tuple[str, str], int]
    feeds: int
    feeds_failing: int


def store_counts(engine: Engine) -> StoreCounts:
    with session_scope(engine) as session:
        polls = dict(
            session.execute(
                select(PollEvent.outcome, func.count()).group_by(PollEvent.outcome)
            ).all()
        )
        findings = dict(
            session.execute(select(Finding.novelty, func.count()).group_by(Finding.novelty)).all()
        )
        deliveries = {
            (channel, state): count
            for channel, state, count in session.execute(
                select(Delivery.channel, Delivery.state, func.count()).group_by(
                    Delivery.channel, Delivery.state
                )
            ).all()
        }
        return StoreCounts(
            polls=polls,
            articles=session.scalar(select(func.count()).select_from(Article)) or 0,
            findings=findings,
            deliveries=deliveries,
            feeds=session.scalar(select(func.count()).select_from(Feed).where(Feed.enabled)) or 0,
            feeds_failing=session.scalar(
                select(func.count())
                .select_from(Feed)
                .where(Feed.enabled, Feed.consecutive_failures > 0)
            )
            or 0,
        )
