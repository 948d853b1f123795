"""Decree-30 format facts of the rendered plan, read back with python-docx."""

from __future__ import annotations

import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from helpers import blocks, effective, find, paragraph_format, texts
from kehoach.text.metrics import text_width_pt

FONT = "Times New Roman"


def test_page_is_a4_with_decree_margins(plan_docx):
    for section in plan_docx.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        assert abs(section.top_margin - Mm(20)) < Mm(0.1)
        assert abs(section.bottom_margin - Mm(20)) < Mm(0.1)
        assert abs(section.left_margin - Mm(30)) < Mm(0.1)
        assert abs(section.right_margin - Mm(15)) < Mm(0.1)


def test_times_new_roman_everywhere(plan_docx):
    parts = [plan_docx.styles.element, plan_docx.element]
    parts += [s.header._element for s in plan_docx.sections]
    seen = 0
    for part in parts:
        for fonts in part.iter(qn("w:rFonts")):
            for attr, value in fonts.attrib.items():
                assert "Theme" not in attr, f"theme font {attr} used"
                assert value == FONT, f"{value} in {attr}"
                seen += 1
    assert seen >= 4
    defaults = plan_docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(k)) for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {FONT}


@pytest.mark.parametrize(
    ("text", "size", "bold", "italic"),
    [
        ("ỦY BAN NHÂN DÂN", 13, True, False),
        ("PHƯỜNG AN DƯƠNG", 13, True, False),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
        ("Độc lập - Tự do - Hạnh phúc", 14, True, False),
        ("Số: 15/KH-UBND", 13, False, False),
        ("An Dương, ngày 01 tháng 8 năm 2025", 14, False, True),
        ("KẾ HOẠCH", 14, True, False),
        ("Tổ chức các hoạt động tuyên truyền chào mừng", 14, True, False),
        ("Nơi nhận:", 12, True, True),
        ("- Lưu: VT, VHXH.", 11, False, False),
        ("KT. CHỦ TỊCH", 14, True, False),
        ("PHÓ CHỦ TỊCH", 14, True, False),
        ("Vũ Mạnh Hùng", 14, True, False),
        ("I. MỤC ĐÍCH, YÊU CẦU", 14, True, False),
        ("Thực hiện Kế hoạch số 01-KH/ĐU", 14, False, False),
    ],
)
def test_element_font(plan_docx, text, size, bold, italic):
    got = effective(find(plan_docx, text))
    assert got == {"size": size, "bold": bold, "italic": italic}


def test_header_lines_are_centred(plan_docx):
    for text in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/KH-UBND",
        "An Dương, ngày 01 tháng 8 năm 2025",
        "KẾ HOẠCH",
        "KT. CHỦ TỊCH",
    ):
        assert paragraph_format(find(plan_docx, text), "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_number_and_date_share_a_row(plan_docx):
    header = plan_docx.tables[0]
    row_texts = [[c.text.strip() for c in row.cells] for row in header.rows]
    assert ["Số: 15/KH-UBND", "An Dương, ngày 01 tháng 8 năm 2025"] in row_texts


def _body(doc):
    """Paragraphs between the subject's rule and the signature table."""
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Thực hiện"))
    return paragraphs[start:]


def test_body_paragraphs(plan_docx):
    body = _body(plan_docx)
    assert len(body) > 120
    for p in body:
        assert paragraph_format(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text[:40]
        assert abs(paragraph_format(p, "first_line_indent") - Mm(10)) < Mm(0.1), p.text[:40]
        assert paragraph_format(p, "space_before") >= Pt(6), p.text[:40]
        spacing = paragraph_format(p, "line_spacing")
        assert spacing is None or (isinstance(spacing, float) and 1.0 <= spacing <= 1.5)
        for i in range(len([r for r in p.runs if r.text])):
            assert effective(p, i)["size"] == 14


def test_emphasis_where_the_reference_has_it(plan_docx):
    heading = find(plan_docx, "1. Đợt 1:")
    assert effective(heading)["bold"]
    point = find(plan_docx, "a) Tuyên truyền trên website")
    assert not effective(point, 0)["italic"]
    assert effective(point, 1)["italic"]
    aside = find(plan_docx, "- Tổ chức tiếp sóng (")
    runs = [r.text for r in aside.runs if r.text]
    assert runs[:2] == ["- ", "Tổ chức tiếp sóng ("]
    assert runs[2] == "các kênh của Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam"
    assert effective(aside, 2)["italic"] and not effective(aside, 3)["italic"]
    assert not effective(find(plan_docx, "1. Thông qua công tác"))["bold"]


def _rule_after(doc, text):
    paragraphs = blocks(doc)
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    rule = paragraphs[index + 1]
    assert rule.style.name.startswith("KH Gạch")
    assert rule._p.pPr.find(qn("w:pBdr")) is None  # the border comes from the style
    assert rule.style.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    return rule


def _rule_length_pt(rule, cell_width_twips):
    fmt = rule.paragraph_format
    return (cell_width_twips * 635 - fmt.left_indent - fmt.right_indent) / 12700


def _cell_width(doc, text):
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(p.text == text for p in cell.paragraphs):
                    width = cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))
                    return int(width) - 2 * 57
    raise AssertionError(text)


