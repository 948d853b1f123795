"""The ``kehoach`` command: the root group, which loads each command's module only when it runs.

``kehoach --help`` lists the commands from the table below (name, module, help
text of the catalogue) without importing any of them: the group is click's
"lazy loading subcommands" pattern, typer's group subclassed. A command's
module (``kehoach.cli.render`` …) is imported when that command is called.

Exit code 3, an internal bug, is decided here: its traceback goes to a log
file, never to the screen. Every other exit code is :mod:`kehoach.cli.guard`'s.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from kehoach import __version__
from kehoach.cli.common import ROOT_LANG, LangOpt, LimitScaleOpt, argv_language, help_text, out_console
from kehoach.publish.commit import stop_on_signals
from kehoach.text import messages
from kehoach.text.errors import ExitCode


@dataclass(frozen=True)
class Entry:
    """A command: the module of ``kehoach.cli`` that declares it, the typer app there, its help."""

    module: str
    app: str
    help: str


#: Every command, in the order ``--help`` lists them.
COMMANDS: dict[str, Entry] = {
    "validate": Entry("validate", "app", "validate"),
    "render": Entry("render", "app", "render"),
    "units": Entry("units", "units_app", "units"),
    "checklist": Entry("units", "checklist_app", "checklist"),
    "lint": Entry("lint", "app", "lint"),
    "diff": Entry("diff", "app", "diff"),
    "notify": Entry("notify", "app", "notify"),
    "print-pack": Entry("print_pack", "app", "print_pack"),
    "watch": Entry("watch", "app", "watch"),
    "calendar": Entry("calendar", "app", "calendar"),
    "textconv": Entry("textconv", "app", "textconv"),
    "schema": Entry("schema", "app", "schema"),
    "init": Entry("init", "app", "init"),
    "templates": Entry("templates", "app", "templates"),
    "progress": Entry("progress", "app", "progress"),
    "status": Entry("status", "app", "status"),
    "report": Entry("report", "app", "report"),
    "remind": Entry("remind", "app", "remind"),
    "import": Entry("import_plan", "app", "import"),
}


class LazyCommands(Mapping[str, Any]):
    """The group's commands by name; a command's module is imported when it is looked up."""

    def __getitem__(self, name: str) -> Any:
        entry = COMMANDS[name]
        module = importlib.import_module(f"kehoach.cli.{entry.module}")
        return typer.main.get_command(getattr(module, entry.app))

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TyperGroup):
    """typer's group, its commands loaded on demand (names and help from :data:`COMMANDS`)."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        # click declares a MutableMapping, but nothing adds a command once the group is built; a
        # read-only mapping that imports on lookup keeps typer's "did you mean" over every name.
        self.commands = LazyCommands()  # type: ignore[assignment]  # read-only on purpose (above)

    def list_commands(self, ctx: Any) -> list[str]:
        """The names, without importing a command."""
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list in ``--help``, as typer writes it, from the table's help texts."""
        width = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, TyperCommand(name, help=help_text(entry.help)).get_short_help_str(width))
            for name, entry in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=LazyGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=help_text("app"),
)


def _version(value: bool) -> None:
    if value:
        out_console.print(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=help_text("opt.version"))
    ] = False,
    lang: LangOpt = None,
    limit_scale: LimitScaleOpt = None,
) -> None:
    """Options given before the command: --lang here sets the language of every command,
    --limit-scale (through its callback) the limits of every plan it loads."""
    ROOT_LANG.set(lang)


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
    stop_on_signals()
    try:
        app()
    except KeyboardInterrupt as exc:
        sys.stderr.write(messages.text("interrupted", argv_language(sys.argv[1:])) + "\n")
        sys.exit(getattr(exc, "exit_status", 130))
    except Exception as exc:
        sys.exit(_internal_error(exc))
