"""What changed between two versions of a plan, by meaning rather than by line.

A plan is amended over weeks: a phase is extended, a task is reworded or handed
to another unit. A line diff of plan.yaml shows YAML; the units that received
letters need to know which of *their* tasks changed. This module pairs the parts
of two plans (phases by id or name, units by id, tasks by id or by wording) and
reports each change once: a task handed to another unit is "moved", not removed
and added. :func:`affected_units` and :func:`changes_for_unit` say who must be
told; :func:`to_json`, :func:`to_markdown` and :func:`lines` render a diff
without printing anything.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from kehoach import markup, messages, vn, when
from kehoach.errors import KehoachError
from kehoach.model import Bullet, Item, KeyTask, Phase, Plan, Section, Task, Unit
from kehoach.views.common import phase_span, unit_names
from kehoach.views.unit import unit_task
from kehoach.when import When

#: Every word a diff shows a user, (Vietnamese, English); one table so that it
#: can move into :mod:`kehoach.messages` as it is.
#: Its words live in the message catalogue as "diff.<key>" (see kehoach.messages).

#: Share of matching words (difflib ratio) above which two texts are one text reworded.
SIMILARITY = 0.6

#: Texts left to compare pairwise, beyond which only identical texts are paired: a
#: wholesale rewrite of thousands of tasks would otherwise take minutes.
MAX_COMPARISONS = 250_000

#: Header fields a unit's letter shows: a change there changes every letter.
LETTER_HEADER = ("document.", "issuer.", "signer.")
#: Phase fields a letter shows ("Đợt 2: Từ 01/9/2025 đến 31/10/2025").
LETTER_PHASE_FIELDS = frozenset({"name", "start", "end", "connector"})

Value = str | int | float | dt.date | When | tuple[str, ...] | None
T = TypeVar("T")


def label(key: str, lang: str = "vi", **args: Any) -> str:
    """The catalogue's "diff.<key>" in ``lang`` (Vietnamese when the language is unknown)."""
    return messages.text(f"diff.{key}", lang, **args)


# --- words and pairing ---------------------------------------------------------


class Segment(NamedTuple):
    """A run of words a word diff keeps ("equal"), adds ("insert") or drops ("delete")."""

    op: str
    words: str


def words(text: str) -> list[str]:
    """The words of a plan text as a reader sees them (emphasis markers dropped)."""
    return markup.plain(text).split()


def similarity(a: str, b: str) -> float:
    """Share of words two texts have in common, in order (difflib ratio, case ignored)."""
    fold_a, fold_b = [w.casefold() for w in words(a)], [w.casefold() for w in words(b)]
    return difflib.SequenceMatcher(None, fold_a, fold_b, autojunk=False).ratio()


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level diff, equal runs kept, so a renderer can strike and highlight words."""
    a, b = words(old), words(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(out, "equal", a[i1:i2])
        else:
            _push(out, "delete", a[i1:i2])
            _push(out, "insert", b[j1:j2])
    return tuple(out)


def _push(out: list[Segment], op: str, run: list[str]) -> None:
    if not run:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op, f"{out[-1].words} {' '.join(run)}")
    else:
        out.append(Segment(op, " ".join(run)))


Pairs = list[tuple[int, int]]


def pair_equal(old: Sequence[str | None], new: Sequence[str | None], taken: Iterable[tuple[int, int]] = ()) -> Pairs:
    """Pairs of positions whose keys are equal (None never matches), first come first served."""
    pairs = list(taken)
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free: dict[str, list[int]] = {}
    for i, key in enumerate(old):
        if key is not None and i not in used_old:
            free.setdefault(key, []).append(i)
    for j, key in enumerate(new):
        if key is not None and j not in used_new and free.get(key):
            pairs.append((free[key].pop(0), j))
    return pairs


def _pair_same_text(
    old: Sequence[str],
    new: Sequence[str],
    ids: tuple[Sequence[str | None], Sequence[str | None]],
    pairs: Pairs,
) -> None:
    """Add pairs of identical texts (unless both carry ids): the cheap, certain pairs first."""
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free: dict[str, list[int]] = {}
    for i, text in enumerate(old):
        if i not in used_old:
            free.setdefault(text, []).append(i)
    for j, text in enumerate(new):
        candidates = free.get(text, []) if j not in used_new else []
        i = next((i for i in candidates if ids[0][i] is None or ids[1][j] is None), None)
        if i is not None:
            candidates.remove(i)
            pairs.append((i, j))


def pair_items(
    old: Sequence[str],
    new: Sequence[str],
    old_ids: Sequence[str | None] = (),
    new_ids: Sequence[str | None] = (),
    taken: Iterable[tuple[int, int]] = (),
    threshold: float = SIMILARITY,
) -> Pairs:
    """Pair two lists of texts: same id first, then the most similar texts first.

    Identical texts pair first; then greedy by best ratio, which is close to the
    optimal assignment for plan-sized lists and never pairs two texts below
    ``threshold``; ties go to the pair whose positions are closest. Two items
    that both carry ids are different items unless the ids are equal, however
    alike their texts. Past :data:`MAX_COMPARISONS` unpaired combinations only
    identical texts pair. Pairs come back in ``new`` order.
    """
    old_ids = list(old_ids) or [None] * len(old)
    new_ids = list(new_ids) or [None] * len(new)
    pairs = pair_equal(old_ids, new_ids, taken)
    _pair_same_text(old, new, (old_ids, new_ids), pairs)
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    free_old = [i for i in range(len(old)) if i not in used_old]
    if len(free_old) * (len(new) - len(used_new)) > MAX_COMPARISONS:
        return sorted(pairs, key=lambda p: (p[1], p[0]))
    for _, _, i, j in sorted(_candidates(old, new, free_old, used_new, old_ids, new_ids, threshold)):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def _candidates(
    old: Sequence[str],
    new: Sequence[str],
    free_old: list[int],
    used_new: set[int],
    old_ids: Sequence[str | None],
    new_ids: Sequence[str | None],
    threshold: float,
) -> Iterator[tuple[float, int, int, int]]:
    folded = {i: [w.casefold() for w in words(old[i])] for i in free_old}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, text in enumerate(new):
        if j in used_new:
            continue
        matcher.set_seq2([w.casefold() for w in words(text)])
        for i in free_old:
            if old_ids[i] is not None and new_ids[j] is not None:
                continue
            matcher.set_seq1(folded[i])
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                yield -ratio, abs(i - j), i, j


def _reordered(pairs: Iterable[tuple[int, int]]) -> bool:
    """True when paired items no longer come in the same relative order."""
    olds = [i for i, _ in sorted(pairs, key=lambda p: p[1])]
    return any(a > b for a, b in itertools.pairwise(olds))


# --- results ---------------------------------------------------------------------


def show(value: Value) -> str:
    """A value as the documents write it: dates "31/10/2025", lines joined with " / "."""
    if value is None:
        return ""
    if isinstance(value, When):
        return when.phrase(value)
    if isinstance(value, dt.date):
        return vn.short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return " / ".join(markup.plain(v) for v in value)
    return markup.plain(str(value))


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: its field, both values, and both as a reader sees them."""

    field: str
    old: Value
    new: Value
    old_text: str
    new_text: str


