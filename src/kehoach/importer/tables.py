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
    placed = _placed(rest)
    counter = _counter(columns, placed)
    if counter is not None:
        columns[0]["counter"] = True
        if not counter:
            out["restart"] = False
    totals = [_total(row, len(columns)) for row in rest]
    for row, total in zip(rest, totals, strict=True):
        if total is not None:
            for column, cell in _placed([row])[0][0]:
                if column > 0 and cell.lines and cell.lines != ("",):
                    columns[column].update(number=True, total=True)
    out["rows"] = [
        {"total": total} if total is not None else _row(row, counter is not None, len(columns), covered)
        for row, (_, covered), total in zip(rest, placed, totals, strict=True)
    ]
    return out


#: A row as laid out: its cells with the column each starts at, and the columns merged from above.
Placed = tuple[list[tuple[int, Cell]], set[int]]


def _placed(rows: list[list[Cell]]) -> list[Placed]:
    """Each row's cells in the columns that cells merged down from the rows above leave free."""
    covering: dict[int, tuple[int, int]] = {}  # start column → (rows still covered, span)
    out: list[Placed] = []
    for row in rows:
        covered = {c for start, (_, span) in covering.items() for c in range(start, start + span)}
        cells, column, opened = [], 0, {}
        for cell in row:
            while column in covered:
                column += 1
            cells.append((column, cell))
            if cell.rows > 1:
                opened[column] = (cell.rows - 1, cell.span)
            column += cell.span
        out.append((cells, covered))
        covering = {c: (left - 1, span) for c, (left, span) in covering.items() if left > 1} | opened
    return out


def plain(text: str) -> str:
    """A cell's text without the bold its row or header gives it ("**TT**" → "TT")."""
    m = _BOLD.match(text)
    return m["text"] if m else text


def _counter(columns: list[dict[str, Any]], rows: list[Placed]) -> bool | None:
    """A first column labelled TT whose cells are the numbers 1, 2, 3…: True when they start
    from 1 again after each group's roman numeral, False when they run on, None when it is no
    such column. A row whose TT is merged from the row above goes on with that row's item."""
    if not rows or str(columns[0]["label"]).casefold() not in _COUNTER_LABELS:
        return None
    for restart in (True, False):
        expected, fits = 1, True
        for cells, covered in rows:
            row = [cell for _, cell in cells]
            if _group(row, len(columns)) is not None:
                expected = 1 if restart else expected
                continue
            if 0 in covered or _total(row, len(columns)) is not None:
                continue
            first = " ".join(row[0].lines) if row else ""
            if not _NUMBER.match(first) or int(first.rstrip(".")) != expected:
                fits = False
                break
            expected += 1
        if fits:
            return restart
    return None


def _total(row: list[Cell], width: int) -> str | None:
    """A total row's label: a bold cell across the TT and the columns before the totals."""
    if not row or row[0].span < 2 or row[0].span >= width or len(row[0].lines) != 1:
        return None
    m = _BOLD.match(row[0].lines[0])
    return m["text"] if m and not _ROMAN.match(row[0].lines[0]) else None


def _group(row: list[Cell], width: int) -> str | None:
    """A group row's name: a roman numeral, then one cell across the other columns (or, in a
    table given as text, a cell followed by empty ones)."""
    if len(row) < 2 or not _ROMAN.match(" ".join(row[0].lines)) or not row[1].lines:
        return None
    if (len(row) == 2 and row[1].span == width - 1) or all(not cell.lines for cell in row[2:]):
        return plain(" ".join(row[1].lines))
    return None


def _row(row: list[Cell], counter: bool, width: int, covered: set[int]) -> Any:
    width -= len(covered)
    if counter:
        group = _group(row, width)
        if group is not None:
            return {"group": group}
        if 0 not in covered:  # a row going on with the one above has no TT cell of its own
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
