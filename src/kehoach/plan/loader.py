"""Read plan.yaml into plain data, remembering where every value came from.

PyYAML's parser gives events with marks (line, column); we build the Python
values ourselves from them so that each key path (``units[5].tasks[2]``) maps
back to its place in the file. The validator uses this map to point errors at
the right line, the way a compiler points at code.

Values are built as the parser reads, not from a tree of nodes composed first: a
province's plan (25 MB) would need 170 MB of nodes, and a flood of small values
would fill the memory before the limit on values could stop it. Only a value with
an anchor (``&a``) is composed into nodes, because each alias (``*a``) builds it again.

The limits (:class:`Limits`) fit a province's plan of 5,000 units and stop what
no plan is: a file of junk, an alias bomb, nesting without end.
``KEHOACH_LIMIT_SCALE`` or ``--limit-scale N`` multiplies size and values by N.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kehoach.text import vn
from kehoach.text.errors import Problem, ProblemsError, UsageError

#: Larger than a real plan: the reference is 40 kB, a province's plan of 5,000 units with
#: 10 tasks each 25 MB. Refuses pasted junk before parsing it.
MAX_BYTES = 40_000_000
#: Values built from one file, aliases expanded: twice the 250,000 of a province's plan;
#: stops alias bombs ("billion laughs") after a second of work.
MAX_VALUES = 500_000
#: Values built by expanding aliases (``*a``), whatever the scale: no plan repeats that much,
#: and an alias bomb is stopped after a second even when the other limits are raised.
MAX_ALIASED = 500_000
#: Nesting no plan needs; also stops an alias that contains itself (``&a [*a]``).
MAX_DEPTH = 64
#: The environment variable that multiplies the size and values limits (``--limit-scale``).
LIMIT_SCALE_ENV = "KEHOACH_LIMIT_SCALE"
#: The largest factor: 100 times the limits is 4 GB, more than any machine should be asked to read.
MAX_LIMIT_SCALE = 100
#: Scalar types a plan is written with; anything else (!!binary, !!python/…) is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

KeyPath = tuple[str | int, ...]

#: Where YAML starts a new line (not Python's ``splitlines``, which also breaks at form feeds).
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
#: Characters YAML refuses anywhere in a file (NUL and other controls), as PyYAML's reader lists them.
_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


@dataclass(frozen=True)
class Limits:
    """How much one plan file may hold: bytes, values (aliases expanded), values built by
    aliases, and nesting."""

    bytes: int = MAX_BYTES
    values: int = MAX_VALUES
    aliased: int = MAX_ALIASED
    depth: int = MAX_DEPTH


def limits() -> Limits:
    """The limits in force: the defaults, size and values times ``KEHOACH_LIMIT_SCALE``
    (which ``--limit-scale N`` sets for the command it is given to); aliases and depth never scale."""
    scale = limit_scale()
    return Limits(MAX_BYTES * scale, MAX_VALUES * scale)


def limit_scale() -> int:
    """The factor of the environment, 1 when it is not set; a usage error when it is not a number in range."""
    raw = os.environ.get(LIMIT_SCALE_ENV, "").strip()
    if not raw:
        return 1
    if not re.fullmatch("[0-9]{1,3}", raw) or not 1 <= int(raw) <= MAX_LIMIT_SCALE:
        raise UsageError("limits.bad_scale", name=LIMIT_SCALE_ENV, value=raw, most=MAX_LIMIT_SCALE)
    return int(raw)


@dataclass(frozen=True, slots=True)
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


def _mark(mark: Any) -> Position:
    """A PyYAML mark (0-based, of libyaml's or PyYAML's kind) as a position."""
    return Position(mark.line + 1, mark.column + 1)


try:  # libyaml's parser, in PyPI's wheels: many times faster on a large plan, with the same events and marks
    from yaml._yaml import CParser as _Events
except ImportError:  # pragma: no cover - PyYAML built without libyaml: the same events, in Python

    class _Events(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]  # same API
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class _Parser(_Events, yaml.composer.Composer, yaml.resolver.Resolver):
    """Events read one by one; PyYAML's composer and resolver for anchored values and tags."""

    def __init__(self, text: str) -> None:
        _Events.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)


class _Told(_Parser):
    """A parser that tells ``on_event`` each event it hands out (``kehoach lint`` reads them
    too, without parsing the file a second time)."""

    def __init__(self, text: str, on_event: Callable[[Any], None]) -> None:
        super().__init__(text)
        self._on_event = on_event

    def get_event(self) -> Any:
        event = super().get_event()
        if event is not None:
            self._on_event(event)
        return event


