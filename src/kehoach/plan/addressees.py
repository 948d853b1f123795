"""Bodies a plan concerns that are not its units: the inspected, the visited, the invited.

An inspection plan's schedule ("Thời gian, đơn vị được kiểm tra") names, row by row, the
bodies the team goes to. They get no tasks and no letters, but each must be told when the
team comes, who comes, what to prepare and which appendix to fill in. A column of
``role: addressee`` names them (several in one cell apart with ";"); the table's
``notice`` says what their notice adds. Each body is gathered here once, with every row
that names it, under a key that names its file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kehoach.plan import outline, tables
from kehoach.plan.blocks import Cell, Notice, Table
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import Plan
from kehoach.plan.when import When
from kehoach.text import markup, vn

#: What a name says in brackets ("Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai
#: tỉnh …)") stays in its notice but not in its file's name.
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Addressee:
    """A body named in a schedule: its name, the facts of each row naming it ("Thời gian kiểm
    tra: Tháng 7/2026"), what its notice adds, and where its first row is."""

    key: str
    name: str
    notice: Notice
    path: KeyPath
    rows: list[list[tuple[str, str]]] = field(default_factory=list)


def addressees(plan: Plan) -> list[Addressee]:
    """Every body the plan's schedules name, in the order they first appear."""
    found: dict[str, Addressee] = {}
    for path, table in outline.tables(plan):
        column = next((i for i, c in enumerate(table.columns) if c.role == "addressee"), None)
        if column is None:
            continue
        for filled in tables.filled_rows(table):
            facts = _facts(table, filled.cells, column)
            for name in tables.names_in(markup.plain(tables.cell_text(filled.cells.get(column)))):
                key = _free_key(vn.slug(_BRACKETS.sub("", name)) or "noi-nhan", name, found)
                if key not in found:
                    row_path = (*path, "rows", filled.index)
                    found[key] = Addressee(key, name, table.notice or Notice(), row_path)
                found[key].rows.append(facts)
    return list(found.values())


def addressee(plan: Plan, key: str) -> Addressee | None:
    """The body of this key, if the plan names it."""
    return next((a for a in addressees(plan) if a.key == key), None)


def _facts(table: Table, cells: dict[int, Cell], addressee_column: int) -> list[tuple[str, str]]:
    """The row's other cells, each with its column's label; the TT and empty cells left out."""
    counter = tables.counter_column(table)
    out = []
    for i, column in enumerate(table.columns):
        text = tables.cell_text(cells.get(i))
        if i not in (counter, addressee_column) and text:
            out.append((" ".join(column.label), text))
    return out


def _free_key(key: str, name: str, found: dict[str, Addressee]) -> str:
    """The key of ``name``: its slug, numbered on when another name has the same slug."""
    candidate, n = key, 1
    while candidate in found and found[candidate].name != name:
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def table_notices(plan: Plan) -> Iterator[tuple[KeyPath, Notice]]:
    """Each table's ``notice`` with its key path, for the checks of what it names."""
    for path, table in outline.tables(plan):
        if table.notice is not None:
            yield (*path, "notice"), table.notice


def dated_cells(plan: Plan) -> Iterator[tuple[KeyPath, str, When]]:
    """The cells of schedules (tables with an addressee column) that state a date, each with
    its key path and text: the days the notices announce."""
    for path, table in outline.tables(plan):
        column = next((i for i, c in enumerate(table.columns) if c.role == "addressee"), None)
        if column is None:
            continue
        for k, placed in enumerate(tables.layout(table)):
            for index, (at, cell) in enumerate(placed.cells):
                text = tables.cell_text(cell)
                if at != column and text and (due := _date(text)) is not None:
                    yield (*path, "rows", k, "cells", index), text, due


def _date(text: str) -> When | None:
    try:
        due = When.model_validate(text)
    except ValueError:
        return None
    return due if due.kind in ("date", "month", "quarter") else None
