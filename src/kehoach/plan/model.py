"""The plan as data: what a plan.yaml may say, checked by pydantic (field titles and
descriptions, in Vietnamese, are in kehoach.plan.schema).

The models follow the parts of a Kế hoạch in Decree 30: the header (cơ quan ban
hành, số và ký hiệu, địa danh và thời gian), the title and trích yếu, the body in
mục / khoản / điểm, the phases (đợt), the units and their tasks, the slogans, Nơi
nhận and the signer, and appendices (Phụ lục). Numbers of sections, items and
phases are never stored: the views compute them, so they are always consecutive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kehoach.plan.base import Id, Strict, Text, text_or_mapping
from kehoach.plan.blocks import Block, Bullet, Item, Report, Table, TitleStyle
from kehoach.plan.when import When
from kehoach.text import numbering, vn
from kehoach.text import profile as profiles

#: "15/KH-UBND": number, then the symbol's groups (type and issuing body).
SYMBOL = re.compile(r"^(?P<number>\d{1,5})/(?P<type>[^\s/-]+)-(?P<body>[^\s/]+)$")
#: "05-KH/ĐU": a Party document's number and symbol.
PARTY_SYMBOL = re.compile(r"^(?P<number>\d{1,5})-(?P<type>[^\s/-]+)/(?P<body>[^\s/]+)$")


def symbol_match(text: str) -> tuple[str, re.Match[str]] | None:
    """Which profile's form a written symbol has ("nhà nước" or "đảng"), and its parts."""
    for name, pattern in (("nhà nước", SYMBOL), ("đảng", PARTY_SYMBOL)):
        if match := pattern.match(text.strip()):
            return name, match
    return None


#: The largest document number: the symbol's form allows five digits, and the number is
#: part of the file name, so an absurd one must stop here rather than at the file system.
MAX_NUMBER = 99_999


def _number(value: Any) -> Any:
    """``15``, or the whole "15/KH-UBND" as the document shows it (checked against type and body)."""
    if isinstance(value, str) and not (value.strip().isascii() and value.strip().isdigit()):
        found = symbol_match(value)
        if found is None:
            raise PydanticCustomError("bad_symbol", "bad symbol", {"text": value})
        return int(found[1]["number"])
    if _too_large(value):
        raise PydanticCustomError("number_too_large", "number too large", {"limit": MAX_NUMBER})
    return value


def _too_large(value: Any) -> bool:
    if isinstance(value, str):
        return len(value.strip().lstrip("0")) > len(str(MAX_NUMBER))
    return isinstance(value, int) and not isinstance(value, bool) and value > MAX_NUMBER


def _check_type(value: str) -> str:
    """A type some profile knows; :mod:`kehoach.plan.checks` then checks it against the plan's."""
    if value not in profiles.all_types():
        raise PydanticCustomError("unknown_document_type", "unknown type", {"types": ", ".join(vn.DOCUMENT_TYPES)})
    return value


def _check_authority(value: str) -> str:
    """A form some profile knows ("KT.", "K/T"); the plan's own profile is checked later."""
    if value not in profiles.all_authorities():
        raise PydanticCustomError("unknown_authority", "unknown authority", {"allowed": ", ".join(vn.AUTHORITIES)})
    return value


