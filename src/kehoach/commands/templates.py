"""``kehoach templates export``: the default templates, copied out to be edited in Word.

Every template a render can use is copied, the web page's ``ke-hoach.html`` too.
A file already there is the user's and is kept; a folder that cannot be written
is a message naming it (exit code 4), never a crash.
"""

from __future__ import annotations

from pathlib import Path

from kehoach import render
from kehoach.commands.init import writing
from kehoach.templates import VIEWS


def run_export(folder: Path) -> list[tuple[str, Path, bool]]:
    """Copy each default template into ``folder``: name, target and whether it was copied (False: kept)."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    default = render.template_dirs(Path("."))[-1]
    return [(name, folder / name, _copy(default / name, folder / name)) for name in VIEWS]


def _copy(source: Path, target: Path) -> bool:
    """Copy to a new file; an existing one is never overwritten (False)."""
    with writing(target):
        try:
            with target.open("xb") as file:
                file.write(source.read_bytes())
        except FileExistsError:
            return False
    return True
