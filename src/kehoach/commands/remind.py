"""``kehoach remind``: a công văn đôn đốc for each unit with tasks overdue or not reported.

As of the day given (the command line's ``--as-of``, else today), from progress.yaml.
The reminders go into ``out/don-doc/<unit id>.docx`` through the same all-or-nothing
commit and manifest as ``render`` and ``notify`` (a reminder edited by hand is not
overwritten without ``--force``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.commands.status import run_status
from kehoach.publish import commit
from kehoach.publish.pipeline import RenderResult, publish
from kehoach.render import kinds
from kehoach.text.errors import Problem
from kehoach.views.reminder import pending, reminder_view

#: The output folder when ``--out`` is not given, as for ``render``.
OUT_DIR = Path("out")


@dataclass(frozen=True)
class RemindResult:
    """The reminders written or unchanged (none: every unit is up to date), and warnings about progress.yaml."""

    rendered: RenderResult
    count: int
    warnings: list[Problem] = field(default_factory=list)


@commit.exclusive_run
def run_remind(
    plan_path: Path, as_of: dt.date, unit_id: str | None = None, out_dir: Path = OUT_DIR, force: bool = False
) -> RemindResult:
    """Write a reminder for every unit (or ``unit_id``) with tasks overdue or unreported on ``as_of``."""
    status = run_status(plan_path, as_of, unit_id)
    plan = status.plan
    documents = [
        kinds.document(kinds.REMINDER, plan, u.id, reminder_view(plan, status.view, u), plan_path.parent)
        for u in plan.units
        if pending(status.view, u.id)
    ]
    done = publish(plan, plan_path.parent, out_dir, documents, force=force)
    rendered = RenderResult(out_dir, done.written, done.unchanged, done.backups)
    return RemindResult(rendered, len(documents), status.warnings)
