"""`monitor findings [--json] [--all]`: what the analysis found, as stored."""

from __future__ import annotations

import json
from typing import Any

import click

from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.store.finding_list import ListedFinding, list_findings
from monitor.store.session import session_scope


def finding_json(item: ListedFinding) -> dict[str, Any]:
    """The JSON contract of `findings --json` (shared with `check --json`): url, title,
    published (ISO date or null), relevant, milestones, novelty, mentions, new_facts (short
    strings); plus analysed_at, status_change and delivery marks."""
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
        "new_facts": [fact.statement for fact in item.new_facts],
        "analysed_at": item.analysed_at.isoformat() if item.analysed_at else None,
        "delivered": item.digest_id is not None,
        "alerted": item.alert_digest_id is not None,
    }


@cli.command("findings")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--all", "include_all", is_flag=True, help="Every analysed article, not only the relevant ones."
)
@click.pass_obj
def findings(app: AppContext, as_json: bool, include_all: bool) -> None:
    """List the relevant findings, newest first (--all: every analysed article)."""
    with session_scope(app.read_engine) as session:
        items = list_findings(session, include_all=include_all)
    if as_json:
        for item in items:
            click.echo(json.dumps(finding_json(item), ensure_ascii=False))
        return
    if not items:
        click.echo("no findings yet" if include_all else "no relevant findings yet")
        return
    for item in items:
        when = item.published.date().isoformat() if item.published else "undated"
        state = "sent" if item.digest_id else ("alerted" if item.alert_digest_id else "pending")
        if not item.relevant and item.novelty == "none":
            state = "-"
        milestones = ",".join(item.milestones) or "-"
        change = f" [{item.status_change}]" if item.status_change else ""
        click.echo(f"{when}  {item.novelty:<15} {state:<8} {milestones}{change}")
        click.echo(f"    {item.title or '(no title)'}")
        click.echo(f"    {item.url}")
        for fact in item.new_facts:
            click.echo(f"    + {fact.statement}")
    relevant = sum(1 for i in items if i.relevant)
    click.echo(f"\n{len(items)} article(s), {relevant} relevant")
