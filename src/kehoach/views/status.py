"""Where the plan stands on a day: each unit's tasks with what it reported, per unit and per phase.

A task is the row of a unit's checklist numbered "1", "2"…; its sub-items ("2.1") are
reported too, and count for it when its own row says less: all of them done is the task
done, some begun is the task in progress. A task is overdue when its deadline (its own,
or its phase's end: :func:`kehoach.plan.terms.task_time`) is before the day asked and it
is not done. The day is given: views never read the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kehoach.plan.model import Plan, Unit
from kehoach.plan.progress import STATUSES, Entry, Progress, Status
from kehoach.views.common import cited_plan
from kehoach.views.unit import UnitTask, unit_view

#: What a phase's group is called for tasks that belong to no phase.
NO_PHASE = "Không theo đợt"
#: The words a document uses for each status.
STATUS_WORDS: dict[Status, str] = {
    "done": "Hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}


@dataclass(frozen=True)
class TaskStatus:
    """One task of one unit, with what the unit reported (the last report) and whether it is late."""

    unit_id: str
    unit_name: str
    number: str
    key: str
    text: str
    phase: str
    when: str
    due: dt.date | None
    status: Status
    overdue: bool
    result: str
    reported: dt.date | None
    source: str
    #: Whether the unit reported anything on it (its row or a sub-item's).
    has_report: bool = True

    @property
    def status_words(self) -> str:
        """ "Hoàn thành", "Đang thực hiện", "Chưa thực hiện"."""
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class Tally:
    """A group of tasks (a unit's, or a phase's) and its counts."""

    id: str
    name: str
    tasks: list[TaskStatus]

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def done(self) -> int:
        return self._count("done")

    @property
    def in_progress(self) -> int:
        return self._count("in_progress")

    @property
    def not_started(self) -> int:
        return self._count("not_started")

    @property
    def overdue(self) -> int:
        return sum(1 for t in self.tasks if t.overdue)

    def _count(self, status: Status) -> int:
        return sum(1 for t in self.tasks if t.status == status)


@dataclass(frozen=True)
class StatusView:
    """The plan's progress on ``as_of``: per unit, per phase, and all tasks."""

    plan: str
    as_of: dt.date
    units: list[Tally]
    phases: list[Tally]
    total: Tally

    @property
    def overdue(self) -> list[TaskStatus]:
        """Every overdue task, unit by unit."""
        return [t for t in self.total.tasks if t.overdue]


def status_view(plan: Plan, progress: Progress, as_of: dt.date, unit_ids: list[str] | None = None) -> StatusView:
    """The progress of the plan's units (or of ``unit_ids``) as reported up to ``as_of``."""
    units = [u for u in plan.units if unit_ids is None or u.id in unit_ids]
    tallies = [_unit_tally(plan, u, progress, as_of) for u in units]
    tallies = [t for t in tallies if t.tasks]
    everything = [task for tally in tallies for task in tally.tasks]
    return StatusView(cited_plan(plan), as_of, tallies, _phases(plan, everything), Tally("", "", everything))


def _unit_tally(plan: Plan, unit: Unit, progress: Progress, as_of: dt.date) -> Tally:
    tasks = [_task(unit, task, progress, as_of) for task in unit_view(plan, unit).tasks]
    return Tally(unit.id, unit.name, tasks)


def _task(unit: Unit, task: UnitTask, progress: Progress, as_of: dt.date) -> TaskStatus:
    own = progress.entry(unit.id, task.key)
    items = [progress.entry(unit.id, f"{task.key}.{i}") for i in range(1, len(task.item_texts) + 1)]
    status = max(own.status if own else "not_started", _items_status(items), key=STATUSES.index)
    return TaskStatus(
        unit_id=unit.id,
        unit_name=unit.name,
        number=str(task.number),
        key=task.key,
        text="".join(run.text for run in task.runs if not run.note),
        phase=task.phase,
        when=task.when,
        due=task.due,
        status=status,
        overdue=task.due is not None and task.due < as_of and status != "done",
        result=_result(task, own, items),
        reported=_last_date([own, *items]),
        source=own.source if own else next((i.source for i in items if i), ""),
        has_report=own is not None or any(items),
    )


def _items_status(items: list[Entry | None]) -> Status:
    """What the sub-items say of their task: all done, some begun, or nothing."""
    if items and all(i is not None and i.status == "done" for i in items):
        return "done"
    if any(i is not None and i.status != "not_started" for i in items):
        return "in_progress"
    return "not_started"


def _result(task: UnitTask, own: Entry | None, items: list[Entry | None]) -> str:
    """The task's result text, and its sub-items' each after their number."""
    parts = [own.result] if own and own.result else []
    parts += [f"{task.number}.{i}: {e.result}" for i, e in enumerate(items, 1) if e is not None and e.result]
    return "; ".join(parts)


def _last_date(entries: list[Entry | None]) -> dt.date | None:
    dates = [e.date for e in entries if e is not None and e.date is not None]
    return max(dates) if dates else None


def _phases(plan: Plan, tasks: list[TaskStatus]) -> list[Tally]:
    """The tasks by phase, in the plan's order of phases, those of no phase last."""
    out = []
    for phase in plan.phases:
        mine = [t for t in tasks if t.phase == phase.name]
        if mine:
            out.append(Tally(phase.key, phase.name, mine))
    named = {p.name for p in plan.phases}
    rest = [t for t in tasks if t.phase not in named]
    if rest:
        out.append(Tally("", NO_PHASE, rest))
    return out


def known_rows(plan: Plan) -> dict[str, list[str]]:
    """Each unit id with its checklist's row keys: what a progress file may name."""
    return {unit.id: [row.id.key for row in unit_view(plan, unit).rows if row.id] for unit in plan.units}
