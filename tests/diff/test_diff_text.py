"""``kehoach diff`` as text read without colour (a pipe, a file, NO_COLOR): markers and names on every line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import PLAN
from kehoach import diff as D
from kehoach.cli.app import app
from kehoach.plan.validate import load_plan

try:
    import pty
except ImportError:  # Windows has no pseudo-terminals
    pty = None  # type: ignore[assignment]

runner = CliRunner()

POLICE_OLD = "Xây dựng kế hoạch bảo đảm an ninh trật tự, an toàn giao thông"
POLICE_NEW = "Xây dựng và triển khai kế hoạch bảo đảm an ninh, trật tự, an toàn giao thông"
AIM_OLD = "tránh phô trương, hình thức, lãng phí"
AIM_NEW = "tránh phô trương, lãng phí"
PHASE_OLD = "Tuyên truyền kết quả đại hội đảng các cấp, trong đó chú trọng"
PHASE_NEW = "Tuyên truyền kịp thời kết quả đại hội đảng các cấp, trong đó chú trọng"
DESCRIPTION_OLD = "description: là thời gian tập trung cao điểm"
DESCRIPTION_NEW = "description: là thời gian cao điểm"


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The reference plan, and a revision rewording a task, a mục paragraph, a phase paragraph and description."""
    folder = tmp_path_factory.mktemp("diff-text")
    text = PLAN.read_text(encoding="utf-8")
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(text, encoding="utf-8")
    for before, after in ((POLICE_OLD, POLICE_NEW), (AIM_OLD, AIM_NEW), (PHASE_OLD, PHASE_NEW)):
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    text = text.replace(DESCRIPTION_OLD, DESCRIPTION_NEW)
    new.write_text(text, encoding="utf-8")
    return old, new


def test_piped_text_marks_deleted_and_inserted_words_and_names_the_unit(sides: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["diff", str(sides[0]), str(sides[1])])
    assert result.exit_code == 1, result.output
    task = next(line for line in result.output.splitlines() if "(nhiệm vụ 1)" in line)
    assert task.startswith("  Công an phường: Sửa nội dung (nhiệm vụ 1): Xây dựng {+và triển khai+} kế hoạch")
    assert "bảo đảm an [-ninh-]{+ninh,+} trật tự," in task


def test_reworded_paragraphs_of_a_section_and_a_phase_are_shown_word_by_word(sides: tuple[Path, Path]) -> None:
    lines = runner.invoke(app, ["diff", str(sides[0]), str(sides[1])]).output.splitlines()
    section = next(line for line in lines if line.startswith("  I. Mục đích, yêu cầu: Sửa (đoạn"))
    assert "tránh phô trương, [-hình thức,-] lãng phí." in section
    phase = next(line for line in lines if line.startswith("  Đợt 1: Sửa (đoạn"))
    assert "Tuyên truyền {+kịp thời+} kết quả đại hội" in phase
    assert any(line.startswith("  Đợt 2: mô tả: là thời gian [-tập trung-] cao điểm công tác") for line in lines)
    assert "  I. Mục đích, yêu cầu: sửa nội dung (1 đoạn sửa)" in lines  # the summary stays


def test_english_lines_name_the_paragraph_too(sides: tuple[Path, Path]) -> None:
    rows = D.text_rows(D.diff_plans(load_plan(sides[0]).plan, load_plan(sides[1]).plan), "en")
    texts = ["".join(span.text for span in row) for row in rows]
    assert any(t.startswith("  Đợt 1: Reworded (paragraph ") for t in texts)
    assert "Tasks" in texts


def test_with_colour_the_words_are_styled_not_marked(sides: tuple[Path, Path]) -> None:
    changes = D.diff_plans(load_plan(sides[0]).plan, load_plan(sides[1]).plan)
    rows = list(D.text_rows(changes, markers=False))
    task = next(row for row in rows if any("(nhiệm vụ 1)" in span.text for span in row))
    assert D.Span("và triển khai", "insert") in task and D.Span("ninh", "delete") in task
    assert not any("{+" in span.text or "[-" in span.text for row in rows for span in row)
    assert D.Span("Công an phường: ", "label") in task


def test_a_moved_task_is_not_named_twice() -> None:
    """ "Chuyển từ A sang B" already names both units."""
    plan = load_plan(PLAN).plan
    tasks = {u.id: u.tasks for u in plan.units}
    moved = tasks["kinh-te-ha-tang"].pop(0)
    tasks["cong-an-phuong"].insert(0, moved)
    new = plan.model_copy(
        update={"units": [u.model_copy(update={"tasks": tasks[u.id]}) for u in plan.units]}, deep=True
    )
    rows = ["".join(span.text for span in row) for row in D.text_rows(D.diff_plans(load_plan(PLAN).plan, new))]
    line = next(r for r in rows if "Chuyển từ" in r)
    assert line.startswith("  Chuyển từ Phòng Kinh tế, Hạ tầng và Đô thị sang Công an phường: ")


def test_through_a_real_pipe(sides: tuple[Path, Path]) -> None:
    """``kehoach diff | cat``: what the issue checks, with a real process and a real pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    shown = subprocess.run(
        f'"{sys.executable}" -m kehoach diff "{sides[0]}" "{sides[1]}" | cat',
        shell=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    ).stdout
    assert "\x1b[" not in shown
    assert "Công an phường: Sửa nội dung (nhiệm vụ 1): Xây dựng {+và triển khai+}" in shown
    assert "[-ninh-]{+ninh,+}" in shown
    assert f"So sánh {sides[0]} với {sides[1]}." in shown.splitlines()  # long, and still one line
    assert "Đơn vị có công văn, bảng theo dõi thay đổi: Công an phường." in shown.splitlines()


@pytest.mark.skipif(pty is None, reason="no pseudo-terminal on this system")
def test_no_color_in_a_terminal_gives_markers(sides: tuple[Path, Path]) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "400"}
    env.pop("FORCE_COLOR", None)
    output = _in_terminal([sys.executable, "-m", "kehoach", "diff", str(sides[0]), str(sides[1])], env)
    assert "{+và triển khai+}" in output
    colour = _in_terminal(
        [sys.executable, "-m", "kehoach", "diff", str(sides[0]), str(sides[1])],
        {k: v for k, v in env.items() if k != "NO_COLOR"},
    )
    assert "{+và triển khai+}" not in colour and "\x1b[" in colour


def _in_terminal(command: list[str], env: dict[str, str]) -> str:
    """What a command prints to a terminal (a pseudo-terminal), escape sequences and all."""
    main, child = pty.openpty()
    process = subprocess.Popen(command, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", errors="replace")
