"""Seed loading: headers, debris, hard-wrapped text, and the errors of a bad seeds folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.seeds import load_seeds, parse_seed, strip_debris
from tests.conftest import REPO

HEADER = "title: A story\noutlet: Example News\npublished: 2024-09-27\nurl: https://e.org/a\n---\n"


def test_repository_seeds_lose_their_debris() -> None:
    seeds = {s.id: s for s in load_seeds(REPO / "seeds")}
    hill = seeds["000_8f32e4b1079b2bee"]
    assert hill.published == date(2021, 12, 9) and hill.outlet == "The Hill"
    assert "about 2,500 service members" in hill.text
    for debris in (
        "Tags ",
        "Most Popular",
        "Load more",
        "comment section",
        "See all Video",
        "Defense Visual Information Distribution Service",
    ):
        assert debris not in hill.text
    dod = seeds["004_8adf0b6e8007587d"]
    assert "until at least September 2026" in dod.text
    assert "originally found on" not in dod.text


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        (
            "A story\nThe mission ends in September 2025, officials said.\n",
            "mission ends",
            "A story",
        ),
        ("The plan was announced on Friday in Baghdad.\nTags Iraq Syria\n", "announced", "Tags"),
        (
            "The troops stay until at least September 2026, he said.\n\nLoad more\n",
            "stay",
            "Load more",
        ),
        (
            "Officials in Baghdad and Washington said that the coalition\n"
            "mission in Iraq would come to its end, as agreed, by the end of\n"
            "September 2025 as agreed.\n",
            "the coalition mission in Iraq would come to its end, as agreed, by the end of "
            "September 2025 as agreed.",
            "\n",
        ),
        (
            "The base, officials said,\nWill be handed over in stages to Iraqi forces.\n",
            "The base, officials said, Will be handed over",
            "\n",
        ),
    ],
)
def test_strip_debris(body: str, kept: str, dropped: str) -> None:
    text = strip_debris(body, title="A story")
    assert kept in text
    assert dropped not in text


def test_parse_seed_header() -> None:
    seed = parse_seed("x", HEADER + "The mission in Iraq ends in September 2025, officials said.\n")
    assert (seed.title, seed.outlet, seed.url) == ("A story", "Example News", "https://e.org/a")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no header here\n", "no header"),
        ("title: A\n---\nText of the story goes on here, said someone.\n", "missing 'outlet'"),
        (
            "title: A\noutlet: B\npublished: yesterday\n---\nThe story goes on and on here.\n",
            "YYYY-MM-DD",
        ),
        ("title: A\nauthor: C\n---\nx\n", "header line 2"),
        (HEADER + "Most Popular\nLoad more\n", "no prose left"),
    ],
)
def test_bad_seed_files(content: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_seed("x", content)


def test_missing_or_empty_seeds_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_seeds(tmp_path / "nope")
    with pytest.raises(ConfigError, match="no baseline documents"):
        load_seeds(tmp_path)
