"""The one place where what a core function raises becomes a message and an exit code.

Exit codes are decided here (and by a command that finds problems itself): 0
clean, 1 problems in the plan or templates, 2 a usage error, 4 a file or out/
that could not be written, 130 Ctrl-C; 3, an internal bug, in :mod:`kehoach.cli.app`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from kehoach.cli import show
from kehoach.cli.common import err_console
from kehoach.publish import commit, notes
from kehoach.text import messages
from kehoach.text.errors import ExitCode, KehoachError, ProblemsError, os_reason

T = TypeVar("T")


def guard(action: Callable[[], T], lang: str, *outs: Path) -> T:
    """Run a core function; turn what it raises into a message and an exit code.

    Before it, a commit into ``out/`` (and ``outs``) that a killed run left half done
    is finished or undone (one line says so); notes of the output folder (a recovery,
    an ignored manifest) are shown as they come.
    """

    def note(code: str, args: dict[str, Any]) -> None:
        err_console.print(messages.text(code, lang, **args), style="yellow", markup=False, soft_wrap=True)

    try:
        with notes.listening(note):
            commit.recover_pending(Path("out"), *outs)
            return action()
    except ProblemsError as exc:
        show.show_problems(err_console, exc.problems, lang)
        show.say(err_console, exc.code, lang, "bold red", **exc.args_)
        raise typer.Exit(ExitCode.PROBLEMS) from None
    except KehoachError as exc:
        err_console.print(exc.message(lang), style="bold red", markup=False)
        if exc.hint(lang):
            err_console.print(exc.hint(lang), markup=False)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:  # a file the command writes (or reads) that the system refuses
        path = exc.filename if exc.filename is not None else "?"
        show.say(err_console, "file.os_error", lang, "bold red", path=path, reason=os_reason(exc, lang))
        raise typer.Exit(ExitCode.OUTPUT) from None
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (kehoach.publish.commit.Interrupted)
        show.say(err_console, "interrupted", lang)
        raise typer.Exit(getattr(exc, "exit_status", 130)) from None
