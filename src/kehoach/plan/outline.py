"""The body in reading order, and the number of every mục and item in it.

A part's content is its ``body`` blocks or, written in the short forms, its paragraphs,
items and bullets in that order, as the same blocks; numbered items continue their count
across the item blocks of one part. The views number what they print and the references
(:mod:`kehoach.plan.refs`) name what they point at with this one walk, so the two never
disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kehoach.plan.blocks import Block, Bullet, Item, Line, Table, Team
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import Numbering, Phase, Plan, Section
from kehoach.text import numbering

#: The "-", "+", "•" of bullets written in the short form, by depth.
BULLET_MARKS = numbering.UNNUMBERED


def content(part: Section | Item | Phase) -> list[Block]:
    """The blocks of a mục, item or phase in reading order."""
    if part.body:
        return list(part.body)
    blocks = [Block(text=text) for text in part.paragraphs]
    if part.items:
        blocks.append(Block(items=part.items))
    if part.bullets:
        blocks.append(Block(lines=bullet_lines(part.bullets, 0), marker=BULLET_MARKS[0]))
    return blocks


def bullet_lines(bullets: list[Bullet], depth: int) -> list[Line]:
    """Bullets as list lines, each level with its marker ("-", then "+", then "•")."""
    below = BULLET_MARKS[min(depth + 1, len(BULLET_MARKS) - 1)]
    return [
        Line(text=b.text, lines=bullet_lines(b.bullets, depth + 1), marker=below if b.bullets else None)
        for b in bullets
    ]


@dataclass(frozen=True)
class Numbered:
    """An item with its level (1 a khoản), its numbers from the mục down and its marker."""

    item: Item
    level: int
    numbers: tuple[int, ...]
    marker: str
    label: str


def formats(plan: Plan, section: Section | None = None) -> Numbering:
    """The numbering of a mục: its own, else the plan's."""
    return section.numbering if section is not None and section.numbering is not None else plan.numbering


def section_marker(plan: Plan, number: int, section: Section) -> str:
    """The mục's marker: "VI." in Decree 30's style, "6." in a decimal one."""
    return numbering.marker(numbering.level_format(formats(plan, section).formats, 0), (number,))


def section_label(plan: Plan, number: int, section: Section) -> str:
    """The mục as a reference names it: "VI"."""
    return numbering.label(numbering.level_format(formats(plan, section).formats, 0), (number,))


def numbered(blocks: list[Block], style: Numbering, numbers: tuple[int, ...]) -> Iterator[tuple[int, Numbered]]:
    """The items of ``blocks`` (indexed by their block), numbered in a row under ``numbers``."""
    count = 0
    level = len(numbers)
    fmt = numbering.level_format(style.formats, level)
    for index, block in enumerate(blocks):
        for item in block.numbered or []:
            count += 1
            own = (*numbers, count)
            yield index, Numbered(item, level, own, numbering.marker(fmt, own), numbering.label(fmt, own))


def walk(blocks: list[Block], style: Numbering, numbers: tuple[int, ...]) -> Iterator[Numbered]:
    """Every item under ``blocks``, depth first, in reading order."""
    for _, found in numbered(blocks, style, numbers):
        yield found
        yield from walk(content(found.item), style, found.numbers)


def tables(plan: Plan) -> Iterator[tuple[KeyPath, Table]]:
    """Every table of the plan with the key path the file gives it."""
    for i, section in enumerate(plan.sections):
        yield from _tables_in_part(section, ("sections", i))
    for i, appendix in enumerate(plan.appendices):
        if appendix.table is not None:
            yield ("appendices", i, "table"), appendix.table
        yield from _tables_in_blocks(appendix.body, ("appendices", i, "body"))


def _tables_in_part(part: Section | Item, path: KeyPath) -> Iterator[tuple[KeyPath, Table]]:
    yield from _tables_in_blocks(part.body, (*path, "body"))
    for k, item in enumerate(part.items):
        yield from _tables_in_part(item, (*path, "items", k))


def _tables_in_blocks(blocks: list[Block], path: KeyPath) -> Iterator[tuple[KeyPath, Table]]:
    for j, block in enumerate(blocks):
        if block.table is not None:
            yield (*path, j, "table"), block.table
        for k, item in enumerate(block.items or []):
            yield from _tables_in_part(item, (*path, j, "items", k))


def teams(plan: Plan) -> Iterator[Team]:
    """Every team of the plan's body and appendices, in reading order."""
    for section in plan.sections:
        yield from _teams_in(content(section))
    for appendix in plan.appendices:
        yield from _teams_in(appendix.body)


def _teams_in(blocks: list[Block]) -> Iterator[Team]:
    for block in blocks:
        if block.team is not None:
            yield block.team
        for item in block.items or []:
            yield from _teams_in(content(item))
