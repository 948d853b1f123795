"""PDFs beside the DOCX files (``render --pdf``) and print packs (``kehoach print-pack``).

PDFs are kehoach's files like the DOCX they come from: recorded in the manifest
(made from the DOCX's hash, so an unchanged document is not converted again),
written all at once, never over a file changed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach import output, pdf
from kehoach.commands.render import HandEditedError, WrittenFile, run_render
from kehoach.errors import UsageError
from kehoach.pdf import pdf_name
from kehoach.validate import load_plan

PRINT_DIR = "in-an"


@dataclass(frozen=True)
class PdfResult:
    """PDFs written, and those already up to date."""

    written: list[WrittenFile]
    unchanged: list[str]


def publish_pdfs(out_dir: Path, names: list[str], force: bool = False) -> PdfResult:
    """Convert the named Word documents of ``out_dir`` whose PDF is missing or older, in one run.

    Other files among ``names`` (web pages, calendars) have no PDF and are passed over.
    """
    manifest = output.Manifest.load(out_dir)
    siblings = {name: sibling for name in names if (sibling := pdf_name(name))}
    todo, unchanged = [], []
    for name, sibling in siblings.items():
        if output.is_unchanged(out_dir, manifest, sibling, manifest.files[name].sha256):
            unchanged.append(sibling)
        else:
            todo.append(name)
    edited = output.hand_edited(out_dir, manifest, [siblings[n] for n in todo])
    if edited and not force:
        raise HandEditedError(edited)
    if not todo:
        return PdfResult([], unchanged)
    converted = pdf.convert([out_dir / name for name in todo])
    files = {siblings[name]: (converted[out_dir / name], manifest.files[name]) for name in todo}
    _commit(out_dir, manifest, files, {n: output.backup_name(out_dir, n) for n in edited})
    return PdfResult([WrittenFile(name, len(data)) for name, (data, _) in files.items()], unchanged)


def _commit(out_dir: Path, manifest: output.Manifest, files: dict, backups: dict[str, str]) -> None:  # type: ignore[type-arg]
    with output.Staging(out_dir) as staging:
        for name, (data, source) in files.items():
            stat = staging.write(name, data)
            manifest.files[name] = output.Entry(
                output.sha256(data), source.sha256, "pdf", source.unit, len(data), stat.st_mtime_ns
            )
        staging.write(output.MANIFEST, manifest.to_bytes())
        staging.commit(output.Change(writes=[*files, output.MANIFEST], backups=backups))


@output.exclusive_run
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
    data = pdf.join(parts)
    manifest = output.Manifest.load(out_dir)
    with output.Staging(out_dir) as staging:
        stat = staging.write(name, data)
        manifest.files[name] = output.Entry(output.sha256(data), "", "print-pack", unit_id, len(data), stat.st_mtime_ns)
        staging.write(output.MANIFEST, manifest.to_bytes())
        staging.commit(output.Change(writes=[name, output.MANIFEST]))
    return WrittenFile(name, len(data))
