"""A body's table, written as WordprocessingML, opens in Word's model and in LibreOffice as drawn."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from helpers import make_plan, to_pdf
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render.tables import TableStyles, column_widths, table_xml
from kehoach.text.errors import ProblemsError
from kehoach.text.markup import Run
from kehoach.views.common import Cell, Row, Table

#: A4 portrait, 30 mm and 15 mm margins: 165 mm of text.
WIDTH = 9354
WIDTHS = (1.0, 6.0, 3.0)


def cell(text: str, **options) -> Cell:
    return Cell(paragraphs=((Run(text),),), **options)


def sample() -> Table:
    """Header, column numbers, a group row, a merged unit over two tasks, a total."""
    return Table(
        widths=WIDTHS,
        rows=(
            Row(
                (cell("TT", align="center"), cell("Nhiệm vụ", align="center"), cell("Đơn vị", align="center")),
                header=True,
            ),
            Row((cell("(1)", align="center"), cell("(2)", align="center"), cell("(3)", align="center")), italic=True),
            Row((cell("I. Khu vực phía Bắc", span=3),), strong=True),
            Row((cell("1", align="center"), cell("Treo cờ Tổ quốc"), cell("Công an phường", merge="restart"))),
            Row((cell("2", align="center"), cell("a < b & c \"d\" 'e'"), cell("", merge="continue"))),
            Row(
                (
                    cell("3", align="center"),
                    Cell(paragraphs=((Run("Dòng một\nDòng hai"),), (Run("Ghi "), Run("chú", bold=True)))),
                    Cell(paragraphs=()),
                )
            ),
            Row((cell("Tổng cộng", span=2, align="right"), cell("3 đơn vị", align="both")), strong=True),
        ),
    )


def write_docx(table: Table, path: Path) -> Path:
    """A document with the templates' two table styles and the table, saved and ready to reopen."""
    document = docx.Document()
    styles = TableStyles(
        text=document.styles.add_style("KH Bảng", WD_STYLE_TYPE.PARAGRAPH).style_id,
        header=document.styles.add_style("KH Đầu bảng", WD_STYLE_TYPE.PARAGRAPH).style_id,
    )
    fragment = table_xml(table, WIDTH, styles)
    body = document.element.body
    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{fragment}<w:p/></w:body>")
    for element in list(wrapper):
        body.sectPr.addprevious(element)
    document.save(path)
    return path


@pytest.fixture
def reopened(tmp_path):
    """The sample table as python-docx reads it back from the saved file."""
    document = docx.Document(write_docx(sample(), tmp_path / "bang.docx"))
    return document.tables[0]


def test_columns_and_texts(reopened):
    assert len(reopened.columns) == 3
    assert [c.text for c in reopened.rows[0].cells] == ["TT", "Nhiệm vụ", "Đơn vị"]
    assert reopened.cell(3, 1).text == "Treo cờ Tổ quốc"
    assert reopened.alignment == WD_TABLE_ALIGNMENT.CENTER


def test_header_repeats_and_no_row_splits(reopened):
    headers = [row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for row in reopened.rows]
    assert headers == [True] + [False] * 6
    assert all(row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in reopened.rows)


def test_widths_fill_the_text_width_in_proportion(reopened):
    grid = [col.w.twips for col in reopened._tbl.tblGrid.gridCol_lst]
    assert sum(grid) == WIDTH
    assert grid == pytest.approx([WIDTH * w / sum(WIDTHS) for w in WIDTHS], abs=1)
    assert reopened._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert reopened.cell(6, 0).width.twips == grid[0] + grid[1]


def test_rounding_goes_to_the_widest_column():
    assert column_widths((1, 1, 1), 100) == [34, 33, 33]
    assert column_widths((1, 2, 1), 10) == [2, 6, 2]
    assert column_widths((1, 3, 3), 100) == [14, 43, 43]


def test_every_edge_has_a_thin_border(reopened):
    borders = reopened._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {edge.tag.split("}")[1]: (edge.get(qn("w:val")), edge.get(qn("w:sz"))) for edge in borders}
    assert edges == {e: ("single", "4") for e in ("top", "left", "bottom", "right", "insideH", "insideV")}


def test_spanned_cell_spans(reopened):
    group = reopened.cell(2, 0)
    assert group.grid_span == 3
    assert group._tc is reopened.cell(2, 2)._tc
    assert group.text == "I. Khu vực phía Bắc"
    assert reopened.cell(6, 0)._tc is reopened.cell(6, 1)._tc


def test_vertical_merge_is_one_cell(reopened):
    assert reopened.cell(3, 2)._tc is reopened.cell(4, 2)._tc
    assert reopened.cell(4, 2).text == "Công an phường"
    assert reopened.cell(3, 1)._tc is not reopened.cell(4, 1)._tc


