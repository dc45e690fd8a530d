"""`monitor digest [--preview] [--html FILE]`: compose and send now, or show what would be sent."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli import EXIT_PARTIAL, cli
from monitor.cli.context import AppContext
from monitor.cli.stopping import stop_on_signals
from monitor.notify.service import compose_digest, compose_due_alerts, preview, send_pending
from monitor.store import digests as store
from monitor.store.session import session_scope


@cli.command("digest")
@click.option(
    "--preview",
    "preview_only",
    is_flag=True,
    help="Print what would be sent now; store and send nothing.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With --preview (implied): write the HTML of the digest to FILE instead.",
)
@click.pass_obj
def digest(app: AppContext, preview_only: bool, html_path: Path | None) -> None:
    """Compose immediate alerts and the digest of everything undelivered, and send every
    pending delivery now (retry times are not waited for). Exit 1 if a delivery failed.
    A delivery whose outcome was unknown twice (it may have arrived) is not sent again."""
    now = datetime.now(UTC)
    if preview_only or html_path is not None:
        _preview(app, now, html_path)
        return
    with stop_on_signals() as stopped:
        settings, engine = app.settings, app.engine
        alerts = compose_due_alerts(engine, settings, now)
        digest_id = compose_digest(engine, settings, now)
        report = send_pending(engine, settings, now, ignore_backoff=True, stop=stopped.event)
    if stopped.signum:
        stopped.exit(
            f"{report.sent} sent; the attempts in hand were recorded, the rest stays pending"
        )
    err = lambda text: click.echo(text, err=True)  # noqa: E731
    if alerts:
        err(f"composed {len(alerts)} alert(s): {', '.join(map(str, alerts))}")
    if digest_id is not None:
        err(f"composed digest {digest_id}")
    elif not alerts:
        err("nothing new to compose")
    for digest_id_, channel, answer in report.answers:
        err(f"digest {digest_id_} to {channel}: sent ({answer})")
    for digest_id_, channel, error in report.errors:
        err(f"digest {digest_id_} to {channel}: FAILED: {error}")
    err(f"deliveries: {report.sent} sent, {report.failed} failed, {report.pending} unsent")
    if report.failed:
        sys.exit(EXIT_PARTIAL)


def _preview(app: AppContext, now: datetime, html_path: Path | None) -> None:
    made = preview(app.read_engine, app.settings, now)
    with session_scope(app.read_engine) as session:
        unsent = sum(n for state, n in store.outbox_counts(session).items() if state != "sent")
    note = f"{unsent} earlier deliveries are still unsent" if unsent else ""
    if not made:
        click.echo("nothing to send: no undelivered findings", err=True)
        if note:
            click.echo(note, err=True)
        return
    if html_path is not None:
        digest, rendered = next(((d, r) for d, r in made if d.kind == "digest"), made[0])
        html_path.write_text(rendered.html, encoding="utf-8")
        click.echo(
            f"wrote the HTML of the {digest.kind} to {html_path}: {rendered.subject}", err=True
        )
        return
    for digest, rendered in made:
        click.echo(f"Subject: {rendered.subject}")
        click.echo(f"({digest.kind}; Slack: {len(rendered.slack)} message(s))\n")
        click.echo(rendered.text)
    click.echo("(preview: nothing was stored or sent)", err=True)
    if note:
        click.echo(note, err=True)
