"""A change a unit's letter shows is a change of the plan: ``kehoach diff`` reports it, and to that unit.

The letter is what the unit receives. Its closing sentence states the unit's reporting rule (its
own, else the plan's), it names the unit in its sentences, a unit with ``letters: false`` gets
none, and the tasks of the body and of task tables reach it with their lead, partners, deadline
and reporting rule. Each of these, changed alone, must make the diff say "changed" (exit 1).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from helpers import MINIMAL
from kehoach import diff as D
from kehoach.cli.app import app
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_text

runner = CliRunner()

RULE = {"to": "Văn phòng UBND phường", "when": "trước ngày 20 hằng tháng"}
CHIEF = "Phòng Văn hóa - Xã hội phường"


def base() -> dict[str, Any]:
    """MINIMAL with two units, a khoản the body gives one of them, and a task table."""
    data = copy.deepcopy(MINIMAL)
    data["sections"] = [
        {
            "title": "Nhiệm vụ",
            "items": [{"text": "Tuyên truyền trên loa truyền thanh.", "lead": "vhxh", "with": "cong-an"}],
        },
        {"title": "Tổ chức thực hiện", "show": "units"},
    ]
    data["units"] = [
        {"id": "vhxh", "name": CHIEF, "tasks": ["Treo băng rôn."], "report": dict(RULE)},
        {"id": "cong-an", "name": "Công an phường", "tasks": ["Bảo đảm an ninh."]},
    ]
    data["appendices"] = [
        {
            "title": "Phân công",
            "table": {
                "columns": [
                    {"label": "TT", "counter": True},
                    {"label": "Nhiệm vụ", "role": "task"},
                    {"label": "Chủ trì", "role": "lead"},
                ],
                "rows": [["Làm pano.", "Công an phường"]],
            },
        }
    ]
    return data


def plan_of(data: dict[str, Any]) -> Plan:
    return load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), Path("plan.yaml")).plan


def diff_of(old: dict[str, Any], new: dict[str, Any]) -> D.PlanDiff:
    return D.diff_plans(plan_of(old), plan_of(new))


def test_the_base_plan_against_itself_is_no_change() -> None:
    assert diff_of(base(), base()).is_empty


def test_a_unit_whose_reporting_rule_is_lost_is_a_change_told_to_that_unit(tmp_path: Path) -> None:
    old, new = base(), base()
    del new["units"][0]["report"]
    diff = diff_of(old, new)
    assert not diff.is_empty
    ((change, field),) = [(u, f) for u in diff.units for f in u.fields]
    assert (change.id, field.field, field.new_text) == ("vhxh", "report", "")
    assert field.old_text == "báo cáo kết quả thực hiện về Văn phòng UBND phường trước ngày 20 hằng tháng"
    assert f"- {CHIEF}: Báo cáo báo cáo kết quả thực hiện về Văn phòng UBND phường" in D.to_markdown(diff)
    assert D.affected_units(diff) == ["vhxh"]
    assert D.changes_for_unit(diff, "vhxh").report is not None
    # the command says so too: exit 1, the unit named among those whose letters change
    files = []
    for name, data in (("old.yaml", old), ("new.yaml", new)):
        files.append(tmp_path / name)
        files[-1].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(files[0]), str(files[1])])
    assert result.exit_code == 1, result.output
    assert CHIEF in result.output


def test_the_plans_reporting_rule_is_a_header_change_every_unit_hears_of() -> None:
    old, new = base(), base()
    del old["units"][0]["report"], new["units"][0]["report"]
    new["report"] = {"when": "trước ngày 25/12/2025"}
    diff = diff_of(old, new)
    assert [(f.field, f.new_text) for f in diff.header] == [
        ("report", "báo cáo kết quả thực hiện về Ủy ban nhân dân phường An Dương trước ngày 25/12/2025")
    ]
    assert D.affected_units(diff) == ["vhxh", "cong-an"]


def test_the_name_a_letter_uses_in_its_sentences() -> None:
    old, new = base(), base()
    new["units"][1]["in_sentence"] = "lực lượng Công an phường"
    diff = diff_of(old, new)
    assert [(f.field, f.old_text, f.new_text) for u in diff.units for f in u.fields] == [
        ("in_sentence", "Công an phường", "lực lượng Công an phường")
    ]
    assert "cong-an" in D.affected_units(diff)
    # a collective's name lowered by itself is the same name in a sentence: no change
    same = base()
    same["units"][1]["name"] = "Các tổ dân phố"
    written = copy.deepcopy(same)
    written["units"][1]["in_sentence"] = "các tổ dân phố"
    assert diff_of(same, written).is_empty


def test_a_unit_no_longer_sent_letters() -> None:
    old, new = base(), base()
    new["units"][1]["letters"] = False
    diff = diff_of(old, new)
    ((field,),) = [u.fields for u in diff.units]
    assert (field.field, field.old, field.new, field.new_text) == ("letters", True, False, "không gửi công văn")
    markdown = D.to_markdown(diff, lang="en")
    assert "- Công an phường: letters sent letters → no letters" in markdown.splitlines()
    assert D.to_json(diff)["units"][0]["fields"][0]["new"] is False


def test_a_khoan_given_a_reporting_rule_changes_its_leads_letter() -> None:
    old, new = base(), base()
    new["sections"][0]["items"][0]["report"] = {"when": "trước ngày 30/6/2025"}
    diff = diff_of(old, new)
    (section,) = diff.sections
    assert not section.layout
    assert [c.kind for c in section.content] == ["reworded"]
    assert "báo cáo: kết quả thực hiện trước ngày 30/6/2025" in (section.content[0].new or "")
    assert D.affected_units(diff) == ["vhxh", "cong-an"]


def test_a_task_tables_column_role_and_a_rows_own_lead() -> None:
    old = base()
    no_role = copy.deepcopy(old)
    del no_role["appendices"][0]["table"]["columns"][2]["role"]
    diff = diff_of(old, no_role)
    assert [(c.kind, c.old) for c in diff.appendices] == [("removed", "Phụ lục – Cột “Chủ trì”: chủ trì")]
    assert D.affected_units(diff) == ["cong-an"]  # the row's task leaves its letter

    own = copy.deepcopy(no_role)
    own["appendices"][0]["table"]["rows"] = [{"cells": ["Làm pano.", "Công an phường"], "lead": "vhxh"}]
    diff = diff_of(no_role, own)
    assert [(c.kind, c.new) for c in diff.appendices] == [("added", "Phụ lục – Dòng 1 [chủ trì: vhxh]")]
    assert D.affected_units(diff) == ["vhxh"]


def schedule() -> dict[str, Any]:
    """``base`` with a schedule: a column naming the bodies inspected, and what their notice adds."""
    data = base()
    data["sections"][0]["items"].append({"id": "chuan-bi", "text": "Chuẩn bị báo cáo."})
    data["appendices"].append(
        {
            "id": "lich",
            "title": "Lịch kiểm tra",
            "table": {
                "columns": [{"label": "Đơn vị", "role": "addressee"}, {"label": "Thời gian"}],
                "notice": {"subject": "thông báo lịch kiểm tra", "prepare": "chuan-bi", "appendix": "phan-cong"},
                "rows": [["Trường Tiểu học An Dương", "Tháng 3/2025"]],
            },
        }
    )
    data["appendices"][0]["id"] = "phan-cong"
    return data


def test_what_the_notice_to_a_body_of_a_schedule_says() -> None:
    old = schedule()
    assert diff_of(old, schedule()).is_empty
    new = schedule()
    del new["appendices"][1]["table"]["notice"]["prepare"]
    new["appendices"][1]["table"]["rows"][0][1] = "Tháng 4/2025"
    diff = diff_of(old, new)
    ((change,),) = [diff.notices]
    assert change.old == (
        "Trường Tiểu học An Dương: Thời gian: Tháng 3/2025; V/v thông báo lịch kiểm tra; "
        "chuẩn bị: Chuẩn bị báo cáo.; theo: Phụ lục I"
    )
    assert (
        change.new == "Trường Tiểu học An Dương: Thời gian: Tháng 4/2025; V/v thông báo lịch kiểm tra; theo: Phụ lục I"
    )
    assert "## Thông báo theo lịch" in D.to_markdown(diff)
    # the notice names parts by what they are now, not by id: ids renamed alike are no change
    renamed = schedule()
    renamed["appendices"][0]["id"] = "pc"
    renamed["appendices"][1]["table"]["notice"]["appendix"] = "pc"
    assert diff_of(old, renamed).notices == ()
    # nor is the role of the column that names the bodies lost unseen
    no_role = schedule()
    del no_role["appendices"][1]["table"]["columns"][0]["role"]
    assert [c.kind for c in diff_of(old, no_role).notices] == ["removed"]


def test_a_task_tables_first_column_is_its_task_whether_or_not_it_says_so() -> None:
    implicit = base()
    del implicit["appendices"][0]["table"]["columns"][1]["role"]
    assert diff_of(base(), implicit).is_empty


def test_the_units_order_is_a_change_only_where_a_muc_lists_them() -> None:
    old, new = base(), base()
    new["units"].reverse()
    assert diff_of(old, new).reordered == ("units",)
    for data in (old, new):
        data["sections"][1] = {"title": "Tổ chức thực hiện", "items": ["Các đơn vị triển khai."]}
    # no mục lists the units, and a letter shows no order: nothing a reader sees changed
    assert diff_of(old, new).is_empty


def test_a_muc_written_another_way_that_reads_the_same_is_no_change() -> None:
    """Short forms or body blocks, a title typed in the capitals the plan prints anyway, two
    "-" lists in a row, a điểm's title style its level has anyway: the plan reads the same."""
    old, new = base(), base()
    old["sections"][0] = {
        "title": "Nhiệm vụ",
        "items": [{"title": "Tuyên truyền", "items": [{"title": "Trên loa", "text": "Hằng ngày."}]}],
        "bullets": ["Một.", "Hai."],
    }
    new["sections"][0] = {
        "title": "NHIỆM VỤ",
        "body": [
            {
                "items": [
                    {
                        "title": "Tuyên truyền",
                        "body": [{"items": [{"title": "Trên loa", "text": "Hằng ngày.", "title_style": "italic"}]}],
                    }
                ]
            },
            {"list": ["Một."]},
            {"list": ["Hai."], "marker": "-"},
        ],
    }
    assert diff_of(old, new).is_empty
    # but a điểm set upright, a list marked "a." or a title kept as typed under as-written titles are seen
    for change in (
        lambda d: d["sections"][0]["body"][0]["items"][0]["body"][0]["items"][0].update(title_style="bold"),
        lambda d: d["sections"][0]["body"][2].update(marker="a."),
        lambda d: d.update(numbering={"titles": [{"case": "as-written"}]}),
    ):
        other = copy.deepcopy(new)
        change(other)
        assert not diff_of(new, other).is_empty