def test_row_emphasis(reopened):
    assert all(run.bold for run in reopened.cell(2, 0).paragraphs[0].runs)
    assert all(run.bold for c in reopened.rows[6].cells for run in c.paragraphs[0].runs)
    numbers = [run for c in reopened.rows[1].cells for run in c.paragraphs[0].runs]
    assert numbers and all(run.italic and not run.bold for run in numbers)
    plain = reopened.cell(3, 1).paragraphs[0].runs[0]
    assert not plain.bold and not plain.italic


def test_a_run_keeps_its_own_emphasis(reopened):
    note = reopened.cell(5, 1).paragraphs[1]
    assert [(run.text, bool(run.bold)) for run in note.runs] == [("Ghi ", False), ("chú", True)]


def test_text_is_escaped(reopened):
    assert reopened.cell(4, 1).text == "a < b & c \"d\" 'e'"


def test_newline_is_a_line_break(reopened):
    first = reopened.cell(5, 1).paragraphs[0]
    assert first.text == "Dòng một\nDòng hai"
    assert first._p.xpath("count(.//w:br)") == 1


def test_every_cell_has_a_paragraph(reopened):
    assert len(reopened.cell(5, 2).paragraphs) == 1
    assert reopened.cell(5, 2).text == ""


def test_styles_and_alignment(reopened):
    head = reopened.cell(0, 1).paragraphs[0]
    assert head.style.name == "KH Đầu bảng"
    assert head.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = reopened.cell(3, 1).paragraphs[0]
    assert body.style.name == "KH Bảng"
    assert body.alignment is None  # a cell that asks for none keeps its style's alignment
    assert reopened.cell(6, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert reopened.cell(6, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_output_is_deterministic():
    styles = TableStyles("KHBng", "KHubng")
    assert table_xml(sample(), WIDTH, styles) == table_xml(sample(), WIDTH, styles)


def test_libreoffice_shows_the_texts(soffice, tmp_path):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext not installed")
    pdf = to_pdf(soffice, write_docx(sample(), tmp_path / "bang.docx"), tmp_path)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for expected in ("Nhiệm vụ", "I. Khu vực phía Bắc", "Công an phường", "a < b & c", "Dòng hai", "Tổng cộng"):
        assert expected in text
    assert text.count("Công an phường") == 1


@pytest.mark.parametrize("cells", [(cell("1"), cell("2")), (cell("1"), cell("2", span=2), cell("3"))])
def test_a_row_of_the_wrong_width_is_refused(cells):
    table = Table(widths=WIDTHS, rows=(Row(cells),))
    with pytest.raises(ValueError, match=r"row 1 of the table covers \d columns .*the table has 3"):
        table_xml(table, WIDTH, TableStyles("a", "b"))


def test_a_row_wider_than_a_table_with_a_number_column_is_an_error_not_a_crash(tmp_path):
    table = {"columns": [{"label": "Việc"}, {"label": "Số tiền", "number": True}], "rows": [["a", "1", "x", "y"]]}
    appendix = {"title": "Kinh phí", "table": table}
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, appendices=[appendix]))
    assert [p.code for p in caught.value.problems] == ["table_row_width"]


def test_a_number_column_may_hold_a_remark_or_an_amount_with_one(tmp_path):
    """Real budget tables write "Chi thường xuyên (không tính riêng)" or "300.000 (đầu tư công)"
    among the figures: words are a remark left out of the sum, a bracket after an amount is kept."""
    columns = [{"label": "Nhiệm vụ"}, {"label": "Kinh phí (triệu đồng)", "number": True, "total": True}]
    rows = [
        ["Điều tra", "1.500"],
        ["Vận hành", "Chi thường xuyên (không tính riêng)"],
        ["Nhà máy", "300000 (đầu tư công)"],
        {"total": "Tổng cộng", "cells": ["301.500"]},
    ]
    appendix = {"title": "Kinh phí", "table": {"columns": columns, "rows": rows}}
    run_render(make_plan(tmp_path, appendices=[appendix]), tmp_path / "out")
    doc = docx.Document(str(next((tmp_path / "out").glob("ke-hoach-*.docx"))))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nhiệm vụ")
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert ["Vận hành", "Chi thường xuyên (không tính riêng)"] in cells
    assert ["Nhà máy", "300.000 (đầu tư công)"] in cells
    assert cells[-1][-1] == "301.500"


def test_figures_that_make_no_amount_are_still_an_error(tmp_path):
    columns = [{"label": "Nhiệm vụ"}, {"label": "Kinh phí", "number": True}]
    appendix = {"title": "Kinh phí", "table": {"columns": columns, "rows": [["a", "7.08O,5"]]}}
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, appendices=[appendix]))
    assert [p.code for p in caught.value.problems] == ["table_not_a_number"]
