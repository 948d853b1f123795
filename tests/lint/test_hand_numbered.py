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


def test_a_recipient_naming_the_units_section_covers_every_unit(tmp_path):
    # names no collective of Nơi nhận ("các đơn vị", "các sở"…) reaches by itself
    units = [
        {"id": "a", "name": "Hội Nông dân", "tasks": ["Việc."]},
        {"id": "b", "name": "Hội Cựu chiến binh", "tasks": ["Việc."]},
    ]
    sections = [
        {"title": "Mục đích", "paragraphs": ["Một."]},
        {"title": "Tổ chức thực hiện", "id": "to-chuc", "show": "units"},
    ]

    def uncovered(recipients):
        plan = make_plan(tmp_path, units=units, sections=sections, recipients=recipients)
        return [p.args["name"] for p in run_lint(plan).warnings if p.code == "lint.unit_not_a_recipient"]

    assert uncovered(["Các đơn vị nêu tại {mục:to-chuc}"]) == []
    assert uncovered(["Các đơn vị nêu tại mục I"]) == ["Hội Nông dân", "Hội Cựu chiến binh"]
