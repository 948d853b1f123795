"""The mục that hold the plan's lists: its phases, its units and their tasks, its slogans.

"1. Đợt 1: Từ nay đến 31/8/2025, …" items make the phases (start, end, description); in
"Tổ chức thực hiện", the units and their tasks (:mod:`kehoach.importer.units`); numbered lines
under "Khẩu hiệu" the slogans.
Every other mục keeps its content (:mod:`kehoach.importer.body`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from kehoach.importer.body import content
from kehoach.importer.casing import sentence_case
from kehoach.importer.outline import Node, Notes, section_format, slips, style_of, tree
from kehoach.importer.source import Para
from kehoach.importer.titles import own_numbering, plan_titles
from kehoach.importer.units import unit, units_of
from kehoach.plan import when

_PHASE = re.compile(r"^(?P<name>(?:Đợt|Giai đoạn|Bước)\s+[\wÀ-ỹ]+)\s*[:.]\s*(?P<rest>.*)$")


_SPAN = re.compile(r"^[Tt]ừ\s+(?P<sau>sau\s+)?(?P<start>.+?)\s+(?P<connector>đến|và)\s+(?P<end>.+)$")


_UNITS_TITLE = re.compile(r"tổ chức thực hiện|phân công|trách nhiệm", re.IGNORECASE)
#: The mục that gives the units their work where a plan has it: an earlier "Nội dung, tiến độ,
#: phân công trách nhiệm" lists the work by task (its "Đơn vị chủ trì:" lines), not the units.
_CARRYING_OUT = re.compile(r"tổ chức thực hiện", re.IGNORECASE)


@dataclass
class Body:
    """The parts of a plan a body gives."""

    sections: list[dict[str, Any]] = field(default_factory=list)
    phases: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    style: tuple[str, ...] = ()
    #: The plan's own ``titles``, where its mục write them otherwise than Decree 30's default.
    titles: list[dict[str, str]] | None = None


def body(paras: list[Para], notes: Notes) -> Body:
    """The mục of the body and the lists some of them show."""
    top = section_format(paras)
    root = tree(paras, top)
    slips(root, notes)
    own = own_numbering(root, top)
    shared = Node(None, None, [node for node in root.children if id(node) not in own])
    found = Body(style=style_of(shared, top), titles=plan_titles(root, top))
    if not notes.numbered_tasks:  # kehoach's own DOCX
        for node in root.children:
            if node.format == top:
                _marked_lists(node, style_of(Node(None, None, [node]), top), 1)
    carried_out = any(node.format == top and _CARRYING_OUT.search(node.text) for node in root.children)
    for node in root.children:
        if node.format != top:
            notes.free_text += 1
            continue
        section = _section(node, found, notes, len(found.sections), carried_out)
        if id(node) in own:
            section = {
                **{k: v for k, v in section.items() if k in ("id", "title")},
                "numbering": own[id(node)],
                **section,
            }
        found.sections.append(section)
    return found


def _marked_lists(node: Node, levels: tuple[str, ...], depth: int) -> None:
    """kehoach numbers a level in one format only: a numbered line in another ("a." where its
    điểm are "a)") is a list marked so (``marker: "a."``), its number the list's."""
    for child in node.children:
        if child.kind != "i":
            continue
        if depth < len(levels) and child.format != levels[depth]:
            child.listed = True
        else:
            _marked_lists(child, levels, depth + 1)


def _section(node: Node, found: Body, notes: Notes, index: int, carried_out: bool) -> dict[str, Any]:
    """A mục as kehoach writes it: its phases, units or slogans where it lists them (the units
    from the mục "Tổ chức thực hiện" where ``carried_out``, the plan having one), else its text."""
    title = sentence_case(node.text, notes.casing)
    path: tuple[Any, ...] = ("sections", index)
    out: dict[str, Any] = {"title": title}
    if node.para is not None and node.para.anchor:
        out = {"id": node.para.anchor, **out}
    children = node.children
    numbered = [c for c in children if c.kind == "i"]
    if numbered and not found.phases and all(_PHASE.match(c.text) for c in numbered):
        return _listed(
            out,
            children,
            "phases",
            [_phase(c, notes, len(found.phases) + n) for n, c in enumerate(numbered)],
            found,
            notes,
            path,
        )
    # khoản kehoach marked with their ids are khoản of the body (units' parts), not a list of units
    anchored = any(c.para is not None and c.para.anchor for c in numbered)
    gives_units = (_CARRYING_OUT if carried_out else _UNITS_TITLE).search(title)
    listed = units_of(children, notes) if not found.units and gives_units and not anchored else None
    if listed is not None:
        kept, nodes, closing = listed
        units = [unit(c, notes, len(found.units) + n) for n, c in enumerate(nodes)]
        return _listed(out, kept, "units", units, found, notes, path, closing)
    if numbered and not found.slogans and "khẩu hiệu" in title.casefold() and all(not c.children for c in numbered):
        return _listed(out, children, "slogans", [c.text for c in numbered], found, notes, path)
    out.update(content(children, notes, path))
    return out


def _listed(
    out: dict[str, Any],
    children: list[Node],
    show: str,
    parts: list[Any],
    found: Body,
    notes: Notes,
    path: tuple[Any, ...],
    closing: list[str] | None = None,
) -> dict[str, Any]:
    """A mục that shows one of the plan's lists: running text before it, closing after."""
    getattr(found, show).extend(parts)
    first = next(n for n, c in enumerate(children) if c.kind == "i")
    last = max(n for n, c in enumerate(children) if c.kind == "i")
    before = [c.text for c in children[:first] if c.kind == "p"]
    after = (closing or []) + [c.text for c in children[last + 1 :] if c.kind == "p"]
    if before:
        out["paragraphs"] = before
    out["show"] = show
    if after:
        out["closing"] = after
    return out


def _phase(node: Node, notes: Notes, index: int) -> dict[str, Any]:
    m = _PHASE.match(node.text)
    assert m is not None
    phase: dict[str, Any] = {"name": m["name"]}
    rest = m["rest"].strip()
    span = _SPAN.match(rest)
    if span is None:
        phase["start"] = rest or "từ nay"
        if node.para is not None:
            notes.comment(("phases", index), "import.note.phase_time", where=node.para.where)
    else:
        end, _, description = span["end"].partition(", ")
        phase["start"] = _point(span["start"], bool(span["sau"]))
        phase["end"] = _point(end.strip(), False)
        if span["connector"] != "đến":
            phase["connector"] = span["connector"]
        if description.strip():
            phase["description"] = description.strip()
    phase.update(content(node.children, notes, ("phases", index)))
    return phase


def _point(text: str, after: bool) -> Any:
    """A phase's start or end as plan.yaml writes it: a date, a year, "từ nay", an event."""
    if after:
        return {"event": text}
    if text.casefold() == "nay":
        return "từ nay"
    try:
        parsed = when.parse(text)
    except PydanticCustomError:  # "31/2/2025": no such day; kept as the words the plan has
        return {"event": text}
    if parsed["kind"] == "date" and not parsed.get("prefix"):
        date: dt.date = parsed["date"]
        return date
    if parsed["kind"] == "year" and not parsed.get("prefix"):
        return int(parsed["year"])
    if parsed["kind"] == "event":
        return {"event": text}
    return text
