"""The field types every part of a plan is made of: running text, ids, strict models.

Kept apart from the models so the blocks of a body (:mod:`kehoach.plan.blocks`) and the
plan (:mod:`kehoach.plan.model`) are built of the same pieces.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from kehoach.text import markup, vn

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def clean_text(value: Any) -> Any:
    """One line of running text: spaces collapsed, no characters XML cannot hold."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    reject_control(value)
    cleaned = " ".join(value.split())
    return value if cleaned == value else cleaned  # the same text kept (the loader holds each once)


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


Text = Annotated[str, BeforeValidator(clean_text), AfterValidator(_non_empty)]
#: Texts that may be written as one when there is one: ``lead: so-du-lich``.
Texts = Annotated[list[Text], BeforeValidator(lambda value: [value] if isinstance(value, str) else value)]
Id = Annotated[str, AfterValidator(_check_slug)]


class Strict(BaseModel):
    """Unknown keys are mistakes (a misspelt key would otherwise vanish silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def text_or_mapping(value: Any) -> Any:
    """Lets a list hold plain strings where an item has nothing but its text."""
    return {"text": value} if isinstance(value, str) else value
