"""A DOCX as a source: its header table, paragraphs with their emphasis, tables, signature.

Works on what Word shows, not on kehoach's style names, so a plan typed by hand reads too:
a paragraph all in bold is a heading; a khoản whose first words are bold (or italic) has
those words as its title; italic words inside running text become *markup*. The first
table holding "CỘNG HÒA" is the header, a table holding "Nơi nhận" the signature.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import OpcError
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from kehoach.importer.markers import marker
from kehoach.importer.source import Cell, Hint, Para, Source
from kehoach.render import docx_bytes, internals
from kehoach.text import markup, vn
from kehoach.text.errors import UsageError
from kehoach.views.unit import anchor_of

_NOT_DOCX = (OpcError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError)

#: What the header table holds: the State's national title, or the Party's ("ĐẢNG CỘNG SẢN VIỆT NAM").
_HEADER_TITLES = ("CỘNG HÒA", "ĐẢNG CỘNG SẢN")

#: kehoach's own styles, where a document has them (a plan typed by hand has not).
_STYLE_HINTS: dict[str, Hint] = {
    "KH Mục": "section",
    "KH Tiêu đề": "heading",
    "KH Kết luận": "closing",
    "KH Trích yếu": "subject",
    "KH Tên loại": "type",
    "KH Ghi chú": "note",
    "KH Ký phụ lục": "signs",
}


def open_document(path: Path) -> DocxDocument:
    """The Word document, or a message naming the file."""
    try:
        return Document(str(path))
    except _NOT_DOCX:
        raise UsageError("docx.not_docx", path=path) from None


def read_docx(path: Path) -> Source:
    """The document's header lines (its first table's cells, left column first), then its
    paragraphs and tables in reading order, the signature table as lines."""
    doc = open_document(path)
    head: list[Para] = []
    paras: list[Para] = []
    count = 0
    lists = WordLists(internals.numbering_levels(doc))
    for part in doc.iter_inner_content():
        if isinstance(part, Table):
            text = " ".join(cell.text for row in part.rows for cell in row.cells)
            if not head and not paras and any(title in vn.upper(text) for title in _HEADER_TITLES):
                head = [Para(line, f"bảng đầu, ô {i}") for i, line in enumerate(_columns(part), 1)]
            elif "nơi nhận" in text.casefold() or _is_signature(paras):
                paras += [Para(line, "bảng chữ ký") for line in _columns(part)]
            else:
                paras.append(Para("", f"bảng sau đoạn {count}", rows=_rows(part)))
            continue
        count += 1
        para = _paragraph(part, count, lists)
        if para is not None:
            paras.append(para)
    by_kehoach = "kehoach" in (doc.core_properties.comments or "")
    issuer = docx_bytes.read_issuer_keywords(doc.core_properties.keywords or "") if by_kehoach else {}
    return Source(path.name, "docx", head, paras, by_kehoach, issuer)


def _is_signature(paras: list[Para]) -> bool:
    """A two-column table right after the closing paragraph is the signature (no Nơi nhận)."""
    return bool(paras) and paras[-1].hint == "closing"


def _columns(table: Table) -> Iterator[str]:
    """A layout table's lines, column by column (the left column is read first)."""
    grid = [row.cells for row in table.rows]  # kept whole: cell keys are compared across rows
    for column in range(max((len(cells) for cells in grid), default=0)):
        seen: set[int] = set()
        for cells in grid:
            if column < len(cells) and internals.cell_key(cells[column]) not in seen:
                seen.add(internals.cell_key(cells[column]))
                for paragraph in cells[column].paragraphs:
                    yield from (line.strip() for line in paragraph.text.split("\n") if line.strip())


