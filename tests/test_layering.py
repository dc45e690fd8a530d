"""The import rules of the layout: the store knows nothing of the notifications, and the
channel modules know only the message they send, not each other nor the channel registry."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "monitor"


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_store_imports_nothing_from_notify() -> None:
    for path in sorted((PACKAGE / "store").rglob("*.py")):
        bad = sorted(m for m in imported_modules(path) if m.startswith("monitor.notify"))
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


@pytest.mark.parametrize("channel", ["email", "slack", "console"])
def test_channel_modules_import_only_the_message_module(channel: str) -> None:
    # And the attempt they send under (its deadline, whether the message left), which
    # imports no channel either.
    imports = imported_modules(PACKAGE / "notify" / f"{channel}.py")
    notify = sorted(m for m in imports if m.startswith("monitor.notify"))
    allowed = ("monitor.notify.message", "monitor.notify.attempt")
    assert all(m.startswith(allowed) for m in notify), notify
    attempt = imported_modules(PACKAGE / "notify" / "attempt.py")
    assert not [m for m in attempt if m.startswith("monitor.notify")]


def test_the_state_logic_is_pure() -> None:
    # The derivation, confirmation, wording and alert decisions read no clock, database or
    # network: `now` and the evidence are passed in.
    forbidden = ("monitor.store", "monitor.notify", "sqlalchemy", "aiohttp", "time")
    for name in ("derive", "confirm", "describe", "alerts", "model"):
        path = PACKAGE / "state" / f"{name}.py"
        bad = sorted(m for m in imported_modules(path) if m.startswith(forbidden))
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"
        assert "datetime.now" not in path.read_text(encoding="utf-8")
