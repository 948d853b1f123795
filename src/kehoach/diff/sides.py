"""Two sides of the plan (files or git revisions) and what changed between them.

``kehoach diff`` shows it, ``kehoach notify`` writes change notices from it and
``render --changed-since`` narrows a run with it: one comparison for all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.diff.changes import PlanDiff
from kehoach.diff.compare import diff_plans
from kehoach.diff.units import affected_units
from kehoach.plan import git


@dataclass(frozen=True)
class DiffResult:
    """Two sides of a revision and what changed between them."""

    old_label: str
    new_label: str
    diff: PlanDiff
    affected: list[str]

    @property
    def changed(self) -> bool:
        """Whether anything at all changed."""
        return not self.diff.is_empty

    def affected_names(self) -> list[str]:
        """The affected units by name (from the new plan, or the old one for a removed unit)."""
        names = []
        for unit_id in self.affected:
            unit = self.diff.new.unit(unit_id) or self.diff.old.unit(unit_id)
            names.append(unit.name if unit else unit_id)
        return names


def compare_sides(old: str | None, new: str | None, plan_path: Path) -> DiffResult:
    """Compare two sides of the plan (see :func:`kehoach.plan.git.resolve_sides`)."""
    old_side, new_side = git.resolve_sides(old, new, plan_path)
    changes = diff_plans(git.load_side(old_side), git.load_side(new_side))
    return DiffResult(old_side.label, new_side.label, changes, affected_units(changes))
