"""PDFs beside the DOCX files (``render --pdf``); print packs are :mod:`kehoach.publish.packs`.

PDFs are kehoach's files like the DOCX they come from: recorded in the manifest
(made from the DOCX's hash, so an unchanged document is not converted again),
never over a file changed by hand. ``render --pdf`` converts the DOCX files it
has just staged, before its commit, and stages their PDFs beside them: the DOCX
and its PDF reach ``out/`` in the same commit, so a PDF is never older than its DOCX.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kehoach.publish import commit
from kehoach.publish.manifest import (
    Entry,
    HandEditedError,
    Manifest,
    WrittenFile,
    hand_edited,
    is_unchanged,
    safe_relative,
    sha256,
)
from kehoach.render import kinds, pdf
from kehoach.render.pdf import pdf_name


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
