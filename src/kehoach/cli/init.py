"""``kehoach init``: the command line of :func:`kehoach.commands.init.run_init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import LangOpt, command_app, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.init import run_init

app = command_app()


@app.command("init", help=help_text("init"))
def init_command(
    folder: Annotated[Path, typer.Argument(help=help_text("opt.init_folder"))] = Path("."),
    profile: Annotated[str, typer.Option("--profile", help=help_text("opt.init_profile"))] = "nhà nước",
    lang: LangOpt = None,
) -> None:
    """Tạo plan.yaml mẫu có chú thích. Write a commented starter plan.yaml."""
    lang = language(lang)
    for path, written in guard(lambda: run_init(folder, profile), lang):
        show.say(out_console, "init.written" if written else "init.kept", lang, "green" if written else "", path=path)
    show.say(out_console, "init.next", lang)
