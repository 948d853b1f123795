"""Points in time as plans write them: "31/8/2025", "Quý II/2026", "Hằng năm", an event.

A phase starts "từ nay" or "từ sau Đại hội …" and a task is due "Xong trong tháng
5/2026". Each is kept as written (``text``) for the documents, and as a date range
(``first``/``last``) where one can be known, for checks, letters and calendars.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kehoach.text import markup, vn, workdays

Kind = Literal["now", "date", "month", "quarter", "half", "year", "duration", "event", "recurring"]

_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}
_RECURRING = re.compile(r"^(hằng|hàng)\s+(năm|quý|tháng|tuần|ngày)$|^thường\s+xuyên$|^định\s+kỳ", re.IGNORECASE)
_DATE = re.compile(r"^(?P<prefix>.*?)\s*(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")
#: "tháng 5/2026", "tháng 5 năm 2026"; "Quý IV/2026", "quý IV năm 2026".
_MONTH = re.compile(r"^(?P<prefix>.*?)\s*tháng\s+(?P<m>\d{1,2})(?:/|\s+năm\s+)(?P<y>\d{4})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?P<prefix>.*?)\s*quý\s+(?P<q>IV|III|II|I|[1-4])(?:/|\s+năm\s+)(?P<y>\d{4})$", re.IGNORECASE)
#: "6 tháng đầu năm 2026", "sáu tháng cuối năm 2026".
_HALF = re.compile(r"^(?P<prefix>.*?)\s*(?:6|sáu)\s+tháng\s+(?P<h>đầu|cuối)\s+năm\s+(?P<y>\d{4})$", re.IGNORECASE)
#: "trước ngày 20 hằng tháng", "trước ngày 15/12 hằng năm": a date that comes back.
_EVERY = re.compile(
    r"^(?P<prefix>.*?)\s*ngày\s+(?P<d>\d{1,2})(?:/(?P<m>\d{1,2}))?\s+(?:hằng|hàng)\s+(?P<every>tháng|năm)$",
    re.IGNORECASE,
)
#: "02 ngày", "trong 05 ngày làm việc kể từ ngày 01/3/2026": a span, dated when its start is.
_DURATION = re.compile(
    r"^(?P<prefix>.*?)\s*(?P<n>\d{1,3})\s+ngày(?P<working>\s+làm\s+việc)?"
    r"(?:\s+kể\s+từ\s+(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?(?P<rest>\s+.*)?$",
    re.IGNORECASE,
)
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
    half: int | None = Field(default=None, ge=1, le=2)
    #: A recurrence's day (and month, for a yearly one) and how often it comes back.
    day: int | None = Field(default=None, ge=1, le=31)
    every: Literal["month", "year"] | None = None
    #: A duration: so many days (working days), from ``start`` when the plan says.
    days: int | None = Field(default=None, ge=0)
    working: bool = False
    start: dt.date | None = None

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
        if self.kind == "half" and self.half and self.year:
            first_month = 1 if self.half == 1 else 7
            return dt.date(self.year, first_month, 1), dt.date(self.year, first_month + 5, 30 if self.half == 1 else 31)
        if self.kind == "year" and self.year:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.kind == "duration" and self.start is not None and self.days is not None:
            if self.working:
                return self.start, workdays.add_working_days(self.start, self.days)
            return self.start, self.start + dt.timedelta(days=self.days)
        return None, None

    @property
    def computable(self) -> bool:
        """Whether a date (or a recurrence's rule) can be worked out from it; "02 ngày" with
        no start, or an event with no expected date, cannot."""
        return self.kind in ("now", "recurring") or self.last is not None


def _checked_date(day: int, month: int, year: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("impossible_date", "impossible date {text}", {"text": text}) from None


def parse(text: str) -> dict[str, Any]:
    """Read a point in time from the words a plan uses; anything else is an event.

    The forms are tried in order: a recurrence before a date it contains ("ngày 15/12 hằng
    năm"), a duration before its start ("05 ngày … kể từ ngày 01/3/2026").
    """
    text = " ".join(text.split())
    if _NOW.match(text):
        return {"kind": "now", "text": "nay"}
    if _RECURRING.match(text):
        return {"kind": "recurring", "text": text}
    for pattern, read in _READERS:
        if m := pattern.match(text):
            return read(m, text)
    return {"kind": "event", "event": text, "text": text}


def _half(m: re.Match[str], text: str) -> dict[str, Any]:
    half = 1 if m["h"].lower() == "đầu" else 2
    return {"kind": "half", "half": half, "year": int(m["y"]), "prefix": m["prefix"], "text": text}


def _iso(m: re.Match[str], text: str) -> dict[str, Any]:
    date = _checked_date(int(m["d"]), int(m["m"]), int(m["y"]), text)
    return {"kind": "date", "date": date, "text": vn.short_date(date)}


def _date(m: re.Match[str], text: str) -> dict[str, Any]:
    date = _checked_date(int(m["d"]), int(m["m"]), int(m["y"]), text)
    return {"kind": "date", "date": date, "prefix": m["prefix"], "text": text}


def _month(m: re.Match[str], text: str) -> dict[str, Any]:
    if not 1 <= int(m["m"]) <= 12:
        raise PydanticCustomError("impossible_date", "impossible date {text}", {"text": text})
    return {"kind": "month", "month": int(m["m"]), "year": int(m["y"]), "prefix": m["prefix"], "text": text}


def _quarter(m: re.Match[str], text: str) -> dict[str, Any]:
    quarter = _QUARTERS[m["q"].upper()]
    return {"kind": "quarter", "quarter": quarter, "year": int(m["y"]), "prefix": m["prefix"], "text": text}


def _year(m: re.Match[str], text: str) -> dict[str, Any]:
    return {"kind": "year", "year": int(m["y"]), "prefix": m["prefix"], "text": text}


def _every(m: re.Match[str], text: str) -> dict[str, Any]:
    """A date that comes back each month ("ngày 20 hằng tháng") or each year ("ngày 15/12 hằng năm")."""
    every = "month" if m["every"].lower() == "tháng" else "year"
    day, month = int(m["d"]), int(m["m"]) if m["m"] else None
    if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12) or (every == "year") != (month is not None):
        return {"kind": "event", "event": text, "text": text}
    if month is not None:
        _checked_date(day, month, 2024, text)  # a leap year: 29/2 comes back too
    return {"kind": "recurring", "day": day, "month": month, "every": every, "prefix": m["prefix"], "text": text}


def _duration(m: re.Match[str], text: str) -> dict[str, Any]:
    start = _checked_date(int(m["d"]), int(m["m"]), int(m["y"]), text) if m["d"] else None
    return {
        "kind": "duration",
        "days": int(m["n"]),
        "working": bool(m["working"]),
        "start": start,
        "prefix": m["prefix"],
        "text": text,
    }


_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], dict[str, Any]]], ...] = (
    (_EVERY, _every),
    (_HALF, _half),
    (_DURATION, _duration),
    (_ISO, _iso),
    (_DATE, _date),
    (_MONTH, _month),
    (_QUARTER, _quarter),
    (_YEAR, _year),
)


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


#: Between the points of one phrase: "25/12/2026 và 25/12/2027", "15/6, 15/12".
_AND = re.compile(r"\s*(?:,|;|\svà\s)\s*")
#: A recurrence said once for all the points before it: "ngày 15/6 và 15/12 hằng năm".
_EVERY_SUFFIX = re.compile(r"\s+(?:hằng|hàng)\s+(?:tháng|năm)$", re.IGNORECASE)


def several(text: str) -> list[When]:
    """Each point of a phrase that names several: "trước ngày 25/12/2026 và 25/12/2027" is
    two dates, "trước ngày 15/6 và 15/12 hằng năm" two yearly ones; a phrase of one point
    is that point. A piece that is no valid point (an impossible date) is left out."""
    pieces = _AND.split(" ".join(text.split()))
    if len(pieces) == 1:
        return [When.model_validate(text)] if text.strip() else []
    suffix = m.group() if (m := _EVERY_SUFFIX.search(pieces[-1])) else ""
    out = []
    for piece in pieces:
        piece = piece if not suffix or _EVERY_SUFFIX.search(piece) else piece + suffix
        piece = f"ngày {piece}" if piece[:1].isdigit() and "/" in piece.split()[0] else piece
        try:
            out.append(When.model_validate(piece))
        except ValueError:
            continue
    return out


def phrase(point: When) -> str:
    """How a point reads inside a phase heading ("31/8/2025", "năm 2026", an event)."""
    if point.kind == "now":
        return "nay"
    if point.kind == "date" and point.date and not point.prefix:
        return vn.short_date(point.date)
    return point.text
