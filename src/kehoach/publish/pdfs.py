"""PDFs beside the DOCX files (``render --pdf``) and print packs (``kehoach print-pack``).

PDFs are kehoach's files like the DOCX they come from: recorded in the manifest
(made from the DOCX's hash, so an unchanged document is not converted again),
written all at once, never over a file changed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.publish import commit
from kehoach.publish.manifest import (
    MANIFEST,
    Entry,
    HandEditedError,
    Manifest,
    WrittenFile,
    backup_name,
    hand_edited,
    is_unchanged,
    sha256,
)
from kehoach.render import pdf
from kehoach.render.pdf import pdf_name


@dataclass(frozen=True)
class PdfResult:
    """PDFs written, and those already up to date."""

    written: list[WrittenFile]
    unchanged: list[str]


def publish_pdfs(out_dir: Path, names: list[str], force: bool = False) -> PdfResult:
    """Convert the named Word documents of ``out_dir`` whose PDF is missing or older, in one run.

    Other files among ``names`` (web pages, calendars) have no PDF and are passed over.
    """
    manifest = Manifest.load(out_dir)
    siblings = {name: sibling for name in names if (sibling := pdf_name(name))}
    todo, unchanged = [], []
    for name, sibling in siblings.items():
        if is_unchanged(out_dir, manifest, sibling, manifest.files[name].sha256):
            unchanged.append(sibling)
        else:
            todo.append(name)
    edited = hand_edited(out_dir, manifest, [siblings[n] for n in todo])
    if edited and not force:
        raise HandEditedError(edited)
    if not todo:
        return PdfResult([], unchanged)
    converted = pdf.convert([out_dir / name for name in todo])
    files = {siblings[name]: (converted[out_dir / name], manifest.files[name]) for name in todo}
    _commit(out_dir, manifest, files, {n: backup_name(out_dir, n) for n in edited})
    return PdfResult([WrittenFile(name, len(data)) for name, (data, _) in files.items()], unchanged)


def _commit(out_dir: Path, manifest: Manifest, files: dict, backups: dict[str, str]) -> None:  # type: ignore[type-arg]
    with commit.Staging(out_dir) as staging:
        for name, (data, source) in files.items():
            stat = staging.write(name, data)
            manifest.files[name] = Entry(sha256(data), source.sha256, "pdf", source.unit, len(data), stat.st_mtime_ns)
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(commit.Change(writes=[*files, MANIFEST], backups=backups))


def publish_print(out_dir: Path, name: str, data: bytes, unit_id: str | None) -> WrittenFile:
    """Commit a print pack into ``out_dir`` and record it in the manifest."""
    manifest = Manifest.load(out_dir)
    with commit.Staging(out_dir) as staging:
        stat = staging.write(name, data)
        manifest.files[name] = Entry(sha256(data), "", "print-pack", unit_id, len(data), stat.st_mtime_ns)
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(commit.Change(writes=[name, MANIFEST]))
    return WrittenFile(name, len(data))
