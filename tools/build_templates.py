"""Build the default Word templates in ``src/kehoach/render/templates/`` (docxtpl: Word files with Jinja tags).

The templates are committed as .docx so a secretary can open one in Word or
LibreOffice and change the letterhead, a style or a font; this script is how the
defaults were made, kept so a change to them is reviewable as code. Run it after
editing it: ``python tools/build_templates.py``. ``--check`` builds them in memory
and fails if a committed template differs by one byte (CI runs it), so the
script and the files it made cannot drift apart; ``--out DIR`` writes elsewhere.
The HTML template (``ke-hoach.html``) is written by hand: it is its own source.

The letter's template (``giao-viec.docx``) renders change notices too (their view
has ``notice`` true), so that a change made in Word is made once. A Word template
in the folder that the script does not build (such as the ``dieu-chinh.docx``
notices had before) fails ``--check`` as well.

Formatting lives in named paragraph styles ("KH …"), never on single runs, so a
change to a style in Word changes every paragraph that uses it. Styles whose name
starts with "KH Gạch" are rules (đường kẻ): kehoach sets their length when it
renders (see ``kehoach.render.layout``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kehoach.render.docx_bytes import docx_bytes
from kehoach.render.names import party_name
from kehoach.text.profile import paragraph_styles, profile

FONT = "Times New Roman"
BUILT = dt.datetime(2026, 1, 1)
OUT = Path(__file__).resolve().parents[1] / "src" / "kehoach" / "render" / "templates"
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY

#: The alignments a profile names.
ALIGN = {"left": LEFT, "center": CENTER, "both": JUSTIFY, "right": WD_ALIGN_PARAGRAPH.RIGHT}
#: Children of w:sectPr, w:pPr and w:tblPr that the schema puts after the ones we add
#: (Word refuses a file whose elements are out of order).
SECTPR_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
TBLPR_AFTER_CELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
#: Rules: the paragraph's bottom border is the line; kehoach sets its indents.
RULES = ("KH Gạch cơ quan", "KH Gạch tiêu ngữ", "KH Gạch trích yếu")


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)


def _doc_defaults(doc) -> None:
    """Times New Roman 14 pt, Vietnamese, everywhere unless a style says otherwise."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), "28")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")


def _normal(doc) -> None:
    """Body text (Decree 30): 14 pt, justified, 1 cm first line, 6 pt before, ≤ 1.5 lines."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.alignment = JUSTIFY
    fmt.first_line_indent = Mm(10)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = 1.15
    fmt.widow_control = True


def _add_style(doc, name, size, bold, italic, align, indent_cm, before, keep) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Mm(indent_cm * 10)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    fmt.keep_with_next = keep
    if name == "KH Ký phụ lục":  # the closing block of an appendix sits in the right half
        fmt.left_indent = Mm(80)
    if name in (
        "KH Cơ quan chủ quản",
        "KH Cơ quan",
        "KH Quốc hiệu",
        "KH Tiêu ngữ",
        "KH Chức vụ",
        "KH Danh sách nơi nhận",
        "KH Bảng",
        "KH Đầu bảng",
        "KH Ngắt phần",
    ):
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _add_rule_style(doc, name: str) -> None:
    """A 1 pt high paragraph whose bottom border is the rule."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(1)
    fmt = style.paragraph_format
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.insert_element_before(border, *PPR_AFTER_PBDR)


def _no_theme_fonts(doc) -> None:
    """Built-in styles (Heading 1, Title…) name theme fonts; make them Times New Roman too."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(key), FONT)


def _styles(doc, party: bool = False) -> None:
    """The "KH …" styles as the profile's data gives them (``kehoach/text/profiles/*.yaml``)."""
    _no_theme_fonts(doc)
    _doc_defaults(doc)
    _normal(doc)
    for name, spec in paragraph_styles("đảng" if party else "nhà nước").items():
        align = ALIGN[spec.align or "left"]
        _add_style(doc, name, spec.size, spec.bold, spec.italic, align, spec.indent or 0, spec.before or 0, spec.keep)
        if spec.underline:
            doc.styles[name].font.underline = True
    for name in RULES:
        _add_rule_style(doc, name)