def _rows(table: Table) -> list[list[Cell]]:
    """The table's rows, each cell once: a cell spanning columns counted once with its span, a
    cell merged down counted once, in its first row, with the rows it covers."""
    out: list[list[Cell]] = []
    origin: dict[int, tuple[int, int]] = {}  # a merged cell's key → (row, index) in out
    previous: list[int] = []
    alive = []  # the cells whose keys are compared: kept, so that no key is reused meanwhile
    for row in table.rows:
        cells: list[Cell] = []
        found = row.cells
        alive.append(found)
        keys = [internals.cell_key(cell) for cell in found]
        for column, cell in enumerate(found):
            key = keys[column]
            if column and key == keys[column - 1]:
                continue
            if column < len(previous) and key == previous[column]:
                r, i = origin[key]
                out[r][i] = replace(out[r][i], rows=out[r][i].rows + 1)
                continue
            origin[key] = (len(out), len(cells))
            lines = tuple(text for p in cell.paragraphs if (text := _cell_text(p)))
            cells.append(Cell(lines, cell.grid_span))
        previous = keys
        out.append(cells)
    return out


def _cell_text(paragraph: Paragraph) -> str:
    """A cell paragraph's text with its emphasis as markup (a cell in bold is "**…**")."""
    runs = _runs(paragraph)
    text = _markup(runs, False, False)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


class WordLists:
    """The numbers Word puts before the paragraphs of its lists ("I.", "1.", "a)", "-"), counted
    as Word counts them: a level's number goes up, the levels under it start again."""

    def __init__(self, levels: dict[tuple[int, int], tuple[str, str, int]]) -> None:
        self.levels = levels
        self.counts: dict[int, list[int]] = {}

    def marker(self, paragraph: Paragraph, style: object) -> str:
        """The marker Word shows before ``paragraph``, or "" when it numbers nothing there."""
        found = internals.numbered_as(paragraph, style) if self.levels else None
        if found is None or found not in self.levels:
            return ""
        num, level = found
        fmt, text, _ = self.levels[found]
        counts = self.counts.setdefault(num, [0] * 9)
        counts[level] = counts[level] + 1 if counts[level] else self.levels[found][2]
        counts[level + 1 :] = [0] * (8 - level)
        if fmt == "bullet":
            return "-" if level == 0 else "+"
        for n in range(level + 1):
            shown = _shown(self.levels.get((num, n), ("decimal", "", 1))[0], counts[n] or 1)
            text = text.replace(f"%{n + 1}", shown)
        return text.strip()


def _shown(fmt: str, number: int) -> str:
    """A list number in Word's format: 3 as "3", "III", "c"."""
    if fmt == "upperRoman":
        return vn.roman(number)
    if fmt == "lowerRoman":
        return vn.roman(number).lower()
    if fmt in ("lowerLetter", "upperLetter") and number <= 26:
        letter = chr(ord("a") + number - 1)  # Word's letters are the Latin alphabet's
        return letter.upper() if fmt == "upperLetter" else letter
    return str(number)


def _paragraph(paragraph: Paragraph, count: int, lists: WordLists) -> Para | None:
    found = paragraph.style
    runs = [(markup.CONTROL.sub("", t), b, i) for t, b, i in _runs(paragraph, found)]
    if number := lists.marker(paragraph, found):
        runs.insert(0, (f"{number} ", False, False))
    text = "".join(t for t, _, _ in runs)
    if not text.strip():
        return None
    style = found.name if found is not None else ""
    hint = _STYLE_HINTS.get(style or "", "")
    where = f"đoạn {count}"
    if hint == "subject":
        return Para(text.strip(), where, hint)
    lead, rest = _split_marker(runs)
    shown = [(t, b, i) for t, b, i in rest if t.strip()]
    all_bold = bool(shown) and all(b for _, b, _ in shown)
    if not hint and all_bold:
        hint = "heading"
    if not hint and paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER:
        hint = "note"
    body = _markup(rest, all_bold and hint != "note", bool(shown) and all(i for _, _, i in shown))
    all_italic = bool(shown) and all(i for _, _, i in shown)
    emphasis = "bold-italic" if all_bold and all_italic else "bold" if all_bold else "italic" if all_italic else None
    para = Para(" ".join(f"{lead} {body}".split()), where, hint, emphasis=emphasis, anchor=_anchor(paragraph))
    if lead and lead not in ("-", "+", "•", "–"):
        _title(para, rest)
    return para


