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
    out["rows"] = [_row(row, counter, width) for row, width in zip(rest, _free_widths(rest, len(columns)), strict=True)]
    return out


def _free_widths(rows: list[list[Cell]], width: int) -> list[int]:
    """How many columns each row's own cells fill: the table's width less the columns that
    cells merged down from the rows above still cover."""
    covering: list[tuple[int, int]] = []  # (rows still covered, columns) of merges from above
    out = []
    for row in rows:
        out.append(width - sum(columns for _, columns in covering))
        covering = [(left - 1, columns) for left, columns in covering if left > 1]
        covering += [(cell.rows - 1, cell.span) for cell in row if cell.rows > 1]
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
    """A group row's name: a roman numeral, then one cell across the other columns (or, in a
    table given as text, a cell followed by empty ones)."""
    if len(row) < 2 or not _ROMAN.match(" ".join(row[0].lines)) or not row[1].lines:
        return None
    if (len(row) == 2 and row[1].span == width - 1) or all(not cell.lines for cell in row[2:]):
        return plain(" ".join(row[1].lines))
    return None


def _row(row: list[Cell], counter: bool, width: int) -> Any:
    if counter:
        group = _group(row, width)
        if group is not None:
            return {"group": group}
        row, width = row[1:], width - 1
    cells = [_cell(cell) for cell in _fitted(row, width)]
    return cells if cells else [""]


def _fitted(row: list[Cell], width: int) -> list[Cell]:
    """A row as wide as the table: a text table's short row padded, a long one's extra cells
    joined into its last (the text lost the merges)."""
    taken = sum(cell.span for cell in row)
    if taken < width:
        return [*row, *(Cell(()) for _ in range(width - taken))]
    while taken > width and len(row) > 1:
        extra = row.pop()
        row[-1] = Cell(row[-1].lines + extra.lines, row[-1].span, row[-1].rows)
        taken = sum(cell.span for cell in row)
    return row


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
