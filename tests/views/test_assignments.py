"""Tasks given anywhere in the body reach the letters of the units they name, with their part."""

from __future__ import annotations

import copy

import pytest

from helpers import MINIMAL, make_plan, open_docx, texts
from kehoach import diff as D
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text.errors import ProblemsError
from kehoach.views.notice import notice_view

UNITS = [
    {"id": "so-cong-thuong", "name": "Sở Công Thương", "tasks": ["Tổng hợp báo cáo."]},
    {"id": "so-du-lich", "name": "Sở Du lịch", "tasks": []},
    {"id": "ubnd-cap-xa", "name": "UBND cấp xã", "tasks": []},
]
SECTIONS = [
    {
        "title": "Nội dung",
        "items": [
            {
                "title": "Phát triển sản phẩm",
                "items": [
                    {
                        "text": "Xây dựng bộ sản phẩm du lịch đặc trưng.",
                        "lead": "so-du-lich",
                        "with": ["so-cong-thuong"],
                        "deadline": "quý IV năm 2026",
                    }
                ],
            },
            {"text": "Xúc tiến thương mại.", "lead": ["ubnd-cap-xa"], "member": "UBND phường Yên Bái"},
        ],
    },
    {"title": "Tổ chức thực hiện", "show": "units"},
]


def letter(tmp_path, unit_id):
    return texts(open_docx(tmp_path / "out" / "giao-viec" / f"{unit_id}.docx"))


@pytest.fixture
def rendered(tmp_path):
    run_render(make_plan(tmp_path, units=UNITS, sections=SECTIONS), tmp_path / "out")
    return tmp_path


def test_the_lead_s_letter_says_it_leads_with_whom_where_and_when(rendered):
    lines = letter(rendered, "so-du-lich")
    assert "1. Chủ trì, phối hợp với Sở Công Thương thực hiện: Xây dựng bộ sản phẩm du lịch đặc trưng." in lines
    assert "(tại điểm a khoản 1 mục I; Thời gian: quý IV năm 2026)" in lines


def test_a_partner_s_letter_says_who_leads_and_keeps_plan_order(rendered):
    lines = letter(rendered, "so-cong-thuong")
    body = [t for t in lines if t[:2] in ("1.", "2.")]
    assert body == [
        "1. Phối hợp với Sở Du lịch thực hiện: Xây dựng bộ sản phẩm du lịch đặc trưng.",
        "2. Tổng hợp báo cáo.",  # its own task under "Tổ chức thực hiện" comes after the body's
    ]


def test_a_collective_s_member_is_named_in_its_letter(rendered):
    lines = letter(rendered, "ubnd-cap-xa")
    assert "1. UBND phường Yên Bái chủ trì thực hiện: Xúc tiến thương mại." in lines
    assert "(tại khoản 2 mục I)" in lines


def test_the_checklist_lists_the_body_s_tasks(rendered):
    table = open_docx(rendered / "out" / "checklist" / "so-du-lich.docx").tables[0]
    assert [c.text for c in table.rows[1].cells][:3] == [
        "1",
        "Xây dựng bộ sản phẩm du lịch đặc trưng.",
        "quý IV năm 2026",
    ]


def test_an_unknown_lead_is_an_error_at_its_line(tmp_path):
    sections = [{"title": "Nội dung", "items": [{"text": "Việc.", "lead": "so-khong-co"}]}]
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, units=UNITS, sections=sections))
    (problem,) = caught.value.problems
    assert (problem.code, problem.key_path) == ("unknown_unit", "sections[0].items[0].lead[0]")


def test_a_team_s_members_are_numbered_as_items_and_get_no_letters(tmp_path):
    team = {
        "name": "Đoàn kiểm tra",
        "members": [
            {
                "honorific": "Ông",
                "name": "Hoàng Văn A",
                "position": "Phó Giám đốc Sở Nội vụ",
                "role": "Trưởng đoàn",
                "duties": "phụ trách chung",
            },
            {"honorific": "Bà", "name": "Lê Thị B", "role": "thành viên"},
        ],
    }
    sections = [
        {"title": "Thành phần", "items": [{"title": "Đoàn kiểm tra", "body": [{"team": team}]}, "Khoản sau."]},
    ]
    units = [
        {"id": "so-noi-vu", "name": "Sở Nội vụ", "tasks": ["Việc."]},
        {"id": "bao", "name": "Báo tỉnh", "letters": False},
    ]
    run_render(make_plan(tmp_path, sections=sections, units=units), tmp_path / "out")
    body = texts(open_docx(tmp_path / "out" / "ke-hoach-07-KH-UBND.docx"))
    assert "a) Ông Hoàng Văn A, Phó Giám đốc Sở Nội vụ – Trưởng đoàn: phụ trách chung" in body
    assert "b) Bà Lê Thị B – thành viên" in body
    assert "2. Khoản sau." in body
    assert sorted(p.name for p in (tmp_path / "out" / "giao-viec").iterdir()) == ["so-noi-vu.docx"]


