"""Letters name a unit as a sentence does and close with the plan's own reporting rule."""

from __future__ import annotations

import copy
import datetime as dt

from icalendar import Calendar

from helpers import MINIMAL, make_plan, open_docx, texts
from kehoach import diff as D
from kehoach.commands.lint import run_lint
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render.ics import calendar_for, ics_bytes
from kehoach.views.notice import notice_view

UNITS = [
    {"id": "chu-dau-tu", "name": "Các chủ đầu tư dự án khu công nghiệp", "tasks": ["Lập hồ sơ."]},
    {"id": "so-du-lich", "name": "Sở Du lịch", "tasks": ["Quảng bá."], "report": {"when": "trước ngày 25/12/2026"}},
    {"id": "mttq", "name": "Ủy ban MTTQ Việt Nam phường", "relation": "đề nghị", "tasks": ["Vận động."]},
]
SECTIONS = [{"title": "Tổ chức thực hiện", "show": "units"}]
REPORT = {"to": "Sở Công Thương", "when": "trước ngày 20 hằng tháng", "purpose": "để tổng hợp"}


def letters(tmp_path, **overrides):
    run_render(make_plan(tmp_path, units=UNITS, sections=SECTIONS, **overrides), tmp_path / "out")
    return {u["id"]: texts(open_docx(tmp_path / "out" / "giao-viec" / f"{u['id']}.docx")) for u in UNITS}


def test_a_collective_name_is_lowered_inside_a_sentence_only(tmp_path):
    letter = letters(tmp_path)["chu-dau-tu"]
    assert "Kính gửi: Các chủ đầu tư dự án khu công nghiệp." in letter
    assert any("giao các chủ đầu tư dự án khu công nghiệp thực hiện các nhiệm vụ sau:" in t for t in letter)
    assert any(t.startswith("Yêu cầu các chủ đầu tư dự án khu công nghiệp triển khai") for t in letter)


def test_the_plan_s_reporting_rule_closes_every_letter_a_unit_s_own_rule_its_letter(tmp_path):
    found = letters(tmp_path, report=REPORT)
    assert next(t for t in found["chu-dau-tu"] if t.endswith("./.")) == (
        "Yêu cầu các chủ đầu tư dự án khu công nghiệp triển khai thực hiện nghiêm túc các nhiệm vụ trên, "
        "báo cáo kết quả thực hiện về Sở Công Thương trước ngày 20 hằng tháng để tổng hợp./."
    )
    closing = next(t for t in found["so-du-lich"] if t.endswith("./."))
    assert closing.endswith("báo cáo kết quả thực hiện về Ủy ban nhân dân phường An Dương trước ngày 25/12/2026./.")
    asked = next(t for t in found["mttq"] if t.endswith("./."))
    assert asked == (
        "Ủy ban nhân dân phường An Dương đề nghị Ủy ban MTTQ Việt Nam phường quan tâm phối hợp thực hiện và "
        "báo cáo kết quả thực hiện về Sở Công Thương trước ngày 20 hằng tháng để tổng hợp./."
    )
    assert not any("định kỳ hoặc khi có yêu cầu" in t for letter in found.values() for t in letter)


def test_without_a_rule_the_usual_sentence_stays(tmp_path):
    closing = next(t for t in letters(tmp_path)["chu-dau-tu"] if t.endswith("./."))
    assert closing.endswith("báo cáo kết quả về Ủy ban nhân dân phường An Dương định kỳ hoặc khi có yêu cầu./.")


def test_lint_flags_a_capital_after_giao(tmp_path):
    plan = make_plan(tmp_path, closing="Ủy ban nhân dân phường giao Các cơ quan thực hiện./.")
    (found,) = [p for p in run_lint(plan).warnings if p.code == "lint.capital_after_verb"]
    assert found.args == {"word": "Các", "lower": "các"}


def test_a_recurring_report_is_one_repeating_event_with_a_reminder(tmp_path):
    plan = load_plan(make_plan(tmp_path, units=UNITS, sections=SECTIONS, report=REPORT)).plan
    cal = Calendar.from_ical(ics_bytes(calendar_for(plan, "chu-dau-tu")[0]))
    (report,) = [e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("chu-dau-tu.bao-cao.")]
    assert report.decoded("dtstart") == dt.date(2025, 1, 20)  # the first 20th after the issue date
    rule = report["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYMONTHDAY"] == [20]
    assert rule["UNTIL"] == [dt.date(2025, 12, 31)]
    assert str(report["summary"]).startswith("Báo cáo kết quả thực hiện về Sở Công Thương")
    assert [a["trigger"].dt for a in report.walk("VALARM")] == [dt.timedelta(days=-3)]
    # Sở Du lịch reports once (25/12/2026): no repeating event
    cal = Calendar.from_ical(ics_bytes(calendar_for(plan, "so-du-lich")[0]))
    assert not [e for e in cal.walk("VEVENT") if "rrule" in e]


