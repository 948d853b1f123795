"""What a real plan says that kehoach's checks refuse, made acceptable and marked.

A signed plan may have two "Đợt 2", a phase that ends before it starts, a deadline before
the plan's date (a draft dated later), a table row one cell short. kehoach refuses such a
plan, but the import must still give one: the part is kept as written in a form the checks
accept (a date the checks would compare becomes a point kept as words, a second "Đợt 2"
gets an id of its own, a row is padded), with a comment saying what was done and why.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kehoach.importer.outline import Notes
from kehoach.text import vn
from kehoach.text.errors import Problem

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def path_of(key_path: str) -> tuple[Any, ...]:
    """ "phases[1].start" → ("phases", 1, "start")."""
    return tuple(int(index) if index else name for name, index in _PART.findall(key_path))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def repair(data: dict[str, Any], problems: list[Problem], notes: Notes) -> bool:
    """Make each problem's part acceptable; whether anything was changed (else: give up)."""
    changed = False
    for problem in problems:
        path = path_of(problem.key_path)
        try:
            changed |= _repair(data, problem, path, notes)
        except (KeyError, IndexError, TypeError):
            continue
    return changed


def _repair(data: dict[str, Any], problem: Problem, path: tuple[Any, ...], notes: Notes) -> bool:
    code, reason = problem.code, problem.message("vi").rstrip(".")
    if code in ("phase_overlap", "phase_order") and path[:1] == ("phases",):
        index = path[1] - 1 if code == "phase_overlap" else path[1]
        return _as_words(data, ("phases", index, "end"), notes, reason)
    if code in ("deadline_before_issue", "deadline_outside_phase"):
        return _as_words(data, path, notes, reason)
    if code == "duplicate_phase_id":
        phases = data["phases"]
        phase = phases[path[1]]
        taken = {p.get("id") or vn.slug(p["name"]) for p in phases}
        phase["id"] = next(
            f"{vn.slug(phase['name'])}-{n}" for n in range(2, 100) if f"{vn.slug(phase['name'])}-{n}" not in taken
        )
        notes.comment(("phases", path[1]), "import.note.repaired", reason=reason)
        return True
    if code == "table_row_width":
        return _fit_row(data, path, problem, notes)
    if code in ("unknown_unit", "unknown_phase") and len(path) > 1:
        del _at(data, path[:-1])[path[-1]]
        return True
    if code == "too_short" and path[-1:] == ("lead",):
        _at(data, path[:-1])["lead"] = [UNKNOWN]
        notes.comment(path[:-1], "import.note.repaired", reason=reason)
        return True
    return _dropped(data, path, notes, reason)


#: What stands where the source says nothing readable (a lead unit, a name).
UNKNOWN = "Chưa rõ"


def _dropped(data: dict[str, Any], path: tuple[Any, ...], notes: Notes, reason: str) -> bool:
    """The last resort: the list element the problem is in is left out, and the comment above
    its list says what was left out and why (so that the plan can still be written)."""
    at = max((n for n, part in enumerate(path) if isinstance(part, int)), default=None)
    if at is None:
        return False
    items = _at(data, path[:at])
    if not isinstance(items, list) or len(items) < 2:
        return False
    del items[path[at]]
    notes.comment(path[: at - 1] if at > 1 else path[:at], "import.note.dropped", reason=reason, number=path[at] + 1)
    return True


def _as_words(data: dict[str, Any], path: tuple[Any, ...], notes: Notes, reason: str) -> bool:
    """A date the checks compare kept as the words it is written in (an event of kehoach's)."""
    parent = _at(data, path[:-1])
    value = parent.get(path[-1]) if isinstance(parent, dict) else None
    if value is None or isinstance(value, dict):
        return False
    if isinstance(value, dt.date):
        text = vn.short_date(value)
    else:
        text = f"năm {value}" if isinstance(value, int) else str(value)
    parent[path[-1]] = {"event": text}
    notes.comment(path[:2] if path[0] == "phases" else path[:-1], "import.note.repaired", reason=reason)
    return True


def _fit_row(data: dict[str, Any], path: tuple[Any, ...], problem: Problem, notes: Notes) -> bool:
    """A row as wide as its table: padded with empty cells, or its extra cells joined."""
    row = _at(data, path)
    cells = row if isinstance(row, list) else row.get("cells")
    count, columns = int(problem.args.get("count", 0)), int(problem.args.get("columns", 0))
    if not isinstance(cells, list) or not count or not columns:
        return False
    if count < columns:
        cells.extend([""] * (columns - count))
    else:
        while len(cells) > 1 and count > columns:
            extra = cells.pop()
            count -= extra.get("span", 1) if isinstance(extra, dict) else 1
    notes.comment(path[:-2], "import.note.repaired", reason=problem.message("vi").rstrip("."))
    return True
