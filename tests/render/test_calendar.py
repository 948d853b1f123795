"""Calendars (.ics) of a plan: phases and dated tasks as all-day events, the same bytes every time."""

from __future__ import annotations

import copy
import datetime as dt
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

from helpers import LAO_CAI, MINIMAL, PLAN, make_plan
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.render.ics import calendar_for, ics_bytes
from kehoach.views.unit import unit_view

REPO_DATA: dict[str, Any] = yaml.safe_load(PLAN.read_text(encoding="utf-8"))

#: A small plan whose units have tasks in phases, with deadlines, and recurring ones.
PHASES = [
    {"id": "dot-1", "name": "Đợt 1", "start": "từ nay", "end": "2025-02-28", "description": "là thời gian chuẩn bị"},
    {"id": "dot-2", "name": "Đợt 2", "start": "2025-03-01", "end": "2025-04-30"},
]
UNITS = [
    {
        "id": "cong-an-phuong",
        "name": "Công an phường",
        "tasks": [
            {"text": "Bảo đảm an ninh trật tự trong suốt thời gian diễn ra các hoạt động chào mừng.", "phase": "dot-2"},
            {"id": "bao-ve", "text": "Bảo vệ Đại hội.", "deadline": "2025-04-15", "bullets": ["Lập phương án."]},
            {"text": "Báo cáo định kỳ.", "deadline": "Hằng năm"},
            "Phối hợp khi có yêu cầu.",
        ],
    },
    {
        "id": "van-hoa-xa-hoi",
        "name": "Phòng Văn hóa - Xã hội phường",
        "tasks": [{"text": "Treo băng rôn.", "phase": "dot-1"}],
    },
]


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """DTSTAMP comes from the plan unless SOURCE_DATE_EPOCH is set; a test sets it itself."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def repo_plan() -> Plan:
    return load_plan(PLAN).plan


@pytest.fixture(scope="module")
def lao_cai() -> Plan:
    return load_plan(LAO_CAI).plan


def write_plan(tmp_path: Path, data: dict[str, Any], name: str = "plan.yaml") -> Plan:
    """``data`` as a plan file, loaded and checked like any other."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_plan(path).plan


def small_plan(tmp_path: Path, **overrides: Any) -> Plan:
    return load_plan(make_plan(tmp_path, **{"phases": PHASES, "units": UNITS, **overrides})).plan


def parsed(plan: Plan, unit_id: str | None = None, lang: str = "vi") -> tuple[Calendar, list[str]]:
    """The calendar as a client reads it: built, written to bytes, parsed back."""
    cal, notes = calendar_for(plan, unit_id, lang=lang)
    return Calendar.from_ical(ics_bytes(cal)), notes


def events(cal: Calendar) -> list[Any]:
    return list(cal.walk("VEVENT"))


def by_summary(cal: Calendar, start: str) -> Any:
    found = [e for e in events(cal) if str(e["SUMMARY"]).startswith(start)]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in events(cal)]
    return found[0]


def dates(event: Any) -> tuple[dt.date, dt.date]:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is dt.date and type(end) is dt.date, "all-day events have DATE values"
    return start, end


def uids(cal: Calendar) -> list[str]:
    return [str(e["UID"]) for e in events(cal)]


# The repo's plan


def test_calendar_properties(repo_plan: Plan) -> None:
    cal, _ = parsed(repo_plan)
    assert str(cal["PRODID"]) == "-//kehoach//Kế hoạch//VI"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "Kế hoạch số 15/KH-UBND – Ủy ban nhân dân phường An Dương"


def test_dated_phases_are_all_day_events(repo_plan: Plan) -> None:
    cal, _ = parsed(repo_plan)
    first = by_summary(cal, "Đợt 1")
    assert str(first["SUMMARY"]) == "Đợt 1: Từ nay đến 31/8/2025"
    assert dates(first) == (dt.date(2025, 8, 1), dt.date(2025, 9, 1))
    second = by_summary(cal, "Đợt 2")
    assert str(second["SUMMARY"]) == "Đợt 2: Từ 01/9/2025 đến 31/10/2025"
    assert dates(second) == (dt.date(2025, 9, 1), dt.date(2025, 11, 1))
    assert str(first["TRANSP"]) == "TRANSPARENT"


