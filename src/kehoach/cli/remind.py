"""``kehoach remind``: the command line of :func:`kehoach.commands.remind.run_remind`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import (
    AsOfOpt,
    ForceOpt,
    LangOpt,
    PlanFileOpt,
    as_of_day,
    command_app,
    err_console,
    help_text,
    language,
    out_console,
)
from kehoach.cli.guard import guard
from kehoach.commands.remind import run_remind

app = command_app()


@app.command("remind", help=help_text("remind"))
def remind_command(
    plan: PlanFileOpt = Path("plan.yaml"),
    as_of: AsOfOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help=help_text("opt.status_unit"))] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help=help_text("opt.out"))] = Path("out"),
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Công văn đôn đốc đơn vị chậm. Reminders to units with overdue or unreported tasks."""
    lang = language(lang)
    day = as_of_day(as_of)
    result = guard(lambda: run_remind(plan, day, unit, out, force), lang, out)
    show.show_problems(err_console, result.warnings, lang)
    if result.count == 0:
        show.say(out_console, "remind.none", lang, "green")
        return
    show.show_written(out_console, result.rendered, lang)