def test_the_checklist_ends_with_the_report_to_tick(tmp_path):
    run_render(make_plan(tmp_path, units=UNITS, sections=SECTIONS, report=REPORT), tmp_path / "out")
    table = open_docx(tmp_path / "out" / "checklist" / "chu-dau-tu.docx").tables[0]
    last = [c.text for c in table.rows[-1].cells]
    assert last[:3] == ["2", "Báo cáo kết quả thực hiện về Sở Công Thương", "trước ngày 20 hằng tháng"]


def test_a_task_s_own_report_is_said_under_it(tmp_path):
    units = [
        {
            "id": "a",
            "name": "Phòng Kinh tế",
            "tasks": [{"text": "Rà soát.", "report": {"when": "trước ngày 15/12/2026"}}],
        }
    ]
    run_render(make_plan(tmp_path, units=units, sections=SECTIONS), tmp_path / "out")
    lines = texts(open_docx(tmp_path / "out" / "giao-viec" / "a.docx"))
    assert "(Báo cáo kết quả thực hiện về Ủy ban nhân dân phường An Dương trước ngày 15/12/2026)" in lines


def test_a_changed_reporting_rule_reaches_every_unit_it_applies_to_as_a_notice():
    def plan(report):
        data = copy.deepcopy(MINIMAL)
        data.update(units=UNITS, sections=SECTIONS, report=report)
        return Plan.model_validate(data)

    diff = D.diff_plans(plan(REPORT), plan({**REPORT, "when": "trước ngày 25 hằng tháng"}))
    # Sở Du lịch has its own rule: its letter does not change
    assert D.affected_units(diff) == ["chu-dau-tu", "mttq"]
    notice = [p.text for p in notice_view(diff, "chu-dau-tu").body]
    assert (
        "- Báo cáo: điều chỉnh từ “báo cáo kết quả thực hiện về Sở Công Thương trước ngày 20 hằng tháng để tổng hợp”"
        " thành “báo cáo kết quả thực hiện về Sở Công Thương trước ngày 25 hằng tháng để tổng hợp”." in notice
    )


def report_events(tmp_path, unit_id, **overrides):
    plan = load_plan(make_plan(tmp_path, units=UNITS, sections=SECTIONS, **overrides)).plan
    cal = Calendar.from_ical(ics_bytes(calendar_for(plan, unit_id)[0]))
    return [e for e in cal.walk("VEVENT") if ".bao-cao" in str(e["uid"])]


def test_a_rule_of_two_dates_is_two_events(tmp_path):
    report = {"to": "Sở Công Thương", "when": "trước ngày 25/12/2026 và 25/12/2027"}
    events = report_events(tmp_path, "chu-dau-tu", report=report)
    assert [e.decoded("dtstart") for e in events] == [dt.date(2026, 12, 25), dt.date(2027, 12, 25)]
    assert not any("rrule" in e for e in events)
    assert len({str(e["uid"]) for e in events}) == 2


def test_two_yearly_days_said_once_are_two_repeating_events(tmp_path):
    report = {"to": "Sở Công Thương", "when": "trước ngày 15/6 và 15/12 hằng năm"}
    events = report_events(tmp_path, "chu-dau-tu", report=report)
    assert [(e["rrule"]["FREQ"], e["rrule"]["BYMONTH"], e["rrule"]["BYMONTHDAY"]) for e in events] == [
        (["YEARLY"], [6], [15]),
        (["YEARLY"], [12], [15]),
    ]


def test_six_monthly_and_yearly_reports_need_their_days_else_lint_says_so(tmp_path):
    report = {"to": "Sở Công Thương", "when": "định kỳ 6 tháng và hằng năm"}
    assert report_events(tmp_path, "chu-dau-tu", report=report) == []
    (found,) = [
        p
        for p in run_lint(make_plan(tmp_path, units=UNITS, sections=SECTIONS, report=report)).warnings
        if p.code == "lint.report_no_date"
    ]
    assert found.args == {"text": "định kỳ 6 tháng và hằng năm"} and found.line > 1
    dated = {**report, "dates": ["ngày 15/6 hằng năm", "ngày 15/12 hằng năm"]}
    events = report_events(tmp_path, "chu-dau-tu", report=dated)
    assert [e["rrule"]["BYMONTH"] for e in events] == [[6], [12]]
    assert not [p for p in run_lint(tmp_path / "plan.yaml").warnings if p.code == "lint.report_no_date"]


