"""The ``kehoach`` command: options in, one core function called, its result shown.

Exit codes are decided here and only here: 0 clean, 1 problems in the plan or
templates, 2 a usage error, 3 an internal bug (its traceback goes to a log file,
never to the screen), 4 a file or out/ that could not be written.

Help texts come from the message catalogue in the language of the command line
(``--lang`` anywhere in it, else LANG), chosen when the commands are declared,
because typer reads them then.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kehoach import __version__, messages
from kehoach.errors import ExitCode, KehoachError, ProblemsError, os_reason

#: ``kehoach --lang en render``: the --lang given before the command (set by the root callback).
_ROOT_LANG: ContextVar[str | None] = ContextVar("kehoach_root_lang", default=None)


def language(option: str | None) -> str:
    """The command's --lang wins, then a --lang before the command, then an English LANG;
    Vietnamese by default."""
    chosen = option or _ROOT_LANG.get()
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


def _h(code: str) -> str:
    """A help text of the catalogue, in the command line's language."""
    return messages.text(f"help.{code}", HELP_LANG)


app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=_h("app"),
)
#: No emoji codes: "plan.yaml:100:3" would print as "plan.yaml💯3".
out_console = Console(highlight=False, emoji=False)
err_console = Console(stderr=True, highlight=False, emoji=False)

PlanArg = Annotated[Path, typer.Argument(help=_h("opt.plan"))]
LangOpt = Annotated[str | None, typer.Option("--lang", help=_h("opt.lang"))]


def _version(value: bool) -> None:
    if value:
        out_console.print(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_h("opt.version"))
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Options given before the command: --lang here sets the language of every command."""
    _ROOT_LANG.set(lang)


@app.command("validate", help=_h("validate"))
def validate_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Kiểm tra plan.yaml; không ghi tệp nào. Check plan.yaml; writes nothing."""
    from kehoach import report
    from kehoach.commands.validate import run_validate

    lang = language(lang)
    result = _guard(lambda: run_validate(plan), lang, plan.parent / "out")
    report.show_problems(err_console, result.warnings, lang)
    report.say(out_console, "plan.valid", lang, "green")


class Only(StrEnum):
    """Kinds of documents ``render --only`` can narrow to."""

    plan = "plan"
    letters = "letters"
    checklists = "checklists"


@app.command("render", help=_h("render"))
def render_command(
    plan: PlanArg = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help=_h("opt.out"))] = Path("out"),
    only: Annotated[list[Only] | None, typer.Option("--only", help=_h("opt.only"))] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help=_h("opt.render_unit"))] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("opt.force"))] = False,
    prune: Annotated[bool, typer.Option("--prune", help=_h("opt.prune"))] = False,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help=_h("opt.changed_since"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=_h("opt.pdf"))] = False,
    html: Annotated[bool, typer.Option("--html", help=_h("opt.html"))] = False,
    ics: Annotated[bool, typer.Option("--ics", help=_h("opt.ics"))] = False,
    slogans: Annotated[bool, typer.Option("--slogans", help=_h("opt.slogans"))] = False,
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
        result = _guard(lambda: run_render(plan, out, kinds, unit or [], progress=progress, **options), lang, out)
    report.show_problems(err_console, result.warnings, lang)
    report.show_written(out_console, result, lang)


@app.command("units", help=_h("units"))
def units_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Liệt kê các đơn vị và số nhiệm vụ. List the units and their task counts."""
    from kehoach import report
    from kehoach.commands.units import run_units

    lang = language(lang)
    report.show_units(out_console, _guard(lambda: run_units(plan), lang, plan.parent / "out"), lang)


@app.command("checklist", help=_h("checklist"))
def checklist_command(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help=_h("opt.unit_id"))],
    plan: Annotated[Path, typer.Option("--plan", "-p", help=_h("opt.plan_file"))] = Path("plan.yaml"),
    lang: LangOpt = None,
) -> None:
    """In bảng theo dõi nhiệm vụ của một đơn vị. Print one unit's checklist."""
    from kehoach import report
    from kehoach.commands.units import run_checklist

    lang = language(lang)
    report.show_checklist(out_console, _guard(lambda: run_checklist(plan, unit_id), lang, plan.parent / "out"), lang)


class ToneStyle(StrEnum):
    """Tone-mark placement ``lint --fix`` writes."""

    new = "new"
    old = "old"


@app.command("lint", help=_h("lint"))
def lint_command(
    plan: PlanArg = Path("plan.yaml"),
    strict: Annotated[bool, typer.Option("--strict", help=_h("opt.strict"))] = False,
    fix: Annotated[bool, typer.Option("--fix", help=_h("opt.fix"))] = False,
    style: Annotated[ToneStyle | None, typer.Option("--style", help=_h("opt.style"))] = None,
    lang: LangOpt = None,
) -> None:
    """Soát lỗi chính tả, trình bày. Review spelling and presentation."""
    from kehoach import report
    from kehoach.commands.lint import run_lint

    lang = language(lang)
    result = _guard(lambda: run_lint(plan, fix=fix, style=style.value if style else None), lang, plan.parent / "out")
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