def test_motto_rule_is_exactly_as_long_as_the_motto(plan_docx):
    motto = "Độc lập - Tự do - Hạnh phúc"
    rule = _rule_after(plan_docx, motto)
    length = _rule_length_pt(rule, _cell_width(plan_docx, motto))
    assert length == pytest.approx(text_width_pt(motto, 14, bold=True), abs=0.5)


def test_issuer_rule_is_a_third_to_a_half(plan_docx):
    rule = _rule_after(plan_docx, "PHƯỜNG AN DƯƠNG")
    length = _rule_length_pt(rule, _cell_width(plan_docx, "PHƯỜNG AN DƯƠNG"))
    text = max(text_width_pt(t, 13, bold=True) for t in ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN DƯƠNG"))
    assert text / 3 <= length <= text / 2


def test_subject_rule_is_centred_and_short(plan_docx):
    subject = find(plan_docx, "Tổ chức các hoạt động tuyên truyền chào mừng")
    rule = _rule_after(plan_docx, subject.text)
    fmt = rule.paragraph_format
    assert fmt.left_indent == fmt.right_indent
    width_pt = (Mm(165) - 2 * fmt.left_indent) / 12700
    assert Mm(165).pt / 3 <= width_pt <= Mm(165).pt / 2


def test_page_number_in_header_from_page_two(plan_docx):
    for section in plan_docx.sections:
        assert section.different_first_page_header_footer
        header = section.header._element
        instructions = [t.text.strip() for t in header.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        paragraph = section.header.paragraphs[0]
        assert paragraph_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert effective_size(paragraph) in (13, 14)
        first = section.first_page_header._element
        assert not list(first.iter(qn("w:instrText")))
        assert "".join(t.text or "" for t in first.iter(qn("w:t"))).strip() == ""


def effective_size(paragraph):
    for style in (paragraph.style, *(_bases(paragraph.style))):
        if style.font.size:
            return style.font.size.pt
    return None


def _bases(style):
    while style.base_style is not None:
        style = style.base_style
        yield style


def test_recipients_and_signature_side_by_side(plan_docx):
    table = plan_docx.tables[-1]
    left, right = table.rows[0].cells
    lines = [p.text for p in left.paragraphs if p.text]
    assert lines[0] == "Nơi nhận:"
    assert lines[1] == "- Thường Trực Đảng ủy;"
    assert all(line.startswith("- ") and line.endswith(";") for line in lines[1:-1])
    assert lines[-1] == "- Lưu: VT, VHXH."
    assert [p.text for p in right.paragraphs if p.text] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Mạnh Hùng"]
    assert all(paragraph_format(p, "alignment") == WD_ALIGN_PARAGRAPH.LEFT for p in left.paragraphs)


def test_closing_ends_with_the_decree_mark_and_stays_with_signature(plan_docx):
    closing = next(t for t in texts(plan_docx) if t.startswith("Trên đây là Kế hoạch"))
    assert closing.endswith("./.")
    assert paragraph_format(find(plan_docx, closing), "keep_with_next")


def test_headings_keep_with_next(plan_docx):
    for text in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Đợt 1:", "1. Đề nghị Ủy ban Mặt trận"):
        assert paragraph_format(find(plan_docx, text), "keep_with_next")


def test_no_jinja_left(plan_docx):
    for text in texts(plan_docx):
        assert not re.search(r"\{[{%]|[}%]\}", text)
