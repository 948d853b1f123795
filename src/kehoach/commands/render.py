"""``kehoach render``: every document of the plan, written into ``out/`` at once.

The plan document, one letter (công văn) and one checklist per unit. ``only``
and ``units`` narrow the run; everything is rendered in memory first and written
all together, so a failure leaves ``out/`` as it was.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kehoach import render, views, writer
from kehoach.errors import Problem, UsageError
from kehoach.model import Plan
from kehoach.validate import load_plan

KINDS = ("plan", "letters", "checklists")


@dataclass(frozen=True)
class WrittenFile:
    """One file of the run, relative to the output folder."""

    name: str
    size: int


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote, and the plan's warnings."""

    out_dir: Path
    files: list[WrittenFile]
    warnings: list[Problem]


@dataclass(frozen=True)
class Job:
    """A document to render: its file name and how to make its bytes."""

    name: str
    make: Callable[[], bytes]


def jobs(plan: Plan, plan_dir: Path, only: Iterable[str] = (), unit_ids: Iterable[str] = ()) -> list[Job]:
    """The documents a run makes, in plan order."""
    kinds = set(only) or set(KINDS)
    wanted = list(unit_ids)
    check_units(plan, wanted)
    out: list[Job] = []
    if "plan" in kinds and not wanted:
        out.append(Job(render.plan_file_name(plan), lambda: render.render_plan(plan, plan_dir)))
    for unit in plan.units:
        if wanted and unit.id not in wanted:
            continue
        view = views.unit_view(plan, unit)
        if "letters" in kinds:
            out.append(Job(render.letter_file_name(unit), _bind(render.render_letter, plan, view, plan_dir)))
        if "checklists" in kinds:
            out.append(
                Job(render.checklist_file_name(unit), _bind(render.render_checklist, plan, view, plan_dir))
            )
    return out


def _bind(function, plan, view, plan_dir):  # type: ignore[no-untyped-def]
    return lambda: function(plan, view, plan_dir)


def check_units(plan: Plan, wanted: list[str]) -> None:
    """Every asked unit id exists, or a usage error naming the known ones."""
    known = [u.id for u in plan.units]
    for unit_id in wanted:
        if unit_id not in known:
            close = difflib.get_close_matches(unit_id, known, n=1)
            args = {"id": unit_id, "known": ", ".join(known)}
            if close:
                args["suggestion"] = close[0]
            raise UsageError("unit.unknown", **args)


def run_render(
    plan_path: Path, out_dir: Path, only: Iterable[str] = (), unit_ids: Iterable[str] = ()
) -> RenderResult:
    """Validate, render the asked documents in memory, then write them all or none."""
    loaded = load_plan(plan_path)
    files = {job.name: job.make() for job in jobs(loaded.plan, plan_path.parent, only, unit_ids)}
    writer.write_all(out_dir, files)
    written = [WrittenFile(name, len(data)) for name, data in files.items()]
    return RenderResult(out_dir, written, loaded.warnings)
