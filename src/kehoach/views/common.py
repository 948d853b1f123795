"""Parts every document view shares: the header block, the signature, cited plan, phases.

A view is plain data: strings already in their Vietnamese form (dates, symbols,
upper-cased headings) and paragraphs as runs with their emphasis. Numbering is
done in the views (I, 1, a), -, +), so it is always consecutive; templates only
place what they are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from kehoach.plan.blocks import Bullet
from kehoach.plan.model import Phase, Plan
from kehoach.plan.terms import phase_span
from kehoach.text import markup, vn
from kehoach.text.markup import Run

#: Paragraph kinds the templates know: a mục heading, a heading that keeps with
#: the next paragraph (khoản or điểm with a title), running text, and the closing
#: paragraph, kept on the page of the signature; a centred note ("(*) Nếu có …"),
#: and a table (:class:`Table`, which sits in a body beside paragraphs).
SECTION, HEADING, TEXT, CLOSING, NOTE, TABLE = "muc", "tieu-de", "doan", "ket", "ghi-chu", "bang"
BULLET_MARKS = ("-", "+", "•")
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a body: its kind (template style) and its runs; ``anchor``, the plan's
    id of the mục or item it starts (carried invisibly in a Word file: ``kehoach import``
    reads it back, so a plan comes back with the ids its references use)."""

    kind: str
    runs: tuple[Run, ...]
    anchor: str = ""

    @property
    def text(self) -> str:
        """The paragraph's text without emphasis (and without its footnotes)."""
        return "".join(run.text for run in self.runs if not run.note)


Align = Literal["left", "center", "right", "both"]


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs (each a tuple of runs), alignment (None: its style's) and merges.

    ``span`` columns wide; ``merge`` is "restart" for the first cell of a vertical merge
    (``rows`` high) and "continue" for the cells under it (their paragraphs are not shown).
    """

    paragraphs: tuple[tuple[Run, ...], ...]
    align: Align | None = None
    span: int = 1
    merge: Literal["", "restart", "continue"] = ""
    rows: int = 1


@dataclass(frozen=True)
class Row:
    """A table row: a header row repeats at the top of each page; a strong row (a group
    such as "I. Khu vực phía Bắc", or the total) is bold; the column-number row
    "(1) (2) (3)" is italic; a row kept with the next stays on its page (the rows of a merge)."""

    cells: tuple[Cell, ...]
    header: bool = False
    strong: bool = False
    italic: bool = False
    keep_with_next: bool = False


@dataclass(frozen=True)
class Table:
    """A table of a body or an appendix: relative column widths and rows (no row splits
    across pages), on a landscape page or not (its width follows). ``kind`` lets a body
    hold it beside paragraphs."""

    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    landscape: bool = False
    kind: str = TABLE

    @property
    def text(self) -> str:
        """The table's text, row by row, cells separated by " | " (for diffs and checks)."""
        shown = ((c for c in row.cells if c.merge != "continue") for row in self.rows)
        return "\n".join(
            " | ".join(" ".join("".join(r.text for r in p) for p in c.paragraphs) for c in row) for row in shown
        )


@dataclass(frozen=True)
class Header:
    """The two-column header block of Decree 30 (Phụ lục I, §2)."""

    parent: list[str]
    issuer: list[str]
    number_line: str
    place_date: str
    subject_line: str = ""
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO
    #: The Party's "*" under the issuing committee ("" in a State document).
    star: str = ""


@dataclass(frozen=True)
class Signature:
    """Nơi nhận on the left, the signer on the right."""

    recipients: list[str]
    signer_lines: list[str]
    signer_name: str
    signer_after: list[str] = field(default_factory=list)


def header(plan: Plan, number_line: str, place_date: str | None = None, subject_line: str = "") -> Header:
    """Header block of the plan and of the letters it gives rise to, in its profile's form."""
    doc = plan.document
    title, *motto = plan.rules.header.right
    return Header(
        parent=[vn.upper(line) for line in plan.issuer.parent],
        issuer=[vn.upper(line) for line in plan.issuer.name],
        number_line=number_line,
        place_date=place_date or vn.place_date(doc.place, doc.date, doc.year, doc.month),
        subject_line=subject_line,
        national_title=title,
        motto=" ".join(motto),
        star="*" if plan.rules.header.star else "",
    )


def signature(plan: Plan, recipients: list[str]) -> Signature:
    """Nơi nhận ("- X;" lines ending "- Lưu: VT, VHXH.") and the signer block."""
    end = plan.rules.recipients.item_end
    lines = [f"- {r.rstrip(';.,')}{end}" for r in recipients]
    lines.append(archive_line(plan))
    signer = plan.signer
    return Signature(lines, signer.lines_in(plan.rules), signer.name, list(signer.after))


def archive_line(plan: Plan) -> str:
    """ "- Lưu: VT, TH (Thắng), KT (Long).": the plan's own entries, else VT and the drafting unit."""
    default = [e.format(drafting_unit=plan.issuer.drafting_unit) for e in plan.rules.recipients.default_archive]
    entries = [e.rstrip(";.,") for e in plan.archive] or default
    return plan.rules.archive(entries)


def paragraph(kind: str, text: str, *lead: Run) -> Paragraph:
    """A paragraph of plan text (with its *emphasis*), after optional leading runs."""
    return Paragraph(kind, (*lead, *markup.parse(text)))


def bullets(items: list[Bullet], depth: int) -> Iterator[Paragraph]:
    """ "-" lines, their "+" lines under them, and so on."""
    mark = BULLET_MARKS[min(depth, len(BULLET_MARKS) - 1)]
    for item in items:
        yield paragraph(TEXT, item.text, Run(f"{mark} "))
        yield from bullets(item.bullets, depth + 1)


def cited_plan(plan: Plan) -> str:
    """The plan as another document cites it: "Kế hoạch số 15/KH-UBND ngày 01/8/2025 của …"."""
    doc = plan.document
    date = vn.cited_date(doc.date, doc.year, doc.month)
    return f"{doc.type_name} số {plan.symbol} {date} của {plan.issuer.full_name}"


def phase_heading(phase: Phase) -> str:
    """Heading of a phase: "Đợt 1: Từ nay đến 31/8/2025, là thời điểm …"."""
    heading = f"{phase.name}: {phase_span(phase)}"
    return f"{heading}, {phase.description}" if phase.description else heading


def letter_header(plan: Plan, subject_line: str, year: int | None = None) -> Header:
    """A công văn's header: its number left blank ("Số:      /UBND-VHXH", "Số      -CV/ĐU"),
    its subject under it, and a date line to fill in ("An Dương, ngày    tháng    năm 2025")."""
    doc = plan.document
    place_date = f"{doc.place}, {vn.draft_date(year or doc.the_year)}"
    return header(plan, plan.letter_number_line, place_date, subject_line)


def letter_subject(plan: Plan, subject: str) -> str:
    """A công văn's subject under its number: "V/v triển khai …", "về việc triển khai …"."""
    return plan.rules.letter.subject.format(subject=subject)
