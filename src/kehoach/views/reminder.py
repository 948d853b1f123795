"""A reminder for one unit (công văn đôn đốc): "V/v đôn đốc thực hiện Kế hoạch số 15/KH-UBND".

Sent to a unit that has tasks overdue (deadline passed, not done) or not reported at all,
as of a given day; it lists them with their deadlines and ends with the reporting rule the
unit follows (its own, else the plan's), as its letter did. Same layout as the letter, so it
is a :class:`~kehoach.views.notice.NoticeView`, as a notice to an addressee is.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach.plan.model import Plan, Unit
from kehoach.plan.terms import report_of, report_words, sentence_name
from kehoach.text import markup, vn
from kehoach.text.markup import Run
from kehoach.views.common import (
    CLOSING,
    TEXT,
    Paragraph,
    cited_plan,
    letter_header,
    letter_subject,
    signature,
)
from kehoach.views.notice import NoticeView
from kehoach.views.status import StatusView, TaskStatus


def pending(status: StatusView, unit_id: str) -> list[TaskStatus]:
    """The unit's tasks to remind it of: overdue, or never reported."""
    return [t for t in status.total.tasks if t.unit_id == unit_id and (t.overdue or not t.has_report)]


def reminder_view(plan: Plan, status: StatusView, unit: Unit) -> NoticeView:
    """The reminder to ``unit`` of its tasks overdue or unreported on ``status.as_of``."""
    doc = plan.document
    subject = letter_subject(plan, f"đôn đốc thực hiện {doc.type_name} số {plan.symbol}")
    return NoticeView(
        unit_id=unit.id,
        unit_name=unit.name,
        header=letter_header(plan, subject, status.as_of.year),
        addressee=f"Kính gửi: {unit.name}.",
        body=list(_body(plan, status, unit)),
        signature=signature(plan, ["Như trên"]),
    )


def _body(plan: Plan, status: StatusView, unit: Unit) -> Iterator[Paragraph]:
    issuer = plan.issuer.short_name or plan.issuer.full_name
    name = sentence_name(unit)
    subject = vn.lower_first(markup.plain(plan.document.subject))
    day = vn.short_date(status.as_of)
    yield Paragraph(
        TEXT,
        (
            Run(
                f"Thực hiện {cited_plan(plan)} về {subject}, {issuer} đã giao {name} thực hiện các nhiệm vụ "
                f"theo Kế hoạch. Tính đến ngày {day}, các nhiệm vụ sau đây của {name} đã quá hạn hoặc "
                "chưa có báo cáo kết quả:"
            ),
        ),
    )
    for task in pending(status, unit.id):
        yield Paragraph(TEXT, (Run(f"{task.number}. {task.text.rstrip(' .:;,')} "), Run(_state(task), italic=True)))
    yield Paragraph(CLOSING, (Run(_closing(plan, unit, issuer, name)),))


def _state(task: TaskStatus) -> str:
    """ "(Thời hạn: 31/8/2025; quá hạn, chưa thực hiện)", "(chưa báo cáo kết quả)"."""
    parts = [f"Thời hạn: {task.when or vn.short_date(task.due)}"] if task.due else []
    if task.overdue:
        parts.append(f"quá hạn, {vn.lower_first(task.status_words)}")
    if not task.has_report:
        parts.append("chưa báo cáo kết quả")
    return "(" + "; ".join(parts) + ")."


def _closing(plan: Plan, unit: Unit, issuer: str, name: str) -> str:
    """The request, with the reporting rule the unit follows, as its letter worded it."""
    rule = report_of(plan, unit)
    ask = f"{issuer} đề nghị {name} khẩn trương hoàn thành các nhiệm vụ trên"
    if rule is not None:
        return f"{ask}; {report_words(rule, issuer)}./."
    return f"{ask} và báo cáo kết quả về {issuer}./."
