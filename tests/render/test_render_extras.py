"""PDFs and the optional outputs beside the documents: only Word files become PDFs, a PDF is
never older than its DOCX, and files of kinds a run does not make are none of its business."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from helpers import MINIMAL, PLAN, git
from kehoach.cli.app import app
from kehoach.publish.manifest import MANIFEST, HandEditedError
from kehoach.publish.pipeline import run_render
from kehoach.render import pdf
from kehoach.text.errors import ExitCode

runner = CliRunner()
PLAN_DOCX = "ke-hoach-15-KH-UBND.docx"
PLAN_PDF = "ke-hoach-15-KH-UBND.pdf"


def render(*args: str) -> str:
    """``kehoach render ARGS``; its output on one line (fails the test on a non-zero exit)."""
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def every_file(out: Path) -> dict[str, bytes]:
    """The files a user sees in out/ (kehoach's manifest aside)."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    found.pop(MANIFEST, None)
    return found


@pytest.fixture
def converter(monkeypatch) -> list[list[str]]:
    """LibreOffice's conversion replaced by one that marks each PDF with its DOCX's bytes' hash.

    Returns the names each conversion was given, so a test sees what was converted.
    """
    calls: list[list[str]] = []

    def convert(documents):
        calls.append([d.name for d in documents])
        return {d: b"%PDF-1.4 from " + d.read_bytes()[-64:] for d in documents}

    monkeypatch.setattr(pdf, "convert", convert)
    return calls


def made_from(pdf_file: Path, docx: Path) -> bool:
    """Whether the (stand-in) PDF was made from the DOCX as it is now."""
    return pdf_file.read_bytes() == b"%PDF-1.4 from " + docx.read_bytes()[-64:]


# --- 4.2: only Word documents become PDFs ------------------------------------------------------


def test_pdf_and_html_together_convert_only_the_docx_files(tmp_path, converter):
    out = tmp_path / "out"
    render(str(PLAN), "-o", str(out), "--pdf", "--html", "--ics", "--only", "plan")
    assert converter == [[PLAN_DOCX]]
    assert made_from(out / PLAN_PDF, out / PLAN_DOCX)
    assert sorted(p.name for p in out.glob("*.pdf")) == [PLAN_PDF]
    assert not list((out / "lich").glob("*.pdf"))


def test_plan_pdf_has_the_letterhead_after_pdf_and_html(tmp_path, soffice):
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path / "out"
    render(str(PLAN), "-o", str(out), "--pdf", "--html", "--only", "plan")
    with pdfplumber.open(out / PLAN_PDF) as document:
        words = document.pages[0].extract_words(extra_attrs=["fontname"])
    rows: dict[int, list[dict]] = {}
    for word in words:
        rows.setdefault(round(word["top"]), []).append(word)
    heads = [sorted(row, key=lambda w: w["x0"]) for row in rows.values()]
    head = next(row for row in heads if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in " ".join(w["text"] for w in row))
    line = " ".join(w["text"] for w in head)
    assert line.startswith("ỦY BAN NHÂN DÂN CỘNG HÒA"), f"no two-column letterhead: {line!r}"
    fonts = {w["fontname"] for w in head}  # Times New Roman or its metric twin, never a sans font
    assert not any(sans in font for font in fonts for sans in ("Sans", "Arial", "Helvetica")), fonts
    before = every_file(out)
    output = render(str(PLAN), "-o", str(out), "--prune")
    after = every_file(out)
    assert {name: after.get(name) for name in before} == before
    assert "Tệp cũ" not in output and "Đã xóa" not in output


# --- 4.3: kinds a run does not make are neither stale nor pruned --------------------------------


def test_extras_are_not_stale_for_a_plain_render(tmp_path):
    out = tmp_path / "out"
    render(str(PLAN), "-o", str(out), "--html", "--ics", "--slogans")
    before = every_file(out)
    output = render(str(PLAN), "-o", str(out), "--prune")
    assert every_file(out).keys() == before.keys()
    assert "Tệp cũ" not in output and "Đã xóa" not in output
    result = run_render(PLAN, out, only=["letters"], prune=True)
    assert result.stale == [] and result.pruned == []
    assert every_file(out).keys() == before.keys()


def two_units(folder: Path, *ids: str) -> Path:
    data = copy.deepcopy(MINIMAL)
    data["units"] = [{"id": i, "name": f"Đơn vị {i}", "tasks": [f"Việc {i}."]} for i in ids]
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_removed_units_extras_are_stale_only_when_asked_for(tmp_path):
    out = tmp_path / "out"
    run_render(two_units(tmp_path, "a", "b"), out, extras=["calendar"])
    plan = two_units(tmp_path, "a")
    plain = run_render(plan, out)
    assert plain.stale == ["checklist/b.docx", "giao-viec/b.docx"]
    with_ics = run_render(plan, out, extras=["calendar"], prune=True)
    assert with_ics.pruned == ["checklist/b.docx", "giao-viec/b.docx", "lich/b.ics"]
    assert not (out / "lich" / "b.ics").exists() and (out / "lich" / "a.ics").exists()


# --- 4.12: a PDF is never older than its DOCX ---------------------------------------------------


def in_git(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(PLAN, repo / "plan.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "plan.yaml")
    git(repo, "commit", "-q", "-m", "v1")
    return repo / "plan.yaml"


def test_changed_since_removes_the_pdfs_of_rewritten_documents(tmp_path, converter):
    plan = in_git(tmp_path)
    out = tmp_path / "out"
    render(str(plan), "-o", str(out), "--pdf")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("name: Công an phường\n", "name: Công an phường MỚI\n"), encoding="utf-8")
    output = render(str(plan), "-o", str(out), "--changed-since", "HEAD")
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file
    assert not (out / "giao-viec" / "cong-an-phuong.pdf").exists()
    assert (out / "giao-viec" / "mttq.pdf").exists()
    assert "Đã xóa giao-viec/cong-an-phuong.pdf vì văn bản DOCX của nó đã thay đổi (tạo lại bằng --pdf)." in output
    converter.clear()
    output = render(str(plan), "-o", str(out), "--changed-since", "HEAD", "--pdf")
    assert sorted(converter[0]) == ["cong-an-phuong.docx", "cong-an-phuong.docx", PLAN_DOCX]
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file
    assert len(list(out.rglob("*.pdf"))) == 17 and "Đã xóa" not in output


def test_changed_since_with_pdf_makes_them_again(tmp_path, converter):
    plan = in_git(tmp_path)
    out = tmp_path / "out"
    run_render(plan, out, pdf=True)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Phối hợp", "Cùng phối hợp", 1), encoding="utf-8")
    result = run_render(plan, out, pdf=True, changed_since="HEAD")
    rewritten = [f.name for f in result.files if f.name.endswith(".docx")]
    assert rewritten and result.removed_pdfs == []
    assert sorted(f.name for f in result.files if f.name.endswith(".pdf")) == sorted(
        name.removesuffix(".docx") + ".pdf" for name in rewritten
    )
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file


def test_a_pdf_changed_by_hand_stops_the_run_and_is_kept(tmp_path, converter):
    out = tmp_path / "out"
    plan = two_units(tmp_path, "a")
    run_render(plan, out, pdf=True)
    mine = out / "giao-viec" / "a.pdf"
    mine.write_bytes(b"%PDF-1.4 signed and stamped")
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["units"][0]["name"] = "Đơn vị a, tên mới"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = every_file(out)
    with pytest.raises(HandEditedError) as info:
        run_render(plan, out)
    assert info.value.names == ["giao-viec/a.pdf"] and info.value.exit_code == ExitCode.OUTPUT
    assert every_file(out) == before
    result = run_render(plan, out, force=True)
    assert result.backups == {"giao-viec/a.pdf": "giao-viec/a.pdf.bak"}
    assert (out / "giao-viec" / "a.pdf.bak").read_bytes() == b"%PDF-1.4 signed and stamped"
    assert not mine.exists() and "giao-viec/a.pdf" in result.removed_pdfs


def test_a_stale_documents_pdf_goes_with_it(tmp_path, converter):
    out = tmp_path / "out"
    run_render(two_units(tmp_path, "a", "b"), out, pdf=True)
    plan = two_units(tmp_path, "a")
    assert run_render(plan, out).stale == ["checklist/b.docx", "checklist/b.pdf", "giao-viec/b.docx", "giao-viec/b.pdf"]
    run_render(plan, out, prune=True)
    assert not list(out.rglob("b.*"))
