"""Errors kehoach reports to a user, and the exit code each one means.

An error never prints itself: it carries the facts (file, line, column, key path,
message code and its arguments) and the CLI decides how to show them.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from kehoach.text import messages

#: The most characters of a value a message quotes; a longer one is cut, with "…".
MAX_QUOTED = 200


def shorten(value: Any, limit: int = MAX_QUOTED) -> Any:
    """A long text cut to ``limit`` characters, its end marked "…"; anything else as it is."""
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def os_reason(exc: OSError, lang: str = "vi") -> str:
    """Why the system refused a file, in the catalogue's words where it has them."""
    code = f"os.{errno.errorcode.get(exc.errno or 0, '')}"
    return messages.text(code, lang) if code in messages.TEXTS else str(exc.strerror or exc)


class ExitCode(IntEnum):
    """The process exit codes, documented in the README."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERNAL = 3
    #: out/ could not be changed: a write failed, hand-edited files would be
    #: overwritten, or another kehoach run holds the folder. The plan itself is fine.
    OUTPUT = 4


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, at a place, with a catalogue message."""

    path: str
    line: int
    column: int
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    key_path: str = ""
    source_line: str = ""
    severity: str = "error"

    def message(self, lang: str = "vi") -> str:
        """The sentence a user reads; a value quoted from the file is cut short (a pasted 2 MB line)."""
        return messages.text(self.code, lang, **{k: shorten(v) for k, v in self.args.items()})

    def hint(self, lang: str = "vi") -> str:
        """How to fix it, where the catalogue says."""
        return messages.hint(self.code, lang, **self.args)

    @property
    def where(self) -> str:
        """``plan.yaml:12:5``, or just the path when the place is the whole file."""
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


class KehoachError(Exception):
    """Base of everything kehoach reports to a user instead of a traceback."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args

    def message(self, lang: str = "vi") -> str:
        """The sentence a user reads."""
        return messages.text(self.code, lang, **self.args_)

    def hint(self, lang: str = "vi") -> str:
        """How to fix it, where the catalogue says."""
        return messages.hint(self.code, lang, **self.args_)


class ProblemsError(KehoachError):
    """A plan (or template) has problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("plan.invalid", count=len(problems))
        self.problems = problems


class UsageError(KehoachError):
    """The command line asks for something that cannot be done."""

    exit_code = ExitCode.USAGE


class OutputError(KehoachError):
    """The output folder cannot be changed as asked; the plan is not at fault."""

    exit_code = ExitCode.OUTPUT
