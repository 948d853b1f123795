"""``kehoach status``: who has done what, who is late, from progress.yaml beside the plan.

The core returns the view (:class:`kehoach.views.status.StatusView`) and the warnings about
the progress file; the command line shows it as text, Markdown or JSON (:func:`status_json`,
the shape scripts rely on). The day is given by the caller: the command line passes today
unless ``--as-of`` says otherwise, and nothing else in kehoach reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.plan.model import Plan
from kehoach.plan.progress import load_progress, progress_path
from kehoach.plan.validate import load_plan
from kehoach.publish.files import write_atomic
from kehoach.publish.pipeline import check_units
from kehoach.render.dashboard import dashboard_html
from kehoach.text.errors import Problem
from kehoach.views.status import StatusView, Tally, TaskStatus, known_rows, status_view


@dataclass(frozen=True)
class StatusResult:
    """The progress on the day asked, and what was wrong in progress.yaml."""

    plan: Plan
    view: StatusView
    warnings: list[Problem] = field(default_factory=list)


def run_status(plan_path: Path, as_of: dt.date, unit_id: str | None = None) -> StatusResult:
    """The plan's progress as of ``as_of`` (of one unit with ``unit_id``)."""
    plan = load_plan(plan_path).plan
    if unit_id is not None:
        check_units(plan, [unit_id])
    loaded = load_progress(progress_path(plan_path), known_rows(plan))
    units = [unit_id] if unit_id is not None else None
    return StatusResult(plan, status_view(plan, loaded.progress, as_of, units), loaded.warnings)


def write_dashboard(view: StatusView, target: Path) -> Path:
    """The dashboard page of ``view`` written to ``target`` (whole or not at all)."""
    write_atomic(target, dashboard_html(view))
    return target


def status_json(view: StatusView) -> dict[str, Any]:
    """``{"plan", "as_of", "units": [...], "phases": [...], "total"}``; each unit or phase
    ``{"id", "name", "total", "done", "in_progress", "not_started", "overdue", "tasks"}``."""
    return {
        "plan": view.plan,
        "as_of": view.as_of.isoformat(),
        "units": [_tally(t) for t in view.units],
        "phases": [_tally(t) for t in view.phases],
        "total": _counts(view.total),
    }


def _counts(tally: Tally) -> dict[str, Any]:
    return {
        "total": tally.total,
        "done": tally.done,
        "in_progress": tally.in_progress,
        "not_started": tally.not_started,
        "overdue": tally.overdue,
    }


def _tally(tally: Tally) -> dict[str, Any]:
    return {"id": tally.id, "name": tally.name, **_counts(tally), "tasks": [_task(t) for t in tally.tasks]}


def _task(task: TaskStatus) -> dict[str, Any]:
    return {
        "unit": task.unit_id,
        "number": task.number,
        "key": task.key,
        "text": task.text,
        "phase": task.phase,
        "when": task.when,
        "due": task.due.isoformat() if task.due else None,
        "status": task.status,
        "overdue": task.overdue,
        "result": task.result,
        "reported": task.reported.isoformat() if task.reported else None,
        "source": task.source,
    }
