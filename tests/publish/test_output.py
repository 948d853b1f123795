"""Trustworthy output: all or nothing, never over a hand edit, same bytes, safe templates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from docx import Document
from typer.testing import CliRunner

from helpers import MINIMAL, PLAN, TEMPLATES, make_plan, open_docx, texts
from kehoach.cli.app import app
from kehoach.publish import commit
from kehoach.publish.manifest import MANIFEST, HandEditedError, safe_relative
from kehoach.publish.pipeline import run_render
from kehoach.render import kinds
from kehoach.render.kinds import templates as kind_templates
from kehoach.text.errors import KehoachError, UsageError

#: The default templates (the kinds table's), with the views each receives.
VIEWS = kind_templates()

runner = CliRunner()
LETTER = "giao-viec/mttq.docx"


def snapshot(folder: Path, manifest: bool = True) -> dict[str, bytes]:
    """Every file under ``folder``; without kehoach's manifest (it records file times) if asked."""
    if not folder.exists():
        return {}
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if not manifest:
        files.pop(MANIFEST, None)
    return files


def folders(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_dir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An out/ with an earlier render of a smaller plan and a file of the user's own."""
    target = tmp_path / "out"
    run_render(PLAN, target, only=["letters"], unit_ids=["mttq"])
    (target / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    return target


def test_source_date_epoch_sets_the_document_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    run_render(PLAN, tmp_path / "a", only=["plan"])
    props = open_docx(tmp_path / "a" / "ke-hoach-15-KH-UBND.docx").core_properties
    assert props.created.isoformat().startswith("2026-01-01T00:00")
    run_render(PLAN, tmp_path / "b", only=["plan"])
    assert snapshot(tmp_path / "a", manifest=False) == snapshot(tmp_path / "b", manifest=False)


def test_zip_entries_have_fixed_timestamps(tmp_path):
    import zipfile

    run_render(PLAN, tmp_path / "o", only=["plan"])
    with zipfile.ZipFile(tmp_path / "o" / "ke-hoach-15-KH-UBND.docx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_failure_while_rendering_leaves_out_untouched(out, monkeypatch):
    before, dirs = snapshot(out), folders(out)
    calls = []

    def failing(document, plan, template):
        calls.append(document.name)
        if len(calls) == 5:
            raise RuntimeError("injected")
        return original(document, plan, template)

    original = kinds.render_document
    monkeypatch.setattr(kinds, "render_document", failing)
    with pytest.raises(RuntimeError):
        run_render(PLAN, out)
    assert snapshot(out) == before and folders(out) == dirs
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".kehoach-")]


def test_failure_while_moving_files_rolls_back(out, monkeypatch):
    before, dirs = snapshot(out), folders(out)
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 6:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(commit.os, "replace", flaky_replace)
    with pytest.raises(KehoachError) as info:
        run_render(PLAN, out)
    assert info.value.code == "write.failed" and "No space left" in info.value.message()
    assert snapshot(out) == before and folders(out) == dirs


def test_ctrl_c_while_moving_files_rolls_back(out, monkeypatch):
    before = snapshot(out)
    real_replace = os.replace
    calls = []

    def interrupted_replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            signal.raise_signal(signal.SIGINT)
        return real_replace(src, dst)

    monkeypatch.setattr(commit.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        run_render(PLAN, out)
    assert snapshot(out) == before


def _big_plan(tmp_path: Path, units: int = 60) -> Path:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    base = data["units"]
    data["units"] = [{**base[i % len(base)], "id": f"don-vi-{i}", "name": f"Đơn vị số {i}"} for i in range(units)]
    for unit in data["units"]:
        unit["tasks"] = [
            t if isinstance(t, str) else {k: v for k, v in t.items() if k != "with"} for t in unit["tasks"]
        ]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_real_sigint_leaves_out_as_it_was(tmp_path):
    plan = _big_plan(tmp_path, units=400)
    out = tmp_path / "out"
    run_render(PLAN, out, only=["plan"])
    before = snapshot(out)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach", "render", str(plan), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.startswith(".kehoach-") and p.is_dir()]:  # staging, not lock
        assert process.poll() is None, "render ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the rendering of 801 documents
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kehoach-")]


def test_hand_edit_is_never_clobbered(tmp_path):
    out = tmp_path / "out"
    run_render(PLAN, out)
    letter = out / LETTER
    doc = Document(str(letter))
    doc.add_paragraph("Sửa tay: thêm một dòng.")
    doc.save(str(letter))
    edited = letter.read_bytes()
    with pytest.raises(HandEditedError) as info:
        run_render(PLAN, out, force=False, only=["letters"])
    assert info.value.names == [LETTER]
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(out)])
    assert result.exit_code == 4  # out/ refused, the plan is fine
    assert "giao-viec/mttq.docx" in result.output and "--force" in result.output
    assert letter.read_bytes() == edited
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert (out / (LETTER + ".bak")).read_bytes() == edited
    assert "Sửa tay: thêm một dòng." not in texts(open_docx(letter))
    assert run_render(PLAN, out).files == []


