"""Lists of paragraphs compared (added, removed, reworded), and the paragraphs of a mục or a phase."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from kehoach.diff.changes import TextChange
from kehoach.diff.pairing import Pairs, pair_items, word_diff
from kehoach.plan import outline, refs, tables
from kehoach.plan.addressees import Addressee, addressees
from kehoach.plan.blocks import Assigned, Block, Bullet, Line, Report, Table
from kehoach.plan.model import Phase, Plan, Section
from kehoach.text import vn

T = TypeVar("T")


def diff_texts(old: Sequence[str], new: Sequence[str], pairs: Pairs | None = None) -> tuple[TextChange, ...]:
    """Added, removed and reworded paragraphs of a list, similar texts paired as rewordings."""
    pairs = pair_items(old, new) if pairs is None else pairs
    return assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: (
            TextChange("reworded", old[i], new[j], i + 1, j + 1, word_diff(old[i], new[j]))
            if old[i] != new[j]
            else None
        ),
        lambda j: TextChange("added", None, new[j], None, j + 1),
        lambda i: TextChange("removed", old[i], None, i + 1, None),
    )


def assemble(
    pairs: Pairs,
    old_count: int,
    new_count: int,
    changed: Callable[[int, int], T | None],
    added: Callable[[int], T],
    removed: Callable[[int], T],
) -> tuple[T, ...]:
    """Changes of one list in the new list's order, a removed item where it used to be."""
    out: list[tuple[float, int, T]] = [(j, 0, c) for i, j in pairs if (c := changed(i, j)) is not None]
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    out += [(j, 1, added(j)) for j in range(new_count) if j not in paired_new]
    out += [(_anchor(i, pairs), -1, removed(i)) for i in range(old_count) if i not in paired_old]
    return tuple(change for *_, change in sorted(out, key=lambda x: (x[0], x[1])))


def _anchor(i: int, pairs: Pairs) -> float:
    """Where a removed item sits in the new list: just after the new place of its predecessor."""
    before = [j for k, j in pairs if k < i]
    return max(before) + 0.5 if before else -0.5


def flatten_bullets(items: list[Bullet]) -> Iterator[str]:
    """The texts of bullets and their sub-bullets, in reading order."""
    for item in items:
        yield item.text
        yield from flatten_bullets(item.bullets)


def block_texts(blocks: list[Block]) -> Iterator[str]:
    """The texts of blocks in reading order: paragraphs, headings, notes, list lines, items, table cells."""
    for block in blocks:
        single = block.text or block.heading or block.note
        if single is not None:
            yield single
        yield from _line_texts(block.lines or [])
        for item in block.numbered or []:
            texts = [text for text in (item.title, item.text) if text]
            yield from texts[:-1]
            yield texts[-1] + _assigned(item)
            yield from block_texts(outline.content(item))
        if block.table is not None:
            yield from table_texts(block.table)


def _line_texts(lines: list[Line]) -> Iterator[str]:
    for line in lines:
        yield line.text + _assigned(line)
        yield from _line_texts(line.lines)


def _assigned(part: Assigned) -> str:
    """Who does a task of the body and by when, so that a diff shows a moved deadline or lead:
    " [chủ trì: so-du-lich; phối hợp: so-cong-thuong; thời hạn: quý IV năm 2026]"."""
    if not part.assigned and part.deadline is None and part.report is None:
        return ""
    report = part.report
    details = [
        *([f"chủ trì: {', '.join(part.lead)}"] if part.lead else []),
        *([f"thành viên: {part.member}"] if part.member else []),
        *([f"phối hợp: {', '.join(part.with_)}"] if part.with_ else []),
        *([f"thời hạn: {part.deadline.text}"] if part.deadline else []),
        *([f"báo cáo: {_report(report)}"] if report else []),
    ]
    return f" [{'; '.join(details)}]"


def _report(report: Report) -> str:
    words = (report.what, report.to, report.through, report.when, report.purpose)
    return " ".join(w for w in words if w) + "".join(f"; {when.text}" for when in report.dates)


