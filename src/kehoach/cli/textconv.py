"""``kehoach textconv``: the command line of :func:`kehoach.commands.textconv.text_of`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli.common import command_app, help_text, language
from kehoach.cli.guard import guard
from kehoach.commands.textconv import text_of

app = command_app()


@app.command("textconv", help=help_text("textconv"))
def textconv_command(document: Annotated[Path, typer.Argument(help=help_text("opt.docx_file"))]) -> None:
    """In chữ của tệp DOCX theo thứ tự đọc (cho git diff). Print a DOCX's text in reading order."""
    sys.stdout.write(guard(lambda: text_of(document), language(None)))
