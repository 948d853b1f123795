"""kehoach lint: the reference plan's own slips put back are found; --fix touches only tone marks."""

from __future__ import annotations

import subprocess

import pytest
from typer.testing import CliRunner

from helpers import PLAN, make_plan
from kehoach import lint
from kehoach.cli.app import app
from kehoach.commands.lint import run_lint
from kehoach.text import syllables

runner = CliRunner()

#: Slips of the signed plan's extracted text, put back into the repo's corrected plan.yaml.
SLIPS = [
    ("Trung tâm sự nghiệp công phường", "Trung tâm sự nghiệp công phuờng"),
    (
        "Đại hội đại biểu Đảng bộ phường An Dương lần thứ I, Đại hội đại biểu",
        "Đại hội đại biếu Đảng bộ phường An Dương lần thứ I, Đại hội đại biếu",
    ),
    ("Ủy ban Mặt trận Tổ quốc", "Uỷ ban Mật trận Tổ quốc"),
    ("kế hoạch tuyên truyền của Đảng ủy", "kế hoạch tuyên truyền của Đảng uỷ"),
    ("Kế hoạch số 01-KH/ĐU ngày 07/7/2025 của Ban chấp hành", "Kế hoạch số 01-KH/HU ngày 07/7/2025 của Ban chấp hành"),
]


@pytest.fixture
def slipped(tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    for right, wrong in SLIPS:
        assert right in text, right
        text = text.replace(right, wrong)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def codes(result):
    return [(w.code, w.args.get("word") or w.args.get("symbol")) for w in result.warnings]


def test_the_repo_plan_is_clean():
    assert run_lint(PLAN).warnings == []


def test_slips_are_found_where_they_are(slipped):
    result = run_lint(slipped)
    found = codes(result)
    assert ("lint.not_a_syllable", "phuờng") in found
    assert ("lint.citation_differs", "01-KH/HU") in found
    mixed = [w for w in result.warnings if w.code == "lint.mixed_tone_marks"]
    assert {w.args["word"] for w in mixed} == {"Uỷ", "uỷ"}
    hu = next(w for w in result.warnings if w.code == "lint.citation_differs")
    assert hu.source_line[hu.column - 1 :].startswith("01-KH/HU")
    phuong = next(w for w in result.warnings if w.code == "lint.not_a_syllable")
    assert phuong.source_line[phuong.column - 1 :].startswith("phuờng")
    assert phuong.key_path.startswith("units[")


def test_strict_turns_warnings_into_errors(slipped):
    assert runner.invoke(app, ["lint", str(slipped)]).exit_code == 0
    result = runner.invoke(app, ["lint", str(slipped), "--strict"])
    assert result.exit_code == 1
    assert "không phải là một âm tiết tiếng Việt" in result.output


def test_fix_rewrites_tone_marks_and_nothing_else(slipped, tmp_path):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "plan.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "slipped"], check=True)
    before = slipped.read_text(encoding="utf-8")
    result = runner.invoke(app, ["lint", str(slipped), "--fix"])
    assert result.exit_code == 0, result.output
    after = slipped.read_text(encoding="utf-8")
    assert syllables.count_styles(after)["old"] == 0
    diff = subprocess.run(
        [*git, "diff", "--word-diff=porcelain", "--word-diff-regex=[^[:space:]]+"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed and len(removed) == len(added)
    for old, new in zip(removed, added, strict=True):
        assert syllables.restyle(old, "new") == new
    assert before.count("\n") == after.count("\n")
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    assert not [w for w in run_lint(slipped).warnings if w.code == "lint.mixed_tone_marks"]


def test_fix_keeps_comments_even_with_old_style_words(tmp_path):
    path = make_plan(tmp_path, closing="Văn hoá và thủy lợi./.")
    path.write_text("# ghi chú: hoá đơn, uỷ nhiệm\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    run_lint(path, fix=True, style="new")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ghi chú: hoá đơn, uỷ nhiệm\n")
    assert "Văn hóa và thủy lợi./." in text


@pytest.mark.parametrize(
    ("closing", "code"),
    [
        ("Kết thúc  kế hoạch./.", "lint.double_space"),
        ("Kết thúc kế hoạch , hết./.", "lint.space_before_punctuation"),
        ("Kết thúc kế hoạch.", "lint.no_final_mark"),
        ("Ho\u0300a ./.", "lint.not_nfc"),
    ],
)
def test_presentation_rules(tmp_path, closing, code):
    path = make_plan(tmp_path, closing=closing)
    assert code in [w.code for w in run_lint(path).warnings]


def test_unit_not_reached_by_recipients(tmp_path):
    units = [
        {"id": "a", "name": "Phòng Tư pháp phường", "tasks": ["Việc."]},
        {"id": "b", "name": "Công an phường", "tasks": ["Việc."]},
    ]
    path = make_plan(tmp_path, units=units, recipients=["Công an phường"])
    warnings = [w for w in run_lint(path).warnings if w.code == "lint.unit_not_a_recipient"]
    assert [w.args["name"] for w in warnings] == ["Phòng Tư pháp phường"]
    assert lint.covers("Các cơ quan, đơn vị, trường học", "Phòng Tư pháp phường")
    assert lint.covers("Ủy ban MTTQ phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường")
    assert not lint.covers("Các tổ dân phố", "Công an phường")


@pytest.mark.parametrize(
    ("recipient", "unit", "reached"),
    [
        ("Bộ Tư pháp", "Sở Tư pháp", False),  # shared words, another body
        ("Trung tâm Văn hóa - Thể thao", "Phòng Văn hóa - Xã hội", False),
        ("Chủ tịch, PCT.UBND tỉnh (Đ/c Phúc)", "Văn phòng UBND tỉnh", False),
        ("Thường trực HĐND tỉnh", "Văn phòng HĐND tỉnh", False),
        ("Sở Tư pháp, Sở Nội vụ", "Sở Nội vụ", True),
        ("Sở Y tế (để thực hiện)", "Sở Y tế", True),
        ("Các cơ quan chuyên môn thuộc UBND tỉnh", "Sở Tài chính", True),
        ("Các cơ quan chuyên môn thuộc UBND tỉnh", "Thanh tra tỉnh", True),
        ("UBND các xã, phường, đặc khu", "UBND các xã, phường, đặc khu", True),
    ],
)
def test_a_recipient_reaches_a_unit_by_its_name_not_by_shared_words(recipient, unit, reached):
    assert lint.covers(recipient, unit) is reached


def test_a_unit_with_tasks_only_in_the_body_must_be_reached_too(tmp_path):
    units = [{"id": "so-y-te", "name": "Sở Y tế"}]
    sections = [{"title": "Nội dung", "items": [{"text": "Kiểm tra.", "lead": ["so-y-te"]}]}]
    path = make_plan(tmp_path, units=units, sections=sections, recipients=["Bộ Y tế"])
    warnings = [w for w in run_lint(path).warnings if w.code == "lint.unit_not_a_recipient"]
    assert [w.args["name"] for w in warnings] == ["Sở Y tế"]
