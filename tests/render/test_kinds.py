"""One table of document kinds: a kind added to it (with a view and a template, nothing else) is
listed, rendered, checked, asked for with --only, pruned and converted to PDF; and --pdf commits
each PDF with its DOCX."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document as WordDocument
from typer.testing import CliRunner

from helpers import MINIMAL, PLAN, open_docx, texts
from kehoach.cli import render as cli_render
from kehoach.cli.app import app
from kehoach.commands.templates import run_check, run_export
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.publish import commit
from kehoach.publish.manifest import MANIFEST
from kehoach.publish.pipeline import RenderOptions, run_render
from kehoach.render import kinds, pdf
from kehoach.render.names import party_name
from kehoach.text.errors import KehoachError, UsageError

runner = CliRunner()


@dataclass(frozen=True)
class MemoView:
    """The test kind's view: a unit's name and how many tasks it has."""

    unit_name: str
    task_count: int


def memo_view(plan: Plan, unit_id: str | None) -> MemoView:
    unit = plan.unit(unit_id or "")
    assert unit is not None
    return MemoView(unit.name, len(unit.tasks))


MEMO = kinds.DocumentKind(
    "memo",
    "docx",
    "memo.docx",
    memo_view,
    MemoView,
    lambda plan, unit_id: f"Ghi nhớ - {unit_id}",
    kinds.Scope.UNITS,
    folder="ghi-nho",
    only="memos",
)


def memo_template(folder: Path, body: str = "Ghi nhớ cho {{ unit_name }}: {{ task_count }} việc.") -> None:
    """The test kind's Word template, in the plan's own templates/ folder."""
    doc = WordDocument()
    doc.add_paragraph(body)
    (folder / "templates").mkdir(exist_ok=True)
    doc.save(str(folder / "templates" / "memo.docx"))


def write_plan(folder: Path, *ids: str) -> Path:
    data = dict(MINIMAL)
    data["units"] = [{"id": i, "name": f"Đơn vị {i}", "tasks": [f"Việc {i}.", "Việc chung."]} for i in ids]
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def memo_kind(tmp_path: Path) -> Iterator[Path]:
    """The memo kind registered in the table (only there), its template beside a two-unit plan.

    The command line's module is loaded again so its ``--only`` choices are built from
    the table as it now is, and again afterwards without the kind.
    """
    original = kinds.KINDS
    kinds.KINDS = (*original, MEMO)
    importlib.reload(cli_render)
    memo_template(tmp_path)
    try:
        yield write_plan(tmp_path, "a", "b")
    finally:
        kinds.KINDS = original
        importlib.reload(cli_render)


def test_a_new_kind_is_among_the_documents_of_a_plan(memo_kind: Path) -> None:
    plan = load_plan(memo_kind).plan
    names = [d.name for d in kinds.documents(plan)]
    assert names[1:] == [
        "giao-viec/a.docx",
        "checklist/a.docx",
        "ghi-nho/a.docx",
        "giao-viec/b.docx",
        "checklist/b.docx",
        "ghi-nho/b.docx",
    ]


def test_a_new_kind_is_rendered_with_its_view(memo_kind: Path) -> None:
    out = memo_kind.parent / "out"
    result = run_render(memo_kind, out)
    assert "ghi-nho/b.docx" in [f.name for f in result.files]
    assert "Ghi nhớ cho Đơn vị b: 2 việc." in texts(open_docx(out / "ghi-nho" / "b.docx"))
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"]["ghi-nho/a.docx"]["kind"] == "memo"


def test_templates_check_sees_a_new_kinds_template(memo_kind: Path) -> None:
    found = {path.name: findings for path, findings in run_check(memo_kind.parent).items()}
    assert found["memo.docx"] == []
    memo_template(memo_kind.parent, "{{ unit_nam }}")
    found = {path.name: findings for path, findings in run_check(memo_kind.parent).items()}
    assert [f.tag for f in found["memo.docx"]] == ["{{ unit_nam }}"]


def test_only_knows_a_new_kind_in_the_pipeline_and_on_the_command_line(memo_kind: Path) -> None:
    out = memo_kind.parent / "out"
    assert RenderOptions(only=("memos",)).only == ("memos",)
    with pytest.raises(UsageError) as info:
        RenderOptions(only=("memo-typo",))
    assert "memos" in info.value.message("en")
    result = runner.invoke(app, ["render", str(memo_kind), "-o", str(out), "--only", "memos"])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert written == ["ghi-nho/a.docx", "ghi-nho/b.docx"]


def test_only_refuses_a_kind_the_table_does_not_have(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(tmp_path / "out"), "--only", "memos"])
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_a_removed_units_document_of_a_new_kind_is_stale_and_pruned(memo_kind: Path) -> None:
    out = memo_kind.parent / "out"
    run_render(memo_kind, out)
    write_plan(memo_kind.parent, "a")
    assert "ghi-nho/b.docx" in run_render(memo_kind, out).stale
    assert "ghi-nho/b.docx" in run_render(memo_kind, out, prune=True).pruned
    assert not (out / "ghi-nho" / "b.docx").exists() and (out / "ghi-nho" / "a.docx").exists()


def test_a_new_docx_kind_gets_its_pdf(memo_kind: Path, converter: list[list[str]]) -> None:
    out = memo_kind.parent / "out"
    run_render(memo_kind, out, only=["memos"], pdf=True)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == ["ghi-nho/a.pdf", "ghi-nho/b.pdf"]


def test_export_copies_the_default_template_of_every_kind(tmp_path: Path) -> None:
    copied = {name for name, _, _ in run_export(tmp_path / "templates")}
    state = {k.template for k in kinds.KINDS if k.template}
    party = {party_name(name) for name in kinds.PARTY_TEMPLATES}
    assert copied == state | party
    assert "dieu-chinh.docx" not in copied  # notices share the letter's template


# --- --pdf: one commit for the DOCX and their PDFs ----------------------------------------------


@pytest.fixture
def converter(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """LibreOffice replaced by a stand-in that writes each DOCX's last bytes into its "PDF"."""
    calls: list[list[str]] = []

    def convert(documents: list[Path]) -> dict[Path, bytes]:
        calls.append([d.name for d in documents])
        return {d: b"%PDF-1.4 from " + d.read_bytes()[-64:] for d in documents}

    monkeypatch.setattr(pdf, "convert", convert)
    return calls


