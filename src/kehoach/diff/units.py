"""Who must be told: the units whose letter or checklist a diff changes, and what each must hear."""

from __future__ import annotations

from dataclasses import dataclass

from kehoach.diff.changes import (
    DeadlineChange,
    FieldChange,
    KeyTaskChange,
    PhaseChange,
    PlanDiff,
    TaskChange,
    TextChange,
    UnitChange,
    field_change,
)
from kehoach.diff.tasks import unit_rank
from kehoach.diff.texts import diff_texts
from kehoach.diff.wording import label
from kehoach.plan.assignments import assignments
from kehoach.plan.model import Plan, Unit
from kehoach.plan.terms import report_of, report_words, unit_names
from kehoach.text.errors import KehoachError

#: Header fields a unit's letter shows: a change there changes every letter.
LETTER_HEADER = ("document.", "issuer.", "signer.")


@dataclass(frozen=True)
class UnitChanges:
    """What one unit must be told: the content of a notice "V/v điều chỉnh Kế hoạch số …".

    ``new_tasks`` are tasks added to the unit or moved to it; ``removed_tasks``
    are tasks dropped or moved away; ``reworded`` (``.old`` and ``.new`` tasks)
    and ``changed_tasks`` stay with the unit; ``deadlines`` are its tasks whose
    stated time moved; ``phases`` the changed phases its letter lists;
    ``partners`` renamed units its tasks name.
    """

    unit_id: str
    unit_name: str
    subject: str
    unit: UnitChange | None = None
    new_tasks: tuple[TaskChange, ...] = ()
    removed_tasks: tuple[TaskChange, ...] = ()
    reworded: tuple[TaskChange, ...] = ()
    changed_tasks: tuple[TaskChange, ...] = ()
    deadlines: tuple[DeadlineChange, ...] = ()
    phases: tuple[PhaseChange, ...] = ()
    header: tuple[FieldChange, ...] = ()
    key_tasks: tuple[KeyTaskChange, ...] = ()
    partners: tuple[UnitChange, ...] = ()
    #: Tasks given to the unit in the body of the plan (a khoản with ``lead``/``with``), each
    #: as its letter states it: added, removed or changed (its text, part, partners or time).
    body_tasks: tuple[TextChange, ...] = ()
    #: The reporting rule the unit's letter closes with, when it changed.
    report: FieldChange | None = None

    @property
    def is_empty(self) -> bool:
        """True when nothing in this unit's letter or checklist changed."""
        parts = (self.new_tasks, self.removed_tasks, self.changed_tasks, self.deadlines, self.phases)
        rest = (self.header, self.key_tasks, self.partners, self.body_tasks)
        return self.unit is None and self.report is None and not any(parts) and not any(rest)


def changes_for_unit(diff: PlanDiff, unit_id: str, lang: str = "vi") -> UnitChanges:
    """The changes one unit's letter and checklist undergo, for its change notice."""
    old_unit, new_unit = diff.old.unit(unit_id), diff.new.unit(unit_id)
    unit = new_unit or old_unit
    if unit is None:
        known = ", ".join(unit_rank(diff.old, diff.new))
        raise KehoachError("unit.unknown", id=unit_id, known=known)
    same = tuple(t for t in diff.tasks if t.kind == "changed" and t.new_unit == unit_id)
    return UnitChanges(
        unit_id=unit_id,
        unit_name=unit.name,
        subject=notice_subject(diff, lang),
        unit=next((u for u in diff.units if u.id == unit_id), None),
        new_tasks=tuple(t for t in diff.tasks if t.new_unit == unit_id and t.kind in ("added", "moved")),
        removed_tasks=tuple(t for t in diff.tasks if t.old_unit == unit_id and t.kind in ("removed", "moved")),
        reworded=tuple(t for t in same if t.reworded),
        changed_tasks=same,
        deadlines=tuple(d for d in diff.deadlines if d.unit == unit_id),
        phases=_unit_phases(diff, unit, new_unit is None),
        header=tuple(f for f in diff.header if f.field.startswith(LETTER_HEADER)),
        key_tasks=tuple(k for k in diff.key_tasks if unit_id in k.leads),
        partners=_renamed_partners(diff, unit_id),
        body_tasks=diff_texts(body_task_lines(diff.old, unit_id), body_task_lines(diff.new, unit_id)),
        report=_report_change(diff, unit_id),
    )


def _report_change(diff: PlanDiff, unit_id: str) -> FieldChange | None:
    """The unit's reporting rule before and after, as its letter words it, when that changed."""
    words = []
    for plan in (diff.old, diff.new):
        unit = plan.unit(unit_id)
        rule = report_of(plan, unit) if unit is not None else None
        words.append(report_words(rule, plan.issuer.short_name or plan.issuer.full_name) if rule else "")
    old, new = words
    return field_change("report", old, new) if old != new else None


def body_task_lines(plan: Plan, unit_id: str) -> list[str]:
    """The unit's tasks of the body, each with its part and time, as one line to compare."""
    out = []
    for found in assignments(plan):
        part = found.part
        if unit_id not in part.lead and unit_id not in part.with_:
            continue
        role = [] if found.own else ["chủ trì" if unit_id in part.lead else "phối hợp"]
        others = unit_names(plan, [r for r in (*part.lead, *part.with_) if r != unit_id])
        issuer = plan.issuer.short_name or plan.issuer.full_name
        details = [
            *role,
            *([f"cùng {others}"] if others else []),
            *([part.deadline.text] if part.deadline else []),
            *([report_words(part.report, issuer)] if part.report else []),
        ]
        out.append(f"{found.text} ({'; '.join(details)})")
    return out


def notice_subject(diff: PlanDiff, lang: str = "vi") -> str:
    """ "V/v điều chỉnh Kế hoạch số 15/KH-UBND" (the plan as now numbered), in the form of its
    profile in Vietnamese ("về việc điều chỉnh Kế hoạch số 05-KH/ĐU")."""
    plan = f"{diff.new.document.type_name} số {diff.new.symbol}"
    if lang == "vi":
        return diff.new.rules.letter.subject.format(subject=f"điều chỉnh {plan}")
    return label("notice.subject", lang, plan=plan)


def _unit_phases(diff: PlanDiff, unit: Unit, removed: bool) -> tuple[PhaseChange, ...]:
    """Changed phases the unit's letter lists: those its tasks name, or all when it names none."""
    shown = [p for p in diff.phases if p.shown_in_letters]
    named = {t.phase for t in unit.tasks if t.phase}
    if not named:
        return tuple(shown)
    return tuple(p for p in shown if (phase := p.old if removed else p.new) is not None and phase.key in named)


def _renamed_partners(diff: PlanDiff, unit_id: str) -> tuple[UnitChange, ...]:
    """Renamed units this unit's letter names as partners (or co-leads of a key task)."""
    unit = diff.new.unit(unit_id)
    if unit is None:
        return ()
    refs = {ref for task in unit.tasks for ref in task.with_}
    refs |= {ref for k in diff.new.key_tasks if unit_id in k.lead for ref in (*k.lead, *k.with_)}
    refs.discard(unit_id)
    return tuple(u for u in diff.units if u.id in refs and any(f.field == "name" for f in u.fields))


def affected_units(diff: PlanDiff) -> list[str]:
    """Units whose letter or checklist changes, in the new plan's order, then removed units."""
    return [unit_id for unit_id in unit_rank(diff.old, diff.new) if not changes_for_unit(diff, unit_id).is_empty]
