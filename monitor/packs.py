"""Domain packs: the words of a field (config/packs/*.yaml), read, validated and merged.

A pack says how a commitment of one kind is worded in the news: the phrases of a completion,
a delay, an extension ... (`status`), the families of step words with the role each plays
(`steps`), the nouns that name the commitment's course (`process_nouns`) or a step
(`action_nouns`), nouns of a role (`role_nouns`), words allowed between a preposition and a
place (`place_fillers`) and the quantities that matter (`quantities`). The `core` pack holds the
generic English of status changes and is always used; a milestone names its domain packs and
may add to them or take words out (`words`). docs/configuration.md documents every key.

`load_packs` is the only function here that touches the file system; `merge_words` is pure.
Every problem is one `ConfigError` line naming the file and the key. The analysis never reads
packs itself: it receives the merged `monitor.types.DomainWords` with each milestone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

import monitor
from monitor import yamlfile
from monitor.errors import ConfigError
from monitor.types import STEP_ROLES, DomainWords, QuantityWords, StepWords

CORE = "core"
STATUSES = ("completed", "delayed", "extended", "reversed", "denied", "confirmed")
_SOURCE_PACKS = Path(monitor.__file__).resolve().parents[1] / "config" / "packs"
_PACKAGED_PACKS = Path(monitor.__file__).resolve().parent / "_defaults" / "config" / "packs"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _phrases(value: object) -> tuple[str, ...]:
    """A list of phrases, lower case, blank ones dropped; a single string is one phrase."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ValueError(f"must be a list of phrases, got {type(value).__name__}")
    out = []
    for item in value:
        if not isinstance(item, str | int | float):
            raise ValueError(
                f"must be a list of phrases, got an item of type {type(item).__name__}"
            )
        text = " ".join(str(item).lower().split())
        if text:
            out.append(text)
    return tuple(dict.fromkeys(out))


class StepFamilyConfig(_Strict):
    """One family of step words."""

    role: str = ""  # required for a new family; a milestone adding words to one may omit it
    phrases: tuple[str, ...] = ()
    done: str = ""
    planned: str = ""

    @field_validator("phrases", mode="before")
    @classmethod
    def _list(cls, value: object) -> tuple[str, ...]:
        return _phrases(value)

    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        if value and value not in STEP_ROLES:
            raise ValueError(f"unknown role {value!r} (known: {', '.join(STEP_ROLES)})")
        return value


class QuantityConfig(_Strict):
    """A quantity: counted nouns, or units with their factor to the quantity's unit."""

    nouns: tuple[str, ...] = ()
    units: dict[str, float] = Field(default_factory=dict)
    modifiers: tuple[str, ...] = ()
    collectives: tuple[str, ...] = ()

    @field_validator("nouns", "modifiers", "collectives", mode="before")
    @classmethod
    def _list(cls, value: object) -> tuple[str, ...]:
        return _phrases(value)

    @field_validator("units", mode="before")
    @classmethod
    def _units(cls, value: object) -> dict[str, float]:
        if value is None:
            return {}
        if isinstance(value, list | tuple):  # a plain list: every unit counts 1
            return {u: 1.0 for u in _phrases(value)}
        if not isinstance(value, Mapping):
            raise ValueError("must map each unit to its factor, e.g. {mw: 1, gw: 1000}")
        return {" ".join(str(k).lower().split()): v for k, v in value.items()}


# The plain phrase lists of a layer of words.
_LISTS = ("process_nouns", "action_nouns", "role_nouns", "place_fillers", "pending_decisions")


class WordsConfig(_Strict):
    """Words a pack defines, or a milestone adds (`words:` in a milestone)."""

    status: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    steps: dict[str, StepFamilyConfig] = Field(default_factory=dict)
    process_nouns: tuple[str, ...] = ()
    action_nouns: tuple[str, ...] = ()
    role_nouns: tuple[str, ...] = ()
    place_fillers: tuple[str, ...] = ()
    pending_decisions: tuple[str, ...] = ()
    quantities: dict[str, QuantityConfig] = Field(default_factory=dict)

    @field_validator(
        "process_nouns",
        "action_nouns",
        "role_nouns",
        "place_fillers",
        "pending_decisions",
        mode="before",
    )
    @classmethod
    def _list(cls, value: object) -> tuple[str, ...]:
        return _phrases(value)

    @field_validator("status", mode="before")
    @classmethod
    def _statuses(cls, value: object) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValueError("must map a status to its phrases")
        out = {}
        for status, phrases in value.items():
            if status not in STATUSES:
                raise ValueError(f"unknown status {status!r} (known: {', '.join(STATUSES)})")
            out[status] = _phrases(phrases)
        return out


class PackConfig(WordsConfig):
    """A pack file."""

    name: str
    description: str = ""


class MilestoneWordsConfig(WordsConfig):
    """A milestone's own words: added to its packs', except the phrases under `remove`."""

    remove: tuple[str, ...] = ()

    @field_validator("remove", mode="before")
    @classmethod
    def _removed(cls, value: object) -> tuple[str, ...]:
        return _phrases(value)


def builtin_packs_dir() -> Path | None:
    """The packs shipped with the program: the source checkout's, else the wheel's copy."""
    for folder in (_SOURCE_PACKS, _PACKAGED_PACKS):
        if folder.is_dir():
            return folder
    return None


