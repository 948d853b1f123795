"""``kehoach import SOURCE``: an existing plan (DOCX, PDF, text) turned into plan.yaml.

The source is read into paragraphs (:mod:`kehoach.importer`), recognised part by part,
and written as a commented plan.yaml. What is written is validated first: the command
never leaves a plan kehoach would refuse. An existing output file is replaced only when
asked (``force``), and atomically, so a failed run leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.commands.init import writing
from kehoach.importer import docx_source, letters, notices, pdf_source, recognise, repair, source, yaml_out
from kehoach.importer.recognise import Imported
from kehoach.plan.validate import load_text
from kehoach.text import messages
from kehoach.text.errors import KehoachError, ProblemsError, UsageError

#: Sources larger than this are not plans (a 15-page plan is some 50 KB of text).
MAX_SOURCE = 50 * 1024 * 1024
KINDS = (".docx", ".pdf", ".txt", ".text", ".md")


@dataclass(frozen=True)
class ImportResult:
    """The plan.yaml written (or to print), where it went (None: standard output), what was
    found, how many parts are marked uncertain, and the source's slips."""

    text: str
    target: Path | None
    counts: dict[str, int]
    uncertain: int
    warnings: tuple[tuple[str, dict[str, Any]], ...]


def run_import(path: Path, output: Path | None, force: bool = False) -> ImportResult:
    """Import ``path`` into ``output`` (None: only return the text, for ``-o -``)."""
    if output is not None and output.exists() and not output.is_file():
        # a folder, or a device such as /dev/null: never replaced by a plan, even with --force
        raise UsageError("import.not_a_file", path=str(output))
    if output is not None and output.exists() and not force:
        raise UsageError("import.exists", path=str(output))
    imported = read(path)
    text = _valid_text(path, imported, output or Path("plan.yaml"))
    if output is not None:
        _write(output, text)
    notes = imported.notes
    return ImportResult(
        text, output, imported.counts, sum(len(c) for c in notes.comments.values()), tuple(notes.warnings)
    )


#: Rounds of repairs (:mod:`kehoach.importer.repair`) before a plan kehoach refuses is given up.
REPAIRS = 5


def _valid_text(path: Path, imported: Imported, name: Path) -> str:
    """The plan.yaml text, validated: what the checks refuse is repaired and marked, round by
    round; a plan still refused is an error naming the first problem (nothing is written)."""
    for _ in range(REPAIRS + 1):
        text = yaml_out.dump(imported.data, imported.notes.comments, head_comment(path, imported))
        try:
            load_text(text, name)
            return text
        except ProblemsError as exc:
            problems = exc.problems
            if not repair.repair(imported.data, problems, imported.notes):
                break
    first = problems[0]
    raise KehoachError("import.invalid", path=str(path), detail=f"{first.key_path}: {first.message()}")


def read(path: Path) -> Imported:
    """The plan recognised in ``path``, or an error saying why there is none."""
    if not path.is_file():
        raise UsageError("import.missing", path=str(path))
    kind = path.suffix.lower()
    if kind not in KINDS:
        raise UsageError("import.unknown_kind", path=str(path), kinds=", ".join(KINDS))
    if path.stat().st_size > MAX_SOURCE:
        raise KehoachError("import.too_large", path=str(path))
    if kind == ".docx":
        found = docx_source.read_docx(path)
    elif kind == ".pdf":
        found = source.read_text(pdf_source.pdf_text(path), path.name, "pdf")
    else:
        found = source.read_text(_text(path), path.name)
    imported = recognise.recognise(found)
    if imported is None:
        raise KehoachError("import.not_a_plan", path=str(path))
    if kind == ".docx":
        letters.apply(imported, path)
        notices.apply(imported, path)
    recognise.unit_refs(imported.data)
    return imported


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KehoachError("import.not_utf8", path=str(path)) from None


def head_comment(path: Path, imported: Imported) -> list[str]:
    """The comment at the top of the plan: where it came from, and how to read the rest."""
    return [
        messages.text("import.head", "vi", source=path.name),
        *messages.text("import.head_notes", "vi").split("\n"),
    ]


def _write(target: Path, text: str) -> None:
    """Write atomically: a temporary file beside the target, then renamed over it."""
    with writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".kehoach-", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
