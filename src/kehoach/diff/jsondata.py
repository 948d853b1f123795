"""A diff as plain JSON data, for tools: :func:`to_json`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kehoach.diff.changes import (
    DeadlineChange,
    FieldChange,
    KeyTaskChange,
    PhaseChange,
    PlanDiff,
    SectionChange,
    TaskChange,
    TextChange,
    UnitChange,
)
from kehoach.diff.pairing import Segment
from kehoach.diff.units import affected_units
from kehoach.diff.wording import Value, phase_heading
from kehoach.plan import when
from kehoach.plan.when import When


def _json_value(value: Value) -> Any:
    if isinstance(value, When):
        first, last = value.first, value.last
        return {
            "text": when.phrase(value),
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
        }
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _json_field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": _json_value(change.old),
        "new": _json_value(change.new),
        "old_text": change.old_text,
        "new_text": change.new_text,
    }


def _json_words(segments: Sequence[Segment]) -> list[list[str]]:
    return [[s.op, s.words] for s in segments]


def _json_text(change: TextChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old": change.old,
        "new": change.new,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "words": _json_words(change.words),
    }


def _json_phase(change: PhaseChange) -> dict[str, Any]:
    phase = change.new or change.old
    return {
        "kind": change.kind,
        "key": change.key,
        "name": change.name,
        "heading": phase_heading(phase) if phase else "",
        "fields": [_json_field(f) for f in change.fields],
        "content": [_json_text(c) for c in change.content],
    }


def _json_unit(change: UnitChange) -> dict[str, Any]:
    unit = change.new or change.old
    return {
        "kind": change.kind,
        "id": change.id,
        "name": change.name,
        "relation": unit.relation if unit else None,
        "fields": [_json_field(f) for f in change.fields],
        "reordered": change.reordered,
    }


def _json_task(change: TaskChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_unit": change.old_unit,
        "new_unit": change.new_unit,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "id": task.id if (task := change.new or change.old) else None,
        "old_text": change.old.text if change.old else None,
        "new_text": change.new.text if change.new else None,
        "reworded": change.reworded,
        "words": _json_words(change.words),
        "fields": [_json_field(f) for f in change.fields],
        "bullets": [_json_text(b) for b in change.bullets],
    }


def _json_key_task(change: KeyTaskChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "old_text": change.old.text if change.old else None,
        "new_text": change.new.text if change.new else None,
        "reworded": change.reworded,
        "words": _json_words(change.words),
        "fields": [_json_field(f) for f in change.fields],
        "leads": sorted(change.leads),
    }


def _json_section(change: SectionChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "title": change.title,
        "fields": [_json_field(f) for f in change.fields],
        "content": [_json_text(c) for c in change.content],
        "layout": change.layout,
    }


def _json_deadline(change: DeadlineChange) -> dict[str, Any]:
    return {
        "unit": change.unit,
        "number": change.number,
        "text": change.text,
        "old": change.old,
        "new": change.new,
        "old_due": change.old_due.isoformat() if change.old_due else None,
        "new_due": change.new_due.isoformat() if change.new_due else None,
    }


def to_json(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain JSON data: fixed keys, lists in plan order, dates as ISO strings."""
    return {
        "empty": diff.is_empty,
        "affected_units": affected_units(diff),
        "header": [_json_field(f) for f in diff.header],
        "basis": [_json_text(c) for c in diff.basis],
        "intro": [_json_text(c) for c in diff.intro],
        "sections": [_json_section(c) for c in diff.sections],
        "phases": [_json_phase(c) for c in diff.phases],
        "units": [_json_unit(c) for c in diff.units],
        "tasks": [_json_task(c) for c in diff.tasks],
        "key_tasks": [_json_key_task(c) for c in diff.key_tasks],
        "slogans": [_json_text(c) for c in diff.slogans],
        "closing": [_json_text(c) for c in diff.closing],
        "recipients": [_json_text(c) for c in diff.recipients],
        "appendices": [_json_text(c) for c in diff.appendices],
        "notices": [_json_text(c) for c in diff.notices],
        "reordered": list(diff.reordered),
        "deadlines": [_json_deadline(d) for d in diff.deadlines],
    }
