"""What kehoach computes in a table: the TT column, group labels, merges and totals.

Worked out once here for both the checks (a row of the wrong width, a stated total that is
not the sum: errors at their line) and the views (what each cell shows), so they agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from kehoach.plan.blocks import Cell, Row, Table, amount, words_only
from kehoach.text import vn


@dataclass(frozen=True)
class Placed:
    """A row as laid out: the TT it shows (a number, a group's roman numeral, or ""), its
    cells with the column each starts at, the (column, span) of cells merged into it from
    above, and how many columns it covers (the table's count when it is right)."""

    row: Row
    counter: str
    cells: list[tuple[int, Cell]]
    merged: list[tuple[int, int]]
    width: int
    #: The row goes on with the item above (its first column is merged from above): no number
    #: of its own, its TT cell merged into the one above; ``spans`` rows share a number.
    continues: bool = False
    spans: int = 1
    #: A cell of the row is merged into the next: the two stay on one page.
    keep: bool = False


@dataclass(frozen=True)
class FilledRow:
    """A row of data as a reader sees it: every column's cell (a cell merged from above
    counts for each row it covers), its TT (a row going on with the one above has that
    one's) and the numeral of its group ("" outside groups)."""

    index: int
    row: Row
    cells: dict[int, Cell]
    number: str
    group: str


def filled_rows(table: Table) -> Iterator[FilledRow]:
    """The rows that are not group or total rows, each with all its cells."""
    above: dict[int, Cell] = {}
    group = number = ""
    for k, (row, placed) in enumerate(zip(table.rows, layout(table), strict=True)):
        if row.group:
            group = placed.counter
        number = number if placed.continues else placed.counter
        cells = {c: above[c] for c, _ in placed.merged if c in above} | dict(placed.cells)
        above |= dict(placed.cells)
        if not (row.group or row.total):
            yield FilledRow(k, row, cells, number, group)


def cell_text(cell: Cell | None) -> str:
    """What a cell says, as one line of text."""
    if cell is None:
        return ""
    lines = [str(cell.text) if cell.text is not None else "", *cell.paragraphs, *(line.text for line in cell.lines)]
    return " ".join(" ".join(line.split()) for line in lines if line)


def names_in(text: str) -> list[str]:
    """The bodies a cell names: split at ";" (a name may hold commas: "UBND các xã, phường")."""
    return [name for part in text.split(";") if (name := part.strip().strip(".,").strip())]


def counter_column(table: Table) -> int | None:
    """The index of the column kehoach numbers (TT), if any."""
    return next((i for i, c in enumerate(table.columns) if c.counter), None)


def layout(table: Table) -> list[Placed]:
    """Each row with its TT and where its cells go, merges from the rows above followed.

    A row whose first column (after the TT) is merged from the row above goes on with that
    row's item: it takes no number, and the TT cells of the two are merged like that column.
    """
    merging: dict[int, tuple[int, int]] = {}  # start column → (rows still to cover, span)
    count = groups = 0
    counter = counter_column(table)
    first = next((i for i in range(len(table.columns)) if i != counter), 0)
    out: list[Placed] = []
    for row in table.rows:
        if row.group or row.total:
            if row.group:
                groups += 1
                count = 0 if table.restart else count
            out.append(Placed(row, vn.roman(groups) if row.group else "", [], [], len(table.columns)))
            merging = {}
            continue
        continues = counter is not None and any(c <= first < c + s for c, (_, s) in merging.items())
        count += 0 if continues else 1
        placed, opened = _placed(row, "" if continues else str(count), counter, merging)
        merging = {c: (left - 1, span) for c, (left, span) in merging.items() if left > 1} | opened
        if continues:
            start = next(i for i in range(len(out) - 1, -1, -1) if not out[i].continues)
            out[start] = dataclasses.replace(out[start], spans=out[start].spans + 1)
        out.append(dataclasses.replace(placed, continues=continues, keep=bool(merging)))
    return out


def _placed(
    row: Row, shown: str, counter: int | None, merging: dict[int, tuple[int, int]]
) -> tuple[Placed, dict[int, tuple[int, int]]]:
    """The row's cells in the columns left free by the counter and by merges from above."""
    taken: set[int] = {counter} if counter is not None else set()
    overlap = 0
    for start, (_, span) in merging.items():
        taken |= set(range(start, start + span))
    cells, opened, column = [], {}, 0
    for cell in row.cells:
        while column in taken:
            column += 1
        wanted = set(range(column, column + cell.span))
        overlap += len(wanted & taken)
        taken |= wanted
        cells.append((column, cell))
        if cell.rows > 1:
            opened[column] = (cell.rows - 1, cell.span)
        column += cell.span
    merged = sorted((start, span) for start, (_, span) in merging.items())
    return Placed(row, shown, cells, merged, len(taken) + overlap), opened


def totals(table: Table, rows: list[Placed]) -> dict[int, Decimal]:
    """The sum of each column marked ``total``, over the rows (as :func:`layout` places them)
    that are neither groups nor totals."""
    sums = {i: Decimal(0) for i, c in enumerate(table.columns) if c.total}
    for placed in rows:
        if placed.row.group or placed.row.total:
            continue
        for column, cell in placed.cells:
            value = amount(cell.text) if column in sums and cell.text is not None else None
            if value is not None:
                sums[column] += value
    return sums


def stated_totals(table: Table) -> Iterator[tuple[int, int, int, Decimal]]:
    """Totals a total row states: (row index, cell index, column, value); the sums are checked."""
    columns = [i for i, c in enumerate(table.columns) if c.total]
    for r, row in enumerate(table.rows):
        if not row.total:
            continue
        for index, (column, cell) in enumerate(zip(columns, row.cells, strict=False)):
            value = amount(cell.text) if cell.text is not None else None
            if value is not None:
                yield r, index, column, value


def bad_numbers(table: Table, rows: list[Placed]) -> Iterator[tuple[int, int, int, str]]:
    """Cells of number columns that are not numbers: (row index, cell index, column, text)."""
    for r, placed in enumerate(rows):
        for index, (column, cell) in enumerate(placed.cells):
            text = cell.text
            if column >= len(table.columns):  # a row too wide: the width check says so
                break
            if table.columns[column].number and _not_an_amount(text):
                yield r, index, column, str(text)


def _not_an_amount(text: str | int | float | None) -> bool:
    """A cell with figures that do not make an amount ("7.08O,5"); words alone are a remark."""
    return text not in (None, "") and amount(text) is None and not words_only(text)


def scales(table: Table, rows: list[Placed]) -> dict[int, int]:
    """Decimal places each number column shows: as many as its most precise cell."""
    places = {i: 0 for i, c in enumerate(table.columns) if c.number}
    for placed in rows:
        for at, cell in placed.cells:
            value = amount(cell.text) if at in places and cell.text is not None else None
            if value is not None:
                places[at] = max(places[at], -int(value.as_tuple().exponent))
    return places
