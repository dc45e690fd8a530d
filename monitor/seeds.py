"""The baseline documents: read `seeds/*.txt`, parse their header, drop web-page debris.

`load_seeds` is the only function here that touches the file system; `parse_seed` and
`strip_debris` are pure. What the baseline *states* (sentences, facts) is worked out by
`monitor.analysis.baseline`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from monitor.errors import ConfigError

HEADER_KEYS = ("title", "outlet", "published", "url")

# Lines that are page furniture, not the document: tag lists, widgets, comment notices and
# syndication footers. Matched against a whole stripped line.
_DEBRIS_LINE = re.compile(
    r"""^(?:
        tags?\b.* |
        most\ (?:popular|read|viewed)\b.* |
        (?:load|show|read)\ more\b.* |
        see\ all\b.* |
        related(?:\ (?:articles|stories|content))?:?$ |
        advertisement$ |
        share\ (?:this|on)\b.* |
        (?:sign\ up|subscribe)\b.*newsletter.* |
        .*\bcomment\ section\b.* |
        .*\bjoin\ the\ (?:discussion|conversation)\b.* |
        .*\bwas\ originally\ (?:found|published)\ (?:on|at|in)\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Prose ends a sentence; a headline, a photo credit or a widget label does not.
_ENDS_LIKE_PROSE = re.compile(r"""[.!?…]["'”’)\]]*$""")
_MIN_PROSE_WORDS = 6
# A line at least this long that stops mid-sentence was wrapped, not a headline.
_WRAPPED_LINE = 40


@dataclass(frozen=True, slots=True)
class SeedDocument:
    """One baseline document: its header fields and its cleaned text."""

    id: str
    title: str
    outlet: str
    published: date
    url: str | None
    text: str


def strip_debris(text: str, title: str = "") -> str:
    """The prose paragraphs of a captured page, without its furniture.

    Drops known debris lines and a repeat of the title, joins hard-wrapped lines back into
    their paragraph, and keeps paragraphs that read as prose (enough words, sentence-final
    punctuation). Paragraphs stay separated by blank lines.
    """
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if title and line.casefold() == title.strip().casefold():
            continue
        if line and _DEBRIS_LINE.match(line):
            continue
        lines.append(line)
    kept = []
    for paragraph in _unwrap(lines):
        if len(paragraph.split()) >= _MIN_PROSE_WORDS and _ENDS_LIKE_PROSE.search(paragraph):
            kept.append(paragraph)
    return "\n\n".join(kept)


def _unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped line to the one before it: when that one does not end a sentence
    and this one continues it (starts in lower case, follows a comma or a dash, or follows a
    long line cut after a lower-case word, as wrapped prose is)."""
    paragraphs: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        last = paragraphs[-1] if paragraphs and not previous_blank else ""
        continues = (
            last
            and not _ENDS_LIKE_PROSE.search(last)
            and (
                line[0].islower()
                or last.endswith((",", "-", "—", "–", ";", ":"))
                or (len(last) >= _WRAPPED_LINE and last[-1].islower())
            )
        )
        if continues:
            paragraphs[-1] = f"{last} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
    return paragraphs


def parse_seed(seed_id: str, content: str, *, source: str = "") -> SeedDocument:
    """Parse a seed file's header and text. Raises ConfigError naming `source`."""
    where = source or seed_id
    head, sep, body = content.partition("\n---\n")
    if not sep:
        raise ConfigError(f"{where}: no header (expected 'key: value' lines, then a line '---')")
    fields: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in HEADER_KEYS:
            raise ConfigError(
                f"{where}: header line {number} must be one of {', '.join(HEADER_KEYS)}: {line!r}"
            )
        fields[key] = value.strip()
    for required in ("title", "outlet", "published"):
        if not fields.get(required):
            raise ConfigError(f"{where}: header is missing '{required}'")
    try:
        published = date.fromisoformat(fields["published"])
    except ValueError:
        raise ConfigError(
            f"{where}: published must be YYYY-MM-DD, got {fields['published']!r}"
        ) from None
    text = strip_debris(body, fields["title"])
    if not text:
        raise ConfigError(f"{where}: no prose left after removing page debris")
    return SeedDocument(
        id=seed_id,
        title=fields["title"],
        outlet=fields["outlet"],
        published=published,
        url=fields.get("url") or None,
        text=text,
    )


def load_seeds(folder: Path) -> tuple[SeedDocument, ...]:
    """Every `*.txt` seed in `folder`, sorted by name. Raises ConfigError when unusable."""
    if not folder.is_dir():
        raise ConfigError(f"seeds folder {folder} does not exist (seeds_dir in the configuration)")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise ConfigError(f"seeds folder {folder} holds no baseline documents (*.txt)")
    seeds = []
    for path in files:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read seed: {exc}") from None
        seeds.append(parse_seed(path.stem, content.replace("\r\n", "\n"), source=str(path)))
    return tuple(seeds)
