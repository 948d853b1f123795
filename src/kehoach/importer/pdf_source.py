"""A born-digital PDF's text layer (pdfplumber), page by page, for the text recogniser.

The text comes with positions, so the two blocks Decree 30 sets side by side are read a
column at a time: the header above the type's title ("ỦY BAN NHÂN DÂN" beside "CỘNG HÒA
…") and the signature from "Nơi nhận" down (the recipients beside the signer). Read line
by line they would interleave. A scan has no text layer: that is said, not guessed at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from kehoach.importer.source import INDENT, TYPE_TITLES
from kehoach.text.errors import KehoachError

#: pdfplumber's tolerances: letters closer than this make one word, words one line.
_X, _Y = 1.5, 3
#: A line starting this many points past the margin is indented (Decree 30: 1–1.27 cm).
_INDENT_MIN = 12


def pdf_text(path: Path) -> str:
    """The PDF's text, pages one after another; an error for a scan or a damaged file."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_text(page, first=n == 0) for n, page in enumerate(pdf.pages)]
    except (PdfminerException, PDFSyntaxError, ValueError):
        raise KehoachError("import.not_pdf", path=str(path)) from None
    text = "\f".join(pages)
    if len(text.split()) < 20:
        raise KehoachError("import.scanned_pdf", path=str(path))
    return text


def _page_text(page: Any, first: bool) -> str:
    """A page's text; its header (first page) and signature zones read column by column."""
    words = page.extract_words(x_tolerance=_X, y_tolerance=_Y)
    top = _type_title_top(words) if first else None
    sign = next((w["top"] for w in words if w["text"].startswith("Nơi") and _next_is(words, w, "nhận")), None)
    parts = []
    if top is not None:
        parts += _columns(page, 0, top)
    body_top = top if top is not None else 0
    body_bottom = sign if sign is not None else page.height
    parts.append(_indented(page.crop((0, body_top, page.width, body_bottom - 1))))
    if sign is not None:
        parts += _columns(page, sign, page.height)
    return "\n".join(part for part in parts if part)


def _type_title_top(words: list[dict[str, Any]]) -> float | None:
    """Where the type's title ("KẾ HOẠCH") starts on the first page: the header is above it."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["top"]), []).append(word)
    for top in sorted(lines):
        if " ".join(w["text"] for w in lines[top]) in TYPE_TITLES:
            return float(lines[top][0]["top"]) - 1
    return None


def _next_is(words: list[dict[str, Any]], word: dict[str, Any], text: str) -> bool:
    at = words.index(word)
    return at + 1 < len(words) and words[at + 1]["text"].startswith(text)


def _columns(page: Any, top: float, bottom: float) -> list[str]:
    """A two-column zone: the left half's lines, then the right half's, each line on its own
    (marked as starting a paragraph: these are lists of lines, not running text)."""
    middle = page.width * 0.42
    halves = [_text(page.crop((0, top, middle, bottom))), _text(page.crop((middle, top, page.width, bottom)))]
    return ["\n".join(INDENT + line for line in half.splitlines() if line.strip()) for half in halves]


def _indented(region: Any) -> str:
    """The body's lines, each line indented past the left margin (a paragraph's first line,
    as Decree 30 sets it) marked so, for the text recogniser to start a paragraph there."""
    lines = region.extract_text_lines(x_tolerance=_X, y_tolerance=_Y)
    if not lines:
        return ""
    margin = min(float(line["x0"]) for line in lines)
    return "\n".join((INDENT if float(line["x0"]) > margin + _INDENT_MIN else "") + line["text"] for line in lines)


def _text(region: Any) -> str:
    return str(region.extract_text(x_tolerance=_X, y_tolerance=_Y) or "")
