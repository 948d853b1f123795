"""A view's table as WordprocessingML, for a template to place with ``{{p b.xml }}``.

docxtpl's ``{%tr %}`` loops repeat one row shape; a body's tables (spans, vertical
merges, group and total rows) have many shapes, so they are written here whole. The
fragment uses the ``w:`` prefix the document's root declares. Decree 30 sets no rule for
tables beyond the font (Phụ lục I; see the-thuc-van-ban.md §9), so the house rules are
the appendix table's: thin borders, centred, header rows repeated, rows never split.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from kehoach.text.markup import Run
from kehoach.views.common import Align, Cell, Row, Table

#: Cell margins left and right: 0.1 cm, as in the templates' own tables.
CELL_MARGIN = 57
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for edge in _EDGES)
_MARGINS = f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
_VMERGE = {"": "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}


@dataclass(frozen=True)
class TableStyles:
    """Paragraph style ids (not names) of the template: body cells and header cells."""

    text: str
    header: str


@dataclass(frozen=True)
class _Emphasis:
    """What a row adds to each of its runs: bold for a group or total, italic for "(1) (2)"."""

    bold: bool = False
    italic: bool = False


def table_xml(table: Table, width: int, styles: TableStyles) -> Markup:
    """The ``<w:tbl>`` of ``table``, ``width`` twips wide (the page's text width).

    Raises:
        ValueError: the table has no columns, or a row covers more or fewer columns than it.
    """
    columns = column_widths(table.widths, width)
    for number, row in enumerate(table.rows, start=1):
        _check_row(row, number, len(columns))
    rows = "".join(_row(row, columns, styles) for row in table.rows)
    return Markup(f"<w:tbl>{_properties(width)}{_grid(columns)}{rows}</w:tbl>")


def column_widths(widths: tuple[float, ...], width: int) -> list[int]:
    """Relative widths scaled to ``width`` twips; the widest column takes the rounding, so they add up exactly."""
    if not widths or any(w <= 0 for w in widths):
        raise ValueError(f"a table needs one or more positive column widths, not {widths!r}")
    total = sum(widths)
    columns = [round(w * width / total) for w in widths]
    columns[widths.index(max(widths))] += width - sum(columns)
    return columns


def _check_row(row: Row, number: int, count: int) -> None:
    """A row that does not fill the grid would shift every cell under it: the view is wrong."""
    covered = sum(cell.span for cell in row.cells)
    if covered != count:
        raise ValueError(f"row {number} of the table covers {covered} columns (spans included); the table has {count}")


def _properties(width: int) -> str:
    """Fixed layout, so Word and LibreOffice keep the widths instead of fitting the text."""
    return (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{_MARGINS}</w:tblCellMar></w:tblPr>"
    )


def _grid(columns: list[int]) -> str:
    """The grid that spans and merges count in."""
    return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in columns) + "</w:tblGrid>"


def _row(row: Row, columns: list[int], styles: TableStyles) -> str:
    """A row kept on one page; a header row repeats at the top of each page."""
    header = "<w:tblHeader/>" if row.header else ""
    style = styles.header if row.header else styles.text
    emphasis = _Emphasis(bold=row.strong, italic=row.italic)
    cells = []
    start = 0
    for cell in row.cells:
        cells.append(_cell(cell, sum(columns[start : start + cell.span]), style, emphasis, row.keep_with_next))
        start += cell.span
    return f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{''.join(cells)}</w:tr>"


def _cell(cell: Cell, width: int, style: str, emphasis: _Emphasis, keep: bool = False) -> str:
    """A cell with its own width (fixed layout needs it); Word requires a paragraph in every cell."""
    span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
    properties = (
        f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{_VMERGE[cell.merge]}<w:vAlign w:val="center"/></w:tcPr>'
    )
    shown = cell.paragraphs if cell.merge != "continue" else ()
    paragraphs = "".join(_paragraph(runs, style, cell.align, emphasis, keep) for runs in shown or ((),))
    return f"<w:tc>{properties}{paragraphs}</w:tc>"


def _paragraph(runs: tuple[Run, ...], style: str, align: Align | None, emphasis: _Emphasis, keep: bool = False) -> str:
    """A paragraph in the table's style, aligned as the cell asks (else as its style does); kept
    with the next when its row must stay on the next row's page (Word and LibreOffice keep
    table rows together so)."""
    content = "".join(_run(run, emphasis) for run in runs)
    keep_next = "<w:keepNext/>" if keep else ""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{escape(style)}"/>{keep_next}{jc}</w:pPr>{content}</w:p>'


def _run(run: Run, emphasis: _Emphasis) -> str:
    """A run with its own emphasis and its row's."""
    bold = "<w:b/>" if run.bold or emphasis.bold else ""
    italic = "<w:i/>" if run.italic or emphasis.italic else ""
    properties = f"<w:rPr>{bold}{italic}</w:rPr>" if bold or italic else ""
    return f"<w:r>{properties}{_text(run.text)}</w:r>"


def _text(text: str) -> str:
    """Escaped text; a line break in it becomes ``<w:br/>`` (Word ignores a raw newline)."""
    parts = (f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else "" for part in text.split("\n"))
    return "<w:br/>".join(parts)
