"""``kehoach print-pack``: the command line of :func:`kehoach.commands.print_pack.run_print_pack`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, OutOpt, PlanArg, command_app, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.print_pack import run_print_pack

app = command_app()


@app.command("print-pack", help=help_text("print_pack"))
def print_pack_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help=help_text("opt.pack_unit"))] = None,
    out: OutOpt = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Một tệp PDF để in: các bảng theo dõi, hoặc văn bản của một đơn vị. One PDF ready to print."""
    lang = language(lang)
    written = guard(lambda: run_print_pack(plan, out, unit), lang, out)
    show.say(out_console, "print.written", lang, "green", path=out / written.name)
