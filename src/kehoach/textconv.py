"""A DOCX as plain text in reading order, for ``git diff`` of rendered documents.

Paragraphs in order; a table's cells row by row, left to right (a merged cell
once). With ``diff.kehoach.textconv`` set to ``kehoach textconv``, git shows the
changes of a rendered plan or letter as text instead of "binary files differ".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, table cells included."""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc._body)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc._body).rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from cell.paragraphs


def text_of(path: Path) -> str:
    """The document's text, one paragraph a line, empty paragraphs left out."""
    doc = Document(str(path))
    return "\n".join(p.text for p in paragraphs(doc) if p.text.strip()) + "\n"
