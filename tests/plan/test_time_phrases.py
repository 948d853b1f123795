"""Time phrases of real plans: quarters, months and half-years in any wording, recurrences,
durations in working days; deadlines that passed before the issue date; undated ones listed."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import make_plan
from kehoach.commands.lint import run_lint
from kehoach.plan import when
from kehoach.plan.validate import load_plan
from kehoach.plan.when import When
from kehoach.text.errors import ProblemsError

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [
        ("Hoàn thành trong quý IV năm 2026", "quarter", D(2026, 10, 1), D(2026, 12, 31)),
        ("Quý IV/2026", "quarter", D(2026, 10, 1), D(2026, 12, 31)),
        ("trong tháng 5 năm 2026", "month", D(2026, 5, 1), D(2026, 5, 31)),
        ("6 tháng đầu năm 2026", "half", D(2026, 1, 1), D(2026, 6, 30)),
        ("sáu tháng cuối năm 2026", "half", D(2026, 7, 1), D(2026, 12, 31)),
        ("trong 05 ngày làm việc kể từ ngày 13/02/2026", "duration", D(2026, 2, 13), D(2026, 2, 27)),
        ("10 ngày kể từ ngày 25/12/2026", "duration", D(2026, 12, 25), D(2027, 1, 4)),
    ],
)
def test_dated_phrases(text, kind, first, last):
    point = When.model_validate(text)
    assert (point.kind, point.first, point.last, point.text) == (kind, first, last, text)


def test_recurrences_keep_their_rule():
    monthly = When.model_validate("báo cáo trước ngày 20 hằng tháng")
    assert (monthly.kind, monthly.every, monthly.day, monthly.month) == ("recurring", "month", 20, None)
    yearly = When.model_validate("trước ngày 15/12 hằng năm")
    assert (yearly.kind, yearly.every, yearly.day, yearly.month) == ("recurring", "year", 15, 12)
    assert monthly.computable and yearly.computable


def test_a_duration_without_its_start_is_not_an_event_but_has_no_date():
    point = When.model_validate("02 ngày")
    assert (point.kind, point.days, point.first, point.computable) == ("duration", 2, None, False)


def unit_with(deadline):
    return [{"id": "a", "name": "Đơn vị A", "tasks": [{"text": "Việc.", "deadline": deadline}]}]


def test_a_dated_deadline_before_the_issue_date_is_an_error_at_its_line(tmp_path):
    plan = make_plan(tmp_path, units=unit_with("31/12/2024"))  # the plan is issued on 05/01/2025
    with pytest.raises(ProblemsError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.code == "deadline_before_issue"
    assert "31/12/2024" in problem.source_line


def test_lint_lists_deadlines_no_date_can_be_worked_out_from(tmp_path):
    plan = make_plan(tmp_path, units=unit_with("02 ngày"))
    (found,) = [p for p in run_lint(plan).warnings if p.code == "lint.no_date"]
    assert found.args == {"text": "02 ngày"}
    assert found.source_line.strip().startswith("deadline:")
    assert [
        p
        for p in run_lint(make_plan(tmp_path, units=unit_with("quý IV năm 2026"))).warnings
        if p.code == "lint.no_date"
    ] == []


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("trước ngày 20 hằng tháng", [("recurring", None, 20, None)]),
        (
            "trước ngày 25/12/2026 và 25/12/2027",
            [("date", dt.date(2026, 12, 25), None, None), ("date", dt.date(2027, 12, 25), None, None)],
        ),
        ("trước ngày 15/6 và 15/12 hằng năm", [("recurring", None, 15, 6), ("recurring", None, 15, 12)]),
        ("định kỳ 6 tháng và hằng năm", [("recurring", None, None, None), ("recurring", None, None, None)]),
        ("ngày 31/02/2026 và 01/3/2026", [("date", dt.date(2026, 3, 1), None, None)]),
    ],
)
def test_a_phrase_of_several_points_is_read_point_by_point(text, points):
    assert [(w.kind, w.date, w.day, w.month) for w in when.several(text)] == points
