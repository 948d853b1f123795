"""A diff as styled lines (for a terminal) and as Markdown, without printing anything."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kehoach.diff.changes import FieldChange, PlanDiff, SectionChange, TextChange
from kehoach.diff.pairing import Segment, word_diff
from kehoach.diff.tasks import letters_words
from kehoach.diff.wording import label, phase_heading
from kehoach.plan import outline
from kehoach.text import markup, vn


class Span(NamedTuple):
    """A piece of a line and how to show it.

    Styles: "label" (what happened), "text", "old" and "new" (values either side
    of an arrow), "delete" and "insert" (words of a word diff), "heading" (a part
    of the plan, in :func:`text_rows`).
    """

    text: str
    style: str


@dataclass(frozen=True)
class Line:
    """One change as a line: added, removed, changed or moved; ``group`` is a unit's name."""

    kind: str
    section: str
    segments: tuple[Span, ...]
    group: str = ""

    @property
    def text(self) -> str:
        """The line without styles."""
        return "".join(span.text for span in self.segments)


def lines(diff: PlanDiff, lang: str = "vi") -> list[Line]:
    """The whole diff as styled lines, in the order of :data:`~kehoach.diff.changes.KINDS`."""
    out = [*_header_lines(diff, lang)]
    for name in ("basis", "intro"):
        out += _text_lines(getattr(diff, name), name, lang, "text")
    out += _section_lines(diff, lang)
    out += _phase_lines(diff, lang)
    out += _unit_lines(diff, lang)
    out += _task_lines(diff, lang)
    out += _key_task_lines(diff, lang)
    for name in ("slogans", "closing", "recipients", "appendices", "notices"):
        out += _text_lines(getattr(diff, name), name, lang, "text")
    if diff.reordered:
        parts = ", ".join(label(f"order.{name}", lang) for name in diff.reordered)
        out.append(Line("changed", "order", (Span(f"{label('order.changed', lang)}: ", "label"), Span(parts, "text"))))
    return out


def _arrow(old: str, new: str, lang: str) -> tuple[Span, ...]:
    none = label("none", lang)
    return Span(old or none, "old"), Span(label("arrow", lang), "text"), Span(new or none, "new")


def _field_line(section: str, prefix: str, change: FieldChange, lang: str, group: str = "") -> Line:
    return Line("changed", section, (Span(prefix, "label"), *_arrow(change.old_text, change.new_text, lang)), group)


def _word_spans(segments: Sequence[Segment]) -> tuple[Span, ...]:
    styles = {"equal": "text", "insert": "insert", "delete": "delete"}
    out: list[Span] = []
    for segment in segments:
        if out:
            out.append(Span(" ", "text"))
        out.append(Span(segment.words, styles[segment.op]))
    return tuple(out)


def _header_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.header:
        yield _field_line("header", f"{label('field.' + change.field, lang)}: ", change, lang)


def _text_lines(
    changes: Sequence[TextChange],
    section: str,
    lang: str,
    prefix: str,
    group: str = "",
    where: str = "",
    owner: str = "",
) -> Iterator[Line]:
    """Lines of a list's changes; ``prefix`` picks the labels ("text", "bullet"), ``where`` follows them.

    ``owner`` (a mục's or a phase's name) leads each line, so that a line read alone still says where it is.
    """
    for change in changes:
        head = Span(f"{owner}{label(f'{prefix}.{change.kind}', lang)}{where}: ", "label")
        if change.kind == "reworded":
            yield Line("changed", section, (head, *_word_spans(change.words)), group)
        else:
            text = markup.plain(change.new or change.old or "")
            yield Line(change.kind, section, (head, Span(text, "text")), group)


def _section_title(diff: PlanDiff, change: SectionChange) -> str:
    """ "V. Tổ chức thực hiện", or "5. …" in a plan numbering its mục so: as the plan marks it."""
    plan, section = (diff.new, change.new) if change.new is not None else (diff.old, change.old)
    number = change.new_number or change.old_number or 1
    marker = outline.section_marker(plan, number, section) if section is not None else f"{vn.roman(number)}."
    return f"{marker} {markup.plain(change.title)}"


