"""Profiles: the rules of form of one family of documents, kept as data.

A ward's secretary writes the plans of its People's Committee (Decree 30/2020/NĐ-CP) and of
its Party committee (Quy định 399-QĐ/TW, Hướng dẫn 05-HD/VPTW), which differ in their header,
number, signer forms and Nơi nhận. Each family's rules are one file in ``profiles/``, every
rule with the source it comes from, so that a change of the rules is an edit of data. The
code asks a profile for the finished words ("Số 05-KH/ĐU", "T/M ĐẢNG ỦY", "- Lưu Đảng ủy.").
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

#: The profiles kehoach has, by the name a plan gives (``profile: đảng``) and their files.
PROFILES = {"nhà nước": "nha-nuoc.yaml", "đảng": "dang.yaml"}
DEFAULT = "nhà nước"


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Where the rule comes from: an article or section of a source the profile names.
    source: str


class HeaderRules(_Rules):
    """The top right lines (national title and motto, or "ĐẢNG CỘNG SẢN VIỆT NAM"), each
    under a rule as long as its last line; the "*" under the issuing body."""

    right: list[str]
    star: bool


class NumberRules(_Rules):
    """How the number line and the symbol are written, and when numbers start again."""

    document: str
    letter: str
    symbol: str
    resets: Literal["year", "term"]


class LetterRules(_Rules):
    """The subject of a công văn under its number: "V/v …", or "về việc …"."""

    subject: str


class SignerRules(_Rules):
    """The signing forms: on behalf of a body ("TM.", "T/M"), and every form allowed."""

    on_behalf: str
    authorities: list[str]


class RecipientRules(_Rules):
    """The "Nơi nhận" label, how each line ends, and the archive line."""

    label: str
    #: How each line ends ("- Sở Y tế;", "- Ban Tổ chức Tỉnh uỷ (báo cáo),").
    item_end: str
    archive: str
    #: The archive's entries when the plan gives none ("{drafting_unit}": the issuer's).
    default_archive: list[str]


class ParagraphStyle(BaseModel):
    """A paragraph style of the Word templates ("KH Cơ quan"): size in points, bold, italic,
    underlined, alignment, first-line indent in cm, space before in points, kept with the
    next paragraph. A profile that only changes some of a style gives only those."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    align: Literal["left", "center", "right", "both"] | None = None
    indent: float | None = None
    before: float | None = None
    keep: bool | None = None


class StyleRules(_Rules):
    """The templates' paragraph styles, by name."""

    paragraphs: dict[str, ParagraphStyle]


class Profile(BaseModel):
    """One family's rules of form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    sources: dict[str, str]
    header: HeaderRules
    number: NumberRules
    letter: LetterRules
    signer: SignerRules
    recipients: RecipientRules
    types: dict[str, str]
    #: The styles it sets; a profile other than the State's changes the State's where it says.
    styles: StyleRules

    def symbol(self, number: str, type_: str, body: str) -> str:
        """ "15/KH-UBND", "05-KH/ĐU"."""
        return self.number.symbol.format(number=number, type=type_, body=body)

    def number_line(self, number: str, type_: str, body: str) -> str:
        """The number line of a document with a type: "Số: 15/KH-UBND", "Số 05-KH/ĐU"."""
        return self.number.document.format(number=number, type=type_, body=body)

    def letter_number(self, number: str, body: str, unit: str) -> str:
        """The number line of a công văn: "Số: 123/UBND-VHXH", "Số 12-CV/ĐU"."""
        line = self.number.letter.format(number=number, body=body, unit=unit)
        return re.sub(r"-(?=/)|-$", "", line)  # no drafting unit: no dangling "-"

    def archive(self, entries: list[str]) -> str:
        """The last line of Nơi nhận: "- Lưu: VT, VHXH.", "- Lưu Đảng ủy."."""
        return self.recipients.archive.format(entries=", ".join(entries))


@functools.cache
def profile(name: str = DEFAULT) -> Profile:
    """The profile of this name, read once from its file."""
    text = resources.files("kehoach.text").joinpath("profiles", PROFILES[name]).read_text(encoding="utf-8")
    return Profile.model_validate(yaml.safe_load(text))


def all_types() -> dict[str, str]:
    """Every profile's document types (a plan's own profile checks its type)."""
    return {abbr: name for name_ in PROFILES for abbr, name in profile(name_).types.items()}


def all_authorities() -> list[str]:
    """Every profile's signing forms (a plan's own profile checks its signer)."""
    return list(dict.fromkeys(a for name in PROFILES for a in profile(name).signer.authorities))


def paragraph_styles(name: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a profile's templates: the State's, with the profile's changes."""
    merged = dict(profile(DEFAULT).styles.paragraphs)
    if name != DEFAULT:
        for style, change in profile(name).styles.paragraphs.items():
            base = merged.get(style, ParagraphStyle())
            merged[style] = base.model_copy(update=change.model_dump(exclude_none=True))
    return merged
