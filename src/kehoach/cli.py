"""The ``kehoach`` command: options in, one core function called, its result shown.

Exit codes are decided here and only here: 0 clean, 1 problems in the plan or
templates, 2 a usage error, 3 an internal bug (its traceback goes to a log file,
never to the screen).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kehoach import __version__
from kehoach.errors import ExitCode, KehoachError, ProblemsError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="kehoach: soạn Kế hoạch trong plan.yaml, xuất văn bản DOCX đúng Nghị định 30.\n\n"
    "kehoach: write a plan once in plan.yaml, render Decree-30 DOCX documents.",
)
out_console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

PlanArg = Annotated[Path, typer.Argument(help="Tệp kế hoạch (mặc định plan.yaml).")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ thông báo: vi hoặc en.")]


def language(option: str | None) -> str:
    """--lang wins; otherwise an English LANG gives English; Vietnamese by default."""
    if option:
        return "en" if option.lower().startswith("en") else "vi"
    env = os.environ.get("LANG", "")
    return "en" if env.lower().startswith("en") else "vi"


def _version(value: bool) -> None:
    if value:
        out_console.print(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """kehoach."""


@app.command("validate")
def validate_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Kiểm tra plan.yaml; không ghi tệp nào. Check plan.yaml; writes nothing."""
    from kehoach import report
    from kehoach.commands.validate import run_validate

    lang = language(lang)
    result = _guard(lambda: run_validate(plan), lang)
    report.show_problems(err_console, result.warnings, lang)
    report.say(out_console, "plan.valid", lang, "green")


class Only(StrEnum):
    """Kinds of documents ``render --only`` can narrow to."""

    plan = "plan"
    letters = "letters"
    checklists = "checklists"


@app.command("render")
def render_command(
    plan: PlanArg = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục đầu ra.")] = Path("out"),
    only: Annotated[list[Only] | None, typer.Option("--only", help="Chỉ xuất loại này (lặp lại được).")] = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="Chỉ xuất văn bản của đơn vị này (mã đơn vị).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè cả tệp đã sửa tay (giữ bản .bak).")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Xóa tệp của đơn vị không còn trong kế hoạch.")] = False,
    changed_since: Annotated[
        str | None, typer.Option("--changed-since", help="Chỉ xuất văn bản thay đổi kể từ phiên bản git này.")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Tạo thêm PDF cạnh mỗi tệp DOCX (cần LibreOffice).")] = False,
    html: Annotated[bool, typer.Option("--html", help="Tạo thêm trang web của kế hoạch.")] = False,
    ics: Annotated[bool, typer.Option("--ics", help="Tạo thêm lịch (.ics) cho từng đơn vị.")] = False,
    slogans: Annotated[bool, typer.Option("--slogans", help="Tạo thêm trang khẩu hiệu khổ lớn để in.")] = False,
    lang: LangOpt = None,
) -> None:
    """Xuất văn bản DOCX vào out/. Render the DOCX documents into out/."""
    from kehoach import report
    from kehoach.commands.render import run_render

    lang = language(lang)
    kinds = [k.value for k in only or []]
    extras = [name for name, wanted in (("html", html), ("calendar", ics), ("slogans", slogans)) if wanted]
    options = {"force": force, "prune": prune, "changed_since": changed_since, "pdf": pdf, "extras": extras}
    with report.progress_bar(err_console, lang) as progress:
        result = _guard(lambda: run_render(plan, out, kinds, unit or [], progress=progress, **options), lang)
    report.show_problems(err_console, result.warnings, lang)
    report.show_written(out_console, result, lang)


@app.command("units")
def units_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Liệt kê các đơn vị và số nhiệm vụ. List the units and their task counts."""
    from kehoach import report
    from kehoach.commands.units import run_units

    lang = language(lang)
    report.show_units(out_console, _guard(lambda: run_units(plan), lang), lang)


@app.command("checklist")
def checklist_command(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help="Mã đơn vị (xem: kehoach units).")],
    plan: Annotated[Path, typer.Option("--plan", "-p", help="Tệp kế hoạch.")] = Path("plan.yaml"),
    lang: LangOpt = None,
) -> None:
    """In bảng theo dõi nhiệm vụ của một đơn vị. Print one unit's checklist."""
    from kehoach import report
    from kehoach.commands.units import run_checklist

    lang = language(lang)
    report.show_checklist(out_console, _guard(lambda: run_checklist(plan, unit_id), lang), lang)


