"""How a diff words what it shows: catalogue labels, values and phases as the documents write them.

Every word a diff shows a user lives in the message catalogue as "diff.<key>"
(see :mod:`kehoach.text.messages`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kehoach.plan import when
from kehoach.plan.model import Phase
from kehoach.plan.terms import phase_span
from kehoach.plan.when import When
from kehoach.text import markup, messages, vn

Value = str | int | float | dt.date | When | tuple[str, ...] | None


def label(key: str, lang: str = "vi", **args: Any) -> str:
    """The catalogue's "diff.<key>" in ``lang`` (Vietnamese when the language is unknown)."""
    return messages.text(f"diff.{key}", lang, **args)


def show(value: Value) -> str:
    """A value as the documents write it: dates "31/10/2025", lines joined with " / "."""
    if value is None:
        return ""
    if isinstance(value, When):
        return when.phrase(value)
    if isinstance(value, dt.date):
        return vn.short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return " / ".join(markup.plain(v) for v in value)
    return markup.plain(str(value))


def phase_heading(phase: Phase) -> str:
    """A phase's heading as a letter prints it ("Đợt 2: Từ … đến …")."""
    return f"{phase.name}: {phase_span(phase)}"
