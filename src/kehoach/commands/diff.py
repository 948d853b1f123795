"""``kehoach diff [OLD] [NEW]``: what a revision of the plan changed, by meaning.

OLD and NEW are plan files or git revisions of the plan (HEAD's plan against the
working copy by default). The result lists the changes and the units whose
letters and checklists change; ``--docx`` also writes the new plan document with
Word tracked changes against the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach import diff, gitplan, render
from kehoach.errors import UsageError
from kehoach.model import Plan


@dataclass(frozen=True)
class DiffResult:
    """Two sides of a revision and what changed between them."""

    old_label: str
    new_label: str
    diff: diff.PlanDiff
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


def run_diff(old: str | None, new: str | None, plan_path: Path) -> DiffResult:
    """Compare two sides of the plan (see :func:`kehoach.gitplan.resolve_sides`)."""
    old_side, new_side = gitplan.resolve_sides(old, new, plan_path)
    changes = diff.diff_plans(gitplan.load_side(old_side), gitplan.load_side(new_side))
    return DiffResult(old_side.label, new_side.label, changes, diff.affected_units(changes))


def write_redline(result: DiffResult, target: Path, plan_dir: Path) -> Path:
    """The new plan document with Word tracked changes against the old one (python-redlines)."""
    try:
        from python_redlines import DocxodusEngine
    except ImportError:
        raise UsageError("redline.missing") from None
    original = _plan_document(result.diff.old, plan_dir)
    modified = _plan_document(result.diff.new, plan_dir)
    redline, _, _ = DocxodusEngine().run_redline("kehoach", original=original, modified=modified)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(redline)
    return target


def _plan_document(plan: Plan, plan_dir: Path) -> bytes:
    document = render.documents(plan)[0]
    return render.render_document(document, plan, render.find_template(document.template, plan_dir))
