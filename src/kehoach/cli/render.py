"""``kehoach render``: the command line of the pipeline, :func:`kehoach.publish.pipeline.render_plan`.

``--only``'s choices and the extras' flags (``--ics``, ``--html``, ``--slogans``)
come from the kinds table (:mod:`kehoach.render.kinds`): a kind added there is
on the command line without a change here. typer reads a command's options from
its signature, so the flags are added to it as keyword parameters.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kehoach.cli import show
from kehoach.cli.common import (
    ForceOpt,
    LangOpt,
    LimitScaleOpt,
    OutOpt,
    PlanArg,
    command_app,
    err_console,
    help_text,
    language,
    out_console,
)
from kehoach.cli.guard import guard
from kehoach.publish.pipeline import RenderOptions, RenderResult, render_plan
from kehoach.render import kinds

app = command_app()

#: Kinds of documents ``render --only`` can narrow to, as the kinds table names them.
Only = StrEnum("Only", {name: name for name in kinds.only_names()})  # type: ignore[misc]  # members from a table, not literals


def _flag_parameter(kind: kinds.DocumentKind) -> inspect.Parameter:
    """``--ics`` for calendars: a boolean option named after the kind's flag, its help in the catalogue."""
    flag = kind.flag or f"--{kind.extra}"
    name = flag.removeprefix("--").replace("-", "_")
    option = typer.Option(flag, help=help_text(f"opt.{name}"))
    kind_ = inspect.Parameter.POSITIONAL_OR_KEYWORD  # typer passes every option by name
    return inspect.Parameter(name, kind_, default=False, annotation=Annotated[bool, option])


#: The extras' flags, by parameter name: the kind's extra name.
EXTRA_FLAGS = {_flag_parameter(k).name: k.extra for k in kinds.extras() if k.extra}


def render_command(
    plan: PlanArg = Path("plan.yaml"),
    out: OutOpt = Path("out"),
    only: Annotated[list[Only] | None, typer.Option("--only", help=help_text("opt.only"))] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help=help_text("opt.render_unit"))] = None,
    force: ForceOpt = False,
    prune: Annotated[bool, typer.Option("--prune", help=help_text("opt.prune"))] = False,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help=help_text("opt.changed_since"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=help_text("opt.pdf"))] = False,
    limit_scale: LimitScaleOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=help_text("opt.verbose"))] = False,
    lang: LangOpt = None,
    **flags: bool,
) -> None:
    """Xuất văn bản DOCX vào out/. Render the DOCX documents into out/."""
    lang = language(lang)
    extras = tuple(extra for name, extra in EXTRA_FLAGS.items() if flags.get(name))
    kinds_asked = tuple(k.value for k in only or [])

    def run() -> RenderResult:
        options = RenderOptions(kinds_asked, tuple(unit or []), extras, pdf, force, prune, changed_since)
        return render_plan(plan, out, options, progress=progress)

    started = time.monotonic()
    with show.progress_bar(err_console, lang) as progress:
        result = guard(run, lang, out)
    show.show_problems(err_console, result.warnings, lang)
    show.show_written(out_console, result, lang, verbose, elapsed=time.monotonic() - started)


def _with_flags(command: Callable[..., None]) -> None:
    """Put the extras' flags in the command's signature, before ``--lang`` (typer reads options from it)."""
    signature = inspect.signature(command, eval_str=True)
    fixed = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    flags = [_flag_parameter(k) for k in kinds.extras()]
    new = signature.replace(parameters=[*fixed[:-1], *flags, fixed[-1]])
    command.__signature__ = new  # type: ignore[attr-defined]  # PEP 362: inspect and typer read it; typeshed omits it


_with_flags(render_command)
app.command("render", help=help_text("render"))(render_command)