class Issuer(Strict):
    """Cơ quan ban hành: the body issuing the plan, as its letterhead shows it."""

    parent: list[Text] = []
    name: list[Text] = Field(min_length=1)
    abbr: Text = Field(max_length=20)
    full_name: Text
    short_name: Text | None = None
    drafting_unit: Text = Field(max_length=20)

    @model_validator(mode="before")
    @classmethod
    def _one_line_name(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for key in ("name", "parent"):
                if isinstance(value.get(key), str):
                    value = {**value, key: [value[key]]}
        return value


class Document(Strict):
    """Tên loại, số, địa danh, ngày và trích yếu."""

    type: Annotated[str, AfterValidator(_check_type)] = "KH"
    number: Annotated[int | None, BeforeValidator(_number)] = Field(default=None, ge=1)
    place: Text
    date: dt.date | None = None
    year: int | None = Field(default=None, ge=1900, le=2999)
    #: A draft's month when its day is left blank ("ngày    tháng 5 năm 2026").
    month: int | None = Field(default=None, ge=1, le=12)
    subject: Text
    _subject_lines: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _subject_in_lines(cls, value: Any, handler: ModelWrapValidatorHandler[Document]) -> Document:
        """A subject written as a list is broken where its lines end (so "2026 – 2027" stays
        together); everywhere it runs in a sentence it is one line."""
        lines = value.get("subject") if isinstance(value, dict) else None
        if not (isinstance(lines, list) and lines and all(isinstance(line, str) for line in lines)):
            return handler(value)
        document = handler({**value, "subject": " ".join(lines)})
        document._subject_lines = [" ".join(line.split()) for line in lines]
        return document

    @property
    def subject_lines(self) -> list[str]:
        """The subject as the plan's title shows it: the lines it was written in, or one."""
        return self._subject_lines or [self.subject]

    @model_validator(mode="after")
    def _check(self) -> Document:
        if self.date is None and self.year is None:
            raise PydanticCustomError("date_or_year", "date or year")
        if self.date is not None and self.month is not None:
            raise PydanticCustomError("month_with_date", "month with a date")
        return self

    @property
    def type_name(self) -> str:
        """The type's name, e.g. "Kế hoạch" for KH."""
        return profiles.all_types()[self.type]

    @property
    def the_year(self) -> int:
        """The year of issue, given or drafted."""
        return self.date.year if self.date else int(self.year or 0)


class Margins(Strict):
    """Page margins in millimetres, inside the decree's ranges."""

    top: float = Field(default=20, ge=20, le=25)
    bottom: float = Field(default=20, ge=20, le=25)
    left: float = Field(default=30, ge=30, le=35)
    right: float = Field(default=15, ge=15, le=20)


class Page(Strict):
    """Page settings a plan may change; the decree sets their bounds."""

    margins: Margins = Margins()
    font_size: float = Field(default=14, ge=13, le=14)


Case = Literal["upper", "as-written"]


class TitleFormat(Strict):
    """How the titles of one level are written: upper-cased or as written, and their emphasis."""

    case: Case = "as-written"
    style: TitleStyle = "bold"


#: Decree 30's titles: the mục upper-cased and bold, a khoản bold, a điểm italic.
DEFAULT_TITLES = (TitleFormat(case="upper"), TitleFormat(), TitleFormat(style="italic"))


class Numbering(Strict):
    """How the body is numbered: a named ``style`` or the format of each ``levels`` (the
    mục's first), and how each level's ``titles`` are written (case and emphasis)."""

    style: Annotated[str, AfterValidator(numbering.check_style)] | None = None
    levels: list[Annotated[str, AfterValidator(numbering.check_format)]] | None = Field(
        default=None, min_length=1, max_length=8
    )
    titles: list[TitleFormat] | None = Field(default=None, max_length=8)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"style": value}
        if isinstance(value, list):
            return {"levels": value}
        return value

    @model_validator(mode="after")
    def _style_or_levels(self) -> Numbering:
        if self.style is not None and self.levels is not None:
            raise PydanticCustomError("style_and_levels", "style and levels")
        return self

    @property
    def formats(self) -> tuple[str, ...]:
        """The format of each level, the mục's first."""
        if self.levels is not None:
            return tuple(self.levels)
        return numbering.STYLES[self.style or numbering.DEFAULT_STYLE]

    def title(self, level: int) -> TitleFormat:
        """How titles of ``level`` (0 the mục) are written; below the given ones, as a điểm's."""
        titles = tuple(self.titles) if self.titles else DEFAULT_TITLES
        return titles[level] if level < len(titles) else titles[-1] if self.titles else DEFAULT_TITLES[-1]