def _change(name: str, old: Value, new: Value, old_text: str | None = None, new_text: str | None = None) -> FieldChange:
    return FieldChange(
        name,
        old,
        new,
        show(old) if old_text is None else old_text,
        show(new) if new_text is None else new_text,
    )


def _fields(old: dict[str, Value], new: dict[str, Value]) -> tuple[FieldChange, ...]:
    return tuple(_change(name, old[name], new[name]) for name in old if old[name] != new[name])


@dataclass(frozen=True)
class TextChange:
    """A paragraph of a list (slogan, recipient, sub-item…) added, removed or reworded.

    Numbers are 1-based positions in the old and new lists.
    """

    kind: str
    old: str | None
    new: str | None
    old_number: int | None
    new_number: int | None
    words: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class PhaseChange:
    """A phase added, removed or changed; ``content`` holds its paragraphs' changes."""

    kind: str
    key: str
    name: str
    old: Phase | None = field(repr=False)
    new: Phase | None = field(repr=False)
    fields: tuple[FieldChange, ...] = ()
    content: tuple[TextChange, ...] = ()

    @property
    def shown_in_letters(self) -> bool:
        """Whether the phase line a letter prints ("Đợt 2: Từ … đến …") changed."""
        return self.kind != "changed" or any(f.field in LETTER_PHASE_FIELDS for f in self.fields)


@dataclass(frozen=True)
class UnitChange:
    """A unit added, removed, renamed, switched between giao and đề nghị, or its tasks reordered."""

    kind: str
    id: str
    name: str
    old: Unit | None = field(repr=False)
    new: Unit | None = field(repr=False)
    fields: tuple[FieldChange, ...] = ()
    reordered: bool = False


