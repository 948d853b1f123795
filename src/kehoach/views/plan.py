"""The plan document's view: header, title, the numbered body, signature, appendices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kehoach.plan import outline, refs
from kehoach.plan.model import KeyTask, Numbering, Phase, Plan, Section, Unit
from kehoach.plan.terms import unit_names
from kehoach.text import markup, vn
from kehoach.text.markup import Run
from kehoach.views import blocks
from kehoach.views.common import (
    CLOSING,
    HEADING,
    SECTION,
    TEXT,
    Cell,
    Header,
    Paragraph,
    Row,
    Signature,
    Table,
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
    """Phụ lục: label, title, the "(Kèm theo …)" line, and its content: the key-task rows
    (``rows``, for templates written before tables), or ``body`` (paragraphs and tables),
    then ``closing`` lines; on a landscape page or not."""

    label: str
    title: str
    attached_to: str
    rows: list[TableRow]
    body: list[Paragraph | Table] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    landscape: bool = False


@dataclass(frozen=True)
class PlanView:
    """Everything the plan template shows."""

    header: Header
    type_name: str
    subject: str
    body: list[Paragraph | Table]
    signature: Signature
    appendices: list[Appendix] = field(default_factory=list)


def plan_view(plan: Plan) -> PlanView:
    """The plan document's view."""
    return PlanView(
        header=header(plan, plan.number_line),
        type_name=vn.upper(plan.document.type_name),
        subject="\n".join(markup.plain(line) for line in plan.document.subject_lines),
        body=list(_body(plan)),
        signature=signature(plan, plan.recipients),
        appendices=_appendices(plan),
    )


def _body(plan: Plan) -> Iterator[Paragraph | Table]:
    for text in (*plan.basis, *plan.intro):
        yield paragraph(TEXT, text)
    for number, section in enumerate(plan.sections, 1):
        yield from _section(plan, number, section)
    if plan.closing:
        yield paragraph(CLOSING, plan.closing)


def _section(plan: Plan, number: int, section: Section) -> Iterator[Paragraph | Table]:
    style = outline.formats(plan, section)
    title_format = style.title(0)
    title = markup.plain(section.title)
    title = vn.upper(title) if title_format.case == "upper" else title
    bold, italic = "bold" in title_format.style, "italic" in title_format.style
    marker = outline.section_marker(plan, number, section)
    yield Paragraph(SECTION, (Run(f"{marker} {title}", bold=bold, italic=italic),), anchor=section.id or "")
    yield from blocks.blocks(outline.content(section), style, (number,))
    if section.show == "phases":
        for n, phase in enumerate(plan.phases, 1):
            yield from _phase(n, phase, style, number)
    elif section.show == "units":
        for n, unit in enumerate(plan.units, 1):
            yield from _unit(n, unit)
    elif section.show == "slogans":
        for n, slogan in enumerate(plan.slogans, 1):
            yield paragraph(TEXT, slogan, Run(f"{n}. "))
    for text in section.closing:
        yield paragraph(TEXT, text)


def _phase(number: int, phase: Phase, style: Numbering, section: int) -> Iterator[Paragraph | Table]:
    yield Paragraph(HEADING, (Run(f"{number}. {phase_heading(phase)}", bold=True),))
    yield from blocks.blocks(outline.content(phase), style, (section, number))


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
    out = []
    for number, appendix in enumerate(plan.appendices, 1):
        landscape = appendix.orientation == "landscape"
        rows: list[TableRow] = []
        body: list[Paragraph | Table]
        if appendix.shows_key_tasks:
            rows = [_row(plan, n, t) for n, t in enumerate(plan.key_tasks, 1)]
            body = [_key_task_table(rows, landscape)]
        elif appendix.table is not None:
            body = list(blocks.table_with_notes(appendix.table, landscape))
        else:
            body = list(blocks.blocks(appendix.body, plan.numbering, (), landscape))
        label = refs.appendix_label(plan, number)
        title = vn.upper(appendix.title)
        closing = [paragraph(TEXT, line) for line in appendix.closing]
        out.append(Appendix(label, title, attached_to(plan), rows, body, closing, landscape))
    return out


#: The key-task table's columns: label, relative width, alignment of its cells.
KEY_TASK_COLUMNS = (
    ("TT", 9, "center"),
    ("Nhiệm vụ", 55, None),
    ("Đơn vị chủ trì", 28, None),
    ("Đơn vị phối hợp", 33, None),
    ("Thời gian thực hiện", 25, None),
    ("Ghi chú", 15, None),
)


def _key_task_table(rows: list[TableRow], landscape: bool) -> Table:
    """The key tasks as a table of the same kind as any other (the preset ``show: key_tasks``)."""
    head = Row(tuple(Cell(((Run(label),),), "center") for label, _, _ in KEY_TASK_COLUMNS), header=True)
    body = [
        Row(
            (
                Cell(((Run(r.number),),), "center"),
                Cell((r.task,)),
                *(Cell(((Run(text),),) if text else ()) for text in (r.lead, r.partners, r.time, r.note)),
            )
        )
        for r in rows
    ]
    return Table(tuple(float(w) for _, w, _ in KEY_TASK_COLUMNS), (head, *body), landscape=landscape)
