"""``kehoach progress collect FILE…``: returned checklists into ``progress.yaml``.

Each row of a returned checklist is matched to its task by the marks the rendered
checklist carries (the check box's tag, kept by Word; the number's bookmark, kept by
LibreOffice too), else by its task's text (a checklist typed again by hand). Its status
is the check box's, else what is typed in "Hoàn thành"; its result is the text of
"Kết quả / Ghi chú". What cannot be used is a warning naming the file and the row: a
row matching no task, a task of another unit, a status going backwards, a mark not
understood. The file is written only when it changes, so collecting the same checklists
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach import views
from kehoach.plan import git
from kehoach.plan import progress as reports
from kehoach.plan.model import Plan
from kehoach.plan.progress import Entry, LoadedProgress, Progress, Status
from kehoach.plan.validate import load_plan
from kehoach.publish.files import write_atomic
from kehoach.render.readback import ReturnedRow, ReturnedSheet, fold, read_sheet
from kehoach.text.errors import Problem, UsageError
from kehoach.text.markup import Run

#: The first lines of the file, as comments.
HEADER = (
    "Tiến độ thực hiện {plan}: do 'kehoach progress collect' ghi từ các bảng theo dõi đơn vị gửi lại.\n"
    "Sửa tay được; status: done (hoàn thành), in_progress (đang thực hiện), not_started (chưa thực hiện)."
)


@dataclass(frozen=True)
class RowIndex:
    """Every checklist row of the plan, by its marks and by its text: how a returned row is found."""

    by_mark: dict[str, tuple[str, str]]
    by_text: dict[str, list[tuple[str, str]]]
    keys: dict[str, list[str]]
    names: dict[str, str]
    #: Each row's number ("2.1") by its unit and key.
    numbers: dict[tuple[str, str], str]


@dataclass(frozen=True)
class CollectResult:
    """Where the reports went, whether the file changed, how many rows were read, what was wrong."""

    path: Path
    changed: bool
    recorded: int
    warnings: list[Problem] = field(default_factory=list)


def row_index(plan: Plan) -> RowIndex:
    """The rows of every unit's checklist, as :func:`kehoach.views.unit_view` makes them."""
    by_mark: dict[str, tuple[str, str]] = {}
    by_text: dict[str, list[tuple[str, str]]] = {}
    keys: dict[str, list[str]] = {}
    numbers: dict[tuple[str, str], str] = {}
    for unit in plan.units:
        rows = views.unit_view(plan, unit).rows
        keys[unit.id] = [row.id.key for row in rows if row.id]
        for row in rows:
            if row.id is None:
                continue
            place = (unit.id, row.id.key)
            by_mark[row.id.tag] = by_mark[row.id.bookmark] = place
            by_text.setdefault(fold(plain(row.task)), []).append(place)
            numbers[place] = row.id.number
    return RowIndex(by_mark, by_text, keys, {u.id: u.name for u in plan.units}, numbers)


def plain(runs: tuple[Run, ...]) -> str:
    """A row's task as its cell reads (footnotes are not in the cell's text)."""
    return "".join(run.text for run in runs if not run.note)


def run_collect(plan_path: Path, files: Iterable[Path], date: dt.date | None = None) -> CollectResult:
    """Read ``files`` (returned checklists) and record their rows in progress.yaml beside the plan."""
    plan = load_plan(plan_path).plan
    index = row_index(plan)
    target = reports.progress_path(plan_path)
    loaded = reports.load_progress(target, index.keys)
    found: dict[str, dict[str, Entry]] = {u: dict(e) for u, e in loaded.progress.units.items()}
    warnings = list(loaded.warnings)
    recorded = 0
    for path in files:
        sheet = _read(path, warnings)
        if sheet is not None:
            source = _source(path, plan_path.parent)
            recorded += _collect_sheet(sheet, index, loaded, found, date, source, warnings)
    text = reports.dump(_ordered(found, index), HEADER.format(plan=_cited(plan)))
    changed = not target.exists() or target.read_text(encoding="utf-8") != text
    if changed:
        write_atomic(target, text.encode())
    return CollectResult(target, changed, recorded, warnings)


def _read(path: Path, warnings: list[Problem]) -> ReturnedSheet | None:
    """The sheet, or None and a warning for a file that is no Word document (a PDF or an old
    .doc among those sent back does not stop the others); a file that is not there stops the run."""
    try:
        return read_sheet(path)
    except UsageError as exc:
        if exc.code != "docx.not_docx":
            raise
        warnings.append(Problem(str(path), 0, 0, "progress.not_docx", {}, severity="warning"))
        return None


