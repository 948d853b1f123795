"""Print packs: PDFs joined into one, page by page, with one outline entry per part.

A pack of a thousand checklists is 65 MB of PDF, mostly each checklist's own
embedded fonts. pypdf's ``PdfWriter`` keeps every page it is given until it writes
the whole file, and the file again as bytes: about 400 MB for that pack. Here each
PDF is read, its pages and everything they use are written out with new object
numbers, and it is let go before the next one is read; only the page list, the
outline and each object's offset stay in memory. Its own module so that ``render``
does not import pypdf (0.1 s) on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    create_string_object,
)

#: What the pack says made it.
PRODUCER = "kehoach"


class _Writer:
    """A PDF written object by object into a seekable file; it remembers only the offsets."""

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.offsets: list[int] = []
        target.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> IndirectObject:
        """A new object number, to refer to before the object is written."""
        self.offsets.append(0)
        return IndirectObject(len(self.offsets), 0, None)

    def put(self, ref: IndirectObject, obj: PdfObject) -> None:
        self.offsets[ref.idnum - 1] = self.target.tell()
        self.target.write(f"{ref.idnum} 0 obj\n".encode())
        obj.write_to_stream(self.target)
        self.target.write(b"\nendobj\n")

    def finish(self, catalog: IndirectObject, info: IndirectObject) -> None:
        """The cross-reference table and the trailer (each entry exactly 20 bytes, as PDF wants)."""
        start = self.target.tell()
        self.target.write(f"xref\n0 {len(self.offsets) + 1}\n0000000000 65535 f \n".encode())
        self.target.write("".join(f"{offset:010d} 00000 n \n" for offset in self.offsets).encode())
        self.target.write(b"trailer\n")
        size = NumberObject(len(self.offsets) + 1)
        DictionaryObject({_name("/Size"): size, _name("/Root"): catalog, _name("/Info"): info}).write_to_stream(
            self.target
        )
        self.target.write(f"\nstartxref\n{start}\n%%EOF\n".encode())


def join(parts: Sequence[tuple[str, Sequence[Path]]], target: BinaryIO) -> None:
    """Write into ``target`` one PDF of ``parts`` (title, files), each part an outline entry at its first page."""
    out = _Writer(target)
    catalog, pages, outlines, info = (out.reserve() for _ in range(4))
    kids = ArrayObject()
    marks: list[tuple[str, IndirectObject]] = []
    for title, files in parts:
        first = len(kids)
        for path in files:
            kids.extend(_copy_pages(out, PdfReader(path), pages))
        if len(kids) > first:
            marks.append((title, kids[first]))
    out.put(pages, _dictionary(Type=_name("/Pages"), Kids=kids, Count=NumberObject(len(kids))))
    _write_outline(out, outlines, marks)
    out.put(catalog, _dictionary(Type=_name("/Catalog"), Pages=pages, Outlines=outlines))
    producer = create_string_object(PRODUCER)
    out.put(info, _dictionary(Producer=producer, Creator=producer))
    out.finish(catalog, info)


def _copy_pages(out: _Writer, reader: PdfReader, pages: IndirectObject) -> list[IndirectObject]:
    """Write the reader's pages (under ``pages``) and every object they use; their new references.

    pypdf's pages carry what they inherit from their page tree (resources, media
    box), so the old tree is not needed: every reference to one of its nodes becomes
    a reference to ``pages``.
    """
    moved: dict[tuple[int, int], IndirectObject] = {}
    waiting: list[IndirectObject] = []

    def link(ref: IndirectObject) -> IndirectObject:
        new = moved.get((ref.idnum, ref.generation))
        if new is None:
            new = moved[(ref.idnum, ref.generation)] = out.reserve()
            waiting.append(ref)
        return new

    originals, new_pages = list(reader.pages), []
    for page in originals:  # numbered first: a page may point at a later one (a link)
        old = page.indirect_reference
        assert old is not None  # a page read from a file has its place in it
        moved[(old.idnum, old.generation)] = new = out.reserve()
        new_pages.append(new)
        _tree_nodes(page, lambda node: moved.setdefault((node.idnum, node.generation), pages))
    for page, new in zip(originals, new_pages, strict=True):
        out.put(new, _relink(page, link))  # its /Parent, a node of the old tree, becomes ``pages``
    while waiting:
        ref = waiting.pop()
        obj = ref.get_object()
        out.put(moved[(ref.idnum, ref.generation)], NullObject() if obj is None else _relink(obj, link))
    return new_pages


def _tree_nodes(page: DictionaryObject, keep: Callable[[IndirectObject], object]) -> None:
    """Call ``keep`` with each page-tree node above ``page``."""
    parent = page.raw_get("/Parent") if "/Parent" in page else None
    while isinstance(parent, IndirectObject):
        keep(parent)
        node = parent.get_object()
        parent = node.raw_get("/Parent") if isinstance(node, DictionaryObject) and "/Parent" in node else None


def _relink(obj: PdfObject, link: Callable[[IndirectObject], IndirectObject]) -> PdfObject:
    """A copy of ``obj`` with every reference to an object of its file replaced by that object's new reference.

    A copy: pypdf gives the pages that inherit a dictionary that same dictionary. A
    stream is relinked where it is, its data untouched: it is an object of its own,
    reached once.
    """
    if isinstance(obj, IndirectObject):
        return link(obj)
    if isinstance(obj, StreamObject):
        for key, value in list(obj.items()):
            obj[key] = _relink(value, link)
        return obj
    if isinstance(obj, DictionaryObject):
        return DictionaryObject({key: _relink(value, link) for key, value in obj.items()})
    if isinstance(obj, ArrayObject):
        return ArrayObject(_relink(value, link) for value in obj)
    return obj


def _write_outline(out: _Writer, outlines: IndirectObject, marks: list[tuple[str, IndirectObject]]) -> None:
    """One outline entry per part, in order, each opening its part's first page."""
    items = [out.reserve() for _ in marks]
    for i, ((title, page), item) in enumerate(zip(marks, items, strict=True)):
        entry = _dictionary(Title=create_string_object(title), Parent=outlines, Dest=ArrayObject([page, _name("/Fit")]))
        if i > 0:
            entry[_name("/Prev")] = items[i - 1]
        if i + 1 < len(items):
            entry[_name("/Next")] = items[i + 1]
        out.put(item, entry)
    root = _dictionary(Type=_name("/Outlines"), Count=NumberObject(len(items)))
    if items:
        root[_name("/First")], root[_name("/Last")] = items[0], items[-1]
    out.put(outlines, root)


def _name(name: str) -> NameObject:
    return NameObject(name)


def _dictionary(**entries: PdfObject) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{key}"): value for key, value in entries.items()})
