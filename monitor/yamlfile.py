"""YAML read strictly: a key written twice in one mapping is an error, not a silent overwrite.

PyYAML keeps the last of two equal keys, so a milestone with `require_terms` twice loses the
first list without a word. `load` raises `DuplicateKeyError` (a `yaml.YAMLError` with the line)
instead; `parse` turns any YAML error into the one-line `ConfigError` that names the file, the
line and the column. The configuration and the domain packs are read through it; it does no I/O
itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from monitor.errors import ConfigError


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping holds the same key twice."""


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(
                    None,
                    None,
                    f"the key {key!r} appears twice in one mapping",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> Any:
    """The YAML document in `text`; duplicate keys raise `DuplicateKeyError`."""
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)


def parse(path: Path, text: str) -> Any:
    """`load`, with a YAML error raised as "FILE: line L, column C: malformed YAML: ..."."""
    try:
        return load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}:" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}:{where} malformed YAML: {problem}") from None
