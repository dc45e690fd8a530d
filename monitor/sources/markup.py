"""Feed HTML snippets (summaries, titles) → plain text. Pure.

Feed summaries are small fragments, often broken; a forgiving regex pass is enough here and
never fails on bad markup. Full pages go through trafilatura instead (monitor.extract).
"""

from __future__ import annotations

import html
import re

MAX_TEXT_CHARS = 20_000

_INVISIBLE = re.compile(
    r"<\s*(script|style|template|noscript)\b.*?(?:<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_BREAK = re.compile(
    r"<\s*(?:br|hr|/?p|/div|/li|/h[1-6]|/tr|/blockquote|/ol|/ul|/pre|/dd|/dt)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str | None, limit: int = MAX_TEXT_CHARS) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, blocks on new lines."""
    if not fragment:
        return ""
    value = fragment[: limit * 4]  # markup is bulky; bound the work before stripping it
    if "<" in value:
        value = _INVISIBLE.sub(" ", value)
        value = _COMMENT.sub(" ", value)
        value = _BREAK.sub("\n", value)
        value = _TAG.sub("", value)
    value = html.unescape(value)
    lines = (_SPACES.sub(" ", line).strip() for line in value.split("\n"))
    text = "\n".join(line for line in lines if line)
    text = _BLANK_LINES.sub("\n\n", text)
    return text[:limit].strip()


def one_line(text: str | None, limit: int = 500) -> str:
    """`text` on a single line, shortened to `limit` characters."""
    value = " ".join((text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
