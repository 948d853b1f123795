"""lint: a mục or Phụ lục named by hand that is no number of the plan (renumbering left it stale)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LAO_CAI, PLAN, make_plan
from kehoach.commands.lint import run_lint


def stale(path: Path) -> list:
    return [p for p in run_lint(path).warnings if p.code == "lint.hand_numbered"]


def test_a_stale_section_number_is_found_where_it_is(tmp_path):
    plan = make_plan(tmp_path, recipients=["Các đơn vị nêu tại mục V", "Các đơn vị nêu tại mục I"])
    (problem,) = stale(plan)
    assert problem.args == {"name": "mục V", "known": "I"}
    assert problem.source_line[problem.column - 1 :].startswith("mục V")


def test_an_appendix_number_the_plan_does_not_have(tmp_path):
    appendices = [{"title": "Một", "table": {"columns": [{"label": "A"}], "rows": [["x"]]}}, {"title": "Hai"}]
    plan = make_plan(tmp_path, appendices=appendices, closing="Xem Phụ lục 03 và Phụ lục II./.")
    assert [p.args["name"] for p in stale(plan)] == ["Phụ lục 03"]


def test_another_document_s_sections_and_references_are_left_alone(tmp_path):
    closing = "Theo mục V Kế hoạch số 01-KH/ĐU, {mục:muc-dich} và Phụ lục III của Nghị định 30./."
    sections = [{"title": "Mục đích", "id": "muc-dich", "paragraphs": ["Một."]}]
    assert stale(make_plan(tmp_path, closing=closing, sections=sections)) == []


@pytest.mark.parametrize("path", [PLAN, LAO_CAI], ids=["reference", "lao-cai"])
def test_the_repo_plans_have_none(path):
    assert stale(path) == []
