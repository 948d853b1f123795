"""How the parts of a Vietnamese plan are numbered: mục, khoản, điểm and list markers.

Decree 30 numbers a plan I. / 1. / a) and leaves the lines under a điểm to "-" and "+";
real plans also number 1. / 1.1. / 1.1.1., 1. / 1.1. / a), I. / 1. / 1.1. / a), and write a
điểm "a." or "a/". A numbering style is the format of each level, from the mục down, chosen
by name (:data:`STYLES`) or written out as a list of formats (:data:`FORMATS`). A format
with several numbers ("1.1.") takes the numbers of as many levels, its own the last.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError

from kehoach.text import vn

#: Level formats: roman, arabic, arabic joined with the levels above, letters, and the
#: numbered list markers; "-", "+" and "•" are unnumbered.
NUMBERED = ("I.", "1.", "1.1.", "1.1.1.", "1.1.1.1.", "a)", "a.", "a/", "1)")
UNNUMBERED = ("-", "+", "•")
FORMATS = NUMBERED + UNNUMBERED

#: Named styles, the mục's format first. The first is Decree 30's and the default.
STYLES: dict[str, tuple[str, ...]] = {
    "I-1-a": ("I.", "1.", "a)"),
    "I-1-a.": ("I.", "1.", "a."),
    "I-1-a/": ("I.", "1.", "a/"),
    "I-1-1.1-a": ("I.", "1.", "1.1.", "a)"),
    "1-1.1-a": ("1.", "1.1.", "a)"),
    "1-1.1-1.1.1": ("1.", "1.1.", "1.1.1."),
}
DEFAULT_STYLE = "I-1-a"
#: Below its last numbered level a plan goes on with "-" lines, as Decree 30's plans do.
BELOW = "-"


def check_format(value: str) -> str:
    """A level's format, as :data:`FORMATS` lists them."""
    if value not in FORMATS:
        raise PydanticCustomError("unknown_numbering_format", "unknown format", {"formats": " ".join(FORMATS)})
    return value


def check_marker(value: str) -> str:
    """A list's marker: any format but roman numerals (which number mục only)."""
    if value not in FORMATS or value == "I.":
        raise PydanticCustomError("unknown_marker", "unknown marker", {"markers": " ".join(FORMATS[1:])})
    return value


def check_style(value: str) -> str:
    """A named style, as :data:`STYLES` lists them."""
    if value not in STYLES:
        raise PydanticCustomError("unknown_numbering_style", "unknown style", {"styles": ", ".join(STYLES)})
    return value


def level_format(formats: tuple[str, ...], level: int) -> str:
    """The format of ``level`` (0 the mục); below the style's levels, "-"."""
    return formats[level] if level < len(formats) else BELOW


def marker(fmt: str, numbers: tuple[int, ...]) -> str:
    """The marker of an item numbered ``numbers[-1]`` under items numbered ``numbers[:-1]``."""
    own = numbers[-1]
    if fmt in UNNUMBERED:
        return fmt
    if fmt == "I.":
        return f"{vn.roman(own)}."
    if fmt in ("a)", "a.", "a/"):
        return vn.letter(own) + fmt[1]
    if fmt == "1)":
        return f"{own})"
    depth = fmt.count(".")
    return ".".join(str(n) for n in numbers[-depth:]) + "."


def label(fmt: str, numbers: tuple[int, ...]) -> str:
    """The marker as a reference writes it: "VI" for "VI.", "3.1" for "3.1.", "a" for "a)"."""
    return marker(fmt, numbers).rstrip(".)/")
