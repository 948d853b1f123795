"""Real Word footnotes for the ``^[…]`` notes of plan text.

A footnote is a reference in the text (a superscript number Word and LibreOffice count
themselves) and an entry in the package's footnotes part. The references are made while
the view becomes the template's context (:class:`Footnotes` hands out the ids); the part,
its relationship and its content type are added to the finished zip only when a document
has notes, so every other document keeps its bytes, whatever its template.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PART = "word/footnotes.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
#: Footnote text: 12 pt (half-points), one size below the body's 13–14 pt.
SIZE = 24
_SUPERSCRIPT = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'


class Footnotes:
    """The notes of one document, in the order their references were made (ids 1, 2, …)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def reference(self, text: str) -> str:
        """The run that marks a note in the text (its number is Word's)."""
        self.texts.append(text)
        return f'<w:r>{_SUPERSCRIPT}<w:footnoteReference w:id="{len(self.texts)}"/></w:r>'


def part(texts: list[str]) -> bytes:
    """footnotes.xml: the two separators Word expects, then each note."""
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
        f' w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
        for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
    )
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        f"<w:r>{_SUPERSCRIPT}<w:footnoteRef/></w:r>"
        f'<w:r><w:rPr><w:sz w:val="{SIZE}"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
        "</w:p></w:footnote>"
        for number, text in enumerate(texts, 1)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
    return (xml + separators + notes + "</w:footnotes>").encode("utf-8")


def with_notes(entries: list[tuple[str, bytes]], texts: list[str]) -> list[tuple[str, bytes]]:
    """The zip entries of a document, with its footnotes part (and its relationship and
    content type) when it has notes; unchanged when it has none."""
    if not texts:
        return entries
    out = []
    for name, data in entries:
        if name == RELS:
            data = _related(data)
        elif name == TYPES:
            data = _typed(data)
        if name != PART:
            out.append((name, data))
    return [*out, (PART, part(texts))]


def _related(rels: bytes) -> bytes:
    """document.xml.rels with a relationship to the footnotes part (a template may have one)."""
    text = rels.decode("utf-8")
    if REL_TYPE in text:
        return rels
    taken = {int(n) for n in re.findall(r'Id="rId(\d+)"', text)}
    rel = f'<Relationship Id="rId{max(taken, default=0) + 1}" Type="{REL_TYPE}" Target="footnotes.xml"/>'
    return text.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


def _typed(types: bytes) -> bytes:
    """[Content_Types].xml naming the footnotes part's type."""
    text = types.decode("utf-8")
    if f'PartName="/{PART}"' in text:
        return types
    override = f'<Override PartName="/{PART}" ContentType="{CONTENT_TYPE}"/>'
    return text.replace("</Types>", override + "</Types>").encode("utf-8")
