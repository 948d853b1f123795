"""Working days in Vietnam: Monday to Friday, less the public holidays (Tết included).

"Trong 05 ngày làm việc kể từ ngày nhận được" skips weekends and the days off the Labour
Code gives (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4, 1/5, Quốc khánh) and the swaps the
government decides each year; the ``holidays`` package keeps that list (country "VN"), so no
table of dates is written here.
"""

from __future__ import annotations

import datetime as dt
import functools

SATURDAY = 5


@functools.cache
def _days_off(year: int) -> frozenset[dt.date]:
    # Imported here, not at the top: the package loads every country's calendar (0.3 s), which
    # every command would pay at start-up; only a plan that counts working days needs it.
    import holidays

    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day of a Vietnamese public office."""
    return day.weekday() < SATURDAY and day not in _days_off(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (the day the count starts from is not one of them)."""
    day = start
    for _ in range(days):
        day += dt.timedelta(days=1)
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    return day
