"""The shell of the milestone state: read the evidence from the store, derive every state.

The caller holds the session. Only the texts of the articles behind each current state are
read (to recognise syndicated copies); the rules are in `derive` and `confirm`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.state.derive import derive_all, support_article_ids
from monitor.state.model import MilestoneState
from monitor.store import events as store


def current_states(
    session: Session, settings: Settings, now: datetime, only: str | None = None
) -> dict[str, MilestoneState]:
    """Every configured milestone's state at `now` (or just `only`'s; ConfigError when it is
    not a configured id), in configuration order."""
    wanted = set(settings.milestone_ids(only))
    milestones = [m for m in settings.milestone_objects() if m.id in wanted]
    evidence = store.evidence(session, wanted)
    needed: set[int] = set()
    for milestone in milestones:
        needed |= support_article_ids(milestone, evidence, now)
    return derive_all(
        milestones,
        evidence,
        now,
        authorities=settings.feed_authorities(),
        texts=store.article_texts(session, needed),
        last_mentions=store.last_mentions(session),
    )
