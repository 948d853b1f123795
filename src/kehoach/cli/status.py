"""``kehoach status``: the command line of :func:`kehoach.commands.status.run_status`.

``--as-of`` defaults to today (:func:`kehoach.cli.common.as_of_day`, the one reading of the clock).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kehoach.cli import show
from kehoach.cli.common import (
    AsOfOpt,
    LangOpt,
    PlanFileOpt,
    as_of_day,
    command_app,
    err_console,
    help_text,
    language,
    out_console,
)
from kehoach.cli.guard import guard
from kehoach.commands.status import run_status, status_json, write_dashboard
from kehoach.text import messages, vn
from kehoach.views.status import StatusView, Tally

app = command_app()


class StatusFormat(StrEnum):
    """Output formats of ``kehoach status``."""

    text = "text"
    markdown = "markdown"
    json = "json"


#: The count columns, in order: the Tally's attribute and its catalogue code.
COLUMNS = (
    ("total", "status.total"),
    ("done", "status.done"),
    ("in_progress", "status.in_progress"),
    ("not_started", "status.not_started"),
    ("overdue", "status.overdue"),
)


@app.command("status", help=help_text("status"))
def status_command(
    plan: PlanFileOpt = Path("plan.yaml"),
    as_of: AsOfOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help=help_text("opt.status_unit"))] = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help=help_text("opt.format"))] = StatusFormat.text,
    html: Annotated[Path | None, typer.Option("--html", help=help_text("opt.dashboard"))] = None,
    lang: LangOpt = None,
) -> None:
    """Tiến độ theo đơn vị và theo đợt. Progress per unit and per phase."""
    lang = language(lang)
    day = as_of_day(as_of)
    result = guard(lambda: run_status(plan, day, unit), lang, plan.parent / "out")
    show.show_problems(err_console, result.warnings, lang)
    if html is not None:
        written = guard(lambda: write_dashboard(result.view, html), lang, plan.parent / "out")
        show.say(err_console, "status.dashboard", lang, "green", path=written)
    if fmt is StatusFormat.json:
        out_console.out(json.dumps(status_json(result.view), ensure_ascii=False, indent=2), highlight=False)
    elif fmt is StatusFormat.markdown:
        out_console.out(markdown(result.view, lang), highlight=False)
    else:
        show_text(result.view, lang)


def _title(view: StatusView, lang: str) -> str:
    return messages.text("status.as_of", lang, plan=view.plan, date=vn.short_date(view.as_of))


def _heads(first: str, lang: str) -> list[str]:
    return [messages.text(first, lang), *(messages.text(code, lang) for _, code in COLUMNS)]


def _counts(tally: Tally) -> list[str]:
    return [str(getattr(tally, name)) for name, _ in COLUMNS]


def _overdue_lines(view: StatusView, lang: str) -> list[str]:
    return [
        f"{t.unit_name}: "
        + messages.text("status.overdue_task", lang, number=t.number, text=t.text, due=vn.short_date(t.due))
        for t in view.overdue
        if t.due is not None
    ]


def show_text(view: StatusView, lang: str) -> None:
    """Two tables (units, phases) and the overdue tasks."""
    out_console.print(escape(_title(view, lang)), style="bold", highlight=False)
    for first, tallies in (("status.unit", view.units), ("status.phase", view.phases)):
        table = Table(header_style="bold")
        for i, head in enumerate(_heads(first, lang)):
            table.add_column(head, justify="left" if i == 0 else "right")
        for tally in tallies:
            table.add_row(escape(tally.name), *_counts(tally))
        table.add_row(messages.text("status.total", lang), *_counts(view.total), style="bold")
        out_console.print(table)
    for line in _overdue_lines(view, lang):
        out_console.print(escape(line), style="red", highlight=False)


def markdown(view: StatusView, lang: str) -> str:
    """The same as Markdown: a heading, two pipe tables, the overdue list."""
    lines = [f"# {_title(view, lang)}", ""]
    for first, tallies in (("status.unit", view.units), ("status.phase", view.phases)):
        heads = _heads(first, lang)
        lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join([_cell(t.name), *_counts(t)]) + " |" for t in tallies]
        lines += ["| " + " | ".join([f"**{messages.text('status.total', lang)}**", *_counts(view.total)]) + " |", ""]
    lines += [f"- {_cell(line)}" for line in _overdue_lines(view, lang)]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: a "|" would end the cell."""
    return text.replace("|", "\\|")
