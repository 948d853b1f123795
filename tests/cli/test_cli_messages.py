"""What the command line says: --lang before or after the command, help in the user's
language, catalogue messages where a library or the system would speak English, and the
exit codes of the README."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import FIXTURES, make_plan
from kehoach.cli import app as cli
from kehoach.cli.app import app
from kehoach.text import messages

runner = CliRunner()
UNKNOWN_KEY = str(FIXTURES / "bad" / "unknown-key.yaml")


def flat(text: str) -> str:
    """The output with the terminal's line wrapping undone."""
    return " ".join(text.split())


def spaceless(text: str) -> str:
    """``text`` without any spacing: the terminal wraps a long path (a worker's tmp_path) inside a word."""
    return "".join(text.split())


def _run(*args: str, lang: str = "C.UTF-8", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args], capture_output=True, text=True, env=env, timeout=60, cwd=cwd
    )


def test_lang_before_the_command_sets_every_message():
    result = runner.invoke(app, ["--lang", "en", "validate", UNKNOWN_KEY])
    assert result.exit_code == 1
    assert "Did you mean 'subject'?" in result.output
    assert "The plan has 2 problem(s); nothing was written." in result.output


def test_the_commands_own_lang_wins_and_nothing_leaks_into_the_next_run():
    result = runner.invoke(app, ["--lang", "en", "validate", "--lang", "vi", UNKNOWN_KEY])
    assert "Có phải ý bạn là 'subject'?" in result.output
    runner.invoke(app, ["--lang", "en", "validate", UNKNOWN_KEY])
    again = runner.invoke(app, ["validate", UNKNOWN_KEY], env={"LANG": "C.UTF-8"})
    assert "Có phải ý bạn là 'subject'?" in again.output


def test_lang_before_the_command_works_in_a_real_process():
    result = _run("--lang", "en", "validate", UNKNOWN_KEY)
    assert result.returncode == 1 and "Did you mean 'subject'?" in result.stderr


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["--lang", "en", "render", "--help"], "C.UTF-8"),
        (["render", "--lang", "en", "--help"], "C.UTF-8"),
        (["render", "--help"], "en_US.UTF-8"),
    ],
)
def test_english_help_for_commands_and_options(args, lang):
    result = _run(*args, lang=lang)
    assert result.returncode == 0
    for code in ("render", "opt.out", "opt.force", "opt.lang"):
        assert messages.text(f"help.{code}", "en") in flat(result.stdout)
    assert "Thư mục đầu ra" not in result.stdout


def test_vietnamese_help_by_default():
    root = _run("--help")
    assert messages.text("help.validate", "vi") in root.stdout
    assert messages.text("help.opt.lang", "vi") in root.stdout
    assert "Check plan.yaml" not in root.stdout
    render = _run("render", "--help")
    assert messages.text("help.opt.out", "vi") in render.stdout


def test_english_root_help_lists_english_commands():
    result = _run("--help", lang="en_GB.UTF-8")
    for code in ("app", "validate", "templates", "opt.version"):
        assert messages.text(f"help.{code}", "en") in result.stdout


def test_textconv_of_a_missing_file(tmp_path):
    result = runner.invoke(app, ["textconv", str(tmp_path / "nosuch.docx")])
    assert result.exit_code == 2
    assert spaceless(messages.text("docx.missing", "vi", path=tmp_path / "nosuch.docx")) in spaceless(result.output)
    assert "Package not found" not in result.output


@pytest.mark.parametrize("kind", ["text", "folder", "zip"])
def test_textconv_of_something_that_is_not_a_docx(tmp_path, kind):
    target = tmp_path / "x.docx"
    if kind == "text":
        target.write_text("plain text", encoding="utf-8")
    elif kind == "folder":
        target.mkdir()
    else:
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("a.txt", "x")
    result = runner.invoke(app, ["--lang", "en", "textconv", str(target)])
    assert result.exit_code == 2
    assert spaceless(messages.text("docx.not_docx", "en", path=target)) in spaceless(result.output)
    assert "Package not found" not in result.output and "Traceback" not in result.output


def test_a_file_the_system_refuses_is_a_message_with_exit_code_4(tmp_path, monkeypatch):
    import kehoach.cli.validate as command

    name = str(tmp_path / ("n" * 300))

    def refused(*args, **kwargs):
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), name)

    monkeypatch.setattr(command, "run_validate", refused)
    result = runner.invoke(app, ["validate", "--lang", "en"])
    assert result.exit_code == 4
    reason = messages.text("os.ENAMETOOLONG", "en")
    assert flat(result.output).endswith(f"{reason}.")
    assert "Traceback" not in result.output


def test_ctrl_c_in_main_is_said_in_the_command_lines_language(monkeypatch, capsys):
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    monkeypatch.setattr(sys, "argv", ["kehoach", "--lang", "en", "render"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 130
    assert capsys.readouterr().err == messages.text("interrupted", "en") + "\n"


posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX signals and named pipes")


@posix_only
def test_ctrl_c_during_a_command_stops_it_with_a_message(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)  # opening it waits for a writer that never comes
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach", "validate", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == messages.text("interrupted", "vi")


@posix_only
def test_ctrl_c_ends_watch_with_a_catalogue_line(tmp_path):
    make_plan(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kehoach", "watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "out" / "ke-hoach-07-KH-UBND.docx").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.5)  # into the watching loop
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert err.rstrip().endswith(messages.text("watch.stopped", "vi"))
    assert "KeyboardInterrupt" not in err and "stopping watch" not in err


def test_a_problem_on_line_100_keeps_its_place(tmp_path):
    text = (FIXTURES / "good-minimal.yaml").read_text(encoding="utf-8")
    comments = 100 - (text.splitlines().index("  subject: Thử nghiệm") + 2)
    plan = tmp_path / "plan.yaml"
    plan.write_text("#\n" * comments + text.replace("  subject: Thử nghiệm\n", "  subject: Thử nghiệm\n  sai: 1\n"))
    result = runner.invoke(app, ["validate", str(plan)])
    assert f"{plan}:100:3: lỗi:" in result.output  # not "plan.yaml💯3": no emoji codes
