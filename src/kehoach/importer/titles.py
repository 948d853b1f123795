"""A mục numbered or titled otherwise than the rest of the plan: its own ``numbering``.

A plan may give one mục deeper levels ("3.1." under "3.") and its titles another emphasis
(the điểm's bold-italic instead of italic): kehoach writes that mục's ``numbering`` with
``titles``, the others keep the plan's. A Word file shows each title's case and emphasis, so
a mục whose titles are written otherwise than Decree 30's default, while most mục keep it,
is given its own numbering again; its levels stay out of the plan's style.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kehoach.importer.outline import Node, numbering_style, style_of
from kehoach.plan.model import DEFAULT_TITLES
from kehoach.text import vn

#: A title's case and emphasis, as a plan's ``titles`` writes it.
Format = tuple[str, str]
_DEFAULT: list[Format] = [(t.case, t.style) for t in DEFAULT_TITLES]


def plan_titles(root: Node, top: str) -> list[dict[str, str]] | None:
    """The plan's ``titles`` where most mục write their titles otherwise than Decree 30's default
    (a plan whose mục titles are bold as written, not upper-cased): each level as most mục that
    show it write it; None when most mục keep the default."""
    sections = [node for node in root.children if node.format == top]
    titled = [_titles(node) for node in sections]
    if sum(1 for seen in titled if _differs(seen, _DEFAULT)) * 2 <= len(sections):
        return None  # most mục keep Decree 30's titles: those that do not have their own numbering
    found = _shared(titled)
    if not found or all(seen == _DEFAULT[min(level, len(_DEFAULT) - 1)] for level, seen in found.items()):
        return None
    return [{"case": case, "style": emphasis} for case, emphasis in _filled(found)]


def _shared(titled: list[dict[int, Format]]) -> dict[int, Format]:
    """Each level's format most mục that show the level agree on (more than half of them)."""
    out: dict[int, Format] = {}
    for level in sorted({level for seen in titled for level in seen}):
        counts = Counter(seen[level] for seen in titled if level in seen)
        (common, n), total = counts.most_common(1)[0], sum(counts.values())
        if n * 2 > total:
            out[level] = common
    return out


def own_numbering(root: Node, top: str) -> dict[int, dict[str, Any]]:
    """The mục (by ``id`` of their node) that need their own numbering, and that numbering;
    none when most mục are written otherwise (then that is the plan's way, not a mục's)."""
    sections = [node for node in root.children if node.format == top]
    titled = {id(node): _titles(node) for node in sections}
    shared = plan_titles(root, top)  # the plan's own way, where most mục share one, else Decree 30's
    baseline = [(t["case"], t["style"]) for t in shared] if shared else _DEFAULT
    odd = [node for node in sections if _differs(titled[id(node)], baseline)]
    if not odd or len(odd) * 2 > len(sections):
        return {}
    out = {}
    for node in odd:
        levels = style_of(Node(None, None, [node]), top)
        style = numbering_style(levels)
        found: dict[str, Any] = {"style": style} if style else {"levels": list(levels)}
        own = _filled(titled[id(node)], baseline)
        found["titles"] = [{"case": case, "style": emphasis} for case, emphasis in own]
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
    if para.hint in ("heading", "section") and para.where.startswith("đoạn"):
        return _case(node.text), "plain"  # a Word paragraph shows its emphasis: here none
    return None


def _case(text: str) -> str:
    return "upper" if any(c.isalpha() for c in text) and vn.upper(text) == text else "as-written"


def _differs(titled: dict[int, Format], baseline: list[Format]) -> bool:
    return any(seen != baseline[min(level, len(baseline) - 1)] for level, seen in titled.items())


def _filled(titled: dict[int, Format], baseline: list[Format] = _DEFAULT) -> list[Format]:
    """The formats from the mục down to the deepest level seen, a level not seen as ``baseline``."""
    deepest = max(titled)
    return [titled.get(level, baseline[min(level, len(baseline) - 1)]) for level in range(deepest + 1)]
