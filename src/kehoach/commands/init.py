"""``kehoach init``: a starter plan, its JSON Schema for the editor, and a .gitignore.

Nothing a user already has is ever replaced: an existing plan.yaml stops the
command before anything is written, an existing schema is kept (``kehoach
schema`` prints a fresh one), and the .gitignore only gains a line. A folder
that cannot be written (a file in the way, no permission, a read-only disk) is
a message naming it, never a crash.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from kehoach.plan.schema import plan_schema
from kehoach.text.errors import OutputError, UsageError

PLAN = "plan.yaml"
SCHEMA = "plan.schema.json"
GITIGNORE_LINE = "/out/"
#: What the OS says when a file stands where a folder is needed.
_NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


def schema_text() -> str:
    """The schema as the file ``kehoach schema`` prints and ``init`` writes."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn the OS's refusal to create ``path`` into a message naming it (exit code 4)."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _NOT_A_FOLDER:
            folder = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
            raise OutputError("files.not_a_folder", path=str(path), folder=str(folder)) from None
        if exc.errno in _NO_PERMISSION:
            raise OutputError("files.no_permission", path=str(path)) from None
        raise OutputError("files.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None


#: The starter plan of each profile.
STARTERS = {"nhà nước": "plan-mau.yaml", "đảng": "plan-mau-dang.yaml"}


def run_init(folder: Path, profile: str = "nhà nước") -> list[tuple[Path, bool]]:
    """Write the starter files into ``folder``: each path, and whether it was written (False: kept);
    the starter plan of ``profile`` (a Party committee's with "đảng")."""
    if profile not in STARTERS:
        raise UsageError("init.profile", profile=profile, known=", ".join(STARTERS))
    plan = folder / PLAN
    if plan.exists():
        raise UsageError("init.exists", path=str(plan))
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    done = [(plan, _create(plan, starter_text(profile)))]
    done.append((folder / SCHEMA, _create(folder / SCHEMA, schema_text())))
    gitignore = folder / ".gitignore"
    with writing(gitignore):
        lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
        if GITIGNORE_LINE not in lines and "out/" not in lines:
            gitignore.write_text("\n".join([*lines, GITIGNORE_LINE]) + "\n", encoding="utf-8")
            done.append((gitignore, True))
    return done


def starter_text(profile: str = "nhà nước") -> str:
    """The commented starter plan shipped with kehoach, of a profile."""
    return resources.files("kehoach").joinpath(f"data/{STARTERS[profile]}").read_text(encoding="utf-8")


def _create(path: Path, text: str) -> bool:
    """Write a new file; an existing one is kept as it is (False)."""
    with writing(path):
        try:
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
        except FileExistsError:
            return False
    return True
