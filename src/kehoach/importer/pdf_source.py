"""A born-digital PDF's text layer (pdfplumber), page by page, for the text recogniser.

The text comes with positions: lines are rebuilt from words on the same baseline, so a
header's two columns come out side by side on one line, the way the text path expects
an interleaved header. A scan has no text layer: that is said, not guessed at.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from kehoach.text.errors import KehoachError


def pdf_text(path: Path) -> str:
    """The PDF's text, pages one after another; an error for a scan or a damaged file."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = [page.extract_text(x_tolerance=1.5, y_tolerance=3) or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError):
        raise KehoachError("import.not_pdf", path=str(path)) from None
    text = "\n".join(pages)
    if len(text.split()) < 20:
        raise KehoachError("import.scanned_pdf", path=str(path))
    return text
