"""A mục numbered or titled otherwise than the rest of the plan: its own ``numbering``.

A plan may give one mục deeper levels ("3.1." under "3.") and its titles another emphasis
(the điểm's bold-italic instead of italic): kehoach writes that mục's ``numbering`` with
``titles``, the others keep the plan's. A Word file shows each title's case and emphasis, so
a mục whose titles are written otherwise than Decree 30's default, while most mục keep it,
is given its own numbering again; its levels stay out of the plan's style.
"""

from __future__ import annotations

from typing import Any

from kehoach.importer.outline import Node, numbering_style, style_of
from kehoach.plan.model import DEFAULT_TITLES
from kehoach.text import vn

#: A title's case and emphasis, as a plan's ``titles`` writes it.
Format = tuple[str, str]
_DEFAULT: list[Format] = [(t.case, t.style) for t in DEFAULT_TITLES]


def own_numbering(root: Node, top: str) -> dict[int, dict[str, Any]]:
    """The mục (by ``id`` of their node) that need their own numbering, and that numbering;
    none when most mục are written otherwise (then that is the plan's way, not a mục's)."""
    sections = [node for node in root.children if node.format == top]
    titled = {id(node): _titles(node) for node in sections}
    odd = [node for node in sections if _differs(titled[id(node)])]
    if not odd or len(odd) * 2 > len(sections):
        return {}
    out = {}
    for node in odd:
        levels = style_of(Node(None, None, [node]), top)
        style = numbering_style(levels)
        found: dict[str, Any] = {"style": style} if style else {"levels": list(levels)}
        found["titles"] = [{"case": case, "style": emphasis} for case, emphasis in _filled(titled[id(node)])]
        out[id(node)] = found
    return out


def _titles(section: Node) -> dict[int, Format]:
    """Each level's title format as the mục shows it (level 0 the mục's own), where one is seen."""
    found: dict[int, Format] = {}

    def walk(node: Node, level: int) -> None:
        seen = _format(node)
        if seen is not None:
            found.setdefault(level, seen)
        for child in node.children:
            if child.kind == "i":
                walk(child, level + 1)

    walk(section, 0)
    return found


def _format(node: Node) -> Format | None:
    """A title's case and emphasis: the emphasised start of a khoản, or a heading all in one emphasis."""
    para = node.para
    if para is None:
        return None
    if para.title and para.title_style:
        return _case(para.title), para.title_style
    if para.hint in ("heading", "section") and para.emphasis:
        return _case(node.text), para.emphasis
    return None


def _case(text: str) -> str:
    return "upper" if any(c.isalpha() for c in text) and vn.upper(text) == text else "as-written"


def _differs(titled: dict[int, Format]) -> bool:
    return any(seen != _DEFAULT[min(level, len(_DEFAULT) - 1)] for level, seen in titled.items())


def _filled(titled: dict[int, Format]) -> list[Format]:
    """The formats from the mục down to the deepest level seen, a level not seen as by default."""
    deepest = max(titled)
    return [titled.get(level, _DEFAULT[min(level, len(_DEFAULT) - 1)]) for level in range(deepest + 1)]