def test_file_not_written_by_kehoach_is_not_overwritten(tmp_path):
    out = tmp_path / "out"
    (out / "giao-viec").mkdir(parents=True)
    (out / LETTER).write_bytes(b"my own file")
    with pytest.raises(HandEditedError):
        run_render(PLAN, out)
    assert (out / LETTER).read_bytes() == b"my own file"


def test_unchanged_documents_are_not_written_again(tmp_path):
    out = tmp_path / "out"
    first = run_render(PLAN, out)
    assert len(first.files) == 17
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    second = run_render(PLAN, out)
    assert second.files == [] and len(second.unchanged) == 17
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == mtimes


def test_removed_unit_is_reported_and_pruned_only_on_request(tmp_path):
    plan = make_plan(
        tmp_path,
        units=[
            {"id": "a", "name": "Đơn vị A", "tasks": ["Việc A."]},
            {"id": "b", "name": "Đơn vị B", "tasks": ["Việc B."]},
        ],
    )
    out = tmp_path / "out"
    run_render(plan, out)
    (out / "mine.docx").write_bytes(b"mine")
    plan = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A", "tasks": ["Việc A."]}])
    result = run_render(plan, out)
    assert result.stale == ["checklist/b.docx", "giao-viec/b.docx"]
    assert (out / "giao-viec" / "b.docx").exists()
    result = run_render(plan, out, prune=True)
    assert result.pruned == ["checklist/b.docx", "giao-viec/b.docx"]
    assert not (out / "giao-viec" / "b.docx").exists()
    assert (out / "mine.docx").read_bytes() == b"mine"
    assert run_render(plan, out).stale == []


def test_hand_edited_stale_file_is_kept_even_with_prune(tmp_path):
    plan = make_plan(tmp_path, units=[{"id": "b", "name": "Đơn vị B", "tasks": ["Việc B."]}])
    out = tmp_path / "out"
    run_render(plan, out)
    (out / "giao-viec" / "b.docx").write_bytes(b"edited")
    plan = make_plan(tmp_path, units=[])
    result = run_render(plan, out, prune=True)
    assert result.pruned == ["checklist/b.docx"]
    assert (out / "giao-viec" / "b.docx").read_bytes() == b"edited"


@pytest.mark.parametrize("name", ["../x.docx", "/etc/x.docx", "a/../../x", "C:x.docx", "a\\b.docx", ""])
def test_output_names_cannot_escape(name):
    with pytest.raises(UsageError):
        safe_relative(name)


