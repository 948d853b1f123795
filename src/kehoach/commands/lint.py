"""``kehoach lint``: warnings a reviewer would raise; ``--fix`` makes tone marks uniform."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kehoach import lint
from kehoach.plan.loader import cycle_collector_paused
from kehoach.plan.validate import LoadedPlan, load_plan
from kehoach.text import syllables
from kehoach.text.errors import Problem


@dataclass(frozen=True)
class LintResult:
    """The warnings of a valid plan, and what ``--fix`` changed."""

    path: Path
    warnings: list[Problem]
    fixed: int = 0
    style: str = ""


def run_lint(plan_path: Path, fix: bool = False, style: syllables.Style | None = None) -> LintResult:
    """Validate (errors raise), then collect warnings; with ``fix``, rewrite tone marks first."""
    loaded, source = _load(plan_path)
    fixed, chosen = 0, ""
    if fix:
        chosen = style or lint.majority_style(source)
        new_text = lint.fix_tone_marks(source, chosen)
        fixed = sum(a != b for a, b in zip(source.text.split(), new_text.split(), strict=False))
        if new_text != source.text:
            _replace(plan_path, new_text)
            loaded, source = _load(plan_path)
    with cycle_collector_paused():
        found = lint.lint_source(source, loaded.plan)
    warnings = sorted([*loaded.warnings, *found], key=lambda p: (p.line, p.column))
    return LintResult(plan_path, warnings, fixed, chosen)


def _load(plan_path: Path) -> tuple[LoadedPlan, lint.Source]:
    """The validated plan and the lint's view of the same text, read once: the lint's walk
    is told the parser's events as the loader reads them.

    The cycle collector rests while the plan loads and the lint reads its tens of thousands
    of values: with the plan alive, each of its passes would go over every object of the
    plan again.
    """
    walk = lint.Walk()
    loaded = load_plan(plan_path, on_event=walk.feed)
    with cycle_collector_paused():
        return loaded, lint.Source(plan_path, loaded.document.text, walk)


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` atomically, keeping a byte-order mark and the file's mode.

    The temporary file is private (600) until it takes the plan's place; the plan
    must stay readable by whoever could read it before.
    """
    bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    data = ("\ufeff" + text if bom else text).encode("utf-8")
    mode = stat.S_IMODE(path.stat().st_mode)
    handle, temp = tempfile.mkstemp(prefix=".kehoach-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
