"""Block Kit messages within Slack's limits, built in Python from rendered mrkdwn (pure).

Limits kept: at most `MAX_BLOCKS` (50) blocks per message and `MAX_TEXT` (3,000) characters
per section text. A piece of text longer than that is split at line ends (at a space, or hard,
when one line is longer still); a digest with more blocks than one message holds is split into
several messages, in order, each opening with the digest's title and "(part i/n)". A milestone
heading is never left as the last block of a message: it moves to the next one with its
first story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_BLOCKS = 50
MAX_TEXT = 3000
# The `text` field is the notification fallback; keep it short.
MAX_FALLBACK = 300

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Piece:
    """One block of a digest. `keep_with_next` glues a heading to what follows it."""

    block: Block
    keep_with_next: bool = False


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def divider() -> Block:
    return {"type": "divider"}


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at line ends where possible."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return [p for p in (p.strip("\n") for p in pieces) if p.strip()]


def text_pieces(text: str, *, keep_with_next: bool = False) -> list[Piece]:
    """Section blocks for `text`, split to the per-block limit."""
    parts = split_text(text)
    return [
        Piece(section(part), keep_with_next and i == len(parts) - 1) for i, part in enumerate(parts)
    ]


def paginate(
    title: str, pieces: Sequence[Piece], fallback: str, max_blocks: int = MAX_BLOCKS
) -> list[dict[str, Any]]:
    """Slack messages (`{"text": …, "blocks": […]}`) carrying `pieces` in order.

    `title` (mrkdwn, already escaped) opens every message; `fallback` (escaped) is the
    notification text. Each message holds at most `max_blocks` blocks.
    """
    if max_blocks < 3:
        raise ValueError("a message needs room for its title and at least two blocks")
    room = max_blocks - 1  # the title block
    pages: list[list[Piece]] = [[]]
    for piece in pieces:
        page = pages[-1]
        if len(page) >= room:
            carry: list[Piece] = []
            while page and page[-1].keep_with_next and len(carry) < room - 1:
                carry.insert(0, page.pop())
            if not page:  # nothing but headings: keep them rather than loop forever
                page.extend(carry)
                carry = []
            pages.append(carry)
            page = pages[-1]
        if not page and piece.block.get("type") == "divider":
            continue  # no message opens with a rule
        page.append(piece)
    pages = [p for p in pages if p] or [[]]
    total = len(pages)
    messages = []
    for number, page in enumerate(pages, start=1):
        label = f" (part {number}/{total})" if total > 1 else ""
        title_block = section((title + label)[:MAX_TEXT])
        while page and page[-1].block.get("type") == "divider":
            page = page[:-1]
        messages.append(
            {
                "text": (fallback[: MAX_FALLBACK - len(label)] + label),
                "blocks": [title_block, *(p.block for p in page)],
            }
        )
    return messages