def test_phase_description_has_subject_and_phase_text(repo_plan: Plan) -> None:
    description = str(by_summary(parsed(repo_plan)[0], "Đợt 1")["DESCRIPTION"])
    assert "là thời điểm chuẩn bị và tiến hành Đại hội đại biểu Đảng bộ phường An Dương lần thứ I" in description
    assert "Kế hoạch số 15/KH-UBND ngày 01/8/2025 của Ủy ban nhân dân phường An Dương" in description
    assert "về tổ chức các hoạt động tuyên truyền chào mừng" in description


def test_event_bounded_phases_are_left_out_with_notes(repo_plan: Plan) -> None:
    cal, notes = parsed(repo_plan)
    assert [str(e["SUMMARY"]).split(":")[0] for e in events(cal)] == ["Đợt 1", "Đợt 2"]
    assert notes == [
        "Bỏ qua Đợt 3: chưa có ngày dự kiến của «Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025-2030».",
        "Bỏ qua Đợt 4: chưa có ngày dự kiến của «Đại hội đại biểu toàn quốc lần thứ XIV».",
    ]


def test_expected_dates_put_event_bounded_phases_in(tmp_path: Path) -> None:
    data = copy.deepcopy(REPO_DATA)
    third, fourth = data["phases"][2], data["phases"][3]
    third["start"]["expected"] = dt.date(2025, 11, 5)
    third["end"]["expected"] = dt.date(2026, 1, 19)
    fourth["start"]["expected"] = dt.date(2026, 1, 25)
    cal, notes = parsed(write_plan(tmp_path, data))
    assert notes == []
    assert dates(by_summary(cal, "Đợt 3")) == (dt.date(2025, 11, 5), dt.date(2026, 1, 20))
    # "Từ sau Đại hội … và năm 2026": to the end of 2026
    assert dates(by_summary(cal, "Đợt 4")) == (dt.date(2026, 1, 25), dt.date(2027, 1, 1))
    assert str(by_summary(cal, "Đợt 3")["SUMMARY"]).startswith("Đợt 3: Từ sau Đại hội đại biểu Đảng bộ thành phố")


def test_only_one_end_expected_still_leaves_the_phase_out(tmp_path: Path) -> None:
    data = copy.deepcopy(REPO_DATA)
    data["phases"][2]["start"]["expected"] = dt.date(2025, 11, 5)
    _, notes = parsed(write_plan(tmp_path, data))
    assert notes[0] == "Bỏ qua Đợt 3: chưa có ngày dự kiến của «Đại hội đại biểu toàn quốc lần thứ XIV của Đảng»."


def test_repo_units_get_every_phase_and_no_task_events(repo_plan: Plan) -> None:
    """No task of the repo plan names a phase or a deadline: units get all dated phases, nothing else."""
    for unit in repo_plan.units:
        cal, notes = parsed(repo_plan, unit.id)
        assert [str(e["SUMMARY"])[:5] for e in events(cal)] == ["Đợt 1", "Đợt 2"]
        assert str(cal["X-WR-CALNAME"]) == f"Kế hoạch số 15/KH-UBND – {unit.name}"
        assert len(notes) == 2


# A unit's calendar


def test_unit_calendar_holds_its_phases_and_dated_tasks(tmp_path: Path) -> None:
    cal, notes = parsed(small_plan(tmp_path), "cong-an-phuong")
    summaries = [str(e["SUMMARY"]) for e in events(cal)]
    assert summaries == [
        "Đợt 2: Từ 01/3/2025 đến 30/4/2025",
        "Hạn: Bảo đảm an ninh trật tự trong suốt thời gian diễn ra…",
        "Hạn: Bảo vệ Đại hội.",
    ]
    assert dates(by_summary(cal, "Hạn: Bảo đảm"))[0] == dt.date(2025, 4, 30)  # the end of its phase
    assert dates(by_summary(cal, "Hạn: Bảo vệ")) == (dt.date(2025, 4, 15), dt.date(2025, 4, 16))
    assert notes == ["Bỏ qua nhiệm vụ 3 của Công an phường: thời hạn «Hằng năm» không có ngày cụ thể."]
    assert str(cal["X-WR-CALNAME"]) == "Kế hoạch số 07/KH-UBND – Công an phường"


