"""Make a fetched XML feed safe and cheap to hand to feedparser. Pure: bytes in, bytes out.

Three defences, each answering a measured failure (../shared/research/libs-and-limits.md §3):

* Entity expansion. feedparser keeps "safe" entity declarations (plain text values) from the
  prolog and, when expat refuses the document, its fallback parser expands them without any
  limit: one 50 KB entity referenced 20,000 times took 47 s and 2.9 GB. `defuse_entities`
  computes what the declared entities would expand to and removes the DOCTYPE and every entity
  declaration when that exceeds a small budget, or when any declaration is nested, external or
  a parameter entity (billion laughs, XXE). Small local entities, which real feeds use, stay.
* Item count. feedparser costs about 0.3 ms per item and has no limit: a 100,000-item feed
  takes tens of seconds. `truncate_items` keeps the newest `max_items` items: the first ones
  (feeds list their newest first), or the last ones when the first and last items' dates
  show the feed lists its oldest first; the document stays well-formed.
* Charset. A charset in Content-Type wins over the XML declaration (RFC 3023), and servers
  often get it wrong: a UTF-8 feed served as windows-1252 turns into mojibake. `content_type_for`
  keeps the header's charset unless the body is valid UTF-8 with non-ASCII text that the
  declaration (or the XML default) says is UTF-8, and `repair_utf8` replaces the rare invalid
  byte in an otherwise UTF-8 document instead of letting feedparser fall back to a legacy
  codec for the whole text.

Wide encodings (UTF-16/32) are decoded for the scan and re-encoded in the same encoding, so a
billion-laughs document in UTF-16BE is seen like any other.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime
from typing import AnyStr

from monitor.sources.dates import parse_date

ENTITY_EXPANSION_BUDGET = 256 * 1024
_MAX_SAFE_ENTITIES = 64
_PROLOG_SCAN = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NULL_PATTERNS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


@dataclass(frozen=True)
class _Patterns:
    first_element: re.Pattern
    doctype: re.Pattern
    entity: re.Pattern
    safe_entity: re.Pattern
    item: re.Pattern
    root: re.Pattern
    item_date: re.Pattern


def _patterns(kind: type) -> _Patterns:
    def c(pattern: str, flags: int = 0) -> re.Pattern:
        return re.compile(pattern.encode() if kind is bytes else pattern, flags)

    return _Patterns(
        first_element=c(r"<\w"),
        doctype=c(r"<!DOCTYPE", re.IGNORECASE),
        # The same two patterns feedparser uses (sanitizer.py), so we see what it sees.
        entity=c(r"<!ENTITY([^>]*?)>", re.MULTILINE),
        safe_entity=c(r"\s+(\w+)\s+\"(&#\w+;|[^&\"]*)\""),
        item=c(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]"),
        root=c(r"<(?P<prefix>[A-Za-z_][\w.-]*:)?(?P<name>rss|feed|RDF)[\s>/]"),
        item_date=c(
            r"<(?:[A-Za-z_][\w.-]*:)?(?:pubDate|published|updated|date|issued)\b[^>]*>"
            r"\s*([^<]{4,64}?)\s*</"
        ),
    )


_BYTES = _patterns(bytes)
_TEXT = _patterns(str)


@dataclass(frozen=True, slots=True)
class Prepared:
    body: bytes
    notes: tuple[str, ...]
    items: int  # item elements seen in the document
    kept: int  # items left in `body`
    oldest_first: bool = False  # the kept items are the last ones of the document


def wide_codec(body: bytes) -> tuple[str, bytes] | None:
    """(codec, BOM) when the body is UTF-16 or UTF-32, else None (ASCII-compatible)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, bom
    for pattern, name in _NULL_PATTERNS:
        if body.startswith(pattern):
            return name, b""
    return None


def prepare(body: bytes, max_items: int) -> Prepared:
    """`body` with dangerous entities removed and at most `max_items` items."""
    wide = wide_codec(body)
    if wide is None:
        data, notes = defuse_entities(body, _BYTES)
        data, items, kept, oldest_first = truncate_items(data, max_items, _BYTES)
        return Prepared(data, tuple(notes), items, kept, oldest_first)
    codec, bom = wide
    text = body[len(bom) :].decode(codec, errors="replace")
    new_text, notes = defuse_entities(text, _TEXT)
    new_text, items, kept, oldest_first = truncate_items(new_text, max_items, _TEXT)
    if new_text is text:
        return Prepared(body, tuple(notes), items, kept, oldest_first)
    return Prepared(bom + new_text.encode(codec), tuple(notes), items, kept, oldest_first)


def _prolog(data: AnyStr, p: _Patterns) -> int:
    """End of the region where declarations can matter: feedparser's head (everything before
    the first element) or the first 64 KB, whichever is longer."""
    match = p.first_element.search(data)
    head_end = match.start() + 1 if match else len(data)
    return max(head_end, min(len(data), _PROLOG_SCAN))


