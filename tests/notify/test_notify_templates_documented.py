"""alerts/README.md documents every variable the templates use, and nothing that does not exist.

The templates are parsed (Jinja's AST) and walked with the types of `monitor.notify.model`:
`digest` is a Digest, a loop variable takes the element type of what it loops over, a macro
parameter takes the type the README gives its name. Every attribute read must exist on the
type and be documented as `Type.attribute`; every other name must be a loop or macro
variable, a macro, or one of the documented functions.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from monitor.notify import model
from monitor.notify.render import TEMPLATES

ALERTS = Path(__file__).resolve().parents[2] / "alerts"
README = (ALERTS / "README.md").read_text(encoding="utf-8")
FUNCTIONS = {"slack_link", "caller", "varargs", "kwargs", "range", "loop"}

DOCUMENTED = set(re.findall(r"^\| `(\w+)\.(\w+)` \|", README, re.MULTILINE))
NAMES = {
    name: getattr(model, type_name)
    for name, type_name in re.findall(r"^\| `(\w+)` \| `(\w+)` \|$", README, re.MULTILINE)
}


def contract_types() -> set[type]:
    """The dataclasses reachable from Digest."""
    seen: set[type] = set()
    todo: list[type] = [model.Digest]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for hint in typing.get_type_hints(cls).values():
            inner = element(hint) or strip_none(hint)
            if is_dataclass(inner):
                todo.append(inner)  # type: ignore[arg-type]
    return seen


def strip_none(hint: object) -> object:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return hint


def element(hint: object) -> object | None:
    hint = strip_none(hint)
    if typing.get_origin(hint) in (tuple, list):
        return typing.get_args(hint)[0]
    return None


def targets(node: nodes.Node) -> list[nodes.Name]:
    if isinstance(node, nodes.Name):
        return [node]
    return list(node.find_all(nodes.Name))


class Walker:
    def __init__(self, template: str) -> None:
        self.template = template
        self.used: set[tuple[str, str]] = set()
        self.errors: list[str] = []
        self.macros: set[str] = set()

    def type_of(self, node: nodes.Node, scope: dict[str, object]) -> object | None:
        if isinstance(node, nodes.Name):
            if node.name not in scope and node.name not in FUNCTIONS | self.macros:
                self.errors.append(
                    f"{self.template}:{node.lineno}: undocumented name {node.name!r}"
                )
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            base = self.type_of(node.node, scope)
            if is_dataclass(base):
                names = {f.name for f in fields(base)}  # type: ignore[arg-type]
                owner = base.__name__  # type: ignore[union-attr]
                if node.attr not in names:
                    self.errors.append(
                        f"{self.template}:{node.lineno}: {owner} has no {node.attr!r}"
                    )
                    return None
                self.used.add((owner, node.attr))
                return strip_none(typing.get_type_hints(base)[node.attr])
            return None  # an attribute of a text, a date …: Python's own
        if isinstance(node, nodes.Getitem):
            base = self.type_of(node.node, scope)
            self.visit(node.arg, scope)
            return element(base)
        if isinstance(node, nodes.CondExpr):
            self.visit(node.test, scope)
            if node.expr2 is not None:
                self.visit(node.expr2, scope)
            return self.type_of(node.expr1, scope)
        self.visit(node, scope)
        return None

    def visit(self, node: nodes.Node, scope: dict[str, object]) -> None:
        if isinstance(node, nodes.Macro):
            self.macros.add(node.name)
            # A macro sees the template's context (`digest`) and its own parameters.
            inner = {"digest": model.Digest, **{a.name: NAMES.get(a.name) for a in node.args}}
            for default in node.defaults:
                self.visit(default, scope)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.For):
            item = element(self.type_of(node.iter, scope))
            inner = dict(scope)
            for target in targets(node.target):
                inner[target.name] = item
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            value = self.type_of(node.node, scope)
            for target in targets(node.target):
                scope[target.name] = value
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem | nodes.CondExpr):
            self.type_of(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def walk(name: str, folder: Path = ALERTS) -> Walker:
    env = jinja2.Environment()
    tree = env.parse((folder / name).read_text(encoding="utf-8"))
    walker = Walker(name)
    # Macros may be called before they are defined in the file.
    walker.macros = {m.name for m in tree.find_all(nodes.Macro)}
    walker.visit(tree, {"digest": model.Digest})
    return walker


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_uses_only_documented_variables(name):
    walker = walk(name)
    assert walker.errors == []
    undocumented = sorted(f"{t}.{a}" for t, a in walker.used - DOCUMENTED)
    assert undocumented == [], f"{name} uses variables alerts/README.md does not document"


def test_readme_documents_exactly_the_contract():
    actual = {(cls.__name__, f.name) for cls in contract_types() for f in fields(cls)}
    assert sorted(DOCUMENTED - actual) == [], "documented but not in monitor/notify/model.py"
    assert sorted(actual - DOCUMENTED) == [], "in the Digest but not documented"
    assert NAMES["digest"] is model.Digest


def test_the_walker_catches_an_undocumented_variable(tmp_path):
    (tmp_path / "bad.j2").write_text(
        "{% for s in digest.sections %}{{ s.secret }}{{ s.title }}{% endfor %}{{ mystery }}"
        "{% macro m(story) %}{{ story.headline }}{{ story.nothing }}{% endmacro %}"
    )
    walker = walk("bad.j2", tmp_path)
    assert any("MilestoneSection has no 'secret'" in e for e in walker.errors)
    assert any("Story has no 'nothing'" in e for e in walker.errors)
    assert any("undocumented name 'mystery'" in e for e in walker.errors)
    assert ("MilestoneSection", "title") in walker.used and ("Story", "headline") in walker.used