def plan_of(sections):
    data = copy.deepcopy(MINIMAL)
    data.update(units=UNITS, sections=sections)
    return Plan.model_validate(data)


def test_a_moved_deadline_of_a_body_task_reaches_its_units_as_a_notice():
    old = plan_of(SECTIONS)
    sections = copy.deepcopy(SECTIONS)
    sections[0]["items"][0]["items"][0]["deadline"] = "quý I năm 2027"
    diff = D.diff_plans(old, plan_of(sections))
    assert D.affected_units(diff) == ["so-cong-thuong", "so-du-lich"]
    notice = [p.text for p in notice_view(diff, "so-cong-thuong").body]
    assert "- Nay là: Xây dựng bộ sản phẩm du lịch đặc trưng. (phối hợp; cùng Sở Du lịch; quý I năm 2027)" in notice
    assert not D.changes_for_unit(diff, "ubnd-cap-xa").body_tasks


UNIT_SECTIONS = [
    {
        "title": "Nội dung",
        "items": [
            {
                "title": "Kết nối dữ liệu",
                "bullets": ["Chuẩn hóa dữ liệu.", "Đơn vị thực hiện: Sở Du lịch."],
                "lead": "so-du-lich",
            }
        ],
    },
    {
        "title": "Tổ chức thực hiện",
        "items": [
            {
                "title": "Sở Công Thương",
                "unit": "so-cong-thuong",
                "paragraphs": ["Chủ trì tổng hợp."],
                "items": ["Hướng dẫn các xã.", {"text": "Kiểm tra chợ.", "lead": "ubnd-cap-xa"}],
                "bullets": ["Báo cáo UBND tỉnh."],
            }
        ],
    },
]


def test_a_unit_s_khoan_gives_it_each_of_its_lines_as_written(tmp_path):
    units = [{**u, "tasks": []} for u in UNITS]
    run_render(make_plan(tmp_path, units=units, sections=UNIT_SECTIONS), tmp_path / "out")
    lines = letter(tmp_path, "so-cong-thuong")
    assert [t for t in lines if t[:2] in ("1.", "2.", "3.", "4.")] == [
        "1. Chủ trì tổng hợp.",
        "2. Hướng dẫn các xã.",
        "3. Báo cáo UBND tỉnh.",
    ]
    assert lines.count("(tại khoản 1 mục II)") == 3
    # the sub-item with its own lead is that lead's task
    assert "1. Chủ trì thực hiện: Kiểm tra chợ." in letter(tmp_path, "ubnd-cap-xa")


def test_a_khoan_given_as_a_task_is_quoted_whole_in_the_letter_and_is_one_checklist_row(tmp_path):
    units = [{**u, "tasks": []} for u in UNITS]
    run_render(make_plan(tmp_path, units=units, sections=UNIT_SECTIONS), tmp_path / "out")
    lines = letter(tmp_path, "so-du-lich")
    start = lines.index("1. Chủ trì thực hiện: Kết nối dữ liệu")
    assert lines[start + 1 : start + 4] == [
        "- Chuẩn hóa dữ liệu.",
        "- Đơn vị thực hiện: Sở Du lịch.",
        "(tại khoản 1 mục I)",
    ]
    table = open_docx(tmp_path / "out" / "checklist" / "so-du-lich.docx").tables[0]
    assert [row.cells[0].text for row in table.rows[1:]] == ["1"]


def test_a_khoan_of_an_unknown_unit_is_an_error_at_its_line(tmp_path):
    sections = [{"title": "Tổ chức thực hiện", "items": [{"title": "Sở X", "unit": "so-x", "bullets": ["Việc."]}]}]
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, units=UNITS, sections=sections))
    (problem,) = caught.value.problems
    assert problem.code == "unknown_unit" and problem.key_path.endswith("items[0].unit")