def test_the_plans_numbering_is_a_change_where_a_number_or_a_title_shows_it() -> None:
    old = base()
    old["sections"][0]["items"][0] = {"title": "Tuyên truyền", "items": ["Trên loa."]}
    shown = copy.deepcopy(old)
    shown["numbering"] = {"titles": [{"case": "upper"}, {"style": "bold-italic"}]}  # khoản titles now bold-italic
    assert [s.layout for s in diff_of(old, shown).sections] == [True]
    unseen = copy.deepcopy(old)
    unseen["numbering"] = {"titles": [{"case": "upper"}, {}, {"style": "plain"}]}  # no điểm has a title
    assert diff_of(old, unseen).is_empty
    renumbered = copy.deepcopy(old)
    renumbered["numbering"] = "1-1.1-a"
    assert not diff_of(old, renumbered).is_empty


def test_a_muc_is_named_by_the_number_the_plan_gives_it() -> None:
    old = base()
    old["numbering"] = "1-1.1-a"
    new = copy.deepcopy(old)
    new["sections"][0]["items"].append("Treo cờ.")
    assert [line.text for line in D.lines(diff_of(old, new))] == [
        "1. Nhiệm vụ: sửa nội dung (1 đoạn thêm)",
        "1. Nhiệm vụ: Thêm (đoạn 2): Treo cờ.",
    ]