@dataclass(frozen=True)
class TaskChange:
    """A unit's task added, removed, changed in place, or moved to another unit.

    Numbers are the task's 1-based positions in its unit, as letters number them.
    ``words`` is the word diff when the text changed; ``bullets`` the changes of
    its sub-items.
    """

    kind: str
    old_unit: str | None
    new_unit: str | None
    old_number: int | None
    new_number: int | None
    old: Task | None
    new: Task | None
    words: tuple[Segment, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    bullets: tuple[TextChange, ...] = ()

    @property
    def reworded(self) -> bool:
        """The task's own text changed."""
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def text(self) -> str:
        """The task's text (its new one when it still exists)."""
        task = self.new or self.old
        return task.text if task else ""

    @property
    def unit(self) -> str:
        """The unit the task is listed under: where it is now, or where it was."""
        return self.new_unit or self.old_unit or ""


@dataclass(frozen=True)
class KeyTaskChange:
    """A row of the key-task table added, removed or changed."""

    kind: str
    old_number: int | None
    new_number: int | None
    old: KeyTask | None
    new: KeyTask | None
    words: tuple[Segment, ...] = ()
    fields: tuple[FieldChange, ...] = ()

    @property
    def reworded(self) -> bool:
        """The row's task text changed."""
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def text(self) -> str:
        """The row's text (its new one when it still exists)."""
        task = self.new or self.old
        return task.text if task else ""

    @property
    def leads(self) -> frozenset[str]:
        """Lead units before and after: both must hear of the change."""
        return frozenset((self.old.lead if self.old else []) + (self.new.lead if self.new else []))


@dataclass(frozen=True)
class SectionChange:
    """A mục added, removed, renamed, or with changed content (``layout``: only its form)."""

    kind: str
    old_number: int | None
    new_number: int | None
    title: str
    old: Section | None = field(repr=False)
    new: Section | None = field(repr=False)
    fields: tuple[FieldChange, ...] = ()
    content: tuple[TextChange, ...] = ()
    layout: bool = False


@dataclass(frozen=True)
class DeadlineChange:
    """A task whose time, as its unit's letter states it, moved (its own or its phase's)."""

    unit: str
    number: int
    text: str
    old: str
    new: str
    old_due: dt.date | None
    new_due: dt.date | None


@dataclass(frozen=True)
class PlanDiff:
    """Every change between two plans, each reported once, in the new plan's order.

    ``deadlines`` is derived (tasks whose stated time moved because their phase
    or their deadline did); the two plans are kept for renderers and notices.
    """

    old: Plan = field(repr=False, compare=False)
    new: Plan = field(repr=False, compare=False)
    header: tuple[FieldChange, ...] = ()
    basis: tuple[TextChange, ...] = ()
    intro: tuple[TextChange, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    phases: tuple[PhaseChange, ...] = ()
    units: tuple[UnitChange, ...] = ()
    tasks: tuple[TaskChange, ...] = ()
    key_tasks: tuple[KeyTaskChange, ...] = ()
    slogans: tuple[TextChange, ...] = ()
    closing: tuple[TextChange, ...] = ()
    recipients: tuple[TextChange, ...] = ()
    appendices: tuple[TextChange, ...] = ()
    reordered: tuple[str, ...] = ()
    deadlines: tuple[DeadlineChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two plans say the same thing (ids and YAML layout aside)."""
        return not any(getattr(self, name) for name in _KINDS)


#: The parts of a diff, in the order outputs show them.
_KINDS = (
    "header",
    "basis",
    "intro",
    "sections",
    "phases",
    "units",
    "tasks",
    "key_tasks",
    "slogans",
    "closing",
    "recipients",
    "appendices",
    "reordered",
)


# --- comparing -------------------------------------------------------------------


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """The changes that turn ``old`` into ``new``, by meaning."""
    phase_pairs = pair_equal([p.name for p in old.phases], [p.name for p in new.phases], _phase_key_pairs(old, new))
    phase_map = {old.phases[i].key: new.phases[j].key for i, j in phase_pairs}
    unit_pairs = pair_equal([u.id for u in old.units], [u.id for u in new.units])
    task_pairs = _task_pairs(old, new, unit_pairs)
    ctx = _Context(old, new, phase_map)
    section_pairs = _section_pairs(old.sections, new.sections)
    key_pairs = pair_items([k.text for k in old.key_tasks], [k.text for k in new.key_tasks])
    slogan_pairs = pair_items(old.slogans, new.slogans)
    recipient_pairs = pair_items(old.recipients, new.recipients)
    orders = {
        "phases": phase_pairs,
        "units": unit_pairs,
        "sections": section_pairs,
        "key_tasks": key_pairs,
        "slogans": slogan_pairs,
        "recipients": recipient_pairs,
    }
    return PlanDiff(
        old=old,
        new=new,
        header=_fields(_header_values(old), _header_values(new)),
        basis=diff_texts(old.basis, new.basis),
        intro=diff_texts(old.intro, new.intro),
        sections=_sections(old.sections, new.sections, section_pairs),
        phases=_phases(old.phases, new.phases, phase_pairs),
        units=_units(old, new, unit_pairs, task_pairs),
        tasks=_tasks(ctx, task_pairs),
        key_tasks=_key_tasks(ctx, key_pairs),
        slogans=diff_texts(old.slogans, new.slogans, slogan_pairs),
        closing=diff_texts(_one(old.closing), _one(new.closing)),
        recipients=diff_texts(old.recipients, new.recipients, recipient_pairs),
        appendices=diff_texts([a.title for a in old.appendices], [a.title for a in new.appendices]),
        reordered=tuple(name for name, pairs in orders.items() if _reordered(pairs)),
        deadlines=tuple(_deadlines(ctx, task_pairs)),
    )


@dataclass(frozen=True)
class _Context:
    """Both plans and how the old phase ids map onto the new ones."""

    old: Plan
    new: Plan
    phase_map: dict[str, str]


def _one(text: str | None) -> list[str]:
    return [text] if text else []


def _header_values(plan: Plan) -> dict[str, Value]:
    doc, issuer, margins = plan.document, plan.issuer, plan.page.margins
    return {
        "document.type": doc.type,
        "document.number": doc.number,
        "document.date": doc.date,
        "document.year": doc.year,
        "document.place": doc.place,
        "document.subject": doc.subject,
        "issuer.parent": tuple(issuer.parent),
        "issuer.name": tuple(issuer.name),
        "issuer.abbr": issuer.abbr,
        "issuer.full_name": issuer.full_name,
        "issuer.short_name": issuer.short_name,
        "issuer.drafting_unit": issuer.drafting_unit,
        "signer.lines": tuple(plan.signer.lines),
        "signer.name": plan.signer.name,
        "page.margins.top": margins.top,
        "page.margins.bottom": margins.bottom,
        "page.margins.left": margins.left,
        "page.margins.right": margins.right,
        "page.font_size": plan.page.font_size,
    }


def diff_texts(old: Sequence[str], new: Sequence[str], pairs: Pairs | None = None) -> tuple[TextChange, ...]:
    """Added, removed and reworded paragraphs of a list, similar texts paired as rewordings."""
    pairs = pair_items(old, new) if pairs is None else pairs
    return _assemble(
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


def _assemble(
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


def _flatten_bullets(items: list[Bullet]) -> Iterator[str]:
    for item in items:
        yield item.text
        yield from _flatten_bullets(item.bullets)


def _flatten_items(items: list[Item]) -> Iterator[str]:
    for item in items:
        yield from (text for text in (item.title, item.text) if text)
        yield from item.paragraphs
        yield from _flatten_items(item.items)
        yield from _flatten_bullets(item.bullets)


def _section_texts(part: Section | Phase) -> list[str]:
    """The texts of a mục or a phase's body, in reading order, as one list of paragraphs."""
    texts = [*part.paragraphs, *_flatten_items(part.items), *_flatten_bullets(part.bullets)]
    return texts + list(part.closing) if isinstance(part, Section) else texts


# phases


def _phase_key_pairs(old: Plan, new: Plan) -> Pairs:
    return pair_equal([p.key for p in old.phases], [p.key for p in new.phases])


def _phase_values(phase: Phase) -> dict[str, Value]:
    return {
        "key": phase.key,
        "name": phase.name,
        "start": phase.start,
        "end": phase.end,
        "connector": phase.connector,
        "description": phase.description,
    }


def _phases(old: list[Phase], new: list[Phase], pairs: Pairs) -> tuple[PhaseChange, ...]:
    return _assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _phase_change(old[i], new[j]),
        lambda j: PhaseChange("added", new[j].key, new[j].name, None, new[j]),
        lambda i: PhaseChange("removed", old[i].key, old[i].name, old[i], None),
    )


def _phase_change(a: Phase, b: Phase) -> PhaseChange | None:
    fields = _fields(_phase_values(a), _phase_values(b))
    content = diff_texts(_section_texts(a), _section_texts(b))
    return PhaseChange("changed", b.key, b.name, a, b, fields, content) if fields or content else None


# units and tasks

Ref = tuple[int, int]


def _refs(plan: Plan) -> list[Ref]:
    return [(u, t) for u, unit in enumerate(plan.units) for t in range(len(unit.tasks))]


def _task(plan: Plan, ref: Ref) -> Task:
    return plan.units[ref[0]].tasks[ref[1]]


def _task_pairs(old: Plan, new: Plan, unit_pairs: Pairs) -> list[tuple[Ref, Ref]]:
    """Tasks paired inside each unit first; what is left is paired across units (moves)."""
    pairs: list[tuple[Ref, Ref]] = []
    for u, v in unit_pairs:
        a, b = old.units[u].tasks, new.units[v].tasks
        found = pair_items([t.text for t in a], [t.text for t in b], [t.id for t in a], [t.id for t in b])
        pairs += [((u, i), (v, j)) for i, j in found]
    paired_old, paired_new = {p for p, _ in pairs}, {q for _, q in pairs}
    left_old = [r for r in _refs(old) if r not in paired_old]
    left_new = [r for r in _refs(new) if r not in paired_new]
    moved = pair_items(
        [_task(old, r).text for r in left_old],
        [_task(new, r).text for r in left_new],
        [_task(old, r).id for r in left_old],
        [_task(new, r).id for r in left_new],
    )
    return pairs + [(left_old[i], left_new[j]) for i, j in moved]


def _units(old: Plan, new: Plan, pairs: Pairs, task_pairs: list[tuple[Ref, Ref]]) -> tuple[UnitChange, ...]:
    out: list[UnitChange] = []
    inside: dict[tuple[int, int], Pairs] = {}
    for p, q in task_pairs:
        inside.setdefault((p[0], q[0]), []).append((p[1], q[1]))
    for i, j in pairs:
        a, b = old.units[i], new.units[j]
        fields = _fields({"name": a.name, "relation": a.relation}, {"name": b.name, "relation": b.relation})
        reordered = _reordered(inside.get((i, j), []))
        if fields or reordered:
            out.append(UnitChange("changed", b.id, b.name, a, b, fields, reordered))
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    order = {u.id: n for n, u in enumerate(new.units)}
    out += [UnitChange("added", u.id, u.name, None, u) for j, u in enumerate(new.units) if j not in paired_new]
    out.sort(key=lambda c: order[c.id])
    out += [UnitChange("removed", u.id, u.name, u, None) for i, u in enumerate(old.units) if i not in paired_old]
    return tuple(out)


def _phase_name(plan: Plan, key: str | None) -> str:
    phase = plan.phase(key) if key else None
    return phase.name if phase else key or ""


def _task_fields(ctx: _Context, a: Task, b: Task) -> tuple[FieldChange, ...]:
    out = []
    if a.deadline != b.deadline:
        out.append(_change("deadline", a.deadline, b.deadline))
    if ctx.phase_map.get(a.phase or "", a.phase) != b.phase:
        old_name, new_name = _phase_name(ctx.old, a.phase), _phase_name(ctx.new, b.phase)
        out.append(_change("phase", a.phase, b.phase, old_name, new_name))
    if a.with_ != b.with_:
        old_names, new_names = unit_names(ctx.old, a.with_), unit_names(ctx.new, b.with_)
        out.append(_change("with", tuple(a.with_), tuple(b.with_), old_names, new_names))
    return tuple(out)


def _task_change(ctx: _Context, p: Ref, q: Ref) -> TaskChange | None:
    a, b = _task(ctx.old, p), _task(ctx.new, q)
    old_unit, new_unit = ctx.old.units[p[0]].id, ctx.new.units[q[0]].id
    text = word_diff(a.text, b.text) if a.text != b.text else ()
    fields = _task_fields(ctx, a, b)
    bullets = diff_texts(list(_flatten_bullets(a.bullets)), list(_flatten_bullets(b.bullets)))
    moved = old_unit != new_unit
    if not (moved or text or fields or bullets):
        return None
    kind = "moved" if moved else "changed"
    return TaskChange(kind, old_unit, new_unit, p[1] + 1, q[1] + 1, a, b, text, fields, bullets)


def _tasks(ctx: _Context, pairs: list[tuple[Ref, Ref]]) -> tuple[TaskChange, ...]:
    """Task changes grouped by the unit they are listed under, in the new plan's order."""
    out = [change for p, q in pairs if (change := _task_change(ctx, p, q))]
    paired_old, paired_new = {p for p, _ in pairs}, {q for _, q in pairs}
    for ref in _refs(ctx.new):
        if ref not in paired_new:
            unit = ctx.new.units[ref[0]].id
            out.append(TaskChange("added", None, unit, None, ref[1] + 1, None, _task(ctx.new, ref)))
    for ref in _refs(ctx.old):
        if ref not in paired_old:
            unit = ctx.old.units[ref[0]].id
            out.append(TaskChange("removed", unit, None, ref[1] + 1, None, _task(ctx.old, ref), None))
    rank = _unit_rank(ctx.old, ctx.new)
    return tuple(sorted(out, key=lambda c: (rank[c.unit], _position(c))))


def _position(change: TaskChange) -> float:
    if change.new_unit == change.unit and change.new_number is not None:
        return change.new_number
    return (change.old_number or 0) - 0.5


def _unit_rank(old: Plan, new: Plan) -> dict[str, int]:
    """New plan's units in order, then the units only the old plan has."""
    ids = [u.id for u in new.units] + [u.id for u in old.units if new.unit(u.id) is None]
    return {unit_id: n for n, unit_id in enumerate(ids)}


def _deadlines(ctx: _Context, pairs: list[tuple[Ref, Ref]]) -> Iterator[DeadlineChange]:
    """Tasks staying in their unit whose time, as the letter states it, moved."""
    for p, q in sorted(pairs, key=lambda pq: pq[1]):
        unit = ctx.new.units[q[0]].id
        if ctx.old.units[p[0]].id != unit:
            continue
        a, b = _task(ctx.old, p), _task(ctx.new, q)
        before, after = unit_task(ctx.old, p[1] + 1, a), unit_task(ctx.new, q[1] + 1, b)
        if (before.when, before.due) != (after.when, after.due):
            yield DeadlineChange(unit, q[1] + 1, b.text, before.when, after.when, before.due, after.due)


# key tasks


def _key_fields(ctx: _Context, a: KeyTask, b: KeyTask) -> tuple[FieldChange, ...]:
    out = []
    for name, old, new in (("lead", a.lead, b.lead), ("with", a.with_, b.with_)):
        if old != new:
            out.append(_change(name, tuple(old), tuple(new), unit_names(ctx.old, old), unit_names(ctx.new, new)))
    return tuple(out) + _fields({"deadline": a.deadline, "note": a.note}, {"deadline": b.deadline, "note": b.note})


def _key_tasks(ctx: _Context, pairs: Pairs) -> tuple[KeyTaskChange, ...]:
    old, new = ctx.old.key_tasks, ctx.new.key_tasks
    return _assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _key_task_change(ctx, i, j),
        lambda j: KeyTaskChange("added", None, j + 1, None, new[j]),
        lambda i: KeyTaskChange("removed", i + 1, None, old[i], None),
    )


def _key_task_change(ctx: _Context, i: int, j: int) -> KeyTaskChange | None:
    a, b = ctx.old.key_tasks[i], ctx.new.key_tasks[j]
    text = word_diff(a.text, b.text) if a.text != b.text else ()
    fields = _key_fields(ctx, a, b)
    return KeyTaskChange("changed", i + 1, j + 1, a, b, text, fields) if text or fields else None


# sections


def _section_pairs(old: list[Section], new: list[Section]) -> Pairs:
    """By the list a mục shows, then by title, then (a renamed mục) by its content."""
    pairs = pair_items([s.title for s in old], [s.title for s in new], [s.show for s in old], [s.show for s in new])
    contents_old = [" ".join(_section_texts(s)) or s.title for s in old]
    contents_new = [" ".join(_section_texts(s)) or s.title for s in new]
    return pair_items(contents_old, contents_new, [s.show for s in old], [s.show for s in new], pairs)


def _sections(old: list[Section], new: list[Section], pairs: Pairs) -> tuple[SectionChange, ...]:
    return _assemble(
        pairs,
        len(old),
        len(new),
        lambda i, j: _section_change(old[i], new[j], i + 1, j + 1),
        lambda j: SectionChange("added", None, j + 1, new[j].title, None, new[j]),
        lambda i: SectionChange("removed", i + 1, None, old[i].title, old[i], None),
    )


def _section_change(a: Section, b: Section, old_number: int, new_number: int) -> SectionChange | None:
    fields = _fields({"title": a.title, "show": a.show}, {"title": b.title, "show": b.show})
    content = diff_texts(_section_texts(a), _section_texts(b))
    layout = not (fields or content) and a != b
    if not (fields or content or layout):
        return None
    return SectionChange("changed", old_number, new_number, b.title, a, b, fields, content, layout)


# --- who must be told ----------------------------------------------------------


@dataclass(frozen=True)
class UnitChanges:
    """What one unit must be told: the content of a notice "V/v điều chỉnh Kế hoạch số …".

    ``new_tasks`` are tasks added to the unit or moved to it; ``removed_tasks``
    are tasks dropped or moved away; ``reworded`` (``.old`` and ``.new`` tasks)
    and ``changed_tasks`` stay with the unit; ``deadlines`` are its tasks whose
    stated time moved; ``phases`` the changed phases its letter lists;
    ``partners`` renamed units its tasks name.
    """

    unit_id: str
    unit_name: str
    subject: str
    unit: UnitChange | None = None
    new_tasks: tuple[TaskChange, ...] = ()
    removed_tasks: tuple[TaskChange, ...] = ()
    reworded: tuple[TaskChange, ...] = ()
    changed_tasks: tuple[TaskChange, ...] = ()
    deadlines: tuple[DeadlineChange, ...] = ()
    phases: tuple[PhaseChange, ...] = ()
    header: tuple[FieldChange, ...] = ()
    key_tasks: tuple[KeyTaskChange, ...] = ()
    partners: tuple[UnitChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing in this unit's letter or checklist changed."""
        parts = (self.new_tasks, self.removed_tasks, self.changed_tasks, self.deadlines, self.phases)
        rest = (self.header, self.key_tasks, self.partners)
        return self.unit is None and not any(parts) and not any(rest)


def changes_for_unit(diff: PlanDiff, unit_id: str, lang: str = "vi") -> UnitChanges:
    """The changes one unit's letter and checklist undergo, for its change notice."""
    old_unit, new_unit = diff.old.unit(unit_id), diff.new.unit(unit_id)
    unit = new_unit or old_unit
    if unit is None:
        known = ", ".join(_unit_rank(diff.old, diff.new))
        raise KehoachError("unit.unknown", id=unit_id, known=known)
    same = tuple(t for t in diff.tasks if t.kind == "changed" and t.new_unit == unit_id)
    return UnitChanges(
        unit_id=unit_id,
        unit_name=unit.name,
        subject=notice_subject(diff, lang),
        unit=next((u for u in diff.units if u.id == unit_id), None),
        new_tasks=tuple(t for t in diff.tasks if t.new_unit == unit_id and t.kind in ("added", "moved")),
        removed_tasks=tuple(t for t in diff.tasks if t.old_unit == unit_id and t.kind in ("removed", "moved")),
        reworded=tuple(t for t in same if t.reworded),
        changed_tasks=same,
        deadlines=tuple(d for d in diff.deadlines if d.unit == unit_id),
        phases=_unit_phases(diff, unit, new_unit is None),
        header=tuple(f for f in diff.header if f.field.startswith(LETTER_HEADER)),
        key_tasks=tuple(k for k in diff.key_tasks if unit_id in k.leads),
        partners=_renamed_partners(diff, unit_id),
    )


def notice_subject(diff: PlanDiff, lang: str = "vi") -> str:
    """ "V/v điều chỉnh Kế hoạch số 15/KH-UBND" (the plan as now numbered)."""
    plan = f"{diff.new.document.type_name} số {diff.new.symbol}"
    return label("notice.subject", lang, plan=plan)


def _unit_phases(diff: PlanDiff, unit: Unit, removed: bool) -> tuple[PhaseChange, ...]:
    """Changed phases the unit's letter lists: those its tasks name, or all when it names none."""
    shown = [p for p in diff.phases if p.shown_in_letters]
    named = {t.phase for t in unit.tasks if t.phase}
    if not named:
        return tuple(shown)
    side = (lambda p: p.old) if removed else (lambda p: p.new)
    return tuple(p for p in shown if (phase := side(p)) is not None and phase.key in named)


def _renamed_partners(diff: PlanDiff, unit_id: str) -> tuple[UnitChange, ...]:
    """Renamed units this unit's letter names as partners (or co-leads of a key task)."""
    unit = diff.new.unit(unit_id)
    if unit is None:
        return ()
    refs = {ref for task in unit.tasks for ref in task.with_}
    refs |= {ref for k in diff.new.key_tasks if unit_id in k.lead for ref in (*k.lead, *k.with_)}
    refs.discard(unit_id)
    return tuple(u for u in diff.units if u.id in refs and any(f.field == "name" for f in u.fields))


def affected_units(diff: PlanDiff) -> list[str]:
    """Units whose letter or checklist changes, in the new plan's order, then removed units."""
    return [unit_id for unit_id in _unit_rank(diff.old, diff.new) if not changes_for_unit(diff, unit_id).is_empty]


# --- output ----------------------------------------------------------------------


class Span(NamedTuple):
    """A piece of a line and how to show it.

    Styles: "label" (what happened), "text", "old" and "new" (values either side
    of an arrow), "delete" and "insert" (words of a word diff).
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
    """The whole diff as styled lines, in the order of :data:`_KINDS`."""
    out = [*_header_lines(diff, lang)]
    for name in ("basis", "intro"):
        out += _text_lines(getattr(diff, name), name, lang, "text")
    out += _section_lines(diff, lang)
    out += _phase_lines(diff, lang)
    out += _unit_lines(diff, lang)
    out += _task_lines(diff, lang)
    out += _key_task_lines(diff, lang)
    for name in ("slogans", "closing", "recipients", "appendices"):
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
    changes: Sequence[TextChange], section: str, lang: str, prefix: str, group: str = "", where: str = ""
) -> Iterator[Line]:
    """Lines of a list's changes; ``prefix`` picks the labels ("text", "bullet"), ``where`` follows them."""
    for change in changes:
        head = Span(f"{label(f'{prefix}.{change.kind}', lang)}{where}: ", "label")
        if change.kind == "reworded":
            yield Line("changed", section, (head, *_word_spans(change.words)), group)
        else:
            text = markup.plain(change.new or change.old or "")
            yield Line(change.kind, section, (head, Span(text, "text")), group)


def _section_title(change: SectionChange) -> str:
    return f"{vn.roman(change.new_number or change.old_number or 1)}. {markup.plain(change.title)}"


def _section_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.sections:
        title = _section_title(change)
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


def _content_summary(content: Sequence[TextChange], lang: str) -> str:
    if not content:
        return label("content.layout", lang)
    counts = {kind: sum(1 for c in content if c.kind == kind) for kind in ("reworded", "added", "removed")}
    parts = ", ".join(label(f"content.{kind}", lang, n=n) for kind, n in counts.items() if n)
    return f"{label('content.changed', lang)} ({parts})"


def _phase_heading(phase: Phase) -> str:
    return f"{phase.name}: {phase_span(phase)}"


def _phase_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.phases:
        if change.kind != "changed":
            phase = change.new or change.old
            assert phase is not None
            head = Span(f"{label('phase.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "phases", (head, Span(_phase_heading(phase), "text")))
            continue
        for f in change.fields:
            if f.field == "name":
                yield _field_line("phases", f"{label('phase.renamed', lang)}: ", f, lang)
            else:
                yield _field_line("phases", f"{change.name}: {label('field.' + f.field, lang)} ", f, lang)
        if change.content:
            summary = _content_summary(change.content, lang)
            yield Line("changed", "phases", (Span(f"{change.name}: ", "label"), Span(summary, "text")))


def _unit_lines(diff: PlanDiff, lang: str) -> Iterator[Line]:
    for change in diff.units:
        if change.kind != "changed":
            head = Span(f"{label('unit.' + change.kind, lang)}: ", "label")
            yield Line(change.kind, "units", (head, Span(change.name, "text")))
            continue
        for f in change.fields:
            if f.field == "name":
                yield _field_line("units", f"{label('unit.renamed', lang)}: ", f, lang)
            else:
                yield _field_line("units", f"{change.name}: {label('field.relation', lang)} ", f, lang)
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


# JSON


def _json_value(value: Value) -> Any:
    if isinstance(value, When):
        first, last = value.first, value.last
        return {
            "text": when.phrase(value),
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
        }
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _json_field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": _json_value(change.old),
        "new": _json_value(change.new),
        "old_text": change.old_text,
        "new_text": change.new_text,
    }


def _json_words(segments: Sequence[Segment]) -> list[list[str]]:
    return [[s.op, s.words] for s in segments]


def _json_text(change: TextChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old": change.old,
        "new": change.new,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "words": _json_words(change.words),
    }


def _json_phase(change: PhaseChange) -> dict[str, Any]:
    phase = change.new or change.old
    return {
        "kind": change.kind,
        "key": change.key,
        "name": change.name,
        "heading": _phase_heading(phase) if phase else "",
        "fields": [_json_field(f) for f in change.fields],
        "content": [_json_text(c) for c in change.content],
    }


def _json_unit(change: UnitChange) -> dict[str, Any]:
    unit = change.new or change.old
    return {
        "kind": change.kind,
        "id": change.id,
        "name": change.name,
        "relation": unit.relation if unit else None,
        "fields": [_json_field(f) for f in change.fields],
        "reordered": change.reordered,
    }


def _json_task(change: TaskChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_unit": change.old_unit,
        "new_unit": change.new_unit,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "id": (change.new or change.old).id if (change.new or change.old) else None,
        "old_text": change.old.text if change.old else None,
        "new_text": change.new.text if change.new else None,
        "reworded": change.reworded,
        "words": _json_words(change.words),
        "fields": [_json_field(f) for f in change.fields],
        "bullets": [_json_text(b) for b in change.bullets],
    }


def _json_key_task(change: KeyTaskChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "old_text": change.old.text if change.old else None,
        "new_text": change.new.text if change.new else None,
        "reworded": change.reworded,
        "words": _json_words(change.words),
        "fields": [_json_field(f) for f in change.fields],
        "leads": sorted(change.leads),
    }


def _json_section(change: SectionChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_number": change.old_number,
        "new_number": change.new_number,
        "title": change.title,
        "fields": [_json_field(f) for f in change.fields],
        "content": [_json_text(c) for c in change.content],
        "layout": change.layout,
    }


def _json_deadline(change: DeadlineChange) -> dict[str, Any]:
    return {
        "unit": change.unit,
        "number": change.number,
        "text": change.text,
        "old": change.old,
        "new": change.new,
        "old_due": change.old_due.isoformat() if change.old_due else None,
        "new_due": change.new_due.isoformat() if change.new_due else None,
    }


def to_json(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain JSON data: fixed keys, lists in plan order, dates as ISO strings."""
    return {
        "empty": diff.is_empty,
        "affected_units": affected_units(diff),
        "header": [_json_field(f) for f in diff.header],
        "basis": [_json_text(c) for c in diff.basis],
        "intro": [_json_text(c) for c in diff.intro],
        "sections": [_json_section(c) for c in diff.sections],
        "phases": [_json_phase(c) for c in diff.phases],
        "units": [_json_unit(c) for c in diff.units],
        "tasks": [_json_task(c) for c in diff.tasks],
        "key_tasks": [_json_key_task(c) for c in diff.key_tasks],
        "slogans": [_json_text(c) for c in diff.slogans],
        "closing": [_json_text(c) for c in diff.closing],
        "recipients": [_json_text(c) for c in diff.recipients],
        "appendices": [_json_text(c) for c in diff.appendices],
        "reordered": list(diff.reordered),
        "deadlines": [_json_deadline(d) for d in diff.deadlines],
    }
