"""``kehoach diff [OLD] [NEW]``: what a revision of the plan changed, by meaning.

OLD and NEW are plan files or git revisions of the plan (HEAD's plan against the
working copy by default). The result lists the changes and the units whose
letters and checklists change; ``--docx`` also writes the new plan document with
Word tracked changes against the old one.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.diff.sides import DiffResult, compare_sides
from kehoach.plan.model import Plan
from kehoach.render import kinds
from kehoach.text.errors import UsageError


def run_diff(old: str | None, new: str | None, plan_path: Path) -> DiffResult:
    """Compare two sides of the plan: files, or git revisions of ``plan_path``."""
    return compare_sides(old, new, plan_path)


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
    document = kinds.documents(plan)[0]
    return kinds.render_document(document, plan, kinds.template_for(document, plan_dir))