class ToneStyle(StrEnum):
    """Tone-mark placement ``lint --fix`` writes."""

    new = "new"
    old = "old"


@app.command("lint")
def lint_command(
    plan: PlanArg = Path("plan.yaml"),
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Sửa dấu thanh về một kiểu, không đổi gì khác.")] = False,
    style: Annotated[
        ToneStyle | None, typer.Option("--style", help="Kiểu dấu thanh khi sửa: new (hóa, ủy) hoặc old (hoá, uỷ).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Soát lỗi chính tả, trình bày. Review spelling and presentation."""
    from kehoach import report
    from kehoach.commands.lint import run_lint

    lang = language(lang)
    result = _guard(lambda: run_lint(plan, fix=fix, style=style.value if style else None), lang)
    if result.fixed:
        report.say(out_console, "lint.fixed", lang, "green", count=result.fixed, style=result.style, path=plan)
    report.show_problems(err_console, result.warnings, lang)
    if not result.warnings:
        report.say(out_console, "lint.clean", lang, "green")
        return
    report.say(err_console, "lint.count", lang, "yellow", count=len(result.warnings))
    if strict:
        raise typer.Exit(ExitCode.PROBLEMS)


class DiffFormat(StrEnum):
    """Output formats of ``kehoach diff``."""

    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("diff")
def diff_command(
    old: Annotated[str | None, typer.Argument(help="Bản cũ: tệp hoặc phiên bản git (mặc định HEAD).")] = None,
    new: Annotated[str | None, typer.Argument(help="Bản mới: tệp hoặc phiên bản git (mặc định tệp đang sửa).")] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help="Tệp kế hoạch trong kho git.")] = Path("plan.yaml"),
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, markdown hoặc json.")] = DiffFormat.text,
    docx: Annotated[
        Path | None, typer.Option("--docx", help="Ghi văn bản mới có theo dõi thay đổi (Word) vào tệp này.")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """So sánh hai phiên bản kế hoạch theo nội dung. Compare two revisions of the plan by meaning."""
    from kehoach import report
    from kehoach.commands.diff import run_diff, write_redline

    lang = language(lang)
    result = _guard(lambda: run_diff(old, new, plan), lang)
    report.show_diff(out_console, result, fmt.value, lang)
    if docx is not None:
        written = _guard(lambda: write_redline(result, docx, plan.parent), lang)
        report.say(err_console, "redline.written", lang, "green", path=written)
    raise typer.Exit(ExitCode.PROBLEMS if result.changed else ExitCode.OK)


@app.command("notify")
def notify_command(
    old: Annotated[str | None, typer.Argument(help="Bản cũ (mặc định HEAD).")] = None,
    new: Annotated[str | None, typer.Argument(help="Bản mới (mặc định tệp đang sửa).")] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help="Tệp kế hoạch.")] = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục đầu ra.")] = Path("out"),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè cả tệp đã sửa tay (giữ bản .bak).")] = False,
    lang: LangOpt = None,
) -> None:
    """Công văn điều chỉnh cho từng đơn vị bị ảnh hưởng. Change notices for the affected units."""
    from kehoach import report
    from kehoach.commands.notify import run_notify

    lang = language(lang)
    result = _guard(lambda: run_notify(old, new, plan, out, force=force), lang)
    report.show_written(out_console, result, lang)


@app.command("print-pack")
def print_pack_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help="Công văn và bảng theo dõi của một đơn vị.")] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục đầu ra.")] = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Một tệp PDF để in: các bảng theo dõi, hoặc văn bản của một đơn vị. One PDF ready to print."""
    from kehoach import report
    from kehoach.commands.pdf import run_print_pack

    lang = language(lang)
    written = _guard(lambda: run_print_pack(plan, out, unit), lang)
    report.say(out_console, "print.written", lang, "green", path=out / written.name)


