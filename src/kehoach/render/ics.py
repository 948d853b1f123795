"""The plan as an iCalendar (.ics) file: its phases and the units' deadlines in a calendar.

A unit that receives a plan wants its deadlines where it already looks, in its
calendar. Each phase (đợt) becomes an all-day event over its dates and each task
with a due date becomes an all-day event on that date, with a reminder three days
before. Whatever cannot be dated (a phase bounded by an event without an expected
date, a recurring deadline such as "Hằng năm") is left out and reported in notes,
so the user knows the calendar is incomplete and why: :func:`left_out` gives them
as warnings at their place in plan.yaml, the same whichever command writes the
calendar (``kehoach calendar`` or ``render --ics``).

The file depends on the plan only: DTSTAMP is the document time (the issue date or
SOURCE_DATE_EPOCH), never the clock, and UIDs come from the plan's identity, so the
same plan gives the same bytes and a revised plan updates the events it already
put in a calendar instead of adding copies.

UID rule (see :func:`plan_key`, :func:`phase_uid`, :func:`task_uid`):

- plan key: ``<document type>-<issuer abbr>-<issue year>.<issuer full name>`` as
  ASCII slugs, e.g. ``kh-ubnd-2025.uy-ban-nhan-dan-phuong-an-duong``. The number
  is left out: a draft has none, and a revision keeps the same events. The issuer's
  full name keeps apart the plans of different bodies that share an abbreviation
  (every commune has an UBND).
- phase: ``<phase key>.<plan key>@kehoach`` (``dot-1.kh-ubnd-2025.…@kehoach``).
- task of a unit: ``<unit id>.<task id>.<plan key>@kehoach`` when the task has an
  id, else ``<unit id>.nv-<position among the unit's tasks, from 1>``; a key task
  of the appendix the unit leads: ``<unit id>.trong-tam-<position in key_tasks>``; a task of
  the body (a khoản, điểm or line with ``lead``/``with``): its ``id``, else its key path
  (``<unit id>.sections-1-items-0``).
  Giving tasks an ``id`` keeps their events when tasks are inserted or reordered.
- a unit's recurring report: ``<unit id>.bao-cao.<plan key>@kehoach``, one event with an RRULE.

icalendar is imported where a calendar, an event or a reminder is made, not with this
module: the table of document kinds imports this module for every ``render``, and a
render without ``--ics`` would spend a tenth of a second importing icalendar for nothing
(``tests/test_architecture.py`` checks that it does not).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a calendar is made: see the end of the docstring
    from icalendar import Alarm, Calendar, Event

from kehoach.plan.assignments import Assignment
from kehoach.plan.blocks import Report
from kehoach.plan.loader import KeyPath, Position, format_path
from kehoach.plan.model import Phase, Plan, Unit
from kehoach.plan.terms import phase_span, report_of, report_words
from kehoach.plan.validate import LoadedPlan
from kehoach.plan.when import When
from kehoach.render.docx_bytes import document_time
from kehoach.text import markup, messages, vn
from kehoach.text.errors import Problem
from kehoach.views.common import cited_plan, phase_heading
from kehoach.views.unit import UnitTask, task_sources, unit_view
from kehoach.views.unit import phases_of as unit_phases_of

LANGS = messages.LANGS
PRODID = "-//kehoach//Kế hoạch//VI"
UID_DOMAIN = "kehoach"
#: Days before a deadline the reminder shows.
REMINDER_DAYS = 3
#: Words of a task kept in an event's title; the whole text is in its description.
SUMMARY_WORDS = 12
#: Kinds of point that are periods: a phase "Trong Quý III/2025" without an end spans it.
_PERIODS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Note:
    """Something a calendar leaves out: a catalogue sentence, and the place in the plan it is about."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)
    where: KeyPath = ()

    def text(self, lang: str = "vi") -> str:
        """The note as a user reads it."""
        return text(self.code, lang, **self.args)


