"""``kehoach templates export``: the default templates, copied out to be edited in Word."""

from __future__ import annotations

import shutil
from pathlib import Path

from kehoach import render
from kehoach.templates import VIEWS


def run_export(folder: Path) -> list[tuple[str, Path, bool]]:
    """Copy each default template into ``folder``; an existing file is never overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    default = render.template_dirs(Path("."))[-1]
    done = []
    for name in VIEWS:
        target = folder / name
        if target.exists():
            done.append((name, target, False))
            continue
        shutil.copyfile(default / name, target)
        done.append((name, target, True))
    return done
