"""Render a Digest with the Jinja2 templates of `settings.templates_dir` (the top-level alerts/).

Templates (documented in alerts/README.md, with every variable they receive):

    subject.txt.j2     one line: the email subject, the Slack title and fallback text
    digest.txt.j2      plain text: the email's text part and the console/file channel
    digest.html.j2     HTML: the email's HTML part (autoescaped)
    slack.mrkdwn.j2    macros that render the pieces of a Slack message (mrkdwn)

Three environments share the folder: text (no escaping), HTML (autoescape: a hostile title
cannot inject markup or scripts) and Slack (every `{{ … }}` escaped for mrkdwn, see
`mrkdwn`). All use StrictUndefined, so a misspelt variable fails loudly instead of rendering
blank. The Block Kit JSON is built here in Python from the macro output, never in a template.

A missing templates folder is a configuration error: operators own alerts/ and we do not
silently fall back to another copy that would ignore their edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2

from monitor.errors import ConfigError
from monitor.notify import blocks, mrkdwn
from monitor.notify.model import Digest

SUBJECT = "subject.txt.j2"
TEXT = "digest.txt.j2"
HTML = "digest.html.j2"
SLACK = "slack.mrkdwn.j2"
TEMPLATES = (SUBJECT, TEXT, HTML, SLACK)
SUBJECT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class RenderedDigest:
    """What the channels send: identical on every retry, since it is stored with the digest."""

    subject: str
    text: str
    html: str
    slack: list[dict[str, Any]]


def format_date(value: date | datetime | None) -> str:
    """2 Oct 2025 (or "" for None)."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def format_datetime(value: datetime | None) -> str:
    """2 Oct 2025 07:00 UTC (or "" for None)."""
    if value is None:
        return ""
    return f"{format_date(value)} {value:%H:%M} UTC"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`3 stories`, `1 story`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def month_label(value: date) -> str:
    """September 2025."""
    return f"{value:%B %Y}"


def _environment(templates_dir: Path, **kwargs: Any) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **kwargs,
    )
    env.filters.update(date=format_date, datetime=format_datetime, plural=plural, month=month_label)
    return env


class Renderer:
    """The three environments over one templates folder."""

    def __init__(self, templates_dir: Path) -> None:
        templates_dir = Path(templates_dir)
        if not templates_dir.is_dir():
            raise ConfigError(
                f"templates_dir {templates_dir} is not a folder: it must hold the digest "
                f"templates ({', '.join(TEMPLATES)}); copy alerts/ from the source tree"
            )
        missing = [name for name in TEMPLATES if not (templates_dir / name).is_file()]
        if missing:
            raise ConfigError(f"templates_dir {templates_dir}: missing {', '.join(missing)}")
        self.templates_dir = templates_dir
        self.text_env = _environment(templates_dir, autoescape=False)
        self.html_env = _environment(templates_dir, autoescape=True)
        self.slack_env = _environment(templates_dir, autoescape=True, finalize=mrkdwn.finalize)
        self.slack_env.globals["slack_link"] = mrkdwn.link

    def subject(self, digest: Digest) -> str:
        raw = self._render(self.text_env, SUBJECT, digest)
        line = " ".join(raw.split())
        return line if len(line) <= SUBJECT_LIMIT else line[: SUBJECT_LIMIT - 1] + "…"

    def text(self, digest: Digest) -> str:
        return self._render(self.text_env, TEXT, digest).strip() + "\n"

    def html(self, digest: Digest) -> str:
        return self._render(self.html_env, HTML, digest)

    def slack(self, digest: Digest, subject: str | None = None) -> list[dict[str, Any]]:
        """Block Kit messages for `digest`, split to Slack's limits."""
        subject = subject if subject is not None else self.subject(digest)
        module = self._template(self.slack_env, SLACK).make_module({"digest": digest})
        macro = lambda name, *args: str(getattr(module, name)(*args)).strip()  # noqa: E731
        pieces: list[blocks.Piece] = []
        pieces += blocks.text_pieces(macro("intro", digest))
        for section in digest.sections:
            pieces.append(blocks.Piece(blocks.divider(), keep_with_next=True))
            pieces += blocks.text_pieces(macro("section_heading", section), keep_with_next=True)
            for story in section.stories:
                pieces += blocks.text_pieces(macro("story", story))
            pieces += blocks.text_pieces(macro("section_rest", section))
        pieces.append(blocks.Piece(blocks.divider(), keep_with_next=True))
        pieces += blocks.text_pieces(macro("closing", digest))
        title = macro("title", digest) or f"*{mrkdwn.escape(subject)}*"
        return blocks.paginate(title, pieces, mrkdwn.escape(subject))

    def render(self, digest: Digest) -> RenderedDigest:
        """Every form of `digest`. A template that fails (an unknown variable, a filter
        misused) is a configuration error naming the template."""
        try:
            subject = self.subject(digest)
            return RenderedDigest(
                subject=subject,
                text=self.text(digest),
                html=self.html(digest),
                slack=self.slack(digest, subject),
            )
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{self.templates_dir}: template error: {exc}") from None

    def _template(self, env: jinja2.Environment, name: str) -> jinja2.Template:
        try:
            return env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise ConfigError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from None

    def _render(self, env: jinja2.Environment, name: str, digest: Digest) -> str:
        return self._template(env, name).render(digest=digest)
