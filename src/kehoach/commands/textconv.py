"""A DOCX as plain text in reading order, for ``git diff`` of rendered documents.

Paragraphs in order; a table's cells row by row, left to right (a merged cell
once). With ``diff.kehoach.textconv`` set to ``kehoach textconv``, git shows the
changes of a rendered plan or letter as text instead of "binary files differ".
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from kehoach.render import internals
from kehoach.text.errors import UsageError

#: What python-docx raises for a file that is not a Word document: not a zip, a zip
#: without Word's parts, another Office type, broken XML.
_NOT_DOCX = (OpcError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError)


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


def open_docx(path: Path) -> DocxDocument:
    """The document, or a message that says which is wrong: no such file, or not a DOCX
    (python-docx says "Package not found" for both, in English)."""
    if not path.exists():
        raise UsageError("docx.missing", path=path)
    if not path.is_file():
        raise UsageError("docx.not_docx", path=path)
    try:
        return Document(str(path))
    except _NOT_DOCX:
        raise UsageError("docx.not_docx", path=path) from None
