"""``kehoach render``: the command line of the pipeline, :func:`kehoach.publish.pipeline.run_render`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import (
    ForceOpt,
    LangOpt,
    OutOpt,
    PlanArg,
    command_app,
    err_console,
    help_text,
    language,
    out_console,
)
from kehoach.cli.guard import guard
from kehoach.publish.pipeline import run_render

app = command_app()


class Only(StrEnum):
    """Kinds of documents ``render --only`` can narrow to."""

    plan = "plan"
    letters = "letters"
    checklists = "checklists"


@app.command("render", help=help_text("render"))
def render_command(
    plan: PlanArg = Path("plan.yaml"),
    out: OutOpt = Path("out"),
    only: Annotated[list[Only] | None, typer.Option("--only", help=help_text("opt.only"))] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help=help_text("opt.render_unit"))] = None,
    force: ForceOpt = False,
    prune: Annotated[bool, typer.Option("--prune", help=help_text("opt.prune"))] = False,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help=help_text("opt.changed_since"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=help_text("opt.pdf"))] = False,
    html: Annotated[bool, typer.Option("--html", help=help_text("opt.html"))] = False,
    ics: Annotated[bool, typer.Option("--ics", help=help_text("opt.ics"))] = False,
    slogans: Annotated[bool, typer.Option("--slogans", help=help_text("opt.slogans"))] = False,
    lang: LangOpt = None,
) -> None:
    """Xuất văn bản DOCX vào out/. Render the DOCX documents into out/."""
    lang = language(lang)
    kinds = [k.value for k in only or []]
    extras = [name for name, wanted in (("html", html), ("calendar", ics), ("slogans", slogans)) if wanted]
    options = {"force": force, "prune": prune, "changed_since": changed_since, "pdf": pdf, "extras": extras}
    with show.progress_bar(err_console, lang) as progress:
        result = guard(lambda: run_render(plan, out, kinds, unit or [], progress=progress, **options), lang, out)
    show.show_problems(err_console, result.warnings, lang)
    show.show_written(out_console, result, lang)
