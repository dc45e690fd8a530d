"""Where the shipped defaults are: the configuration, seeds, templates and examples.

In a source checkout they are the checkout's own `config/`, `seeds/` and `alerts/`; in an
installed wheel they are the copies packaged under `monitor/_defaults/` (see pyproject's
force-include). This module only finds them; it reads and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import monitor

_PACKAGE = Path(monitor.__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parent
_PACKAGED = _PACKAGE / "_defaults"


def shipped_root() -> Path:
    """The folder holding config/monitor.yaml, seeds/ and alerts/: the source checkout when
    there is one, else the copy shipped in the wheel."""
    for root in (_SOURCE_TREE, _PACKAGED):
        if (root / "config" / "monitor.yaml").is_file() and (root / "seeds").is_dir():
            return root
    raise FileNotFoundError(
        "the default configuration is missing from this installation (config/monitor.yaml)"
    )


def default_config_path() -> Path:
    """The default configuration file (config/monitor.yaml)."""
    return shipped_root() / "config" / "monitor.yaml"


def examples_dir() -> Path:
    """The folder of shipped examples (config/examples/<name>/)."""
    return shipped_root() / "config" / "examples"
