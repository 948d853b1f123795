"""Inline emphasis inside plan text: ``*nghiêng*`` and ``**đậm**``.

Plans use italics for titles of points and for asides ("(*các kênh của Đài Truyền
hình Việt Nam*)"). The syntax is the familiar Markdown subset; a literal asterisk
is written ``\\*``. The result is a list of runs that the views turn into Word runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\\\*|\*\*|\*")
#: Characters XML 1.0 cannot hold: a document with one would not open in Word.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis; or, with ``note``, a footnote placed here (its text)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: bool = False


#: A footnote written where its mark goes: "… Kế hoạch số 15/KH-UBND^[Đã sửa đổi năm 2026.] …".
FOOTNOTE = re.compile(r"\^\[([^\[\]]+)\]")


def parse(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    """Split ``text`` into runs; an unmatched marker is kept as a literal asterisk; a footnote
    ``^[…]`` becomes a run of its own (``note``), its text without emphasis."""
    if "^[" not in text:
        return _emphasis(text, bold, italic)
    runs: list[Run] = []
    pos = 0
    for match in FOOTNOTE.finditer(text):
        runs += _emphasis(text[pos : match.start()], bold, italic)
        runs.append(Run(plain(match.group(1)).strip(), note=True))
        pos = match.end()
    return runs + _emphasis(text[pos:], bold, italic)


def _emphasis(text: str, bold: bool, italic: bool) -> list[Run]:
    if "*" not in text:  # no marker: most texts of a plan, parsed for each unit given them
        return [Run(text, bold, italic)] if text else []
    runs: list[Run] = []
    state = {"**": bold, "*": italic}
    opened = _matched_markers(text)
    pos = 0
    buffer = ""
    for m in _TOKEN.finditer(text):
        buffer += text[pos : m.start()]
        pos = m.end()
        token = m.group()
        if token == "\\*" or m.start() not in opened:
            buffer += "*" * (1 if token == "\\*" else len(token))
            continue
        if buffer:
            runs.append(Run(buffer, state["**"], state["*"]))
            buffer = ""
        state[token] = not state[token]
    buffer += text[pos:]
    if buffer:
        runs.append(Run(buffer, state["**"], state["*"]))
    return runs


def _matched_markers(text: str) -> set[int]:
    """Offsets of markers that have a partner, so "5 * 3" stays as typed."""
    stacks: dict[str, list[int]] = {"**": [], "*": []}
    matched: set[int] = set()
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token == "\\*":
            continue
        stack = stacks[token]
        if stack:
            matched.update((stack.pop(), m.start()))
        else:
            stack.append(m.start())
    return matched


def plain(text: str) -> str:
    """The text without markers and footnotes, for file names, diffs and terminal output."""
    return "".join(run.text for run in parse(text) if not run.note)


def notes(text: str) -> list[str]:
    """The footnotes of a text, in order."""
    return [run.text for run in parse(text) if run.note]