def test_task_event_has_reminder_three_days_before(tmp_path: Path) -> None:
    cal, _ = parsed(small_plan(tmp_path), "cong-an-phuong")
    for event in events(cal)[1:]:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == dt.timedelta(days=-3)
        assert str(alarm["DESCRIPTION"]).startswith("Còn 3 ngày đến hạn: ")
    assert not events(cal)[0].walk("VALARM"), "phases have no reminder"


def test_task_description_names_task_unit_and_plan(tmp_path: Path) -> None:
    cal, _ = parsed(small_plan(tmp_path), "cong-an-phuong")
    description = str(by_summary(cal, "Hạn: Bảo vệ")["DESCRIPTION"])
    assert description.splitlines() == [
        "Bảo vệ Đại hội.",
        "- Lập phương án.",
        "Thời hạn: 15/4/2025",
        "Đơn vị: Công an phường",
        "Theo Kế hoạch số 07/KH-UBND ngày 05/01/2025 của Ủy ban nhân dân phường An Dương về thử nghiệm.",
    ]
    long_one = str(by_summary(cal, "Hạn: Bảo đảm")["DESCRIPTION"])
    assert long_one.startswith(UNITS[0]["tasks"][0]["text"]), "the full text, not the title's first words"


def test_unit_naming_no_phase_gets_all_phases(tmp_path: Path) -> None:
    units = [{"id": "to-dan-pho", "name": "Tổ dân phố", "tasks": ["Treo cờ."]}]
    cal, notes = parsed(small_plan(tmp_path, units=units), "to-dan-pho")
    assert [str(e["SUMMARY"])[:5] for e in events(cal)] == ["Đợt 1", "Đợt 2"]
    assert notes == []


def test_whole_plan_has_every_units_tasks_titled_with_the_unit(tmp_path: Path) -> None:
    cal, notes = parsed(small_plan(tmp_path))
    assert [str(e["SUMMARY"]) for e in events(cal)] == [
        "Đợt 1: Từ nay đến 28/02/2025",
        "Đợt 2: Từ 01/3/2025 đến 30/4/2025",
        "Công an phường – Hạn: Bảo đảm an ninh trật tự trong suốt thời gian diễn ra…",
        "Công an phường – Hạn: Bảo vệ Đại hội.",
        "Phòng Văn hóa - Xã hội phường – Hạn: Treo băng rôn.",
    ]
    # "từ nay" is the issue date
    assert dates(by_summary(cal, "Đợt 1")) == (dt.date(2025, 1, 5), dt.date(2025, 3, 1))
    assert len(notes) == 1
    assert str(cal["X-WR-CALNAME"]) == "Kế hoạch số 07/KH-UBND – Ủy ban nhân dân phường An Dương"


def test_draft_starts_now_at_the_start_of_its_year(tmp_path: Path) -> None:
    document = {"type": "KH", "place": "An Dương", "year": 2025, "subject": "Thử nghiệm"}
    cal, _ = parsed(small_plan(tmp_path, document=document))
    assert dates(by_summary(cal, "Đợt 1"))[0] == dt.date(2025, 1, 1)
    assert str(cal["X-WR-CALNAME"]) == "Dự thảo Kế hoạch năm 2025 – Ủy ban nhân dân phường An Dương"


def test_unknown_unit_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="khong-co"):
        calendar_for(small_plan(tmp_path), "khong-co")


# The Lào Cai draft: deadlines come from the appendix's key tasks


