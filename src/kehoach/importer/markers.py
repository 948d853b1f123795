"""The marker a paragraph starts with, as a numbering format of :mod:`kehoach.text.numbering`.

"II." is a mục ("I."), "3." a khoản ("1."), "2.1." a sub-khoản ("1.1."), "b)" a điểm
("a)", or "a." / "a/"), "-" and "+" list lines. The number is kept too, so that two "III."
in a row can be reported: kehoach numbers the plan itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.text import vn

_ROMAN = re.compile(r"^(?P<n>[IVXLC]+)\s*[.:]\s+(?P<rest>\S.*)$")
_MULTI = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<n>\d{1,2})(?P<end>[.)])\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[a-zđ])(?P<end>[).\/])\s+(?P<rest>\S.*)$")
#: "- text", "+ text"; "- + text" (a "+" line whose "-" the extraction kept) is a "+" line.
_LINE = re.compile(r"^(?:[-–—]\s+(?=\+))?(?P<mark>[-–—+•])\s*(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Marker:
    """A paragraph's marker: its format ("I.", "1.", "1.1.", "a)", "-"…), its number (0 for
    list lines) and the text after it."""

    format: str
    number: int
    rest: str
    #: Not in the source: a number the extraction lost, put back (see importer.body).
    guessed: bool = False

    @property
    def numbered(self) -> bool:
        """Whether the marker counts (not a "-" or "+" line)."""
        return self.format not in ("-", "+", "•")


def _roman_value(text: str) -> int:
    for number in range(1, 40):
        if vn.roman(number) == text:
            return number
    return 0


def marker(text: str) -> Marker | None:
    """The marker ``text`` starts with, or None for a paragraph of running text."""
    if m := _ROMAN.match(text):
        number = _roman_value(m["n"])
        return Marker("I.", number, m["rest"]) if number else None
    if m := _MULTI.match(text):
        depth = m["n"].count(".") + 1
        return Marker(".".join(["1"] * depth) + ".", int(m["n"].split(".")[-1]), m["rest"])
    if m := _ARABIC.match(text):
        return Marker("1." if m["end"] == "." else "1)", int(m["n"]), m["rest"])
    if m := _LETTER.match(text):
        return Marker(f"a{m['end']}", vn.LETTERS.index(m["n"]) + 1, m["rest"])
    if m := _LINE.match(text):
        mark = {"–": "-", "—": "-"}.get(m["mark"], m["mark"])
        return Marker(mark, 0, m["rest"])
    return None
