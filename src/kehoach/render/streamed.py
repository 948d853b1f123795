"""A large body parsed a paragraph at a time, so that its whole tree never exists at once.

A province's plan document fills 29 MB of XML: a million elements, 100 MB as a tree,
most of it paragraphs of tasks that nothing after filling changes. Here the filled
body is parsed piece by piece; each such paragraph, once parsed, is written out (as
the whole document's serialisation would write it) and left in the tree as a
placeholder, a processing instruction. What the finishing steps do change stays
whole: tables (docxtpl fixes their grids), drawings (renumbered), sections
(margins, orientation), the rules and the paragraphs just above a rule (whose
width sets the rule's length). Once the document is saved, each placeholder is
replaced by its paragraphs: the same bytes as the whole tree gives (a test renders
every document of the reference plans both ways).

Whatever this cannot cut safely (a parse error, a paragraph declaring namespaces of
its own, a rule under a run of paragraphs too long to keep) returns None, and the
body is parsed whole as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import nsmap, qn
from lxml import etree

from kehoach.render import docx

#: The processing instruction standing for a stretch of paragraphs written out already.
TARGET = "kehoach-part"
_PLACEHOLDER = re.compile(rb"<\?" + TARGET.encode() + rb" (\d+)\?>")
#: The paragraphs of one style kept whole at the end of the body parsed so far: a rule under
#: them measures them. Longer runs are written out from their start.
WINDOW = 64
_P, _P_PR, _P_STYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
#: The children of a body the parser reports (others, bookmarks between paragraphs, stay whole:
#: only a run of paragraphs seen whole is written out).
_TOP_LEVEL = (_P, qn("w:tbl"), qn("w:sectPr"), qn("w:sdt"))
#: What the finishing steps change inside a paragraph: a section's properties, a drawing, a table.
_CHANGED_LATER = etree.XPath(".//w:sectPr | .//wp:docPr | .//w:tbl", namespaces=nsmap)


class _Unsafe(Exception):
    """The body cannot be cut here: parse it whole."""


@dataclass
class Streamed:
    """A parsed body with stretches of paragraphs already written out.

    ``body`` is the ``w:body`` element with a placeholder for each stretch; ``parts``
    holds each stretch's bytes by the placeholder's number.
    """

    body: Any
    parts: list[bytes] = field(default_factory=list)


def parse(chunks: Iterable[bytes], rules: frozenset[str]) -> Streamed | None:
    """The filled body (in pieces) parsed as a :class:`Streamed`, or None when it cannot be cut.

    ``rules`` are the style ids of the rule paragraphs. The parser is docxtpl's
    (``recover``), which ``internals.filled_body`` uses for a whole body.
    """
    parser = etree.XMLPullParser(events=("end",), tag=_TOP_LEVEL, recover=True)
    cutter: _Cutter | None = None
    try:
        for chunk in chunks:
            parser.feed(chunk)
            for _, element in parser.read_events():
                parent = element.getparent()
                if cutter is None and parent is not None and parent.getparent() is None:
                    cutter = _Cutter(parent, rules)
                if cutter is not None and parent is cutter.body:
                    cutter.add(element)
        parser.close()
    except (_Unsafe, etree.XMLSyntaxError):
        return None
    if cutter is None or len(parser.error_log):
        return None
    return cutter.finished()


def written(saved: bytes, parts: list[bytes]) -> bytes:
    """The saved document with each placeholder replaced by the paragraphs it stands for."""
    pieces: list[bytes] = []
    start = 0
    for found in _PLACEHOLDER.finditer(saved):
        pieces += [saved[start : found.start()], parts[int(found.group(1))]]
        start = found.end()
    pieces.append(saved[start:])
    assert len(pieces) == 2 * len(parts) + 1, "every placeholder is written once"
    return b"".join(pieces)


class _Cutter:
    """Writes out the body's paragraphs as they are parsed, keeping what finishing changes."""

    def __init__(self, body: Any, rules: frozenset[str]) -> None:
        self.body = body
        self.rules = rules
        self.head = _head(body)
        self.parts: list[list[bytes]] = []
        self.last_placeholder: Any = None
        #: The paragraphs of the current style run not written out yet; whether some were.
        self.run: list[Any] = []
        self.style: object = _NO_RUN
        self.cut = False

    def add(self, child: Any) -> None:
        """A child of the body, just parsed whole."""
        if child.tag != _P:
            self._end_run(_NO_RUN)
            return
        style = _style(child)
        if style in self.rules:
            if self.cut:
                raise _Unsafe
            self.run, self.style = [], style  # the run above stays whole, for the rule to measure
            return
        if style != self.style:
            self._end_run(style)
        if not _CHANGED_LATER(child):
            self.run.append(child)
        if len(self.run) > WINDOW:
            self._write(self.run.pop(0))
            self.cut = True

    def finished(self) -> Streamed:
        self._end_run(_NO_RUN)
        return Streamed(self.body, [b"".join(part) for part in self.parts])

    def _end_run(self, style: object) -> None:
        for child in self.run:
            self._write(child)
        self.run, self.style, self.cut = [], style, False

    def _write(self, child: Any) -> None:
        """Put the paragraph's bytes in a part (its own first tag as the whole document writes
        it: without the namespaces lxml declares on an element written alone) and take it out."""
        docx.drop_empty_runs_in(child)
        data = etree.tostring(child, encoding="UTF-8")
        if not data.startswith(self.head):
            raise _Unsafe
        data = b"<w:p" + data[len(self.head) :]
        previous = child.getprevious()
        if previous is not None and previous is self.last_placeholder:
            self.parts[-1].append(data)
        else:
            self.last_placeholder = etree.PI(TARGET, str(len(self.parts)))
            child.addprevious(self.last_placeholder)
            self.parts.append([data])
        self.body.remove(child)


#: The style of no run (a run of paragraphs with no style has the style None).
_NO_RUN = object()


def _style(paragraph: Any) -> str | None:
    found = paragraph.find(f"{_P_PR}/{_P_STYLE}")
    return None if found is None else found.get(_VAL)


def _head(body: Any) -> bytes:
    """How lxml begins a paragraph of this body written alone: ``<w:p`` and the body's namespaces."""
    shell = etree.Element(body.tag, nsmap=body.nsmap)
    return bytes(etree.tostring(etree.SubElement(shell, _P), encoding="UTF-8")).removesuffix(b"/>")
