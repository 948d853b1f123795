"""``kehoach lint``: the command line of :func:`kehoach.commands.lint.run_lint`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import (
    LangOpt,
    LimitScaleOpt,
    PlanArg,
    command_app,
    err_console,
    help_text,
    language,
    out_console,
)
from kehoach.cli.guard import guard
from kehoach.commands.lint import run_lint
from kehoach.text.errors import ExitCode

app = command_app()


class ToneStyle(StrEnum):
    """Tone-mark placement ``lint --fix`` writes."""

    new = "new"
    old = "old"


@app.command("lint", help=help_text("lint"))
def lint_command(
    plan: PlanArg = Path("plan.yaml"),
    strict: Annotated[bool, typer.Option("--strict", help=help_text("opt.strict"))] = False,
    fix: Annotated[bool, typer.Option("--fix", help=help_text("opt.fix"))] = False,
    style: Annotated[ToneStyle | None, typer.Option("--style", help=help_text("opt.style"))] = None,
    limit_scale: LimitScaleOpt = None,
    lang: LangOpt = None,
) -> None:
    """Soát lỗi chính tả, trình bày. Review spelling and presentation."""
    lang = language(lang)
    result = guard(lambda: run_lint(plan, fix=fix, style=style.value if style else None), lang, plan.parent / "out")
    if result.fixed:
        show.say(out_console, "lint.fixed", lang, "green", count=result.fixed, style=result.style, path=plan)
    show.show_problems(err_console, result.warnings, lang)
    if not result.warnings:
        show.say(out_console, "lint.clean", lang, "green")
        return
    show.say(err_console, "lint.count", lang, "yellow", count=len(result.warnings))
    if strict:
        raise typer.Exit(ExitCode.PROBLEMS)