def _section_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.sections:
        title = _section_title(diff, change)
        if change.kind != "changed":
            yield Line(
                change.kind,
                "sections",
                (Span(f"{label('section.' + change.kind, lang)}: ", "label"), Span(title, "text")),
            )
            continue
        for f in change.fields:
            prefix = (
                f"{label('section.renamed', lang)}: "
                if f.field == "title"
                else f"{title}: {label('field.show', lang)} "
            )
            yield _field_line("sections", prefix, f, lang)
        if change.content or change.layout:
            yield Line(
                "changed",
                "sections",
                (Span(f"{title}: ", "label"), Span(_content_summary(change.content, lang), "text")),
            )
            yield from _paragraph_lines(change.content, "sections", title, lang)


def _paragraph_lines(content: Sequence[TextChange], section: str, owner: str, lang: str) -> Iterator[Line]:
    """Each paragraph of a mục or a phase that changed, reworded ones word by word (not just counted)."""
    for change in content:
        where = f" ({label('paragraph.number', lang, n=change.new_number or change.old_number)})"
        yield from _text_lines((change,), section, lang, "text", where=where, owner=f"{owner}: ")


def _content_summary(content: Sequence[TextChange], lang: str) -> str:
    if not content:
        return label("content.layout", lang)
    counts = {kind: sum(1 for c in content if c.kind == kind) for kind in ("reworded", "added", "removed")}
    parts = ", ".join(label(f"content.{kind}", lang, n=n) for kind, n in counts.items() if n)
    return f"{label('content.changed', lang)} ({parts})"


