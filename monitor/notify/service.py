"""Entry points for the scheduler and the CLI: compose alerts and digests, send the outbox.

    compose_due_alerts(engine, settings, now) -> [digest id, …]
    compose_digest(engine, settings, now, period_start=None) -> digest id | None
    send_pending(engine, settings, now, ignore_backoff=False, stop=None) -> DeliveryReport
    preview(engine, settings, now) -> [(Digest, RenderedDigest), …]   (writes nothing)

Each compose step reads what is pending, composes (pure), renders with the alerts/ templates,
and stores the digest with its deliveries in one transaction (see `outbox`). A step that finds
its findings taken by a concurrent run stores nothing and returns nothing for them.

The digest period runs from the end of the previous periodic digest (or, for the first one,
from the oldest pending finding, at most `FIRST_PERIOD` back) to `now`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from monitor.config import Settings
from monitor.notify.channels import Channel
from monitor.notify.compose import compose
from monitor.notify.model import Digest, PendingFinding
from monitor.notify.outbox import DeliveryReport, deliver_due
from monitor.notify.render import RenderedDigest, Renderer
from monitor.store import digests as store
from monitor.store.findings import known_fact_keys
from monitor.store.session import session_scope

__all__ = [
    "DeliveryReport",
    "compose_digest",
    "compose_due_alerts",
    "preview",
    "send_pending",
]

log = logging.getLogger(__name__)

FIRST_PERIOD = timedelta(days=7)


def compose_due_alerts(engine: Engine, settings: Settings, now: datetime) -> list[int]:
    """Store an immediate alert for each status change not yet alerted; return their ids."""
    if not settings.digest.immediate_alerts:
        return []
    ids = []
    for digest, rendered in _alerts(engine, settings, now):
        digest_id = _store(engine, settings, digest, rendered)
        if digest_id is not None:
            ids.append(digest_id)
    return ids


def compose_digest(
    engine: Engine, settings: Settings, now: datetime, period_start: datetime | None = None
) -> int | None:
    """Store the periodic digest of everything pending; None when there is nothing to send
    (an empty period, unless `digest.send_empty`, or a digest already made for it)."""
    made = _periodic(engine, settings, now, period_start)
    if made is None:
        return None
    return _store(engine, settings, *made)


def send_pending(
    engine: Engine,
    settings: Settings,
    now: datetime,
    *,
    ignore_backoff: bool = False,
    channels: Mapping[str, Channel] | None = None,
    stop: threading.Event | None = None,
) -> DeliveryReport:
    """Send every delivery that is due (every unsent one with `ignore_backoff`); `stop` ends
    the attempts in hand (their outcome recorded) and leaves the rest for later."""
    return deliver_due(
        engine, settings, now, ignore_backoff=ignore_backoff, channels=channels, stop=stop
    )


def preview(
    engine: Engine, settings: Settings, now: datetime
) -> list[tuple[Digest, RenderedDigest]]:
    """What compose_due_alerts and compose_digest would make now, without storing anything."""
    made = _alerts(engine, settings, now) if settings.digest.immediate_alerts else []
    alerted = {i for digest, _ in made for i in digest.finding_ids}
    periodic = _periodic(engine, settings, now, None, alerted_now=alerted)
    return [*made, *([periodic] if periodic else [])]


def _alerts(
    engine: Engine, settings: Settings, now: datetime
) -> list[tuple[Digest, RenderedDigest]]:
    with session_scope(engine) as session:
        findings = store.pending_findings(session, for_alert=True)
        if not findings:
            return []
        known = known_fact_keys(session)
        start = store.last_period_end(session) or now - FIRST_PERIOD
        feeds = store.feed_health(session, start, now)
        latest = store.latest_developments(session, [m.id for m in settings.milestones])
    groups: dict[tuple[str, str], list[PendingFinding]] = {}
    for f in findings:
        if _already_known(f, known):
            continue  # the change was delivered before: the periodic digest mentions it
        milestone = f.finding.milestones[0] if f.finding.milestones else ""
        groups.setdefault((milestone, f.finding.status_change or ""), []).append(f)
    renderer = Renderer(settings.templates_dir)
    made = []
    for group in groups.values():
        digest = compose(
            group,
            settings.milestone_objects(),
            feeds,
            now,
            kind="alert",
            period_start=start,
            known_facts=known,
            latest=latest,
        )
        made.append((digest, renderer.render(digest)))
    return made


def _already_known(f: PendingFinding, known: frozenset[tuple[str, str]]) -> bool:
    facts = f.finding.new_facts
    return bool(facts) and all((x.milestone, x.key) in known for x in facts)


def _periodic(
    engine: Engine,
    settings: Settings,
    now: datetime,
    period_start: datetime | None,
    alerted_now: set[int] | frozenset[int] = frozenset(),
) -> tuple[Digest, RenderedDigest] | None:
    with session_scope(engine) as session:
        findings = store.pending_findings(session)
        if alerted_now:  # preview: findings an alert would take first count as alerted
            findings = [_as_alerted(f) if f.finding_id in alerted_now else f for f in findings]
        if not findings and not settings.digest.send_empty:
            return None
        start = period_start or store.last_period_end(session) or _first_start(findings, now)
        feeds = store.feed_health(session, start, now)
        known = known_fact_keys(session)
        latest = store.latest_developments(session, [m.id for m in settings.milestones])
    digest = compose(
        findings,
        settings.milestone_objects(),
        feeds,
        now,
        kind="digest",
        period_start=start,
        known_facts=known,
        latest=latest,
    )
    if digest.is_empty:
        with session_scope(engine) as session:
            if store.digest_id_for_key(session, digest.key) is not None:
                return None  # one "nothing new" message per day
    return digest, Renderer(settings.templates_dir).render(digest)


def _as_alerted(f: PendingFinding) -> PendingFinding:
    return PendingFinding(
        finding_id=f.finding_id,
        url=f.url,
        title=f.title,
        outlet=f.outlet,
        published=f.published,
        analysed_at=f.analysed_at,
        text=f.text,
        finding=f.finding,
        alerted=True,
    )


def _first_start(findings: Sequence[PendingFinding], now: datetime) -> datetime:
    oldest = min((f.analysed_at for f in findings), default=now)
    return max(oldest, now - FIRST_PERIOD) if findings else now - timedelta(days=1)


def _store(
    engine: Engine, settings: Settings, digest: Digest, rendered: RenderedDigest
) -> int | None:
    channels = settings.channels.enabled_names()
    try:
        with session_scope(engine) as session:
            digest_id = store.create_digest(
                session,
                key=digest.key,
                kind=digest.kind,
                created_at=digest.generated_at,
                period_start=digest.period_start,
                period_end=digest.period_end,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                slack=rendered.slack,
                finding_ids=list(digest.finding_ids),
                channels=channels,
            )
    except store.DigestConflict as exc:
        log.info("digest not stored reason=%s", exc)
        return None
    except IntegrityError:  # the key was taken by a concurrent run between check and insert
        log.info("digest not stored key=%s reason=concurrent run", digest.key)
        return None
    log.info(
        "digest composed id=%d kind=%s findings=%d stories=%d channels=%s",
        digest_id,
        digest.kind,
        len(digest.finding_ids),
        digest.story_count,
        ",".join(channels),
    )
    return digest_id