def _page(section, landscape: bool = False, numbers: bool = True) -> None:
    """A4, Decree-30 default margins, page number from page 2 on, restarting at 1."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = numbers
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(number_type, *SECTPR_AFTER_PGNUMTYPE)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update on display."""

    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_number_header(section) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.style = "KH Số trang"
    _field(paragraph, "PAGE", "2")
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = "KH Số trang"


def _table(doc, widths_mm: list[float], rows: int = 1, borders: bool = False, top_pt: int = 0):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    total = tbl_pr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(round(w * 56.6929) for w in widths_mm)))
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", top_pt * 20), ("left", 57), ("right", 57)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(width))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, *TBLPR_AFTER_CELLMAR)
    if borders:
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(key), value)
            edges.append(el)
        tbl_pr.insert_element_before(edges, *TBLPR_AFTER_BORDERS)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    return table


def _cell_lines(cell, lines: list[tuple[str, str]]) -> None:
    """Fill a cell with (text, style) paragraphs, reusing its first empty paragraph."""
    first = cell.paragraphs[0]
    for i, (text, style) in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.text = text
        paragraph.style = style


def _header_block(doc, number_lines: list[tuple[str, str]], party: bool = False) -> None:
    """The two-column header (Decree 30 Phụ lục I §2): issuer | national title and motto.

    A Party document (``party``): the committee with a "*" under it instead of a rule, and
    "ĐẢNG CỘNG SẢN VIỆT NAM" alone at the right, over its rule.
    """
    table = _table(doc, [64, 101], rows=2)
    under_issuer = ("{{ header.star }}", "KH Sao") if party else ("", "KH Gạch cơ quan")
    _cell_lines(
        table.cell(0, 0),
        [
            ("{%p for line in header.parent %}", "KH Cơ quan chủ quản"),
            ("{{ line }}", "KH Cơ quan chủ quản"),
            ("{%p endfor %}", "KH Cơ quan chủ quản"),
            ("{%p for line in header.issuer %}", "KH Cơ quan"),
            ("{{ line }}", "KH Cơ quan"),
            ("{%p endfor %}", "KH Cơ quan"),
            under_issuer,
        ],
    )
    motto = [] if party else [("{{ header.motto }}", "KH Tiêu ngữ")]
    _cell_lines(
        table.cell(0, 1),
        [("{{ header.national_title }}", "KH Quốc hiệu"), *motto, ("", "KH Gạch tiêu ngữ")],
    )
    _cell_lines(table.cell(1, 0), number_lines)
    _cell_lines(table.cell(1, 1), [("{{ header.place_date }}", "KH Địa danh")])


def _signature_block(doc, party: bool = False) -> None:
    """Nơi nhận (left) beside the signer (right), Decree 30 Phụ lục I §8; in a Party
    document the position under "T/M …" in a style of its own (not bold)."""
    table = _table(doc, [80, 85], top_pt=12)
    row = table.rows[0]
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    _cell_lines(
        row.cells[0],
        [
            (profile("đảng" if party else "nhà nước").recipients.label, "KH Nơi nhận"),
            ("{%p for line in signature.recipients %}", "KH Danh sách nơi nhận"),
            ("{{ line }}", "KH Danh sách nơi nhận"),
            ("{%p endfor %}", "KH Danh sách nơi nhận"),
        ],
    )
    _cell_lines(
        row.cells[1],
        [
            *(_party_signer if party else _state_signer),
            ("{{ signature.signer_name }}", "KH Người ký"),
            ("{%p for line in signature.signer_after %}", "KH Dưới tên"),
            ("{{ line }}", "KH Dưới tên"),
            ("{%p endfor %}", "KH Dưới tên"),
        ],
    )


_state_signer = [
    ("{%p for line in signature.signer_lines %}", "KH Chức vụ"),
    ("{{ line }}", "KH Chức vụ"),
    ("{%p endfor %}", "KH Chức vụ"),
]
_party_signer = [
    ("{%p for line in signature.signer_lines[:-1] %}", "KH Chức vụ"),
    ("{{ line }}", "KH Chức vụ"),
    ("{%p endfor %}", "KH Chức vụ"),
    ("{{ signature.signer_lines[-1] }}", "KH Chức danh"),
]