def defuse_entities(data: AnyStr, p: _Patterns) -> tuple[AnyStr, list[str]]:
    end = _prolog(data, p)
    head = data[:end]
    has_doctype = p.doctype.search(head) is not None
    declarations = p.entity.findall(head)
    if not declarations:
        return data, []
    safe: list[tuple[AnyStr, AnyStr]] = []
    unsafe = 0
    for declaration in declarations:
        match = p.safe_entity.match(declaration)
        if match and match.end() == len(declaration.rstrip()):
            safe.append((match.group(1), match.group(2)))
        else:
            unsafe += 1
    reason = None
    if unsafe:
        reason = f"{unsafe} nested, external or parameter entity declaration(s)"
    elif len(safe) > _MAX_SAFE_ENTITIES:
        reason = f"{len(safe)} entity declarations"
    else:
        amp, semi = ("&", ";") if isinstance(data, str) else (b"&", b";")
        expansion = sum(len(value) * data.count(amp + name + semi) for name, value in safe)
        if expansion > ENTITY_EXPANSION_BUDGET:
            reason = f"entities would expand to {expansion:,} characters"
    if reason is None:
        return data, []
    cleaned = p.entity.sub(data[:0], head)
    cleaned = _remove_doctypes(cleaned, p) if has_doctype else cleaned
    return cleaned + data[end:], [f"DOCTYPE removed ({reason})"]


def _remove_doctypes(head: AnyStr, p: _Patterns) -> AnyStr:
    """`head` without its DOCTYPE declarations (internal subset included)."""
    out = head
    while True:
        match = p.doctype.search(out)
        if match is None:
            return out
        stop = _doctype_end(out, match.end())
        out = out[: match.start()] + out[stop:]


def _doctype_end(data: AnyStr, pos: int) -> int:
    """Index just after the DOCTYPE starting before `pos` (the end of data if unterminated).

    Skips quoted strings and comments, so a `]` or `>` inside them does not end it.
    """
    text = data if isinstance(data, str) else data.decode("latin-1")
    depth = 0
    i, n = pos, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            close = text.find(ch, i + 1)
            i = n if close < 0 else close + 1
            continue
        if text.startswith("<!--", i):
            close = text.find("-->", i + 4)
            i = n if close < 0 else close + 3
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ">" and depth == 0:
            return i + 1
        i += 1
    return n


def truncate_items(data: AnyStr, max_items: int, p: _Patterns) -> tuple[AnyStr, int, int, bool]:
    """(data with at most `max_items` items, items seen, items kept, kept from the end)."""
    starts = [m.start() for m in p.item.finditer(data)]
    if len(starts) <= max_items:
        return data, len(starts), len(starts), False
    first = _item_date(data, starts[0], starts[1], p)
    last = _item_date(data, starts[-1], len(data), p)
    if first is not None and last is not None and last > first:
        # Oldest first: the newest items are the last ones; what follows them closes the root.
        return data[: starts[0]] + data[starts[-max_items] :], len(starts), max_items, True
    cut = starts[max_items]
    root = p.root.search(data, 0, starts[0]) if starts else None
    closing = ""
    if root is not None:
        prefix = root.group("prefix") or (b"" if isinstance(data, bytes) else "")
        if isinstance(prefix, bytes):
            prefix = prefix.decode("ascii")
        name = root.group("name")
        name = name.decode("ascii") if isinstance(name, bytes) else name
        closing = f"</{prefix}{name}>"
        if name == "rss":
            closing = "</channel>" + closing
    tail = closing.encode("ascii") if isinstance(data, bytes) else closing
    return data[:cut] + tail, len(starts), max_items, False


def _item_date(data: AnyStr, start: int, end: int, p: _Patterns) -> datetime | None:
    """The first date element of the item at `start` (looked for in its first 8 KB)."""
    match = p.item_date.search(data, start, min(end, start + 8192))
    if match is None:
        return None
    raw = match.group(1)
    return parse_date(raw.decode("latin-1") if isinstance(raw, bytes) else raw)


# --- charset ------------------------------------------------------------------------------

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)


def declared_encoding(body: bytes) -> str | None:
    match = _XML_DECLARATION.match(body[:1024].lstrip(codecs.BOM_UTF8))
    return match.group(1).decode("ascii").lower() if match else None


def _codec_name(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def content_type_for(content_type: str | None, body: bytes) -> tuple[str, str | None]:
    """The Content-Type to give feedparser, and a note when we overrode the server's charset.

    Without a header we say application/xml (encoding from the BOM and XML declaration,
    RFC 7303); feedparser flags a missing Content-Type as an error otherwise.
    """
    value = (content_type or "").strip() or "application/xml"
    mime = value.split(";", 1)[0].strip().lower() or "application/xml"
    match = _CHARSET_PARAM.search(value)
    header = _codec_name(match.group(1)) if match else None
    if header is None or wide_codec(body) is not None:
        return value, None
    declared = _codec_name(declared_encoding(body)) or "utf-8"
    if header == declared or declared != "utf-8":
        return value, None
    if _is_utf8_with_non_ascii(body):
        return f"{mime}; charset=utf-8", (
            f"Content-Type says charset={match.group(1)} but the body is UTF-8: read as UTF-8"
        )
    return value, None


def repair_utf8(body: bytes, content_type: str) -> tuple[bytes, str | None]:
    """Replace invalid bytes in a document that is UTF-8 except for a few of them."""
    if body.isascii() or wide_codec(body) is not None:
        return body, None
    match = _CHARSET_PARAM.search(content_type)
    effective = _codec_name(match.group(1)) if match else None
    effective = effective or _codec_name(declared_encoding(body)) or "utf-8"
    if effective != "utf-8":
        return body, None
    try:
        body.decode("utf-8")
        return body, None
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if bad * 2 > non_ascii:
        return body, None  # mostly not UTF-8: a mislabelled legacy encoding; feedparser sniffs
    return text.encode("utf-8"), f"{bad} invalid UTF-8 byte sequence(s) replaced"
