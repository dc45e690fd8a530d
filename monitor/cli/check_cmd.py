"""`monitor check SOURCE... [--json] [--published DATE]`: analyse files, URLs or stdin now.

Each SOURCE is a file (HTML or plain text, told apart by content), `-` for stdin, or an
http(s) URL. The baseline is built once for all sources. With `--json`, one JSON object per
source per line (the contract in DESIGN.md, plus the evidence); without it, a readable report
with the date phrase and the matched terms marked (bold on a terminal, brackets otherwise).

Exit codes: 0 every source was read; 1 some could not be read; 2 none could (or usage error).
A source that cannot be read gets one line on stderr (and, with --json, an object with
`error`); it never stops the others.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from monitor.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, cli
from monitor.cli.context import AppContext
from monitor.errors import FetchError, SourceError
from monitor.types import Article, Fact, Finding, Mention

# Beyond this a source is refused rather than analysed (the fetcher's own cap for pages).
MAX_SOURCE_BYTES = 10 * 1024 * 1024
_HTML_HEAD = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title|section)\b", re.IGNORECASE
)
_SEED_HEADER = re.compile(r"\A(?:[a-z]+:[^\n]*\n)+---\n")


class Unreadable(Exception):
    """A source that yields no text to analyse; the message says why, in one line."""


@dataclass(frozen=True)
class Source:
    name: str  # as given on the command line
    url: str | None
    data: bytes


def _is_url(name: str) -> bool:
    return re.match(r"^https?://", name, re.IGNORECASE) is not None


@cli.command("check")
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source per line.")
@click.option(
    "--published",
    metavar="DATE",
    default=None,
    help="Publication date (YYYY-MM-DD) for every source; default: the page's own, else today.",
)
@click.pass_obj
def check(app: AppContext, sources: tuple[str, ...], as_json: bool, published: str | None) -> None:
    """Analyse SOURCE... (files, URLs or - for stdin) against the baseline and show the
    evidence."""
    published_at = _parse_published(published)
    settings = app.settings
    if app.verbosity == 0:
        # trafilatura warns on every page it finds nothing in; `check` says so in one line.
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    from monitor.analysis.analyser import analyse, build_baseline
    from monitor.seeds import load_seeds

    baseline = build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    now = datetime.now(UTC)
    styled = not as_json and sys.stdout.isatty()
    # Every URL is fetched up front, concurrently, in one session of the HTTP client.
    from monitor.sources.oneshot import fetch_bodies

    fetched = fetch_bodies([n for n in sources if _is_url(n)], settings)
    read = failed = 0
    stdin_used = False
    for name in sources:
        try:
            if name == "-":
                if stdin_used:
                    raise Unreadable("stdin was already read by an earlier '-'")
                stdin_used = True
            article = _article(_load(name, fetched), published_at)
        except (Unreadable, SourceError) as exc:
            failed += 1
            click.echo(f"monitor: {name}: {exc}", err=True)
            if as_json:
                click.echo(json.dumps({"source": name, "error": str(exc)}, ensure_ascii=False))
            continue
        finding = analyse(article, baseline, now=now)
        read += 1
        if as_json:
            click.echo(json.dumps(check_json(name, article, finding), ensure_ascii=False))
        else:
            click.echo(report(name, article, finding, now=now, styled=styled))
    code = EXIT_USAGE if failed and not read else EXIT_PARTIAL if failed else EXIT_OK
    click.get_current_context().exit(code)


def _parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"must be YYYY-MM-DD, got {value!r}", param_hint="--published"
        ) from None
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _load(name: str, fetched: dict[str, bytes | FetchError]) -> Source:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        return Source("-", None, _capped(data))
    if _is_url(name):
        body = fetched[name]
        if isinstance(body, FetchError):
            raise body
        return Source(name, name, _capped(body))
    path = Path(name)
    try:
        if path.is_dir():
            raise Unreadable("is a directory")
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    return Source(name, None, _capped(data))


def _capped(data: bytes) -> bytes:
    if len(data) > MAX_SOURCE_BYTES:
        raise Unreadable(f"larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    return data


def _article(source: Source, published: datetime | None) -> Article:
    data = source.data
    if not data.strip():
        raise Unreadable("empty")
    if _looks_binary(data):
        raise Unreadable("not text (binary data)")
    origin = "stdin" if source.name == "-" else "file"
    from monitor.sources.feed import looks_like_feed

    if looks_like_feed(data, None):
        target = source.url or source.name
        raise Unreadable(
            f"this is a feed, not an article: `monitor feeds test {target}` shows its entries"
        )
    if _HTML_HEAD.search(data[:4096]):
        from monitor.extract.article import extract_article

        article = extract_article(data, source.url)
        if article is None:
            raise Unreadable("no article text found in the HTML")
        if published is not None:
            article = _replace(article, published=published)
        return article
    text = _decode(data)
    title, body, header_published = _split_text(text)
    if not body.strip():
        raise Unreadable("no text")
    return Article(
        url=source.url,
        title=title,
        text=body,
        published=published or header_published,
        origin=origin,
    )


def _replace(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(article, **changes)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte order mark
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 20):
        # Mostly not UTF-8: a single-byte legacy encoding is the likeliest.
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_text(text: str) -> tuple[str, str, datetime | None]:
    """Title, body and publication date of a plain-text source.

    A seed-style header ("title: ...", "published: ...", then a line "---") is read; otherwise
    a short first line without a final period is taken as the headline (and kept in the body).
    """
    text = text.replace("\r\n", "\n")
    if _SEED_HEADER.match(text):
        head, _, body = text.partition("\n---\n")
        fields = {}
        for line in head.splitlines():
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        when = None
        try:
            day = date.fromisoformat(fields.get("published", ""))
            when = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        except ValueError:
            pass
        return fields.get("title", ""), body, when
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if len(first) <= 200 and not first.endswith((".", "!", "?")) else ""
    return title, text, None


# ---------------------------------------------------------------------------------------------
# Output


def check_json(name: str, article: Article, finding: Finding) -> dict[str, Any]:
    """The JSON object for one source: the DESIGN.md contract plus the evidence."""
    return {
        "source": name,
        "url": article.url,
        "title": article.title,
        "published": article.published.date().isoformat() if article.published else None,
        "relevant": finding.relevant,
        "milestones": list(finding.milestones),
        "novelty": finding.novelty,
        "status_change": finding.status_change,
        "events": [asdict(e) for e in finding.events],
        "repeat_of": finding.repeat_of,
        "repeat_similarity": finding.repeat_similarity,
        "mentions": [_mention_json(m) for m in finding.mentions],
        "new_facts": [fact.statement for fact in finding.new_facts],
        "facts": [_fact_json(f, new=True) for f in finding.new_facts]
        + [_fact_json(f, new=False) for f in finding.known_facts],
        "notes": list(finding.notes),
    }


def _mention_json(m: Mention) -> dict[str, Any]:
    return {
        "milestone": m.milestone,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "context": m.context,
        "date_text": m.date_text,
        "date_resolved": m.date_resolved,
        "date_precision": m.date_precision,
        "date_bound": m.date_bound,
        "rule": m.rule,
        "terms": list(m.terms),
        "score": m.score,
    }


def _fact_json(f: Fact, *, new: bool) -> dict[str, Any]:
    return {
        "milestone": f.milestone,
        "kind": f.kind,
        "key": f.key,
        "statement": f.statement,
        "baseline": f.baseline,
        "new": new,
    }


def report(name: str, article: Article, finding: Finding, *, now: datetime, styled: bool) -> str:
    """A readable account of one source, evidence marked."""
    lines = [f"== {name}"]
    if article.title:
        lines.append(f"   title      {article.title}")
    if article.published:
        lines.append(f"   published  {article.published.date().isoformat()}")
    else:
        lines.append(f"   published  unknown (relative dates resolved against {now.date()})")
    verdict = finding.novelty.upper().replace("_", " ")
    milestones = ", ".join(finding.milestones) or "-"
    lines.append(
        f"   verdict    {verdict}   relevant: {'yes' if finding.relevant else 'no'}   milestones: {milestones}"
    )
    if finding.status_change:
        lines.append(f"   status     {finding.status_change} (immediate alert)")
    if finding.repeat_of:
        lines.append(
            f"   copy of    seed {finding.repeat_of} (similarity {finding.repeat_similarity:.2f})"
        )
    if finding.mentions:
        lines.append("   mentions")
        for m in finding.mentions:
            date = ""
            if m.date_text:
                bound = f", {m.date_bound}" if m.date_bound else ""
                date = f"; date '{m.date_text}' = {m.date_resolved} ({m.date_precision}{bound})"
            lines.append(f"     [{m.milestone}] rule {m.rule}, score {m.score:.2f}{date}")
            lines.append(f"       {highlight(m, styled=styled)}")
            lines.append(f"       terms: {', '.join(m.terms)}")
    if finding.new_facts:
        lines.append("   new facts")
        lines += [f"     + {f.statement}" for f in finding.new_facts]
    if finding.known_facts:
        lines.append("   already known")
        lines += [f"     = {f.statement}" for f in finding.known_facts]
    for note in finding.notes:
        lines.append(f"   note       {note}")
    return "\n".join(lines) + "\n"


def highlight(m: Mention, *, styled: bool) -> str:
    """The mention's sentence with its date phrase and matched terms marked."""
    marks: list[tuple[int, int, str]] = []
    for start, end in sorted(m.term_spans):  # overlapping terms become one mark
        if marks and start <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(end, marks[-1][1]), "term")
        else:
            marks.append((start, end, "term"))
    if m.date_span:
        marks = [mk for mk in marks if mk[1] <= m.date_span[0] or mk[0] >= m.date_span[1]]
        marks.append((*m.date_span, "date"))
    out, cursor = [], m.start
    for start, end, kind in sorted(marks):
        start, end = max(start, cursor), min(end, m.end)
        if start >= end:
            continue
        out.append(m.sentence[cursor - m.start : start - m.start])
        piece = m.sentence[start - m.start : end - m.start]
        if styled:
            out.append(click.style(piece, bold=True, underline=kind == "date"))
        else:
            out.append(f"[[{piece}]]" if kind == "date" else f"[{piece}]")
        cursor = end
    out.append(m.sentence[cursor - m.start :])
    return " ".join("".join(out).split())
