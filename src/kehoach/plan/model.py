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
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kehoach.plan.when import When
from kehoach.text import markup, vn

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _clean_text(value: Any) -> Any:
    """One line of running text: spaces collapsed, no characters XML cannot hold."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    reject_control(value)
    return " ".join(value.split())


def reject_control(value: str) -> None:
    """A character XML cannot hold is an error at its value, not a document Word refuses."""
    if bad := markup.CONTROL.search(value):
        raise PydanticCustomError("control_character", "control character", {"char": f"U+{ord(bad.group()):04X}"})


def _non_empty(value: str) -> str:
    if not value:
        raise PydanticCustomError("empty_text", "empty text")
    return value


#: Names Windows keeps for devices: a file "con.docx" cannot be created there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_ID = 60


def _check_slug(value: str) -> str:
    """Ids name output files, so they must be safe file names on every system."""
    if not _SLUG.match(value) or len(value) > MAX_ID or value in _RESERVED:
        suggestion = vn.slug(value)[:MAX_ID].strip("-") or "don-vi"
        if suggestion in _RESERVED:
            suggestion += "-1"
        raise PydanticCustomError("bad_id", "bad id", {"suggestion": suggestion})
    return value


#: "15/KH-UBND": number, then the symbol's groups (type and issuing body).
SYMBOL = re.compile(r"^(?P<number>\d{1,5})/(?P<type>[^\s/-]+)-(?P<body>[^\s/]+)$")


#: The largest document number: the symbol's form allows five digits, and the number is
#: part of the file name, so an absurd one must stop here rather than at the file system.
MAX_NUMBER = 99_999


def _number(value: Any) -> Any:
    """``15``, or the whole "15/KH-UBND" as the document shows it (checked against type and body)."""
    if isinstance(value, str) and not (value.strip().isascii() and value.strip().isdigit()):
        match = SYMBOL.match(value.strip())
        if match is None:
            raise PydanticCustomError("bad_symbol", "bad symbol", {"text": value})
        return int(match["number"])
    if _too_large(value):
        raise PydanticCustomError("number_too_large", "number too large", {"limit": MAX_NUMBER})
    return value


def _too_large(value: Any) -> bool:
    if isinstance(value, str):
        return len(value.strip().lstrip("0")) > len(str(MAX_NUMBER))
    return isinstance(value, int) and not isinstance(value, bool) and value > MAX_NUMBER


def _check_type(value: str) -> str:
    if value not in vn.DOCUMENT_TYPES:
        raise PydanticCustomError("unknown_document_type", "unknown type", {"types": ", ".join(vn.DOCUMENT_TYPES)})
    return value


def _check_authority(value: str) -> str:
    if value not in vn.AUTHORITIES:
        raise PydanticCustomError("unknown_authority", "unknown authority", {"allowed": ", ".join(vn.AUTHORITIES)})
    return value


Text = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_non_empty)]
Id = Annotated[str, AfterValidator(_check_slug)]


class Strict(BaseModel):
    """Unknown keys are mistakes (a misspelt key would otherwise vanish silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _text_or_mapping(value: Any) -> Any:
    """Lets a list hold plain strings where an item has nothing but its text."""
    return {"text": value} if isinstance(value, str) else value


class Bullet(Strict):
    """A "-" line; its own bullets are "+" lines."""

    text: Text
    bullets: list[Bullet] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return _text_or_mapping(value)


TitleStyle = Literal["bold", "italic", "bold-italic", "plain"]


class Item(Strict):
    """A numbered khoản ("1.") or điểm ("a)"), with an optional title and children."""

    title: Text | None = None
    title_style: TitleStyle | None = None
    text: Text | None = None
    paragraphs: list[Text] = []
    items: list[Item] = []
    bullets: list[Bullet] = []

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return _text_or_mapping(value)

    @model_validator(mode="after")
    def _has_content(self) -> Item:
        if not (self.title or self.text):
            raise PydanticCustomError("item_without_text", "item without title or text")
        return self


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
    subject: Text

    @model_validator(mode="after")
    def _check(self) -> Document:
        if self.date is None and self.year is None:
            raise PydanticCustomError("date_or_year", "date or year")
        return self

    @property
    def type_name(self) -> str:
        """The type's name, e.g. "Kế hoạch" for KH."""
        return vn.DOCUMENT_TYPES[self.type]

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


class Section(Strict):
    """A mục ("I. MỤC ĐÍCH, YÊU CẦU"): free content, or one of the plan's lists."""

    title: Text
    paragraphs: list[Text] = []
    items: list[Item] = []
    bullets: list[Bullet] = []
    show: Literal["phases", "units", "slogans"] | None = None
    closing: list[Text] = []


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

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return _text_or_mapping(value)


Relation = Literal["giao", "đề nghị"]


class Unit(Strict):
    """An agency the plan gives work to (giao) or asks to take part (đề nghị)."""

    id: Id
    name: Text
    relation: Relation = "giao"
    tasks: list[Task] = []


class KeyTask(Strict):
    """A row of a task table (Phụ lục): lead and coordinating units, time, note."""

    text: Text
    lead: list[Text] = Field(min_length=1)
    with_: list[Text] = Field(default=[], alias="with")
    deadline: When | None = None
    note: Text | None = None


class Appendix(Strict):
    """Phụ lục: a titled table of the plan's key tasks."""

    title: Text
    show: Literal["key_tasks"] = "key_tasks"


class Signer(Strict):
    """Chữ ký: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", optionally under "TM. ỦY BAN NHÂN DÂN"."""

    on_behalf: Text | None = None
    authority: Annotated[str, AfterValidator(_check_authority)] | None = None
    authority_title: Text | None = None
    title: Text | None = None
    name: Text

    @model_validator(mode="after")
    def _check(self) -> Signer:
        if self.authority and not self.authority_title:
            raise PydanticCustomError("authority_without_title", "authority without title")
        return self

    @property
    def lines(self) -> list[str]:
        """Title lines above the signature, upper-cased."""
        out = []
        if self.on_behalf:
            out.append(f"TM. {vn.upper(self.on_behalf)}")
        if self.authority:
            out.append(f"{self.authority} {vn.upper(self.authority_title or '')}")
        if self.title:
            out.append(vn.upper(self.title))
        return out


_Item = TypeVar("_Item")


class Plan(Strict):
    """A whole plan.yaml."""

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
    def symbol(self) -> str:
        """Number and symbol, e.g. "15/KH-UBND"."""
        return vn.symbol(self.document.number, self.document.type, self.issuer.abbr)

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
