"""``kehoach units`` and ``kehoach checklist ID``: the command lines of :mod:`kehoach.commands.units`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, PlanArg, command_app, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.units import run_checklist, run_units

units_app = command_app()
checklist_app = command_app()


@units_app.command("units", help=help_text("units"))
def units_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Liệt kê các đơn vị và số nhiệm vụ. List the units and their task counts."""
    lang = language(lang)
    show.show_units(out_console, guard(lambda: run_units(plan), lang, plan.parent / "out"), lang)


@checklist_app.command("checklist", help=help_text("checklist"))
def checklist_command(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help=help_text("opt.unit_id"))],
    plan: Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.plan_file"))] = Path("plan.yaml"),
    lang: LangOpt = None,
) -> None:
    """In bảng theo dõi nhiệm vụ của một đơn vị. Print one unit's checklist."""
    lang = language(lang)
    show.show_checklist(out_console, guard(lambda: run_checklist(plan, unit_id), lang, plan.parent / "out"), lang)
