"""`monitor findings [--json] [--all] [--since DATE] [--milestone ID] [--novelty KIND]
[--limit N]`: what the analysis found, as stored, newest first by the article's date."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

import click

from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.store.finding_list import ListedFinding, iter_findings
from monitor.store.session import session_scope


def finding_json(item: ListedFinding) -> dict[str, Any]:
    """The JSON contract of `findings --json` (shared with `check --json`): url, title,
    published (ISO date or null), relevant, milestones, novelty, mentions, new_facts (short
    strings); plus analysed_at, status_change, events (as `check --json` prints them) and
    delivery marks."""
    return {
        "url": item.url,
        "title": item.title,
        "published": item.published.date().isoformat() if item.published else None,
        "published_at": item.published.isoformat() if item.published else None,
        "relevant": item.relevant,
        "milestones": list(item.milestones),
        "novelty": item.novelty,
        "status_change": item.status_change,
        "mentions": [
            {
                "milestone": m.milestone,
                "sentence": m.sentence,
                "date_text": m.date_text,
                "date_resolved": m.date_resolved,
            }
            for m in item.mentions
        ],
        "new_facts": list(item.new_facts),
        "events": [asdict(event) for event in item.events],
        "analysed_at": item.analysed_at.isoformat() if item.analysed_at else None,
        "delivered": item.digest_id is not None,
        "alerted": item.alert_digest_id is not None,
    }


NOVELTIES = ("new", "background", "baseline_repeat", "none")


@cli.command("findings")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--all", "include_all", is_flag=True, help="Every analysed article, not only the relevant ones."
)
@click.option(
    "--since",
    metavar="DATE",
    default=None,
    help="Only articles dated DATE (YYYY-MM-DD) or later: published, else analysed.",
)
@click.option("--milestone", metavar="ID", default=None, help="Only findings about milestone ID.")
@click.option(
    "--novelty",
    type=click.Choice(NOVELTIES),
    default=None,
    help="Only findings of this novelty (relevant or not).",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="At most N.")
@click.pass_obj
def findings(
    app: AppContext,
    as_json: bool,
    include_all: bool,
    since: str | None,
    milestone: str | None,
    novelty: str | None,
    limit: int | None,
) -> None:
    """List the relevant findings, newest first by publication date (--all: every analysed
    article)."""
    since_at = _since(since)
    if milestone is not None:
        ids = [m.id for m in app.settings.milestones]
        if milestone not in ids:
            raise click.BadParameter(
                f"unknown milestone {milestone!r} (configured: {', '.join(ids)})",
                param_hint="--milestone",
            )
    with session_scope(app.read_engine) as session:
        # Streamed: each finding is printed as it is read, never all held at once.
        items = iter_findings(
            session,
            include_all=include_all,
            since=since_at,
            milestone=milestone,
            novelty=novelty,
            limit=limit,
        )
        if as_json:
            lines: list[str] = []
            for item in items:
                lines.append(json.dumps(finding_json(item), ensure_ascii=False))
                if len(lines) == 500:  # written a batch at a time: fewer, larger writes
                    click.echo("\n".join(lines))
                    lines.clear()
            if lines:
                click.echo("\n".join(lines))
            return
        count = relevant = 0
        for item in items:
            count += 1
            relevant += item.relevant
            _print_plain(item)
    if not count:
        filtered = since or milestone or novelty
        if filtered:
            click.echo("no findings match")
        else:
            click.echo("no findings yet" if include_all else "no relevant findings yet")
        return
    capped = f" (--limit {limit})" if limit is not None and count == limit else ""
    click.echo(f"\n{count} article(s), {relevant} relevant{capped}")


def _print_plain(item: ListedFinding) -> None:
    when = item.published.date().isoformat() if item.published else "undated"
    state = "sent" if item.digest_id else ("alerted" if item.alert_digest_id else "pending")
    if not item.relevant and item.novelty == "none":
        state = "-"
    milestones = ",".join(item.milestones) or "-"
    change = f" [{item.status_change}]" if item.status_change else ""
    click.echo(f"{when}  {item.novelty:<15} {state:<8} {milestones}{change}")
    click.echo(f"    {item.title or '(no title)'}")
    click.echo(f"    {item.url}")
    for statement in item.new_facts:
        click.echo(f"    + {statement}")


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"must be YYYY-MM-DD, got {value!r}", param_hint="--since"
        ) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
