"""Paragraphs nested by their markers, the way a reader nests them, and the notes taken.

A marker of a format seen above closes what was opened under it ("2." after "b)" goes back
to the khoản level); a new format opens a level under the current one. The numbering style
is read from the formats in the order they nest; numbers out of sequence (two "V.") are
the source's slips, said in the summary since kehoach renumbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.importer.casing import Casing
from kehoach.importer.markers import Marker, marker
from kehoach.importer.source import Para
from kehoach.text import numbering

_LINES = ("-", "+", "•")


ENDS_SENTENCE = re.compile(r"[.;!?…]['\"”’)*]*$")


@dataclass
class Node:
    """A paragraph with the paragraphs nested under it."""

    para: Para | None
    mark: Marker | None
    children: list[Node] = field(default_factory=list)
    #: A numbered line kehoach's DOCX shows in a format its level does not use: a marked list.
    listed: bool = False

    @property
    def format(self) -> str | None:
        return self.mark.format if self.mark else None

    @property
    def kind(self) -> str:
        """ "p" running text, "i" a numbered item, "b" a list line, "t" a table."""
        if self.para is not None and self.para.rows is not None:
            return "t"
        if self.mark is None:
            return "n" if self.para is not None and self.para.hint == "note" else "p"
        return "b" if self.mark.format in _LINES or self.listed else "i"

    @property
    def text(self) -> str:
        if self.mark is not None:
            return self.mark.rest
        return self.para.text if self.para else ""


#: A catalogue message and its facts (:mod:`kehoach.text.messages`), said in the user's language.
Said = tuple[str, dict[str, Any]]


@dataclass
class Notes:
    """What recognition is unsure of (a YAML comment at a path) and the source's slips."""

    comments: dict[tuple[Any, ...], list[Said]] = field(default_factory=dict)
    warnings: list[Said] = field(default_factory=list)
    free_text: int = 0
    #: Runs of words as the source's running text writes them, by their lower case, so an
    #: upper-cased title gets its proper nouns back ("CÁC SỞ, BAN, NGÀNH" → "các Sở, ban, ngành").
    casing: Casing = field(default_factory=dict)
    #: A unit's tasks may be numbered điểm ("a) …") as well as "-" lines; not in a plan kehoach
    #: wrote, where such a khoản is an item of the body, not a unit.
    numbered_tasks: bool = True

    def comment(self, path: tuple[Any, ...], code: str, **args: Any) -> None:
        """A YAML comment above the part at ``path``: a catalogue message and its facts."""
        self.comments.setdefault(path, []).append((code, args))

    def warn(self, code: str, **args: Any) -> None:
        """A slip of the source, said in the summary."""
        self.warnings.append((code, args))


def tree(paras: list[Para], section_format: str) -> Node:
    """The paragraphs nested by their markers under a root."""
    root = Node(None, None)
    stack = [root]
    lost = 0
    for n, para in enumerate(paras):
        found = None if para.rows is not None else marker(para.text)
        if found is not None and found.format == "I." and section_format != "I.":
            found = None
        if found is not None and found.format == section_format:
            lost = 0
        if found is None and section_format == "I." and _lost_number(para, paras[n + 1 : n + 2]):
            lost += 1
            found = Marker("1.", lost, para.text, guessed=True)
        node = Node(para, found)
        if found is None:
            while stack[-1].kind == "b" or (para.hint == "note" and len(stack) > 2):
                stack.pop()
            stack[-1].children.append(node)
            continue
        if found.format == section_format:
            del stack[1:]
        else:
            _close_to(stack, found.format)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _lost_number(para: Para, following: list[Para]) -> bool:
    """A short heading right before a "a)" is a khoản whose "1." the extraction lost (a Word
    list's automatic number): "Cải cách thể chế" / "a) Mục tiêu"."""
    nxt = marker(following[0].text) if following and following[0].rows is None else None
    text = para.text.strip()
    return (
        nxt is not None
        and nxt.format in ("a)", "a.", "a/")
        and nxt.number == 1
        and para.rows is None
        and para.hint in ("", "heading")
        and len(text) < 120
        and text[:1].isupper()
        and not ENDS_SENTENCE.search(text.rstrip(":"))
    )


def _close_to(stack: list[Node], fmt: str) -> None:
    """Pop the stack to where a marker of ``fmt`` belongs: beside its last sibling, or under
    the deepest open node that may hold it."""
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].format == fmt:
            del stack[depth:]
            return
    if fmt not in _LINES:
        while stack[-1].kind == "b":
            stack.pop()


def section_format(paras: list[Para]) -> str:
    """The mục's format: roman numerals where the plan has them, else "1."."""
    return "I." if any((m := marker(p.text)) and m.format == "I." for p in paras if p.rows is None) else "1."


def style_of(root: Node, top: str) -> tuple[str, ...]:
    """The numbered formats in the order their levels nest, the mục's first."""
    levels: list[str] = [top]

    def walk(node: Node, depth: int) -> None:
        for child in node.children:
            if child.kind == "i" and child.format and child.format != top:
                while len(levels) <= depth:
                    levels.append(child.format)
                walk(child, depth + 1)

    for section in root.children:
        if section.format == top:
            walk(section, 1)
    return tuple(levels)


def numbering_style(levels: tuple[str, ...]) -> str | None:
    """The named style of these levels (kehoach goes on with "-" below a style's last level)."""
    for name, formats in numbering.STYLES.items():
        if formats[: len(levels)] == levels:
            return name
    return None


def slips(node: Node, notes: Notes) -> None:
    """Numbers out of sequence ("V." twice): kehoach renumbers, so the source's slip is said."""
    expected: dict[str, int] = {}
    for child in node.children:
        if child.mark is not None and child.mark.numbered:
            want = expected.get(child.mark.format, 1)
            if child.mark.number != want and child.para is not None:
                shown = numbering.marker(child.mark.format, (child.mark.number,))
                right = numbering.marker(child.mark.format, (want,))
                notes.warn("import.slip", where=child.para.where, shown=shown, right=right)
            expected[child.mark.format] = child.mark.number + 1
        slips(child, notes)