@app.command("diff", help=_h("diff"))
def diff_command(
    old: Annotated[str | None, typer.Argument(help=_h("opt.diff_old"))] = None,
    new: Annotated[str | None, typer.Argument(help=_h("opt.diff_new"))] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help=_h("opt.git_plan"))] = Path("plan.yaml"),
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help=_h("opt.format"))] = DiffFormat.text,
    docx: Annotated[Path | None, typer.Option("--docx", help=_h("opt.docx"))] = None,
    lang: LangOpt = None,
) -> None:
    """So sánh hai phiên bản kế hoạch theo nội dung. Compare two revisions of the plan by meaning."""
    from kehoach import report
    from kehoach.commands.diff import run_diff, write_redline

    lang = language(lang)
    result = _guard(lambda: run_diff(old, new, plan), lang, plan.parent / "out")
    report.show_diff(out_console, result, fmt.value, lang)
    if docx is not None:
        written = _guard(lambda: write_redline(result, docx, plan.parent), lang)
        report.say(err_console, "redline.written", lang, "green", path=written)
    raise typer.Exit(ExitCode.PROBLEMS if result.changed else ExitCode.OK)


@app.command("notify", help=_h("notify"))
def notify_command(
    old: Annotated[str | None, typer.Argument(help=_h("opt.notify_old"))] = None,
    new: Annotated[str | None, typer.Argument(help=_h("opt.notify_new"))] = None,
    plan: Annotated[Path, typer.Option("--plan", "-p", help=_h("opt.plan_file"))] = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help=_h("opt.out"))] = Path("out"),
    force: Annotated[bool, typer.Option("--force", help=_h("opt.force"))] = False,
    lang: LangOpt = None,
) -> None:
    """Công văn điều chỉnh cho từng đơn vị bị ảnh hưởng. Change notices for the affected units."""
    from kehoach import report
    from kehoach.commands.notify import run_notify

    lang = language(lang)
    result = _guard(lambda: run_notify(old, new, plan, out, force=force), lang, out)
    report.show_written(out_console, result, lang)


@app.command("print-pack", help=_h("print_pack"))
def print_pack_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help=_h("opt.pack_unit"))] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help=_h("opt.out"))] = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Một tệp PDF để in: các bảng theo dõi, hoặc văn bản của một đơn vị. One PDF ready to print."""
    from kehoach import report
    from kehoach.commands.pdf import run_print_pack

    lang = language(lang)
    written = _guard(lambda: run_print_pack(plan, out, unit), lang, out)
    report.say(out_console, "print.written", lang, "green", path=out / written.name)


@app.command("watch", help=_h("watch"))
def watch_command(
    plan: PlanArg = Path("plan.yaml"),
    out: Annotated[Path, typer.Option("-o", "--out", help=_h("opt.out"))] = Path("out"),
    lang: LangOpt = None,
) -> None:
    """Tự xuất lại mỗi khi lưu plan.yaml hoặc mẫu. Re-render on every save (Ctrl-C to stop)."""
    from kehoach import report
    from kehoach.commands.watch import run_watch

    lang = language(lang)
    report.say(err_console, "watch.start", lang, "bold", plan=plan)
    _guard(
        lambda: run_watch(plan, out, lambda outcome: report.show_outcome(out_console, err_console, outcome, lang)),
        lang,
        out,
    )
    report.say(err_console, "watch.stopped", lang)


@app.command("calendar", help=_h("calendar"))
def calendar_command(
    plan: PlanArg = Path("plan.yaml"),
    unit: Annotated[str | None, typer.Option("--unit", help=_h("opt.calendar_unit"))] = None,
    output_file: Annotated[Path | None, typer.Option("-o", "--output", help=_h("opt.ics_file"))] = None,
    out: Annotated[Path, typer.Option("--out", help=_h("opt.out"))] = Path("out"),
    force: Annotated[bool, typer.Option("--force", help=_h("opt.force"))] = False,
    lang: LangOpt = None,
) -> None:
    """Lịch iCalendar của các đợt và thời hạn. An iCalendar file of the phases and deadlines."""
    from kehoach import report
    from kehoach.commands.calendar import run_calendar

    lang = language(lang)
    result = _guard(lambda: run_calendar(plan, output_file, unit, lang, out_dir=out, force=force), lang, out)
    report.show_problems(err_console, result.notes, lang)
    for name, backup in result.backups.items():
        report.say(out_console, "render.backup", lang, "yellow", name=name, backup=backup)
    code = "calendar.written" if result.written else "calendar.unchanged"
    report.say(out_console, code, lang, "green", path=result.path)


@app.command("textconv", help=_h("textconv"))
def textconv_command(document: Annotated[Path, typer.Argument(help=_h("opt.docx_file"))]) -> None:
    """In chữ của tệp DOCX theo thứ tự đọc (cho git diff). Print a DOCX's text in reading order."""
    from kehoach.textconv import text_of

    sys.stdout.write(_guard(lambda: text_of(document), language(None)))


