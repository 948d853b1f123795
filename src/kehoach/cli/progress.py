"""``kehoach progress collect FILE…``: the command line of :func:`kehoach.commands.progress.run_collect`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, command_app, err_console, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.progress import run_collect

app = command_app(name="progress", help=help_text("progress"), no_args_is_help=True)


@app.callback()
def _group() -> None:
    """A group even with one command (typer would make a lone command the group itself)."""


PlanOpt = Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.plan_file"))]


@app.command("collect", help=help_text("progress_collect"))
def collect_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE…", help=help_text("opt.progress_files"))],
    plan: PlanOpt = Path("plan.yaml"),
    date: Annotated[
        dt.datetime | None, typer.Option("--date", formats=["%Y-%m-%d"], help=help_text("opt.report_date"))
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Đọc bảng theo dõi đơn vị gửi lại. Read returned checklists into progress.yaml."""
    lang = language(lang)
    day = date.date() if date is not None else None
    result = guard(lambda: run_collect(plan, files, day), lang, plan.parent / "out")
    show.show_problems(err_console, result.warnings, lang)
    code = "progress.collected" if result.changed else "progress.unchanged"
    show.say(out_console, code, lang, "green", count=result.recorded, files=len(files), path=result.path)
