"""Tasks given anywhere in the body: a khoản, điểm or list line that names who leads it.

Real plans assign work inside "II. Nội dung" as well as under "Tổ chức thực hiện" ("Sở Công
Thương chủ trì …, hoàn thành trong quý IV năm 2026"). Such a part carries ``lead``, ``with``,
``member`` and ``deadline``; here they are collected once, in plan order, each with where it
is ("khoản 2 mục II") so a letter can say it, and with its key path for errors and calendars.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.plan import outline
from kehoach.plan.blocks import Assigned, Block, Item, Line
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import Numbering, Plan, Section
from kehoach.plan.when import When


@dataclass(frozen=True)
class Assignment:
    """A task of the body: its text, who leads and who takes part, when, where it is."""

    text: str
    part: Assigned
    where: str
    path: KeyPath
    section: int

    @property
    def key(self) -> str:
        """What names it in calendars: its id, else its place ("sections-1-items-0")."""
        part_id = getattr(self.part, "id", None)
        return part_id or "-".join(str(step) for step in self.path)


def assignments(plan: Plan) -> list[Assignment]:
    """Every assigned part of the plan's sections, in plan order."""
    out: list[Assignment] = []
    for index, section in enumerate(plan.sections):
        style = outline.formats(plan, section)
        where = f"mục {outline.section_label(plan, index + 1, section)}"
        out += _in_part(section, ("sections", index), style, (index + 1,), where, index)
    return out


def _in_part(
    part: Section | Item, path: KeyPath, style: Numbering, numbers: tuple[int, ...], where: str, section: int
) -> Iterator[Assignment]:
    blocks = _blocks_with_paths(part, path)
    numbered = dict(_numbered_items(blocks, style, numbers))
    for block, block_path in blocks:
        if block_path is None:
            continue
        for k, item in enumerate(block.items or []):
            found = numbered[id(item)]
            item_where = f"{'khoản' if found.level == 1 else 'điểm'} {found.label} {where}"
            item_path = (*block_path, "items", k)
            if item.assigned:
                text = ": ".join(t for t in (item.title, item.text) if t)
                yield Assignment(text, item, item_where, item_path, section)
            yield from _in_part(item, item_path, style, found.numbers, item_where, section)
        yield from _in_lines(block.lines or [], (*block_path, "list"), where, section)


def _blocks_with_paths(part: Section | Item, path: KeyPath) -> list[tuple[Block, KeyPath | None]]:
    """The part's blocks, each with the key path its items and lines have under it (None:
    a block of the short forms that holds no item)."""
    if part.body:
        return [(block, (*path, "body", j)) for j, block in enumerate(part.body)]
    return [(block, path if block.items is not None else None) for block in outline.content(part)]


def _numbered_items(
    blocks: list[tuple[Block, KeyPath | None]], style: Numbering, numbers: tuple[int, ...]
) -> Iterator[tuple[int, outline.Numbered]]:
    for _, found in outline.numbered([block for block, _ in blocks], style, numbers):
        yield id(found.item), found


def _in_lines(lines: list[Line], path: KeyPath, where: str, section: int) -> Iterator[Assignment]:
    for k, line in enumerate(lines):
        if line.assigned:
            yield Assignment(line.text, line, where, (*path, k), section)
        yield from _in_lines(line.lines, (*path, k, "list"), where, section)


def units_section(plan: Plan) -> int:
    """The index of the section that lists the units ("Tổ chức thực hiện"), else after the last."""
    return next((i for i, s in enumerate(plan.sections) if s.show == "units"), len(plan.sections))


def deadlines(plan: Plan) -> Iterator[tuple[KeyPath, When]]:
    """Every deadline of the plan with its key path: the units' tasks, the key tasks, the body's tasks."""
    for u, unit in enumerate(plan.units):
        for t, task in enumerate(unit.tasks):
            if task.deadline is not None:
                yield ("units", u, "tasks", t, "deadline"), task.deadline
    for k, key_task in enumerate(plan.key_tasks):
        if key_task.deadline is not None:
            yield ("key_tasks", k, "deadline"), key_task.deadline
    for found in assignments(plan):
        if found.part.deadline is not None:
            yield (*found.path, "deadline"), found.part.deadline
