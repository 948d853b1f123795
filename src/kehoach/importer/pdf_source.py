"""A born-digital PDF's text layer (PDFium, through pypdfium2), page by page, for the text recogniser.

The text comes with positions, so the two blocks Decree 30 sets side by side are read a
column at a time: the header above the type's title ("ỦY BAN NHÂN DÂN" beside "CỘNG HÒA
…") and the signature from "Nơi nhận" down (the recipients beside the signer). Read line
by line they would interleave. A scan has no text layer: that is said, not guessed at.

Why PDFium and not pdfplumber: pdfplumber reads each character through pdfminer, in
Python; a 15-page plan took 2.1 s there, PDFium reads it in a tenth of that (issue #14: a
15-page plan imports in under a second). The glyphs are grouped here the way pdfplumber
groups them (:func:`_lines`: a line is characters whose tops are within ``_Y`` points, a
word ends where the gap to the next character passes ``_X``), so the text is the same.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kehoach.importer.source import INDENT, TYPE_TITLES
from kehoach.text.errors import KehoachError

#: Letters closer than this (points) make one word; tops closer than this, one line.
_X, _Y = 1.5, 3
#: A line starting this many points past the margin is indented (Decree 30: 1–1.27 cm).
_INDENT_MIN = 12
#: The part of the font size above the baseline, where a glyph's box starts (pdfminer's
#: box: the font's descent below the baseline, one font size tall; Times's descent ≈ 0.22).
_ABOVE = 0.78
#: What PDFium reads for a hyphen that ends a line (it is a hyphen in the text).
_LINE_END_HYPHEN = 0x02


@dataclass(frozen=True, slots=True)
class _Char:
    """One glyph: its text and its box (points, from the page's top left, as pdfplumber measures)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of a zone: its words joined by a space, where it starts and its top."""

    text: str
    x0: float
    top: float


def pdf_text(path: Path) -> str:
    """The PDF's text, pages one after another; an error for a scan or a damaged file."""
    try:
        document = pdfium.PdfDocument(path)
        try:
            pages = [_page_text(document[n], first=n == 0) for n in range(len(document))]
        finally:
            document.close()
    except pdfium.PdfiumError:
        raise KehoachError("import.not_pdf", path=str(path)) from None
    text = "\n\f".join(_after_signature(pages))  # as pdftotext: a page opens with the form feed
    if len(text.split()) < 20:
        raise KehoachError("import.scanned_pdf", path=str(path))
    return text


def _after_signature(pages: list[str]) -> list[str]:
    """A page after the one the plan is signed on opens a part of its own (an attachment's
    title, as wide as the text, is not the signer's name going on)."""
    out: list[str] = []
    signed = False
    for page in pages:
        lines = page.split("\n")
        # its first line past the page number
        first = next((n for n, line in enumerate(lines) if not line.lstrip(INDENT).isdigit()), None)
        if signed and first is not None and not lines[first].startswith(INDENT):
            lines[first] = INDENT + lines[first]
        out.append("\n".join(lines))
        signed = signed or any(_signs_off(line.lstrip(INDENT)) for line in lines)
    return out


def _chars(page: pdfium.PdfPage) -> list[_Char]:
    """The page's glyphs in the order PDFium reads them; spaces (the PDF's and those PDFium
    makes up between words and lines) left out, as pdfplumber leaves them out of words."""
    height = page.get_height()
    textpage = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    chars = []
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        text = "-" if code == _LINE_END_HYPHEN else chr(code)
        if not code or text.isspace():
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        top = height - y.value - _ABOVE * size
        chars.append(_Char(text, x.value, max(box.right, x.value), top, top + size))
    textpage.close()
    return chars


def _page_text(page: pdfium.PdfPage, first: bool) -> str:
    """A page's text; its header (first page) and signature zones read column by column."""
    width, height = page.get_size()
    chars = _chars(page)
    lines = _lines(chars)
    top = _type_title_top(lines) if first else None
    sign = next((line.top for line in lines if _signs_off(line.text)), None)
    parts = []
    if top is not None:
        parts += _columns(chars, width, 0, top)
    body_top = top if top is not None else 0
    body_bottom = sign if sign is not None else height
    parts.append(_indented(_lines(_crop(chars, 0, body_top, width, body_bottom - 1))))
    if sign is not None:
        parts += _columns(chars, width, sign, height)
    return "\n".join(part for part in parts if part)


def _signs_off(text: str) -> bool:
    """A line with the words "Nơi nhận" (the recipients' block: the signature beside it)."""
    words = text.split(" ")
    return any(a.startswith("Nơi") and b.startswith("nhận") for a, b in itertools.pairwise(words))


def _type_title_top(lines: list[_Line]) -> float | None:
    """Where the type's title ("KẾ HOẠCH") starts on the first page: the header is above it."""
    return next((line.top - 1 for line in lines if line.text in TYPE_TITLES), None)


def _columns(chars: list[_Char], width: float, top: float, bottom: float) -> list[str]:
    """A two-column zone: the left half's lines, then the right half's, each line on its own
    (marked as starting a paragraph: these are lists of lines, not running text)."""
    middle = width * 0.42
    halves = [_lines(_crop(chars, 0, top, middle, bottom)), _lines(_crop(chars, middle, top, width, bottom))]
    return ["\n".join(INDENT + line.text for line in half) for half in halves]


def _indented(lines: list[_Line]) -> str:
    """The body's lines, each line indented past the left margin (a paragraph's first line,
    as Decree 30 sets it) marked so, for the text recogniser to start a paragraph there."""
    if not lines:
        return ""
    margin = min(line.x0 for line in lines)
    return "\n".join((INDENT if line.x0 > margin + _INDENT_MIN else "") + line.text for line in lines)


def _crop(chars: list[_Char], x0: float, top: float, x1: float, bottom: float) -> list[_Char]:
    """The glyphs whose box overlaps the zone (as pdfplumber crops)."""
    return [c for c in chars if c.x0 < x1 and c.x1 > x0 and c.top < bottom and c.bottom > top]


def _lines(chars: list[_Char]) -> list[_Line]:
    """The glyphs in lines, top to bottom: a line gathers glyphs whose tops are within ``_Y`` of
    the previous one's; in a line, left to right, a gap wider than ``_X`` starts a word."""
    lines: list[list[_Char]] = []
    last = float("-inf")
    for char in sorted(chars, key=lambda c: c.top):
        if char.top > last + _Y:
            lines.append([])
        lines[-1].append(char)
        last = char.top
    return [_line(sorted(line, key=lambda c: c.x0)) for line in lines]


def _line(chars: list[_Char]) -> _Line:
    words = [chars[0].text]
    for previous, char in itertools.pairwise(chars):
        if char.x0 > previous.x1 + _X or char.x0 < previous.x0:
            words.append(char.text)
        else:
            words[-1] += char.text
    return _Line(" ".join(words), chars[0].x0, chars[0].top)
