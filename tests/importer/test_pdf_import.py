"""A born-digital PDF imported through its text layer; a scan refused with a clear message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from helpers import ROOT, to_pdf
from kehoach.cli.app import app
from kehoach.commands.import_plan import run_import
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render

runner = CliRunner()


def test_a_pdf_of_the_reference_plan_imports_with_its_header_units_and_signer(tmp_path: Path, soffice: str) -> None:
    shutil.copy(ROOT / "plan.yaml", tmp_path / "plan.yaml")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    pdf = to_pdf(soffice, tmp_path / "out" / "ke-hoach-15-KH-UBND.docx", tmp_path / "pdf")
    result = run_import(pdf, tmp_path / "imported.yaml")
    plan = load_plan(tmp_path / "imported.yaml").plan
    original = load_plan(ROOT / "plan.yaml").plan
    assert result.counts["units"] == 8 and result.counts["tasks"] == 32 and result.counts["phases"] == 4
    assert plan.issuer.name == original.issuer.name
    assert (plan.symbol, plan.document.date) == (original.symbol, original.document.date)
    assert plan.signer.lines == original.signer.lines and plan.signer.name == original.signer.name
    assert plan.recipients == original.recipients
    assert [u.name for u in plan.units] == [u.name for u in original.units]
    assert [len(u.tasks) for u in plan.units] == [len(u.tasks) for u in original.units]
    assert [p.model_dump(include={"name", "start", "end"}) for p in plan.phases] == [
        p.model_dump(include={"name", "start", "end"}) for p in original.phases
    ]
    assert plan.slogans == original.slogans
    assert plan.closing == original.closing


def test_a_scanned_pdf_says_it_has_no_text_and_exits_1(tmp_path: Path) -> None:
    scan = tmp_path / "ban-quet.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    result = runner.invoke(app, ["import", str(scan), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "là bản quét, không có lớp chữ" in said
    assert "ocrmypdf -l vie" in said
    assert not (tmp_path / "plan.yaml").exists()


def test_a_file_named_pdf_that_is_not_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_text("không phải PDF", encoding="utf-8")
    result = runner.invoke(app, ["import", str(fake), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 1
    assert "không phải tệp PDF" in " ".join(result.output.split())


@pytest.mark.parametrize(
    "plan_file", [ROOT / "plan.yaml", ROOT / "examples" / "lao-cai-khoang-san.yaml"], ids=lambda p: p.stem
)
def test_the_text_pdftotext_gives_of_a_plan_imports_with_its_units_and_frame(
    tmp_path: Path, soffice: str, plan_file: Path
) -> None:
    """The way plans will come: a PDF's text from pdftotext (no positions: page numbers among
    the lines, paragraphs broken at every line end), imported without losing a unit or a task."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler) not installed")
    shutil.copy(plan_file, tmp_path / "plan.yaml")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    pdf = to_pdf(soffice, next((tmp_path / "out").glob("*.docx")), tmp_path / "pdf")
    subprocess.run([pdftotext, str(pdf), str(tmp_path / "plain.txt")], check=True)
    run_import(tmp_path / "plain.txt", tmp_path / "imported.yaml")
    plan = load_plan(tmp_path / "imported.yaml").plan
    original = load_plan(plan_file).plan
    assert [(u.name, u.relation, len(u.tasks)) for u in plan.units] == [
        (u.name, u.relation, len(u.tasks)) for u in original.units
    ]
    assert [p.name for p in plan.phases] == [p.name for p in original.phases]
    assert (plan.issuer.name, plan.document.place, plan.document.subject) == (
        original.issuer.name,
        original.document.place,
        original.document.subject,
    )
    assert (plan.signer.lines, plan.signer.name, plan.recipients) == (
        original.signer.lines,
        original.signer.name,
        original.recipients,
    )
    assert (plan.closing, plan.slogans, len(plan.sections)) == (
        original.closing,
        original.slogans,
        len(original.sections),
    )
