"""``kehoach validate``: the command line of :func:`kehoach.commands.validate.run_validate`."""

from __future__ import annotations

from pathlib import Path

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
from kehoach.commands.validate import run_validate

app = command_app()


@app.command("validate", help=help_text("validate"))
def validate_command(
    plan: PlanArg = Path("plan.yaml"), limit_scale: LimitScaleOpt = None, lang: LangOpt = None
) -> None:
    """Kiểm tra plan.yaml; không ghi tệp nào. Check plan.yaml; writes nothing."""
    lang = language(lang)
    result = guard(lambda: run_validate(plan), lang, plan.parent / "out")
    show.show_problems(err_console, result.warnings, lang)
    show.say(out_console, "plan.valid", lang, "green")
