"""A task table's column roles, from kehoach's letters that quote its rows.

A table of a Phụ lục may be the plan's assignment of tasks: its columns "Nhiệm vụ", "Thời gian
hoàn thành", "Chủ trì", "Phối hợp" carry ``role: task/deadline/lead/with``, so each row reaches
the letters of the units it names. The plan document shows a table like any other; the letters
say the rest: "Phối hợp với Sở Tư pháp thực hiện: <the row's task>", then "(tại nhiệm vụ 4 nhóm
I Phụ lục; Thời gian: <its deadline>)". Each column's role is the one its cells play in the
rows the letters quote: the task's words, its time, the names of its leads or of its partners.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from kehoach.importer.roles import Given
from kehoach.plan import tables
from kehoach.plan.assignments import row_label
from kehoach.plan.blocks import Table
from kehoach.plan.tables import FilledRow
from kehoach.text import markup, vn

ROLES = ("task", "deadline", "lead", "with")


def apply(data: dict[str, Any], places: dict[str, Given], ids: dict[str, str]) -> list[str]:
    """Each task table the letters quote given its columns' roles; the ids of the units its rows
    name, in reading order. ``ids``: each unit's id by its name in lower case."""
    named: list[str] = []
    for place, table in _tables(data):
        model = _model(table)
        if model is None:
            continue
        roles = _roles(model, place, places, ids)
        if not ({"lead", "with"} & set(roles)):
            continue
        for role, column in roles.items():
            table["columns"][column]["role"] = role
        columns = [roles[role] for role in ("lead", "with") if role in roles]
        for filled in tables.filled_rows(model):
            for column in columns:
                for name in tables.names_in(markup.plain(tables.cell_text(filled.cells.get(column)))):
                    unit = ids.get(name.casefold())
                    if unit is not None and unit not in named:
                        named.append(unit)
    return named


def _tables(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each table with its place as a letter names it ("Phụ lục II", "Phụ lục", "mục III")."""
    appendices = data.get("appendices", [])
    labels = data.get("appendix_labels", "I")
    for number, appendix in enumerate(appendices, 1):
        if isinstance(appendix.get("table"), dict):
            shown = {"I": vn.roman(number), "1": str(number), "01": f"{number:02d}"}[labels]
            yield ("Phụ lục" if len(appendices) == 1 else f"Phụ lục {shown}"), appendix["table"]


def _model(table: dict[str, Any]) -> Table | None:
    try:
        return Table.model_validate(table)
    except ValidationError:
        return None


def _roles(model: Table, place: str, places: dict[str, Given], ids: dict[str, str]) -> dict[str, int]:
    """The column each role's cells agree with in most quoted rows (one role per column)."""
    votes: dict[str, Counter[int]] = {role: Counter() for role in ROLES}
    for filled in tables.filled_rows(model):
        given = places.get(f"{_label(filled)} {place}")
        if given is None:
            continue
        for column, cell in filled.cells.items():
            for role in _plays(markup.plain(tables.cell_text(cell)), given, ids):
                votes[role][column] += 1
    out: dict[str, int] = {}
    for role in ROLES:
        free = [(column, n) for column, n in votes[role].most_common() if column not in out.values()]
        if free:
            out[role] = free[0][0]
    return out


def _plays(text: str, given: Given, ids: dict[str, str]) -> Iterator[str]:
    """The roles a cell's text plays for the task the letters quote."""
    if not text:
        return
    if given.text and text == markup.plain(given.text):
        yield "task"
    if given.deadline and text == markup.plain(given.deadline):
        yield "deadline"
    refs = {ids.get(name.casefold(), name) for name in tables.names_in(text)}
    if given.leads and set(given.leads) <= refs:
        yield "lead"
    if given.partners and set(given.partners) <= refs:
        yield "with"


def _label(filled: FilledRow) -> str:
    return row_label(filled.number, filled.index, filled.group)
