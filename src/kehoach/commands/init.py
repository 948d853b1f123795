"""``kehoach init``: a starter plan, its JSON Schema for the editor, and a .gitignore."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from kehoach.errors import UsageError
from kehoach.schema import plan_schema

PLAN = "plan.yaml"
SCHEMA = "plan.schema.json"
GITIGNORE_LINE = "/out/"


def schema_text() -> str:
    """The schema as the file ``kehoach schema`` prints and ``init`` writes."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def run_init(folder: Path) -> list[Path]:
    """Write the starter files into ``folder``; an existing plan.yaml is never overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / PLAN
    if plan.exists():
        raise UsageError("init.exists", path=str(plan))
    starter = resources.files("kehoach").joinpath("data/plan-mau.yaml").read_text(encoding="utf-8")
    plan.write_text(starter, encoding="utf-8")
    (folder / SCHEMA).write_text(schema_text(), encoding="utf-8")
    written = [plan, folder / SCHEMA]
    gitignore = folder / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
    if GITIGNORE_LINE not in lines and "out/" not in lines:
        gitignore.write_text("\n".join([*lines, GITIGNORE_LINE]) + "\n", encoding="utf-8")
        written.append(gitignore)
    return written
