"""What `monitor init` writes: a configuration folder that works where it stands.

The folder holds `monitor.yaml` (the shipped configuration, comments kept, its paths made
local), `seeds/`, `alerts/` (the digest templates), an empty `data/` and `.env.example`. It
starts from the default configuration or from an example (`config/examples/<name>/`: a
monitor.yaml, seeds/ and whatever else the example carries, such as pages/). Nothing that
exists is overwritten: the plan is checked whole before the first file is written.

This module does not validate the configuration (`monitor.config` does) and never touches a
database.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from monitor.errors import ConfigError

CONFIG_NAME = "monitor.yaml"
ENV_EXAMPLE = Path(__file__).with_name("env.example")
# The keys that place files, and where they point inside an initialised folder.
LOCAL_PATHS = (
    ("database_url", "sqlite:///data/monitor.db"),
    ("data_dir", "data"),
    ("seeds_dir", "seeds"),
    ("templates_dir", "alerts"),
)
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a new folder's files come from."""

    name: str  # "default" or the example's name
    config: Path  # its monitor.yaml
    folder: Path | None  # an example's folder, copied whole (None for the default)
    seeds: Path
    alerts: Path


def list_examples(root: Path) -> list[str]:
    """The examples under `root`: the folders that hold a monitor.yaml, by name."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / CONFIG_NAME).is_file())


def default_source(shipped: Path) -> Source:
    """The default configuration of a shipped tree (source checkout or packaged copy)."""
    return Source(
        name="default",
        config=shipped / "config" / CONFIG_NAME,
        folder=None,
        seeds=shipped / "seeds",
        alerts=shipped / "alerts",
    )


def example_source(name: str, examples: Path, shipped: Path) -> Source:
    """The example `name` (a shipped one), or the folder at path `name` laid out like one.

    Raises ConfigError listing the shipped examples when there is no such example.
    """
    candidate = examples / name if "/" not in name and name not in (".", "..") else None
    if candidate is None or not (candidate / CONFIG_NAME).is_file():
        as_path = Path(name).expanduser()
        if (as_path / CONFIG_NAME).is_file():
            candidate = as_path
        else:
            known = ", ".join(list_examples(examples)) or "none shipped"
            raise ConfigError(f"unknown example {name!r} (examples: {known})")
    own_alerts = candidate / "alerts"
    return Source(
        name=candidate.name,
        config=candidate / CONFIG_NAME,
        folder=candidate,
        seeds=candidate / "seeds",
        alerts=own_alerts if own_alerts.is_dir() else shipped / "alerts",
    )


def localise(text: str) -> str:
    """The configuration text with its file paths pointing inside its own folder.

    Keys that place files are rewritten in place (a trailing comment is kept) or added before
    the first key; relative references to ../data in comments follow. Other text is kept as
    written, comments included.
    """
    missing = []
    for key, value in LOCAL_PATHS:
        line = re.compile(rf"^{key}:[ \t]*(?P<value>[^#\n]*?)(?P<rest>[ \t]*(?:#.*)?)$", re.M)
        match = line.search(text)
        if match is None:
            missing.append(f"{key}: {value}\n")
            continue
        current = match.group("value").strip().strip("\"'")
        if key == "database_url" and not current.startswith("sqlite"):
            continue  # a server database stays where it is
        new = f"{key}: {value}"
        rest = match.group("rest")
        if rest.strip():
            # Keep the comment in its column when the value got shorter.
            pad = max(1, len(match.group(0)) - len(rest.lstrip()) - len(new))
            new += " " * pad + rest.lstrip()
        text = text[: match.start()] + new + text[match.end() :]
    if missing:
        first = _TOP_LEVEL_KEY.search(text)
        at = first.start() if first else len(text)
        text = text[:at] + "".join(missing) + text[at:]
    return text.replace("../data/", "data/")


@dataclass(frozen=True, slots=True)
class Written:
    """What `init_folder` made, for the command to report."""

    folder: Path
    config: Path
    seeds: int
    copied: tuple[str, ...]


def init_folder(dest: Path, source: Source) -> Written:
    """Write a configuration folder at `dest` from `source`. Raises ConfigError, before
    writing anything, when a file or folder it would write exists."""
    if dest.exists() and not dest.is_dir():
        raise ConfigError(f"{dest} exists and is not a folder")
    extra = []
    if source.folder is not None:
        skip = {CONFIG_NAME, "seeds", "alerts", "data", ".env.example"}
        extra = sorted(p.name for p in source.folder.iterdir() if p.name not in skip)
    targets = [CONFIG_NAME, "seeds", "alerts", "data", ".env.example", *extra]
    clashes = [dest / name for name in targets if (dest / name).exists()]
    if clashes:
        also = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise ConfigError(
            f"{clashes[0]} exists{also}: refusing to overwrite; choose a new or empty folder"
        )
    if not source.seeds.is_dir():
        raise ConfigError(f"{source.seeds}: the example has no seeds folder")
    dest.mkdir(parents=True, exist_ok=True)
    text = source.config.read_text(encoding="utf-8")
    (dest / CONFIG_NAME).write_text(localise(text), encoding="utf-8")
    shutil.copytree(source.seeds, dest / "seeds")
    shutil.copytree(source.alerts, dest / "alerts")
    for name in extra:
        path = source.folder / name  # type: ignore[operator]
        if path.is_dir():
            shutil.copytree(path, dest / name)
        else:
            shutil.copy2(path, dest / name)
    (dest / "data").mkdir()
    shutil.copy2(ENV_EXAMPLE, dest / ".env.example")
    seeds = sum(1 for p in (dest / "seeds").glob("*.txt"))
    return Written(dest, dest / CONFIG_NAME, seeds, tuple(extra))
