"""Bad plans: each fixture under fixtures/bad names the problem it must produce and where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import FIXTURES, make_plan
from kehoach.plan.loader import MAX_BYTES
from kehoach.plan.validate import load_plan
from kehoach.text.errors import ProblemsError

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, int, str]:
    """The ``# expect: LINE:COL code`` first line; an empty file is the one fixture without it."""
    raw = path.read_bytes()
    if not raw:
        return 1, 1, "file.empty"
    first = raw.splitlines()[0].decode("ascii")
    m = re.match(r"# expect: (\d+):(\d+) (\S+)", first)
    assert m, f"{path.name} has no '# expect: LINE:COL code' line"
    return int(m[1]), int(m[2]), m[3]


def problems(path: Path):
    with pytest.raises(ProblemsError) as info:
        load_plan(path)
    return info.value.problems


def test_there_are_at_least_thirty_broken_plans():
    assert len(BAD) >= 30


def test_the_good_fixture_is_valid():
    assert load_plan(FIXTURES / "good-minimal.yaml").plan.units[0].id == "cong-an-phuong"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_plan_is_reported_at_its_place(path):
    line, column, code = expectation(path)
    found = [(p.line, p.column, p.code) for p in problems(path)]
    assert (line, column, code) in found
    for p in problems(path):
        assert p.path == str(path)
        assert p.message("vi") != p.code, f"no Vietnamese message for {p.code}"
        assert p.message("en") != p.code, f"no English message for {p.code}"


def test_unknown_key_suggests_the_right_one():
    problem = next(p for p in problems(FIXTURES / "bad" / "unknown-key.yaml") if p.code == "extra_forbidden")
    assert problem.key_path == "document.subjet"
    assert problem.hint("vi") == "Có phải ý bạn là 'subject'?"
    assert "subjet" in problem.source_line


def test_all_problems_are_reported_at_once(tmp_path):
    path = make_plan(
        tmp_path,
        document={
            "type": "KH",
            "number": "x",
            "place": "A",
            "date": "2025-02-30",
            "subject": "S",
            "extra": 1,
        },
    )
    codes = {p.code for p in problems(path)}
    assert {"bad_symbol", "extra_forbidden"} <= codes
    assert codes & {"date_parsing", "date_from_datetime_parsing", "impossible_date"}


def test_key_path_of_a_nested_problem():
    problem = next(p for p in problems(FIXTURES / "bad" / "unknown-phase.yaml"))
    assert problem.key_path == "units[0].tasks[0].phase"
    assert "dot-1" in problem.hint("vi") and "dot-2" in problem.hint("vi")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file.empty"),
        (b"# only a comment\n", "file.empty"),
        (b"- a\n- b\n", "file.not_mapping"),
        ("tiêu đề: x\n".encode("utf-16"), "file.not_utf8"),
        (b"a: 1\nb: \xff\n", "file.not_utf8"),
    ],
)
def test_files_that_cannot_be_plans(tmp_path, content, code):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    assert [p.code for p in problems(path)] == [code]


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    assert (problems(path)[0].line, problems(path)[0].column) == (2, 4)


def test_too_large(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1))
    assert problems(path)[0].code == "file.too_large"


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(path)[0].code == "yaml.too_many_values"


def test_missing_file(tmp_path):
    assert problems(tmp_path / "nope.yaml")[0].code == "file.missing"


def test_text_is_normalised_to_nfc(tmp_path):
    path = make_plan(tmp_path, closing="Ho\u0300a ./.")
    assert load_plan(path).plan.closing == "Hòa ./."


def test_unit_without_tasks_is_a_warning(tmp_path):
    path = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A"}])
    warnings = load_plan(path).warnings
    assert [w.code for w in warnings] == ["unit_without_tasks"]
    assert warnings[0].severity == "warning"


def test_section_showing_an_empty_list(tmp_path):
    path = make_plan(tmp_path, sections=[{"title": "Khẩu hiệu", "show": "slogans"}])
    assert [p.code for p in problems(path)] == ["section_list_missing"]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_cli_reports_it_and_leaves_out_untouched(tmp_path, path):
    from typer.testing import CliRunner

    from kehoach.cli.app import app
    from kehoach.text.messages import text

    line, column, code = expectation(path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "cu.docx").write_bytes(b"old")
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    problem = next(p for p in problems(path) if (p.line, p.column, p.code) == (line, column, code))
    assert f"{path}:{line}:{column}: lỗi: {problem.message('vi')}" in result.output
    assert text(code, "vi", **problem.args) == problem.message("vi")
    assert [p.name for p in out.iterdir()] == ["cu.docx"] and (out / "cu.docx").read_bytes() == b"old"
    assert "Traceback" not in result.output
