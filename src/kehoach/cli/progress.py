"""``kehoach progress collect FILE…``: the command line of :func:`kehoach.commands.progress.run_collect`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from kehoach.cli import show
from kehoach.cli.common import LangOpt, command_app, err_console, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.progress import ProgressDiff, ShownChange, run_collect, run_progress_diff
from kehoach.plan.progress import Entry
from kehoach.text import messages

app = command_app(name="progress", help=help_text("progress"), no_args_is_help=True)


@app.callback()
def _group() -> None:
    """A group even with one command (typer would make a lone command the group itself)."""


PlanOpt = Annotated[Path, typer.Option("--plan", "-p", help=help_text("opt.plan_file"))]


@app.command("collect", help=help_text("progress_collect"))
def collect_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE…", help=help_text("opt.progress_files"))],
    plan: PlanOpt = Path("plan.yaml"),
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help=help_text("opt.report_date")),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Đọc bảng theo dõi đơn vị gửi lại. Read returned checklists into progress.yaml."""
    lang = language(lang)
    day = date.date() if date is not None else None
    result = guard(lambda: run_collect(plan, files, day), lang, plan.parent / "out")
    show.show_problems(err_console, result.warnings, lang)
    code = "progress.collected" if result.changed else "progress.unchanged"
    show.say(out_console, code, lang, "green", count=result.recorded, files=len(files), path=result.path)


@app.command("diff", help=help_text("progress_diff"))
def diff_command(
    old: Annotated[str | None, typer.Argument(help=help_text("opt.diff_old"))] = None,
    new: Annotated[str | None, typer.Argument(help=help_text("opt.diff_new"))] = None,
    plan: PlanOpt = Path("plan.yaml"),
    as_json: Annotated[bool, typer.Option("--json", help=help_text("opt.progress_json"))] = False,
    lang: LangOpt = None,
) -> None:
    """Những gì đơn vị đã báo cáo giữa hai phiên bản progress.yaml. What was reported between two versions."""
    lang = language(lang)
    found = guard(lambda: run_progress_diff(old, new, plan), lang, plan.parent / "out")
    if as_json:
        out_console.out(json.dumps(diff_json(found), ensure_ascii=False, indent=2), highlight=False)
        return
    if not found.changes:
        show.say(out_console, "progress.diff.none", lang, old=found.old, new=found.new)
    for shown in found.changes:
        out_console.print(escape(change_line(shown, lang)), highlight=False)


def change_line(shown: ShownChange, lang: str) -> str:
    """ "Công an phường, STT 1: chưa thực hiện → hoàn thành — «Kế hoạch số 12/KH-CAP»"."""
    before, after = shown.change.before, shown.change.after
    where = {"unit": shown.unit_name, "number": shown.number}
    if after is None:
        assert before is not None
        return messages.text("progress.diff.removed", lang, before=_status(before, lang), **where)
    result = f" — «{after.result}»" if after.result and (before is None or before.result != after.result) else ""
    if before is None:
        return messages.text("progress.diff.added", lang, after=_status(after, lang), result=result, **where)
    words = {"before": _status(before, lang), "after": _status(after, lang), "result": result}
    return messages.text("progress.diff.changed", lang, **words, **where)


def _status(entry: Entry, lang: str) -> str:
    return messages.text(f"status.{entry.status}", lang)


def diff_json(found: ProgressDiff) -> dict[str, Any]:
    """``{"old", "new", "changes": [{"unit", "number", "key", "before", "after"}]}``, entries as in the file."""

    def entry(value: Entry | None) -> dict[str, Any] | None:
        return None if value is None else value.model_dump(mode="json")

    return {
        "old": found.old,
        "new": found.new,
        "changes": [
            {
                "unit": c.change.unit_id,
                "number": c.number,
                "key": c.change.key,
                "before": entry(c.change.before),
                "after": entry(c.change.after),
            }
            for c in found.changes
        ],
    }
