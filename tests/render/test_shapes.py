"""Plans of every shape rendered: numbering styles, ordered blocks, tables, appendices, references."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from lxml import etree

from helpers import MINIMAL, effective, find, make_plan, open_docx, texts, to_pdf
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text.errors import ProblemsError

PLAN_FILE = "ke-hoach-07-KH-UBND.docx"


def render(tmp_path, **overrides):
    run_render(make_plan(tmp_path, **overrides), tmp_path / "out")
    return open_docx(tmp_path / "out" / PLAN_FILE)


def body_texts(doc):
    """Paragraph texts of the body, from the first mục to the closing paragraph."""
    all_texts = texts(doc)
    return all_texts[all_texts.index("KẾ HOẠCH") + 2 :]


SECTIONS = [
    {
        "title": "Mục đích",
        "items": [{"title": "Tiêu đề", "items": ["Điểm một.", "Điểm hai."]}, "Khoản hai."],
    },
    {"title": "Nội dung", "items": ["Khoản một."]},
]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("I-1-a", ["I. MỤC ĐÍCH", "1. Tiêu đề", "a) Điểm một.", "b) Điểm hai.", "2. Khoản hai.", "II. NỘI DUNG"]),
        ("1-1.1-a", ["1. MỤC ĐÍCH", "1.1. Tiêu đề", "a) Điểm một.", "b) Điểm hai.", "1.2. Khoản hai.", "2. NỘI DUNG"]),
        (
            "1-1.1-1.1.1",
            ["1. MỤC ĐÍCH", "1.1. Tiêu đề", "1.1.1. Điểm một.", "1.1.2. Điểm hai.", "1.2. Khoản hai.", "2. NỘI DUNG"],
        ),
        ("I-1-a/", ["I. MỤC ĐÍCH", "1. Tiêu đề", "a/ Điểm một.", "b/ Điểm hai.", "2. Khoản hai.", "II. NỘI DUNG"]),
    ],
)
def test_numbering_styles(tmp_path, style, expected):
    body = body_texts(render(tmp_path, numbering=style, sections=SECTIONS))
    assert body[: len(expected)] == expected


def test_i_1_11_a_numbers_a_sub_khoan_with_its_khoan(tmp_path):
    sections = [
        {"title": "Nội dung", "items": ["Một.", "Hai.", {"title": "Ba", "items": [{"title": "Con", "items": ["x"]}]}]}
    ]
    body = body_texts(render(tmp_path, numbering="I-1-1.1-a", sections=sections))
    assert body[:6] == ["I. NỘI DUNG", "1. Một.", "2. Hai.", "3. Ba", "3.1. Con", "a) x"]


def test_a_section_may_number_its_own_way_and_titles_are_settings(tmp_path):
    sections = [
        {"title": "Mục đích", "items": ["Một."]},
        {"title": "Phạm vi", "numbering": {"levels": ["I.", "1)"]}, "items": ["Hai."]},
    ]
    numbering = {"style": "I-1-a", "titles": [{"case": "as-written", "style": "italic"}]}
    doc = render(tmp_path, numbering=numbering, sections=sections)
    body = body_texts(doc)
    assert body[:4] == ["I. Mục đích", "1. Một.", "II. PHẠM VI", "1) Hai."]
    assert effective(find(doc, "I. Mục đích"), 0)["italic"] is True


def test_body_blocks_keep_their_order_and_markers(tmp_path):
    body = [
        {"list": ["Dòng cộng."], "marker": "+"},
        "Trong đó, vốn ngân sách:",
        {"heading": "Phạm vi và tiềm năng:", "style": "italic"},
        {"list": [{"text": "Dòng trừ.", "list": ["Dòng con."]}]},
        {"list": ["Thứ nhất.", "Thứ hai."], "marker": "a)"},
        {"note": "(*) Ghi chú căn giữa."},
        {"items": ["Khoản một."]},
        "Đoạn giữa hai khoản.",
        {"items": ["Khoản hai."]},
    ]
    doc = render(tmp_path, sections=[{"title": "Nội dung", "body": body}])
    assert body_texts(doc)[:11] == [
        "I. NỘI DUNG",
        "+ Dòng cộng.",
        "Trong đó, vốn ngân sách:",
        "Phạm vi và tiềm năng:",
        "- Dòng trừ.",
        "+ Dòng con.",
        "a) Thứ nhất.",
        "b) Thứ hai.",
        "(*) Ghi chú căn giữa.",
        "1. Khoản một.",
        "Đoạn giữa hai khoản.",
    ]
    assert "2. Khoản hai." in texts(doc)
    heading = effective(find(doc, "Phạm vi và tiềm năng:"), 0)
    assert heading["italic"] is True and not heading["bold"]
    note = find(doc, "(*) Ghi chú căn giữa.")
    assert note.style.name == "KH Ghi chú"
    assert effective(note, 0)["italic"] is True


TABLE = {
    "id": "bang-kinh-phi",
    "columns": [
        {"label": "TT", "width": 1, "counter": True},
        {"label": "Đơn vị được kiểm tra", "width": 6},
        {"label": ["Kinh phí", "(triệu đồng)"], "width": 2, "number": True, "total": True},
    ],
    "number_row": True,
    "rows": [
        {"group": "Khu vực phía Bắc"},
        ["Sở Tài chính", 7080.5],
        ["Sở Y tế", "1.200"],
        {"group": "Khu vực phía Nam"},
        [{"text": "Phường A\nPhường B", "rows": 2}, 10],
        [5],
        {"total": "Tổng cộng", "cells": ["8.295,5"]},
    ],
    "note": "(*) Nếu có sự thay đổi, sẽ thông báo sau.",
}


def cell_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_table_in_the_body_with_groups_counter_merges_and_total(tmp_path):
    sections = [{"title": "Kinh phí", "body": ["Dự kiến như sau:", {"table": TABLE}]}]
    doc = render(tmp_path, sections=sections)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    assert cell_texts(table) == [
        ["TT", "Đơn vị được kiểm tra", "Kinh phí\n(triệu đồng)"],
        ["(1)", "(2)", "(3)"],
        ["I", "Khu vực phía Bắc", "Khu vực phía Bắc"],
        ["1", "Sở Tài chính", "7.080,5"],
        ["2", "Sở Y tế", "1.200,0"],
        ["II", "Khu vực phía Nam", "Khu vực phía Nam"],
        ["1", "Phường A\nPhường B", "10,0"],
        ["1", "Phường A\nPhường B", "5,0"],
        ["Tổng cộng", "Tổng cộng", "8.295,5"],
    ]
    # merged over two rows: one item, one number, kept on one page
    assert table.cell(6, 1)._tc is table.cell(7, 1)._tc
    assert table.cell(6, 0)._tc is table.cell(7, 0)._tc
    assert table.rows[6].cells[1].paragraphs[0].paragraph_format.keep_with_next
    assert not table.rows[7].cells[2].paragraphs[0].paragraph_format.keep_with_next
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert "(*) Nếu có sự thay đổi, sẽ thông báo sau." in texts(doc)


def test_a_stated_total_that_is_not_the_sum_is_an_error_at_its_line(tmp_path):
    wrong = {**TABLE, "rows": [*TABLE["rows"][:-1], {"total": "Tổng cộng", "cells": ["9.000"]}]}
    plan = make_plan(tmp_path, sections=[{"title": "Kinh phí", "body": [{"table": wrong}]}])
    with pytest.raises(ProblemsError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.code == "table_total_mismatch"
    assert problem.args["computed"] == "8.295,5"
    assert "9.000" in problem.source_line


APPENDICES = [
    {"id": "lich", "title": "Lịch kiểm tra", "orientation": "landscape", "table": TABLE},
    {
        "id": "de-cuong",
        "title": "Đề cương báo cáo",
        "body": [{"items": [{"title": "Kết quả", "items": ["Số liệu."]}]}],
        "closing": ["LÃNH ĐẠO ĐƠN VỊ", "*(Ký tên, đóng dấu)*"],
    },
]


def test_appendices_have_their_labels_orientation_content_and_closing(tmp_path):
    doc = render(tmp_path, appendices=APPENDICES, appendix_labels="01")
    all_texts = texts(doc)
    assert all_texts.count("Phụ lục 01") == 1 and all_texts.count("Phụ lục 02") == 1
    assert "LỊCH KIỂM TRA" in all_texts and "ĐỀ CƯƠNG BÁO CÁO" in all_texts
    assert "(Kèm theo Kế hoạch số 07/KH-UBND ngày 05/01/2025 của Ủy ban nhân dân phường An Dương)" in all_texts
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert doc.sections[1].page_width > doc.sections[1].page_height
    landscape_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    widths = sum(int(c.get(qn("w:w"))) for c in landscape_table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert widths == round((297 - 30 - 15) / 25.4 * 1440)  # the landscape page's text width
    closing = find(doc, "LÃNH ĐẠO ĐƠN VỊ")
    assert closing.style.name == "KH Ký phụ lục"
    assert effective(find(doc, "(Ký tên, đóng dấu)"), 0)["italic"] is True
    # an appendix's outline is numbered from the mục level: "I. KẾT QUẢ", "1. Số liệu."
    assert all_texts.index("I. KẾT QUẢ") < all_texts.index("1. Số liệu.") < all_texts.index("LÃNH ĐẠO ĐƠN VỊ")


def test_two_appendices_never_print_the_key_task_table_twice(tmp_path):
    plan = make_plan(tmp_path, appendices=[{"title": "Một"}, {"title": "Hai"}])
    with pytest.raises(ProblemsError) as caught:
        load_plan(plan)
    assert [p.code for p in caught.value.problems] == ["appendix_repeats_key_tasks"]
    assert caught.value.problems[0].args["first"] == "Phụ lục I"


def test_references_follow_the_numbering(tmp_path):
    sections = [
        {"title": "Mục đích", "items": [{"id": "muc-tieu", "text": "Mục tiêu."}]},
        {"title": "Tổ chức thực hiện", "id": "to-chuc"},
    ]
    recipients = ["Các đơn vị nêu tại {mục:to-chuc}", "Theo {khoản:muc-tieu} và {Phụ lục:lich}"]
    appendices = [{**APPENDICES[0], "orientation": "portrait"}]
    doc = render(tmp_path, sections=sections, recipients=recipients, appendices=appendices)
    assert "- Các đơn vị nêu tại mục II;" in texts(doc)
    assert "- Theo khoản 1 và Phụ lục;" in texts(doc)
    moved = [{"title": "Căn cứ", "paragraphs": ["Đoạn."]}, *sections]
    doc = render(tmp_path, sections=moved, recipients=recipients, appendices=appendices)
    assert "- Các đơn vị nêu tại mục III;" in texts(doc)


def test_an_unknown_reference_is_an_error_at_its_line(tmp_path):
    plan = make_plan(tmp_path, recipients=["Các đơn vị nêu tại {mục:khong-co}"])
    with pytest.raises(ProblemsError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.code == "reference_unknown"
    assert (
        problem.line == plan.read_text(encoding="utf-8").splitlines().index("- Các đơn vị nêu tại {mục:khong-co}") + 1
    )


def test_the_archive_line_lists_the_plan_s_entries(tmp_path):
    doc = render(tmp_path, archive=["VT", "TH (Thắng)", "KT (Long)"])
    assert "- Lưu: VT, TH (Thắng), KT (Long)." in texts(doc)
    assert "- Lưu: VT, VHXH." in texts(render(tmp_path))


def test_a_subject_breaks_where_its_lines_end_and_runs_on_elsewhere(tmp_path):
    document = {**MINIMAL["document"], "subject": ["Phát triển du lịch giai đoạn", "2026 – 2027"]}
    doc = render(tmp_path, document=document)
    subject = find(doc, "Phát triển du lịch giai đoạn")
    assert subject.text == "Phát triển du lịch giai đoạn\n2026 – 2027"
    assert doc.core_properties.subject == "Phát triển du lịch giai đoạn 2026 – 2027"


def test_lines_under_the_signer_s_name(tmp_path):
    signer = {**MINIMAL["signer"], "after": ["(Đã ký)"]}
    all_texts = texts(render(tmp_path, signer=signer))
    assert all_texts[all_texts.index("Nguyễn Văn A") + 1] == "(Đã ký)"


def footnote_texts(path):
    """The notes of a DOCX's footnotes part (separators left out), and its references' ids."""
    with zipfile.ZipFile(path) as docx_zip:
        notes = etree.fromstring(docx_zip.read("word/footnotes.xml"))
        body = etree.fromstring(docx_zip.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts_ = {n.get(w + "id"): "".join(n.itertext()).strip() for n in notes if n.get(w + "type") is None}
    return texts_, [r.get(w + "id") for r in body.iter(w + "footnoteReference")]


def test_footnotes_are_real_word_footnotes(tmp_path, soffice):
    closing = "Kết thúc^[Theo Công văn số 12/UBND-VP & <phụ lục>.] và báo cáo^[Trước ngày 20 hằng tháng.]./."
    doc = render(tmp_path, closing=closing)
    assert "Kết thúc và báo cáo./." in texts(doc)  # the notes are not in the running text
    notes, references = footnote_texts(tmp_path / "out" / PLAN_FILE)
    assert notes == {"1": "Theo Công văn số 12/UBND-VP & <phụ lục>.", "2": "Trước ngày 20 hằng tháng."}
    assert references == ["1", "2"]
    pdf = to_pdf(soffice, tmp_path / "out" / PLAN_FILE, tmp_path / "pdf")
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Kết thúc1 và báo cáo2./." in shown
    assert "1 Theo Công văn số 12/UBND-VP & <phụ lục>." in shown


def test_a_plan_without_footnotes_has_no_footnotes_part(tmp_path):
    render(tmp_path)
    with zipfile.ZipFile(tmp_path / "out" / PLAN_FILE) as docx_zip:
        assert "word/footnotes.xml" not in docx_zip.namelist()
