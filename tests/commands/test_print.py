"""PDFs in one LibreOffice run, print packs in plan order, and a clear message without LibreOffice."""

from __future__ import annotations

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import PLAN
from kehoach.cli.app import app
from kehoach.commands.print_pack import run_print_pack
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render import pdf

runner = CliRunner()


@pytest.fixture(scope="module")
def with_pdfs(soffice, tmp_path_factory):
    """The reference plan rendered with --pdf once for the module (skipped or failed as ``soffice`` says)."""
    out = tmp_path_factory.mktemp("out")
    result = run_render(PLAN, out, pdf=True)
    return out, result


def page_texts(path):
    with pdfplumber.open(path) as document:
        return [page.extract_text() or "" for page in document.pages]


def embedded_fonts(path) -> dict[str, bool]:
    """Each font of the PDF and whether its program is embedded."""
    found = {}
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            fonts = resolve1(resolve1(page.resources).get("Font", {}))
            for font in fonts.values():
                font = resolve1(font)
                descriptor = resolve1(font.get("FontDescriptor"))
                if descriptor is None and "DescendantFonts" in font:
                    descriptor = resolve1(resolve1(resolve1(font["DescendantFonts"])[0]).get("FontDescriptor"))
                name = str(font.get("BaseFont"))
                found[name] = bool(descriptor) and any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
    return found


def test_a_pdf_beside_every_docx(with_pdfs):
    out, _ = with_pdfs
    docx = sorted(p.relative_to(out) for p in out.rglob("*.docx"))
    pdfs = sorted(p.relative_to(out) for p in out.rglob("*.pdf"))
    assert len(docx) == 17 and [p.with_suffix(".docx") for p in pdfs] == docx


def test_plan_pdf_pages_and_text(with_pdfs, tmp_path):
    out, _ = with_pdfs
    pages = page_texts(out / "ke-hoach-15-KH-UBND.pdf")
    direct = pdf.convert([out / "ke-hoach-15-KH-UBND.docx"])[out / "ke-hoach-15-KH-UBND.docx"]
    (tmp_path / "direct.pdf").write_bytes(direct)
    assert len(pages) == len(page_texts(tmp_path / "direct.pdf")) > 5
    text = " ".join(" ".join(p.split()) for p in pages)
    for phrase in ("KẾ HOẠCH", "VI. KHẨU HIỆU TUYÊN TRUYỀN", "Vũ Mạnh Hùng", "- Lưu: VT, VHXH."):
        assert phrase in text


def test_pdfs_embed_their_fonts(with_pdfs):
    out, _ = with_pdfs
    for name in ("ke-hoach-15-KH-UBND.pdf", "checklist/mttq.pdf"):
        fonts = embedded_fonts(out / name)
        assert fonts and all(fonts.values()), fonts


def test_second_run_converts_nothing(with_pdfs):
    out, _ = with_pdfs
    again = run_render(PLAN, out, pdf=True)
    assert again.files == [] and len(again.unchanged) == 34


def test_print_pack_of_all_checklists_in_plan_order(with_pdfs):
    out, _ = with_pdfs
    written = run_print_pack(PLAN, out)
    reader = PdfReader(out / written.name)
    titles = [item.title for item in reader.outline]
    assert titles == [u.name for u in load_plan(PLAN).plan.units]
    expected_pages = sum(len(PdfReader(out / f"checklist/{u.id}.pdf").pages) for u in load_plan(PLAN).plan.units)
    assert len(reader.pages) == expected_pages
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts == sorted(starts) and starts[0] == 0
    assert "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG" in (reader.pages[starts[0]].extract_text() or "")


def test_print_pack_of_one_unit(with_pdfs):
    out, _ = with_pdfs
    written = run_print_pack(PLAN, out, "cong-an-phuong")
    reader = PdfReader(out / written.name)
    assert [item.title for item in reader.outline] == ["Công văn", "Bảng theo dõi"]
    assert "Kính gửi: Công an phường." in " ".join((reader.pages[0].extract_text() or "").split())


def test_without_libreoffice_docx_are_still_written(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(out), "--pdf", "--only", "plan"])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "Không tìm thấy LibreOffice" in output
    assert "apt-get install -y libreoffice-writer-nogui" in output and "winget" in output
    assert (out / "ke-hoach-15-KH-UBND.docx").is_file()
    assert not list(out.rglob("*.pdf"))
