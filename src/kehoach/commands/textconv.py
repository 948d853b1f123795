"""A DOCX as plain text in reading order, for ``git diff`` of rendered documents.

Paragraphs in order; a table's cells row by row, left to right (a merged cell
once). With ``diff.kehoach.textconv`` set to ``kehoach textconv``, git shows the
changes of a rendered plan or letter as text instead of "binary files differ".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from kehoach.render import internals
from kehoach.render.readback import open_docx

__all__ = ["open_docx", "paragraphs", "text_of"]


def paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, table cells included."""
    for child in internals.body(doc).iterchildren():
        if child.tag == qn("w:p"):
            yield internals.paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            for row in internals.table(child, doc).rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if internals.cell_key(cell) not in seen:
                        seen.add(internals.cell_key(cell))
                        yield from cell.paragraphs


def text_of(path: Path) -> str:
    """The document's text, one paragraph a line, empty paragraphs left out."""
    doc = open_docx(path)
    return "\n".join(p.text for p in paragraphs(doc) if p.text.strip()) + "\n"
