"""How wide a line of Times New Roman text is, without the font installed.

The widths come from Liberation Serif, which is metric-compatible with Times New
Roman (same advance width for every glyph); ``tools/build_metrics.py`` made the
table. kehoach needs them for the decree's rules: the line under the motto is
exactly as long as the motto.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TypedDict

#: Twentieths of a point per point.
TWIPS_PER_PT = 20


class _Metrics(TypedDict):
    """The shape of ``data/font-metrics.json``: advance widths per face, in font units."""

    faces: dict[str, dict[str, int]]
    units_per_em: int


@cache
def _table() -> _Metrics:
    raw = resources.files("kehoach").joinpath("data/font-metrics.json").read_text("utf-8")
    table: _Metrics = json.loads(raw)
    return table


def _face(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold-italic"
    return "bold" if bold else "italic" if italic else "regular"


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in points (kerning off, as Word sets it by default)."""
    table = _table()
    widths = table["faces"][_face(bold, italic)]
    fallback = widths["n"]
    units = sum(widths.get(ch, fallback) for ch in text)
    return units * size_pt / table["units_per_em"]
