"""``kehoach notify``: the command line of :func:`kehoach.commands.notify.run_notify`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import ForceOpt, LangOpt, OutOpt, command_app, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.notify import run_notify

app = command_app()


@app.command("notify", help=help_text("notify"))
def notify_command(
    old: Annotated[str | None, typer.Argument(help=help_text("opt.notify_old"))] = None,
    new: Annotated[str | None, typer.Argument(help=help_text("opt.notify_new"))] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.plan_file"))] = Path("plan.yaml"),
    out: OutOpt = Path("out"),
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Công văn điều chỉnh cho từng đơn vị bị ảnh hưởng. Change notices for the affected units."""
    lang = language(lang)
    result = guard(lambda: run_notify(old, new, plan, out, force=force), lang, out)
    show.show_written(out_console, result, lang)
