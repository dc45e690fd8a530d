"""Domain packs: how packs and a milestone's own words combine (a table of cases), and the
one-line errors of bad packs, dues and revisions (the CLI run as a real subprocess)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from monitor.packs import (
    MilestoneWordsConfig,
    PackConfig,
    builtin_packs_dir,
    load_packs,
    merge_words,
)
from tests.conftest import REPO
from tests.test_cli_foundation import monitor

SHIPPED = ("core", "military-withdrawal", "facility-closure", "law-application")


def test_the_shipped_packs_load_and_name_roles_the_analysis_knows() -> None:
    packs = load_packs([builtin_packs_dir()])
    assert set(SHIPPED) <= set(packs)
    for name in SHIPPED[1:]:
        words = merge_words([name], packs, None)
        assert words.packs == ("core", name)
        assert words.steps, name  # every domain pack says what a step looks like
        assert dict(words.status)["completed"], name


def _pack(**words: object) -> PackConfig:
    return PackConfig(name="test", **words)


@pytest.mark.parametrize(
    ("own", "check"),
    [
        # The core pack comes first and is always there.
        (None, lambda w: "postponed" in dict(w.status)["delayed"]),
        # A milestone adds phrases to a family of the pack, keeping its role.
        (
            {"steps": {"shut": {"phrases": ["stop the lines"]}}},
            lambda w: (
                {s.family: s for s in w.steps}["shut"].phrases == ("shut down", "stop the lines")
                and {s.family: s for s in w.steps}["shut"].role == "closure"
            ),
        ),
        # `remove` takes words out of the packs ...
        ({"remove": ["shut down"]}, lambda w: {s.family: s for s in w.steps}["shut"].phrases == ()),
        # ... but never what the milestone adds itself, which moves a phrase to another key.
        (
            {"remove": ["postponed"], "status": {"delayed": ["postponed"]}},
            lambda w: "postponed" in dict(w.status)["delayed"],
        ),
        (
            {"remove": ["halted"], "status": {"delayed": ["halted"]}},
            lambda w: (
                "halted" in dict(w.status)["delayed"] and "halted" not in dict(w.status)["reversed"]
            ),
        ),
        # Decisions that settle nothing yet come from the law pack, and a milestone adds more.
        (None, lambda w: w.pending_decisions == ()),
        (
            {"pending_decisions": ["committee vote"]},
            lambda w: w.pending_decisions == ("committee vote",),
        ),
        # Quantities merge by name; units keep their factors.
        (
            {"quantities": {"capacity": {"units": {"gw": 1000}}}},
            lambda w: dict(w.quantities[0].units) == {"mw": 1.0, "gw": 1000.0},
        ),
    ],
)
def test_packs_and_own_words_combine(own, check) -> None:
    packs = load_packs([builtin_packs_dir()])
    packs["test"] = _pack(
        steps={"shut": {"role": "closure", "phrases": ["shut down"]}},
        quantities={"capacity": {"units": {"mw": 1}}},
    )
    words = merge_words(["test"], packs, MilestoneWordsConfig(**own) if own else None)
    assert check(words)


def test_unknown_pack_and_roleless_family_are_refused() -> None:
    packs = load_packs([builtin_packs_dir()])
    with pytest.raises(KeyError):
        merge_words(["no-such-pack"], packs, None)
    with pytest.raises(ValueError, match="steps.brand_new: a new step family needs a role"):
        merge_words([], packs, MilestoneWordsConfig(steps={"brand_new": {"phrases": ["x"]}}))


def test_a_pack_of_ones_own_replaces_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "name: facility-closure\nsteps:\n  close:\n    role: closure\n    phrases: [switch off]\n",
        encoding="utf-8",
    )
    packs = load_packs([tmp_path, builtin_packs_dir()])
    words = merge_words(["facility-closure"], packs, None)
    assert [s.family for s in words.steps] == ["close"]


def _config(tmp_path: Path, milestone: dict, packs: dict[str, str] | None = None) -> Path:
    data = {
        "database_url": f"sqlite:///{tmp_path / 'm.db'}",
        "seeds_dir": str(REPO / "seeds"),
        "feeds": [{"name": "plant-news", "url": "https://plant-news.example/feed.xml"}],
        "milestones": [
            {
                "id": "plant",
                "title": "Acme closes the Riverside plant",
                "due": "2026-06",
                **milestone,
            }
        ],
    }
    if packs:
        (tmp_path / "packs").mkdir()
        for name, text in packs.items():
            (tmp_path / "packs" / name).write_text(text, encoding="utf-8")
    path = tmp_path / "monitor.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("milestone", "packs", "expected"),
    [
        ({"packs": ["no-such"]}, None, "milestones.0.packs: unknown pack 'no-such'"),
        ({"due": "2026-13"}, None, "milestones.0.due: must be YYYY-MM or YYYY-MM-DD"),
        ({"due": "2026-02-30"}, None, "milestones.0.due: must be YYYY-MM or YYYY-MM-DD"),
        (
            {"revisions": [{"on": "2026-1-5", "due": "2026-09"}]},
            None,
            "milestones.0.revisions.0.on: must be YYYY-MM-DD",
        ),
        (
            {"revisions": [{"on": "2026-01-05", "due": "soon"}]},
            None,
            "milestones.0.revisions.0.due: must be YYYY-MM or YYYY-MM-DD",
        ),
        (
            {
                "revisions": [
                    {"on": "2026-03-01", "due": "2026-09"},
                    {"on": "2026-01-01", "due": "2027"},
                ]
            },
            None,
            "milestones.0.revisions.1.due: must be YYYY-MM or YYYY-MM-DD",
        ),
        (
            {
                "revisions": [
                    {"on": "2026-03-01", "due": "2026-09"},
                    {"on": "2026-01-01", "due": "2027-01"},
                ]
            },
            None,
            "revisions must be listed in the order they were made",
        ),
        ({"words": {"steps": {"new": {"phrases": ["x"]}}}}, None, "a new step family needs a role"),
        ({"packs": ["bad"]}, {"bad.yaml": "name: bad\nsteps: [unclosed\n"}, "bad.yaml: line 3"),
        (
            {"packs": ["bad"]},
            {"bad.yaml": "name: bad\nverbs: [x]\n"},
            "bad.yaml: unknown key 'verbs'",
        ),
        (
            {"packs": ["bad"]},
            {"bad.yaml": "name: bad\nsteps:\n  go:\n    role: leaving\n"},
            "bad.yaml: steps.go.role: unknown role 'leaving'",
        ),
        (
            {"packs": ["bad"]},
            {"bad.yaml": "name: bad\nstatus:\n  finished: [done]\n"},
            "bad.yaml: status: unknown status 'finished'",
        ),
    ],
)
def test_bad_packs_dues_and_revisions_are_one_line_and_exit_2(
    tmp_path: Path, milestone: dict, packs: dict[str, str] | None, expected: str
) -> None:
    result = monitor("--config", str(_config(tmp_path, milestone, packs)), "config", "check")
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_a_key_written_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(
        "milestones:\n  - id: a\n    title: A\n    due: 2026-01\n    due: 2026-02\n",
        encoding="utf-8",
    )
    result = monitor("--config", str(path), "config", "check")
    assert result.returncode == 2
    assert "line 5" in result.stderr and "the key 'due' appears twice" in result.stderr


def test_config_check_warns_about_a_milestone_that_matches_nothing(tmp_path: Path) -> None:
    result = monitor("--config", str(_config(tmp_path, {})), "config", "check")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert any("no domain pack" in w for w in warnings), warnings
    assert any("using words of its title" in w for w in warnings), warnings
    configured = _config(
        tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path,
        {
            "packs": ["facility-closure"],
            "subject_terms": ["riverside plant | riverside factory", "acme"],
            "place_terms": ["riverside"],
        },
    )
    result = monitor("--config", str(configured), "config", "check")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
