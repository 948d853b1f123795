"""``kehoach import``: the command line of :mod:`kehoach.commands.import_plan`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, command_app, err_console, help_text, language
from kehoach.cli.guard import guard
from kehoach.commands.import_plan import run_import
from kehoach.text import messages

app = command_app()


@app.command("import", help=help_text("import"))
def import_command(
    source: Annotated[Path, typer.Argument(help=help_text("opt.import_source"))],
    output: Annotated[str, typer.Option("--output", "-o", help=help_text("opt.import_output"))] = "plan.yaml",
    force: Annotated[bool, typer.Option("--force", help=help_text("opt.import_force"))] = False,
    lang: LangOpt = None,
) -> None:
    """Nhập kế hoạch có sẵn thành plan.yaml. Import an existing plan into plan.yaml."""
    lang = language(lang)
    target = None if output == "-" else Path(output)
    result = guard(lambda: run_import(source, target, force), lang)
    if target is None:
        sys.stdout.write(result.text)
    else:
        show.say(err_console, "import.written", lang, "green", path=target)
    show.say(err_console, "import.found", lang, "", **result.counts)
    show.say(err_console, "import.free", lang, "", free=result.counts.get("free", 0), uncertain=result.uncertain)
    if result.warnings:
        show.say(err_console, "import.warnings", lang, "yellow")
        for code, args in result.warnings:
            err_console.print(f"  - {messages.text(code, lang, **args)}", markup=False, soft_wrap=True)
    if target is not None:
        show.say(err_console, "import.next", lang, "", path=target)
