"""Points in time as plans write them."""

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from kehoach.plan.when import When

parse = TypeAdapter(When).validate_python


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [
        ("31/8/2025", "date", dt.date(2025, 8, 31), dt.date(2025, 8, 31)),
        ("Xong trong Quý II/2026", "quarter", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("Xong trong tháng 5/2026", "month", dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
        ("Trong năm 2026", "year", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("trước ngày 01/01/2030", "date", dt.date(2030, 1, 1), dt.date(2030, 1, 1)),
        ("Hằng năm", "recurring", None, None),
        ("Hàng năm", "recurring", None, None),
        ("Thường xuyên", "recurring", None, None),
        ("từ nay", "now", None, None),
        ("Đại hội đại biểu toàn quốc lần thứ XIV", "event", None, None),
    ],
)
def test_forms(text, kind, first, last):
    point = parse(text)
    assert point.kind == kind
    assert (point.first, point.last) == (first, last)
    if kind not in ("now",):
        assert point.text == text


def test_yaml_dates_and_years():
    assert parse(dt.date(2025, 9, 1)).text == "01/9/2025"
    assert parse(2026).text == "năm 2026"
    event = parse({"event": "Đại hội XIV", "expected": dt.date(2026, 1, 20)})
    assert event.kind == "event" and event.last == dt.date(2026, 1, 20)


@pytest.mark.parametrize("text", ["30/02/2025", "Xong trong tháng 13/2026"])
def test_impossible_dates(text):
    with pytest.raises(ValidationError) as info:
        parse(text)
    assert info.value.errors()[0]["type"] == "impossible_date"
