"""A DOCX as plain text in reading order, for ``git diff`` of rendered documents.

Paragraphs in order; a table's cells row by row, left to right (a merged cell
once); then the footnotes, one a line, so that a footnote's change shows too. With
``diff.kehoach.textconv`` set to ``kehoach textconv``, git shows the changes of a
rendered plan or letter as text instead of "binary files differ".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from kehoach.render import internals
from kehoach.render.readback import open_docx

__all__ = ["footnotes", "open_docx", "paragraphs", "text_of"]


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


def footnotes(doc: DocxDocument) -> list[str]:
    """The texts of the document's footnotes in their order, Word's separators left out."""
    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FOOTNOTES), None)
    if part is None:
        return []
    root = etree.fromstring(part.blob)
    notes = [n for n in root.iterchildren(qn("w:footnote")) if n.get(qn("w:type")) in (None, "normal")]
    return ["".join(t.text or "" for t in note.iter(qn("w:t"))).strip() for note in notes]


def text_of(path: Path) -> str:
    """The document's text, one paragraph a line, empty paragraphs left out, then its
    footnotes."""
    doc = open_docx(path)
    lines = [p.text for p in paragraphs(doc) if p.text.strip()] + [n for n in footnotes(doc) if n]
    return "\n".join(lines) + "\n"
