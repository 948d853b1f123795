"""LibreOffice opens what kehoach writes and lays it out as a People's Committee would."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest

from helpers import LAO_CAI, to_pdf
from kehoach.publish.pipeline import run_render


def pdf_pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def test_reference_plan_converts_to_pdf(soffice, rendered, tmp_path):
    pdf = to_pdf(soffice, rendered / "ke-hoach-15-KH-UBND.docx", tmp_path)
    pages = pdf_pages(pdf)
    assert len(pages) > 5
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "KẾ HOẠCH" in first
    assert not first.strip().startswith("1")
    for number, text in enumerate(pages[1:], start=2):
        assert text.strip().splitlines()[0].strip() == str(number)
    assert "Vũ Mạnh Hùng" in pages[-1]


def test_motto_rule_matches_the_motto_on_the_page(soffice, rendered, tmp_path):
    pdf = to_pdf(soffice, rendered / "ke-hoach-15-KH-UBND.docx", tmp_path)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page.extract_words()
        motto = [w for w in words if w["text"] in ("Độc", "phúc")]
        left, right = motto[0]["x0"], motto[-1]["x1"]
        below = motto[0]["bottom"]
        edges = [e for e in page.edges if e["orientation"] == "h" and 0 < e["top"] - below < 12]
        assert edges, "no line under the motto"
        line = max(edges, key=lambda e: e["x1"] - e["x0"])
        assert line["x0"] == pytest.approx(left, abs=1.5)
        assert line["x1"] == pytest.approx(right, abs=1.5)


def test_draft_with_appendix_converts(soffice, tmp_path):
    run_render(LAO_CAI, tmp_path / "out")
    pdf = to_pdf(soffice, tmp_path / "out" / "ke-hoach-du-thao-KH-UBND.docx", tmp_path)
    pages = pdf_pages(pdf)
    appendix = next(i for i, text in enumerate(pages) if text.strip().startswith("Phụ lục"))
    # page numbers restart in the appendix: none on its first page, then 2, 3… (its task table
    # is long enough to run over at least one page)
    numbers = [text.strip().splitlines()[0].strip() for text in pages[appendix + 1 :]]
    assert numbers and numbers == [str(n) for n in range(2, len(numbers) + 2)]


def test_every_letter_and_checklist_converts(soffice, rendered, tmp_path):
    documents = sorted((rendered / "giao-viec").glob("*.docx")) + sorted((rendered / "checklist").glob("*.docx"))
    assert len(documents) == 16
    out = tmp_path / "pdf"
    out.mkdir()
    for kind in ("giao-viec", "checklist"):
        (out / kind).mkdir()
        batch = sorted((rendered / kind).glob("*.docx"))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / kind),
                *map(str, batch),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    for docx in documents:
        pdf = out / docx.parent.name / (docx.stem + ".pdf")
        pages = pdf_pages(pdf)
        assert pages, pdf
        if docx.parent.name == "checklist":
            assert f"Trang 1/{len(pages)}" in pages[0]
            assert "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ" in pages[0]
        else:
            assert "Kính gửi:" in pages[0]
            assert "Vũ Mạnh Hùng" in pages[-1]
