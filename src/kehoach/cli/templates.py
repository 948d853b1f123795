"""``kehoach templates check|export``: the command lines of :mod:`kehoach.commands.templates`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, PlanArg, command_app, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.templates import run_check, run_export
from kehoach.text.errors import ExitCode

app = command_app(name="templates", help=help_text("templates"), no_args_is_help=True)


@app.command("check", help=help_text("templates_check"))
def templates_check_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Kiểm tra các thẻ trong mẫu. List template variables the documents do not provide."""
    lang = language(lang)
    found = guard(lambda: run_check(plan.parent), lang, plan.parent / "out")
    show.show_template_findings(out_console, found, lang)
    if any(found.values()):
        raise typer.Exit(ExitCode.PROBLEMS)


@app.command("export", help=help_text("templates_export"))
def templates_export_command(
    folder: Annotated[Path, typer.Argument(help=help_text("opt.export_folder"))] = Path("templates"),
    lang: LangOpt = None,
) -> None:
    """Chép các mẫu mặc định ra để sửa. Copy the default templates here to edit them."""
    lang = language(lang)
    for name, target, copied in guard(lambda: run_export(folder), lang):
        show.say(out_console, "templates.exported" if copied else "templates.kept", lang, name=name, target=target)
