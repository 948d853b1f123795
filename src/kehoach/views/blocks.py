"""Blocks of a body as the documents show them: paragraphs with their markers, and tables.

The numbering style of the mục decides each item's marker and how its title is written
(case and emphasis); lists number or mark their lines; tables get their TT column, group
rows, column-number row, totals and merges (:mod:`kehoach.plan.tables`) as cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from kehoach.plan import outline, tables
from kehoach.plan.blocks import Block, Cell, Column, Line, Table, amount, remark
from kehoach.plan.model import Numbering
from kehoach.text import markup, numbering, vn
from kehoach.text.markup import Run
from kehoach.views import common
from kehoach.views.common import HEADING, NOTE, TEXT, Paragraph, paragraph

Shown = Paragraph | common.Table


def blocks(found: list[Block], style: Numbering, numbers: tuple[int, ...], landscape: bool = False) -> Iterator[Shown]:
    """The paragraphs and tables of ``found``, items numbered under ``numbers``."""
    numbered: dict[int, list[outline.Numbered]] = {}
    for index, item in outline.numbered(found, style, numbers):
        numbered.setdefault(index, []).append(item)
    for index, block in enumerate(found):
        if block.numbered is not None:
            for item in numbered.get(index, []):
                yield from _item(item, style, landscape)
        else:
            yield from _block(block, landscape)


def _block(block: Block, landscape: bool) -> Iterator[Shown]:
    if block.text is not None:
        yield paragraph(TEXT, block.text)
    elif block.heading is not None:
        bold, italic = _emphasis(block.style or "bold")
        yield Paragraph(HEADING, tuple(markup.parse(block.heading, bold, italic)))
    elif block.note is not None:
        yield paragraph(NOTE, block.note)
    elif block.lines is not None:
        yield from lines(block.lines, block.marker or numbering.UNNUMBERED[0])
    elif block.table is not None:
        yield from table_with_notes(block.table, landscape)


def table_with_notes(found: Table, landscape: bool = False) -> Iterator[Shown]:
    """A table, then the notes under it ("(*) Nếu có sự thay đổi …")."""
    yield table(found, landscape)
    for note in found.note:
        yield paragraph(NOTE, note)


def lines(found: list[Line], marker: str) -> Iterator[Paragraph]:
    """A list's lines with their markers ("-", "+", or "a)", "1)" counted), sub-lists under them."""
    for number, line in enumerate(found, 1):
        yield paragraph(TEXT, line.text, Run(f"{numbering.marker(marker, (number,))} "))
        if line.lines:
            yield from lines(line.lines, line.marker or _below(marker))


def _below(marker: str) -> str:
    """The marker of a sub-list not given one: "+" under "-", "•" under "+", "-" under the rest."""
    marks = numbering.UNNUMBERED
    return marks[min(marks.index(marker) + 1, len(marks) - 1)] if marker in marks else marks[0]


def _emphasis(style: str) -> tuple[bool, bool]:
    return "bold" in style, "italic" in style


def _item(found: outline.Numbered, style: Numbering, landscape: bool) -> Iterator[Shown]:
    item = found.item
    if item.title:
        title_format = style.title(found.level)
        bold, italic = _emphasis(item.title_style or title_format.style)
        title = vn.upper(item.title) if title_format.case == "upper" else item.title
        runs = [Run(f"{found.marker} ", bold=bold), *markup.parse(title, bold, italic)]
        if item.text:
            runs += [Run(" "), *markup.parse(item.text)]
        yield Paragraph(TEXT if item.text else HEADING, tuple(runs), anchor=item.id or "")
    else:
        yield Paragraph(TEXT, (Run(f"{found.marker} "), *markup.parse(item.text or "")), anchor=item.id or "")
    yield from blocks(outline.content(item), style, found.numbers, landscape)


def table(found: Table, landscape: bool = False) -> common.Table:
    """A table's view: header, column numbers, its rows laid out, the total row computed."""
    columns = found.columns
    rows = [common.Row(tuple(_header_cell(c) for c in columns), header=True)]
    if found.number_row:
        numbers = tuple(common.Cell(((Run(f"({i})"),),), "center") for i in range(1, len(columns) + 1))
        rows.append(common.Row(numbers, header=True, italic=True))
    placed_rows = tables.layout(found)
    sums = tables.totals(found, placed_rows)
    scales = tables.scales(found, placed_rows)
    for placed in placed_rows:
        rows.append(_row(found, placed, sums, scales))
    return common.Table(tuple(c.width for c in columns), tuple(rows), landscape=landscape)


