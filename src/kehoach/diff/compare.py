"""Two plans compared part by part into a :class:`~kehoach.diff.changes.PlanDiff` (:func:`diff_plans`).

Phases pair by id or name, units by id, mục by the list they show or their
title; units and tasks are compared in :mod:`kehoach.diff.tasks`, lists of
paragraphs in :mod:`kehoach.diff.texts`.
"""

from __future__ import annotations

from kehoach.diff import shape
from kehoach.diff.changes import PhaseChange, PlanDiff, SectionChange, changed_fields
from kehoach.diff.pairing import Pairs, out_of_order, pair_equal, pair_items
from kehoach.diff.tasks import Context, deadline_changes, key_task_changes, pair_tasks, task_changes, unit_changes
from kehoach.diff.texts import appendix_texts, assemble, diff_texts, notice_texts, section_texts
from kehoach.diff.wording import Value
from kehoach.plan.model import Phase, Plan
from kehoach.plan.terms import report_words


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """The changes that turn ``old`` into ``new``, by meaning."""
    phase_pairs = pair_equal([p.name for p in old.phases], [p.name for p in new.phases], _phase_key_pairs(old, new))
    phase_map = {old.phases[i].key: new.phases[j].key for i, j in phase_pairs}
    unit_pairs = pair_equal([u.id for u in old.units], [u.id for u in new.units])
    task_pairs = pair_tasks(old, new, unit_pairs)
    ctx = Context(old, new, phase_map)
    section_pairs = _section_pairs(old, new)
    key_pairs = pair_items([k.text for k in old.key_tasks], [k.text for k in new.key_tasks])
    slogan_pairs = pair_items(old.slogans, new.slogans)
    recipient_pairs = pair_items(old.recipients, new.recipients)
    orders = {
        "phases": phase_pairs,
        # the units' order is seen only where a mục lists them: letters and notices have none
        "units": unit_pairs if _lists_units(old) or _lists_units(new) else [],
        "sections": section_pairs,
        "key_tasks": key_pairs,
        "slogans": slogan_pairs,
        "recipients": recipient_pairs,
    }
    return PlanDiff(
        old=old,
        new=new,
        header=changed_fields(_header_values(old), _header_values(new)),
        basis=diff_texts(old.basis, new.basis),
        intro=diff_texts(old.intro, new.intro),
        sections=_sections(old, new, section_pairs),
        phases=_phases(old.phases, new.phases, phase_pairs),
        units=unit_changes(old, new, unit_pairs, task_pairs),
        tasks=task_changes(ctx, task_pairs),
        key_tasks=key_task_changes(ctx, key_pairs),
        slogans=diff_texts(old.slogans, new.slogans, slogan_pairs),
        closing=diff_texts(_one(old.closing), _one(new.closing)),
        recipients=diff_texts(old.recipients, new.recipients, recipient_pairs),
        appendices=diff_texts(appendix_texts(old), appendix_texts(new)),
        notices=diff_texts(notice_texts(old), notice_texts(new)),
        reordered=tuple(name for name, pairs in orders.items() if out_of_order(pairs)),
        deadlines=tuple(deadline_changes(ctx, task_pairs)),
    )


def _lists_units(plan: Plan) -> bool:
    return any(section.show == "units" for section in plan.sections)


def _one(text: str | None) -> list[str]:
    return [text] if text else []


def _header_values(plan: Plan) -> dict[str, Value]:
    doc, issuer, margins = plan.document, plan.issuer, plan.page.margins
    return {
        "document.type": doc.type,
        "document.number": doc.number,
        "document.date": doc.date,
        "document.year": doc.year,
        "document.month": doc.month,
        "document.place": doc.place,
        "document.subject": doc.subject,
        "issuer.parent": tuple(issuer.parent),
        "issuer.name": tuple(issuer.name),
        "issuer.abbr": issuer.abbr,
        "issuer.full_name": issuer.full_name,
        "issuer.short_name": issuer.short_name,
        "issuer.drafting_unit": issuer.drafting_unit,
        "signer.lines": tuple(plan.signer.lines),
        "signer.name": plan.signer.name,
        "page.margins.top": margins.top,
        "page.margins.bottom": margins.bottom,
        "page.margins.left": margins.left,
        "page.margins.right": margins.right,
        "page.font_size": plan.page.font_size,
        # the plan's reporting rule: every letter closes with it (a unit's own rule is the unit's)
        "report": report_words(plan.report, plan.issuer.short_name or plan.issuer.full_name) if plan.report else None,
    }


# phases


def _phase_key_pairs(old: Plan, new: Plan) -> Pairs:
    return pair_equal([p.key for p in old.phases], [p.key for p in new.phases])


def _phase_values(phase: Phase) -> dict[str, Value]:
    return {
        "key": phase.key,
        "name": phase.name,
        "start": phase.start,
        "end": phase.end,
        "connector": phase.connector,
        "description": phase.description,
    }


def _phases(old: list[Phase], new: list[Phase], pairs: Pairs) -> tuple[PhaseChange, ...]:
    return assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _phase_change(old[i], new[j]),
        lambda j: PhaseChange("added", new[j].key, new[j].name, None, new[j]),
        lambda i: PhaseChange("removed", old[i].key, old[i].name, old[i], None),
    )


def _phase_change(a: Phase, b: Phase) -> PhaseChange | None:
    fields = changed_fields(_phase_values(a), _phase_values(b))
    content = diff_texts(section_texts(a), section_texts(b))
    return PhaseChange("changed", b.key, b.name, a, b, fields, content) if fields or content else None


# sections


def _section_pairs(old_plan: Plan, new_plan: Plan) -> Pairs:
    """By the list a mục shows, then by title, then (a renamed mục) by its content."""
    old, new = old_plan.sections, new_plan.sections
    titles_old, titles_new = (
        [shape.shown_title(old_plan, s) for s in old],
        [shape.shown_title(new_plan, s) for s in new],
    )
    pairs = pair_items(titles_old, titles_new, [s.show for s in old], [s.show for s in new])
    contents_old = [" ".join(section_texts(s)) or s.title for s in old]
    contents_new = [" ".join(section_texts(s)) or s.title for s in new]
    return pair_items(contents_old, contents_new, [s.show for s in old], [s.show for s in new], pairs)


def _sections(old_plan: Plan, new_plan: Plan, pairs: Pairs) -> tuple[SectionChange, ...]:
    old, new = old_plan.sections, new_plan.sections
    return assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _section_change(old_plan, new_plan, i, j),
        lambda j: SectionChange("added", None, j + 1, new[j].title, None, new[j]),
        lambda i: SectionChange("removed", i + 1, None, old[i].title, old[i], None),
    )


def _section_change(old: Plan, new: Plan, i: int, j: int) -> SectionChange | None:
    a, b, old_number, new_number = old.sections[i], new.sections[j], i + 1, j + 1
    fields = changed_fields(
        {"title": shape.shown_title(old, a), "show": a.show}, {"title": shape.shown_title(new, b), "show": b.show}
    )
    content = diff_texts(section_texts(a), section_texts(b))
    layout = not (fields or content) and shape.section(old, a) != shape.section(new, b)
    if not (fields or content or layout):
        return None
    return SectionChange("changed", old_number, new_number, b.title, a, b, fields, content, layout)