def test_lao_cai_key_tasks_reach_units_through_unit_view(lao_cai: Plan) -> None:
    """Units' own tasks there have no time; a key task a unit leads (by id) is its last task."""
    police = lao_cai.unit("cong-an-tinh")
    assert police is not None
    tasks = unit_view(lao_cai, police).tasks
    assert [t.due for t in tasks[: len(police.tasks)]] == [None] * len(police.tasks)
    assert tasks[-1].when == "Xong trong Quý II/2026"
    assert tasks[-1].due == dt.date(2026, 6, 30)


def test_lao_cai_quarter_deadline_is_an_event_on_its_last_day(lao_cai: Plan) -> None:
    cal, notes = parsed(lao_cai, "cong-an-tinh")
    assert notes == []
    (event,) = events(cal)  # no phases in this plan, one dated task
    assert dates(event) == (dt.date(2026, 6, 30), dt.date(2026, 7, 1))
    assert str(event["SUMMARY"]).startswith("Hạn: Xử lý nghiêm và xử lý dứt điểm")
    assert "Đơn vị: Công an tỉnh" in str(event["DESCRIPTION"])
    assert str(cal["X-WR-CALNAME"]) == "Dự thảo Kế hoạch năm 2026 – Công an tỉnh"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_lao_cai_key_task_led_by_free_text_is_in_no_calendar(lao_cai: Plan) -> None:
    """Key task 1 ("Xong trong Quý II/2026") is led by words, not a unit id: no unit receives it."""
    whole, notes = parsed(lao_cai)
    assert not [e for e in events(whole) if "quán triệt sâu rộng Chỉ thị" in str(e["DESCRIPTION"])]
    assert [dates(e)[0] for e in events(whole)] == [
        dt.date(2026, 5, 31),
        dt.date(2026, 12, 31),
        dt.date(2030, 1, 1),
        dt.date(2026, 6, 30),
    ]
    assert len(notes) == 9
    assert all("«Hàng năm»" in n or "«Thường xuyên»" in n for n in notes)


# Stable identity and bytes


def test_uids_follow_the_rule(tmp_path: Path) -> None:
    cal, _ = parsed(small_plan(tmp_path), "cong-an-phuong")
    plan_key = "kh-ubnd-2025.uy-ban-nhan-dan-phuong-an-duong@kehoach"
    assert uids(cal) == [f"dot-2.{plan_key}", f"cong-an-phuong.nv-1.{plan_key}", f"cong-an-phuong.bao-ve.{plan_key}"]


def test_key_task_uid_uses_its_place_in_the_appendix(lao_cai: Plan) -> None:
    cal, _ = parsed(lao_cai, "cong-an-tinh")
    assert uids(cal) == ["cong-an-tinh.trong-tam-11.kh-ubnd-2026.uy-ban-nhan-dan-tinh-lao-cai@kehoach"]


def test_two_builds_give_the_same_bytes(repo_plan: Plan, tmp_path: Path) -> None:
    assert ics_bytes(calendar_for(repo_plan)[0]) == ics_bytes(calendar_for(repo_plan)[0])
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert all_calendars(small_plan(first)) == all_calendars(small_plan(second))


def all_calendars(plan: Plan) -> dict[str | None, bytes]:
    """The bytes of every calendar of the plan: each unit's, and the whole plan's (None)."""
    return {unit_id: ics_bytes(calendar_for(plan, unit_id)[0]) for unit_id in [*(u.id for u in plan.units), None]}


