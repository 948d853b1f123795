"""The kehoach command as a user runs it: exit codes, messages, out/ untouched on error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import FIXTURES, PLAN, make_plan
from kehoach.cli.app import app

runner = CliRunner()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_render_writes_the_plan(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "ke-hoach-15-KH-UBND.docx").is_file()
    assert "Đã ghi 17 tệp" in result.output


def test_defaults_are_plan_yaml_and_out(tmp_path, monkeypatch):
    plan = make_plan(tmp_path)
    monkeypatch.chdir(plan.parent)
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ke-hoach-07-KH-UBND.docx").is_file()


def test_invalid_plan_writes_nothing_and_leaves_out_as_it_was(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ke-hoach-07-KH-UBND.docx").write_bytes(b"old")
    (out / "mine.txt").write_text("kept")
    before = snapshot(out)
    bad = FIXTURES / "bad" / "unknown-phase.yaml"
    result = runner.invoke(app, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{bad}:36:16: lỗi: Không có đợt 'dot-9'." in result.output
    assert "units[0].tasks[0].phase" in result.output
    assert "chưa ghi tệp nào" in result.output
    assert snapshot(out) == before
    assert not any(p.name.startswith(".kehoach-") for p in tmp_path.iterdir())


def test_validate(tmp_path):
    assert runner.invoke(app, ["validate", str(PLAN)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(FIXTURES / "bad" / "unknown-key.yaml")])
    assert result.exit_code == 1
    assert "Có phải ý bạn là 'subject'?" in result.output
    assert not (tmp_path / "out").exists()


def test_caret_under_the_column():
    result = runner.invoke(app, ["validate", str(FIXTURES / "bad" / "bad-number.yaml")])
    lines = result.output.splitlines()
    index = next(i for i, line in enumerate(lines) if "number: bảy" in line)
    source, caret = lines[index], lines[index + 1]
    assert source.index("bảy") == caret.index("^")


def test_english_messages(tmp_path):
    result = runner.invoke(app, ["validate", str(FIXTURES / "bad" / "unknown-key.yaml"), "--lang", "en"])
    assert "Did you mean 'subject'?" in result.output
    result = runner.invoke(app, ["validate", str(FIXTURES / "bad" / "unknown-key.yaml")], env={"LANG": "en_US.UTF-8"})
    assert "is not part of a plan" in result.output


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_python_m_kehoach_and_exit_codes(tmp_path):
    plan = make_plan(tmp_path)
    assert _run("render", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "ke-hoach-07-KH-UBND.docx").is_file()
    bad = _run("validate", str(FIXTURES / "bad" / "yaml-syntax.yaml"), cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    usage = _run("render", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    missing = _run("validate", str(tmp_path / "khong-co.yaml"), cwd=tmp_path)
    assert missing.returncode == 1 and "Không tìm thấy tệp" in missing.stderr
    assert plan.is_file()


def test_broken_template_is_named(tmp_path):
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ke-hoach.docx").write_bytes(b"not a zip")
    result = _run("render", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Không mở được mẫu" in result.stderr and "ke-hoach.docx" in result.stderr
    assert not (tmp_path / "out").exists()
    assert plan.is_file()


def test_internal_error_is_one_line_and_logged(tmp_path, monkeypatch):
    import kehoach.cli.render as command
    from kehoach.cli import app as cli

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(command, "render_plan", boom)
    monkeypatch.setattr(cli.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["kehoach", "render"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 3
    log = tmp_path / "kehoach-loi.log"
    assert "RuntimeError: bug" in log.read_text(encoding="utf-8")


def test_progress_bar_only_on_a_terminal_and_only_for_long_renders():
    import io

    from rich.console import Console

    from kehoach.cli import show

    quiet = Console(file=io.StringIO(), force_terminal=False)
    with show.progress_bar(quiet, "vi") as start:
        tick = start(500, 0)
        tick(10)
    assert quiet.file.getvalue() == ""
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    with show.progress_bar(terminal, "vi") as start:
        start(5, 0)(5)  # a few documents: no bar
    assert terminal.file.getvalue() == ""
    with show.progress_bar(terminal, "vi") as start:
        tick = start(500, 0)
        tick(250)
    assert "Đang xuất" in terminal.file.getvalue()