class Section(Strict):
    """A mục ("I. MỤC ĐÍCH, YÊU CẦU"): free content, or one of the plan's lists.

    Its content is the short forms (``paragraphs``, ``items``, ``bullets``, then the list
    ``show`` names, then ``closing``) or ``body``, blocks in their own order.
    """

    id: Id | None = None
    title: Text
    numbering: Numbering | None = None
    paragraphs: list[Text] = []
    items: list[Item] = []
    bullets: list[Bullet] = []
    body: list[Block] = []
    show: Literal["phases", "units", "slogans"] | None = None
    closing: list[Text] = []

    @model_validator(mode="after")
    def _body_or_short_forms(self) -> Section:
        if self.body and (self.paragraphs or self.items or self.bullets):
            raise PydanticCustomError("body_and_short_forms", "body and short forms")
        return self


class Phase(Strict):
    """Một đợt: its span is composed from start and end, never typed as one string."""

    id: Id | None = None
    name: Text
    start: When
    end: When | None = None
    connector: Literal["đến", "và"] = "đến"
    description: Text | None = None
    paragraphs: list[Text] = []
    items: list[Item] = []
    bullets: list[Bullet] = []
    body: list[Block] = []

    @model_validator(mode="after")
    def _body_or_short_forms(self) -> Phase:
        if self.body and (self.paragraphs or self.items or self.bullets):
            raise PydanticCustomError("body_and_short_forms", "body and short forms")
        return self

    @property
    def key(self) -> str:
        """The id tasks use to name this phase ("dot-1" for "Đợt 1" when none is given)."""
        return self.id or vn.slug(self.name)


class Task(Strict):
    """A unit's task; its sub-items are the "+" lines under it."""

    id: Id | None = None
    text: Text
    bullets: list[Bullet] = []
    phase: str | None = None
    deadline: When | None = None
    with_: list[Text] = Field(default=[], alias="with")
    report: Report | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return text_or_mapping(value)


Relation = Literal["giao", "đề nghị"]


class Unit(Strict):
    """An agency the plan gives work to (giao) or asks to take part (đề nghị).

    ``in_sentence`` is its name inside a sentence when that is not its name as a heading
    ("các chủ đầu tư …"); a name starting with "Các", "Những"… is lowered there by itself.
    """

    id: Id
    name: Text
    in_sentence: Text | None = None
    relation: Relation = "giao"
    letters: bool = True
    tasks: list[Task] = []
    report: Report | None = None


class KeyTask(Strict):
    """A row of a task table (Phụ lục): lead and coordinating units, time, note."""

    text: Text
    lead: list[Text] = Field(min_length=1)
    with_: list[Text] = Field(default=[], alias="with")
    deadline: When | None = None
    note: Text | None = None


class Appendix(Strict):
    """Phụ lục: a title, then the key-task table (``show: key_tasks``), a ``table`` or
    free ``body`` blocks, and an optional ``closing`` block ("LÃNH ĐẠO ĐƠN VỊ", "(Ký tên,
    đóng dấu)"); on a portrait or a landscape page."""

    id: Id | None = None
    title: Text
    show: Literal["key_tasks"] | None = None
    table: Table | None = None
    body: list[Block] = []
    closing: list[Text] = []
    orientation: Literal["portrait", "landscape"] = "portrait"

    @model_validator(mode="after")
    def _one_content(self) -> Appendix:
        given = [k for k in ("show", "table", "body") if getattr(self, k)]
        if len(given) > 1:
            raise PydanticCustomError("appendix_contents", "one content", {"given": ", ".join(given)})
        return self

    @property
    def shows_key_tasks(self) -> bool:
        """The key-task table: asked for, or the content of an appendix given nothing else."""
        return self.show == "key_tasks" or not (self.table or self.body)