def _collect_sheet(
    sheet: ReturnedSheet,
    index: RowIndex,
    loaded: LoadedProgress,
    found: dict[str, dict[str, Entry]],
    date: dt.date | None,
    source: str,
    warnings: list[Problem],
) -> int:
    """Record the sheet's rows in ``found``; the number recorded."""
    if not sheet.found:
        warnings.append(_warn(sheet, None, "progress.no_table"))
        return 0
    unit_id = _sheet_unit(sheet, index)
    if unit_id is None:
        warnings.append(_warn(sheet, None, "progress.unknown_sheet_unit"))
        return 0
    count = 0
    for row in sheet.rows:
        place = _match(row, unit_id, index)
        if place is None:
            if not row.empty:
                warnings.append(_warn(sheet, row, "progress.unmatched_row", task=row.task[:80]))
            continue
        if place[0] != unit_id:
            owner, unit = index.names[place[0]], index.names[unit_id]
            warnings.append(_warn(sheet, row, "progress.wrong_unit", owner=owner, unit=unit))
            continue
        entry = _entry(sheet, row, date or sheet.saved, source, warnings)
        before = loaded.progress.entry(*place)
        if before is not None and reports.backwards(before.status, entry.status):
            warnings.append(_warn(sheet, row, "progress.backwards", before=before.status, after=entry.status))
        found.setdefault(unit_id, {})[place[1]] = entry
        count += 1
    return count


def _sheet_unit(sheet: ReturnedSheet, index: RowIndex) -> str | None:
    """Whose checklist it is: the unit most of its marked rows belong to, else the unit named
    in its heading, else the unit its file is named after."""
    owners = (next((index.by_mark[i][0] for i in row.ids if i in index.by_mark), None) for row in sheet.rows)
    marked = Counter(owner for owner in owners if owner is not None)
    if marked:
        return marked.most_common(1)[0][0]
    headings = {fold(h) for h in sheet.headings}
    named = [unit_id for unit_id, name in index.names.items() if fold(name) in headings]
    if named:
        return named[0]
    return sheet.path.stem if sheet.path.stem in index.names else None


def _match(row: ReturnedRow, unit_id: str, index: RowIndex) -> tuple[str, str] | None:
    """The row's task: by its marks, else by its text (the sheet's unit's task first)."""
    for mark in row.ids:
        if mark in index.by_mark:
            return index.by_mark[mark]
    places = index.by_text.get(fold(row.task), [])
    own = [p for p in places if p[0] == unit_id]
    return next(iter(own or places), None)


def _entry(sheet: ReturnedSheet, row: ReturnedRow, date: dt.date | None, source: str, warnings: list[Problem]) -> Entry:
    status: Status | None = reports.status_of(row.mark, row.checked)
    if status is None:
        warnings.append(_warn(sheet, row, "progress.unknown_mark", mark=row.mark))
        status = "not_started"
    return Entry(status=status, result=row.result, date=date, source=source)


def _warn(sheet: ReturnedSheet, row: ReturnedRow | None, code: str, **args: object) -> Problem:
    """A warning on the file, or on one row of it (its place among the rows, and its number)."""
    if row is not None:
        args = {"row": row.position, "number": row.number or "?", **args}
    return Problem(str(sheet.path), 0, 0, code, dict(args), severity="warning")


def _ordered(found: dict[str, dict[str, Entry]], index: RowIndex) -> Progress:
    """Units and rows in plan order (what the plan no longer has, after), so the file diffs well."""
    units: dict[str, dict[str, Entry]] = {}
    for unit_id in [*index.keys, *(u for u in found if u not in index.keys)]:
        entries = found.get(unit_id, {})
        order = index.keys.get(unit_id, [])
        keys = [k for k in order if k in entries] + [k for k in entries if k not in order]
        if keys:
            units[unit_id] = {k: entries[k] for k in keys}
    return Progress(units=units)


def _source(path: Path, plan_dir: Path) -> str:
    """The file as the progress file names it: from the plan's folder when it is under it."""
    try:
        return path.resolve().relative_to(plan_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def _cited(plan: Plan) -> str:
    return f"{plan.document.type_name} số {plan.symbol}"


@dataclass(frozen=True)
class ShownChange:
    """A report that changed, with the unit's name and the row's number to show."""

    unit_name: str
    number: str
    change: reports.Change


@dataclass(frozen=True)
class ProgressDiff:
    """What was reported between two versions of progress.yaml."""

    old: str
    new: str
    changes: list[ShownChange]


def run_progress_diff(old: str | None, new: str | None, plan_path: Path) -> ProgressDiff:
    """Compare two versions of the plan's progress.yaml: files, or git revisions of it
    (``kehoach diff``'s rules: HEAD against the working copy unless told otherwise)."""
    plan = load_plan(plan_path).plan
    index = row_index(plan)
    before, after = git.resolve_sides(old, new, reports.progress_path(plan_path))
    sides = [reports.load_progress(side.path, index.keys, side.text).progress for side in (before, after)]
    shown = [
        ShownChange(index.names.get(c.unit_id, c.unit_id), index.numbers.get((c.unit_id, c.key), c.key), c)
        for c in reports.changes(sides[0], sides[1], index.keys)
    ]
    return ProgressDiff(before.label, after.label, shown)
