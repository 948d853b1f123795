"""How problems and results look in a terminal (the only module that formats them).

A problem reads like a compiler's: ``plan.yaml:12:5: lỗi: …``, the source line
with a caret under the column, the key path, and a hint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.markup import escape

from kehoach import messages
from kehoach.errors import Problem

LABELS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "at": "tại", "hint": "gợi ý"},
    "en": {"error": "error", "warning": "warning", "at": "at", "hint": "hint"},
}


def problem_lines(problem: Problem, lang: str) -> list[str]:
    """The lines of one problem, as plain text (tests read these)."""
    label = LABELS.get(lang, LABELS["vi"])
    lines = [f"{problem.where}: {label[problem.severity]}: {problem.message(lang)}"]
    if problem.line and problem.source_line:
        gutter = f"{problem.line:>5} | "
        lines.append(gutter + problem.source_line.rstrip())
        lines.append(" " * (len(gutter) - 2) + "| " + " " * (problem.column - 1) + "^")
    if problem.key_path:
        lines.append(f"      {label['at']}: {problem.key_path}")
    hint = problem.hint(lang)
    if hint:
        lines.append(f"      {label['hint']}: {hint}")
    return lines


def show_problems(console: Console, problems: list[Problem], lang: str) -> None:
    """Print problems, errors in red and warnings in yellow."""
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        first, *rest = problem_lines(problem, lang)
        console.print(f"[bold {colour}]{escape(first)}[/]", soft_wrap=True)
        for line in rest:
            console.print(escape(line), soft_wrap=True, highlight=False)


def say(console: Console, code: str, lang: str, colour: str = "", **args: object) -> None:
    """One catalogue sentence."""
    text = escape(messages.text(code, lang, **args))
    console.print(f"[{colour}]{text}[/]" if colour else text, highlight=False)


def show_written(console: Console, result: object, lang: str) -> None:
    """A table of the files a render wrote, then what it kept, backed up or found stale."""
    from rich.table import Table

    out_dir = result.out_dir  # type: ignore[attr-defined]
    if result.files:  # type: ignore[attr-defined]
        table = Table(show_header=True, header_style="bold")
        table.add_column("Tệp" if lang == "vi" else "File")
        table.add_column("kB", justify="right")
        for item in result.files:  # type: ignore[attr-defined]
            table.add_row(escape(str(out_dir / item.name)), f"{item.size / 1024:.1f}")
        console.print(table)
    for name, backup in result.backups.items():  # type: ignore[attr-defined]
        say(console, "render.backup", lang, "yellow", name=name, backup=backup)
    for name in result.stale:  # type: ignore[attr-defined]
        say(console, "render.stale", lang, "yellow", name=name)
    for name in result.pruned:  # type: ignore[attr-defined]
        say(console, "render.pruned", lang, name=name)
    if result.unchanged:  # type: ignore[attr-defined]
        say(console, "render.unchanged", lang, count=len(result.unchanged))  # type: ignore[attr-defined]
    say(console, "render.written", lang, "green", count=len(result.files), out=out_dir)  # type: ignore[attr-defined]


#: Fewer documents than this render too fast for a progress bar to help.
PROGRESS_MIN = 20


@contextlib.contextmanager
def progress_bar(console: Console, lang: str) -> Iterator[Callable[[int, int], Callable[[int], None]]]:
    """A progress bar on stderr for long renders; nothing when stderr is not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("Đang xuất" if lang == "vi" else "Rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )

    started: list[bool] = []

    def start(total: int, done: int) -> Callable[[int], None]:
        if total < PROGRESS_MIN or not console.is_terminal:
            return lambda step: None
        bar.start()
        started.append(True)
        task = bar.add_task("", total=total, completed=done)
        return lambda step: bar.advance(task, step)

    try:
        yield start
    finally:
        if started:
            bar.stop()


def show_units(console: Console, units: list, lang: str) -> None:
    """The units, their relation to the plan and their task counts."""
    from rich.table import Table

    vi = lang == "vi"
    table = Table(header_style="bold")
    for title in (("Mã", "Id"), ("Đơn vị", "Unit"), ("Quan hệ", "Relation"), ("Nhiệm vụ", "Tasks")):
        table.add_column(title[0] if vi else title[1], justify="right" if title[0] == "Nhiệm vụ" else "left")
    for unit in units:
        table.add_row(escape(unit.id), escape(unit.name), unit.relation, str(unit.tasks))
    console.print(table)


def show_checklist(console: Console, view: object, lang: str) -> None:
    """One unit's checklist as a table, to read or paste into a chat."""
    from rich.table import Table

    table = Table(
        title=f"{view.checklist_title}\n{view.checklist_unit}",  # type: ignore[attr-defined]
        caption=f"(Theo {view.plan_reference})",  # type: ignore[attr-defined]
        header_style="bold",
        show_lines=True,
    )
    for name in ("STT", "Nhiệm vụ", "Đợt / Thời hạn", "Phối hợp", "Hoàn thành"):
        table.add_column(name)
    for row in view.rows:  # type: ignore[attr-defined]
        text = "".join(run.text for run in row.task)
        table.add_row(row.number, escape(text), escape(row.when), escape(row.partners), row.done)
    console.print(table)


def show_template_findings(console: Console, found: dict, lang: str) -> None:
    """Each template and the tags in it that nothing provides."""
    for path, findings in found.items():
        if not findings:
            say(console, "templates.ok", lang, "green", name=path)
            continue
        for finding in findings:
            text = messages.text("template.undefined", lang, name=path, tags=finding.tag)
            console.print(f"[red]{escape(text)}[/]")


DIFF_STYLES = {
    "label": "bold",
    "text": "",
    "old": "red",
    "new": "green",
    "delete": "red strike",
    "insert": "bold green",
}


def show_diff(console: Console, result: object, fmt: str, lang: str) -> None:
    """A diff in the terminal (coloured), as Markdown, or as JSON; then the affected units."""
    import json

    from kehoach import diff

    changes = result.diff  # type: ignore[attr-defined]
    if fmt == "json":
        data = diff.to_json(changes)
        data["affected_units"] = result.affected  # type: ignore[attr-defined]
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    if fmt == "markdown":
        console.print(diff.to_markdown(changes, lang), markup=False, highlight=False, soft_wrap=True)
    else:
        say(console, "diff.compared", lang, "dim", old=result.old_label, new=result.new_label)  # type: ignore[attr-defined]
        _diff_lines(console, changes, lang)
    if result.affected:  # type: ignore[attr-defined]
        names = "; ".join(result.affected_names())  # type: ignore[attr-defined]
        say(console, "diff.affected", lang, "bold", units=names)


def _diff_lines(console: Console, changes: object, lang: str) -> None:
    from rich.text import Text

    from kehoach import diff

    lines = diff.lines(changes, lang)  # type: ignore[arg-type]
    if not lines:
        say(console, "diff.empty", lang, "green")
        return
    section = None
    for line in lines:
        if line.section != section:
            section = line.section
            console.print(Text(messages.text(f"diff.section.{section}", lang), style="bold underline"))
        text = Text("  ")
        for span in line.segments:
            text.append(span.text, style=DIFF_STYLES.get(span.style, ""))
        console.print(text, soft_wrap=True)


def show_outcome(out: Console, err: Console, outcome: object, lang: str) -> None:
    """One round of ``watch``: what was written, or the problems, with the time."""
    import time

    from kehoach.errors import KehoachError, ProblemsError

    err.print(f"[dim]{time.strftime('%H:%M:%S')}[/]")
    if isinstance(outcome, ProblemsError):
        show_problems(err, outcome.problems, lang)
        say(err, outcome.code, lang, "bold red", **outcome.args_)
    elif isinstance(outcome, KehoachError):
        err.print(outcome.message(lang), style="bold red", markup=False)
    else:
        show_problems(err, outcome.warnings, lang)  # type: ignore[attr-defined]
        show_written(out, outcome, lang)
