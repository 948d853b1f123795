"""A task table is typed once: its rows reach the letters, checklists and calendars of the
units its lead and partner columns name, with the unit's part and the row's place."""

from __future__ import annotations

import copy

import pytest

from helpers import MINIMAL, make_plan, open_docx, texts
from kehoach import diff as D
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render.ics import calendar_for, ics_bytes
from kehoach.text.errors import ProblemsError
from kehoach.views.notice import notice_view

UNITS = [
    {"id": "so-noi-vu", "name": "Sở Nội vụ"},
    {"id": "so-tu-phap", "name": "Sở Tư pháp"},
    {"id": "cac-co-quan", "name": "Các cơ quan, đơn vị, địa phương"},
]
COLUMNS = [
    {"label": "STT", "counter": True},
    {"label": "Nhiệm vụ", "role": "task"},
    {"label": "Sản phẩm"},
    {"label": "Thời gian hoàn thành", "role": "deadline"},
    {"label": "Chủ trì", "role": "lead"},
    {"label": "Phối hợp", "role": "with"},
]
ROWS = [
    {"group": "Cải cách thể chế"},
    ["Rà soát văn bản.", "Danh mục", "Quý II/2026", "sở tư pháp", "Các cơ quan, đơn vị, địa phương; Bộ Tư pháp"],
    [{"text": "Kiểm tra cải cách hành chính.", "rows": 2}, "Kế hoạch", "tháng 01/2026", "Sở Nội vụ", ""],
    ["Kế hoạch tự kiểm tra", "tháng 6/2026", "Các cơ quan, đơn vị, địa phương", ""],
    {"group": "Công tác chỉ đạo"},
    {"cells": ["Báo cáo tháng.", "Báo cáo", "", "", ""], "lead": ["so-noi-vu"], "deadline": "30/11/2026"},
    ["Theo dõi chung.", "", "", "", ""],
]
APPENDIX = {"id": "phan-cong", "title": "Phân công nhiệm vụ", "table": {"columns": COLUMNS, "rows": ROWS}}


@pytest.fixture
def rendered(tmp_path):
    run_render(make_plan(tmp_path, units=UNITS, appendices=[APPENDIX]), tmp_path / "out")
    return tmp_path


def letter(root, unit_id):
    return texts(open_docx(root / "out" / "giao-viec" / f"{unit_id}.docx"))


def test_a_lead_named_in_its_column_gets_the_row_with_its_partners_in_a_sentence(rendered):
    lines = letter(rendered, "so-tu-phap")
    assert "1. Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương; Bộ Tư pháp thực hiện: Rà soát văn bản." in lines
    assert "(tại nhiệm vụ 1 nhóm I Phụ lục; Thời gian: Quý II/2026)" in lines


def test_a_row_going_on_with_the_one_above_is_a_task_of_its_own_lead(rendered):
    lines = letter(rendered, "cac-co-quan")
    numbered = [t for t in lines if t[:2] in ("1.", "2.", "3.")]
    assert numbered == [
        "1. Phối hợp với Sở Tư pháp thực hiện: Rà soát văn bản.",
        "2. Chủ trì thực hiện: Kiểm tra cải cách hành chính.",
    ]
    assert "(tại nhiệm vụ 2 nhóm I Phụ lục; Thời gian: tháng 6/2026)" in lines


def test_a_row_s_own_fields_stand_for_its_empty_columns(rendered):
    lines = letter(rendered, "so-noi-vu")
    assert "1. Chủ trì thực hiện: Kiểm tra cải cách hành chính." in lines
    assert "2. Chủ trì thực hiện: Báo cáo tháng." in lines
    assert "(tại nhiệm vụ 1 nhóm II Phụ lục; Thời gian: 30/11/2026)" in lines
    assert not any("Theo dõi chung" in t for t in lines)  # a row naming no one is no task


def test_the_checklist_and_the_calendar_have_the_table_s_tasks(rendered):
    table = open_docx(rendered / "out" / "checklist" / "so-noi-vu.docx").tables[0]
    rows = [[c.text for c in row.cells][:4] for row in table.rows[1:3]]
    assert rows == [
        ["1", "Kiểm tra cải cách hành chính.", "tháng 01/2026", ""],
        ["2", "Báo cáo tháng.", "30/11/2026", ""],
    ]
    plan = load_plan(rendered / "plan.yaml").plan
    ics = ics_bytes(calendar_for(plan, "so-noi-vu")[0]).decode()
    assert "DTSTART;VALUE=DATE:20261130" in ics and "Báo cáo tháng" in ics


def test_a_group_row_cannot_be_given_a_lead(tmp_path):
    rows = [{"group": "Nhóm", "lead": ["so-noi-vu"]}, ["Việc.", "", "", "", ""]]
    appendix = {**APPENDIX, "table": {"columns": COLUMNS, "rows": rows}}
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, units=UNITS, appendices=[appendix]))
    assert [p.code for p in caught.value.problems] == ["group_row_assigned"]


def plan_with(rows):
    data = copy.deepcopy(MINIMAL)
    data.update(units=UNITS, appendices=[{**APPENDIX, "table": {"columns": COLUMNS, "rows": rows}}])
    return Plan.model_validate(data)


def test_a_moved_deadline_in_the_table_gives_its_units_a_notice():
    rows = copy.deepcopy(ROWS)
    rows[1][2] = "Quý III/2026"
    diff = D.diff_plans(plan_with(ROWS), plan_with(rows))
    assert D.affected_units(diff) == ["so-tu-phap", "cac-co-quan"]
    notice = [p.text for p in notice_view(diff, "so-tu-phap").body]
    assert any(t.startswith("- Nay là: Rà soát văn bản.") and "Quý III/2026" in t for t in notice)
