"""A change notice for one unit: "V/v điều chỉnh Kế hoạch số 15/KH-UBND".

After a revision, each unit whose share of the plan changed is told what changed
for it, and only that: tasks added (or moved to it), removed (or moved away),
reworded, and times that moved. Built from :func:`kehoach.diff.changes_for_unit`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.diff import FieldChange, PlanDiff, TaskChange, UnitChanges, Value, changes_for_unit, notice_subject
from kehoach.plan.model import Plan
from kehoach.plan.terms import sentence_name
from kehoach.plan.when import When
from kehoach.text import markup, messages, vn
from kehoach.text.markup import Run
from kehoach.views.common import (
    CLOSING,
    HEADING,
    TEXT,
    Header,
    Paragraph,
    Signature,
    cited_plan,
    letter_header,
    signature,
)

#: Phase fields a notice tells of (the phase's id is the plan's own business).
NOTICE_PHASE_FIELDS = ("name", "start", "end", "connector", "description")
#: A time that is only a date ("31/10/2025"), which a sentence introduces with "ngày".
BARE_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


@dataclass(frozen=True)
class NoticeView:
    """What a change notice shows (the same layout as a letter)."""

    unit_id: str
    unit_name: str
    header: Header
    addressee: str
    body: list[Paragraph]
    signature: Signature
    #: True: a notice renders through the letter's template, which tests this where the two differ.
    notice: bool = True


def notice_view(diff: PlanDiff, unit_id: str, lang: str = "vi") -> NoticeView:
    """The notice telling ``unit_id`` what the revision changed for it."""
    changes = changes_for_unit(diff, unit_id, lang)
    plan = diff.new
    head = letter_header(plan, notice_subject(diff, lang))
    return NoticeView(
        unit_id=unit_id,
        unit_name=changes.unit_name,
        header=head,
        addressee=f"Kính gửi: {changes.unit_name}.",
        body=list(_body(diff, changes, lang)),
        signature=signature(plan, ["Như trên"]),
    )


def _say(code: str, lang: str, **args: object) -> str:
    return messages.text(f"notice.{code}", lang, **args)


def _unit_name(plan: Plan, unit_id: str | None) -> str:
    unit = plan.unit(unit_id) if unit_id else None
    return unit.name if unit else (unit_id or "")


def _body(diff: PlanDiff, changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    plan = diff.new
    issuer = plan.issuer.short_name or plan.issuer.full_name
    subject = vn.lower_first(markup.plain(plan.document.subject))
    unit = plan.unit(changes.unit_id)
    # inside a Vietnamese sentence the unit has its sentence form ("các chủ đầu tư …")
    name = sentence_name(unit) if unit is not None and lang == "vi" else changes.unit_name
    yield Paragraph(
        TEXT, (Run(_say("opening", lang, plan=cited_plan(plan), subject=subject, issuer=issuer, unit=name)),)
    )
    groups = [
        ("added", list(_added(diff, changes, lang))),
        ("removed", list(_removed(diff, changes, lang))),
        ("reworded", list(_reworded(changes, lang))),
        ("times", list(_times(changes, lang))),
        ("body", list(_body_tasks(changes, lang))),
        ("general", list(_general(changes, lang))),
    ]
    number = 0
    for key, lines in groups:
        if lines:
            number += 1
            yield Paragraph(HEADING, (Run(f"{number}. {_say('group.' + key, lang)}", bold=True),))
            yield from lines
    verb = "closing.request" if unit is not None and unit.relation == "đề nghị" else "closing.assign"
    yield Paragraph(CLOSING, (Run(_say(verb, lang, symbol=plan.symbol, unit=name)),))


def _task_line(text: str, note: str = "") -> Paragraph:
    runs = [Run("- "), *markup.parse(text)]
    if note:
        runs.append(Run(f" ({note})", italic=True))
    return Paragraph(TEXT, tuple(runs))


def _added(diff: PlanDiff, changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    for task in changes.new_tasks:
        note = _say("moved_from", lang, unit=_unit_name(diff.old, task.old_unit)) if task.kind == "moved" else ""
        yield _task_line(task.text, note)


def _removed(diff: PlanDiff, changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    for task in changes.removed_tasks:
        note = _say("moved_to", lang, unit=_unit_name(diff.new, task.new_unit)) if task.kind == "moved" else ""
        old = task.old.text if task.old else task.text
        yield _task_line(old, note)


def _reworded(changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    for task in changes.reworded:
        yield Paragraph(TEXT, (Run(_say("reworded", lang, n=task.new_number or task.old_number or "")),))
        yield _task_line(_new_text(task))


def _new_text(task: TaskChange) -> str:
    return task.new.text if task.new else task.text


def _body_tasks(changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    """Tasks of the body of the plan given to the unit: added, no longer given, or now reading."""
    for change in changes.body_tasks:
        if change.kind == "added":
            yield _task_line(_say("body.added", lang, text=change.new or ""))
        elif change.kind == "removed":
            yield _task_line(_say("body.removed", lang, text=change.old or ""))
        else:
            yield _task_line(_say("body.changed", lang, text=change.new or ""))


def _times(changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    for moved in changes.deadlines:
        old, new = _when(moved.old, lang), _when(moved.new, lang)
        text = _change("deadline", lang, text=_short(moved.text), old=old, new=new)
        yield Paragraph(TEXT, (Run(f"- {text}"),))
    for phase in changes.phases:
        for change in phase.fields:
            if change.field in NOTICE_PHASE_FIELDS:
                what = _say(f"what.{change.field}", lang)
                text = _change("phase", lang, name=phase.name, what=what, **_values(change, lang))
                yield Paragraph(TEXT, (Run(f"- {text}"),))


def _general(changes: UnitChanges, lang: str) -> Iterator[Paragraph]:
    for change in changes.header:
        what = messages.text(f"diff.field.{change.field}", lang)
        yield Paragraph(TEXT, (Run(f"- {_change('field', lang, what=what, **_values(change, lang))}"),))
    if changes.report is not None:
        what = _say("what.report", lang)
        yield Paragraph(TEXT, (Run(f"- {_change('field', lang, what=what, **_values(changes.report, lang))}"),))
    for task in changes.changed_tasks:
        for change in (f for f in task.fields if f.field == "report"):
            what = _say("what.task_report", lang, n=task.new_number or "")
            yield Paragraph(TEXT, (Run(f"- {_change('field', lang, what=what, **_values(change, lang))}"),))
    if changes.unit is not None:
        for change in changes.unit.fields:
            what = _say(f"what.unit.{change.field}", lang)
            yield Paragraph(TEXT, (Run(f"- {_change('field', lang, what=what, **_values(change, lang))}"),))


def _change(code: str, lang: str, old: str, new: str, **args: object) -> str:
    """A change in words, as a letter says it: "điều chỉnh … từ … thành …", "bổ sung …" or "bỏ …".

    A formal letter does not write "31/10/2025 → 15/11/2025".
    """
    if not old:
        return _say(f"{code}_set", lang, new=new, **args)
    if not new:
        return _say(f"{code}_cleared", lang, old=old, **args)
    return _say(code, lang, old=old, new=new, **args)


def _values(change: FieldChange, lang: str) -> dict[str, str]:
    return {"old": _value(change.old, change.old_text, lang), "new": _value(change.new, change.new_text, lang)}


def _value(value: Value, text: str, lang: str) -> str:
    """A value inside a sentence: a date as "ngày 31/10/2025", a time as written, words in quotation marks."""
    if not text:
        return ""
    if isinstance(value, When | dt.date):
        return _when(text, lang)
    if isinstance(value, int | float):
        return text
    return _say("quoted", lang, text=text)


def _when(text: str, lang: str) -> str:
    """A time as a letter states it; a bare date gets its "ngày"."""
    return _say("date", lang, date=text) if BARE_DATE.match(text) else text


def _short(text: str, words: int = 12) -> str:
    """The task's first words, without the full stop the sentence that quotes them does not want."""
    parts = markup.plain(text).split()
    return " ".join(parts[:words]) + " …" if len(parts) > words else " ".join(parts).rstrip(".;:,")