def text(code: str, lang: str = "vi", **args: Any) -> str:
    """A "calendar.*" sentence of the message catalogue with its facts filled in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return messages.text(code, lang, **args)


def calendar_for(plan: Plan, unit_id: str | None = None, lang: str = "vi") -> tuple[Calendar, list[str]]:
    """The calendar of the whole plan, or of one unit, and notes on what it leaves out.

    A unit's calendar holds the phases its tasks name (all phases when they name
    none, as in the unit's letter) and its dated tasks. The whole plan's calendar
    holds every phase and every unit's dated tasks, titled with the unit's name.
    Events come in plan order: phases, then tasks unit by unit.
    """
    unit = _find_unit(plan, unit_id, lang) if unit_id is not None else None
    cal = _calendar(plan, unit, lang)
    notes: list[str] = []
    for item in _items(plan, unit, lang):
        if isinstance(item, Note):
            notes.append(item.text(lang))
        else:
            cal.add_component(item)
    return cal, notes


def ics_bytes(cal: Calendar) -> bytes:
    """The calendar as an .ics file (UTF-8, CRLF lines folded at 75 octets)."""
    data: bytes = cal.to_ical()  # icalendar leaves to_ical unannotated
    return data


def left_out(loaded: LoadedPlan, unit_ids: Iterable[str | None]) -> list[Problem]:
    """What the calendars of these units (None: the whole plan's) leave out, as warnings.

    Each warning points at the phase or task in plan.yaml, once however many of the
    calendars leave it out, in plan order. The whole plan's calendar leaves out all
    that any unit's does, so with it the units' are not built again.
    """
    plan, doc = loaded.plan, loaded.document
    wanted = list(dict.fromkeys(unit_ids))
    notes: dict[tuple[str, KeyPath], Note] = {}
    for unit_id in [None] if None in wanted else wanted:
        unit = _find_unit(plan, unit_id, "vi") if unit_id is not None else None
        for item in _items(plan, unit, "vi"):
            if isinstance(item, Note):
                notes.setdefault((item.code, item.where), item)
    ordered = sorted(notes.values(), key=lambda note: _order(doc.position(note.where)))
    return [_warning(loaded, note) for note in ordered]


def _order(position: Position) -> tuple[int, int]:
    return position.line, position.column


def _warning(loaded: LoadedPlan, note: Note) -> Problem:
    doc = loaded.document
    problem = doc.problem(doc.position(note.where), note.code, format_path(note.where), **note.args)
    return dataclasses.replace(problem, severity="warning")


def plan_key(plan: Plan) -> str:
    """What names the plan in UIDs: type, issuer and year, never the number (see the module)."""
    doc = plan.document
    return f"{vn.slug(doc.type)}-{vn.slug(plan.issuer.abbr)}-{doc.the_year}.{vn.slug(plan.issuer.full_name)}"


def phase_uid(plan: Plan, phase: Phase) -> str:
    """UID of a phase's event: stable while the phase keeps its key."""
    return f"{phase.key}.{plan_key(plan)}@{UID_DOMAIN}"


def task_uid(plan: Plan, unit: Unit, task_key: str) -> str:
    """UID of a task's event; ``task_key`` is from :func:`_task_keys`."""
    return f"{unit.id}.{task_key}.{plan_key(plan)}@{UID_DOMAIN}"


def _find_unit(plan: Plan, unit_id: str, lang: str) -> Unit:
    """The unit asked for; a wrong id is the caller's mistake, said in the user's language."""
    unit = plan.unit(unit_id)
    if unit is None:
        raise ValueError(text("calendar.unknown_unit", lang, unit=unit_id))
    return unit


def _calendar(plan: Plan, unit: Unit | None, lang: str) -> Calendar:
    """The calendar with its properties; its name says which plan and whose share."""
    doc = plan.document
    if doc.number is not None:
        document = text("calendar.numbered", lang, type=doc.type_name, symbol=plan.symbol)
    else:
        document = text("calendar.draft", lang, type=doc.type_name, year=doc.the_year)
    owner = unit.name if unit else plan.issuer.full_name
    from icalendar import Calendar  # here, not above: see the docstring

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text("calendar.name", lang, document=document, owner=owner))
    return cal


def _items(plan: Plan, unit: Unit | None, lang: str) -> Iterator[Event | Note]:
    """Events and notes in plan order: the phases, then the tasks of each unit."""
    stamp = _stamp(plan)
    shown = {id(phase) for phase in (unit_phases_of(plan, unit) if unit else plan.phases)}
    for index, phase in enumerate(plan.phases):
        if id(phase) in shown:
            yield _phase_item(plan, phase, ("phases", index), stamp, lang)
    for each in [unit] if unit else plan.units:
        yield from _task_items(plan, each, stamp, lang, titled=unit is None)
        yield from _report_events(plan, each, stamp, lang, titled=unit is None)


def _stamp(plan: Plan) -> dt.datetime:
    """DTSTAMP: the document time read as UTC, so that two builds give the same bytes."""
    return document_time(plan.document.date, plan.document.the_year).replace(tzinfo=dt.UTC)


def _reference(plan: Plan) -> str:
    """ "Kế hoạch số 15/KH-UBND ngày 01/8/2025 của … về …", as the unit's letter cites it."""
    return f"{cited_plan(plan)} về {vn.lower_first(markup.plain(plan.document.subject))}"


