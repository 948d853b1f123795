"""PDFs beside the DOCX files (``render --pdf``) and print packs (``kehoach print-pack``).

PDFs are kehoach's files like the DOCX they come from: recorded in the manifest
(made from the DOCX's hash, so an unchanged document is not converted again),
never over a file changed by hand. ``render --pdf`` converts the DOCX files it
has just staged, before its commit, and stages their PDFs beside them: the DOCX
and its PDF reach ``out/`` in the same commit, so a PDF is never older than its DOCX.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kehoach.publish import commit
from kehoach.publish.manifest import (
    MANIFEST,
    Entry,
    HandEditedError,
    Manifest,
    WrittenFile,
    hand_edited,
    is_unchanged,
    safe_relative,
    sha256,
)
from kehoach.render import kinds, pack, pdf
from kehoach.render.pdf import pdf_name
from kehoach.text.errors import OutputError


@dataclass(frozen=True)
class Needed:
    """The PDFs a run must make (PDF name: its DOCX's name) and those already made from the same DOCX."""

    todo: dict[str, str]
    unchanged: list[str]


def needed(out_dir: Path, manifest: Manifest, documents: Iterable[kinds.Document]) -> Needed:
    """Which of the documents' PDFs are missing or made from another version of their DOCX.

    Only kinds that convert (Word documents) have a PDF; ``manifest`` already records
    the DOCX files this run staged.
    """
    todo: dict[str, str] = {}
    unchanged: list[str] = []
    for document in documents:
        sibling = pdf_name(document.name)
        source = manifest.files.get(document.name)
        if sibling is None or source is None or not kinds.kind(document.kind).converts_to_pdf:
            continue
        if is_unchanged(out_dir, manifest, sibling, source.sha256):
            unchanged.append(sibling)
        else:
            todo[sibling] = document.name
    return Needed(todo, unchanged)


def hand_edits(out_dir: Path, manifest: Manifest, names: list[str], force: bool) -> list[str]:
    """PDFs about to be replaced that were changed by hand: they stop the run, or with ``force``
    are returned, to be kept as .bak copies once the new ones are made."""
    edited = hand_edited(out_dir, manifest, names)
    if edited and not force:
        raise HandEditedError(edited)
    return edited


def stage_pdfs(
    staging: commit.Staging, manifest: Manifest, todo: dict[str, str], staged: set[str]
) -> list[WrittenFile]:
    """Convert the DOCX files (those ``staged`` by this run from the staging folder), one LibreOffice per core.

    The PDFs are staged and recorded in ``manifest``; nothing is committed here. A
    failed conversion raises before anything is staged.
    """
    if not todo:
        return []
    sources = {name: _source(staging, name, staged) for name in todo.values()}
    converted = pdf.convert(list(sources.values()))
    written = []
    for sibling, name in todo.items():
        data, source = converted[sources[name]], manifest.files[name]
        stat = staging.write(sibling, data)
        manifest.files[sibling] = Entry(sha256(data), source.sha256, "pdf", source.unit, len(data), stat.st_mtime_ns)
        written.append(WrittenFile(sibling, len(data)))
    return written


def _source(staging: commit.Staging, name: str, staged: set[str]) -> Path:
    """The DOCX as this run leaves it: the staged copy, or the file in out/ the run keeps."""
    return staging.staged(name) if name in staged else staging.out_dir / safe_relative(name)


def publish_print(
    out_dir: Path, name: str, parts: Sequence[tuple[str, Sequence[Path]]], unit_id: str | None
) -> WrittenFile:
    """Join ``parts`` (title, PDFs) into a print pack, commit it into ``out_dir`` and record it in the manifest.

    The pack is written straight into the staging folder, page by page: a thousand
    checklists make 65 MB that are never in memory at once.
    """
    manifest = Manifest.load(out_dir)
    with commit.Staging(out_dir) as staging:
        staging.write(name, b"")  # the folders it goes in
        path = staging.staged(name)
        try:
            with open(path, "wb") as target:
                pack.join(parts, target)
            with open(path, "rb") as written:
                digest = hashlib.file_digest(written, "sha256").hexdigest()
            stat = path.stat()
        except OSError as exc:
            raise OutputError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc)) from None
        manifest.files[name] = Entry(digest, "", "print-pack", unit_id, stat.st_size, stat.st_mtime_ns)
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(commit.Change(writes=[name, MANIFEST]))
    return WrittenFile(name, stat.st_size)
