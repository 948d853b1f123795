"""The results report (Báo cáo kết quả thực hiện Kế hoạch), drafted from what the units reported.

A Báo cáo in Decree 30 form (Phụ lục III: "Số: …/BC-UBND", type name and trích yếu, no
"V/v"): the plan cited, a summary of the counts, a section per unit (or per phase) with
each task's result as the unit wrote it, a table of every task and its status, the overdue
tasks, and "Khó khăn, vướng mắc / Đề xuất" left for the author to write. The date line is a
draft's (day and month blank), of the year of the day the report counts to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from kehoach.plan.model import Plan
from kehoach.text import markup, vn
from kehoach.text.markup import Run
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
    header,
    signature,
)
from kehoach.views.status import StatusView, Tally, TaskStatus

By = Literal["unit", "phase"]
#: The document's type, as its title line shows it and as its symbol abbreviates it.
TYPE_NAME = "Báo cáo"
TYPE_ABBR = "BC"
#: Where the author writes by hand: a dotted line Word users recognise.
TO_WRITE = "…" * 40
#: Relative widths of the task table: STT, Đơn vị, Nhiệm vụ, Thời hạn, Tình trạng, Kết quả.
WIDTHS = (0.6, 2.2, 4.5, 1.6, 1.6, 3.5)


@dataclass(frozen=True)
class ReportView:
    """Everything the report template shows (the plan template's parts, without appendices)."""

    header: Header
    type_name: str
    subject: str
    body: list[Paragraph | Table]
    signature: Signature


def report_view(plan: Plan, status: StatusView, by: By = "unit") -> ReportView:
    """The report of ``status`` (the plan's progress on a day), with a section per unit or per phase."""
    doc = plan.document
    cited = f"{doc.type_name} số {plan.symbol} {vn.cited_date(doc.date, doc.year, doc.month)}"
    number = plan.rules.number_line(vn.number_text(None), TYPE_ABBR, plan.issuer.abbr)
    place_date = f"{plan.document.place}, {vn.draft_date(status.as_of.year)}"
    return ReportView(
        header=header(plan, number, place_date),
        type_name=vn.upper(TYPE_NAME),
        subject=f"Kết quả thực hiện {cited}",
        body=list(_body(plan, status, by)),
        signature=signature(plan, plan.recipients),
    )


def _body(plan: Plan, status: StatusView, by: By) -> Iterator[Paragraph | Table]:
    issuer = plan.issuer.short_name or plan.issuer.full_name
    subject = vn.lower_first(markup.plain(plan.document.subject))
    yield _text(f"Thực hiện {status.plan} về {subject}, {issuer} báo cáo kết quả thực hiện như sau:")
    yield _section("I. KẾT QUẢ THỰC HIỆN")
    yield _text(summary(status))
    groups = status.units if by == "unit" else status.phases
    for number, group in enumerate(groups, 1):
        yield from _group(number, group, by)
    yield _section("II. BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")
    yield task_table(status)
    yield _section("III. NHIỆM VỤ QUÁ HẠN")
    yield from _overdue(status)
    yield _section("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT")
    for title in ("1. Khó khăn, vướng mắc", "2. Đề xuất, kiến nghị"):
        yield Paragraph(HEADING, (Run(title, bold=True),))
        yield _text(TO_WRITE)
    yield Paragraph(CLOSING, (Run(f"Trên đây là báo cáo kết quả thực hiện {status.plan}./."),))


def summary(status: StatusView) -> str:
    """ "Kế hoạch giao 32 nhiệm vụ cho 8 cơ quan, đơn vị. Tính đến ngày 20/9/2025: …"."""
    total = status.total
    return (
        f"Kế hoạch giao {total.total} nhiệm vụ cho {len(status.units)} cơ quan, đơn vị. "
        f"Tính đến ngày {vn.short_date(status.as_of)}: {total.done} nhiệm vụ đã hoàn thành, "
        f"{total.in_progress} nhiệm vụ đang thực hiện, {total.not_started} nhiệm vụ chưa thực hiện; "
        f"{total.overdue} nhiệm vụ quá hạn."
    )


def _group(number: int, group: Tally, by: By) -> Iterator[Paragraph]:
    """A unit's (or phase's) heading, its counts, then each task and its result."""
    yield Paragraph(HEADING, (Run(f"{number}. {group.name}", bold=True),))
    yield _text(
        f"Hoàn thành {group.done}/{group.total} nhiệm vụ; đang thực hiện {group.in_progress}; "
        f"chưa thực hiện {group.not_started}; quá hạn {group.overdue}."
    )
    for task in group.tasks:
        who = f" ({task.unit_name})" if by == "phase" else ""
        state = vn.lower_first(task.status_words) + (", quá hạn" if task.overdue else "")
        text = task.text.rstrip(" .:;,")
        yield Paragraph(TEXT, (Run(f"- Nhiệm vụ {task.number}{who}: {text} "), Run(f"({state}).", italic=True)))
        if task.result:
            yield Paragraph(TEXT, (Run("Kết quả: ", italic=True), Run(task.result)))


def task_table(status: StatusView) -> Table:
    """Every task: its number, unit, text, deadline, status and result."""
    heads = ("STT", "Đơn vị", "Nhiệm vụ", "Thời hạn", "Tình trạng", "Kết quả")
    rows = [Row(tuple(Cell(((Run(h),),), align="center") for h in heads), header=True)]
    for number, task in enumerate(status.total.tasks, 1):
        rows.append(Row(_task_cells(number, task)))
    return Table(WIDTHS, tuple(rows))


def _task_cells(number: int, task: TaskStatus) -> tuple[Cell, ...]:
    state = task.status_words + (" (quá hạn)" if task.overdue else "")
    texts = (str(number), task.unit_name, task.text, task.when, state, task.result)
    return tuple(Cell(((Run(text),),), align="center" if i in (0, 3, 4) else None) for i, text in enumerate(texts))


def _overdue(status: StatusView) -> Iterator[Paragraph]:
    late = status.overdue
    if not late:
        yield _text(f"Tính đến ngày {vn.short_date(status.as_of)}, không có nhiệm vụ quá hạn.")
        return
    yield _text(f"Tính đến ngày {vn.short_date(status.as_of)}, có {len(late)} nhiệm vụ quá hạn chưa hoàn thành:")
    for task in late:
        due = vn.short_date(task.due) if task.due else ""
        yield _text(f"- {task.unit_name}: {task.text} (thời hạn {due}; {vn.lower_first(task.status_words)}).")


def _section(title: str) -> Paragraph:
    return Paragraph(SECTION, (Run(title, bold=True),))


def _text(text: str) -> Paragraph:
    return Paragraph(TEXT, (Run(text),))
