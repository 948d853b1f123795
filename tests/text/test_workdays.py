"""Working days in Vietnam, around Tết and the other days off (real calendars of 2026 and 2027)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.text.workdays import add_working_days, is_working_day

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 13), True),  # Friday before Tết Bính Ngọ
        (D(2026, 2, 16), False),  # 29 Tết
        (D(2026, 2, 17), False),  # Mùng 1
        (D(2026, 2, 20), False),  # Mùng 4
        (D(2026, 2, 23), True),  # back to work
        (D(2026, 4, 27), False),  # Giỗ Tổ (26/4 is a Sunday), observed
        (D(2026, 4, 30), False),
        (D(2026, 5, 1), False),
        (D(2026, 9, 2), False),
        (D(2026, 9, 1), False),
        (D(2026, 9, 3), True),
        (D(2027, 2, 5), False),  # Tết Đinh Mùi: 29 Tết to mùng 5 (4–10/2/2027)
        (D(2027, 2, 10), False),
        (D(2027, 2, 11), True),
        (D(2027, 5, 3), False),  # 1/5/2027 is a Saturday: Monday off
        (D(2026, 2, 14), False),  # a Saturday
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 2, 13), 5, D(2026, 2, 27)),  # across Tết 2026: 14–22/2 off
        (D(2026, 2, 12), 1, D(2026, 2, 13)),
        (D(2026, 4, 28), 2, D(2026, 5, 4)),  # 30/4 and 1/5 off, then the weekend
        (D(2026, 8, 28), 3, D(2026, 9, 7)),  # 31/8 (swapped), 1/9, 2/9 off, then a weekend
        (D(2027, 2, 3), 2, D(2027, 2, 12)),  # across Tết 2027
        (D(2026, 3, 2), 0, D(2026, 3, 2)),
    ],
)
def test_adding_working_days(start, days, due):
    assert add_working_days(start, days) == due