@pytest.fixture
def commits(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files each commit into out/ writes."""
    seen: list[list[str]] = []
    real = commit.Staging.commit

    def recording(self: commit.Staging, change: commit.Change) -> None:
        seen.append(list(change.writes))
        real(self, change)

    monkeypatch.setattr(commit.Staging, "commit", recording)
    return seen


def made_from(pdf_file: Path, docx: Path) -> bool:
    return pdf_file.read_bytes() == b"%PDF-1.4 from " + docx.read_bytes()[-64:]


def test_pdf_and_docx_are_committed_together(tmp_path: Path, converter: list[list[str]], commits: list) -> None:
    plan = write_plan(tmp_path, "a", "b")
    out = tmp_path / "out"
    run_render(plan, out, pdf=True)
    rendering = [c for c in commits if c != [MANIFEST]]  # remembering the run writes the manifest only
    assert len(rendering) == 1
    assert {"giao-viec/a.docx", "giao-viec/a.pdf", "checklist/b.docx", "checklist/b.pdf"} <= set(rendering[0])
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file


def test_a_later_pdf_run_converts_what_is_already_in_out(tmp_path: Path, converter: list[list[str]]) -> None:
    plan = write_plan(tmp_path, "a")
    out = tmp_path / "out"
    run_render(plan, out)
    result = run_render(plan, out, pdf=True)
    assert sorted(f.name for f in result.files) == ["checklist/a.pdf", "giao-viec/a.pdf", "ke-hoach-07-KH-UBND.pdf"]
    assert len(converter) == 1
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file


def test_a_failed_conversion_commits_the_docx_and_leaves_no_older_pdf(
    tmp_path: Path, converter: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(tmp_path, "a", "b")
    out = tmp_path / "out"
    run_render(plan, out, pdf=True)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["units"][0]["name"] = "Đơn vị a, tên mới"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def broken(documents: list[Path]) -> dict[Path, bytes]:
        raise KehoachError("pdf.failed", detail="soffice crashed")

    monkeypatch.setattr(pdf, "convert", broken)
    with pytest.raises(KehoachError) as info:
        run_render(plan, out, pdf=True)
    assert info.value.code == "pdf.failed"
    assert "Đơn vị a, tên mới" in " ".join(texts(open_docx(out / "giao-viec" / "a.docx")))
    assert not (out / "giao-viec" / "a.pdf").exists()
    assert made_from(out / "giao-viec" / "b.pdf", out / "giao-viec" / "b.docx")
    for pdf_file in out.rglob("*.pdf"):
        assert made_from(pdf_file, pdf_file.with_suffix(".docx")), pdf_file


def test_the_cli_reports_a_failed_conversion_after_writing_the_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(documents: list[Path]) -> dict[Path, bytes]:
        raise KehoachError("pdf.failed", detail="soffice crashed")

    monkeypatch.setattr(pdf, "convert", broken)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(write_plan(tmp_path, "a")), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "soffice crashed" in output and "Các tệp DOCX vẫn đã được ghi" in output
    assert (out / "giao-viec" / "a.docx").is_file() and not list(out.rglob("*.pdf"))


def test_the_run_key_is_the_options_stable_json() -> None:
    one = RenderOptions(only=("letters", "plan"), units=("b", "a"), extras=("html", "calendar"))
    other = RenderOptions(only=("plan", "letters", "plan"), units=("a", "b"), extras=("calendar", "html"))
    assert one == other and one.to_json() == other.to_json()
    assert json.loads(one.to_json())["units"] == ["a", "b"]
    assert RenderOptions(pdf=True).to_json() != RenderOptions().to_json()
