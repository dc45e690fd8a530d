"""Untrusted text and links made fit to show: no control characters, no hidden direction
overrides, bounded length; links only http(s).

Escaping for a particular channel (HTML, Slack mrkdwn) happens when rendering; this module
only removes what no channel should show.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# C0/C1 controls (except tab/newline, which become spaces anyway) and the bidirectional
# overrides and isolates that can make a title display as something it is not.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACE = re.compile(r"\s+")


def clean_text(value: str | None, limit: int = 0) -> str:
    """One line of displayable text, at most `limit` characters (0: no limit)."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value)
    value = _SPACE.sub(" ", _INVISIBLE.sub("", value)).strip()
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def safe_url(value: str | None) -> str | None:
    """`value` if it is an absolute http(s) URL without spaces or controls, else None."""
    if not value:
        return None
    value = value.strip()
    if _INVISIBLE.search(value) or _SPACE.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def host_of(url: str | None) -> str:
    """The host of `url` without a leading www., or "" when there is none."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
