"""How problems and results look in a terminal (the only module that formats them).

A problem reads like a compiler's: ``plan.yaml:12:5: lỗi: …``, the source line
with a caret under the column, the key path, and a hint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from kehoach.publish.manifest import MANIFEST
from kehoach.text import messages
from kehoach.text.errors import KehoachError, Problem, ProblemsError, shorten

if TYPE_CHECKING:  # types only: importing them would load the render pipeline for every command
    from kehoach.commands.units import UnitLine
    from kehoach.commands.watch import Outcome
    from kehoach.publish.pipeline import RenderResult
    from kehoach.render.check import Finding
    from kehoach.views import UnitView

LABELS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "at": "tại", "hint": "gợi ý"},
    "en": {"error": "error", "warning": "warning", "at": "at", "hint": "hint"},
}


#: The most characters of a source line shown under an error: a 2 MB line shows this much
#: of itself around the caret.
WINDOW = 200


def problem_lines(problem: Problem, lang: str) -> list[str]:
    """The lines of one problem, as plain text (tests read these)."""
    label = LABELS.get(lang, LABELS["vi"])
    lines = [f"{problem.where}: {label[problem.severity]}: {problem.message(lang)}"]
    if problem.line and problem.source_line:
        gutter = f"{problem.line:>5} | "
        shown, column = source_window(problem.source_line, problem.column)
        lines.append(gutter + shown)
        lines.append(" " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^")
    if problem.key_path:
        lines.append(f"      {label['at']}: {shorten(problem.key_path)}")
    hint = problem.hint(lang)
    if hint:
        lines.append(f"      {label['hint']}: {hint}")
    return lines


def source_window(line: str, column: int, width: int = WINDOW) -> tuple[str, int]:
    """The part of ``line`` around ``column`` that fits ``width`` characters ("…" where it is
    cut), with control characters made visible, and the caret's column in that part."""
    line = printable(line.rstrip())
    column = max(1, min(column, len(line) + 1))
    if len(line) <= width:
        return line, column
    inner = width - 2
    start = min(max(column - 1 - inner // 2, 0), len(line) - inner)
    head = "…" if start > 0 else ""
    tail = "…" if start + inner < len(line) else ""
    return head + line[start : start + inner] + tail, column - start + len(head)


def printable(text: str) -> str:
    """Control characters as their visible symbols (NUL as ␀, a tab as ␉), one for one, so a
    terminal neither acts on them nor shifts the caret."""
    return text.translate(_VISIBLE)


_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421} | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def show_problems(console: Console, problems: list[Problem], lang: str) -> None:
    """Print problems, errors in red and warnings in yellow.

    All in one styled text, printed once: a plan of 1,000 units can have 40,000 warnings,
    and printing each line apart (its markup parsed, then rendered) took 20 seconds.
    """
    if not problems:
        return
    shown = Text()
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        first, *rest = problem_lines(problem, lang)
        shown.append(first, style=f"bold {colour}")
        for line in rest:
            shown.append("\n" + line)
        shown.append("\n")
    shown.rstrip()
    # emoji=False: "plan.yaml:100:3" must not print as "plan.yaml💯3"
    console.print(shown, soft_wrap=True, highlight=False, emoji=False)


def say(console: Console, code: str, lang: str, colour: str = "", **args: object) -> None:
    """One catalogue sentence."""
    text = escape(messages.text(code, lang, **args))
    console.print(f"[{colour}]{text}[/]" if colour else text, highlight=False)


#: Up to this many written files a run lists them one per row; over it, a summary (a province's
#: 2,001 rows took a second to print and scrolled everything else away). ``--verbose`` lists them.
ROWS_MAX = 40


def show_written(
    console: Console, result: RenderResult, lang: str, verbose: bool = False, elapsed: float | None = None
) -> None:
    """The files a render wrote (a row each, or a summary of many), then what it kept, backed up
    or found stale; ``elapsed`` is the run's time in seconds, for the summary."""
    out_dir = result.out_dir
    if verbose or len(result.files) <= ROWS_MAX:
        _file_rows(console, result, lang)
    else:
        _file_summary(console, result, lang, elapsed)
    for name, backup in result.backups.items():
        say(console, "render.backup", lang, "yellow", name=name, backup=backup)
    for name in result.stale:
        say(console, "render.stale", lang, "yellow", name=name)
    for name in result.pruned:
        say(console, "render.pruned", lang, name=name)
    for name in result.removed_pdfs:
        say(console, "render.pdf_removed", lang, "yellow", name=name)
    if result.unchanged:
        say(console, "render.unchanged", lang, count=len(result.unchanged))
    say(console, "render.written", lang, "green", count=number(len(result.files), lang), out=out_dir)


def _file_rows(console: Console, result: RenderResult, lang: str) -> None:
    """One row per written file, with its size."""
    from rich.table import Table

    if not result.files:
        return
    table = Table(show_header=True, header_style="bold")
    table.add_column("Tệp" if lang == "vi" else "File")
    table.add_column("kB", justify="right")
    for item in result.files:
        table.add_row(escape(str(result.out_dir / item.name)), f"{item.size / 1024:.1f}")
    console.print(table)


def _file_summary(console: Console, result: RenderResult, lang: str, elapsed: float | None) -> None:
    """Files and their size per folder and kind, with the totals; the time; where the full list is."""
    from rich.table import Table

    groups: dict[tuple[str, str], list[int]] = {}
    for item in result.files:
        name = PurePosixPath(item.name)
        kind = name.suffix.removeprefix(".").upper() or "-"
        groups.setdefault((str(name.parent), kind), []).append(item.size)
    total = size_text(sum(item.size for item in result.files), lang)
    table = Table(show_header=True, header_style="bold", show_footer=True, footer_style="bold")
    table.add_column(messages.text("render.summary.folder", lang), footer=messages.text("render.summary.total", lang))
    table.add_column(messages.text("render.summary.kind", lang))
    table.add_column(
        messages.text("render.summary.files", lang), footer=number(len(result.files), lang), justify="right"
    )
    table.add_column(messages.text("render.summary.size", lang), footer=total, justify="right")
    for (folder, kind), sizes in sorted(groups.items(), key=lambda group: (group[0][0] != ".", group[0])):
        shown = result.out_dir if folder == "." else result.out_dir / folder
        table.add_row(escape(str(shown)), kind, number(len(sizes), lang), size_text(sum(sizes), lang))
    console.print(table)
    if elapsed is not None:
        say(console, "render.summary_time", lang, seconds=decimal(elapsed, lang))
    say(console, "render.summary_list", lang, "dim", manifest=result.out_dir / MANIFEST)


def number(count: int, lang: str) -> str:
    """A whole number with thousands marked as each language writes them: 2.001 tệp, 2,001 files."""
    grouped = f"{count:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped


def decimal(value: float, lang: str) -> str:
    """One decimal, with a comma in Vietnamese (6,2 giây) and a point in English (6.2 s)."""
    shown = f"{value:.1f}"
    return shown.replace(".", ",") if lang == "vi" else shown


def size_text(size: int, lang: str) -> str:
    """A size in kB under a megabyte, in MB from there: 840,2 kB, 25,3 MB."""
    if size < 1024 * 1024:
        return f"{decimal(size / 1024, lang)} kB"
    return f"{decimal(size / 1024 / 1024, lang)} MB"


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


def show_units(console: Console, units: list[UnitLine], lang: str) -> None:
    """The units, their relation to the plan and their task counts."""
    from rich.table import Table

    vi = lang == "vi"
    table = Table(header_style="bold")
    titles: tuple[tuple[str, str], ...] = (
        ("Mã", "Id"),
        ("Đơn vị", "Unit"),
        ("Quan hệ", "Relation"),
        ("Nhiệm vụ", "Tasks"),
    )
    for title in titles:
        table.add_column(title[0] if vi else title[1], justify="right" if title[0] == "Nhiệm vụ" else "left")
    for unit in units:
        table.add_row(escape(unit.id), escape(unit.name), unit.relation, str(unit.tasks))
    console.print(table)


def show_checklist(console: Console, view: UnitView, lang: str) -> None:
    """One unit's checklist as a table, to read or paste into a chat."""
    from rich.table import Table

    table = Table(
        title=f"{view.checklist_title}\n{view.checklist_unit}",
        caption=f"(Theo {view.plan_reference})",
        header_style="bold",
        show_lines=True,
    )
    for name in ("STT", "Nhiệm vụ", "Đợt / Thời hạn", "Phối hợp", "Hoàn thành"):
        table.add_column(name)
    for row in view.rows:
        text = "".join(run.text for run in row.task)
        table.add_row(row.number, escape(text), escape(row.when), escape(row.partners), row.done)
    console.print(table)


def show_template_findings(console: Console, found: dict[Path, list[Finding]], lang: str) -> None:
    """Each template and the tags in it that nothing provides."""
    for path, findings in found.items():
        if not findings:
            say(console, "templates.ok", lang, "green", name=path)
            continue
        for finding in findings:
            text = messages.text("template.undefined", lang, name=path, tags=finding.tag)
            console.print(f"[red]{escape(text)}[/]")


def show_outcome(out: Console, err: Console, outcome: Outcome, lang: str) -> None:
    """One round of ``watch``: what was written, or the problems, with the time."""
    import time

    err.print(f"[dim]{time.strftime('%H:%M:%S')}[/]")
    if isinstance(outcome, ProblemsError):
        show_problems(err, outcome.problems, lang)
        say(err, outcome.code, lang, "bold red", **outcome.args_)
    elif isinstance(outcome, KehoachError):
        err.print(outcome.message(lang), style="bold red", markup=False)
    else:
        show_problems(err, outcome.warnings, lang)
        show_written(out, outcome, lang)
