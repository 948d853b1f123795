"""``kehoach print-pack``: one PDF to print, made from the documents a render writes.

Every unit's checklist in plan order, or one unit's letter and checklist: the
documents are rendered (and converted) as ``render --pdf`` does, then joined.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.publish import commit, packs
from kehoach.publish.manifest import WrittenFile
from kehoach.publish.pipeline import run_render
from kehoach.render import kinds, pdf
from kehoach.text.errors import UsageError

PRINT_DIR = "in-an"

#: A print pack's parts: each an outline entry (its title) and the PDFs it joins.
Parts = list[tuple[str, Sequence[Path]]]


@commit.exclusive_run
def run_print_pack(plan_path: Path, out_dir: Path, unit_id: str | None = None) -> WrittenFile:
    """One PDF to print: every unit's checklist in plan order, or one unit's letter and checklist."""
    # the plan is not kept: the render loads its own, and two copies of a province's plan weigh
    name, parts = _contents(load_plan(plan_path).plan, out_dir, unit_id)
    asked = [kinds.CHECKLIST] if unit_id is None else [kinds.LETTER, kinds.CHECKLIST]
    run_render(plan_path, out_dir, [k.only or "" for k in asked], [unit_id] if unit_id else [], pdf=True)
    return packs.publish_print(out_dir, name, parts, unit_id)


def _contents(plan: Plan, out_dir: Path, unit_id: str | None) -> tuple[str, Parts]:
    """The pack's name and parts: the PDFs ``render --pdf`` makes beside the documents."""
    if unit_id is None:
        checklists: Parts = [(u.name, [_pdf(out_dir, kinds.CHECKLIST, plan, u.id)]) for u in plan.units]
        return f"{PRINT_DIR}/bang-theo-doi.pdf", checklists
    if plan.unit(unit_id) is None:
        raise UsageError("unit.unknown", id=unit_id, known=", ".join(u.id for u in plan.units))
    return f"{PRINT_DIR}/{unit_id}.pdf", [
        ("Công văn", [_pdf(out_dir, kinds.LETTER, plan, unit_id)]),
        ("Bảng theo dõi", [_pdf(out_dir, kinds.CHECKLIST, plan, unit_id)]),
    ]


def _pdf(out_dir: Path, kind: kinds.DocumentKind, plan: Plan, unit_id: str) -> Path:
    """The PDF ``render --pdf`` made beside the unit's document of this kind."""
    return out_dir / (pdf.pdf_name(kind.name_for(plan, unit_id)) or "")
