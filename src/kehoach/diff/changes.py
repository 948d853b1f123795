"""What a diff finds: one frozen dataclass per kind of change, and :class:`PlanDiff` holding them all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kehoach.diff.pairing import Segment
from kehoach.diff.wording import Value, show
from kehoach.plan.model import KeyTask, Phase, Plan, Section, Task, Unit

#: Phase fields a letter shows ("Đợt 2: Từ 01/9/2025 đến 31/10/2025").
LETTER_PHASE_FIELDS = frozenset({"name", "start", "end", "connector"})


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: its field, both values, and both as a reader sees them."""

    field: str
    old: Value
    new: Value
    old_text: str
    new_text: str


def field_change(
    name: str, old: Value, new: Value, old_text: str | None = None, new_text: str | None = None
) -> FieldChange:
    """A :class:`FieldChange`, each value shown with :func:`~kehoach.diff.wording.show` unless its text is given."""
    return FieldChange(
        name,
        old,
        new,
        show(old) if old_text is None else old_text,
        show(new) if new_text is None else new_text,
    )


def changed_fields(old: dict[str, Value], new: dict[str, Value]) -> tuple[FieldChange, ...]:
    """The fields whose values differ between two dicts of the same keys, in ``old``'s order."""
    return tuple(field_change(name, old[name], new[name]) for name in old if old[name] != new[name])


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


class _OldNewText:
    """The text of a task or table row before and after: what changed and what it now says."""

    old: Task | KeyTask | None
    new: Task | KeyTask | None

    @property
    def reworded(self) -> bool:
        """The text itself changed."""
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def text(self) -> str:
        """The text (the new one when it still exists)."""
        task = self.new or self.old
        return task.text if task else ""


@dataclass(frozen=True)
class TaskChange(_OldNewText):
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
    def unit(self) -> str:
        """The unit the task is listed under: where it is now, or where it was."""
        return self.new_unit or self.old_unit or ""


@dataclass(frozen=True)
class KeyTaskChange(_OldNewText):
    """A row of the key-task table added, removed or changed."""

    kind: str
    old_number: int | None
    new_number: int | None
    old: KeyTask | None
    new: KeyTask | None
    words: tuple[Segment, ...] = ()
    fields: tuple[FieldChange, ...] = ()

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
    #: What the notices to the bodies a schedule names tell them (one line per body).
    notices: tuple[TextChange, ...] = ()
    reordered: tuple[str, ...] = ()
    deadlines: tuple[DeadlineChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two plans say the same thing (ids and YAML layout aside)."""
        return not any(getattr(self, name) for name in KINDS)


#: The parts of a diff, in the order outputs show them.
KINDS = (
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
    "notices",
    "reordered",
)
