"""Running one command imports its own module, not every command's: the others' imports
(aiohttp, trafilatura, the report builder…) are not paid for by `monitor findings`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from monitor.cli import COMMAND_MODULES

PROBE = """
import json, sys
from monitor.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="monitor", standalone_mode=False)
finally:
    loaded = sorted(m for m in sys.modules if m.startswith("monitor.cli.") and m.endswith("_cmd"))
    print(json.dumps(loaded), file=sys.stderr)
"""


def loaded_modules(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("args", "modules"),
    [
        (["findings", "--help"], ["monitor.cli.findings_cmd"]),
        # Refused for want of a configuration, once its module is loaded.
        (["--config", "/nonexistent/monitor.yaml", "feeds"], ["monitor.cli.feeds_cmd"]),
        (["--config", "/nonexistent/monitor.yaml", "status"], ["monitor.cli.status_cmd"]),
        (["feeds", "test", "--help"], ["monitor.cli.feeds_cmd", "monitor.cli.feeds_test_cmd"]),
        (["db", "--help"], ["monitor.cli.db_cmd"]),
        (["--version"], []),
    ],
)
def test_a_command_imports_its_own_module_only(args, modules):
    assert loaded_modules(*args) == modules


def test_help_lists_every_command_with_its_help():
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    listing = result.stdout.split("Commands:", 1)[1]
    for name in COMMAND_MODULES:
        line = next(x for x in listing.splitlines() if x.split()[:1] == [name])
        assert len(line.split(None, 1)[1]) > 10, line


def test_the_digest_mark_the_commands_read_is_the_one_the_cycle_sets():
    from monitor.cycle import DIGEST_MARK
    from monitor.schedule import DIGEST_MARK as SHOWN

    assert SHOWN == DIGEST_MARK
