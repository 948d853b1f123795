"""``kehoach validate``: is the plan well-formed, and what should its author look at?"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.plan.validate import load_plan
from kehoach.text.errors import Problem


@dataclass(frozen=True)
class ValidateResult:
    """A valid plan's warnings (errors are raised, not returned)."""

    path: Path
    warnings: list[Problem]


def run_validate(plan_path: Path) -> ValidateResult:
    """Load and check ``plan_path``; raises ProblemsError when it is invalid."""
    return ValidateResult(plan_path, load_plan(plan_path).warnings)
