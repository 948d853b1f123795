"""Read plan.yaml into plain data, remembering where every value came from.

PyYAML's ``compose`` gives nodes with marks (line, column); we build the Python
values ourselves from those nodes so that each key path (``units[5].tasks[2]``)
maps back to its place in the file. The validator uses this map to point errors
at the right line, the way a compiler points at code.
"""

from __future__ import annotations

import errno
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kehoach.text import vn
from kehoach.text.errors import Problem, ProblemsError

#: Far larger than any real plan (the reference is 40 kB, a thousand units 2 MB);
#: refuses pasted junk before parsing it.
MAX_BYTES = 20_000_000
#: Values built from one file, aliases expanded; stops alias bombs ("billion laughs").
MAX_VALUES = 200_000
#: Nesting no plan needs; also stops an alias that contains itself (``&a [*a]``).
MAX_DEPTH = 64
#: Scalar types a plan is written with; anything else (!!binary, !!python/…) is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

KeyPath = tuple[str | int, ...]
#: libyaml's parser when PyYAML was built with it (it is in the PyPI wheels): many times faster
#: on a large plan, with the same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Where YAML starts a new line (not Python's ``splitlines``, which also breaks at form feeds).
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
#: Characters YAML refuses anywhere in a file (NUL and other controls), as PyYAML's reader lists them.
_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


@dataclass(frozen=True)
class Position:
    """1-based line and column, as editors show them."""

    line: int
    column: int


@dataclass
class Document:
    """A loaded YAML file: its data, its text and where each value sits."""

    path: Path
    text: str
    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, key_path: KeyPath) -> Position:
        """Position of the deepest part of ``key_path`` the file has."""
        for end in range(len(key_path), -1, -1):
            found = self.positions.get(tuple(key_path[:end]))
            if found is not None:
                return found
        return Position(1, 1)

    def problem(self, pos: Position, code: str, key_path: str = "", **args: Any) -> Problem:
        """A problem at a position of this document, with its source line."""
        return Problem(str(self.path), pos.line, pos.column, code, args, key_path, self.line_text(pos.line))

    def line_text(self, line: int) -> str:
        """The source line, for the caret display under an error."""
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @cached_property
    def _lines(self) -> list[str]:
        # Split where YAML counts a new line, so line numbers of marks and of text agree.
        return LINE_BREAK.split(self.text)

    def position_of(self, index: int) -> Position:
        """The line and column of a character of the text, counted as YAML counts them."""
        breaks = list(LINE_BREAK.finditer(self.text, 0, index))
        start = breaks[-1].end() if breaks else 0
        return Position(len(breaks) + 1, index - start + 1)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns composed nodes into Python values, recording positions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._problem(node, path, "yaml.too_many_values", limit=MAX_VALUES)
        if len(path) > MAX_DEPTH:
            raise self._problem(node, path, "yaml.too_deep", limit=MAX_DEPTH)
        self.doc.positions.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = self._scalar(node, path)
        return vn.nfc(value) if isinstance(value, str) else value

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.tag not in PLAIN_TAGS:
            raise self._problem(node, path, "yaml.bad_value", tag=node.tag.rsplit(":", 1)[-1])
        try:
            return self.scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            code, args = _bad_scalar(node)
            raise self._problem(node, path, code, **args) from None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise self._problem(key_node, path, "yaml.bad_key")
            key = str(key)
            if key in out:
                raise self._problem(key_node, (*path, key), "yaml.duplicate_key", key=key)
            self.doc.positions[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
            self.doc.positions[(*path, key, "<value>")] = _mark(value_node)
        return out

    def _problem(self, node: yaml.Node, path: KeyPath, code: str, **args: Any) -> ProblemsError:
        return ProblemsError([self.doc.problem(_mark(node), code, key_path=format_path(path), **args)])


def format_path(path: KeyPath) -> str:
    """``units[5].tasks[2].phase``, the way the README and errors name a place."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _bad_scalar(node: yaml.Node) -> tuple[str, dict[str, Any]]:
    """Why a value of a plain type could not be read: a date that does not exist, a number
    longer than Python reads (4,300 digits), or a ``!!`` tag the text does not fit."""
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "timestamp":
        return "impossible_date", {"text": node.value}
    digits = sum(ch.isdigit() for ch in node.value)
    limit = sys.get_int_max_str_digits()
    if tag == "int" and limit and digits > limit:
        return "yaml.number_too_long", {"digits": digits}
    return "yaml.bad_value", {"tag": tag}


def read_text(path: Path) -> str:
    """The file as text, refusing what cannot be a plan before parsing it."""
    raw = read_bounded(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProblemsError([Problem(str(path), line, column, "file.not_utf8")]) from None


def read_bounded(path: Path) -> bytes:
    """At most :data:`MAX_BYTES` of ``path``: a device or a pipe (``/dev/zero``) never fills memory."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ProblemsError([_unopenable(path, exc)]) from None
    if len(raw) > MAX_BYTES:
        raise ProblemsError([Problem(str(path), 0, 0, "file.too_large", {"limit": MAX_BYTES})])
    return raw


#: Why a plan could not be opened, in the catalogue's words; other reasons show the system's.
_OPEN_ERRORS = {
    errno.ENOENT: "file.missing",
    errno.ENOTDIR: "file.missing",
    errno.EISDIR: "file.is_directory",
    errno.ELOOP: "file.symlink_loop",
    errno.ENAMETOOLONG: "file.name_too_long",
    errno.EACCES: "file.no_permission",
    errno.EPERM: "file.no_permission",
}


def _unopenable(path: Path, exc: OSError) -> Problem:
    code = _OPEN_ERRORS.get(exc.errno or 0, "file.unreadable")
    reason = {"detail": str(exc.strerror or exc)}
    return Problem(str(path), 0, 0, code, reason)


def _unprintable(doc: Document, exc: yaml.reader.ReaderError) -> Problem:
    """The first character YAML refuses, at its own line and column (libyaml gives only a
    byte offset, and the parser would point at the start of the file)."""
    found = _UNPRINTABLE.search(doc.text)
    if found is None:
        return doc.problem(Position(1, 1), "yaml.syntax", detail=exc.reason)
    char = f"U+{ord(found.group()):04X}"
    return doc.problem(doc.position_of(found.start()), "control_character", char=char)


def load_document(path: Path, text: str | None = None) -> Document:
    """Parse one YAML file into a :class:`Document` (data plus positions)."""
    if text is None:
        text = read_text(path)
    doc = Document(path=path, text=text, data=None)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.reader.ReaderError as exc:
        raise ProblemsError([_unprintable(doc, exc)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        detail = (exc.problem or exc.context or "").strip()
        code = "yaml.colon_in_text" if "mapping values are not allowed" in detail else "yaml.syntax"
        raise ProblemsError([doc.problem(pos, code, detail=detail)]) from None
    except yaml.YAMLError as exc:
        raise ProblemsError([doc.problem(Position(1, 1), "yaml.syntax", detail=str(exc))]) from None
    if node is None:
        raise ProblemsError([doc.problem(Position(1, 1), "file.empty")])
    if not isinstance(node, yaml.MappingNode):
        raise ProblemsError([doc.problem(_mark(node), "file.not_mapping")])
    doc.data = _Builder(doc).build(node, ())
    return doc
