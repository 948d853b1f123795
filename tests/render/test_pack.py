"""Print packs joined page by page: every page once, in order, with what it inherits, one bookmark
per part, and never more than one source PDF in memory at a time."""

from __future__ import annotations

import gc
import io
import weakref
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from kehoach.render import pack

HELVETICA = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }
)


def make_pdf(path: Path, *texts: str, inherited: bool = False, link: bool = False) -> Path:
    """A PDF of one page per text; ``inherited``: its resources and size on the page tree, not the pages;
    ``link``: its first page links to its last."""
    writer = PdfWriter()
    font = writer._add_object(HELVETICA.clone(writer))
    for text in texts:
        page = writer.add_blank_page(300, 200)
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    if inherited:
        tree = writer.root_object["/Pages"]
        for key in ("/Resources", "/MediaBox"):
            tree[NameObject(key)] = writer.pages[0][key]
            for page in writer.pages:
                del page[key]
    if link:
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/Dest"): ArrayObject([writer.pages[-1].indirect_reference, NameObject("/Fit")]),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    writer.write(path)
    return path


def joined(parts) -> PdfReader:
    out = io.BytesIO()
    pack.join(parts, out)
    return PdfReader(io.BytesIO(out.getvalue()), strict=True)


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text().strip() for page in reader.pages]


def test_pages_in_order_with_one_bookmark_per_part(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", "A1", "A2")
    b = make_pdf(tmp_path / "b.pdf", "B1")
    c = make_pdf(tmp_path / "c.pdf", "C1", "C2", "C3")
    reader = joined([("Ủy ban Mặt trận Tổ quốc", [a]), ("Công an phường", [b, c])])
    assert texts(reader) == ["A1", "A2", "B1", "C1", "C2", "C3"]
    assert [item.title for item in reader.outline] == ["Ủy ban Mặt trận Tổ quốc", "Công an phường"]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 2]
    assert reader.metadata is not None and reader.metadata.producer == "kehoach"


def test_a_part_without_pages_has_no_bookmark(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", "A1")
    reader = joined([("Trống", []), ("A", [a])])
    assert [item.title for item in reader.outline] == ["A"]
    assert texts(reader) == ["A1"]


def test_what_a_page_inherits_from_its_page_tree_comes_with_it(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", "A1", "A2", inherited=True)
    reader = joined([("A", [a]), ("A again", [a])])
    assert texts(reader) == ["A1", "A2", "A1", "A2"]
    assert all((page.mediabox.width, page.mediabox.height) == (300, 200) for page in reader.pages)


def test_a_link_to_another_page_points_into_the_pack_and_copies_no_page_twice(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", "A1")
    b = make_pdf(tmp_path / "b.pdf", "B1", "B2", "B3", link=True)
    reader = joined([("A", [a]), ("B", [b])])
    link = reader.pages[1]["/Annots"][0].get_object()
    assert link["/Dest"][0].idnum == reader.pages[3].indirect_reference.idnum
    page_objects = [
        number
        for number in range(1, reader.trailer["/Size"])
        if isinstance(obj := reader.get_object(number), DictionaryObject) and obj.get("/Type") == "/Page"
    ]
    assert len(page_objects) == len(reader.pages) == 4


def test_one_source_pdf_in_memory_at_a_time(tmp_path, monkeypatch):
    """A thousand checklists are 65 MB of PDF: each is let go before the next is read."""
    files = [make_pdf(tmp_path / f"{i}.pdf", f"P{i}") for i in range(5)]
    alive: list[weakref.ref] = []
    most = 0

    def reader(path):
        nonlocal most
        gc.collect()
        most = max(most, sum(ref() is not None for ref in alive))
        opened = PdfReader(path)
        alive.append(weakref.ref(opened))
        return opened

    monkeypatch.setattr(pack, "PdfReader", reader)
    pack.join([(str(i), [f]) for i, f in enumerate(files)], io.BytesIO())
    assert most == 0


@pytest.mark.parametrize("count", [0, 1])
def test_a_pack_with_no_or_one_part_is_a_valid_pdf(tmp_path, count):
    parts = [("A", [make_pdf(tmp_path / "a.pdf", "A1")])][:count]
    reader = joined(parts)
    assert len(reader.pages) == count
