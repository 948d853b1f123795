"""A Word table back into plan.yaml's table: labels, rows, merges, the TT column, groups.

kehoach numbers a table's TT column itself and writes a group row as its roman numeral
beside the group's name across the other columns; a plan typed by hand numbers its rows
the same way. So a first column labelled "TT" / "STT" holding only numbers (and roman
numerals on rows whose other cells are one merged cell) is read as kehoach's counter.
"""

from __future__ import annotations

import re
from typing import Any

from kehoach.importer.source import Cell

_COUNTER_LABELS = ("tt", "stt", "số tt")
_ROMAN = re.compile(r"^(?:\*\*)?[IVXLC]+\.?(?:\*\*)?$")
_NUMBER = re.compile(r"^\d{1,4}\.?$")
_BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")


def table(rows: list[list[Cell]]) -> dict[str, Any]:
    """The table as plan.yaml writes it: its columns (the first row's labels), then its rows."""
    head, *rest = rows
    columns: list[dict[str, Any]] = [{"label": plain(" ".join(cell.lines)) or "-"} for cell in head]
    out: dict[str, Any] = {"columns": columns}
    if rest and all(re.fullmatch(r"\(\d+\)", " ".join(c.lines)) for c in rest[0]):
        out["number_row"] = True
        rest = rest[1:]
    counter = _is_counter(columns, rest)
    if counter:
        columns[0]["counter"] = True
    out["rows"] = [_row(row, counter, len(columns)) for row in rest]
    return out


def plain(text: str) -> str:
    """A cell's text without the bold its row or header gives it ("**TT**" → "TT")."""
    m = _BOLD.match(text)
    return m["text"] if m else text


def _is_counter(columns: list[dict[str, Any]], rows: list[list[Cell]]) -> bool:
    """A first column labelled TT whose cells are the numbers 1, 2, 3… (from 1 again after a
    group's roman numeral)."""
    if not rows or str(columns[0]["label"]).casefold() not in _COUNTER_LABELS:
        return False
    expected = 1
    for row in rows:
        first = " ".join(row[0].lines) if row else ""
        if _group(row, len(columns)) is not None:
            expected = 1
            continue
        if not _NUMBER.match(first) or int(first.rstrip(".")) != expected or row[0].rows > 1:
            return False
        expected += 1
    return True


def _group(row: list[Cell], width: int) -> str | None:
    """A group row's name: a roman numeral, then one cell across the other columns."""
    if len(row) == 2 and _ROMAN.match(" ".join(row[0].lines)) and row[1].span == width - 1:
        return plain(" ".join(row[1].lines))
    return None


def _row(row: list[Cell], counter: bool, width: int) -> Any:
    if counter:
        group = _group(row, width)
        if group is not None:
            return {"group": group}
        row = row[1:]
    cells = [_cell(cell) for cell in row]
    return cells if cells else [""]


def _cell(cell: Cell) -> Any:
    """A cell as a text (a line break within a paragraph kept as "\\n"), paragraphs, spans."""
    out: dict[str, Any] = {}
    if len(cell.lines) > 1:
        out["paragraphs"] = list(cell.lines)
    else:
        out["text"] = cell.lines[0] if cell.lines else ""
    if cell.span > 1:
        out["span"] = cell.span
    if cell.rows > 1:
        out["rows"] = cell.rows
    return out["text"] if list(out) == ["text"] else out