#: What a column's ``role`` makes of its cells, as the diff names it.
_ROLES = {"task": "nhiệm vụ", "lead": "chủ trì", "with": "phối hợp", "deadline": "thời hạn", "addressee": "nơi nhận"}


def table_texts(table: Table) -> Iterator[str]:
    """A table's cells one by one, each named by its row and column ("Dòng 3, cột “Thời gian”: …"),
    so a changed cell says where it is; group and total rows by their label. What a column's
    role makes of its cells, and who a row names itself, go to the letters: they are said too."""
    roles = {i: c.role for i, c in enumerate(table.columns) if c.role}
    if {"lead", "with"} & set(roles.values()) and "task" not in roles.values():
        # a task table's task is its first column kehoach does not number, unless a column says
        counter = tables.counter_column(table)
        roles[next((i for i in range(len(table.columns)) if i != counter), 0)] = "task"
    for index, role in sorted(roles.items()):
        yield f"Cột “{' '.join(table.columns[index].label)}”: {_ROLES[role]}"
    for number, placed in enumerate(tables.layout(table), 1):
        if placed.row.group or placed.row.total:
            yield f"Dòng {number}: {placed.row.group or placed.row.total}"
        for column_index, cell in placed.cells:
            label = " ".join(table.columns[column_index].label)
            shown = "; ".join(t for t in (str(cell.text or ""), *cell.paragraphs, *_line_texts(cell.lines)) if t)
            yield f"Dòng {number}, cột “{label}”: {shown}"
        if given := _assigned(placed.row):
            yield f"Dòng {number}{given}"
    yield from table.note


def section_texts(part: Section | Phase) -> list[str]:
    """The texts of a mục or a phase's body, in reading order, as one list of paragraphs."""
    texts = list(block_texts(outline.content(part)))
    return texts + list(part.closing) if isinstance(part, Section) else texts


def appendix_texts(plan: Plan) -> list[str]:
    """Each appendix's title, then its table or text, each line named by its appendix."""
    out = []
    for number, appendix in enumerate(plan.appendices, 1):
        label = refs.appendix_label(plan, number)
        out.append(f"{label}: {vn.upper(appendix.title)}")  # as the plan shows it
        content = [] if appendix.shows_key_tasks else list(block_texts(appendix.body))
        if appendix.table is not None:
            content = list(table_texts(appendix.table))
        out += [f"{label} – {text}" for text in (*content, *appendix.closing)]
    return out


def notice_texts(plan: Plan) -> list[str]:
    """What the notice to each body a schedule names tells it, one line per body: the facts of
    its rows, its V/v line, the team, the part to prepare and the appendix (as the plan labels
    them now, not by id), and the closing."""
    named = {team.id: team.name for team in outline.teams(plan) if team.id}
    named |= refs.appendix_labels(plan) | _part_words(plan)
    return [f"{body.name}: {'; '.join(_notice_words(body, named))}" for body in addressees(plan)]


def _part_words(plan: Plan) -> dict[str, str]:
    """Each mục's and item's id with its words (title, else text): what a notice asks to prepare."""
    found: dict[str, str] = {}
    for number, section in enumerate(plan.sections, 1):
        if section.id:
            found.setdefault(section.id, section.title)
        for numbered in outline.walk(outline.content(section), outline.formats(plan, section), (number,)):
            item = numbered.item
            if item.id:
                found.setdefault(item.id, item.title or item.text or "")
    return found


def _notice_words(body: Addressee, named: dict[str, str]) -> Iterator[str]:
    for row in body.rows:
        yield ", ".join(f"{label}: {text}" for label, text in row)
    notice = body.notice
    if notice.subject:
        yield f"V/v {notice.subject}"
    for word, ref in (("đoàn", notice.team), ("chuẩn bị", notice.prepare), ("theo", notice.appendix)):
        if ref:
            yield f"{word}: {named.get(ref, ref)}"
    if notice.closing:
        yield notice.closing
