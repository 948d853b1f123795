"""Lists of paragraphs compared (added, removed, reworded), and the paragraphs of a mục or a phase."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from kehoach.diff.changes import TextChange
from kehoach.diff.pairing import Pairs, pair_items, word_diff
from kehoach.plan.model import Bullet, Item, Phase, Section

T = TypeVar("T")


def diff_texts(old: Sequence[str], new: Sequence[str], pairs: Pairs | None = None) -> tuple[TextChange, ...]:
    """Added, removed and reworded paragraphs of a list, similar texts paired as rewordings."""
    pairs = pair_items(old, new) if pairs is None else pairs
    return assemble(
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


def assemble(
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


def flatten_bullets(items: list[Bullet]) -> Iterator[str]:
    """The texts of bullets and their sub-bullets, in reading order."""
    for item in items:
        yield item.text
        yield from flatten_bullets(item.bullets)


def _flatten_items(items: list[Item]) -> Iterator[str]:
    for item in items:
        yield from (text for text in (item.title, item.text) if text)
        yield from item.paragraphs
        yield from _flatten_items(item.items)
        yield from flatten_bullets(item.bullets)


def section_texts(part: Section | Phase) -> list[str]:
    """The texts of a mục or a phase's body, in reading order, as one list of paragraphs."""
    texts = [*part.paragraphs, *_flatten_items(part.items), *flatten_bullets(part.bullets)]
    return texts + list(part.closing) if isinstance(part, Section) else texts
