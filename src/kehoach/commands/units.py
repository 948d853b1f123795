"""``kehoach units`` and ``kehoach checklist ID``: the units at a glance in a terminal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach import views
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import check_units


@dataclass(frozen=True)
class UnitLine:
    """One unit in the list."""

    id: str
    name: str
    relation: str
    tasks: int


def run_units(plan_path: Path) -> list[UnitLine]:
    """The plan's units, in order, with how many tasks each has."""
    plan = load_plan(plan_path).plan
    return [UnitLine(u.id, u.name, u.relation, len(views.unit_view(plan, u).tasks)) for u in plan.units]


def run_checklist(plan_path: Path, unit_id: str) -> views.UnitView:
    """The view of one unit's checklist (the same one its printed checklist uses)."""
    plan = load_plan(plan_path).plan
    check_units(plan, [unit_id])
    unit = plan.unit(unit_id)
    assert unit is not None
    return views.unit_view(plan, unit)
