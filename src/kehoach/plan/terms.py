"""Plan facts in the words every document uses: a phase's span, units by name, when a task is due.

The letters, the plan document, the calendars and the change notices all say
these the same way; the diff compares them as a letter states them. Kept below
both views and diff so that neither needs the other to word them.
"""

from __future__ import annotations

import datetime as dt

from kehoach.plan import when
from kehoach.plan.blocks import Report
from kehoach.plan.model import Phase, Plan, Task, Unit
from kehoach.text import vn

#: First words of a collective name, lowered inside a sentence ("giao các chủ đầu tư …").
COLLECTIVE = ("Các", "Những", "Mọi", "Toàn thể", "Tất cả")


def phase_span(phase: Phase) -> str:
    """Composed from the fields: "Từ nay đến 31/8/2025", "Từ sau Đại hội … đến Đại hội …"."""
    start = phase.start
    text = f"Từ sau {start.event}" if start.kind == "event" else f"Từ {when.phrase(start)}"
    if phase.end is not None:
        text += f" {phase.connector} {when.phrase(phase.end)}"
    return text


def unit_names(plan: Plan, refs: list[str], in_sentence: bool = False) -> str:
    """Lead or partner units as words: ids become names (inside a sentence, their names
    there: "phối hợp với các cơ quan, đơn vị"), free text stays; each named once."""
    names: list[str] = []
    for ref in refs:
        unit = plan.unit(ref)
        name = (sentence_name(unit) if in_sentence else unit.name) if unit else ref
        if name not in names:
            names.append(name)
    return "; ".join(names)


def task_time(plan: Plan, task: Task) -> tuple[str, dt.date | None]:
    """When a unit's task is due, as its letter words it and as the last day it may be done."""
    phase = plan.phase(task.phase) if task.phase else None
    due = task.deadline.last if task.deadline else (phase.end.last if phase and phase.end else None)
    return deadline_words(task.deadline, phase), due


def deadline_words(deadline: when.When | None, phase: Phase | None) -> str:
    """ "Đợt 1 (đến 31/8/2025)", "Xong trong Quý II/2026", or both."""
    parts = []
    if phase is not None:
        end = f" (đến {when.phrase(phase.end)})" if phase.end and deadline is None else ""
        parts.append(f"{phase.name}{end}")
    if deadline is not None:
        parts.append(deadline.text)
    return "; ".join(parts)


def sentence_name(unit: Unit) -> str:
    """The unit's name inside a sentence: given, or lowered when it starts with "Các", "Những"…"""
    if unit.in_sentence:
        return unit.in_sentence
    if unit.name.startswith(tuple(f"{word} " for word in COLLECTIVE)):
        return vn.lower_first(unit.name)
    return unit.name


def report_of(plan: Plan, unit: Unit) -> Report | None:
    """The reporting rule a unit follows: its own, else the plan's."""
    return unit.report or plan.report


def report_words(report: Report, issuer: str) -> str:
    """ "báo cáo kết quả thực hiện về Sở Công Thương (qua Phòng Kinh tế) trước ngày 20 hằng tháng
    để tổng hợp"."""
    through = f" (qua {report.through})" if report.through else ""
    words = f"báo cáo {report.what} về {report.to or issuer}{through} {report.when}"
    return f"{words} {report.purpose}" if report.purpose else words
