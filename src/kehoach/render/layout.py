"""Finishing touches that depend on the rendered text: rule lengths and margins.

Decree 30 wants the line under the motto exactly as long as the motto, and the
lines under the issuing body and the trích yếu a third to a half of theirs. The
length depends on the text and on the font the template's style gives it, so it
is measured after rendering. A rule is a paragraph of a style named "KH Gạch …"
whose bottom border is the line; its indents set its length.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import nsmap, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Twips
from docx.styles.style import ParagraphStyle
from lxml import etree

from kehoach.plan.model import Page
from kehoach.render import internals
from kehoach.text.metrics import TWIPS_PER_PT, text_width_pt

RULE_PREFIX = "KH Gạch"
#: Length of each rule as a share of the text above it (1/3 to 1/2, or all of it).
RULE_SHARE = {"KH Gạch tiêu ngữ": 1.0, "KH Gạch cơ quan": 0.4, "KH Gạch trích yếu": 0.4}
DEFAULT_SHARE = 0.4
#: Word's cell margin when a table does not set its own (0.19 cm).
DEFAULT_CELL_MARGIN = 108
EMU_PER_TWIP = 635


def apply_page(doc: DocxDocument, page: Page) -> None:
    """Set the plan's margins on every section (the template's are the decree defaults).

    Written straight into each section's ``w:pgMar``, as python-docx writes them (the same
    twips, attributes set in the same order); a section without one gets it through
    python-docx. Through its section objects this took a tenth of a letter's time.
    """
    m = page.margins
    values = [(attr, str(Mm(mm).twips)) for attr, mm in zip(_MARGINS, (m.top, m.bottom, m.left, m.right), strict=True)]
    sections = _SECTIONS(internals.body(doc))
    found = [section.find(_PG_MAR) for section in sections]
    if any(margins is None for margins in found):
        for section in doc.sections:
            section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
            section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
        return
    for margins in found:
        for attr, value in values:
            margins.set(attr, value)


#: A body's sections (python-docx's ``Document.sections`` finds them so), their margins and sides.
_SECTIONS = etree.XPath("w:p/w:pPr/w:sectPr | w:sectPr", namespaces={"w": nsmap["w"]})
_PG_MAR = qn("w:pgMar")
_MARGINS = tuple(qn(f"w:{side}") for side in ("top", "bottom", "left", "right"))


def orient(doc: DocxDocument, landscape: tuple[bool, ...]) -> None:
    """Turn the sections asked for to landscape (A4 297 × 210 mm), the others to portrait.

    Only sections named in ``landscape`` are touched: a template's own landscape page
    (the checklist's) stays as it is.
    """
    if not landscape:
        return
    for section, wide in zip(doc.sections, landscape, strict=False):
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        long, short = Mm(297), Mm(210)
        section.page_width, section.page_height = (long, short) if wide else (short, long)


def text_width(page: Page, landscape: bool = False) -> int:
    """The width of the text on an A4 page in twips: the paper's, less the plan's side margins."""
    paper = 297 if landscape else 210
    return round(Mm(paper - page.margins.left - page.margins.right) / EMU_PER_TWIP)


@dataclass(frozen=True)
class StyleFont:
    """A paragraph style's name and the font it gives its text, base styles followed."""

    name: str
    size: float
    bold: bool
    italic: bool


def style_fonts(doc: DocxDocument) -> dict[str, StyleFont]:
    """Every paragraph style by id; computed once per template, not once per paragraph."""
    out = {}
    for style in doc.styles:
        if isinstance(style, ParagraphStyle):
            size, bold, italic = _effective_font(style)
            out[style.style_id] = StyleFont(style.name or "", size, bold, italic)
    return out


def size_rules(doc: DocxDocument, fonts: dict[str, StyleFont] | None = None) -> None:
    """Give every rule paragraph its length, centred in the space it sits in."""
    fonts = fonts if fonts is not None else style_fonts(doc)
    found = _rule_paragraphs(internals.body(doc), rule_styles(fonts))
    if not found:  # a checklist: no page width to read
        return
    text_width = _text_width_twips(doc)
    for element in found:
        style_id = _style_id(element) or ""
        available = _cell_width_twips(element) or text_width
        share = RULE_SHARE.get(fonts[style_id].name, DEFAULT_SHARE)
        length = min(_text_above(element, fonts), available) * share
        indent = max(0, round((available - length) / 2))
        fmt = internals.paragraph(element, doc).paragraph_format
        fmt.left_indent = fmt.right_indent = Twips(indent)
        fmt.first_line_indent = Twips(0)


def rule_styles(fonts: dict[str, StyleFont]) -> frozenset[str]:
    """The ids of the styles of rule paragraphs ("KH Gạch …")."""
    return frozenset(sid for sid, font in fonts.items() if font.name.startswith(RULE_PREFIX))


def _rule_paragraphs(body: BaseOxmlElement, rules: frozenset[str]) -> list[BaseOxmlElement]:
    """The paragraphs of these styles, in order, found through their style marks (``w:pStyle``).

    lxml's own walk to each mark, then a look at its parents, takes half the time of an
    XPath testing every paragraph: a letter is rendered a thousand times in a city's run,
    a plan's body has a hundred thousand paragraphs.
    """
    found: list[BaseOxmlElement] = []
    if not rules:
        return found
    for mark in body.iter(_P_STYLE):
        if mark.get(_VAL) not in rules:
            continue
        props = mark.getparent()
        paragraph = props.getparent() if props.tag == _P_PR else None
        if paragraph is not None and paragraph.tag == _P and (not found or found[-1] is not paragraph):
            found.append(paragraph)
    return found


_P, _P_PR, _P_STYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_STYLE_PATH = f"{_P_PR}/{_P_STYLE}"


def _style_id(paragraph: BaseOxmlElement) -> str | None:
    found = paragraph.find(_STYLE_PATH)
    style_id: str | None = None if found is None else found.get(_VAL)
    return style_id


def _text_width_twips(doc: DocxDocument) -> int:
    section = doc.sections[0]
    # apply_page has set the margins; a template that leaves the paper size to Word gets the decree's A4
    page_width = section.page_width if section.page_width is not None else Mm(210)
    width = page_width - (section.left_margin or 0) - (section.right_margin or 0)
    return int(width) // EMU_PER_TWIP


def _cell_width_twips(p: BaseOxmlElement) -> int | None:
    """Usable width of the table cell holding a paragraph, or None outside tables."""
    cell = next((a for a in p.iterancestors(qn("w:tc"))), None)
    if cell is None:
        return None
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None:
        return None
    table = next(cell.iterancestors(qn("w:tbl")))
    margins = 0
    for side in ("left", "right"):
        el = table.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn('w:' + side)}")
        margins += int(el.get(qn("w:w"))) if el is not None else DEFAULT_CELL_MARGIN
    return int(width.get(qn("w:w"))) - margins


def _text_above(rule: BaseOxmlElement, fonts: dict[str, StyleFont]) -> float:
    """Width in twips of the widest line among the paragraphs just above the rule.

    "Just above" is the run of paragraphs sharing the style of the one directly
    above: the two lines of "ỦY BAN NHÂN DÂN / PHƯỜNG AN DƯƠNG", the one motto.
    """
    widest = 0.0
    element = rule.getprevious()
    first = _style_id(element) if element is not None else None
    while element is not None and element.tag == qn("w:p") and _style_id(element) == first:
        font = fonts.get(first or "", StyleFont("", 14.0, False, False))
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        widest = max(widest, text_width_pt(text, font.size, font.bold, font.italic) * TWIPS_PER_PT)
        element = element.getprevious()
    return widest


def _effective_font(style: ParagraphStyle | None) -> tuple[float, bool, bool]:
    """Size, bold and italic a style gives its text, following its base styles."""
    size = bold = italic = None
    while style is not None:
        font = style.font
        size = size if size is not None else (font.size.pt if font.size else None)
        bold = bold if bold is not None else font.bold
        italic = italic if italic is not None else font.italic
        style = style.base_style
    return size or 14.0, bool(bold), bool(italic)
