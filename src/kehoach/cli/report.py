"""``kehoach report``: the command line of :func:`kehoach.commands.report.run_report`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import (
    AsOfOpt,
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
from kehoach.commands.report import run_report

app = command_app()


class ReportBy(StrEnum):
    """How the report's results are grouped."""

    unit = "unit"
    phase = "phase"


@app.command("report", help=help_text("report"))
def report_command(
    plan: PlanFileOpt = Path("plan.yaml"),
    output_file: Annotated[Path | None, typer.Option("-o", "--output", help=help_text("opt.report_file"))] = None,
    as_of: AsOfOpt = None,
    by: Annotated[ReportBy, typer.Option("--by", help=help_text("opt.by"))] = ReportBy.unit,
    out: Annotated[Path, typer.Option("--out", help=help_text("opt.out"))] = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Báo cáo kết quả thực hiện Kế hoạch. The results report."""
    lang = language(lang)
    day = as_of_day(as_of)
    result = guard(lambda: run_report(plan, day, output_file, by.value, out), lang, out)
    show.show_problems(err_console, result.warnings, lang)
    if result.backup is not None:
        show.say(out_console, "render.backup", lang, "yellow", name=result.path, backup=result.backup)
    show.say(out_console, "report.written", lang, "green", path=result.path)
