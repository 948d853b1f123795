"""Reading a returned checklist: each row's marks, its tick and what the unit wrote.

A unit sends back ``out/checklist/<id>.docx`` filled in: a box clicked in Word, an "x"
typed instead, a sentence under "Kết quả / Ghi chú"; often re-saved by LibreOffice,
rows moved, rows added. This module only reads what the file holds, row by row, in
the terms of the file (the invisible marks :mod:`kehoach.render.controls` left, the
texts); which task a row is, and what its marks mean, the ``progress`` command decides.

The XML is read directly, not through python-docx's paragraphs: text inside a content
control (a check box, or the block LibreOffice wraps around one) is not in them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from kehoach.render import internals
from kehoach.text.errors import UsageError
from kehoach.views.unit import BOOKMARK_PREFIX, TAG_PREFIX

#: What python-docx raises for a file that is not a Word document: not a zip, a zip
#: without Word's parts, another Office type, broken XML.
NOT_DOCX = (OpcError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError)
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
#: The glyphs a check box shows (☐ ☒), not something the unit typed; an empty box typed as
#: text ("☐") says nothing either.
BOX_GLYPHS = str.maketrans("", "", "\u2610\u2612")
#: Words of the header row that find the columns, whatever their order (lower case).
COLUMNS = {"number": ("stt",), "task": ("nhiệm vụ",), "mark": ("hoàn thành",), "result": ("kết quả", "ghi chú")}


@dataclass(frozen=True)
class ReturnedRow:
    """One row under the header, as the file has it.

    ``position`` counts the rows under the header from 1 (what a warning names);
    ``ids`` are the row's marks: check box tags ("kehoach:unit/key") and bookmark names
    ("KH_…"); ``checked`` is the check box's state (None: the row has no check box);
    ``mark`` what is typed in the "Hoàn thành" cell besides it.
    """

    position: int
    ids: tuple[str, ...]
    number: str
    task: str
    mark: str
    checked: bool | None
    result: str

    @property
    def empty(self) -> bool:
        """Nothing in it to read: no task, no tick, no mark, no result."""
        return not (self.task or self.mark or self.checked or self.result)


@dataclass(frozen=True)
class ReturnedSheet:
    """A returned checklist: where it is, when it was last saved, its headings and rows."""

    path: Path
    saved: dt.date | None
    headings: tuple[str, ...]
    rows: tuple[ReturnedRow, ...]
    #: False: the file has no table with the columns "Nhiệm vụ" and "Hoàn thành".
    found: bool = True


def open_docx(path: Path) -> DocxDocument:
    """The document, or a message that says which is wrong: no such file, or not a DOCX
    (python-docx says "Package not found" for both, in English)."""
    if not path.exists():
        raise UsageError("docx.missing", path=path)
    if not path.is_file():
        raise UsageError("docx.not_docx", path=path)
    try:
        return Document(str(path))
    except NOT_DOCX:
        raise UsageError("docx.not_docx", path=path) from None


def read_sheet(path: Path) -> ReturnedSheet:
    """Every row of the file's checklist table (the first table whose header has the columns)."""
    doc = open_docx(path)
    modified = doc.core_properties.modified
    saved = modified.date() if modified is not None else None
    body = internals.body(doc)
    headings = tuple(t for p in body.iterchildren(qn("w:p")) if (t := cell_text(p)))
    for table in body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        columns = _columns(rows[0]) if rows else None
        if columns is not None:
            found = tuple(_rows(rows[1:], columns))
            return ReturnedSheet(path, saved, headings, found)
    return ReturnedSheet(path, saved, headings, (), found=False)


def _columns(header: Any) -> dict[str, int] | None:
    """The index of each column the header names, or None when it is not a checklist's header."""
    texts = [fold(cell_text(tc)) for tc in _cells(header)]
    found: dict[str, int] = {}
    for name, words in COLUMNS.items():
        index = next((i for i, text in enumerate(texts) if any(w in text for w in words)), None)
        if index is not None:
            found[name] = index
    return found if {"task", "mark"} <= found.keys() else None


def _rows(rows: list[Any], columns: dict[str, int]) -> Iterator[ReturnedRow]:
    position = 0
    for tr in rows:
        cells = _cells(tr)
        if _is_header(tr):
            continue
        position += 1

        def text(name: str, cells: list[Any] = cells) -> str:
            index = columns.get(name)
            return cell_text(cells[index]) if index is not None and index < len(cells) else ""

        mark_cell = cells[columns["mark"]] if columns["mark"] < len(cells) else None
        yield ReturnedRow(
            position=position,
            ids=_ids(tr),
            number=text("number"),
            task=text("task"),
            mark=_typed(mark_cell) if mark_cell is not None else "",
            checked=_checked(tr),
            result=text("result"),
        )


def _is_header(tr: Any) -> bool:
    """A header row repeated (Word's "repeat as header row"), as the first one is."""
    properties = tr.find(qn("w:trPr"))
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def _cells(tr: Any) -> list[Any]:
    """The row's cells, also those inside a content control around cells."""
    return [tc for tc in tr.iter(qn("w:tc")) if _row_of(tc) is tr]


def _row_of(tc: Any) -> Any:
    parent = tc.getparent()
    while parent is not None and parent.tag != qn("w:tr"):
        parent = parent.getparent()
    return parent


def _ids(tr: Any) -> tuple[str, ...]:
    tags = [t.get(qn("w:val")) or "" for t in tr.iter(qn("w:tag"))]
    marks = [b.get(qn("w:name")) or "" for b in tr.iter(qn("w:bookmarkStart"))]
    return tuple(v for v in (*tags, *marks) if v.startswith((TAG_PREFIX, BOOKMARK_PREFIX)))


def _checked(tr: Any) -> bool | None:
    """The state of the row's check box: ticked, not, or no box at all."""
    states = [c.get(f"{W14}val") for c in tr.iter(f"{W14}checked")]
    if not states:
        return None
    return any(s in ("1", "true", "on") for s in states)


def _typed(tc: Any) -> str:
    """What is typed in the cell, the check box's own glyph left out (a word typed next to the
    box may end up inside its control after a re-save: that text counts, its glyph does not)."""
    boxes = {id(sdt) for sdt in tc.iter(qn("w:sdt")) if sdt.find(f"{qn('w:sdtPr')}/{W14}checkbox") is not None}
    parts = []
    for t in tc.iter(qn("w:t")):
        text = t.text or ""
        if any(id(a) in boxes for a in t.iterancestors(qn("w:sdt"))):
            text = text.translate(BOX_GLYPHS)
        parts.append(text)
    return "".join(parts).replace("☐", "").strip()


def cell_text(element: Any) -> str:
    """The text of a cell or paragraph: paragraphs on lines of their own, spaces tidied."""
    lines = []
    paragraphs = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
    for p in paragraphs:
        pieces = []
        for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            pieces.append(node.text or "" if node.tag == qn("w:t") else " " if node.tag == qn("w:tab") else "\n")
        lines.append(" ".join("".join(pieces).split()))
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Text compared loosely: composed Unicode, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