def _body_loop(doc, items: str, tables: bool = False) -> None:
    """One paragraph style per kind of body paragraph (see ``kehoach.views``); with
    ``tables``, a table (made by kehoach, in the styles "KH Bảng" and "KH Đầu bảng")."""
    table = [('{%p elif b.kind == "bang" %}', "Normal"), ("{{p b.xml }}", "Normal")] if tables else []
    for text, style in [
        (f"{{%p for b in {items} %}}", "Normal"),
        ('{%p if b.kind == "muc" %}', "KH Mục"),
        ("{{r b.runs }}", "KH Mục"),
        ('{%p elif b.kind == "tieu-de" %}', "KH Tiêu đề"),
        ("{{r b.runs }}", "KH Tiêu đề"),
        ('{%p elif b.kind == "ket" %}', "KH Kết luận"),
        ("{{r b.runs }}", "KH Kết luận"),
        ('{%p elif b.kind == "ghi-chu" %}', "KH Ghi chú"),
        ("{{r b.runs }}", "KH Ghi chú"),
        *table,
        ("{%p else %}", "Normal"),
        ("{{r b.runs }}", "Normal"),
        ("{%p endif %}", "Normal"),
        ("{%p endfor %}", "Normal"),
    ]:
        doc.add_paragraph(text, style)


def _appendix_loop(doc) -> None:
    """Each Phụ lục in a section of its own, so its page numbers restart at 1."""
    doc.add_paragraph("{%p for a in appendices %}", "KH Ngắt phần")
    doc.add_section()
    doc.paragraphs[-1].style = "KH Ngắt phần"
    # python-docx leaves the new last section without header references (it would
    # inherit them); without appendices that section is the only one, so it needs them.
    inner = doc.paragraphs[-1]._p.pPr.sectPr
    final = doc.element.body.sectPr
    for ref in reversed(inner.findall(qn("w:headerReference"))):
        final.insert(0, deepcopy(ref))
    for text, style in [
        ("{{ a.label }}", "KH Phụ lục"),
        ("{{ a.title }}", "KH Tên phụ lục"),
        ("{{ a.attached_to }}", "KH Kèm theo"),
        ("", "KH Ngắt phần"),
    ]:
        doc.add_paragraph(text, style)
    _body_loop(doc, "a.body", tables=True)
    for text, style in [
        ("{%p for c in a.closing %}", "KH Ký phụ lục"),
        ("{{r c.runs }}", "KH Ký phụ lục"),
        ("{%p endfor %}", "KH Ký phụ lục"),
        ("{%p endfor %}", "KH Ngắt phần"),
    ]:
        doc.add_paragraph(text, style)