def test_template_code_in_plan_text_is_data(tmp_path):
    data = dict(MINIMAL)
    tricky = "{{ 7*7 }} {% for x in y %} & <w:p> </w:t> ]]>"
    plan = make_plan(
        tmp_path,
        closing=tricky,
        units=[{"id": "a", "name": "Đơn vị & <A>", "tasks": [tricky]}],
        sections=[*data["sections"], {"title": "Tổ chức", "show": "units"}],
    )
    run_render(plan, tmp_path / "out")
    body = texts(open_docx(tmp_path / "out" / "ke-hoach-07-KH-UBND.docx"))
    assert tricky in body and f"- {tricky}" in body and "1. Đơn vị & <A>" in body
    assert "49" not in " ".join(body)
    letter = texts(open_docx(tmp_path / "out" / "giao-viec" / "a.docx"))
    assert "Kính gửi: Đơn vị & <A>." in letter


def _break_template(folder: Path, name: str, old: str, new: str) -> None:
    folder.mkdir(exist_ok=True)
    doc = Document(str(TEMPLATES / name))
    for paragraph in doc.paragraphs:
        if paragraph.text == old:
            paragraph.runs[0].text = new
    doc.save(str(folder / name))


def test_misspelt_template_variable_is_named(tmp_path):
    plan = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A", "tasks": ["Việc A."]}])
    _break_template(tmp_path / "templates", "giao-viec.docx", "{{ addressee }}", "{{ adressee }}")
    result = runner.invoke(app, ["templates", "check", str(plan)])
    assert result.exit_code == 1
    assert "giao-viec.docx' dùng biến không có: {{ adressee }}" in result.output.replace("\n", "")
    out = tmp_path / "out"
    with pytest.raises(KehoachError) as info:
        run_render(plan, out)
    assert info.value.code == "template.undefined_at" and "{{ adressee }}" in info.value.message()
    assert not out.exists()


def test_templates_check_passes_on_the_defaults():
    result = runner.invoke(app, ["templates", "check", str(PLAN)])
    assert result.exit_code == 0
    # Rich wraps long template paths at the terminal's width; words count, not line breaks.
    assert " ".join(result.output.split()).count("không có lỗi") == len(VIEWS)


def test_templates_export_never_overwrites(tmp_path):
    target = tmp_path / "templates"
    target.mkdir()
    (target / "checklist.docx").write_bytes(b"mine")
    result = runner.invoke(app, ["templates", "export", str(target)])
    assert result.exit_code == 0
    assert (target / "checklist.docx").read_bytes() == b"mine"
    assert (target / "ke-hoach.docx").read_bytes() == (TEMPLATES / "ke-hoach.docx").read_bytes()


def test_second_run_in_a_new_process_renders_nothing(tmp_path):
    """The inputs fingerprint must not depend on the process (hash seeds, object ids)."""
    plan = make_plan(
        tmp_path,
        page={"margins": {"top": 25, "bottom": 20, "left": 30, "right": 15}},
        units=[{"id": "a", "name": "Đơn vị A", "tasks": [{"text": "Việc.", "bullets": ["x", "y"]}]}],
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
        done = subprocess.run(
            [sys.executable, "-m", "kehoach", "render", str(plan), "-o", str(tmp_path / "out")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert "Đã ghi 3 tệp" in outputs[0]
    assert "Đã ghi 0 tệp" in outputs[1] and "3 tệp không đổi" in outputs[1]


def test_an_unchanged_run_is_answered_from_the_manifest(tmp_path, monkeypatch):
    plan = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A"}, {"id": "b", "name": "B", "tasks": ["Việc."]}])
    out = tmp_path / "out"
    first = run_render(plan, out)
    assert [w.code for w in first.warnings] == ["unit_without_tasks"]
    import kehoach.publish.pipeline as command

    def no_parsing(*args, **kwargs):
        raise AssertionError("the plan was parsed again")

    monkeypatch.setattr(command, "load_text", no_parsing)
    again = run_render(plan, out)
    assert again.files == [] and sorted(again.unchanged) == sorted(f.name for f in first.files)
    assert again.warnings == first.warnings
    (out / "giao-viec" / "b.docx").write_bytes(b"edited")  # a file no longer as written: a real run
    with pytest.raises(AssertionError, match="parsed again"):
        run_render(plan, out)
