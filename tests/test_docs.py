"""The README stays true to the command line: every command is documented, and the two
first-screen commands are the ones CI runs."""

from __future__ import annotations

import re

import click

from monitor.cli import cli
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_appears_in_the_readme() -> None:
    names = cli.list_commands(click.Context(cli))
    assert "findings" in names and "feeds" in names
    for name in names:
        assert f"monitor {name}" in README, f"README does not document `monitor {name}`"


def test_first_screen_gives_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    first_screen = README.split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", first_screen, re.S)
    assert len(blocks) == 2
    main_job, tests = (b.strip() for b in blocks)
    assert "monitor run --once" in main_job
    assert "pip install -e '.[test]'" in tests and "./check" in tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip\" install --quiet -e '.[test]'" in ci and "./check" in ci
