"""``kehoach templates check`` and ``export``: the templates a render uses, checked or copied out.

``check`` names the variables a template uses that its document does not provide.
``export`` copies the default templates out, to be edited in Word: every template
a render can use, the web page's ``ke-hoach.html`` too. A file already there is the
user's and is kept; a folder that cannot be written is a message naming it (exit code
4), never a crash.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.init import writing
from kehoach.render import kinds, names
from kehoach.render.check import Finding, check_all


def run_check(plan_dir: Path) -> dict[Path, list[Finding]]:
    """Every template a render from ``plan_dir`` would use, with what it uses that is not there."""
    return check_all(plan_dir, kinds.templates(plan_dir))


def run_export(folder: Path) -> list[tuple[str, Path, bool]]:
    """Copy each default template into ``folder``: name, target and whether it was copied (False: kept)."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    default = names.template_dirs(Path("."))[-1]
    return [(name, folder / name, _copy(default / name, folder / name)) for name in kinds.templates()]


def _copy(source: Path, target: Path) -> bool:
    """Copy to a new file; an existing one is never overwritten (False)."""
    with writing(target):
        try:
            with target.open("xb") as file:
                file.write(source.read_bytes())
        except FileExistsError:
            return False
    return True
