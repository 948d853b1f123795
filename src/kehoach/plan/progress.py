"""What the units reported: ``progress.yaml`` beside the plan, read and written.

``kehoach progress collect`` writes it from returned checklists; a secretary may edit it
by hand and keeps it in git beside plan.yaml. It is plain YAML, one entry per unit and
task (the row keys of the checklists: "nv-2", "nv-2.1", "bao-cao")::

    units:
      van-hoa-xa-hoi:
        nv-1:
          status: done            # done | in_progress | not_started
          result: Đã mở chuyên mục trên Cổng thông tin điện tử.
          date: 2025-09-15
          source: out/checklist/van-hoa-xa-hoi.docx

It is read like the plan (:mod:`kehoach.plan.loader`, positions kept), so a mistake is
named by line and column; a unit or task the plan does not have is a warning (the
plan may have changed since), never a stop.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from kehoach.plan.base import Id, Strict
from kehoach.plan.loader import Document, KeyPath, format_path, load_document
from kehoach.plan.validate import validation_problems
from kehoach.text.errors import Problem, ProblemsError

#: The file's name, beside plan.yaml.
FILE_NAME = "progress.yaml"

Status = Literal["done", "in_progress", "not_started"]
#: The statuses in the order work goes: a report lower than the one recorded goes backwards.
STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done")

#: What units type in the "Hoàn thành" cell instead of clicking the box (compared in lower case).
DONE_MARKS = frozenset({"x", "✓", "✔", "☑", "☒", "v", "đã xong", "xong", "hoàn thành", "đã hoàn thành", "ht"})
IN_PROGRESS_MARKS = frozenset({"đang thực hiện", "đang làm", "đang triển khai", "đtt", "đang"})
NOT_STARTED_MARKS = frozenset({"", "chưa", "chưa thực hiện", "chưa làm", "chưa triển khai", "☐"})


class Entry(Strict):
    """One task as a unit reported it."""

    status: Status
    result: str = ""
    date: dt.date | None = None
    source: str = ""


class Progress(Strict):
    """Every report recorded: unit id → row key → entry."""

    units: dict[Id, dict[str, Entry]] = Field(default_factory=dict)

    def entry(self, unit_id: str, key: str) -> Entry | None:
        """What the unit reported for this row, if anything."""
        return self.units.get(unit_id, {}).get(key)


@dataclass
class LoadedProgress:
    """The progress file read: its reports, where it is, and warnings about it."""

    progress: Progress
    path: Path
    warnings: list[Problem] = field(default_factory=list)


def status_of(mark: str, checked: bool | None) -> Status | None:
    """The status a row says: a ticked box is done; else what is typed (None: not understood)."""
    if checked:
        return "done"
    word = " ".join(mark.casefold().split()).strip(" .;,!")
    if word in DONE_MARKS:
        return "done"
    if word in IN_PROGRESS_MARKS:
        return "in_progress"
    if word in NOT_STARTED_MARKS:
        return "not_started"
    return None


def backwards(before: Status, after: Status) -> bool:
    """Whether a report takes a task back ("done" then "in progress")."""
    return STATUSES.index(after) < STATUSES.index(before)


def progress_path(plan_path: Path) -> Path:
    """Where the plan's progress file is: beside it."""
    return plan_path.parent / FILE_NAME


def load_progress(path: Path, known: dict[str, list[str]], text: str | None = None) -> LoadedProgress:
    """The reports in ``path`` (none when it does not exist or is empty), checked against
    ``known`` (each unit id of the plan with its row keys): what the plan lacks is a warning.
    ``text`` is the file's text when it comes from elsewhere (a git revision)."""
    if text is None and not path.exists():
        return LoadedProgress(Progress(), path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    if not text.strip():
        return LoadedProgress(Progress(), path)
    doc = load_document(path, text)
    try:
        progress = Progress.model_validate(doc.data)
    except ValidationError as exc:
        raise ProblemsError(validation_problems(doc, exc, Progress)) from None
    return LoadedProgress(progress, path, list(_unknown(doc, progress, known)))


@dataclass(frozen=True)
class Change:
    """What one report became between two versions of the file (None: not there)."""

    unit_id: str
    key: str
    before: Entry | None
    after: Entry | None


def changes(old: Progress, new: Progress, order: dict[str, list[str]]) -> list[Change]:
    """Every report added, removed or changed from ``old`` to ``new``, units and rows in
    ``order`` (the plan's), what it does not name after."""
    units = [*order, *(u for u in (*old.units, *new.units) if u not in order)]
    out = []
    for unit_id in dict.fromkeys(units):
        keys = [*order.get(unit_id, []), *old.units.get(unit_id, {}), *new.units.get(unit_id, {})]
        for key in dict.fromkeys(keys):
            before, after = old.entry(unit_id, key), new.entry(unit_id, key)
            if before != after:
                out.append(Change(unit_id, key, before, after))
    return out


def _unknown(doc: Document, progress: Progress, known: dict[str, list[str]]) -> list[Problem]:
    out = []
    for unit_id, entries in progress.units.items():
        if unit_id not in known:
            out.append(_warning(doc, ("units", unit_id), "progress.unknown_unit", unit=unit_id))
            continue
        keys = set(known[unit_id])
        for key in entries:
            if key not in keys:
                out.append(_warning(doc, ("units", unit_id, key), "progress.unknown_task", unit=unit_id, key=key))
    return out


def _warning(doc: Document, path: KeyPath, code: str, **args: str) -> Problem:
    problem = doc.problem(doc.position(path), code, key_path=format_path(path), **args)
    return dataclasses.replace(problem, severity="warning")


def dump(progress: Progress, header: str) -> str:
    """The file's text: ``header`` as comment lines, then the units in the order given."""
    data = {
        "units": {
            unit_id: {key: _plain(entry) for key, entry in entries.items()}
            for unit_id, entries in progress.units.items()
            if entries
        }
    }
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    return comment + body


class _Dumper(yaml.SafeDumper):
    """Plain YAML: the same date twice is written twice, not as an anchor and an alias."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _plain(entry: Entry) -> dict[str, object]:
    """An entry as YAML keeps it: empty fields left out."""
    data: dict[str, object] = {"status": entry.status}
    if entry.result:
        data["result"] = entry.result
    if entry.date is not None:
        data["date"] = entry.date
    if entry.source:
        data["source"] = entry.source
    return data