def test_dtstamp_is_the_issue_date_or_source_date_epoch(repo_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    cal, _ = parsed(repo_plan)
    assert {e.decoded("DTSTAMP") for e in events(cal)} == {dt.datetime(2025, 8, 1, tzinfo=dt.UTC)}
    assert b"DTSTAMP:20250801T000000Z\r\n" in ics_bytes(calendar_for(repo_plan)[0])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    cal, _ = parsed(repo_plan)
    assert {e.decoded("DTSTAMP") for e in events(cal)} == {dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}


def test_revision_moving_a_phase_end_keeps_its_uid(tmp_path: Path) -> None:
    before, _ = parsed(write_plan(tmp_path, REPO_DATA, "before.yaml"))
    data = copy.deepcopy(REPO_DATA)
    data["phases"][0]["end"] = dt.date(2025, 8, 25)
    data["phases"][1]["start"] = dt.date(2025, 8, 26)
    after, _ = parsed(write_plan(tmp_path, data, "after.yaml"))
    assert uids(after) == uids(before)
    assert dates(by_summary(after, "Đợt 1")) == (dt.date(2025, 8, 1), dt.date(2025, 8, 26))
    assert str(by_summary(after, "Đợt 1")["UID"]) == str(by_summary(before, "Đợt 1")["UID"])


def test_draft_and_numbered_plan_share_uids(tmp_path: Path) -> None:
    """The number is not in UIDs: a draft's events are updated when the plan gets its number."""
    draft = {"type": "KH", "place": "An Dương", "date": "2025-01-05", "subject": "Thử nghiệm"}
    (tmp_path / "draft").mkdir()
    cal_draft, _ = parsed(small_plan(tmp_path / "draft", document=draft))
    cal_final, _ = parsed(small_plan(tmp_path))
    assert uids(cal_draft) == uids(cal_final)
    assert len(set(uids(cal_final))) == len(uids(cal_final))


# English


def test_english_texts(tmp_path: Path, repo_plan: Plan) -> None:
    cal, notes = parsed(small_plan(tmp_path), "cong-an-phuong", lang="en")
    assert [str(e["SUMMARY"]) for e in events(cal)][:1] == ["Đợt 2: 01/3/2025 to 30/4/2025"]
    task = by_summary(cal, "Due: Bảo vệ")
    assert "Unit: Công an phường" in str(task["DESCRIPTION"])
    assert str(task.walk("VALARM")[0]["DESCRIPTION"]) == "3 days to the deadline: Bảo vệ Đại hội."
    assert notes == ["Skipped task 3 of Công an phường: its time “Hằng năm” has no definite date."]
    _, repo_notes = parsed(repo_plan, lang="en")
    assert (
        repo_notes[0] == "Skipped Đợt 3: no expected date for “Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025-2030”."
    )


def test_unknown_language_is_an_error(repo_plan: Plan) -> None:
    with pytest.raises(ValueError, match="language"):
        calendar_for(repo_plan, lang="fr")


def test_calendar_texts_are_in_the_catalogue() -> None:
    from kehoach.text import messages

    codes = [code for code in messages.TEXTS if code.startswith("calendar.")]
    assert len(codes) > 10
    for code in codes:
        vi, en = messages.TEXTS[code]
        assert vi and en and fields(vi) == fields(en), code


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Phases that cannot be dated, or date themselves


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ({"name": "Đợt 1", "start": "2025-03-01"}, "Bỏ qua Đợt 1: không có thời điểm kết thúc."),
        (
            {"name": "Đợt 1", "start": "Hằng năm", "end": "2025-12-31"},
            "Bỏ qua Đợt 1: «Hằng năm» không phải là một ngày cụ thể.",
        ),
        (
            {"name": "Đợt 1", "start": "từ nay", "end": "2024-12-31"},
            "Bỏ qua Đợt 1: ngày bắt đầu (01/01/2025) sau ngày kết thúc (31/12/2024).",
        ),
    ],
)
def test_phases_without_dates_give_notes(phase: dict[str, Any], expected: str) -> None:
    """Built without the plan checks, as a draft "từ nay" (1 January) can still end before it starts."""
    document = {**MINIMAL["document"], "date": None, "number": None, "year": 2025}
    plan = Plan.model_validate({**MINIMAL, "document": document, "phases": [phase]})
    cal, notes = calendar_for(plan)
    assert notes == [expected]
    assert not events(cal)


def test_a_period_without_end_spans_the_period(tmp_path: Path) -> None:
    phases = [{"id": "dot-1", "name": "Đợt 1", "start": "Trong Quý III/2025"}]
    cal, notes = parsed(small_plan(tmp_path, phases=phases, units=None))
    assert notes == []
    assert dates(by_summary(cal, "Đợt 1")) == (dt.date(2025, 7, 1), dt.date(2025, 10, 1))
