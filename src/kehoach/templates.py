"""Checking templates against the views they are given.

A secretary edits a template in Word; a misspelt ``{{ header.isuer }}`` must be
named before it renders as an error, not discovered as a blank in a signed
letter. The check reads the template's Jinja source (as docxtpl prepares it),
walks its syntax tree for every variable path it uses, and resolves each path
through the fields of the view dataclass the template receives.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes

from kehoach import render, views
from kehoach.errors import KehoachError
from kehoach.markup import Run
from kehoach.views.notice import NoticeView
from kehoach.views.slogans import SlogansView

#: The view each template file receives.
VIEWS: dict[str, type] = {
    render.PLAN_TEMPLATE: views.PlanView,
    render.LETTER_TEMPLATE: views.UnitView,
    render.CHECKLIST_TEMPLATE: views.UnitView,
    "dieu-chinh.docx": NoticeView,
    "khau-hieu.docx": SlogansView,
}
#: Names Jinja itself provides inside templates.
BUILTINS = {"loop", "range", "true", "false", "none", "True", "False", "None"}
#: Marks a path step that goes into the elements of a list.
ITEM = "[]"
#: Attributes to_context adds beyond a dataclass's fields.
EXTRA = {views.Paragraph: {"text": str}}


@dataclass(frozen=True)
class Finding:
    """A variable a template uses that its view does not provide."""

    template: str
    tag: str


def jinja_source(path: Path) -> str:
    """The template's Jinja text: body, headers and footers, as docxtpl renders them."""
    try:
        tpl = DocxTemplate(path)
        tpl.init_docx()
    except Exception as exc:  # a file that is not a docx at all
        raise KehoachError("template.unreadable", name=str(path), detail=str(exc)) from None
    source = tpl.patch_xml(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            source += tpl.patch_xml(tpl.xml_to_string(parse_xml(part.blob)))
    return source


def used_paths(source: str) -> list[tuple[str, ...]]:
    """Every variable path the template reads, loop variables resolved to their lists."""
    try:
        tree = render.jinja_env().parse(source)
    except TemplateSyntaxError as exc:
        raise KehoachError("template.error", name="?", detail=exc.message or str(exc)) from None
    found: list[tuple[str, ...]] = []
    _walk(tree, {}, found)
    return list(dict.fromkeys(found))


def _walk(node: nodes.Node, loops: dict[str, tuple[str, ...]], found: list[tuple[str, ...]]) -> None:
    if isinstance(node, nodes.For):
        iterable = _path(node.iter, loops)
        _walk(node.iter, loops, found)
        inner = dict(loops)
        if iterable is not None and isinstance(node.target, nodes.Name):
            inner[node.target.name] = (*iterable, ITEM)
        for child in [*node.body, *node.else_]:
            _walk(child, inner, found)
        return
    if isinstance(node, nodes.Getattr | nodes.Name):
        path = _path(node, loops)
        if path is not None:
            found.append(path)
            return
    for child in node.iter_child_nodes():
        _walk(child, loops, found)


def _path(node: nodes.Node, loops: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
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
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(current) if a is not type(None)]
        return _step(options[0], step) if options else None
    if dataclasses.is_dataclass(current):
        hints = typing.get_type_hints(current)
        return hints.get(step) or EXTRA.get(current, {}).get(step)
    if current in (str, int) or current is Run:
        return current if hasattr(current, step) else None
    return None


def check(path: Path) -> list[Finding]:
    """Variables a template uses that its view lacks (empty for an unknown template name)."""
    view = VIEWS.get(path.name)
    if view is None:
        return []
    try:
        paths = used_paths(jinja_source(path))
    except KehoachError as exc:
        if exc.code == "template.error":
            raise KehoachError("template.error", name=path.name, detail=exc.args_["detail"]) from None
        raise
    return [
        Finding(path.name, "{{ " + ".".join(p).replace(".[]", "[…]") + " }}") for p in paths if not resolves(view, p)
    ]


def check_all(plan_dir: Path) -> dict[Path, list[Finding]]:
    """Every template a render would use from ``plan_dir``, with its findings."""
    return {render.find_template(name, plan_dir): check(render.find_template(name, plan_dir)) for name in VIEWS}
