"""What every command's line shares: the language, help texts, the consoles, common options.

Light on purpose: ``kehoach --help`` imports this and nothing of the pipeline.
Help texts come from the message catalogue in the language of the command line
(``--lang`` anywhere in it, else LANG), chosen when the commands are declared,
because typer reads them then.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from kehoach.text import messages

#: ``kehoach --lang en render``: the --lang given before the command (set by the root callback).
ROOT_LANG: ContextVar[str | None] = ContextVar("kehoach_root_lang", default=None)


def language(option: str | None) -> str:
    """The command's --lang wins, then a --lang before the command, then an English LANG;
    Vietnamese by default."""
    chosen = option or ROOT_LANG.get()
    if chosen:
        return "en" if chosen.lower().startswith("en") else "vi"
    env = os.environ.get("LANG", "")
    return "en" if env.lower().startswith("en") else "vi"


def argv_language(argv: list[str]) -> str:
    """The language of the raw command line, for what is decided before (help texts) or
    after (Ctrl-C, an internal error) typer parses it."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return language(arg.partition("=")[2])
        if arg == "--lang" and i + 1 < len(argv):
            return language(argv[i + 1])
    return language(None)


HELP_LANG = argv_language(sys.argv[1:])


def as_of_day(as_of: dt.datetime | None) -> dt.date:
    """The day ``status``, ``report`` and ``remind`` count to: ``--as-of``, else today — the
    only reading of the clock in kehoach (documents never read it)."""
    return as_of.date() if as_of is not None else dt.date.today()


def help_text(code: str) -> str:
    """A help text of the catalogue, in the command line's language."""
    return messages.text(f"help.{code}", HELP_LANG)


def command_app(**settings: Any) -> typer.Typer:
    """A typer app holding one command (or one group), set up as the root app is."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **settings)


#: No emoji codes: "plan.yaml:100:3" would print as "plan.yaml💯3".
out_console = Console(highlight=False, emoji=False)
err_console = Console(stderr=True, highlight=False, emoji=False)

PlanArg = Annotated[Path, typer.Argument(help=help_text("opt.plan"))]
LangOpt = Annotated[str | None, typer.Option("--lang", help=help_text("opt.lang"))]
OutOpt = Annotated[Path, typer.Option("-o", "--out", help=help_text("opt.out"))]
ForceOpt = Annotated[bool, typer.Option("--force", help=help_text("opt.force"))]
PlanFileOpt = Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.plan_file"))]
AsOfOpt = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help=help_text("opt.as_of")),
]

#: The variable :mod:`kehoach.plan.loader` reads its limits' factor from (named here too: ``--help``
#: must not import the plan layer; a test keeps the two the same).
LIMIT_SCALE_ENV = "KEHOACH_LIMIT_SCALE"
MAX_LIMIT_SCALE = 100


def _raise_limits(ctx: typer.Context, scale: int | None) -> int | None:
    """``--limit-scale N``: the loader's variable set to N while this command runs, then put back."""
    if scale is not None:
        before = os.environ.get(LIMIT_SCALE_ENV)
        os.environ[LIMIT_SCALE_ENV] = str(scale)
        ctx.call_on_close(lambda: _put_back(before))
    return scale


def _put_back(value: str | None) -> None:
    if value is None:
        os.environ.pop(LIMIT_SCALE_ENV, None)
    else:
        os.environ[LIMIT_SCALE_ENV] = value


LimitScaleOpt = Annotated[
    int | None,
    typer.Option(
        "--limit-scale",
        min=1,
        max=MAX_LIMIT_SCALE,
        metavar="N",
        callback=_raise_limits,
        help=help_text("opt.limit_scale"),
    ),
]
