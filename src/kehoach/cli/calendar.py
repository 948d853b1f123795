"""``kehoach calendar``: the command line of :func:`kehoach.commands.calendar.run_calendar`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import ForceOpt, LangOpt, PlanArg, command_app, err_console, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.calendar import run_calendar

app = command_app()


@app.command("calendar", help=help_text("calendar"))
def calendar_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help=help_text("opt.calendar_unit"))] = None,
    output_file: Annotated[Path | None, typer.Option("-o", "--output", help=help_text("opt.ics_file"))] = None,
    out: Annotated[Path, typer.Option("--out", help=help_text("opt.out"))] = Path("out"),
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Lịch iCalendar của các đợt và thời hạn. An iCalendar file of the phases and deadlines."""
    lang = language(lang)
    result = guard(lambda: run_calendar(plan, output_file, unit, lang, out_dir=out, force=force), lang, out)
    show.show_problems(err_console, result.notes, lang)
    for name, backup in result.backups.items():
        show.say(out_console, "render.backup", lang, "yellow", name=name, backup=backup)
    code = "calendar.written" if result.written else "calendar.unchanged"
    show.say(out_console, code, lang, "green", path=result.path)
