"""One unit's share of the plan, built once and shown by its letter and its checklist.

A unit's tasks are its own tasks under "Tổ chức thực hiện" and the appendix's key
tasks it leads. Each task carries when it is due: its own deadline, or the end of
the phase it belongs to. The letter (công văn giao việc) and the checklist are two
templates over this same view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.plan import outline
from kehoach.plan.assignments import Assignment, assignments, units_section
from kehoach.plan.blocks import Assigned, Bullet, Item, Line, Report
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import KeyTask, Phase, Plan, Task, Unit
from kehoach.plan.terms import deadline_words, phase_span, report_of, report_words, sentence_name, task_time, unit_names
from kehoach.text import markup, vn
from kehoach.text.markup import Run
from kehoach.views.blocks import content_lines
from kehoach.views.common import (
    CLOSING,
    TEXT,
    Header,
    Paragraph,
    Signature,
    bullets,
    cited_plan,
    letter_header,
    letter_subject,
    paragraph,
    signature,
)

CHECKBOX = "☐"
#: What names the report row of a checklist (the unit's reporting rule), beside its tasks' keys.
REPORT_KEY = "bao-cao"


@dataclass(frozen=True)
class RowId:
    """A checklist row's stable id, carried invisibly so a returned copy can be read back.

    ``unit`` and ``key`` name the row ("van-hoa-xa-hoi", "nv-2", "nv-2.1" for a sub-item);
    ``number`` is the text it marks (the row's "STT"), ``index`` its place among the rows
    (Word wants each bookmark's id unique in the document).
    """

    unit: str
    key: str
    number: str
    index: int

    @property
    def tag(self) -> str:
        """What Word keeps on the check box: "kehoach:van-hoa-xa-hoi/nv-2"."""
        return f"{TAG_PREFIX}{self.unit}/{self.key}"

    @property
    def bookmark(self) -> str:
        """What LibreOffice keeps too (it drops a check box's tag): a bookmark name, 40
        characters at most, letters, digits and "_" only, so a digest of the tag."""
        return bookmark_name(self.unit, self.key)


#: The start of a check box's tag; the rest is "<unit id>/<row key>".
TAG_PREFIX = "kehoach:"
#: The start of a row's bookmark name; the rest is a digest of the unit id and the row key.
BOOKMARK_PREFIX = "KH_"


#: The start of the bookmark that carries a mục's or item's id in the plan document.
ANCHOR_PREFIX = "kh_"
#: The longest bookmark name Word keeps.
MAX_BOOKMARK = 40


def anchor_bookmark(anchor: str) -> str | None:
    """ "kh_" and the id with "_" for "-" (a bookmark's name has letters, digits and "_";
    an id has no "_", so the id is read back exactly); None when that is over 40 characters."""
    name = ANCHOR_PREFIX + anchor.replace("-", "_")
    return name if len(name) <= MAX_BOOKMARK else None


def anchor_of(bookmark: str) -> str | None:
    """The id a bookmark named by :func:`anchor_bookmark` carries, or None for another bookmark."""
    if not bookmark.startswith(ANCHOR_PREFIX):
        return None
    return bookmark.removeprefix(ANCHOR_PREFIX).replace("_", "-") or None


def bookmark_name(unit: str, key: str) -> str:
    """ "KH_" and 16 hexadecimal digits of the row's tag: the same in every render."""
    digest = hashlib.sha1(f"{unit}/{key}".encode(), usedforsecurity=False).hexdigest()
    return BOOKMARK_PREFIX + digest[:16]


@dataclass(frozen=True)
class UnitTask:
    """A task as the unit receives it: text, sub-items, when, with whom."""

    number: int
    runs: tuple[Run, ...]
    items: tuple[Paragraph, ...]
    item_texts: tuple[str, ...]
    phase: str
    when: str
    due: dt.date | None
    partners: str
    #: For a task of the body or of a task table: the unit's part ("chủ trì" or "phối hợp"),
    #: the words the letter puts before it ("Chủ trì, phối hợp với … thực hiện: ") and where
    #: the task is ("khoản 2 mục II").
    role: str = ""
    role_words: str = ""
    where: str = ""
    #: The task's own reporting rule, as the letter words it ("báo cáo … về … trước …").
    report: str = ""
    report_rule: Report | None = None
    #: What names the task among the unit's (its calendar key: "nv-2", "trong-tam-1", an id).
    key: str = ""


@dataclass(frozen=True)
class ChecklistRow:
    """One line to tick: a task ("1") or one of its sub-items ("1.2")."""

    number: str
    task: tuple[Run, ...]
    when: str
    partners: str
    done: str = CHECKBOX
    note: str = ""
    #: The row's stable id: the number marked with it, and the check box to click.
    id: RowId | None = None


@dataclass(frozen=True)
class UnitView:
    """Everything the letter and the checklist of one unit show."""

    unit_id: str
    unit_name: str
    requested: bool
    header: Header
    addressee: str
    plan_reference: str
    tasks: list[UnitTask]
    phases: list[str]
    body: list[Paragraph]
    rows: list[ChecklistRow]
    signature: Signature
    checklist_title: str
    checklist_unit: str
    #: False: the letter shares its template with the change notice, which can test this.
    notice: bool = False


def unit_view(plan: Plan, unit: Unit) -> UnitView:
    """The view of ``unit``'s letter and checklist."""
    tasks = list(_tasks(plan, unit))
    phases = [f"{p.name}: {phase_span(p)}" for p in phases_of(plan, unit)]
    reference = f"{cited_plan(plan)} về {vn.lower_first(markup.plain(plan.document.subject))}"
    return UnitView(
        unit_id=unit.id,
        unit_name=unit.name,
        requested=unit.relation == "đề nghị",
        header=_letter_header(plan),
        addressee=f"Kính gửi: {unit.name}.",
        plan_reference=reference,
        tasks=tasks,
        phases=phases,
        body=list(_letter_body(plan, unit, reference, tasks, phases)),
        rows=checklist_rows(plan, unit.id, tasks, _report_row(plan, unit, len(tasks) + 1)),
        signature=signature(plan, ["Như trên"]),
        checklist_title="BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ",
        checklist_unit=vn.upper(unit.name),
    )


def _letter_header(plan: Plan) -> Header:
    """A công văn: "Số:      /UBND-VHXH" (no type), "V/v triển khai Kế hoạch số 15/KH-UBND"."""
    return letter_header(plan, letter_subject(plan, f"triển khai {plan.document.type_name} số {plan.symbol}"))


def _tasks(plan: Plan, unit: Unit) -> Iterator[UnitTask]:
    seen: set[str] = set()
    for number, (source, (key, _)) in enumerate(task_sources(plan, unit), 1):
        if isinstance(source, Task):
            task = unit_task(plan, number, source)
        elif isinstance(source, KeyTask):
            task = _key_task(plan, number, source, unit)
        else:
            task = _assigned_task(plan, number, source, unit)
        unique = key if key not in seen else f"{key}~{number}"  # two tasks given one id: each its own row
        seen.add(unique)
        yield dataclasses.replace(task, key=unique)


Source = Task | KeyTask | Assignment


def task_sources(plan: Plan, unit: Unit) -> list[tuple[Source, tuple[str, KeyPath]]]:
    """The unit's tasks in plan order, each with its calendar key and its place in the file:
    tasks of the body before "Tổ chức thực hiện", its own tasks there, tasks of the body after
    it, then the appendix's key tasks it leads."""
    given = [a for a in assignments(plan) if unit.id in a.part.lead or unit.id in a.part.with_]
    split = units_section(plan)
    out: list[tuple[Source, tuple[str, KeyPath]]] = [(a, (a.key, a.path)) for a in given if a.section < split]
    index = next(i for i, each in enumerate(plan.units) if each is unit)
    out += [(t, (t.id or f"nv-{n}", ("units", index, "tasks", n - 1))) for n, t in enumerate(unit.tasks, 1)]
    out += [(a, (a.key, a.path)) for a in given if a.section >= split]
    for position, key_task in enumerate(plan.key_tasks, 1):
        if unit.id in key_task.lead:
            out.append((key_task, (f"trong-tam-{position}", ("key_tasks", position - 1))))
    return out


def _assigned_task(plan: Plan, number: int, found: Assignment, unit: Unit) -> UnitTask:
    """A task of the body as the unit's letter gives it: its part, the others, where it is."""
    part = found.part
    leads = unit.id in part.lead
    others = [ref for ref in (part.with_ if leads else part.lead) if ref != unit.id]
    if leads:
        others += [ref for ref in part.lead if ref != unit.id]
    deadline = part.deadline
    role = "" if found.own else "chủ trì" if leads else "phối hợp"
    named = part.member or ("" if leads else unit_names(plan, part.lead, in_sentence=True))
    return UnitTask(
        number=number,
        runs=tuple(markup.parse(found.text)),
        items=tuple(_quoted(part)),
        item_texts=(),
        phase="",
        when=deadline_words(deadline, None),
        due=deadline.last if deadline else None,
        partners=unit_names(plan, others),
        role=role,
        role_words=_role_words(role, named, unit_names(plan, others, in_sentence=True)) if role else "",
        where=found.where,
        report=_report(plan, part.report),
        report_rule=part.report,
    )


def _quoted(part: Assigned) -> Iterator[Paragraph]:
    """What a khoản or list line given as a task holds under it, quoted as "-" lines so the
    letter says the whole task (the checklist keeps one row for it)."""
    if isinstance(part, Item):
        lines = content_lines(outline.content(part))
    elif isinstance(part, Line):
        lines = (line.text for line in part.lines)
    else:
        return
    for line in lines:
        yield paragraph(TEXT, line, Run("- "))


def unit_task(plan: Plan, number: int, task: Task) -> UnitTask:
    phase = plan.phase(task.phase) if task.phase else None
    words, due = task_time(plan, task)
    return UnitTask(
        number=number,
        runs=tuple(markup.parse(task.text)),
        items=tuple(bullets(task.bullets, depth=0)),
        item_texts=tuple(_flatten(task.bullets)),
        phase=phase.name if phase else "",
        when=words,
        due=due,
        partners=unit_names(plan, task.with_),
        report=_report(plan, task.report),
        report_rule=task.report,
    )


def _report(plan: Plan, rule: Report | None) -> str:
    return report_words(rule, plan.issuer.short_name or plan.issuer.full_name) if rule else ""


def _key_task(plan: Plan, number: int, task: KeyTask, unit: Unit) -> UnitTask:
    others = [ref for ref in task.lead if ref != unit.id]
    return UnitTask(
        number=number,
        runs=tuple(markup.parse(task.text)),
        items=(),
        item_texts=(),
        phase="",
        when=deadline_words(task.deadline, None),
        due=task.deadline.last if task.deadline else None,
        partners=unit_names(plan, [*others, *task.with_]),
    )


def phases_of(plan: Plan, unit: Unit) -> list[Phase]:
    """Phases the unit's tasks name; all of them when none is named (the whole plan runs in them)."""
    named = {t.phase for t in unit.tasks if t.phase}
    if not named:
        return list(plan.phases)
    return [p for p in plan.phases if p.key in named]


def _letter_body(
    plan: Plan, unit: Unit, reference: str, tasks: list[UnitTask], phases: list[str]
) -> Iterator[Paragraph]:
    issuer = plan.issuer.short_name or plan.issuer.full_name
    name = sentence_name(unit)
    if unit.relation == "đề nghị":
        lead = f"{issuer} đề nghị {name} phối hợp thực hiện các nội dung sau:"
    else:
        lead = f"{issuer} giao {name} thực hiện các nhiệm vụ sau:"
    yield Paragraph(TEXT, (Run(f"Thực hiện {reference}, {lead}"),))
    for task in tasks:
        yield Paragraph(TEXT, (Run(f"{task.number}. {task.role_words}"), *task.runs))
        yield from task.items
        detail = _task_detail(task)
        if detail:
            yield Paragraph(TEXT, (Run(detail, italic=True),))
    if phases:
        yield Paragraph(TEXT, (Run(f"Các đợt thực hiện theo {plan.document.type_name}:"),))
        for i, line in enumerate(phases):
            end = "." if i == len(phases) - 1 else ";"
            yield Paragraph(TEXT, (Run(f"- {line}{end}"),))
    yield paragraph(CLOSING, _closing(plan, unit, issuer, name, bool(phases)))


def _closing(plan: Plan, unit: Unit, issuer: str, name: str, phased: bool) -> str:
    """The letter's last sentence: the plan's reporting rule for this unit, else the usual one."""
    rule = report_of(plan, unit)
    if rule is not None:
        asked = f"{issuer} đề nghị {name} quan tâm phối hợp thực hiện và" if unit.relation == "đề nghị" else None
        ask = asked or f"Yêu cầu {name} triển khai thực hiện nghiêm túc các nhiệm vụ trên,"
        return f"{ask} {report_words(rule, issuer)}./."
    report = "sau mỗi đợt thực hiện" if phased else "định kỳ hoặc khi có yêu cầu"
    if unit.relation == "đề nghị":
        return f"{issuer} đề nghị {name} quan tâm phối hợp thực hiện và thông tin kết quả về {issuer} {report}./."
    return f"Yêu cầu {name} triển khai thực hiện nghiêm túc các nhiệm vụ trên, báo cáo kết quả về {issuer} {report}./."


def _role_words(role: str, leads: str, partners: str) -> str:
    """ "Chủ trì, phối hợp với Sở Tài chính thực hiện: ", "Phối hợp với Sở Du lịch thực hiện: "
    before a task of the body; a collective's member is named ("UBND phường Yên Bái chủ trì …")."""
    if role == "chủ trì":
        words = f"{leads} chủ trì" if leads else "Chủ trì"
        return f"{words}, phối hợp với {partners} thực hiện: " if partners else f"{words} thực hiện: "
    return f"Phối hợp với {leads} thực hiện: " if leads else "Phối hợp thực hiện: "


def _task_detail(task: UnitTask) -> str:
    parts = [f"tại {task.where}"] if task.where else []
    if task.when:
        parts.append(f"Thời gian: {task.when}")
    if task.partners and not task.role:
        parts.append(f"Phối hợp: {task.partners}")
    if task.report:
        parts.append(vn.upper_first(task.report))
    return "(" + "; ".join(parts) + ")" if parts else ""


def checklist_rows(plan: Plan, unit_id: str, tasks: list[UnitTask], report: ChecklistRow | None) -> list[ChecklistRow]:
    """The rows to tick, each with its stable id: a task ("nv-2"), its sub-items ("nv-2.1"), a
    task's own report ("nv-2.bao-cao"), the unit's report last."""
    rows: list[tuple[ChecklistRow, str]] = []  # each row with its key
    for task in tasks:
        rows.append((ChecklistRow(str(task.number), task.runs, task.when, task.partners), task.key))
        for i, item in enumerate(task.item_texts, 1):
            row = ChecklistRow(f"{task.number}.{i}", tuple(markup.parse(item)), task.when, "")
            rows.append((row, f"{task.key}.{i}"))
        if task.report_rule is not None:
            number = f"{task.number}.{len(task.item_texts) + 1}"
            rows.append((_report_line(plan, task.report_rule, number), f"{task.key}.{REPORT_KEY}"))
    if report is not None:
        rows.append((report, REPORT_KEY))
    return [dataclasses.replace(row, id=RowId(unit_id, key, row.number, i)) for i, (row, key) in enumerate(rows, 1)]


def _report_row(plan: Plan, unit: Unit, number: int) -> ChecklistRow | None:
    """The unit's reporting rule as the checklist's last row to tick: "Báo cáo kết quả … về …"."""
    rule = report_of(plan, unit)
    return _report_line(plan, rule, str(number)) if rule is not None else None


def _report_line(plan: Plan, rule: Report, number: str) -> ChecklistRow:
    to = rule.to or plan.issuer.short_name or plan.issuer.full_name
    through = f" (qua {rule.through})" if rule.through else ""
    return ChecklistRow(number, (Run(f"Báo cáo {rule.what} về {to}{through}"),), rule.when, "")


def _flatten(items: list[Bullet]) -> Iterator[str]:
    for item in items:
        yield item.text
        yield from _flatten(item.bullets)
