"""``kehoach render``: every document of the plan, written into ``out/`` at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach import render, writer
from kehoach.errors import Problem
from kehoach.validate import load_plan


@dataclass(frozen=True)
class WrittenFile:
    """One file of the run, relative to the output folder."""

    name: str
    size: int


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote, and the plan's warnings."""

    out_dir: Path
    files: list[WrittenFile]
    warnings: list[Problem]


def run_render(plan_path: Path, out_dir: Path) -> RenderResult:
    """Validate, render all documents in memory, then write them all or none."""
    loaded = load_plan(plan_path)
    plan = loaded.plan
    files = {render.plan_file_name(plan): render.render_plan(plan, plan_path.parent)}
    writer.write_all(out_dir, files)
    written = [WrittenFile(name, len(data)) for name, data in files.items()]
    return RenderResult(out_dir, written, loaded.warnings)
