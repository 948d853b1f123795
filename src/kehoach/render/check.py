"""Checking templates against the views they are given.

A secretary edits a template in Word; a misspelt ``{{ header.isuer }}`` must be
named before it renders as an error, not discovered as a blank in a signed
letter. The check reads the template's Jinja source (as docxtpl prepares it),
walks its syntax tree for every variable path it uses, and resolves each path
through the fields of the view dataclass the template receives.

Before that, the template must parse: a syntax error, a tag that reads another
file or a part that is not XML is reported (with the part and the paragraph) as
rendering would report it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes

from kehoach import views
from kehoach.render import docx, html, names
from kehoach.render.source import Source, docx_sources, parse
from kehoach.text.markup import Run
from kehoach.views.unit import RowId

#: Names Jinja itself provides inside templates.
BUILTINS = {"loop", "range", "true", "false", "none", "True", "False", "None"}
#: Marks a path step that goes into the elements of a list.
ITEM = "[]"
#: Attributes to_context adds beyond a dataclass's fields.
EXTRA: dict[object, dict[str, type]] = {
    views.Paragraph: {"text": str},
    views.Table: {"xml": str, "text": str},
    RowId: {"box": str, "tag": str},
}


@dataclass(frozen=True)
class Finding:
    """A variable a template uses that its view does not provide."""

    template: str
    tag: str


def sources(path: Path) -> list[Source]:
    """The template's parts as Jinja source: a DOCX's body, headers and footers, or the HTML file."""
    if path.suffix == ".html":
        return [html.source(path)]
    return docx_sources(docx.open_template(path), str(path))


def jinja_source(path: Path) -> str:
    """The template's Jinja text, all parts together."""
    return "".join(source.text for source in sources(path))


def used_paths(source: str | Source) -> list[tuple[str, ...]]:
    """Every variable path the template reads, loop variables resolved to their lists."""
    if isinstance(source, str):
        source = Source("?", "?", source)
    tree = parse(docx.jinja_env(), source)
    # Names the template binds itself (macros, {% set %}) are its own, not the view's.
    bound: Scope = {node.name: None for node in tree.find_all(nodes.Macro)}
    assigns: list[nodes.Assign | nodes.AssignBlock] = [*tree.find_all(nodes.Assign), *tree.find_all(nodes.AssignBlock)]
    bound |= {name: None for node in assigns for name in _names(node.target)}
    found: list[tuple[str, ...]] = []
    _walk(tree, bound, found)
    return list(dict.fromkeys(found))


#: What a name inside a template stands for: a path into the view, or None for a name of its own.
Scope = dict[str, tuple[str, ...] | None]


def _names(target: nodes.Node) -> list[str]:
    """The names a for loop or an assignment binds (``x``, or ``a, b``)."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _walk(node: nodes.Node, loops: Scope, found: list[tuple[str, ...]]) -> None:
    if isinstance(node, nodes.For):
        _walk_for(node, loops, found)
        return
    if isinstance(node, nodes.Macro):
        for default in node.defaults:
            _walk(default, loops, found)
        inner: Scope = {**loops, **{arg.name: None for arg in node.args}}
        for child in node.body:
            _walk(child, inner, found)
        return
    if isinstance(node, nodes.Getattr | nodes.Name):
        path = _path(node, loops)
        if path is not None:
            found.append(path)
            return
    for child in node.iter_child_nodes():
        _walk(child, loops, found)


def _walk_for(node: nodes.For, loops: Scope, found: list[tuple[str, ...]]) -> None:
    """A loop's body sees its variable as an element of the list it walks (or as its own name)."""
    iterable = _path(node.iter, loops)
    _walk(node.iter, loops, found)
    inner: Scope = {**loops, **dict.fromkeys(_names(node.target))}
    if iterable is not None and isinstance(node.target, nodes.Name):
        inner[node.target.name] = (*iterable, ITEM)
    for child in [*node.body, *node.else_]:
        _walk(child, inner, found)


def _path(node: nodes.Node, loops: Scope) -> tuple[str, ...] | None:
    if isinstance(node, nodes.Name):
        if node.name in BUILTINS:
            return None
        return loops.get(node.name, (node.name,))
    if isinstance(node, nodes.Getattr):
        base = _path(node.node, loops)
        return None if base is None else (*base, node.attr)
    return None


def resolves(view: type, path: tuple[str, ...]) -> bool:
    """Whether the view provides ``path`` (fields of dataclasses, elements of lists)."""
    current: Any = view
    for step in path:
        current = _step(current, step)
        if current is None:
            return False
    return True


def _step(current: Any, step: str) -> Any:
    origin = typing.get_origin(current)
    if step == ITEM:
        args = typing.get_args(current)
        return args[0] if origin in (list, tuple) and args else None
    if origin in (typing.Union, types.UnionType):  # a body of paragraphs and tables: either may have it
        options = [a for a in typing.get_args(current) if a is not type(None)]
        return next((found for a in options if (found := _step(a, step)) is not None), None)
    if dataclasses.is_dataclass(current):
        hints = typing.get_type_hints(current)
        return hints.get(step) or EXTRA.get(current, {}).get(step)
    if current in (str, int) or current is Run:
        return current if hasattr(current, step) else None
    return None


def check(path: Path, given: tuple[type, ...]) -> list[Finding]:
    """Variables the template uses that one of the views it receives (``given``) lacks."""
    paths = [p for source in sources(path) for p in used_paths(source)]
    return [
        Finding(path.name, "{{ " + ".".join(p).replace(".[]", "[…]") + " }}")
        for p in dict.fromkeys(paths)
        if not all(resolves(view, p) for view in given)
    ]


def check_all(plan_dir: Path, templates: dict[str, tuple[type, ...]]) -> dict[Path, list[Finding]]:
    """Each of ``templates`` (name: the views it receives) as found from ``plan_dir``, with its findings."""
    found = {name: names.find_template(name, plan_dir) for name in templates}
    return {path: check(path, templates[name]) for name, path in found.items()}