def _phase_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.phases:
        if change.kind != "changed":
            phase = change.new or change.old
            assert phase is not None
            head = Span(f"{label('phase.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "phases", (head, Span(phase_heading(phase), "text")))
            continue
        for f in change.fields:
            yield _phase_field_line(change.name, f, lang)
        if change.content:
            summary = _content_summary(change.content, lang)
            yield Line("changed", "phases", (Span(f"{change.name}: ", "label"), Span(summary, "text")))
            yield from _paragraph_lines(change.content, "phases", change.name, lang)


def _phase_field_line(name: str, change: FieldChange, lang: str) -> Line:
    """A changed field of a phase; a reworded description word by word, like a task."""
    if change.field == "name":
        return _field_line("phases", f"{label('phase.renamed', lang)}: ", change, lang)
    what = label("field." + change.field, lang)
    if change.field == "description" and change.old and change.new:
        head = Span(f"{name}: {what}: ", "label")
        return Line("changed", "phases", (head, *_word_spans(word_diff(str(change.old), str(change.new)))))
    return _field_line("phases", f"{name}: {what} ", change, lang)


def _unit_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.units:
        if change.kind != "changed":
            head = Span(f"{label('unit.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "units", (head, Span(change.name, "text")))
            continue
        for f in change.fields:
            if f.field == "name":
                yield _field_line("units", f"{label('unit.renamed', lang)}: ", f, lang)
                continue
            if f.field == "letters":
                f = dataclasses.replace(f, old_text=letters_words(f.old, lang), new_text=letters_words(f.new, lang))
            yield _field_line("units", f"{change.name}: {label('field.' + f.field, lang)} ", f, lang)
        if change.reordered:
            yield Line(
                "changed",
                "units",
                (Span(f"{change.name}: ", "label"), Span(label("unit.reordered", lang), "text")),
            )


def unit_name(diff: PlanDiff, unit_id: str | None) -> str:
    """A unit's name in the new plan, or in the old one for a removed unit."""
    unit = (diff.new.unit(unit_id) or diff.old.unit(unit_id)) if unit_id else None
    return unit.name if unit else unit_id or ""


def _task_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.tasks:
        group = unit_name(diff, change.unit)
        number = label("task.number", lang, n=change.new_number or change.old_number)
        if change.kind in ("added", "removed"):
            head = Span(f"{label('task.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "tasks", (head, Span(markup.plain(change.text), "text")), group)
            continue
        if change.kind == "moved":
            moved = label("task.moved", lang, old=unit_name(diff, change.old_unit), new=group)
            body = _word_spans(change.words) if change.reworded else (Span(markup.plain(change.text), "text"),)
            yield Line("moved", "tasks", (Span(f"{moved}: ", "label"), *body), group)
        elif change.reworded:
            head = Span(f"{label('task.reworded', lang)} ({number}): ", "label")
            yield Line("changed", "tasks", (head, *_word_spans(change.words)), group)
        for f in change.fields:
            yield _field_line("tasks", f"{label('field.' + f.field, lang)} ({number}): ", f, lang, group)
        yield from _text_lines(change.bullets, "tasks", lang, "bullet", group, f" ({number})")


def _key_task_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.key_tasks:
        number = label("key_task.number", lang, n=change.new_number or change.old_number)
        if change.kind != "changed":
            head = Span(f"{label('key_task.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "key_tasks", (head, Span(markup.plain(change.text), "text")))
            continue
        if change.reworded:
            head = Span(f"{label('task.reworded', lang)} ({number}): ", "label")
            yield Line("changed", "key_tasks", (head, *_word_spans(change.words)))
        for f in change.fields:
            yield _field_line("key_tasks", f"{label('field.' + f.field, lang)} ({number}): ", f, lang)


# terminal


def text_rows(diff: PlanDiff, lang: str = "vi", markers: bool = True) -> Iterator[tuple[Span, ...]]:
    """The diff for a terminal: a "heading" row per part, then one row per change.

    A row read alone (``grep``, a chat) still says whose it is: a task's row
    starts with its unit's name. With ``markers`` (colour is off: a pipe, a
    file, NO_COLOR) deleted words read ``[-cũ-]`` and inserted ones ``{+mới+}``,
    as ``git diff --word-diff`` writes them; with colour the styles tell them apart.
    """
    section = None
    for line in lines(diff, lang):
        if line.section != section:
            section = line.section
            yield (Span(label(f"section.{section}", lang), "heading"),)
        owner = (Span(f"{line.group}: ", "label"),) if line.group and line.kind != "moved" else ()
        spans = _marked(line.segments) if markers else line.segments
        yield (Span("  ", "text"), *owner, *spans)


def _marked(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Deleted and inserted words between visible markers, a replacement written as one ``[-a-]{+b+}``."""
    out: list[Span] = []
    for i, span in enumerate(spans):
        if span.style == "delete":
            out.append(Span(f"[-{span.text}-]", "delete"))
        elif span.style == "insert":
            out.append(Span(f"{{+{span.text}+}}", "insert"))
        elif not _between_delete_and_insert(spans, i):
            out.append(span)
    return tuple(out)


def _between_delete_and_insert(spans: Sequence[Span], i: int) -> bool:
    """The space between a deleted run and the run replacing it."""
    between = 0 < i < len(spans) - 1 and spans[i - 1].style == "delete" and spans[i + 1].style == "insert"
    return between and spans[i].text == " "


# markdown


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\*_~`"})


def _md(span: Span) -> str:
    text = span.text.translate(_MD_SPECIAL)
    if span.style == "delete":
        return f"~~{text}~~"
    if span.style == "insert":
        return f"**{text}**"
    return text


def to_markdown(diff: PlanDiff, lang: str = "vi") -> str:
    """The diff in Markdown: a heading per part, one list item per change, tasks under their unit.

    Deleted words are ~~struck~~ and inserted ones **bold**.
    """
    out = [f"# {label('title', lang)}", ""]
    if diff.is_empty:
        return "\n".join([*out, label("empty", lang), ""])
    for section, section_lines in itertools.groupby(lines(diff, lang), key=lambda line: line.section):
        out += [f"## {label('section.' + section, lang)}", ""]
        for group, group_lines in itertools.groupby(section_lines, key=lambda line: line.group):
            if group:
                out += [f"### {group}", ""]
            out += ["- " + "".join(_md(span) for span in line.segments) for line in group_lines]
            out.append("")
    return "\n".join(out)