def _page_of_pages_footer(section) -> None:
    """ "Trang x/y" at the foot of every page (checklists are printed and stapled)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "KH Chân trang"
    paragraph.add_run("Trang ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run("/")
    _field(paragraph, "NUMPAGES", "1")


def _new_document(landscape: bool = False, party: bool = False):
    doc = Document()
    _styles(doc, party)
    section = doc.sections[0]
    if landscape:
        _page(section, landscape=True, numbers=False)
        _page_of_pages_footer(section)
    else:
        _page(section)
        _page_number_header(section)
    body = doc.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)
    return doc


#: Built-in styles kept beside the "KH …" ones; python-docx's default file has nearly two
#: hundred, which made every document 800 kB of styles before compression.
KEEP_STYLES = {
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "TableGrid",
    "Header",
    "HeaderChar",
    "Footer",
    "FooterChar",
    "Heading1",
    "Heading1Char",
    "Heading2",
    "Heading2Char",
    "Title",
    "TitleChar",
    "ListParagraph",
}
#: Parts of python-docx's default file a plan has no use for (its thumbnail shows another document).
DROP_PARTS = ("thumbnail", "stylesWithEffects", "customXml")


def _trim(doc) -> None:
    """Leave out what the documents never use, so each is small and quick to write."""
    for rels in (doc.part.package.rels, doc.part.rels):
        for key, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROP_PARTS:
                rels.pop(key)
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if style_id not in KEEP_STYLES and not style_id.startswith("KH"):
            styles.remove(style)


def _save(doc, name: str) -> tuple[str, bytes]:
    """Saved with fixed zip timestamps, so rebuilding an unchanged template changes no byte."""
    return name, docx_bytes(doc)


def _properties(doc, title: str, party: bool = False) -> None:
    _trim(doc)
    props = doc.core_properties
    props.created = props.modified = props.last_printed = BUILT
    props.title = title
    props.author = "kehoach"
    props.last_modified_by = "kehoach"
    props.comments = (
        "Mẫu docxtpl của kehoach (văn bản của Đảng)" if party else "Mẫu docxtpl của kehoach (Nghị định 30/2020/NĐ-CP)"
    )
    props.revision = 1


def build_plan_template(party: bool = False) -> tuple[str, bytes]:
    """ke-hoach.docx: the plan (Kế hoạch, or another named type); ke-hoach.dang.docx in the
    Party's form."""
    return _titled_document("ke-hoach.docx", "Kế hoạch", party, appendices=True)


def build_report_template(party: bool = False) -> tuple[str, bytes]:
    """bao-cao.docx: the results report (Báo cáo kết quả thực hiện Kế hoạch), laid out as the plan
    is (header, type name, trích yếu, body with tables, Nơi nhận and signer), without appendices."""
    return _titled_document("bao-cao.docx", "Báo cáo kết quả thực hiện", party, appendices=False)


def _titled_document(name: str, title: str, party: bool, appendices: bool) -> tuple[str, bytes]:
    """A document with a type name and a trích yếu under its header, a body, Nơi nhận and signer."""
    doc = _new_document(party=party)
    _header_block(doc, [("{{ header.number_line }}", "KH Số")], party)
    doc.add_paragraph("{{ type_name }}", "KH Tên loại")
    doc.add_paragraph("{{ subject }}", "KH Trích yếu")
    doc.add_paragraph("", "KH Gạch trích yếu")
    _body_loop(doc, "body", tables=True)
    _signature_block(doc, party)
    if appendices:
        _appendix_loop(doc)
    _properties(doc, title, party)
    return _save(doc, party_name(name) if party else name)


def build_letter_template(party: bool = False) -> tuple[str, bytes]:
    """giao-viec.docx: the công văn that gives one unit its share of the plan, and the change notice.

    Both have the same parts (letterhead, "V/v", Kính gửi, body, signature); the views fill them.
    """
    doc = _new_document(party=party)
    number_lines = [("{{ header.number_line }}", "KH Số"), ("{{ header.subject_line }}", "KH Trích yếu công văn")]
    _header_block(doc, number_lines, party)
    doc.add_paragraph("{{ addressee }}", "KH Kính gửi")
    _body_loop(doc, "body")
    _signature_block(doc, party)
    _properties(doc, "Công văn giao nhiệm vụ", party)
    return _save(doc, party_name("giao-viec.docx") if party else "giao-viec.docx")


