"""The slogan sheets: one landscape A4 page per slogan, in large bold type, for the print shop.

The plan calls for banners and panels carrying its slogans; the print shop works
from a sheet per slogan set as large as the page allows. Each slogan is broken
between words (never inside one) into one to five lines as even as possible,
and set in the size at which its widest line fills the text width, unless the
lines would then be taller than the page. Widths come from ``kehoach.text.metrics``
(Times New Roman bold), so the layout is decided here, in Python, and Word or
LibreOffice only place lines that already fit: sizes are rounded down to
half-points and keep a few per cent in hand, so neither re-wraps a line.

The page is landscape A4 with the plan's own margins (``plan.page.margins``: the
renderer sets them on every section, 30 mm left and 15 mm right by default), so
the text is centred in the same area Word centres it in.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docxtpl import RichText

from kehoach.plan.model import Plan
from kehoach.text import markup
from kehoach.text.metrics import text_width_pt

#: Landscape A4.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297.0, 210.0
PT_PER_MM = 72 / 25.4
#: Most lines a slogan is broken into; more would make a banner hard to read.
MAX_LINES = 8
#: Largest size, so a short slogan is not set in letters a hand high.
MAX_SIZE_PT = 160.0
#: Share of the text width the widest line may take: kept in hand for glyph
#: overhang and for a renderer that measures a little wider than the metrics.
WIDTH_FILL = 0.97
#: Height of a single-spaced line of Times New Roman, in ems (ascent, descent and
#: line gap: 2355/2048); the template's style is single-spaced.
LINE_HEIGHT_EM = 1.15
#: Share of the text height the lines may take.
HEIGHT_FILL = 0.95
#: Fewer lines are preferred while their size is at least this share of the largest.
FEWER_LINES_SHARE = 0.95


@dataclass(frozen=True)
class SloganSheet:
    """One page: the slogan broken into lines, the size they are set in, and the Word runs."""

    text: str
    lines: tuple[str, ...]
    size_pt: float
    #: The same size as Word stores it (w:sz), in half-points.
    size_half_points: int
    #: The lines in bold at ``size_half_points``, joined by line breaks: ``{{r s.runs }}``.
    runs: RichText = field(compare=False, repr=False)


@dataclass(frozen=True)
class SlogansView:
    """Every slogan of the plan, one sheet each, and the text area they were laid out in."""

    sheets: list[SloganSheet]
    width_pt: float
    height_pt: float


def slogans_view(plan: Plan) -> SlogansView:
    """The sheets for the plan's slogans, laid out in the text area of its landscape pages."""
    m = plan.page.margins
    width = (PAGE_WIDTH_MM - m.left - m.right) * PT_PER_MM
    height = (PAGE_HEIGHT_MM - m.top - m.bottom) * PT_PER_MM
    sheets = [slogan_sheet(markup.plain(slogan), width, height) for slogan in plan.slogans]
    return SlogansView(sheets, width, height)


def slogan_sheet(text: str, width_pt: float, height_pt: float) -> SloganSheet:
    """The number of lines, breaks and size that set ``text`` largest in the given area.

    Each count of lines from one to ``MAX_LINES`` gets its most even breaks and the
    largest size they fit at; the fewest lines whose size is within
    ``FEWER_LINES_SHARE`` of the largest win (a line more for a size 2 % larger only
    chops the slogan up).
    """
    words = text.split()
    if not words:
        raise ValueError("a slogan needs at least one word")
    options: list[tuple[int, tuple[str, ...]]] = []
    for n in range(1, min(MAX_LINES, len(words)) + 1):
        lines = break_lines(words, n)
        widest = max(line_width(line, 1.0) for line in lines)
        size = min(width_pt * WIDTH_FILL / widest, height_pt * HEIGHT_FILL / (n * LINE_HEIGHT_EM), MAX_SIZE_PT)
        options.append((math.floor(size * 2), lines))
    largest = max(half_points for half_points, _ in options)
    half_points, lines = next(o for o in options if o[0] >= largest * FEWER_LINES_SHARE)
    return SloganSheet(text, lines, half_points / 2, half_points, runs(lines, half_points))


def runs(lines: tuple[str, ...], half_points: int) -> RichText:
    """One bold run at the sheet's size; docxtpl turns each newline into a line break (w:br)."""
    rich = RichText()
    rich.add("\n".join(lines), size=half_points, bold=True)
    return rich


def line_width(line: str, size_pt: float) -> float:
    """Width of a line in points, in Times New Roman bold."""
    return text_width_pt(line, size_pt, bold=True)


def break_lines(words: list[str], n: int) -> tuple[str, ...]:
    """``words`` in ``n`` lines, breaking only between words, as even as possible.

    First the least possible width of the widest line; then, among the breaks that
    keep every line within it, the one with the least sum of squared line widths
    (the total is the same for every break, so this evens the other lines out too).
    Both by dynamic programming over the words' widths.
    """
    if not 1 <= n <= len(words):
        raise ValueError(f"cannot set {len(words)} words in {n} lines")
    space = line_width(" ", 1.0)
    ends = [0.0]
    for word in words:
        ends.append(ends[-1] + line_width(word, 1.0))

    def width(i: int, j: int) -> float:  # words[i:j] on one line
        return ends[j] - ends[i] + (j - i - 1) * space

    limit = _least_widest(len(words), n, width) * (1 + 1e-9)
    starts = _evenest(len(words), n, width, limit)
    lines: list[str] = []
    j = len(words)
    for k in range(n, 0, -1):
        i = starts[k][j]
        lines.append(" ".join(words[i:j]))
        j = i
    return tuple(reversed(lines))


def _least_widest(count: int, n: int, width: Callable[[int, int], float]) -> float:
    """The least width of the widest line, setting ``count`` words in ``n`` lines."""
    # widest[k][j]: the least widest line setting the first j words in k lines
    widest = [[math.inf] * (count + 1) for _ in range(n + 1)]
    widest[0][0] = 0.0
    for k in range(1, n + 1):
        for j in range(k, count + 1):
            widest[k][j] = min(max(widest[k - 1][i], width(i, j)) for i in range(k - 1, j))
    return widest[n][count]


def _evenest(count: int, n: int, width: Callable[[int, int], float], limit: float) -> list[list[int]]:
    """For each k and j, where the k-th line starts in the evenest break of the first j words.

    Evenest: the least sum of squared line widths, with no line wider than ``limit``.
    """
    squares = [[math.inf] * (count + 1) for _ in range(n + 1)]
    starts = [[0] * (count + 1) for _ in range(n + 1)]
    squares[0][0] = 0.0
    for k in range(1, n + 1):
        for j in range(k, count + 1):
            for i in range(k - 1, j):
                w = width(i, j)
                if w <= limit and squares[k - 1][i] + w * w < squares[k][j]:
                    squares[k][j] = squares[k - 1][i] + w * w
                    starts[k][j] = i
    return starts


def sheet_context(view: SlogansView) -> dict[str, Any]:
    """The template's context; the same as ``render.to_context(view)`` gives."""
    return {
        "sheets": [
            {
                "text": s.text,
                "lines": list(s.lines),
                "size_pt": s.size_pt,
                "size_half_points": s.size_half_points,
                "runs": s.runs,
            }
            for s in view.sheets
        ],
        "width_pt": view.width_pt,
        "height_pt": view.height_pt,
    }
