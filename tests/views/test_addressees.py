"""Bodies a schedule names (the inspected) get a notice of their own: when, who, what to prepare."""

from __future__ import annotations

import pytest

from helpers import make_plan, open_docx, texts
from kehoach.commands.lint import run_lint
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text.errors import ProblemsError

SECTIONS = [
    {
        "title": "Đoàn kiểm tra",
        "body": [
            {
                "team": {
                    "id": "doan",
                    "name": "đoàn kiểm tra liên ngành",
                    "members": [
                        {
                            "honorific": "Ông",
                            "name": "Hoàng Văn A",
                            "position": "Phó Giám đốc Sở Nội vụ",
                            "role": "Trưởng đoàn",
                        },
                        {"honorific": "Bà", "name": "Lê Thị B", "role": "thành viên"},
                    ],
                }
            }
        ],
    },
    {
        "title": "Tổ chức thực hiện",
        "items": [
            {
                "id": "chuan-bi",
                "title": "Các đơn vị được kiểm tra",
                "items": ["Xây dựng báo cáo theo đề cương.", "Bố trí nơi làm việc cho Đoàn."],
            }
        ],
    },
]
TABLE = {
    "columns": [
        {"label": "STT", "counter": True},
        {"label": "Đơn vị được kiểm tra", "role": "addressee"},
        {"label": "Thời gian kiểm tra"},
        {"label": "Địa điểm"},
    ],
    "notice": {"subject": "thông báo lịch kiểm tra", "prepare": "chuan-bi", "team": "doan", "appendix": "de-cuong"},
    "rows": [
        ["Sở Xây dựng", "Tháng 7/2026", "Trụ sở Sở"],
        ["Xã Đắk Song; *Xã Đắk Sắk*", "Tháng 3/2026", ""],
        ["Sở Xây dựng", "Tháng 9/2026", "Công trình A"],
    ],
}
APPENDICES = [
    {"id": "lich", "title": "Lịch kiểm tra", "table": TABLE},
    {"id": "de-cuong", "title": "Đề cương báo cáo", "body": [{"text": "Nội dung đề cương."}]},
]


@pytest.fixture
def out(tmp_path):
    run_render(make_plan(tmp_path, sections=SECTIONS, appendices=APPENDICES), tmp_path / "out")
    return tmp_path / "out"


def test_each_body_named_gets_one_notice(out):
    assert sorted(p.name for p in (out / "thong-bao").iterdir()) == [
        "so-xay-dung.docx",
        "xa-dak-sak.docx",
        "xa-dak-song.docx",
    ]


def test_the_notice_says_when_who_what_and_which_appendix(out):
    doc = open_docx(out / "thong-bao" / "so-xay-dung.docx")
    lines = texts(doc)
    start = lines.index("Kính gửi: Sở Xây dựng.")
    assert lines[start + 2 : lines.index("Nơi nhận:")] == [
        "1. Lịch làm việc:",
        "- Thời gian kiểm tra: Tháng 7/2026; Địa điểm: Trụ sở Sở;",
        "- Thời gian kiểm tra: Tháng 9/2026; Địa điểm: Công trình A.",
        "2. Đoàn kiểm tra liên ngành:",
        "- Ông Hoàng Văn A, Phó Giám đốc Sở Nội vụ – Trưởng đoàn;",
        "- Bà Lê Thị B – thành viên.",
        "3. Nội dung chuẩn bị:",
        "- Xây dựng báo cáo theo đề cương;",
        "- Bố trí nơi làm việc cho Đoàn.",
        "4. Báo cáo, tài liệu theo Phụ lục II (đề cương báo cáo) kèm theo Kế hoạch số 07/KH-UBND.",
        "Đề nghị Sở Xây dựng chuẩn bị các nội dung trên và bố trí thành phần làm việc theo thời gian đã thông báo./.",
    ]
    assert lines[start + 1].endswith("thông báo đến Sở Xây dựng như sau:")
    header = doc.tables[0].rows[1].cells[0].text
    assert "V/v thông báo lịch kiểm tra" in header


def test_a_name_in_emphasis_is_addressed_plainly(out):
    lines = texts(open_docx(out / "thong-bao" / "xa-dak-sak.docx"))
    assert "Kính gửi: Xã Đắk Sắk." in lines
    assert "1. Thời gian kiểm tra: Tháng 3/2026." in lines


def test_a_notice_naming_no_part_of_the_plan_is_an_error(tmp_path):
    table = {**TABLE, "notice": {"prepare": "khong-co"}}
    appendices = [{**APPENDICES[0], "table": table}, APPENDICES[1]]
    with pytest.raises(ProblemsError) as caught:
        load_plan(make_plan(tmp_path, sections=SECTIONS, appendices=appendices))
    (problem,) = caught.value.problems
    assert problem.code == "notice_unknown_part" and problem.args["known"] == "chuan-bi"


def test_lint_warns_of_a_schedule_day_before_the_issue_date(tmp_path):
    rows = [["Sở Xây dựng", "Tháng 7/2024", ""], {"cells": ["Sở Y tế", "15/9/2026", ""]}]
    table = {**TABLE, "rows": rows}
    plan = make_plan(tmp_path, sections=SECTIONS, appendices=[{**APPENDICES[0], "table": table}, APPENDICES[1]])
    found = [p for p in run_lint(plan).warnings if p.code == "lint.schedule_before_issue"]
    assert [(p.args["text"], p.line > 1) for p in found] == [("Tháng 7/2024", True)]
