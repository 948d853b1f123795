"""Rules that look across the plan: ids unique, references resolvable, phases in order.

Each rule yields :class:`Check` findings with the key path of the offending value;
:mod:`kehoach.plan.validate` turns those into positioned problems.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kehoach.plan import addressees, assignments, outline, refs, tables, when
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import Plan, symbol_match
from kehoach.text import vn

#: A coordinating or lead entry that looks like an id must name a unit; one with
#: spaces is a unit outside the plan written in full ("Các Sở, ban, ngành").
_LOOKS_LIKE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Check:
    """One finding of a rule: where, which message, how serious."""

    path: KeyPath
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"
    at_value: bool = True


def run(plan: Plan, data: dict[str, Any] | None = None) -> list[Check]:
    """Every finding of every rule, in rule order (``data``: the file's raw values)."""
    return [
        *_symbol(plan, data or {}),
        *_profile_forms(plan),
        *_unique_ids(plan),
        *_phase_order(plan),
        *_phase_overlap(plan),
        *_deadlines_in_phase(plan),
        *_deadlines_after_issue(plan),
        *_task_references(plan),
        *_khoan_units(plan, data or {}),
        *_section_lists(plan),
        *_units_without_tasks(plan),
        *_part_ids(data or {}),
        *_references(plan, data or {}),
        *_appendix_contents(plan),
        *_tables(plan),
        *_notices(plan),
    ]


def _symbol(plan: Plan, data: dict[str, Any]) -> Iterator[Check]:
    """A number written as "15/KH-UBND" ("05-KH/ĐU" in a Party plan) must have the plan's
    profile's form and name this plan's type and issuing body."""
    given = (data.get("document") or {}).get("number") if isinstance(data.get("document"), dict) else None
    if not isinstance(given, str) or (found := symbol_match(given)) is None:
        return
    form, match = found
    expected = plan.rules.symbol(match["number"], plan.document.type, plan.issuer.abbr)
    if form != plan.profile:
        args = {"given": given.strip(), "expected": expected, "profile": plan.rules.title}
        yield Check(("document", "number"), "symbol_form", args)
    elif (match["type"], match["body"]) != (plan.document.type, plan.issuer.abbr):
        yield Check(("document", "number"), "symbol_mismatch", {"given": given.strip(), "expected": expected})


def _profile_forms(plan: Plan) -> Iterator[Check]:
    """The document type and the signing forms are those of the plan's profile; a Party
    committee signs "T/M", never "K/T" (Hướng dẫn 36-HD/VPTW, điểm 1.7.1)."""
    rules = plan.rules
    if plan.document.type not in rules.types:
        args = {"type": plan.document.type, "profile": rules.title, "types": ", ".join(rules.types)}
        yield Check(("document", "type"), "type_not_in_profile", args)
    authority = plan.signer.authority
    if authority is not None and authority not in rules.signer.authorities:
        args = {"given": authority, "profile": rules.title, "allowed": ", ".join(rules.signer.authorities)}
        yield Check(("signer", "authority"), "authority_not_in_profile", args)
    if plan.profile == "đảng" and authority == "K/T" and plan.signer.on_behalf:
        yield Check(("signer", "authority"), "party_committee_deputy", {"body": plan.signer.on_behalf})


def _phase_overlap(plan: Plan) -> Iterator[Check]:
    """Phases follow one another: the next starts after the previous one ends."""
    for i in range(1, len(plan.phases)):
        before, phase = plan.phases[i - 1], plan.phases[i]
        if before.end is None:
            continue
        end, start = before.end.last, phase.start.first
        if end and start and start <= end:
            args = {
                "name": phase.name,
                "start": when.phrase(phase.start),
                "other": before.name,
                "end": when.phrase(before.end),
            }
            yield Check(("phases", i, "start"), "phase_overlap", args)


def _phase_bounds(plan: Plan, key: str) -> tuple[Any, Any]:
    phase = plan.phase(key)
    if phase is None:
        return None, None
    start = plan.document.date if phase.start.kind == "now" else phase.start.first
    return start, phase.end.last if phase.end else None


def _deadlines_in_phase(plan: Plan) -> Iterator[Check]:
    """A task's deadline falls inside the phase it belongs to."""
    for u, unit in enumerate(plan.units):
        for t, task in enumerate(unit.tasks):
            if not (task.phase and task.deadline and task.deadline.last):
                continue
            start, end = _phase_bounds(plan, task.phase)
            due = task.deadline.last
            if (end and due > end) or (start and due < start):
                args = {"deadline": task.deadline.text, "phase": task.phase}
                yield Check(("units", u, "tasks", t, "deadline"), "deadline_outside_phase", args)


def _unique_ids(plan: Plan) -> Iterator[Check]:
    seen: set[str] = set()
    for i, unit in enumerate(plan.units):
        if unit.id in seen:
            yield Check(("units", i, "id"), "duplicate_unit_id", {"id": unit.id})
        seen.add(unit.id)
    seen = set()
    for i, phase in enumerate(plan.phases):
        if phase.key in seen:
            yield Check(("phases", i, "id" if phase.id else "name"), "duplicate_phase_id", {"id": phase.key})
        seen.add(phase.key)


def _part_ids(data: dict[str, Any]) -> Iterator[Check]:
    """Ids of mục, items, tables and appendices name one part each: references point at them."""
    seen: set[str] = set()
    for path, part_id in _keyed_under(data.get("sections"), ("sections",), "id"):
        yield from _once(path, part_id, seen)
    for path, part_id in _keyed_under(data.get("appendices"), ("appendices",), "id"):
        yield from _once(path, part_id, seen)


def _once(path: KeyPath, part_id: str, seen: set[str]) -> Iterator[Check]:
    if part_id in seen:
        yield Check(path, "duplicate_part_id", {"id": part_id})
    seen.add(part_id)


def _references(plan: Plan, data: dict[str, Any]) -> Iterator[Check]:
    for path, code, args in refs.problems(plan, data):
        yield Check(path, code, args)


def _notices(plan: Plan) -> Iterator[Check]:
    """A schedule's notice names an item, a team and an appendix of this plan."""
    found = refs.targets(plan)
    kinds = {"prepare": ("mục", "item"), "appendix": ("phụ lục",)}
    teams = {t.id for t in outline.teams(plan) if t.id}
    for path, notice in addressees.table_notices(plan):
        for key, wanted in kinds.items():
            ref = getattr(notice, key)
            if ref is not None and (ref not in found or found[ref].kind not in wanted):
                known = [i for i, t in found.items() if t.kind in wanted]
                yield Check((*path, key), "notice_unknown_part", {"id": ref, "known": known_ids(ref, known)})
        if notice.team is not None and notice.team not in teams:
            yield Check(
                (*path, "team"),
                "notice_unknown_part",
                {"id": notice.team, "known": known_ids(notice.team, sorted(teams))},
            )


def _tables(plan: Plan) -> Iterator[Check]:
    """Rows as wide as the table, numbers where a column holds amounts, totals that add up."""
    for path, table in outline.tables(plan):
        columns = len(table.columns)
        rows = tables.layout(table)
        for r, placed in enumerate(rows):
            if placed.width != columns:
                yield Check((*path, "rows", r), "table_row_width", {"count": placed.width, "columns": columns})
        for r, c, column, text in tables.bad_numbers(table, rows):
            label = " ".join(table.columns[column].label)
            yield Check((*path, "rows", r, "cells", c), "table_not_a_number", {"column": label, "text": text})
        sums = tables.totals(table, rows)
        for r, c, column, stated in tables.stated_totals(table):
            if stated != sums[column]:
                args = {
                    "column": " ".join(table.columns[column].label),
                    "stated": vn.amount(stated),
                    "computed": vn.amount(sums[column]),
                }
                yield Check((*path, "rows", r, "cells", c), "table_total_mismatch", args)


def _appendix_contents(plan: Plan) -> Iterator[Check]:
    """The key-task table is one appendix's: a second would print the same table again."""
    first = None
    for i, appendix in enumerate(plan.appendices):
        if not appendix.shows_key_tasks:
            continue
        if first is not None:
            yield Check(("appendices", i, "title"), "appendix_repeats_key_tasks", {"first": first})
        first = first or refs.appendix_label(plan, i + 1)


def _phase_order(plan: Plan) -> Iterator[Check]:
    for i, phase in enumerate(plan.phases):
        if phase.end is None:
            continue
        start = plan.document.date if phase.start.kind == "now" else phase.start.first
        end = phase.end.last
        if start and end and end < start:
            args = {"name": phase.name, "start": when.phrase(phase.start), "end": when.phrase(phase.end)}
            yield Check(("phases", i, "end"), "phase_order", args)


def _deadlines_after_issue(plan: Plan) -> Iterator[Check]:
    """A dated deadline cannot have passed when the plan is issued."""
    issued = plan.document.date
    if issued is None:
        return
    for path, deadline in assignments.deadlines(plan):
        if deadline.last is not None and deadline.last < issued:
            args = {"deadline": deadline.text, "issued": vn.short_date(issued)}
            yield Check(path, "deadline_before_issue", args)


def _task_references(plan: Plan) -> Iterator[Check]:
    # Looked up in sets: a province's plan names thousands of units, each task its partners.
    unit_ids = [u.id for u in plan.units]
    phase_ids = [p.key for p in plan.phases]
    units, phases = set(unit_ids), set(phase_ids)
    for u, unit in enumerate(plan.units):
        for t, task in enumerate(unit.tasks):
            path = ("units", u, "tasks", t)
            if task.phase is not None and task.phase not in phases:
                known = known_ids(task.phase, phase_ids)
                yield Check((*path, "phase"), "unknown_phase", {"id": task.phase, "known": known})
            yield from _unit_refs((*path, "with"), task.with_, units, unit_ids)
    for k, key_task in enumerate(plan.key_tasks):
        yield from _unit_refs(("key_tasks", k, "lead"), key_task.lead, units, unit_ids)
        yield from _unit_refs(("key_tasks", k, "with"), key_task.with_, units, unit_ids)
    for found in assignments.assignments(plan):
        if found.own:  # the khoản's ``unit``: checked once, at the khoản (:func:`_khoan_units`)
            continue
        yield from _unit_refs((*found.path, "lead"), found.part.lead, units, unit_ids)
        yield from _unit_refs((*found.path, "with"), found.part.with_, units, unit_ids)


def _khoan_units(plan: Plan, data: dict[str, Any]) -> Iterator[Check]:
    """A khoản that is a unit's part (``unit:``) names a unit of the plan."""
    unit_ids = [u.id for u in plan.units]
    for path, ref in _keyed_under(data.get("sections"), ("sections",), "unit"):
        if ref not in unit_ids:
            yield Check(path, "unknown_unit", {"id": ref, "known": known_ids(ref, unit_ids)})


def _keyed_under(value: Any, path: KeyPath, key: str) -> Iterator[tuple[KeyPath, str]]:
    """Every text value of ``key`` in the mappings under ``value``, with its key path."""
    if isinstance(value, dict):
        if isinstance(value.get(key), str):
            yield (*path, key), value[key]
        for name, item in value.items():
            yield from _keyed_under(item, (*path, name), key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _keyed_under(item, (*path, index), key)


def _unit_refs(path: KeyPath, refs: list[str], units: set[str], unit_ids: list[str]) -> Iterator[Check]:
    for i, ref in enumerate(refs):
        if _LOOKS_LIKE_ID.match(ref) and ref not in units:
            yield Check((*path, i), "unknown_unit", {"id": ref, "known": known_ids(ref, unit_ids)})


def known_ids(wrong: str, ids: list[str], shown: int = 8) -> str:
    """The ids closest to a wrong one first, a few of them, for the hint."""
    close = difflib.get_close_matches(wrong, ids, n=3, cutoff=0.5)
    rest = [i for i in ids if i not in close]
    listed = [*close, *rest][:shown]
    return ", ".join(listed) + (", …" if len(ids) > shown else "") if listed else "—"


def _section_lists(plan: Plan) -> Iterator[Check]:
    lists = {"phases": plan.phases, "units": plan.units, "slogans": plan.slogans}
    for i, section in enumerate(plan.sections):
        if section.show and not lists[section.show]:
            args = {"title": section.title, "show": section.show}
            yield Check(("sections", i, "show"), "section_list_missing", args)


def _units_without_tasks(plan: Plan) -> Iterator[Check]:
    leads = {ref for task in plan.key_tasks for ref in task.lead}
    leads |= {ref for found in assignments.assignments(plan) for ref in (*found.part.lead, *found.part.with_)}
    for i, unit in enumerate(plan.units):
        if not unit.tasks and unit.id not in leads:
            yield Check(("units", i, "name"), "unit_without_tasks", {"name": unit.name}, "warning")
