"""``kehoach diff``: the command line of :mod:`kehoach.commands.diff`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import progress, show, show_diff
from kehoach.cli.common import LangOpt, command_app, err_console, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.diff import run_diff, write_redline
from kehoach.text.errors import ExitCode

app = command_app()


class DiffFormat(StrEnum):
    """Output formats of ``kehoach diff``."""

    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("diff", help=help_text("diff"))
def diff_command(
    old: Annotated[str | None, typer.Argument(help=help_text("opt.diff_old"))] = None,
    new: Annotated[str | None, typer.Argument(help=help_text("opt.diff_new"))] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.git_plan"))] = Path("plan.yaml"),
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help=help_text("opt.format"))] = DiffFormat.text,
    docx: Annotated[Path | None, typer.Option("--docx", help=help_text("opt.docx"))] = None,
    lang: LangOpt = None,
) -> None:
    """So sánh hai phiên bản kế hoạch theo nội dung. Compare two revisions of the plan by meaning."""
    lang = language(lang)
    if _progress_files(old, new):  # two versions of what the units reported
        progress.diff_command(old, new, plan, fmt is DiffFormat.json, lang)
        return
    result = guard(lambda: run_diff(old, new, plan), lang, plan.parent / "out")
    show_diff.show_diff(out_console, result, fmt.value, lang)
    if docx is not None:
        written = guard(lambda: write_redline(result, docx, plan.parent), lang)
        show.say(err_console, "redline.written", lang, "green", path=written)
    raise typer.Exit(ExitCode.PROBLEMS if result.changed else ExitCode.OK)


def _progress_files(*sides: str | None) -> bool:
    """Whether the files compared are progress.yaml (``kehoach progress diff`` compares them)."""
    named = [Path(side).name for side in sides if side]
    return bool(named) and all(name.startswith("progress") and name.endswith((".yaml", ".yml")) for name in named)
