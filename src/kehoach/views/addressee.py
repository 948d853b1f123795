"""The notice to a body a schedule names: "Kính gửi: Sở Xây dựng", when the team comes, who
comes, what to prepare, which appendix to fill in.

It has a letter's parts and goes through the letter's template, as a change notice does
(:class:`~kehoach.views.notice.NoticeView`); only its body is its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach.plan import outline, refs
from kehoach.plan.addressees import Addressee, addressee
from kehoach.plan.blocks import Item, Team
from kehoach.plan.model import Plan
from kehoach.text import markup, vn
from kehoach.text.markup import Run
from kehoach.views.blocks import content_lines
from kehoach.views.common import CLOSING, TEXT, Paragraph, cited_plan, letter_header, letter_subject, signature
from kehoach.views.notice import NoticeView


def addressee_view(plan: Plan, key: str) -> NoticeView:
    """The notice to the body of ``key`` (a key of :func:`kehoach.plan.addressees.addressees`)."""
    found = addressee(plan, key)
    assert found is not None, f"the plan names no body '{key}'"
    doc = plan.document
    subject = letter_subject(plan, found.notice.subject or f"thực hiện {doc.type_name} số {plan.symbol}")
    return NoticeView(
        unit_id=found.key,
        unit_name=found.name,
        header=letter_header(plan, subject),
        addressee=f"Kính gửi: {found.name}.",
        body=list(_body(plan, found)),
        signature=signature(plan, ["Như trên"]),
    )


def _body(plan: Plan, found: Addressee) -> Iterator[Paragraph]:
    issuer = plan.issuer.short_name or plan.issuer.full_name
    reference = f"{cited_plan(plan)} về {vn.lower_first(markup.plain(plan.document.subject))}"
    yield Paragraph(TEXT, (Run(f"Thực hiện {reference}, {issuer} thông báo đến {found.name} như sau:"),))
    parts = [_schedule(found), _team(plan, found), _prepare(plan, found), _appendix(plan, found)]
    for number, lines in enumerate((p for p in parts if p), 1):
        head, *rest = lines
        yield Paragraph(TEXT, (Run(f"{number}. {head}"),))
        yield from (Paragraph(TEXT, (Run(line),)) for line in rest)
    closing = found.notice.closing or (
        f"Đề nghị {found.name} chuẩn bị các nội dung trên và bố trí thành phần làm việc theo thời gian đã thông báo./."
    )
    yield Paragraph(CLOSING, (Run(closing),))


def _schedule(found: Addressee) -> list[str]:
    """The facts of each row that names it: "Thời gian kiểm tra: Tháng 7/2026."."""
    facts = ["; ".join(f"{label}: {text}" for label, text in row) for row in found.rows if row]
    if len(facts) == 1:
        return [f"{markup.plain(facts[0])}."]
    return ["Lịch làm việc:", *_listed([markup.plain(fact) for fact in facts])] if facts else []


def _team(plan: Plan, found: Addressee) -> list[str]:
    team = next((t for t in outline.teams(plan) if t.id == found.notice.team), None) if found.notice.team else None
    return [f"{_team_name(team)}:", *_listed([markup.plain(m.line) for m in team.members])] if team else []


def _listed(lines: list[str]) -> list[str]:
    """ "- " lines, each ending with ";" and the last with "."."""
    return [f"- {line.rstrip('.;')}{'.' if n == len(lines) else ';'}" for n, line in enumerate(lines, 1)]


def _team_name(team: Team) -> str:
    return vn.upper_first(team.name)


def _prepare(plan: Plan, found: Addressee) -> list[str]:
    """The lines of the part it must prepare: an item's own content, line by line."""
    part = _part(plan, found.notice.prepare) if found.notice.prepare else None
    if part is None:
        return []
    lines = [markup.plain(line) for line in content_lines(outline.content(part))]
    if not lines and isinstance(part, Item):
        lines = [markup.plain(part.text or part.title or "")]
    return ["Nội dung chuẩn bị:", *_listed(lines)]


def _part(plan: Plan, part_id: str) -> Item | None:
    """The item or mục of this id (a mục's content is read like an item's)."""
    for number, section in enumerate(plan.sections, 1):
        if section.id == part_id:
            return Item(text=section.title, body=outline.content(section))
        style = outline.formats(plan, section)
        for found in outline.walk(outline.content(section), style, (number,)):
            if found.item.id == part_id:
                return found.item
    return None


def _appendix(plan: Plan, found: Addressee) -> list[str]:
    ref = found.notice.appendix
    index = next((n for n, a in enumerate(plan.appendices, 1) if ref and a.id == ref), None)
    if index is None:
        return []
    title = markup.plain(plan.appendices[index - 1].title)
    label = refs.appendix_label(plan, index)
    return [
        f"Báo cáo, tài liệu theo {label} ({vn.lower_first(title)}) kèm theo {plan.document.type_name} số {plan.symbol}."
    ]