_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Turns parser events into Python values as they come, recording positions.

    A value with an anchor, and every alias of it, is built from the nodes PyYAML's
    composer makes of it (:meth:`build`); everything else straight from the events
    (:meth:`read`). Both count values and depth against the limits as they go.
    """

    def __init__(self, doc: Document, parser: _Parser, limits: Limits) -> None:
        self.doc, self.limits = doc, limits
        #: Typed loosely: PyYAML's stubs declare every event and mark optional.
        self.parser: Any = parser
        self.count = self.aliased = 0
        #: Nodes built so far (anchored values, kept alive by the parser's anchors): built again, by an alias.
        self.built: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()
        #: Each text once: a plan that gives the same task to a thousand units (a province's
        #: does) holds its words once, not a thousand times.
        self.texts: dict[str, str] = {}

    def next_value(self, path: KeyPath) -> tuple[Any, Any]:
        """The next value of the stream and the mark of where it is defined (an alias: its anchor)."""
        event = self.parser.peek_event()
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            node = self.compose(event)
            return self.build(node, path), node.start_mark
        return self.read(path), event.start_mark

    def read(self, path: KeyPath) -> Any:
        """A value without anchor or alias, built from its events."""
        event = self.parser.get_event()
        self._enter(event.start_mark, path)
        if isinstance(event, yaml.ScalarEvent):
            return self._value(self._scalar_node(event), path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self.next_value((*path, len(items)))[0])
            self.parser.get_event()
            return items
        out: dict[str, Any] = {}
        while not self.parser.check_event(yaml.MappingEndEvent):
            key, key_path = self._key(self._key_node(), out, path)
            out[key], mark = self.next_value(key_path)
            self.doc.positions[(*key_path, "<value>")] = _mark(mark)
        self.parser.get_event()
        return out

    def build(self, node: yaml.Node, path: KeyPath, aliased: bool = False) -> Any:
        """A value from composed nodes (an anchored value, or an alias of one: ``aliased``)."""
        aliased = aliased or id(node) in self.built
        self.built.add(id(node))
        self._enter(node.start_mark, path, aliased)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key, key_path = self._key(key_node, out, path)
                out[key] = self.build(value_node, key_path, aliased)
                self.doc.positions[(*key_path, "<value>")] = _mark(value_node.start_mark)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), aliased) for i, item in enumerate(node.value)]
        return self._value(node, path)

    def _enter(self, mark: Any, path: KeyPath, aliased: bool = False) -> None:
        """Count one more value at ``path``, refusing it past the limits, and remember where it is."""
        self.count += 1
        if self.count > self.limits.values:
            raise self._problem(mark, path, "yaml.too_many_values", limit=self.limits.values)
        self.aliased += aliased
        if self.aliased > self.limits.aliased:
            raise self._problem(mark, path, "yaml.too_many_aliased", limit=self.limits.aliased)
        if len(path) > self.limits.depth:
            raise self._problem(mark, path, "yaml.too_deep", limit=self.limits.depth)
        self.doc.positions.setdefault(path, _mark(mark))

    def _key_node(self) -> yaml.Node:
        """The next key as a node: a plain one (half the scalars of a plan) straight from its
        event, as the composer would make it; one with an anchor or an alias, by the composer."""
        event = self.parser.peek_event()
        if isinstance(event, yaml.ScalarEvent) and event.anchor is None:
            return self._scalar_node(self.parser.get_event())
        return self.compose(event)

    def compose(self, event: Any) -> yaml.Node:
        """The next value as nodes, for a key, an anchored value or an alias."""
        try:
            node: yaml.Node = self.parser.compose_node(None, None)
        except RecursionError:  # an anchored value nested thousands deep
            raise self._problem(event.start_mark, (), "yaml.too_deep", limit=self.limits.depth) from None
        return node

    def _key(self, node: yaml.Node, out: dict[str, Any], path: KeyPath) -> tuple[str, KeyPath]:
        """A mapping's key as text, and the key path of its value."""
        key = self._scalar(node, path) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise self._problem(node.start_mark, path, "yaml.bad_key")
        key = str(key)
        if key in out:
            raise self._problem(node.start_mark, (*path, key), "yaml.duplicate_key", key=key)
        self.doc.positions[(*path, key)] = _mark(node.start_mark)
        return key, (*path, key)

    def _scalar_node(self, event: Any) -> yaml.ScalarNode:
        """The node PyYAML's composer would make of a scalar event (its tag resolved)."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(yaml.ScalarNode, event.value, event.implicit)
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)

    def _value(self, node: yaml.Node, path: KeyPath) -> Any:
        value = self._scalar(node, path)
        if not isinstance(value, str):
            return value
        value = vn.nfc(value)
        return self.texts.setdefault(value, value)

    def _scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.tag == _STR_TAG:  # most of a plan: what PyYAML's constructor returns for it, at once
            return node.value
        if node.tag not in PLAIN_TAGS:
            raise self._problem(node.start_mark, path, "yaml.bad_value", tag=node.tag.rsplit(":", 1)[-1])
        try:
            # the constructor of the tag, as construct_object calls it, without its cache of every node
            return self.scalars.yaml_constructors[node.tag](self.scalars, node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            code, args = _bad_scalar(node)
            raise self._problem(node.start_mark, path, code, **args) from None

    def _problem(self, mark: Any, path: KeyPath, code: str, **args: Any) -> ProblemsError:
        return ProblemsError([self.doc.problem(_mark(mark), code, key_path=format_path(path), **args)])


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
    """At most the size limit of ``path``: a device or a pipe (``/dev/zero``) never fills memory."""
    limit = limits().bytes
    try:
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise ProblemsError([_unopenable(path, exc)]) from None
    if len(raw) > limit:
        raise ProblemsError([Problem(str(path), 0, 0, "file.too_large", {"limit": limit})])
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


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Build a plan's millions of small objects without Python's cycle collector rescanning them.

    The collector runs after every 700 new objects and now and then goes over every object
    alive; while a large plan is being built that is most of the work, and it grows faster
    than the plan (compose and build of 5,000 units: 5.7 s with it, 2.5 s without). Nothing
    built here forms a cycle that needs it (an alias of itself is refused as too deep and
    freed when collection resumes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_document(path: Path, text: str | None = None, on_event: Callable[[Any], None] | None = None) -> Document:
    """Parse one YAML file into a :class:`Document` (data plus positions); ``on_event`` is
    told each of the parser's events, in order, as the document is read."""
    if text is None:
        text = read_text(path)
    doc = Document(path=path, text=text, data=None)
    parser = _Parser(text) if on_event is None else _Told(text, on_event)
    try:
        doc.data = _syntax_first(doc, parser, lambda: _read_single(doc, parser))
    except yaml.reader.ReaderError as exc:
        raise ProblemsError([_unprintable(doc, exc)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ProblemsError([_syntax_problem(doc, exc)]) from None
    except yaml.YAMLError as exc:
        raise ProblemsError([doc.problem(Position(1, 1), "yaml.syntax", detail=str(exc))]) from None
    finally:
        parser.dispose()
    return doc


def _syntax_first(doc: Document, parser: _Parser, read: Callable[[], Any]) -> Any:
    """What ``read`` builds; when it finds a problem, a syntax error further on is reported
    instead, as when the whole file was parsed first (not after too many values: the rest
    of a flood of values is not worth parsing)."""
    try:
        return read()
    except ProblemsError as found:
        if found.problems[0].code not in ("yaml.too_many_values", "yaml.too_many_aliased"):
            while parser.get_event() is not None:  # a syntax error here wins
                pass
        raise


def _read_single(doc: Document, events: _Parser) -> Any:
    """The one document of the stream, a mapping."""
    parser: Any = events  # PyYAML's stubs declare every event optional
    parser.get_event()  # the stream's start
    if parser.check_event(yaml.StreamEndEvent):
        raise ProblemsError([doc.problem(Position(1, 1), "file.empty")])
    start = parser.get_event()
    event = parser.peek_event()
    builder = _Builder(doc, parser, limits())
    if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
        node = builder.compose(event)
        if not isinstance(node, yaml.MappingNode):
            raise ProblemsError([doc.problem(_mark(node.start_mark), "file.not_mapping")])
        data = builder.build(node, ())
    elif isinstance(event, yaml.MappingStartEvent):
        data = builder.read(())
    else:
        raise ProblemsError([doc.problem(_mark(event.start_mark), "file.not_mapping")])
    parser.get_event()  # the document's end
    if not parser.check_event(yaml.StreamEndEvent):
        second = parser.get_event()
        single = "expected a single document in the stream"
        raise yaml.composer.ComposerError(single, start.start_mark, "but found another document", second.start_mark)
    return data


def _syntax_problem(doc: Document, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    detail = (exc.problem or exc.context or "").strip()
    code = "yaml.colon_in_text" if "mapping values are not allowed" in detail else "yaml.syntax"
    return doc.problem(pos, code, detail=detail)
