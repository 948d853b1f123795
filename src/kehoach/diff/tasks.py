"""Units and their tasks compared: tasks paired inside each unit, then across units (moves); key tasks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.diff.changes import (
    DeadlineChange,
    FieldChange,
    KeyTaskChange,
    TaskChange,
    UnitChange,
    changed_fields,
    field_change,
)
from kehoach.diff.pairing import Pairs, out_of_order, pair_items, word_diff
from kehoach.diff.texts import assemble, diff_texts, flatten_bullets
from kehoach.diff.wording import Value, label
from kehoach.plan.model import KeyTask, Plan, Task, Unit
from kehoach.plan.terms import report_words, sentence_name, task_time, unit_names


@dataclass(frozen=True)
class Context:
    """Both plans and how the old phase ids map onto the new ones."""

    old: Plan
    new: Plan
    phase_map: dict[str, str]


Ref = tuple[int, int]


def _refs(plan: Plan) -> list[Ref]:
    return [(u, t) for u, unit in enumerate(plan.units) for t in range(len(unit.tasks))]


def _task(plan: Plan, ref: Ref) -> Task:
    return plan.units[ref[0]].tasks[ref[1]]


def pair_tasks(old: Plan, new: Plan, unit_pairs: Pairs) -> list[tuple[Ref, Ref]]:
    """Tasks paired inside each unit first; what is left is paired across units (moves)."""
    pairs: list[tuple[Ref, Ref]] = []
    for u, v in unit_pairs:
        a, b = old.units[u].tasks, new.units[v].tasks
        found = pair_items([t.text for t in a], [t.text for t in b], [t.id for t in a], [t.id for t in b])
        pairs += [((u, i), (v, j)) for i, j in found]
    paired_old, paired_new = {p for p, _ in pairs}, {q for _, q in pairs}
    left_old = [r for r in _refs(old) if r not in paired_old]
    left_new = [r for r in _refs(new) if r not in paired_new]
    moved = pair_items(
        [_task(old, r).text for r in left_old],
        [_task(new, r).text for r in left_new],
        [_task(old, r).id for r in left_old],
        [_task(new, r).id for r in left_new],
    )
    return pairs + [(left_old[i], left_new[j]) for i, j in moved]


def unit_changes(old: Plan, new: Plan, pairs: Pairs, task_pairs: list[tuple[Ref, Ref]]) -> tuple[UnitChange, ...]:
    """Units added, removed, renamed, switched between giao and đề nghị, named otherwise in a
    sentence, given or denied letters, with another reporting rule, or with their tasks reordered."""
    out: list[UnitChange] = []
    inside: dict[tuple[int, int], Pairs] = {}
    for p, q in task_pairs:
        inside.setdefault((p[0], q[0]), []).append((p[1], q[1]))
    for i, j in pairs:
        a, b = old.units[i], new.units[j]
        fields = tuple(_worded(f) for f in changed_fields(_unit_values(old, a), _unit_values(new, b)))
        reordered = out_of_order(inside.get((i, j), []))
        if fields or reordered:
            out.append(UnitChange("changed", b.id, b.name, a, b, fields, reordered))
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    order = {u.id: n for n, u in enumerate(new.units)}
    out += [UnitChange("added", u.id, u.name, None, u) for j, u in enumerate(new.units) if j not in paired_new]
    out.sort(key=lambda c: order[c.id])
    out += [UnitChange("removed", u.id, u.name, u, None) for i, u in enumerate(old.units) if i not in paired_old]
    return tuple(out)


def _unit_values(plan: Plan, unit: Unit) -> dict[str, Value]:
    """What the unit's letter shows of the unit itself: its name in the address and in its
    sentences, giao or đề nghị, whether it gets a letter at all, and its own reporting rule (the
    plan's rule is a field of the header; the letter's closing sentence states either)."""
    return {
        "name": unit.name,
        "relation": unit.relation,
        "in_sentence": sentence_name(unit),
        "letters": unit.letters,
        "report": report_words(unit.report, _issuer(plan)) if unit.report else None,
    }


def _worded(change: FieldChange) -> FieldChange:
    """Whether a unit gets letters, in words ("gửi công văn" / "không gửi công văn")."""
    if change.field != "letters":
        return change
    return field_change("letters", change.old, change.new, letters_words(change.old), letters_words(change.new))


def letters_words(value: Value, lang: str = "vi") -> str:
    """A unit's ``letters`` as the diff says it."""
    return label("letters.yes" if value else "letters.no", lang)


def _issuer(plan: Plan) -> str:
    return plan.issuer.short_name or plan.issuer.full_name


def _phase_name(plan: Plan, key: str | None) -> str:
    phase = plan.phase(key) if key else None
    return phase.name if phase else key or ""


