"""Slack's limits: at most 50 blocks per message and 3,000 characters per text; a long digest
becomes several messages, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from notify_samples import MILESTONES, NOW, mention, pending

from monitor.notify import blocks
from monitor.notify.compose import compose
from monitor.notify.render import Renderer
from monitor.types import Fact

ALERTS = Path(__file__).resolve().parents[2] / "alerts"


def many_stories(n: int):
    items = []
    for i in range(n):
        milestone = "iraq-mission-end" if i % 3 else "syria-support-end"
        items.append(
            pending(
                i + 1,
                title=f"Story {i:03d} about step {i}",
                milestones=(milestone,),
                facts=(Fact(milestone, "step", f"step {i}", f"step:{i}"),),
                mentions=(
                    mention(milestone, f"Sentence {i} by September 2025.", "by September 2025"),
                ),
                text=f"Body {i} " + " ".join(f"w{i}_{j}" for j in range(20)),
            )
        )
    return items


def section_texts(message):
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def test_120_stories_become_several_messages_within_limits_in_order():
    digest = compose(many_stories(120), MILESTONES, [], NOW)
    assert digest.story_count == 120
    messages = Renderer(ALERTS).slack(digest)
    assert len(messages) >= 3
    for number, message in enumerate(messages, start=1):
        assert len(message["blocks"]) <= blocks.MAX_BLOCKS
        assert all(len(t) <= blocks.MAX_TEXT for t in section_texts(message))
        assert message["text"].endswith(f"(part {number}/{len(messages)})")
        assert section_texts(message)[0].endswith(f"(part {number}/{len(messages)})")
        assert message["blocks"][1]["type"] != "divider"
        # A milestone heading never ends a message.
        assert "Due end of" not in section_texts(message)[-1]
    seen = [
        int(re.search(r"\|Story (\d{3}) about", text).group(1))  # type: ignore[union-attr]
        for message in messages
        for text in section_texts(message)
        if text.startswith("*<")  # the story blocks, headline first
    ]
    expected = [int(s.headline.split()[1]) for section in digest.sections for s in section.stories]
    assert seen == expected and len(seen) == 120


def test_a_text_longer_than_a_block_is_split_at_line_ends():
    lines = [f"line {i} " + "x" * 90 for i in range(100)]
    parts = blocks.split_text("\n".join(lines))
    assert len(parts) >= 4 and all(len(p) <= blocks.MAX_TEXT for p in parts)
    assert "\n".join(parts).split("\n") == lines


@pytest.mark.parametrize("length", [2999, 3000, 3001, 9000])
def test_one_long_line_is_cut(length):
    text = ("word " * length)[:length]
    parts = blocks.split_text(text)
    assert all(0 < len(p) <= blocks.MAX_TEXT for p in parts)
    assert "".join(p.replace(" ", "") for p in parts) == text.replace(" ", "")


def test_a_huge_story_is_split_across_blocks():
    long_sentence = "The coalition " + "and its partners " * 400 + "will leave by September 2025."
    item = pending(
        1,
        title="Long",
        facts=(Fact("iraq-mission-end", "step", "left", "step:x"),),
        mentions=(mention("iraq-mission-end", long_sentence, "by September 2025"),),
    )
    digest = compose([item], MILESTONES, [], NOW)
    messages = Renderer(ALERTS).slack(digest)
    assert len(messages) == 1
    assert all(len(t) <= blocks.MAX_TEXT for t in section_texts(messages[0]))


def test_paginate_keeps_headings_with_what_follows():
    pieces = [blocks.Piece(blocks.section(f"s{i}")) for i in range(47)]
    pieces.append(blocks.Piece(blocks.divider(), keep_with_next=True))
    pieces.append(blocks.Piece(blocks.section("heading"), keep_with_next=True))
    pieces.append(blocks.Piece(blocks.section("first story")))
    messages = blocks.paginate("*T*", pieces, "T")
    assert len(messages) == 2
    assert section_texts(messages[1])[1:] == ["heading", "first story"]
    assert messages[0]["blocks"][-1]["type"] != "divider"
