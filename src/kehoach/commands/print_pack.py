"""``kehoach print-pack``: one PDF to print, made from the documents a render writes.

Every unit's checklist in plan order, or one unit's letter and checklist: the
documents are rendered (and converted) as ``render --pdf`` does, then joined.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.plan.validate import load_plan
from kehoach.publish import commit, pdfs
from kehoach.publish.manifest import WrittenFile
from kehoach.publish.pipeline import run_render
from kehoach.render import pdf
from kehoach.text.errors import UsageError

PRINT_DIR = "in-an"


@commit.exclusive_run
def run_print_pack(plan_path: Path, out_dir: Path, unit_id: str | None = None) -> WrittenFile:
    """One PDF to print: every unit's checklist in plan order, or one unit's letter and checklist."""
    plan = load_plan(plan_path).plan
    if unit_id is not None and plan.unit(unit_id) is None:
        raise UsageError("unit.unknown", id=unit_id, known=", ".join(u.id for u in plan.units))
    kinds = ["checklists"] if unit_id is None else ["letters", "checklists"]
    run_render(plan_path, out_dir, kinds, [unit_id] if unit_id else [], pdf=True)
    if unit_id is None:
        parts = [(u.name, [out_dir / f"checklist/{u.id}.pdf"]) for u in plan.units]
        name = f"{PRINT_DIR}/bang-theo-doi.pdf"
    else:
        parts = [
            ("Công văn", [out_dir / f"giao-viec/{unit_id}.pdf"]),
            ("Bảng theo dõi", [out_dir / f"checklist/{unit_id}.pdf"]),
        ]
        name = f"{PRINT_DIR}/{unit_id}.pdf"
    return pdfs.publish_print(out_dir, name, pdf.join(parts), unit_id)
