"""The plan document's view: header, title, the numbered body, signature, appendices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kehoach.plan.model import Item, KeyTask, Phase, Plan, Section, Unit
from kehoach.plan.terms import unit_names
from kehoach.text import markup, vn
from kehoach.text.markup import Run
from kehoach.views.common import (
    CLOSING,
    HEADING,
    SECTION,
    TEXT,
    Header,
    Paragraph,
    Signature,
    bullets,
    cited_plan,
    header,
    paragraph,
    phase_heading,
    signature,
)


@dataclass(frozen=True)
class TableRow:
    """A row of an appendix's task table."""

    number: str
    task: tuple[Run, ...]
    lead: str
    partners: str
    time: str
    note: str


@dataclass(frozen=True)
class Appendix:
    """Phụ lục: label, title, the "(Kèm theo …)" line and the table."""

    label: str
    title: str
    attached_to: str
    rows: list[TableRow]


@dataclass(frozen=True)
class PlanView:
    """Everything the plan template shows."""

    header: Header
    type_name: str
    subject: str
    body: list[Paragraph]
    signature: Signature
    appendices: list[Appendix] = field(default_factory=list)


def plan_view(plan: Plan) -> PlanView:
    """The plan document's view."""
    return PlanView(
        header=header(plan, f"Số: {plan.symbol}"),
        type_name=vn.upper(plan.document.type_name),
        subject=markup.plain(plan.document.subject),
        body=list(_body(plan)),
        signature=signature(plan, plan.recipients),
        appendices=_appendices(plan),
    )


def _body(plan: Plan) -> Iterator[Paragraph]:
    for text in (*plan.basis, *plan.intro):
        yield paragraph(TEXT, text)
    for number, section in enumerate(plan.sections, 1):
        yield from _section(plan, number, section)
    if plan.closing:
        yield paragraph(CLOSING, plan.closing)


def _section(plan: Plan, number: int, section: Section) -> Iterator[Paragraph]:
    title = vn.upper(markup.plain(section.title))
    yield Paragraph(SECTION, (Run(f"{vn.roman(number)}. {title}", bold=True),))
    for text in section.paragraphs:
        yield paragraph(TEXT, text)
    yield from _items(section.items, level=1)
    yield from bullets(section.bullets, depth=0)
    if section.show == "phases":
        for n, phase in enumerate(plan.phases, 1):
            yield from _phase(n, phase)
    elif section.show == "units":
        for n, unit in enumerate(plan.units, 1):
            yield from _unit(n, unit)
    elif section.show == "slogans":
        for n, slogan in enumerate(plan.slogans, 1):
            yield paragraph(TEXT, slogan, Run(f"{n}. "))
    for text in section.closing:
        yield paragraph(TEXT, text)


def item_marker(level: int, number: int) -> str:
    """Marker of an item: "1." for a khoản, "a)" for a điểm, "-" below that."""
    if level == 1:
        return f"{number}."
    if level == 2:
        return f"{vn.letter(number)})"
    return "-"


def _items(items: list[Item], level: int) -> Iterator[Paragraph]:
    for number, item in enumerate(items, 1):
        marker = item_marker(level, number)
        if item.title:
            style = item.title_style or ("bold" if level == 1 else "italic")
            bold, italic = "bold" in style, "italic" in style
            runs = [Run(f"{marker} ", bold=bold), *markup.parse(item.title, bold, italic)]
            if item.text:
                runs += [Run(" "), *markup.parse(item.text)]
            yield Paragraph(TEXT if item.text else HEADING, tuple(runs))
        else:
            yield paragraph(TEXT, item.text or "", Run(f"{marker} "))
        for text in item.paragraphs:
            yield paragraph(TEXT, text)
        yield from _items(item.items, level + 1)
        yield from bullets(item.bullets, depth=0)


def _phase(number: int, phase: Phase) -> Iterator[Paragraph]:
    yield Paragraph(HEADING, (Run(f"{number}. {phase_heading(phase)}", bold=True),))
    for text in phase.paragraphs:
        yield paragraph(TEXT, text)
    yield from _items(phase.items, level=2)
    yield from bullets(phase.bullets, depth=0)


def unit_heading(unit: Unit) -> str:
    """The unit as section V names it: "Đề nghị …" for a unit the plan only requests."""
    return f"Đề nghị {unit.name}" if unit.relation == "đề nghị" else unit.name


def _unit(number: int, unit: Unit) -> Iterator[Paragraph]:
    yield Paragraph(HEADING, (Run(f"{number}. {unit_heading(unit)}", bold=True),))
    for task in unit.tasks:
        yield paragraph(TEXT, task.text, Run("- "))
        yield from bullets(task.bullets, depth=1)


def _row(plan: Plan, number: int, task: KeyTask) -> TableRow:
    return TableRow(
        number=str(number),
        task=tuple(markup.parse(task.text)),
        lead=unit_names(plan, task.lead),
        partners=unit_names(plan, task.with_),
        time=task.deadline.text if task.deadline else "",
        note=task.note or "",
    )


def attached_to(plan: Plan) -> str:
    """The line under an appendix title: "(Kèm theo Kế hoạch số 15/KH-UBND ngày …)"."""
    return f"(Kèm theo {cited_plan(plan)})"


def _appendices(plan: Plan) -> list[Appendix]:
    several = len(plan.appendices) > 1
    out = []
    for number, appendix in enumerate(plan.appendices, 1):
        rows = [_row(plan, n, t) for n, t in enumerate(plan.key_tasks, 1)]
        label = f"Phụ lục {vn.roman(number)}" if several else "Phụ lục"
        out.append(Appendix(label, vn.upper(appendix.title), attached_to(plan), rows))
    return out
