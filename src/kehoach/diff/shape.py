"""A mục's layout as its reader sees it, so that two ways of writing the same mục compare equal.

A plan may write a mục's content in short forms (``paragraphs``, ``items``, ``bullets``) or as
``body`` blocks, give a title in capitals that its numbering upper-cases anyway, name a list's
"-" marker or leave it to the default, write one "-" list as several, give a numbering whose
differences no title shows; and ids, and the parts a notice names by id, are seen by nobody (a
notice is compared by what it says, in :func:`kehoach.diff.texts.notice_texts`). What is left
is what the documents show.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kehoach.plan import outline
from kehoach.plan.blocks import Block, Item
from kehoach.plan.model import Numbering, Plan, Section
from kehoach.text import numbering, vn

#: Names a reader never sees: the ids of parts, and the parts a notice names by id.
_UNSEEN = frozenset({"id", "prepare", "team", "appendix"})
#: The ways a mục or item may write its content: one form, its blocks, for all.
_CONTENT = frozenset({"paragraphs", "items", "bullets", "body"})


def shown_title(plan: Plan, section: Section) -> str:
    """A mục's title as the plan shows it: upper-cased where its numbering says so."""
    upper = outline.formats(plan, section).title(0).case == "upper"
    return vn.upper(section.title) if upper else section.title


def section(plan: Plan, part: Section) -> Any:
    """The mục as plain data: its title as shown, its content as blocks, levels' defaults applied."""
    style = outline.formats(plan, part)
    data = part.model_dump(exclude_defaults=True, exclude=set(_CONTENT) | {"numbering"})
    shown = {"title": shown_title(plan, part), "marker": style.formats[0], "style": style.title(0).style}
    return _data({**data, **shown}) | {"content": _blocks(outline.content(part), style, 1)}


def _blocks(blocks: list[Block], style: Numbering, level: int) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        data = _data(block.model_dump(exclude_defaults=True, exclude={"items", "team"}))
        if block.lines is not None:
            data["marker"] = block.marker or numbering.UNNUMBERED[0]
        if block.team is not None:
            data["team"] = _data(block.team.model_dump(exclude_defaults=True))
        if block.items is not None:
            data["items"] = [_item(item, style, level) for item in block.items]
        if _goes_on(out, data):
            out[-1]["lines"] += data["lines"]  # two "-" lists one after the other read as one
        else:
            out.append(data)
    return out


def _goes_on(out: list[Any], data: dict[str, Any]) -> bool:
    """A list of "-", "+" or "•" lines right after a list of the same marks."""
    if not out or set(data) != {"lines", "marker"} or data["marker"] not in numbering.UNNUMBERED:
        return False
    return set(out[-1]) == {"lines", "marker"} and out[-1]["marker"] == data["marker"]


def _item(item: Item, style: Numbering, level: int) -> Any:
    """An item as shown: its number's format, its title's case and emphasis (its own or its
    level's), its text, its content."""
    title = style.title(level)
    data = _data(item.model_dump(exclude_defaults=True, exclude=set(_CONTENT)))
    data["marker"] = style.formats[level] if level < len(style.formats) else "-"
    if item.title:
        data["title"] = vn.upper(item.title) if title.case == "upper" else item.title
        data["title_style"] = item.title_style or title.style
    return data | {"content": _blocks(outline.content(item), style, level + 1)}


def _data(value: Any) -> Any:
    """Plain data without the names nobody reads."""
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_defaults=True)
    if isinstance(value, dict):
        return {k: _data(v) for k, v in value.items() if not (k in _UNSEEN and isinstance(v, str))}
    if isinstance(value, list):
        return [_data(v) for v in value]
    return value