def build_checklist_template() -> tuple[str, bytes]:
    """checklist.docx: a landscape sheet to tick one unit's tasks off, with "Trang x/y"."""
    doc = _new_document(landscape=True)
    doc.add_paragraph("{{ checklist_title }}", "KH Tên loại").paragraph_format.space_before = Pt(0)
    doc.add_paragraph("{{ checklist_unit }}", "KH Trích yếu")
    doc.add_paragraph("(Theo {{ plan_reference }})", "KH Kèm theo")
    doc.add_paragraph("", "KH Ngắt phần")
    widths = [12, 110, 40, 40, 18, 32]
    table = _table(doc, widths, rows=4, borders=True)
    heads = ["STT", "Nhiệm vụ", "Đợt / Thời hạn", "Phối hợp", "Hoàn thành ☐", "Kết quả / Ghi chú"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_lines(cell, [(text, "KH Đầu bảng")])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    _cell_lines(table.rows[1].cells[0], [("{%tr for r in rows %}", "KH Bảng")])
    # The number carries the row's bookmark and the check box its tag: how a returned copy is read back.
    cells = [
        "{{r r.id.number }}",
        "{{r r.task }}",
        "{{ r.when }}",
        "{{ r.partners }}",
        "{{r r.id.box }}",
        "{{ r.note }}",
    ]
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        _cell_lines(cell, [(text, "KH Bảng")])
    for index in (0, 4):
        table.rows[2].cells[index].paragraphs[0].alignment = CENTER
    row_pr = table.rows[2]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")  # room to write the result by hand
    height.set(qn("w:val"), "680")
    height.set(qn("w:hRule"), "atLeast")
    row_pr.append(height)
    _cell_lines(table.rows[3].cells[0], [("{%tr endfor %}", "KH Bảng")])
    doc.add_paragraph("", "KH Ngắt phần")  # two tables that touch would merge into one
    sign = _table(doc, [126, 126], top_pt=18)
    sign.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, title in zip(sign.rows[0].cells, ["NGƯỜI LẬP", "THỦ TRƯỞNG ĐƠN VỊ"], strict=True):
        _cell_lines(cell, [(title, "KH Ký xác nhận"), ("(Ký, ghi rõ họ tên)", "KH Ghi chú ký")])
    _properties(doc, "Bảng theo dõi nhiệm vụ")
    return _save(doc, "checklist.docx")


def build_slogan_template() -> tuple[str, bytes]:
    """khau-hieu.docx: one landscape page per slogan for the print shop, no page numbers.

    kehoach.views.slogans breaks each slogan into lines and sizes them to fill the
    page; the template only places them: one centred bold paragraph per slogan, each
    on a page of its own (the style breaks the page before it), in the middle of the page.
    """
    doc = _new_document(landscape=True)
    section = doc.sections[0]
    section.footer.is_linked_to_previous = True  # drops the "Trang x/y" footer
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "center")
    after = SECTPR_AFTER_PGNUMTYPE[SECTPR_AFTER_PGNUMTYPE.index("w:vAlign") + 1 :]
    section._sectPr.insert_element_before(v_align, *after)
    # The runs carry each sheet's size; the style's size is the paragraph mark's, kept
    # small so it never makes the last line taller.
    _add_style(doc, "KH Khẩu hiệu", 28, True, False, CENTER, 0, 0, False)
    fmt = doc.styles["KH Khẩu hiệu"].paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.page_break_before = True
    fmt.keep_together = True
    fmt.widow_control = False
    for text in ("{%p for s in sheets %}", "{{r s.runs }}", "{%p endfor %}"):
        doc.add_paragraph(text, "KH Khẩu hiệu")
    _properties(doc, "Khẩu hiệu tuyên truyền")
    return _save(doc, "khau-hieu.docx")


BUILDERS: list[Callable[[], tuple[str, bytes]]] = [
    build_plan_template,
    build_letter_template,
    lambda: build_plan_template(party=True),
    lambda: build_letter_template(party=True),
    build_checklist_template,
    build_slogan_template,
    build_report_template,
    lambda: build_report_template(party=True),
]


def built() -> dict[str, bytes]:
    """Every default Word template, as this script makes it: file name to bytes."""
    return dict(build() for build in BUILDERS)


def drifted(folder: Path) -> list[str]:
    """The templates in ``folder`` that differ from what this script builds, are missing, or it does not build."""
    made = built()
    changed = [
        name for name, data in made.items() if not (folder / name).is_file() or (folder / name).read_bytes() != data
    ]
    stray = sorted(p.name for p in folder.glob("*.docx") if p.name not in made)
    return changed + stray


def main(argv: list[str] | None = None) -> int:
    """Write the templates (default: into the package), or with --check compare them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a template in --out differs")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted(args.out)
        for name in stale:
            print(
                f"{args.out / name} differs from what tools/build_templates.py builds (or it builds none)",
                file=sys.stderr,
            )
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in built().items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
