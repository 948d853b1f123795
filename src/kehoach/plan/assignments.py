"""Tasks given anywhere in the body: a khoản, điểm or list line that names who leads it.

Real plans assign work inside "II. Nội dung" as well as under "Tổ chức thực hiện" ("Sở Công
Thương chủ trì …, hoàn thành trong quý IV năm 2026"), and in task tables whose columns say
who leads, who takes part and when (``role``). Such a part carries ``lead``, ``with``,
``member`` and ``deadline``; here they are collected once, in plan order, each with where it
is ("khoản 2 mục II", "nhiệm vụ 3 nhóm II Phụ lục") so a letter can say it, and with its key
path for errors and calendars.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from pydantic import ValidationError

from kehoach.plan import outline, refs, tables
from kehoach.plan.blocks import Assigned, Block, Cell, Item, Line, Report, Table
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
    #: A line of a khoản that is a unit's part (``unit:``): the unit's own task, said as written.
    own: bool = False

    @property
    def key(self) -> str:
        """What names it in calendars: its id, else its place ("sections-1-items-0")."""
        part_id = getattr(self.part, "id", None)
        return part_id or "-".join(str(step) for step in self.path)


def assignments(plan: Plan) -> list[Assignment]:
    """Every assigned part of the plan's sections, then of its appendices' tables, in plan order.

    Found once per plan and kept beside its fields (as :meth:`Plan._index` keeps its indexes):
    the checks, lint, every letter and calendar ask, and a province's plan has thousands of
    units. The list is shared: read it, do not change it.
    """
    sources = (plan.sections, plan.appendices, plan.units)
    cached = plan.__dict__.get("_assignments")
    if cached is not None and all(a is b for a, b in zip(cached[0], sources, strict=True)):
        return cast(list[Assignment], cached[1])
    found = _collect(plan)
    plan.__dict__["_assignments"] = (sources, found)
    return found


def _collect(plan: Plan) -> list[Assignment]:
    out: list[Assignment] = []
    for index, section in enumerate(plan.sections):
        style = outline.formats(plan, section)
        where = f"mục {outline.section_label(plan, index + 1, section)}"
        out += _in_part(section, ("sections", index), style, (index + 1,), where, index)
        out += _in_tables(plan, [t for t in outline.tables(plan) if t[0][:2] == ("sections", index)])
    return out + _in_tables(plan, [t for t in outline.tables(plan) if t[0][0] == "appendices"])


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
            if item.unit is not None:
                own = Assigned(lead=[item.unit])
                for text, line_path in _duties(item, item_path):
                    yield Assignment(text, own, item_where, line_path, section, own=True)
            yield from _in_part(item, item_path, style, found.numbers, item_where, section)
        yield from _in_lines(block.lines or [], (*block_path, "list"), where, section)


def _duties(item: Item, path: KeyPath) -> Iterator[tuple[str, KeyPath]]:
    """The lines of a unit's khoản, each with its key path: its paragraphs, list lines and
    sub-items (one that names its own lead is that lead's task, not one of these)."""
    if item.body:
        for j, block in enumerate(item.body):
            block_path = (*path, "body", j)
            if block.text:
                yield block.text, block_path
            yield from ((line.text, (*block_path, "list", k)) for k, line in enumerate(block.lines or []))
            yield from _sub_items(block.items or [], (*block_path, "items"))
        return
    yield from ((text, (*path, "paragraphs", k)) for k, text in enumerate(item.paragraphs))
    yield from _sub_items(item.items, (*path, "items"))
    yield from ((bullet.text, (*path, "bullets", k)) for k, bullet in enumerate(item.bullets))


def _sub_items(items: list[Item], path: KeyPath) -> Iterator[tuple[str, KeyPath]]:
    for k, sub in enumerate(items):
        if not sub.assigned:
            yield ": ".join(t for t in (sub.title, sub.text) if t), (*path, k)


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


def _in_tables(plan: Plan, found: list[tuple[KeyPath, Table]]) -> list[Assignment]:
    out: list[Assignment] = []
    names: dict[str, str] | None = None
    for path, table in found:
        if not _gives_tasks(table):
            continue
        names = names if names is not None else _unit_names(plan)
        section = int(path[1]) + (len(plan.sections) if path[0] == "appendices" else 0)
        place = _table_place(plan, path)
        for k, row in table_tasks(table, names):
            out.append(Assignment(row.text, row.part, f"{row.label} {place}", (*path, "rows", k), section))
    return out


def _table_place(plan: Plan, path: KeyPath) -> str:
    """Where a table stands, as a letter names it: "Phụ lục II", "mục III"."""
    if path[0] == "appendices":
        return refs.appendix_label(plan, int(path[1]) + 1)
    number = int(path[1]) + 1
    return f"mục {outline.section_label(plan, number, plan.sections[number - 1])}"


@dataclass(frozen=True)
class TableTask:
    """A row of a task table as a task: its text, who and when, and how a letter names the row."""

    text: str
    part: Assigned
    label: str


def table_tasks(table: Table, names: dict[str, str] | None = None) -> Iterator[tuple[int, TableTask]]:
    """The rows of ``table`` that give a task, with their index among its rows.

    A row's lead, partners and deadline are its own fields, else its cells in the columns of
    those roles; a cell naming units ("Sở Tư pháp; UBND các xã") gives their ids where
    ``names`` knows them, the text otherwise.
    """
    roles: dict[str, int] = {role: i for i, c in enumerate(table.columns) if (role := c.role) is not None}
    if not _gives_tasks(table):
        return
    for filled in tables.filled_rows(table):
        part = _row_part(filled.row, filled.cells, roles, names or {})
        if part.assigned:
            label = row_label(filled.number, filled.index, filled.group)
            yield filled.index, TableTask(_row_text(table, filled.cells, roles), part, label)


def _gives_tasks(table: Table) -> bool:
    """Whether a table says who does its rows: a column of lead or partners, or a row of its own."""
    return any(c.role in ("lead", "with") for c in table.columns) or any(row.assigned for row in table.rows)


def _row_part(row: Assigned, cells: dict[int, Cell], roles: dict[str, int], names: dict[str, str]) -> Assigned:
    given = {"lead": row.lead, "with": row.with_, "member": row.member, "deadline": row.deadline, "report": row.report}
    for role in ("lead", "with"):
        if not given[role] and role in roles:
            given[role] = [names.get(_key(n), n) for n in tables.names_in(tables.cell_text(cells.get(roles[role])))]
    if given["deadline"] is None and (text := tables.cell_text(cells.get(roles.get("deadline", -1)))):
        given["deadline"] = _when(text)
    return Assigned.model_validate(given)


def _row_text(table: Table, cells: dict[int, Cell], roles: dict[str, int]) -> str:
    """The task's words: its ``task`` column, else the first column kehoach does not number."""
    counter = tables.counter_column(table)
    column = roles.get("task", next((i for i in range(len(table.columns)) if i != counter), 0))
    return tables.cell_text(cells.get(column))


def row_label(number: str, index: int, group: str) -> str:
    """ "nhiệm vụ 3 nhóm II" where the table numbers its rows, else "dòng 5"."""
    if not number:
        return f"dòng {index + 1}"
    return f"nhiệm vụ {number}" + (f" nhóm {group}" if group else "")


def _unit_names(plan: Plan) -> dict[str, str]:
    """Each unit's id by its name, its name in a sentence and its id, compared loosely."""
    out: dict[str, str] = {}
    for unit in plan.units:
        for name in (unit.id, unit.name, unit.in_sentence or ""):
            out.setdefault(_key(name), unit.id)
    return out


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _when(text: str) -> When:
    """A deadline cell as a point in time; a cell that is no date ("31/02/2026") is an event,
    and the table check reports it."""
    try:
        return When.model_validate(text)
    except ValidationError:
        return When(kind="event", event=text, text=text)


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


def reports(plan: Plan) -> Iterator[tuple[KeyPath, Report]]:
    """Every reporting rule of the plan with its key path: the plan's, the units', their
    tasks', the body's and the task tables' (a row's own ``report``)."""
    if plan.report is not None:
        yield ("report",), plan.report
    for u, unit in enumerate(plan.units):
        if unit.report is not None:
            yield ("units", u, "report"), unit.report
        for t, task in enumerate(unit.tasks):
            if task.report is not None:
                yield ("units", u, "tasks", t, "report"), task.report
    for found in assignments(plan):
        if found.part.report is not None:
            yield (*found.path, "report"), found.part.report
