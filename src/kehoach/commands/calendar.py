"""``kehoach calendar``: the plan's phases and a unit's deadlines as an iCalendar file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kehoach.calendar_export import calendar_for, ics_bytes
from kehoach.commands.render import check_units
from kehoach.validate import load_plan


def run_calendar(plan_path: Path, target: Path, unit_id: str | None = None, lang: str = "vi") -> list[str]:
    """Write the calendar to ``target`` (atomically); return notes on what it leaves out."""
    plan = load_plan(plan_path).plan
    if unit_id is not None:
        check_units(plan, [unit_id])
    calendar, notes = calendar_for(plan, unit_id, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".kehoach-", dir=target.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(ics_bytes(calendar))
    os.replace(temp, target)
    return notes
