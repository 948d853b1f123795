"""Filling a checklist the way a unit does, knowing nothing of kehoach: python-docx and lxml only.

A unit opens ``out/checklist/<id>.docx``, clicks a check box, or deletes it and types "x",
or types "HT" beside it; writes a sentence under "Kết quả / Ghi chú"; sometimes moves
rows, adds one, or saves the file again in LibreOffice.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from helpers import converted

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def rows_by_number(doc) -> dict[str, object]:
    """The table's rows under the header, by the text of their "STT" cell."""
    return {row.cells[0].text.strip(): row for row in doc.tables[0].rows[1:]}


def click(row) -> None:
    """Tick the row's check box as Word does: the state, and the glyph shown."""
    box = row._tr.find(f".//{qn('w:sdt')}")
    box.find(f".//{W14}checked").set(f"{W14}val", "1")
    box.find(f".//{qn('w:sdtContent')}//{qn('w:t')}").text = "☒"


def retype(row, text: str, keep_box: bool = False) -> None:
    """Type ``text`` in the "Hoàn thành" cell: after the box, or in its place (the box deleted)."""
    cell = row.cells[4]
    paragraph = cell._tc.find(qn("w:p"))
    if not keep_box:
        for box in paragraph.findall(qn("w:sdt")):
            paragraph.remove(box)
    cell.paragraphs[0].add_run(text)


def write_result(row, text: str) -> None:
    """A sentence under "Kết quả / Ghi chú"."""
    row.cells[5].paragraphs[0].add_run(text)


def reverse_rows(doc) -> None:
    """Put the rows under the header in the opposite order."""
    table = doc.tables[0]._tbl
    rows = table.findall(qn("w:tr"))[1:]
    for tr in rows:
        table.remove(tr)
    for tr in reversed(rows):
        table.append(tr)


def add_row(doc, task: str, mark: str, result: str = "") -> None:
    """A row the unit adds at the end: a copy of the last, its texts replaced, no marks of kehoach."""
    table = doc.tables[0]._tbl
    tr = copy.deepcopy(table.findall(qn("w:tr"))[-1])
    for tag in ("w:sdt", "w:bookmarkStart", "w:bookmarkEnd"):
        for element in tr.findall(f".//{qn(tag)}"):
            element.getparent().remove(element)
    for tc, text in zip(tr.findall(qn("w:tc")), ["", task, "", "", mark, result], strict=True):
        for t in tc.findall(f".//{qn('w:t')}"):
            t.text = ""
        t = tc.find(f".//{qn('w:t')}")
        if t is None:
            r = tc.find(qn("w:p")).makeelement(qn("w:r"), {})
            t = r.makeelement(qn("w:t"), {})
            r.append(t)
            tc.find(qn("w:p")).append(r)
        t.text = text
    table.append(tr)


def resave(soffice: str, path: Path, folder: Path) -> Path:
    """The file saved again by LibreOffice (as DOCX) into ``folder``, under the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    return converted(soffice, path, folder, "docx")


def open_sheet(path: Path):
    return Document(str(path))
