"""The body of a plan as real plans write it: numbered items, and blocks in their order.

A mục, khoản or điểm holds, in order, any of: paragraphs, lists (marker "-", "+", "•" or
numbered "a)", "1)"…, nestable, any marker at any level), unnumbered sub-headings
("Phạm vi và tiềm năng:"), centred notes, tables and numbered items. The short forms
(``paragraphs:``, ``items:``, ``bullets:``) stay, printed in that order; ``body:`` is the
ordered form. Tables (:class:`Table`) sit in a body or make an appendix. Numbers are never
stored: the views compute them (:mod:`kehoach.text.numbering`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from kehoach.plan.base import Id, Strict, Text, Texts, clean_text, text_or_mapping
from kehoach.plan.when import When, several
from kehoach.text import numbering

TitleStyle = Literal["bold", "italic", "bold-italic", "plain"]
Align = Literal["left", "center", "right", "both"]
Marker = Annotated[str, AfterValidator(numbering.check_marker)]
#: What a column of a task table holds: the task, who leads it, who takes part, when it is
#: due; or (``addressee``) the body a schedule row concerns, who gets a notice of it.
ColumnRole = Literal["task", "lead", "with", "deadline", "addressee"]


class Bullet(Strict):
    """A "-" line; its own bullets are "+" lines."""

    text: Text
    bullets: list[Bullet] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return text_or_mapping(value)


class Report(Strict):
    """Báo cáo: what to report, to whom (through whom), when ("trước ngày 20 hằng tháng",
    "trước ngày 25/12/2026 và 25/12/2027", "6 tháng và hằng năm"), and what for ("để tổng
    hợp, báo cáo Ủy ban nhân dân tỉnh").

    ``dates``: the days calendars remind of when the words name none ("6 tháng và hằng
    năm": ["ngày 15/6 hằng năm", "ngày 15/12 hằng năm"]); else they are read from ``when``.
    """

    what: Text = "kết quả thực hiện"
    to: Text | None = None
    through: Text | None = None
    when: Text
    purpose: Text | None = None
    dates: list[When] = []

    @property
    def times(self) -> list[When]:
        """The points in time the rule names, dated or recurring, for calendars and checks."""
        return list(self.dates) or several(self.when)


class Assigned(Strict):
    """What makes a part of the body a task: who leads it (``lead``, unit ids or names), who
    takes part (``with``), the collective's member that does it (``member``), when it is due,
    and how its units report on it (``report``).

    Such a part goes into the letters and checklists of the units it names, in plan order.
    """

    lead: Texts = []
    with_: Texts = Field(default=[], alias="with")
    member: Text | None = None
    deadline: When | None = None
    report: Report | None = None

    @property
    def assigned(self) -> bool:
        """Whether the part names a unit to do it."""
        return bool(self.lead or self.with_)


class Line(Assigned):
    """A line of a list, with an optional list of its own under it."""

    text: Text
    marker: Marker | None = None
    lines: list[Line] = Field(default=[], alias="list")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return text_or_mapping(value)


class Column(Strict):
    """A column of a table: its label, relative width and alignment.

    ``counter``: kehoach numbers the rows in it (TT); ``number``: its cells are amounts,
    written the Vietnamese way (7.080,5); ``total``: summed into the total row; ``role``:
    what its cells say of the row's task, so a task table is typed once and its rows
    still reach the letters of the units they name.
    """

    label: Texts = Field(min_length=1)
    width: float = Field(default=1, gt=0, le=100)
    align: Align | None = None
    counter: bool = False
    number: bool = False
    total: bool = False
    role: ColumnRole | None = None


def _cell_value(value: Any) -> Any:
    """A cell written as a text or a number, or as a mapping."""
    if value is None:
        return {"text": ""}
    if isinstance(value, bool):
        return value
    if isinstance(value, str | int | float):
        return {"text": str(value) if isinstance(value, str) else value}
    return value


class Cell(Strict):
    """A cell: text (a "\\n" breaks the line), paragraphs or a list; spans and alignment."""

    text: Annotated[str | int | float, BeforeValidator(lambda v: _multiline(v))] | None = None
    paragraphs: list[Text] = []
    lines: list[Line] = Field(default=[], alias="list")
    marker: Marker | None = None
    span: int = Field(default=1, ge=1, le=50)
    rows: int = Field(default=1, ge=1, le=1000)
    align: Align | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_value(cls, value: object) -> object:
        return _cell_value(value)


def _multiline(value: Any) -> Any:
    """A cell's text keeps its line breaks; each line's spaces are collapsed."""
    if isinstance(value, str):
        return "\n".join(clean_text(line) for line in value.split("\n")).strip("\n")
    return value


class Row(Assigned):
    """A row: its cells, or a group row ("Khu vực phía Bắc"), or the total row. A row of a
    task table may name its lead, partners and deadline itself, over its role columns."""

    cells: list[Cell] = []
    group: Text | None = None
    total: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: object) -> object:
        return {"cells": value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _one_kind(self) -> Row:
        if (self.group or self.total) and self.assigned:
            raise PydanticCustomError("group_row_assigned", "group row with a task")
        if self.group and (self.cells or self.total):
            raise PydanticCustomError("group_row_with_cells", "group row with cells")
        if not (self.cells or self.group or self.total):
            raise PydanticCustomError("empty_row", "empty row")
        return self


class Notice(Strict):
    """What each body a schedule row names (a column of ``role: addressee``) is told in the
    notice it receives: its V/v line, the part of the plan it must prepare (an item's id), the
    team that comes (a team's id), the appendix it fills in (an appendix's id), and the
    closing sentence. The row's other cells (its time, its place) are said first."""

    subject: Text | None = None
    prepare: Id | None = None
    team: Id | None = None
    appendix: Id | None = None
    closing: Text | None = None


class Table(Strict):
    """A table of the body or of an appendix; its TT column, groups and totals computed."""

    id: Id | None = None
    title: Text | None = None
    columns: list[Column] = Field(min_length=1, max_length=20)
    number_row: bool = False
    rows: list[Row] = []
    restart: bool = True
    note: list[Text] = []
    notice: Notice | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_note(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("note"), str):
            value = {**value, "note": [value["note"]]}
        return value


class Member(Strict):
    """A person of a team: "Ông Hoàng Văn A, Phó Giám đốc Sở Nội vụ – Trưởng đoàn: phụ trách chung"."""

    honorific: Literal["Ông", "Bà", "Đồng chí"] | None = None
    name: Text
    position: Text | None = None
    role: Text | None = None
    duties: Text | None = None

    @property
    def line(self) -> str:
        """The member as a plan writes the line."""
        line = f"{self.honorific} {self.name}" if self.honorific else self.name
        line += f", {self.position}" if self.position else ""
        line += f" – {self.role}" if self.role else ""
        return f"{line}: {self.duties}" if self.duties else line


class Team(Strict):
    """A team (đoàn kiểm tra, ban chỉ đạo, tổ công tác): its members, numbered as items where
    the team stands. People are not units: no letters go to them."""

    id: Id | None = None
    name: Text
    members: list[Member] = Field(min_length=1)


class Block(Strict):
    """One block of a body, in order; exactly one of its kinds.

    ``text``: a paragraph; ``heading``: an unnumbered sub-heading (``style`` bold by
    default); ``note``: a centred note; ``list``: a list (``marker``); ``items``: numbered
    khoản or điểm; ``table``: a table; ``team``: a team, its members numbered as items.
    """

    text: Text | None = None
    heading: Text | None = None
    style: TitleStyle | None = None
    note: Text | None = None
    lines: list[Line] | None = Field(default=None, alias="list")
    marker: Marker | None = None
    items: list[Item] | None = None
    table: Table | None = None
    team: Team | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return text_or_mapping(value)

    @property
    def numbered(self) -> list[Item] | None:
        """The items this block numbers: its items, or its team's members (one item each)."""
        if self.team is not None:
            return [Item(text=member.line) for member in self.team.members]
        return self.items

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        if len(self._kinds()) != 1:
            raise PydanticCustomError("block_kinds", "one kind", {"kinds": ", ".join(BLOCK_KINDS)})
        if self.style is not None and self.heading is None:
            raise PydanticCustomError("block_style_without_heading", "style without heading")
        if self.marker is not None and self.lines is None:
            raise PydanticCustomError("block_marker_without_list", "marker without list")
        return self

    @property
    def kind(self) -> str:
        """Which of :data:`BLOCK_KINDS` this block is."""
        return self._kinds()[0]

    def _kinds(self) -> list[str]:
        return [k for k in BLOCK_KINDS if getattr(self, "lines" if k == "list" else k) is not None]


BLOCK_KINDS = ("text", "heading", "note", "list", "items", "table", "team")


class Item(Assigned):
    """A numbered khoản ("1.") or điểm ("a)"), with an optional title and children.

    Its content is the short forms (``paragraphs``, ``items``, ``bullets``, in that order)
    or ``body``, the blocks in their own order.

    ``unit``: the khoản is that unit's part ("1. Sở Y tế", then its duties): each paragraph,
    line and sub-item under it is a task of the unit, as a unit's ``tasks`` are.
    """

    id: Id | None = None
    unit: Id | None = None
    title: Text | None = None
    title_style: TitleStyle | None = None
    text: Text | None = None
    paragraphs: list[Text] = []
    items: list[Item] = []
    bullets: list[Bullet] = []
    body: list[Block] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return text_or_mapping(value)

    @model_validator(mode="after")
    def _has_content(self) -> Item:
        if not (self.title or self.text):
            raise PydanticCustomError("item_without_text", "item without title or text")
        if self.body and (self.paragraphs or self.items or self.bullets):
            raise PydanticCustomError("body_and_short_forms", "body and short forms")
        return self


_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
#: A remark after an amount: "300.000 (đầu tư công)".
_REMARK = re.compile(r"\s*(?P<remark>\([^()]*\))$")


def amount(value: str | int | float) -> Decimal | None:
    """A cell of a number column as a number: 7080.5, "7.080,5", "7080,5" or "300.000 (đầu tư
    công)" (a remark in brackets after it); None if it is not one."""
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = _REMARK.sub("", value.strip())
    if not text or not _AMOUNT.match(text):
        return None
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def remark(value: str | int | float) -> str:
    """The bracketed remark after an amount ("(đầu tư công)"), or ""."""
    found = _REMARK.search(value) if isinstance(value, str) else None
    return found["remark"] if found else ""


def words_only(value: str | int | float) -> bool:
    """A cell of a number column that says no amount at all ("Chi thường xuyên (không tính
    riêng)"): real plans write such remarks among the figures; it is text, left out of sums."""
    return isinstance(value, str) and not any(ch.isdigit() for ch in value)
