"""Entry points for the scheduler and the CLI: compose alerts and digests, send the outbox.

    compose_due_alerts(engine, settings, now) -> [digest id, …]      (state alerts)
    compose_coverage_notice(engine, settings, now) -> digest id | None
    compose_digest(engine, settings, now, period_start=None) -> digest id | None
    send_pending(engine, settings, now, ignore_backoff=False, stop=None) -> DeliveryReport
    preview(engine, settings, now) -> [(Digest, RenderedDigest), …]   (writes nothing)

Each compose step reads what is pending and where each milestone stands (`monitor.state`),
composes (pure), renders with the alerts/ templates, and stores the digest with its
deliveries in one transaction (see `outbox`). A step that finds its findings taken by a
concurrent run stores nothing and returns nothing for them.

Alerts are driven by the milestones' states: a state that changed (or became confirmed),
a deadline near, a milestone overdue, a milestone gone silent; each reason goes out once (the
store records what each alert told in the alert's own transaction). The articles behind a
new state travel with its alert and are listed as "sent earlier as alerts" in the next digest.

The digest period runs from the end of the previous periodic digest (or, for the first one,
from the oldest finding it carries: its publication date, else when it was analysed) to `now`.
Re-publications of the baseline are named by the seed document's title and outlet.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from monitor.config import Settings
from monitor.errors import ConfigError
from monitor.notify import outage
from monitor.notify.compose import compose
from monitor.notify.message import Channel
from monitor.notify.model import Digest, OutageFeed, PendingFinding
from monitor.notify.outbox import DeliveryReport, deliver_due
from monitor.notify.render import RenderedDigest, Renderer
from monitor.state.alerts import DueAlert, due_alerts
from monitor.state.load import current_states
from monitor.store import digests as store
from monitor.store.feeds import enabled_feed_count, failing_feeds
from monitor.store.findings import known_fact_keys
from monitor.store.session import session_scope
from monitor.store.state_alerts import record_alert, sent_marks

__all__ = [
    "DeliveryReport",
    "compose_coverage_notice",
    "compose_digest",
    "compose_due_alerts",
    "preview",
    "send_pending",
]

log = logging.getLogger(__name__)

FIRST_PERIOD = timedelta(days=7)


def compose_due_alerts(engine: Engine, settings: Settings, now: datetime) -> list[int]:
    """Store the state alerts that are due (see `monitor.state.alerts`); return their ids."""
    if not settings.digest.immediate_alerts:
        return []
    ids = []
    for alert, digest, rendered in _alerts(engine, settings, now):
        digest_id = _store(engine, settings, digest, rendered, alert)
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


def compose_coverage_notice(engine: Engine, settings: Settings, now: datetime) -> int | None:
    """Store a coverage alert when most feeds have been failing for a while, or its recovery
    notice when they are back (see `monitor.notify.outage`); None when neither is due."""
    config = settings.digest
    after = timedelta(hours=config.coverage_alert_after_hours)
    with session_scope(engine) as session:
        failing = [
            OutageFeed(f.name, f.since, f.failed_polls, f.last_error, f.last_success_at)
            for f in failing_feeds(session)
        ]
        total = enabled_feed_count(session)
        last = store.last_coverage_notice(session)
    episode_start = last[1] if last is not None and last[0] == "outage" else None
    kind = outage.decide(
        failing,
        total,
        episode_open=episode_start is not None,
        share=config.coverage_alert_share,
        after=after,
        now=now,
    )
    if kind is None:
        return None
    back: list[str] = []
    with session_scope(engine) as session:
        health = store.feed_health(session, episode_start or now - after, now)
        if kind == "recovery" and episode_start is not None:
            back = store.feeds_back(session, episode_start)
    digest = outage.compose_notice(
        kind,
        failing,
        total,
        health,
        after=after,
        now=now,
        episode_start=episode_start,
        back=back,
    )
    digest_id = _store(engine, settings, digest, Renderer(settings.templates_dir).render(digest))
    if digest_id is not None:
        log.warning(
            "coverage %s feeds_failing=%d feeds=%d digest=%d",
            "alert" if kind == "outage" else "recovered",
            len(failing),
            total,
            digest_id,
        )
    return digest_id


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
    alerted = {i for _, digest, _ in made for i in digest.finding_ids}
    periodic = _periodic(engine, settings, now, None, alerted_now=alerted)
    return [*((d, r) for _, d, r in made), *([periodic] if periodic else [])]


def _alerts(
    engine: Engine, settings: Settings, now: datetime
) -> list[tuple[DueAlert, Digest, RenderedDigest]]:
    """The state alerts due now, composed and rendered. Each carries, as stories, the reports
    behind the state it tells that no digest or alert has carried yet."""
    digest_settings = settings.digest
    with session_scope(engine) as session:
        states = current_states(session, settings, now)
        due = due_alerts(
            list(states.values()),
            sent_marks(session),
            now,
            deadline_days=digest_settings.deadline_alert_days,
            silence_days=digest_settings.silence_alert_days,
        )
        if not due:
            return []
        pending = [f for f in store.pending_findings(session) if not f.alerted]
        known = known_fact_keys(session)
        start = store.last_period_end(session) or now - FIRST_PERIOD
        feeds = store.feed_health(session, start, now)
        latest = store.latest_developments(session, [m.id for m in settings.milestones])
    renderer = Renderer(settings.templates_dir)
    taken: set[int] = set()
    made = []
    for alert in due:
        wanted = set(alert.evidence_ids) - taken
        findings = [f for f in pending if f.finding_id in wanted and f.finding.relevant]
        taken |= {f.finding_id for f in findings}
        digest = compose(
            findings,
            settings.milestone_objects(),
            feeds,
            now,
            kind="alert",
            period_start=start,
            known_facts=known,
            latest=latest,
            states=states,
            alerts={alert.milestone: alert.reasons},
            only=[alert.milestone],
            key=alert_key(alert),
        )
        made.append((alert, digest, renderer.render(digest)))
    return made


def alert_key(alert: DueAlert) -> str:
    """The outbox key of a state alert: what it tells and the state told before it, so the
    same alert is never stored twice, and a later change (even back to an earlier state) is
    a new alert."""
    told = [alert.milestone, alert.previous or "-", *(f"{r.kind}={r.mark}" for r in alert.reasons)]
    digest = hashlib.sha256("\n".join(told).encode()).hexdigest()[:24]
    return f"alert-{alert.milestone[:40]}-{digest}"


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
        states = current_states(session, settings, now)
    digest = compose(
        findings,
        settings.milestone_objects(),
        feeds,
        now,
        kind="digest",
        period_start=start,
        known_facts=known,
        latest=latest,
        seeds=_seed_names(settings),
        states=states,
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
    """The first digest covers what it carries: from its oldest finding (as reported)."""
    if not findings:
        return now - timedelta(days=1)
    return min(min(f.when for f in findings), now)


def _seed_names(settings: Settings) -> dict[str, tuple[str, str]]:
    """(title, outlet) of each baseline document by id; empty when the seeds cannot be read
    (a digest is still sent, naming re-publications by id)."""
    from monitor.seeds import load_seeds

    try:
        return {seed.id: (seed.title, seed.outlet) for seed in load_seeds(settings.seeds_dir)}
    except ConfigError as exc:
        log.warning("seeds unreadable for the digest error=%s", exc)
        return {}


def _store(
    engine: Engine,
    settings: Settings,
    digest: Digest,
    rendered: RenderedDigest,
    alert: DueAlert | None = None,
) -> int | None:
    """Store the digest with its deliveries and, for a state alert, what it told, all in one
    transaction; None when a concurrent run stored it (or took its findings) first."""
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
            if alert is not None:
                record_alert(
                    session,
                    digest_id,
                    alert.milestone,
                    alert.reasons,
                    alert.state_mark,
                    digest.generated_at,
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