@app.command("schema", help=_h("schema"))
def schema_command() -> None:
    """In JSON Schema của plan.yaml. Print the JSON Schema of plan.yaml."""
    from kehoach.commands.init import schema_text

    sys.stdout.write(schema_text())


@app.command("init", help=_h("init"))
def init_command(
    folder: Annotated[Path, typer.Argument(help=_h("opt.init_folder"))] = Path("."),
    lang: LangOpt = None,
) -> None:
    """Tạo plan.yaml mẫu có chú thích. Write a commented starter plan.yaml."""
    from kehoach import report
    from kehoach.commands.init import run_init

    lang = language(lang)
    for path, written in _guard(lambda: run_init(folder), lang):
        report.say(out_console, "init.written" if written else "init.kept", lang, "green" if written else "", path=path)
    report.say(out_console, "init.next", lang)


templates_app = typer.Typer(help=_h("templates"), no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("check", help=_h("templates_check"))
def templates_check_command(plan: PlanArg = Path("plan.yaml"), lang: LangOpt = None) -> None:
    """Kiểm tra các thẻ trong mẫu. List template variables the documents do not provide."""
    from kehoach import report
    from kehoach.templates import check_all

    lang = language(lang)
    found = _guard(lambda: check_all(plan.parent), lang, plan.parent / "out")
    report.show_template_findings(out_console, found, lang)
    if any(found.values()):
        raise typer.Exit(ExitCode.PROBLEMS)


@templates_app.command("export", help=_h("templates_export"))
def templates_export_command(
    folder: Annotated[Path, typer.Argument(help=_h("opt.export_folder"))] = Path("templates"),
    lang: LangOpt = None,
) -> None:
    """Chép các mẫu mặc định ra để sửa. Copy the default templates here to edit them."""
    from kehoach import report
    from kehoach.commands.templates import run_export

    lang = language(lang)
    for name, target, copied in _guard(lambda: run_export(folder), lang):
        report.say(out_console, "templates.exported" if copied else "templates.kept", lang, name=name, target=target)


def _guard(action, lang: str, *outs: Path):  # type: ignore[no-untyped-def]
    """Run a core function; turn what it raises into a message and an exit code.

    Before it, a commit into ``out/`` (and ``outs``) that a killed run left half done
    is finished or undone (one line says so); notes of the output folder (a recovery,
    an ignored manifest) are shown as they come.
    """
    from kehoach import output, report

    def note(code: str, args: dict) -> None:  # type: ignore[type-arg]
        err_console.print(messages.text(code, lang, **args), style="yellow", markup=False, soft_wrap=True)

    try:
        with output.listening(note):
            output.recover_pending(Path("out"), *outs)
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
    except OSError as exc:  # a file the command writes (or reads) that the system refuses
        path = exc.filename if exc.filename is not None else "?"
        report.say(err_console, "file.os_error", lang, "bold red", path=path, reason=os_reason(exc, lang))
        raise typer.Exit(ExitCode.OUTPUT) from None
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (kehoach.output.Interrupted)
        report.say(err_console, "interrupted", lang)
        raise typer.Exit(getattr(exc, "exit_status", 130)) from None


def _internal_error(exc: BaseException) -> int:
    """Write the traceback where a developer can find it; tell the user one line."""
    lang = argv_language(sys.argv[1:])
    log = Path(tempfile.gettempdir()) / "kehoach-loi.log"
    try:
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        where = str(log)
    except OSError:
        where = messages.text("internal.no_log", lang)
    sys.stderr.write(messages.text("internal", lang, log=where) + "\n")
    return ExitCode.INTERNAL


def main() -> None:
    """Console-script entry point: usage errors exit 2 (click), bugs exit 3 (logged).

    SIGTERM and SIGHUP (a closed terminal) stop a run as Ctrl-C does (exit 128 + the signal).
    """
    from kehoach.output import stop_on_signals

    stop_on_signals()
    try:
        app()
    except KeyboardInterrupt as exc:
        sys.stderr.write(messages.text("interrupted", argv_language(sys.argv[1:])) + "\n")
        sys.exit(getattr(exc, "exit_status", 130))
    except Exception as exc:
        sys.exit(_internal_error(exc))