# Phases


def _phase_item(plan: Plan, phase: Phase, where: KeyPath, stamp: dt.datetime, lang: str) -> Event | Note:
    """The phase's event, or a note saying why it has none."""
    dates = _phase_dates(plan, phase, where)
    if isinstance(dates, Note):
        return dates
    first, last = dates
    summary = text("calendar.phase_summary", lang, name=phase.name, span=_span(phase, first, last, lang))
    reference = text("calendar.reference", lang, reference=_reference(plan))
    description = f"{markup.plain(phase_heading(phase))}\n{reference}"
    return _event(phase_uid(plan, phase), stamp, first, last, summary, description)


def _span(phase: Phase, first: dt.date, last: dt.date, lang: str) -> str:
    """In Vietnamese the plan's own words ("Từ nay đến 31/8/2025"); in English the dates they mean."""
    if lang == "vi":
        return phase_span(phase)
    return text("calendar.dates", lang, first=vn.short_date(first), last=vn.short_date(last))


def _phase_dates(plan: Plan, phase: Phase, where: KeyPath) -> tuple[dt.date, dt.date] | Note:
    """First and last day of a phase, or the note on the point that cannot be dated."""
    end = _end_point(phase)
    if end is None:
        return Note("calendar.skip_phase_no_end", {"phase": phase.name}, where)
    first, last = _start_day(plan, phase.start), end.last
    if first is None:
        return _undated_note(phase, phase.start, (*where, "start"))
    if last is None:
        return _undated_note(phase, end, (*where, "end" if end is phase.end else "start"))
    if first > last:
        dates = {"first": vn.short_date(first), "last": vn.short_date(last)}
        return Note("calendar.skip_phase_order", {"phase": phase.name, **dates}, where)
    return first, last


def _end_point(phase: Phase) -> When | None:
    """The phase's end; a phase "Trong Quý III/2025" without one ends with its period."""
    if phase.end is None and phase.start.kind in _PERIODS:
        return phase.start
    return phase.end


def _start_day(plan: Plan, start: When) -> dt.date | None:
    """First day of a phase: "từ nay" is the issue date (1 January of the year for an undated draft)."""
    if start.kind == "now":
        return plan.document.date or dt.date(plan.document.the_year, 1, 1)
    return start.first


def _undated_note(phase: Phase, point: When, where: KeyPath) -> Note:
    """Why a point has no day: an event still without ``expected``, or words that are no date."""
    if point.kind == "event":
        return Note("calendar.skip_phase_event", {"phase": phase.name, "event": point.event or point.text}, where)
    return Note("calendar.skip_phase_undated", {"phase": phase.name, "text": point.text}, where)


# Tasks


def _task_items(plan: Plan, unit: Unit, stamp: dt.datetime, lang: str, titled: bool) -> Iterator[Event | Note]:
    """The unit's dated tasks as events (as its letter lists them); a note for each time without a day."""
    tasks = unit_view(plan, unit).tasks
    for task, (key, where) in zip(tasks, _task_keys(plan, unit), strict=True):
        if task.due is not None:
            yield _task_event(plan, unit, task, task_uid(plan, unit, key), stamp, lang, titled)
        elif task.when:
            yield Note("calendar.skip_task", {"number": task.number, "unit": unit.name, "when": task.when}, where)


def _task_keys(plan: Plan, unit: Unit) -> Iterator[tuple[str, KeyPath]]:
    """Keys of the unit's tasks in :func:`unit_view`'s order, each with the task's place in the plan."""
    for _, keyed in task_sources(plan, unit):
        yield keyed


def _task_event(plan: Plan, unit: Unit, task: UnitTask, uid: str, stamp: dt.datetime, lang: str, titled: bool) -> Event:
    """An all-day event on the due date, with the whole task in its description and a reminder."""
    assert task.due is not None
    full = "".join(run.text for run in task.runs)
    words = _first_words(full)
    summary = text("calendar.task_summary", lang, words=words)
    if titled:
        summary = text("calendar.unit_summary", lang, unit=unit.name, summary=summary)
    event = _event(uid, stamp, task.due, task.due, summary, _task_description(plan, unit, task, full, lang))
    event.add_component(_reminder(text("calendar.alarm", lang, days=REMINDER_DAYS, words=words)))
    return event