def load_packs(folders: Sequence[Path]) -> dict[str, PackConfig]:
    """Every pack in `folders` (*.yaml), by name; a pack in an earlier folder wins over one of
    the same name in a later folder (a user's own pack over the shipped one)."""
    packs: dict[str, PackConfig] = {}
    for folder in reversed([f for f in folders if f is not None]):
        if not folder.is_dir():
            continue
        found: dict[str, Path] = {}
        for path in sorted(folder.glob("*.yaml")):
            pack = _read_pack(path)
            if pack.name in found:
                raise ConfigError(
                    f"{path}: name: pack {pack.name!r} is also defined in {found[pack.name]}"
                )
            found[pack.name] = path
            packs[pack.name] = pack
    return packs


def _read_pack(path: Path) -> PackConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the pack: {exc}") from None
    data = yamlfile.parse(path, text)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a pack must be a mapping of keys")
    data.setdefault("name", path.stem)
    try:
        return PackConfig(**data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc)}") from None


def describe(exc: ValidationError) -> str:
    """A pydantic error as one line: key and problem, several joined by '; '."""
    parts = []
    for error in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in error["loc"]) or "(top level)"
        if error["type"] == "extra_forbidden":
            parts.append(f"unknown key {loc!r}")
        elif error["type"] == "missing":
            parts.append(f"{loc}: required key is missing")
        else:
            parts.append(f"{loc}: {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


def merge_words(
    names: Sequence[str], packs: Mapping[str, PackConfig], own: MilestoneWordsConfig | None
) -> DomainWords:
    """The core pack, the named packs in order, then the milestone's own words; phrases under
    `remove` are taken out of every list. Raises KeyError with the first unknown pack name and
    ValueError ("steps.<family>: ...") for a step family that ends up without a role."""
    chosen = [CORE, *[n for n in names if n != CORE]]
    layers: list[WordsConfig] = []
    for name in chosen:
        if name not in packs:
            if name == CORE:
                continue  # a configuration without the core pack still works, with fewer words
            raise KeyError(name)
        layers.append(packs[name])
    if own is not None:
        layers.append(own)
    # `remove` takes words out of the packs; what the milestone adds itself stays, under the
    # key it is added to ("remove: [paused]" and "status: {delayed: [paused]}" move it).
    removed = frozenset(own.remove) if own is not None else frozenset()

    def kept(layer: WordsConfig, phrases: Iterable[str]) -> list[str]:
        return list(phrases) if layer is own else [p for p in phrases if p not in removed]

    def keep(phrases: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(phrases))

    status: dict[str, list[str]] = {}
    steps: dict[str, StepFamilyConfig] = {}
    step_phrases: dict[str, list[str]] = {}
    quantities: dict[str, dict[str, Any]] = {}
    lists: dict[str, list[str]] = {k: [] for k in _LISTS}
    for layer in layers:
        for key, phrases in layer.status.items():
            status.setdefault(key, []).extend(kept(layer, phrases))
        for family, spec in layer.steps.items():
            base = steps.get(family)
            # A later layer may add phrases to a family or restate its role and wording.
            steps[family] = spec if base is None else _restate(base, spec)
            step_phrases.setdefault(family, []).extend(kept(layer, spec.phrases))
        for key in lists:
            lists[key].extend(kept(layer, getattr(layer, key)))
        for name, q in layer.quantities.items():
            merged = quantities.setdefault(
                name, {"nouns": [], "units": {}, "modifiers": [], "collectives": []}
            )
            merged["nouns"] += kept(layer, q.nouns)
            merged["units"].update(
                {u: f for u, f in q.units.items() if layer is own or u not in removed}
            )
            merged["modifiers"] += kept(layer, q.modifiers)
            merged["collectives"] += kept(layer, q.collectives)
    for family, spec in steps.items():
        if not spec.role:
            raise ValueError(
                f"steps.{family}: a new step family needs a role ({', '.join(STEP_ROLES)})"
            )
    return DomainWords(
        packs=tuple(n for n in chosen if n in packs),
        status=tuple((s, keep(status[s])) for s in STATUSES if s in status),
        steps=tuple(
            StepWords(family, spec.role, keep(step_phrases[family]), spec.done, spec.planned)
            for family, spec in steps.items()
        ),
        process_nouns=keep(lists["process_nouns"]),
        action_nouns=keep(lists["action_nouns"]),
        role_nouns=keep(lists["role_nouns"]),
        place_fillers=keep(lists["place_fillers"]),
        pending_decisions=keep(lists["pending_decisions"]),
        quantities=tuple(
            QuantityWords(
                name,
                keep(q["nouns"]),
                tuple((u, float(f)) for u, f in q["units"].items()),
                keep(q["modifiers"]),
                keep(q["collectives"]),
            )
            for name, q in quantities.items()
        ),
    )


def _restate(base: StepFamilyConfig, spec: StepFamilyConfig) -> StepFamilyConfig:
    return StepFamilyConfig(
        role=spec.role or base.role,
        phrases=(),
        done=spec.done or base.done,
        planned=spec.planned or base.planned,
    )
