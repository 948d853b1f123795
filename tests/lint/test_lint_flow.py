"""``lint`` finds a sentence or a name that a ``[a, b]`` list split at its commas, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import LAO_CAI, PLAN, make_plan
from kehoach.cli.app import app
from kehoach.commands.lint import run_lint

runner = CliRunner()

UNITS = [
    {"id": "cong-an-phuong", "name": "Công an phường", "tasks": ["Tuần tra."]},
    {"id": "van-hoa-xa-hoi", "name": "Phòng Văn hóa - Xã hội phường", "tasks": ["Treo băng rôn."]},
]
#: The first lines of a plan written by hand, as `kehoach init` used to suggest: the lists in flow style.
SECTIONS = """sections:
  - title: Mục đích
    items:
      - text: Trang trí
        bullets: [Treo cờ Tổ quốc, băng rôn tại các tuyến đường chính.]
      - text: Tuyên truyền
        bullets: [Trên hệ thống truyền thanh phường., "Trên cổng thông tin, trang mạng xã hội."]
"""
KEY_TASKS = """key_tasks:
  - text: Kiểm tra.
    lead: [van-hoa-xa-hoi, cong-an-phuong]
    with: [Các Sở, ban ngành, địa phương]
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A valid plan whose hand-written lists YAML splits at commas."""
    path = make_plan(tmp_path, units=UNITS, recipients=["Công an phường", "Phòng Văn hóa - Xã hội phường"])
    text = path.read_text(encoding="utf-8")
    start = text.index("sections:")
    end = text.index("closing:")
    path.write_text(text[:start] + SECTIONS + KEY_TASKS + text[end:], encoding="utf-8")
    return path


def _flow(result) -> list:  # type: ignore[no-untyped-def]
    return [w for w in result.warnings if w.code.startswith("lint.flow_split")]


def _line_of(path: Path, text: str) -> int:
    """1-based number of the line of ``path`` holding ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_sentence_split_at_a_comma_is_found_where_it_is(plan: Path) -> None:
    sentence = _flow(run_lint(plan))[0]
    assert sentence.code == "lint.flow_split"
    assert sentence.args["item"] == "băng rôn tại các tuyến đường chính."
    assert sentence.source_line[sentence.column - 1 :].startswith("băng rôn")
    assert sentence.key_path == "sections[0].items[0].bullets[1]"
    assert sentence.hint() == 'Đặt cả câu trong dấu ngoặc kép: ["Treo cờ Tổ quốc, băng rôn tại các tuyến đường chính."]'


def test_a_partner_name_split_at_a_comma_is_found(plan: Path) -> None:
    names = _flow(run_lint(plan))[1]
    assert names.code == "lint.flow_split_names"
    assert names.args["item"] == "ban ngành"
    assert names.key_path == "key_tasks[0].with[1]"
    assert '["Các Sở, ban ngành, địa phương"]' in names.hint()
    assert "kehoach units" in names.hint()


def test_quoted_items_ids_and_capitalised_items_are_left_alone(plan: Path) -> None:
    """The second bullet list (a quoted item) and the lead list (unit ids) are fine."""
    lines = {w.line for w in _flow(run_lint(plan))}
    assert lines == {_line_of(plan, "[Treo cờ Tổ quốc"), _line_of(plan, "[Các Sở")}


def test_the_cli_shows_the_place_and_the_hint(plan: Path) -> None:
    result = runner.invoke(app, ["lint", str(plan), "--strict"])
    assert result.exit_code == 1
    number = _line_of(plan, "[Treo cờ Tổ quốc")
    column = plan.read_text(encoding="utf-8").splitlines()[number - 1].index("băng rôn") + 1
    where = f"{plan}:{number}:{column}"
    assert f"{where}: cảnh báo: 'băng rôn tại các tuyến đường chính.' bắt đầu bằng chữ thường" in result.output
    assert 'gợi ý: Đặt cả câu trong dấu ngoặc kép: ["Treo cờ Tổ quốc' in result.output
    english = runner.invoke(app, ["lint", str(plan), "--lang", "en"])
    assert "starts in lower case: YAML seems to have split one sentence at a comma" in english.output


def test_quoting_the_sentence_silences_the_warning(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "[Treo cờ Tổ quốc, băng rôn tại các tuyến đường chính.]",
        '["Treo cờ Tổ quốc, băng rôn tại các tuyến đường chính."]',
    )
    plan.write_text(text.replace("[Các Sở, ban ngành, địa phương]", '["Các Sở, ban ngành, địa phương"]'), "utf-8")
    assert _flow(run_lint(plan)) == []


@pytest.mark.parametrize("path", [PLAN, LAO_CAI], ids=["plan.yaml", "lao-cai"])
def test_the_repo_plans_give_no_such_warning(path: Path) -> None:
    """The reference plans keep exactly the warnings they had (none of this kind)."""
    assert _flow(run_lint(path)) == []
    assert [w.code for w in run_lint(path).warnings] == ([] if path == PLAN else ["lint.mixed_tone_marks"])


def test_fix_keeps_the_plans_mode(tmp_path: Path) -> None:
    """``--fix`` rewrites the plan through a private temporary file; the plan stays as readable as it was."""
    path = make_plan(tmp_path, units=[{"id": "uy-ban", "name": "Uỷ ban phường", "tasks": ["Hòa giải, hoá giải."]}])
    path.chmod(0o644)
    result = run_lint(path, fix=True)
    assert result.fixed
    assert path.stat().st_mode & 0o777 == 0o644
