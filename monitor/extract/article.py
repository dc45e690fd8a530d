"""Extract an article's main text and metadata from page bytes with trafilatura. Pure.

This module never fetches (pages come from `monitor.sources`) and has no time bound of its
own: trafilatura has none, so the pipeline runs `extract_article` in a process pool and bounds
each call there.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

import trafilatura

from monitor.types import Article

_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


def extract_article(html: bytes | str, url: str | None = None) -> Article | None:
    """The main text of the page with its title, date, author, site name, language and
    description; None when the page yields no text."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    if document is None or not (document.text or "").strip():
        return None
    # trafilatura separates paragraphs with one newline; make paragraph breaks explicit so a
    # headline-like line never runs into the next sentence.
    text = _PARAGRAPH_BREAK.sub("\n\n", document.text.strip())
    # bare_extraction, unlike extract(), leaves the page's Unicode normalisation as it was:
    # NFC makes "য়" one character whether the page wrote it composed or not.
    text = unicodedata.normalize("NFC", text)
    return Article(
        url=url or document.url or None,
        title=unicodedata.normalize("NFC", (document.title or "").strip()),
        text=text,
        published=_parse_date(document.date),
        origin="page",
        author=document.author or None,
        site_name=document.sitename or None,
        language=document.language or None,
        description=document.description or None,
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