def _task_description(plan: Plan, unit: Unit, task: UnitTask, full: str, lang: str) -> str:
    """What the unit needs to act without the document at hand: task, sub-items, time, who, source."""
    lines = [full, *(f"- {markup.plain(item)}" for item in task.item_texts)]
    lines.append(text("calendar.when", lang, when=task.when))
    lines.append(text("calendar.unit", lang, unit=unit.name))
    if task.partners:
        lines.append(text("calendar.partners", lang, partners=task.partners))
    lines.append(text("calendar.reference", lang, reference=_reference(plan)))
    return "\n".join(lines)


def _first_words(full: str) -> str:
    """The task's first words for a title a calendar can show in one line."""
    words = full.split()
    if len(words) <= SUMMARY_WORDS:
        return " ".join(words)
    return " ".join(words[:SUMMARY_WORDS]).rstrip(",;:.") + "…"


# Reports


def _report_events(plan: Plan, unit: Unit, stamp: dt.datetime, lang: str, titled: bool) -> Iterator[Event]:
    """The unit's reports: its rule (its own, else the plan's), then its tasks' own rules,
    one event for each day a rule names."""
    rules: list[tuple[str, Report]] = []
    if (rule := report_of(plan, unit)) is not None:
        rules.append(("bao-cao", rule))
    for source, (key, _) in task_sources(plan, unit):
        own = source.part.report if isinstance(source, Assignment) else getattr(source, "report", None)
        if own is not None:
            rules.append((f"bao-cao.{key}", own))
    for key, rule in rules:
        for n, due in enumerate(rule.times, 1):
            uid = task_uid(plan, unit, key if n == 1 else f"{key}-{n}")
            if (event := _report_event(plan, unit, rule, due, uid, (stamp, lang, titled))) is not None:
                yield event


def _report_event(
    plan: Plan, unit: Unit, rule: Report, due: When, uid: str, how: tuple[dt.datetime, str, bool]
) -> Event | None:
    """One day of a reporting rule: a date ("25/12/2026") as one event; a day that comes back
    ("trước ngày 20 hằng tháng", "ngày 15/12 hằng năm") as one event repeating (RRULE) from the
    plan's start to its end; each with a reminder. None for words that name no day."""
    stamp, lang, titled = how
    words = report_words(rule, plan.issuer.short_name or plan.issuer.full_name)
    summary = text("calendar.report_summary", lang, words=_first_words(words.removeprefix("báo cáo ")))
    if titled:
        summary = text("calendar.unit_summary", lang, unit=unit.name, summary=summary)
    description = "\n".join([words, text("calendar.reference", lang, reference=_reference(plan))])
    if due.kind == "date" and due.date is not None:
        event = _event(uid, stamp, due.date, due.date, summary, description)
    elif due.kind == "recurring" and due.day is not None:
        start, end = _plan_span(plan)
        first = _next_occurrence(due, start)
        if first is None or first > end:
            return None
        event = _event(uid, stamp, first, first, summary, description)
        repeat: dict[str, Any] = {"freq": "monthly" if due.every == "month" else "yearly", "bymonthday": due.day}
        if due.every == "year":
            repeat["bymonth"] = due.month
        repeat["until"] = end
        event.add("rrule", repeat)
    else:
        return None
    event.add_component(_reminder(summary))
    return event


def _reminder(description: str) -> Alarm:
    """A reminder shown REMINDER_DAYS days before the event."""
    from icalendar import Alarm  # here, not above: see the docstring

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
    alarm.add("description", description)
    return alarm


def _plan_span(plan: Plan) -> tuple[dt.date, dt.date]:
    """From the issue date (1 January of a draft's year) to the last phase's end, else the year's end."""
    start = plan.document.date or dt.date(plan.document.the_year, 1, 1)
    ends = [p.end.last for p in plan.phases if p.end is not None and p.end.last is not None]
    return start, max(ends, default=dt.date(start.year, 12, 31))


def _next_occurrence(due: When, start: dt.date) -> dt.date | None:
    """The first day on or after ``start`` that a monthly or yearly date falls on (a 31st skips short months)."""
    for offset in range(0, 48):
        year, month = divmod(start.month - 1 + offset, 12)
        year, month = start.year + year, month + 1
        if due.every == "year" and month != due.month:
            continue
        day = due.day or 1
        if day <= calendar.monthrange(year, month)[1] and (found := dt.date(year, month, day)) >= start:
            return found
    return None


def _event(uid: str, stamp: dt.datetime, first: dt.date, last: dt.date, summary: str, description: str) -> Event:
    """An all-day event from ``first`` to ``last`` inclusive (DTEND is the day after, RFC 5545).

    It is marked transparent: a phase of two months must not show the unit as busy.
    """
    from icalendar import Event  # here, not above: see the docstring

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event