def test_a_report_through_an_office_is_said_so(tmp_path):
    report = {**REPORT, "through": "Phòng Kinh tế"}
    closing = next(t for t in letters(tmp_path, report=report)["chu-dau-tu"] if t.endswith("./."))
    assert closing.endswith(
        "báo cáo kết quả thực hiện về Sở Công Thương (qua Phòng Kinh tế) trước ngày 20 hằng tháng để tổng hợp./."
    )
    table = open_docx(tmp_path / "out" / "checklist" / "chu-dau-tu.docx").tables[0]
    assert table.rows[-1].cells[1].text == "Báo cáo kết quả thực hiện về Sở Công Thương (qua Phòng Kinh tế)"


def test_a_body_task_s_report_is_in_its_letter_checklist_and_calendar(tmp_path):
    sections = [
        {
            "title": "Nội dung",
            "items": [
                {
                    "text": "Kiểm tra an toàn thực phẩm.",
                    "lead": ["chu-dau-tu"],
                    "report": {"to": "Sở Y tế", "when": "trước ngày 20 hằng tháng"},
                }
            ],
        },
        *SECTIONS,
    ]
    run_render(make_plan(tmp_path, units=UNITS, sections=sections), tmp_path / "out")
    lines = texts(open_docx(tmp_path / "out" / "giao-viec" / "chu-dau-tu.docx"))
    assert "(tại khoản 1 mục I; Báo cáo kết quả thực hiện về Sở Y tế trước ngày 20 hằng tháng)" in lines
    table = open_docx(tmp_path / "out" / "checklist" / "chu-dau-tu.docx").tables[0]
    assert [c.text for c in table.rows[2].cells][:3] == [
        "1.1",
        "Báo cáo kết quả thực hiện về Sở Y tế",
        "trước ngày 20 hằng tháng",
    ]
    plan = load_plan(tmp_path / "plan.yaml").plan
    cal = Calendar.from_ical(ics_bytes(calendar_for(plan, "chu-dau-tu")[0]))
    (event,) = [e for e in cal.walk("VEVENT") if "bao-cao" in str(e["uid"])]
    assert str(event["uid"]).startswith("chu-dau-tu.bao-cao.sections-0-items-0.")
    assert event["rrule"]["BYMONTHDAY"] == [20]


def plan_of(units, sections=SECTIONS):
    data = copy.deepcopy(MINIMAL)
    data.update(units=units, sections=sections)
    return Plan.model_validate(data)


def test_a_task_s_changed_report_gives_its_unit_a_notice_and_shows_in_the_diff():
    old_units = copy.deepcopy(UNITS)
    old_units[0]["tasks"] = [{"text": "Lập hồ sơ.", "report": {"when": "trước ngày 15/12/2026"}}]
    new_units = copy.deepcopy(old_units)
    new_units[0]["tasks"][0]["report"]["when"] = "trước ngày 20 hằng tháng"
    diff = D.diff_plans(plan_of(old_units), plan_of(new_units))
    assert D.affected_units(diff) == ["chu-dau-tu"]
    notice = [p.text for p in notice_view(diff, "chu-dau-tu").body]
    assert any(
        t.startswith("- Báo cáo của nhiệm vụ 1:") and "trước ngày 15/12/2026" in t and "trước ngày 20 hằng tháng" in t
        for t in notice
    ), notice


def test_a_body_task_s_changed_report_reaches_its_unit():
    def sections(when):
        item = {"text": "Kiểm tra.", "lead": ["so-du-lich"], "report": {"to": "Sở Y tế", "when": when}}
        return [{"title": "Nội dung", "items": [item]}, *SECTIONS]

    diff = D.diff_plans(plan_of(UNITS, sections("trước ngày 20 hằng tháng")), plan_of(UNITS, sections("hằng quý")))
    assert D.affected_units(diff) == ["so-du-lich"]
    notice = [p.text for p in notice_view(diff, "so-du-lich").body]
    assert any("báo cáo kết quả thực hiện về Sở Y tế hằng quý" in t for t in notice), notice