def _task_fields(ctx: Context, a: Task, b: Task) -> tuple[FieldChange, ...]:
    out = []
    if a.deadline != b.deadline:
        out.append(field_change("deadline", a.deadline, b.deadline))
    if ctx.phase_map.get(a.phase or "", a.phase) != b.phase:
        old_name, new_name = _phase_name(ctx.old, a.phase), _phase_name(ctx.new, b.phase)
        out.append(field_change("phase", a.phase, b.phase, old_name, new_name))
    if a.with_ != b.with_:
        old_names, new_names = unit_names(ctx.old, a.with_), unit_names(ctx.new, b.with_)
        out.append(field_change("with", tuple(a.with_), tuple(b.with_), old_names, new_names))
    old_report, new_report = _report(ctx.old, a), _report(ctx.new, b)
    if old_report != new_report:
        out.append(field_change("report", old_report, new_report))
    return tuple(out)


def _report(plan: Plan, task: Task) -> str:
    """The task's own reporting rule as its letter words it ("" for none)."""
    return report_words(task.report, _issuer(plan)) if task.report else ""


def _task_change(ctx: Context, p: Ref, q: Ref) -> TaskChange | None:
    a, b = _task(ctx.old, p), _task(ctx.new, q)
    old_unit, new_unit = ctx.old.units[p[0]].id, ctx.new.units[q[0]].id
    text = word_diff(a.text, b.text) if a.text != b.text else ()
    fields = _task_fields(ctx, a, b)
    bullets = diff_texts(list(flatten_bullets(a.bullets)), list(flatten_bullets(b.bullets)))
    moved = old_unit != new_unit
    if not (moved or text or fields or bullets):
        return None
    kind = "moved" if moved else "changed"
    return TaskChange(kind, old_unit, new_unit, p[1] + 1, q[1] + 1, a, b, text, fields, bullets)


def task_changes(ctx: Context, pairs: list[tuple[Ref, Ref]]) -> tuple[TaskChange, ...]:
    """Task changes grouped by the unit they are listed under, in the new plan's order."""
    out = [change for p, q in pairs if (change := _task_change(ctx, p, q))]
    paired_old, paired_new = {p for p, _ in pairs}, {q for _, q in pairs}
    for ref in _refs(ctx.new):
        if ref not in paired_new:
            unit = ctx.new.units[ref[0]].id
            out.append(TaskChange("added", None, unit, None, ref[1] + 1, None, _task(ctx.new, ref)))
    for ref in _refs(ctx.old):
        if ref not in paired_old:
            unit = ctx.old.units[ref[0]].id
            out.append(TaskChange("removed", unit, None, ref[1] + 1, None, _task(ctx.old, ref), None))
    rank = unit_rank(ctx.old, ctx.new)
    return tuple(sorted(out, key=lambda c: (rank[c.unit], _position(c))))


def _position(change: TaskChange) -> float:
    if change.new_unit == change.unit and change.new_number is not None:
        return change.new_number
    return (change.old_number or 0) - 0.5


def unit_rank(old: Plan, new: Plan) -> dict[str, int]:
    """New plan's units in order, then the units only the old plan has."""
    ids = [u.id for u in new.units] + [u.id for u in old.units if new.unit(u.id) is None]
    return {unit_id: n for n, unit_id in enumerate(ids)}


def deadline_changes(ctx: Context, pairs: list[tuple[Ref, Ref]]) -> Iterator[DeadlineChange]:
    """Tasks staying in their unit whose time, as the letter states it, moved."""
    for p, q in sorted(pairs, key=lambda pq: pq[1]):
        unit = ctx.new.units[q[0]].id
        if ctx.old.units[p[0]].id != unit:
            continue
        a, b = _task(ctx.old, p), _task(ctx.new, q)
        (before, before_due), (after, after_due) = task_time(ctx.old, a), task_time(ctx.new, b)
        if (before, before_due) != (after, after_due):
            yield DeadlineChange(unit, q[1] + 1, b.text, before, after, before_due, after_due)


# key tasks


def _key_fields(ctx: Context, a: KeyTask, b: KeyTask) -> tuple[FieldChange, ...]:
    out = []
    for name, old, new in (("lead", a.lead, b.lead), ("with", a.with_, b.with_)):
        if old != new:
            out.append(field_change(name, tuple(old), tuple(new), unit_names(ctx.old, old), unit_names(ctx.new, new)))
    return tuple(out) + changed_fields(
        {"deadline": a.deadline, "note": a.note}, {"deadline": b.deadline, "note": b.note}
    )


def key_task_changes(ctx: Context, pairs: Pairs) -> tuple[KeyTaskChange, ...]:
    """Rows of the key-task table added, removed or changed, in the new table's order."""
    old, new = ctx.old.key_tasks, ctx.new.key_tasks
    return assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _key_task_change(ctx, i, j),
        lambda j: KeyTaskChange("added", None, j + 1, None, new[j]),
        lambda i: KeyTaskChange("removed", i + 1, None, old[i], None),
    )


def _key_task_change(ctx: Context, i: int, j: int) -> KeyTaskChange | None:
    a, b = ctx.old.key_tasks[i], ctx.new.key_tasks[j]
    text = word_diff(a.text, b.text) if a.text != b.text else ()
    fields = _key_fields(ctx, a, b)
    return KeyTaskChange("changed", i + 1, j + 1, a, b, text, fields) if text or fields else None