@app.command("watch")
def watch_command(
    plan: PlanArg = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help="Thư mục đầu ra.")] = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Tự xuất lại mỗi khi lưu plan.yaml hoặc mẫu. Re-render on every save (Ctrl-C to stop)."""
    from kehoach import report
    from kehoach.commands.watch import run_watch

    lang = language(lang)
    report.say(err_console, "watch.start", lang, "bold", plan=plan)
    _guard(
        lambda: run_watch(plan, out, lambda outcome: report.show_outcome(out_console, err_console, outcome, lang)), lang
    )


@app.command("calendar")
def calendar_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help="Lịch của một đơn vị.")] = None,
    output_file: Annotated[Path | None, typer.Option("-o", "--output", help="Tệp .ics.")] = None,
    lang: LangOpt = None,
) -> None:
    """Lịch iCalendar của các đợt và thời hạn. An iCalendar file of the phases and deadlines."""
    from kehoach import report
    from kehoach.commands.calendar import run_calendar

    lang = language(lang)
    target = output_file or Path(f"{unit or 'ke-hoach'}.ics")
    notes = _guard(lambda: run_calendar(plan, target, unit, lang), lang)
    for note in notes:
        err_console.print(note, style="yellow", markup=False)
    report.say(out_console, "calendar.written", lang, "green", path=target)


@app.command("textconv")
def textconv_command(document: Annotated[Path, typer.Argument(help="Tệp .docx.")]) -> None:
    """In chữ của tệp DOCX theo thứ tự đọc (cho git diff). Print a DOCX's text in reading order."""
    from kehoach.textconv import text_of

    try:
        text = text_of(document)
    except Exception as exc:  # not a Word file: show git something rather than fail the diff
        sys.stderr.write(f"{document}: {exc}\n")
        raise typer.Exit(ExitCode.PROBLEMS) from None
    sys.stdout.write(text)


@app.command("schema")
def schema_command() -> None:
    """In JSON Schema của plan.yaml. Print the JSON Schema of plan.yaml."""
    from kehoach.commands.init import schema_text

    sys.stdout.write(schema_text())


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="Thư mục (mặc định: thư mục hiện tại).")] = Path("."),
    lang: LangOpt = None,
) -> None:
    """Tạo plan.yaml mẫu có chú thích. Write a commented starter plan.yaml."""
    from kehoach import report
    from kehoach.commands.init import run_init

    lang = language(lang)
    for path in _guard(lambda: run_init(folder), lang):
        report.say(out_console, "init.written", lang, "green", path=path)
    report.say(out_console, "init.next", lang)


templates_app = typer.Typer(help="Mẫu văn bản (Word). Document templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("check")
def templates_check_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Kiểm tra các thẻ trong mẫu. List template variables the documents do not provide."""
    from kehoach import report
    from kehoach.templates import check_all

    lang = language(lang)
    found = _guard(lambda: check_all(plan.parent), lang)
    report.show_template_findings(out_console, found, lang)
    if any(found.values()):
        raise typer.Exit(ExitCode.PROBLEMS)


@templates_app.command("export")
def templates_export_command(
    folder: Annotated[Path, typer.Argument(help="Thư mục đích.")] = Path("templates"),
    lang: LangOpt = None,
) -> None:
    """Chép các mẫu mặc định ra để sửa. Copy the default templates here to edit them."""
    from kehoach import report
    from kehoach.commands.templates import run_export

    lang = language(lang)
    for name, target, copied in _guard(lambda: run_export(folder), lang):
        report.say(out_console, "templates.exported" if copied else "templates.kept", lang, name=name, target=target)


def _guard(action, lang: str):  # type: ignore[no-untyped-def]
    """Run a core function; turn what it raises into a message and an exit code."""
    from kehoach import report

    try:
        return action()
    except ProblemsError as exc:
        report.show_problems(err_console, exc.problems, lang)
        report.say(err_console, exc.code, lang, "bold red", **exc.args_)
        raise typer.Exit(ExitCode.PROBLEMS) from None
    except KehoachError as exc:
        err_console.print(exc.message(lang), style="bold red", markup=False)
        if exc.hint(lang):
            err_console.print(exc.hint(lang), markup=False)
        raise typer.Exit(exc.exit_code) from None


def _internal_error(exc: BaseException) -> int:
    """Write the traceback where a developer can find it; tell the user one line."""
    from kehoach import messages

    log = Path(tempfile.gettempdir()) / "kehoach-loi.log"
    try:
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        log = Path("(không ghi được nhật ký)")
    sys.stderr.write(messages.text("internal", language(None), log=log) + "\n")
    return ExitCode.INTERNAL


def main() -> None:
    """Console-script entry point: usage errors exit 2 (click), bugs exit 3 (logged)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        sys.exit(130)
    except Exception as exc:
        sys.exit(_internal_error(exc))
