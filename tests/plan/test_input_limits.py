"""Input a plan must not be able to exploit: endless files, odd paths, huge values, long lines.

Each case goes through the command a user types and checks the exit code and the words on
screen: a message that names the problem, never an internal error (exit 3) or a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from helpers import FIXTURES, MINIMAL, make_plan
from kehoach.cli.app import app
from kehoach.cli.show import WINDOW, source_window
from kehoach.plan.loader import MAX_BYTES
from kehoach.plan.model import MAX_NUMBER
from kehoach.text import messages

runner = CliRunner()
GOOD = (FIXTURES / "good-minimal.yaml").read_text(encoding="utf-8")


def validate(*args: str):
    return runner.invoke(app, ["validate", *args])


def no_internal_error(result) -> None:
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert messages.text("internal", "vi", log="")[:20] not in result.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_within_seconds():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kehoach", "validate", "/dev/zero"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert time.monotonic() - started < 5
    assert result.returncode == 1
    assert messages.text("file.too_large", "vi", limit=MAX_BYTES) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_an_endless_pipe_is_read_only_up_to_the_limit(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    sent: list[int] = []

    def writer() -> None:
        chunk = b"a" * 65536
        try:
            with open(fifo, "wb") as stream:
                while sum(sent) < 3 * MAX_BYTES:
                    stream.write(chunk)
                    sent.append(len(chunk))
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = validate(str(fifo))
    thread.join(timeout=10)
    assert result.exit_code == 1
    assert messages.text("file.too_large", "vi", limit=MAX_BYTES) in result.output
    # the reader stopped once it had more than the limit: the writer's pipe broke long before 3×
    assert sum(sent) < 2 * MAX_BYTES


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symlink_loop_as_plan_is_a_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("a", "a")
    result = validate("a")
    no_internal_error(result)
    assert result.exit_code == 1
    assert messages.text("file.symlink_loop", "vi") in result.output


def test_a_plan_name_too_long_for_the_file_system_is_a_message(tmp_path):
    result = validate(str(tmp_path / ("k" * 300 + ".yaml")))
    no_internal_error(result)
    assert messages.text("file.name_too_long", "vi") in result.output


def test_a_missing_plan_suggests_kehoach_init(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = validate()
    assert result.exit_code == 1
    assert messages.text("file.missing", "vi") in result.output
    assert "kehoach init" in result.output
    english = validate("--lang", "en")
    assert "kehoach init" in english.output and "No plan yet?" in english.output


def test_a_folder_as_plan(tmp_path):
    result = validate(str(tmp_path))
    no_internal_error(result)
    assert messages.text("file.is_directory", "vi") in result.output


def test_a_number_of_261_digits_is_refused_at_its_line_and_nothing_is_written(tmp_path):
    plan = FIXTURES / "bad" / "number-too-large.yaml"
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
    no_internal_error(result)
    assert f"{plan}:9:11: lỗi: {messages.text('number_too_large', 'vi', limit=MAX_NUMBER)}" in result.output
    assert "document.number" in result.output
    assert messages.hint("number_too_large", "vi") in result.output
    assert not out.exists()


@pytest.mark.parametrize(("number", "valid"), [(MAX_NUMBER, True), (MAX_NUMBER + 1, False), ("0" * 8 + "15", True)])
def test_the_number_range(tmp_path, number, valid):
    plan = make_plan(tmp_path, document={**MINIMAL["document"], "number": number})
    result = validate(str(plan))
    assert (result.exit_code == 0) is valid, result.output
    if not valid:
        assert "number_too_large" not in result.output
        assert messages.text("number_too_large", "vi", limit=MAX_NUMBER) in result.output


def test_a_number_too_long_to_read_has_its_own_message_and_no_tag_hint():
    plan = FIXTURES / "bad" / "huge-integer.yaml"
    result = validate(str(plan))
    no_internal_error(result)
    assert f"{plan}:11:9: lỗi: {messages.text('yaml.number_too_long', 'vi', digits=5000)}" in result.output
    assert "!!" not in result.output
    assert messages.hint("yaml.number_too_long", "vi") in result.output


def test_an_explicit_tag_that_does_not_fit_keeps_the_tag_hint(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace("  number: 7\n", "  number: !!int bảy\n"), encoding="utf-8")
    result = validate(str(plan))
    assert result.exit_code == 1
    assert messages.text("yaml.bad_value", "vi", tag="int") in result.output
    assert "!!" in result.output


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("phases: [{name: Đợt 1, start: !!binary ''}]\n", "phases[0].start"),
        ("document:\n  number: !!int bảy\n", "document.number"),
        ("units:\n  - id: a\n    id: b\n", "units[0].id"),
    ],
)
def test_a_value_yaml_cannot_read_names_its_key_path(tmp_path, text, where):
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate(str(plan))
    assert result.exit_code == 1
    assert f"tại: {where}" in result.output


def test_a_nul_byte_is_reported_at_its_line_and_column_and_shown_visibly():
    plan = FIXTURES / "bad" / "nul-byte.yaml"
    result = validate(str(plan))
    assert result.exit_code == 1
    assert f"{plan}:12:15: lỗi: {messages.text('control_character', 'vi', char='U+0000')}" in result.output
    assert "\x00" not in result.output
    lines = result.output.splitlines()
    source = next(i for i, line in enumerate(lines) if "subject: Thử" in line)
    assert lines[source][lines[source + 1].index("^")] == "␀"


def test_a_nul_byte_after_crlf_lines_counts_lines_as_yaml_does(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = GOOD.replace("  subject: Thử nghiệm\n", "  subject: Thử \x00nghiệm\n").replace("\n", "\r\n")
    plan.write_bytes(text.encode("utf-8"))
    result = validate(str(plan))
    assert f"{plan}:11:16: lỗi:" in result.output


def _caret_char(output: str, marker: str) -> tuple[str, str]:
    """The shown source line holding ``marker`` and the character above the caret under it."""
    lines = output.splitlines()
    index = next(i for i, line in enumerate(lines) if marker in line)
    source, caret = lines[index], lines[index + 1]
    return source, source[caret.index("^")]


def test_an_error_on_a_2_mb_line_shows_a_window_with_the_caret_in_place(tmp_path):
    plan = tmp_path / "plan.yaml"
    before, after = "x" * 1_000_000, "y" * 1_000_000
    plan.write_text(GOOD.replace("  subject: Thử nghiệm\n", f"  subject: {before} sai: {after}\n"), encoding="utf-8")
    result = validate(str(plan))
    assert result.exit_code == 1
    assert len(result.output) < 5_000
    source, above = _caret_char(result.output, "sai:")
    shown = source.split(" | ", 1)[1]
    assert len(shown) <= WINDOW
    assert shown.startswith("…") and shown.endswith("…")
    assert above == ":"


LETTERS = "".join(chr(ord("a") + i % 26) + str(i % 7) for i in range(5_000))


@pytest.mark.parametrize("column", [1, 50, 150, 2_000, 9_990, 10_000])
def test_the_window_keeps_the_caret_under_its_character(column):
    shown, at = source_window(LETTERS, column)
    assert len(shown) <= WINDOW
    assert shown[at - 1] == LETTERS[column - 1]
    # the characters either side are the line's own, so the user sees the right place
    around = shown[max(at - 4, 0) : at + 3].strip("…")
    assert around in LETTERS[max(column - 10, 0) : column + 10]


def test_a_caret_past_the_end_of_a_long_line_stays_just_after_it():
    shown, at = source_window(LETTERS, len(LETTERS) + 50)
    assert at == len(shown) + 1 and shown.endswith(LETTERS[-10:])


def test_a_short_line_is_shown_whole_with_control_characters_visible():
    assert source_window("a\tb\x00c", 5) == ("a␉b␀c", 5)


def test_a_long_value_quoted_in_a_message_is_cut(tmp_path):
    plan = make_plan(tmp_path, document={**MINIMAL["document"], "number": "x" * 100_000})
    result = validate(str(plan))
    first = next(line for line in result.output.splitlines() if ": lỗi: " in line)
    assert len(first) < 400 and "…" in first


def test_an_unknown_key_with_nothing_close_has_no_hint_line(tmp_path):
    data = yaml.safe_load(GOOD)
    data["document"]["qqqqzzzz"] = 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = validate(str(plan))
    assert messages.text("extra_forbidden", "vi", field="qqqqzzzz") in result.output
    assert "''" not in result.output
    assert "gợi ý" not in result.output
    assert "hint" not in validate(str(plan), "--lang", "en").output


def test_a_near_miss_still_gets_its_suggestion():
    result = validate(str(FIXTURES / "bad" / "unknown-key.yaml"))
    assert "gợi ý: Có phải ý bạn là 'subject'?" in result.output
