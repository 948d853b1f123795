"""Points in time as plans write them: "31/8/2025", "Quý II/2026", "Hằng năm", an event.

A phase starts "từ nay" or "từ sau Đại hội …" and a task is due "Xong trong tháng
5/2026". Each is kept as written (``text``) for the documents, and as a date range
(``first``/``last``) where one can be known, for checks, letters and calendars.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kehoach.text import markup, vn

Kind = Literal["now", "date", "month", "quarter", "year", "event", "recurring"]

_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}
_RECURRING = re.compile(r"^(hằng|hàng)\s+(năm|quý|tháng|tuần|ngày)$|^thường\s+xuyên$|^định\s+kỳ", re.IGNORECASE)
_DATE = re.compile(r"^(?P<prefix>.*?)\s*(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")
_MONTH = re.compile(r"^(?P<prefix>.*?)\s*tháng\s+(?P<m>\d{1,2})/(?P<y>\d{4})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?P<prefix>.*?)\s*quý\s+(?P<q>IV|III|II|I|[1-4])/(?P<y>\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(?P<prefix>.*?)\s*năm\s+(?P<y>\d{4})$", re.IGNORECASE)
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_NOW = re.compile(r"^(từ\s+)?nay$", re.IGNORECASE)


def _printable(value: str) -> str:
    """No character XML cannot hold (a time is printed in letters, checklists and calendars)."""
    if bad := markup.CONTROL.search(value):
        raise PydanticCustomError("control_character", "control character", {"char": f"U+{ord(bad.group()):04X}"})
    return value


class When(BaseModel):
    """A date, month, quarter, year, event or recurrence, as a plan states it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    text: Annotated[str, AfterValidator(_printable)] = ""
    prefix: Annotated[str, AfterValidator(_printable)] = ""
    date: dt.date | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    quarter: int | None = Field(default=None, ge=1, le=4)
    year: int | None = Field(default=None, ge=1900, le=2999)
    event: Annotated[str, AfterValidator(_printable)] | None = None
    expected: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, When):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return {"kind": "date", "date": value, "text": vn.short_date(value)}
        if isinstance(value, int) and not isinstance(value, bool):
            return {"kind": "year", "year": value, "text": f"năm {value}"}
        if isinstance(value, str):
            return parse(_printable(value))
        if isinstance(value, dict) and "kind" not in value:
            return _from_mapping(value)
        return value

    @property
    def first(self) -> dt.date | None:
        """First day this point can mean (None where unknown)."""
        return self._span()[0]

    @property
    def last(self) -> dt.date | None:
        """Last day this point can mean: a deadline "Quý II/2026" ends on 30/6/2026."""
        return self._span()[1]

    def _span(self) -> tuple[dt.date | None, dt.date | None]:
        if self.kind == "date":
            return self.date, self.date
        if self.kind == "event":
            return self.expected, self.expected
        if self.kind == "month" and self.month and self.year:
            end = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, end)
        if self.kind == "quarter" and self.quarter and self.year:
            first_month = 3 * self.quarter - 2
            end = calendar.monthrange(self.year, first_month + 2)[1]
            return dt.date(self.year, first_month, 1), dt.date(self.year, first_month + 2, end)
        if self.kind == "year" and self.year:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return None, None


def _checked_date(day: int, month: int, year: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("impossible_date", "impossible date {text}", {"text": text}) from None


def parse(text: str) -> dict[str, Any]:
    """Read a point in time from the words a plan uses; anything else is an event."""
    text = " ".join(text.split())
    if _NOW.match(text):
        return {"kind": "now", "text": "nay"}
    if _RECURRING.match(text):
        return {"kind": "recurring", "text": text}
    if m := _ISO.match(text):
        date = _checked_date(int(m["d"]), int(m["m"]), int(m["y"]), text)
        return {"kind": "date", "date": date, "text": vn.short_date(date)}
    if m := _DATE.match(text):
        date = _checked_date(int(m["d"]), int(m["m"]), int(m["y"]), text)
        return {"kind": "date", "date": date, "prefix": m["prefix"], "text": text}
    if m := _MONTH.match(text):
        if not 1 <= int(m["m"]) <= 12:
            raise PydanticCustomError("impossible_date", "impossible date {text}", {"text": text})
        return {
            "kind": "month",
            "month": int(m["m"]),
            "year": int(m["y"]),
            "prefix": m["prefix"],
            "text": text,
        }
    if m := _QUARTER.match(text):
        quarter = _QUARTERS[m["q"].upper()]
        return {
            "kind": "quarter",
            "quarter": quarter,
            "year": int(m["y"]),
            "prefix": m["prefix"],
            "text": text,
        }
    if m := _YEAR.match(text):
        return {"kind": "year", "year": int(m["y"]), "prefix": m["prefix"], "text": text}
    return {"kind": "event", "event": text, "text": text}


def _from_mapping(value: dict[str, Any]) -> dict[str, Any]:
    """``{event: "Đại hội …", expected: 2025-10-15}`` and the like."""
    if "event" in value:
        # The event's own field reports a bad character where it is; the copy must not too.
        text = markup.CONTROL.sub("", str(value.get("event", "")))
        return {"kind": "event", "text": text, **value}
    if "quarter" in value and "year" in value:
        q = _QUARTER_NAMES.get(value["quarter"], value["quarter"]) if isinstance(value["quarter"], int) else "?"
        return {"kind": "quarter", "text": f"Quý {q}/{value['year']}", **value}
    if "month" in value and "year" in value:
        return {"kind": "month", "text": f"tháng {value['month']}/{value['year']}", **value}
    if "year" in value:
        return {"kind": "year", "text": f"năm {value['year']}", **value}
    return value


def phrase(point: When) -> str:
    """How a point reads inside a phase heading ("31/8/2025", "năm 2026", an event)."""
    if point.kind == "now":
        return "nay"
    if point.kind == "date" and point.date and not point.prefix:
        return vn.short_date(point.date)
    return point.text
