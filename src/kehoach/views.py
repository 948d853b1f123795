"""What each document shows, computed once in Python and handed to its template.

A view is plain data: strings already in their Vietnamese form (dates, symbols,
upper-cased headings) and paragraphs as runs with their emphasis. Numbering is
done here (I, 1, a), -, +), so it is always consecutive; templates only place
what they are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kehoach import markup, vn, when
from kehoach.markup import Run
from kehoach.model import Bullet, Item, KeyTask, Phase, Plan, Section, Unit

#: Paragraph kinds the templates know: a mục heading, a heading that keeps with
#: the next paragraph (khoản or điểm with a title), running text, and the closing
#: paragraph, kept on the page of the signature.
SECTION, HEADING, TEXT, CLOSING = "muc", "tieu-de", "doan", "ket"
BULLET_MARKS = ("-", "+", "•")
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body: its kind (template style) and its runs."""

    kind: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The paragraph's text without emphasis."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Header:
    """The two-column header block of Decree 30 (Phụ lục I, §2)."""

    parent: list[str]
    issuer: list[str]
    number_line: str
    place_date: str
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO


@dataclass(frozen=True)
class Signature:
    """Nơi nhận on the left, the signer on the right."""

    recipients: list[str]
    signer_lines: list[str]
    signer_name: str


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


def header(plan: Plan, number_line: str) -> Header:
    """Header block shared by the plan and the letters it gives rise to."""
    doc = plan.document
    return Header(
        parent=[vn.upper(line) for line in plan.issuer.parent],
        issuer=[vn.upper(line) for line in plan.issuer.name],
        number_line=number_line,
        place_date=vn.place_date(doc.place, doc.date, doc.year),
    )


def signature(plan: Plan, recipients: list[str]) -> Signature:
    """Nơi nhận ("- X;" lines ending "- Lưu: VT, VHXH.") and the signer block."""
    lines = [f"- {r.rstrip(';.')};" for r in recipients]
    lines.append(f"- Lưu: VT, {plan.issuer.drafting_unit}.")
    return Signature(lines, plan.signer.lines, plan.signer.name)


def _text(kind: str, text: str, *lead: Run) -> Paragraph:
    return Paragraph(kind, (*lead, *markup.parse(text)))


def _body(plan: Plan) -> Iterator[Paragraph]:
    for text in (*plan.basis, *plan.intro):
        yield _text(TEXT, text)
    for number, section in enumerate(plan.sections, 1):
        yield from _section(plan, number, section)
    if plan.closing:
        yield _text(CLOSING, plan.closing)


def _section(plan: Plan, number: int, section: Section) -> Iterator[Paragraph]:
    title = vn.upper(markup.plain(section.title))
    yield Paragraph(SECTION, (Run(f"{vn.roman(number)}. {title}", bold=True),))
    for text in section.paragraphs:
        yield _text(TEXT, text)
    yield from _items(section.items, level=1)
    yield from _bullets(section.bullets, depth=0)
    if section.show == "phases":
        for n, phase in enumerate(plan.phases, 1):
            yield from _phase(plan, n, phase)
    elif section.show == "units":
        for n, unit in enumerate(plan.units, 1):
            yield from _unit(n, unit)
    elif section.show == "slogans":
        for n, slogan in enumerate(plan.slogans, 1):
            yield _text(TEXT, slogan, Run(f"{n}. "))
    for text in section.closing:
        yield _text(TEXT, text)


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
            yield _text(TEXT, item.text or "", Run(f"{marker} "))
        for text in item.paragraphs:
            yield _text(TEXT, text)
        yield from _items(item.items, level + 1)
        yield from _bullets(item.bullets, depth=0)


def _bullets(bullets: list[Bullet], depth: int) -> Iterator[Paragraph]:
    mark = BULLET_MARKS[min(depth, len(BULLET_MARKS) - 1)]
    for bullet in bullets:
        yield _text(TEXT, bullet.text, Run(f"{mark} "))
        yield from _bullets(bullet.bullets, depth + 1)


def phase_span(phase: Phase) -> str:
    """Composed from the fields: "Từ nay đến 31/8/2025", "Từ sau Đại hội … đến Đại hội …"."""
    start = phase.start
    text = f"Từ sau {start.event}" if start.kind == "event" else f"Từ {when.phrase(start)}"
    if phase.end is not None:
        text += f" {phase.connector} {when.phrase(phase.end)}"
    return text


def phase_heading(phase: Phase) -> str:
    """Heading of a phase: "Đợt 1: Từ nay đến 31/8/2025, là thời điểm …"."""
    heading = f"{phase.name}: {phase_span(phase)}"
    return f"{heading}, {phase.description}" if phase.description else heading


def _phase(plan: Plan, number: int, phase: Phase) -> Iterator[Paragraph]:
    yield Paragraph(HEADING, (Run(f"{number}. {phase_heading(phase)}", bold=True),))
    for text in phase.paragraphs:
        yield _text(TEXT, text)
    yield from _items(phase.items, level=2)
    yield from _bullets(phase.bullets, depth=0)


def unit_heading(unit: Unit) -> str:
    """The unit as section V names it: "Đề nghị …" for a unit the plan only requests."""
    return f"Đề nghị {unit.name}" if unit.relation == "đề nghị" else unit.name


def _unit(number: int, unit: Unit) -> Iterator[Paragraph]:
    yield Paragraph(HEADING, (Run(f"{number}. {unit_heading(unit)}", bold=True),))
    for task in unit.tasks:
        yield _text(TEXT, task.text, Run("- "))
        yield from _bullets(task.bullets, depth=1)


def unit_names(plan: Plan, refs: list[str]) -> str:
    """Lead or partner units as words: ids become names, free text stays."""
    names = []
    for ref in refs:
        unit = plan.unit(ref)
        names.append(unit.name if unit else ref)
    return "; ".join(names)


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
    doc = plan.document
    date = vn.cited_date(doc.date, doc.year)
    return f"(Kèm theo {doc.type_name} số {plan.symbol} {date} của {plan.issuer.full_name})"


def _appendices(plan: Plan) -> list[Appendix]:
    several = len(plan.appendices) > 1
    out = []
    for number, appendix in enumerate(plan.appendices, 1):
        rows = [_row(plan, n, t) for n, t in enumerate(plan.key_tasks, 1)]
        label = f"Phụ lục {vn.roman(number)}" if several else "Phụ lục"
        out.append(Appendix(label, vn.upper(appendix.title), attached_to(plan), rows))
    return out
