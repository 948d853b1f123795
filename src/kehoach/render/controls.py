"""The invisible marks of a checklist row, as WordprocessingML: its bookmark and its check box.

A unit returns its checklist filled in, often re-saved by another program, with rows
moved or added; :mod:`kehoach.render.readback` finds each row's task again by these
marks. Two marks, because the programs keep different things: Word keeps a content
control's tag and its bookmarks; LibreOffice (7.4) keeps the bookmarks and the check box's
state but drops the tag. The check box is Word's own (``w14:checkbox``, Word 2010 on),
clicked to tick; the ``w14`` namespace is declared and ignorable in every template's root.
"""

from __future__ import annotations

import hashlib
from typing import Any

from docxtpl import RichText
from markupsafe import escape

from kehoach.render import internals
from kehoach.views.unit import RowId, anchor_bookmark

#: The glyphs Word shows for a check box, ticked and not: ☒ and ☐ (code points in hexadecimal).
CHECKED_GLYPH = "2612"
UNCHECKED_GLYPH = "2610"
#: The font Word itself gives its check boxes.
BOX_FONT = "MS Gothic"
#: The name Word shows for the control when it is selected.
BOX_TITLE = "Hoàn thành"


def row_marks(row_id: RowId) -> dict[str, Any]:
    """What a template places for a row: ``{{r r.id.number }}`` (the number, bookmarked),
    ``{{r r.id.box }}`` (the check box), and the id's own fields."""
    return {
        "unit": row_id.unit,
        "key": row_id.key,
        "index": row_id.index,
        "tag": row_id.tag,
        "number": bookmarked(row_id),
        "box": check_box(row_id),
    }


def bookmarked(row_id: RowId) -> RichText:
    """The row's number inside a bookmark named for the row (ids count the rows from 1)."""
    rich = RichText()
    internals.append_runs(rich, f'<w:bookmarkStart w:id="{row_id.index}" w:name="{row_id.bookmark}"/>')
    rich.add(row_id.number)
    internals.append_runs(rich, f'<w:bookmarkEnd w:id="{row_id.index}"/>')
    return rich


def anchored(anchor: str, runs: RichText) -> RichText:
    """A mục's or item's runs inside a bookmark naming its id (:func:`kehoach.views.unit.anchor_bookmark`),
    for ``kehoach import`` to give the id back; an id too long for a bookmark's name is left out."""
    name = anchor_bookmark(anchor)
    if name is None:
        return runs
    number = int(hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:7], 16)
    rich = RichText()
    internals.append_runs(rich, f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>')
    internals.append_runs(rich, runs.xml)
    internals.append_runs(rich, f'<w:bookmarkEnd w:id="{number}"/>')
    return rich


def check_box(row_id: RowId, checked: bool = False) -> RichText:
    """An inline check box content control tagged with the row's id."""
    glyph = chr(int(CHECKED_GLYPH if checked else UNCHECKED_GLYPH, 16))
    font = f'w:ascii="{BOX_FONT}" w:eastAsia="{BOX_FONT}" w:hAnsi="{BOX_FONT}" w:hint="eastAsia"'
    xml = (
        f'<w:sdt><w:sdtPr><w:alias w:val="{BOX_TITLE}"/><w:tag w:val="{escape(row_id.tag)}"/>'
        f'<w:id w:val="{control_id(row_id)}"/>'
        f'<w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
        f'<w14:checkedState w14:val="{CHECKED_GLYPH}" w14:font="{BOX_FONT}"/>'
        f'<w14:uncheckedState w14:val="{UNCHECKED_GLYPH}" w14:font="{BOX_FONT}"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent><w:r><w:rPr><w:rFonts {font}/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    rich = RichText()
    internals.append_runs(rich, xml)
    return rich


def control_id(row_id: RowId) -> int:
    """A content control's id, unique in the document and the same in every render: from the bookmark's digest."""
    return int(row_id.bookmark.removeprefix("KH_")[:7], 16)