class Signer(Strict):
    """Chữ ký: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", optionally under "TM. ỦY BAN NHÂN DÂN"."""

    on_behalf: Text | None = None
    authority: Annotated[str, AfterValidator(_check_authority)] | None = None
    authority_title: Text | None = None
    title: Text | None = None
    name: Text
    after: list[Text] = []

    @model_validator(mode="after")
    def _check(self) -> Signer:
        if self.authority and not self.authority_title:
            raise PydanticCustomError("authority_without_title", "authority without title")
        return self

    @property
    def lines(self) -> list[str]:
        """Title lines above the signature, upper-cased (the State's forms: see :meth:`lines_in`)."""
        return self.lines_in(profiles.profile())

    def lines_in(self, rules: profiles.Profile) -> list[str]:
        """Title lines above the signature, upper-cased, "TM." written as the profile writes it."""
        out = []
        if self.on_behalf:
            out.append(f"{rules.signer.on_behalf} {vn.upper(self.on_behalf)}")
        if self.authority:
            out.append(f"{self.authority} {vn.upper(self.authority_title or '')}")
        if self.title:
            out.append(vn.upper(self.title))
        return out


_Item = TypeVar("_Item")


class Plan(Strict):
    """A whole plan.yaml."""

    profile: Literal["nhà nước", "đảng"] = "nhà nước"
    issuer: Issuer
    document: Document
    page: Page = Page()
    basis: list[Text] = []
    intro: list[Text] = []
    sections: list[Section] = Field(min_length=1)
    phases: list[Phase] = []
    units: list[Unit] = []
    key_tasks: list[KeyTask] = []
    slogans: list[Text] = []
    closing: Text | None = None
    recipients: list[Text] = []
    signer: Signer
    report: Report | None = None
    archive: list[Text] = []
    numbering: Numbering = Numbering()
    appendix_labels: Literal["I", "1", "01"] = "I"
    appendices: list[Appendix] = []

    @model_validator(mode="before")
    @classmethod
    def _single_paragraphs(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for key in ("basis", "intro"):
                if isinstance(value.get(key), str):
                    value = {**value, key: [value[key]]}
        return value

    @property
    def rules(self) -> profiles.Profile:
        """The rules of form of its family: Decree 30's, or the Party's."""
        return profiles.profile(self.profile)

    @property
    def symbol(self) -> str:
        """Number and symbol, e.g. "15/KH-UBND", "05-KH/ĐU"."""
        return self.rules.symbol(vn.number_text(self.document.number), self.document.type, self.issuer.abbr)

    @property
    def number_line(self) -> str:
        """The plan's number line: "Số: 15/KH-UBND", "Số 05-KH/ĐU"."""
        return self.rules.number_line(vn.number_text(self.document.number), self.document.type, self.issuer.abbr)

    @property
    def letter_number_line(self) -> str:
        """A công văn's number line, its number left blank: "Số:      /UBND-VHXH", "Số      -CV/ĐU"."""
        return self.rules.letter_number(vn.number_text(None), self.issuer.abbr, self.issuer.drafting_unit)

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with this id, if any (the first, should a plan repeat an id).

        Every letter names its partners, so a city's plan asks this millions of times: the
        units are indexed by id once, not searched each time.
        """
        found = self._index("_units_by_id", self.units, lambda unit: (unit.id,)).get(unit_id)
        return found[0] if found else None

    def key_tasks_led_by(self, unit_id: str) -> list[KeyTask]:
        """The appendix's key tasks this unit leads, in plan order (indexed once, as :meth:`unit`)."""
        return list(self._index("_key_tasks_by_lead", self.key_tasks, lambda task: task.lead).get(unit_id, ()))

    def _index(self, name: str, items: list[_Item], keys: Callable[[_Item], Iterable[str]]) -> dict[str, list[_Item]]:
        """``items`` by each of their keys, built once and kept beside the fields.

        Kept in the instance's ``__dict__``, as ``functools.cached_property`` keeps its value
        (pydantic leaves such entries out of dumps and equality). Built again when the list
        is another one or another length: ``model_copy`` copies the entry with the fields.
        """
        cached = self.__dict__.get(name)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            index: dict[str, list[_Item]] = {}
            for item in items:
                for key in dict.fromkeys(keys(item)):
                    index.setdefault(key, []).append(item)
            cached = self.__dict__[name] = (items, len(items), index)
        return cast(dict[str, list[_Item]], cached[2])

    def phase(self, key: str) -> Phase | None:
        """The phase with this id, if any."""
        return next((p for p in self.phases if p.key == key), None)