def _header_cell(column: Column) -> common.Cell:
    return common.Cell(tuple(tuple(markup.parse(line)) for line in column.label), "center")


def _row(found: Table, placed: tables.Placed, sums: dict[int, Decimal], scales: dict[int, int]) -> common.Row:
    columns = found.columns
    if placed.row.group:
        return common.Row(_group_cells(found, placed), strong=True)
    if placed.row.total:
        return common.Row(_total_cells(found, placed.row.total, sums, scales), strong=True)
    cells: dict[int, common.Cell] = {}
    counter = tables.counter_column(found)
    if counter is not None:
        cells[counter] = _counter_cell(placed)
    for column, span in placed.merged:
        cells[column] = common.Cell((), span=span, merge="continue")
    for column, cell in placed.cells:
        cells[column] = _cell(cell, columns[column], scales.get(column))
    return common.Row(tuple(cells[c] for c in sorted(cells)), keep_with_next=placed.keep)


def _counter_cell(placed: tables.Placed) -> common.Cell:
    """The TT cell: the row's number, merged down over the rows that go on with its item."""
    if placed.continues:
        return common.Cell((), "center", merge="continue")
    if placed.spans > 1:
        return common.Cell(((Run(placed.counter),),), "center", merge="restart", rows=placed.spans)
    return common.Cell(((Run(placed.counter),),), "center")


def _group_cells(found: Table, placed: tables.Placed) -> tuple[common.Cell, ...]:
    """A group row: its roman numeral in the TT column, its title across the others."""
    title = common.Cell(((*markup.parse(placed.row.group or ""),),))
    counter = tables.counter_column(found)
    rest = len(found.columns) - (1 if counter is not None else 0)
    title = common.Cell(title.paragraphs, span=rest)
    if counter is None:
        return (title,)
    number = common.Cell(((Run(placed.counter),),), "center")
    return (number, title) if counter == 0 else (title, number)


def _total_cells(found: Table, label: str, sums: dict[int, Decimal], scales: dict[int, int]) -> tuple[common.Cell, ...]:
    """The total row: its label across the columns before the first total, then the sums."""
    first = min(sums) if sums else len(found.columns)
    cells = [common.Cell(((*markup.parse(label),),), "center", span=max(first, 1))]
    for column in range(max(first, 1), len(found.columns)):
        shown = vn.amount(sums[column], scales.get(column)) if column in sums else ""
        cells.append(common.Cell(((Run(shown),),), "right" if column in sums else None))
    return tuple(cells)


def _broken(text: str) -> tuple[Run, ...]:
    """A cell's text, its line breaks kept (each line with its own *emphasis*)."""
    runs: list[Run] = []
    for number, line in enumerate(text.split("\n")):
        runs += [Run("\n")] if number else []
        runs += markup.parse(line)
    return tuple(runs)


def _cell(cell: Cell, column: Column, scale: int | None) -> common.Cell:
    align = cell.align or column.align or ("right" if column.number else None)
    merge: Literal["", "restart"] = "restart" if cell.rows > 1 else ""
    return common.Cell(_cell_paragraphs(cell, column, scale), align, cell.span, merge, cell.rows)


def _cell_paragraphs(cell: Cell, column: Column, scale: int | None) -> tuple[tuple[Run, ...], ...]:
    out: list[tuple[Run, ...]] = []
    if cell.text not in (None, ""):
        value = amount(cell.text) if column.number and cell.text is not None else None
        text = f"{vn.amount(value, scale)} {remark(cell.text)}".rstrip() if value is not None else str(cell.text)
        out.append(_broken(text))
    out += [tuple(markup.parse(text)) for text in cell.paragraphs]
    out += [p.runs for p in lines(cell.lines, cell.marker or numbering.UNNUMBERED[0])]
    return tuple(out)


def content_lines(found: list[Block]) -> Iterator[str]:
    """A part's content as lines of text, for a letter or notice that quotes it without its
    layout: paragraphs, headings, list lines and items ("Tiêu đề: nội dung"), depth first."""
    for block in found:
        if single := block.text or block.heading:
            yield single
        yield from _list_lines(block.lines or [])
        for item in block.numbered or []:
            yield ": ".join(t for t in (item.title, item.text) if t)
            yield from content_lines(outline.content(item))


def _list_lines(found: list[Line]) -> Iterator[str]:
    for line in found:
        yield line.text
        yield from _list_lines(line.lines)
