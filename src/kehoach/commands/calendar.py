"""``kehoach calendar``: the plan's phases and a unit's deadlines as an iCalendar file.

Without ``-o`` the calendar goes where ``render --ics`` puts it (``out/<plan>.ics``,
``out/lich/<unit id>.ics``), through the same all-or-nothing commit and manifest,
so the two commands never disagree about a file. What the calendar leaves out
comes back as warnings at their place in plan.yaml, as ``render --ics`` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kehoach.plan.validate import LoadedPlan, load_plan
from kehoach.publish import commit
from kehoach.publish.files import write_atomic
from kehoach.publish.pipeline import check_units, publish
from kehoach.render import kinds
from kehoach.render.ics import calendar_for, ics_bytes, left_out
from kehoach.text.errors import Problem

#: The output folder when neither ``-o`` nor ``--out`` says otherwise, as for ``render``.
OUT_DIR = Path("out")


@dataclass(frozen=True)
class CalendarResult:
    """Where the calendar is, whether this run changed it, and what it leaves out."""

    path: Path
    written: bool
    notes: list[Problem]
    backups: dict[str, str] = field(default_factory=dict)


@commit.exclusive_run
def run_calendar(
    plan_path: Path,
    target: Path | None = None,
    unit_id: str | None = None,
    lang: str = "vi",
    out_dir: Path = OUT_DIR,
    force: bool = False,
) -> CalendarResult:
    """Write the calendar of the plan (or of ``unit_id``) to ``target``, or into ``out_dir`` as render does."""
    loaded = load_plan(plan_path)
    if unit_id is not None:
        check_units(loaded.plan, [unit_id])
    notes = left_out(loaded, [unit_id])
    if target is None:
        return _publish(loaded, plan_path, out_dir, unit_id, notes, force)
    write_atomic(target, ics_bytes(calendar_for(loaded.plan, unit_id, lang)[0]))
    return CalendarResult(target, True, notes)


def calendar_document(loaded: LoadedPlan, unit_id: str | None) -> kinds.Document:
    """The calendar among the documents ``render --ics`` makes: one name for both commands."""
    return kinds.document(kinds.CALENDAR, loaded.plan, unit_id)


def _publish(
    loaded: LoadedPlan, plan_path: Path, out_dir: Path, unit_id: str | None, notes: list[Problem], force: bool
) -> CalendarResult:
    document = calendar_document(loaded, unit_id)
    done = publish(loaded.plan, plan_path.parent, out_dir, [document], force=force)
    return CalendarResult(out_dir / document.name, bool(done.written), notes, done.backups)