def _anchor(paragraph: Paragraph) -> str | None:
    """The id of the mục or item a plan kehoach rendered marks with a bookmark ("kh_noi_dung")."""
    return next((found for name in internals.bookmarks(paragraph) if (found := anchor_of(name))), None)


def _split_marker(runs: list[tuple[str, bool, bool]]) -> tuple[str, list[tuple[str, bool, bool]]]:
    """The paragraph's marker ("1.", "a)", "-"), as plain text, and the runs after it: a bold
    "2." is the numbering's, not the text's emphasis."""
    plain = "".join(t for t, _, _ in runs)
    found = marker(plain.strip())
    if found is None:
        return "", runs
    at = len(plain) - len(plain.lstrip()) + len(plain.strip()) - len(found.rest)
    rest: list[tuple[str, bool, bool]] = []
    pos = 0
    for text, bold, italic in runs:
        end = pos + len(text)
        if end > at:
            rest.append((text[max(at - pos, 0) :], bold, italic))
        pos = end
    return plain[:at].strip(), rest


def _runs(paragraph: Paragraph, style: object = None) -> list[tuple[str, bool, bool]]:
    """The paragraph's runs with the bold and italic Word shows: the run's own, else its
    paragraph style's (looked up once: python-docx finds a style by walking all of them)."""
    found = style if style is not None else paragraph.style
    chain = found if isinstance(found, ParagraphStyle) else None
    return [
        (run.text, _inherited(run.bold, chain, "bold"), _inherited(run.italic, chain, "italic"))
        for run in paragraph.runs
        if run.text
    ]


def _inherited(value: bool | None, style: ParagraphStyle | None, name: str) -> bool:
    while value is None and style is not None:
        value = getattr(style.font, name)
        base = style.base_style
        style = base if isinstance(base, ParagraphStyle) else None
    return bool(value)


def _markup(runs: list[tuple[str, bool, bool]], all_bold: bool, all_italic: bool) -> str:
    """The runs as plan text: emphasis the whole paragraph has is its style, not markup;
    runs of one emphasis side by side (spaces between them included) are marked once."""
    groups: list[tuple[str, tuple[bool, bool]]] = []
    for text, bold, italic in runs:
        key = (bold and not all_bold, italic and not all_italic)
        if groups and (groups[-1][1] == key or not text.strip()):
            groups[-1] = (groups[-1][0] + text, groups[-1][1])
        else:
            groups.append((text, key))
    out = []
    for text, (bold, italic) in groups:
        text = text.replace("*", "\\*")
        mark = ("**" if bold else "") + ("*" if italic else "")
        core = text.strip()
        if mark and core:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            text = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        out.append(text)
    return _unescaped("".join(out))


def _unescaped(text: str) -> str:
    """The text without the escapes of stars that mark nothing ("(*) Nếu …" as typed): the
    plan reads the same, as its author would write it."""
    if "\\*" not in text:
        return text
    bare = text.replace("\\*", "*")
    return bare if markup.parse(bare) == markup.parse(text) else text


def _title(para: Para, rest: list[tuple[str, bool, bool]]) -> None:
    """A khoản's title: the bold or italic words right after its marker, when text follows."""
    title, style = _leading_emphasis(rest, 0)
    found = marker(para.text)
    if found is not None and title.strip() and len(title.strip()) < len(found.rest):
        para.title, para.title_style = title.strip(), style


def _leading_emphasis(runs: list[tuple[str, bool, bool]], at: int) -> tuple[str, str | None]:
    """The emphasised text from character ``at`` on, up to the first run of another emphasis."""
    pos, title, style = 0, "", None
    for text, bold, italic in runs:
        end = pos + len(text)
        if end <= at:
            pos = end
            continue
        piece = text[max(at - pos, 0) :]
        pos = end
        if not piece.strip():
            title += piece
            continue
        kind = "bold-italic" if bold and italic else "bold" if bold else "italic" if italic else None
        if kind is None or (style is not None and kind != style):
            break
        style = kind
        title += piece
    return title, style
