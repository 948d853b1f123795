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

#: Twentieths of a point per point.
TWIPS_PER_PT = 20


@cache
def _table() -> dict:
    raw = resources.files("kehoach").joinpath("data/font-metrics.json").read_text("utf-8")
    return json.loads(raw)


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
