"""Read plan.yaml into plain data, remembering where every value came from.

PyYAML's ``compose`` gives nodes with marks (line, column); we build the Python
values ourselves from those nodes so that each key path (``units[5].tasks[2]``)
maps back to its place in the file. The validator uses this map to point errors
at the right line, the way a compiler points at code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kehoach import vn
from kehoach.errors import Problem, ProblemsError

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

    def line_text(self, line: int) -> str:
        """The source line, for the caret display under an error."""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


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
            raise self._problem(node, "yaml.too_many_values", limit=MAX_VALUES)
        if len(path) > MAX_DEPTH:
            raise self._problem(node, "yaml.too_deep", limit=MAX_DEPTH)
        self.doc.positions.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = self._scalar(node)
        return vn.nfc(value) if isinstance(value, str) else value

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag not in PLAIN_TAGS:
            raise self._problem(node, "yaml.bad_value", tag=node.tag.rsplit(":", 1)[-1])
        try:
            return self.scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            code = "impossible_date" if node.tag.endswith(":timestamp") else "yaml.bad_value"
            raise self._problem(node, code, text=node.value, tag=node.tag.rsplit(":", 1)[-1]) from None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise self._problem(key_node, "yaml.bad_key")
            key = str(key)
            if key in out:
                raise self._problem(key_node, "yaml.duplicate_key", key=key)
            self.doc.positions[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
            self.doc.positions[(*path, key, "<value>")] = _mark(value_node)
        return out

    def _problem(self, node: yaml.Node, code: str, **args: Any) -> ProblemsError:
        pos = _mark(node)
        return ProblemsError([Problem.at(self.doc, pos, code, **args)])


def read_text(path: Path) -> str:
    """The file as text, refusing what cannot be a plan before parsing it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProblemsError([Problem(str(path), 0, 0, "file.missing")]) from None
    except IsADirectoryError:
        raise ProblemsError([Problem(str(path), 0, 0, "file.is_directory")]) from None
    if len(raw) > MAX_BYTES:
        raise ProblemsError([Problem(str(path), 0, 0, "file.too_large", {"limit": MAX_BYTES})])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProblemsError([Problem(str(path), line, column, "file.not_utf8")]) from None


def load_document(path: Path, text: str | None = None) -> Document:
    """Parse one YAML file into a :class:`Document` (data plus positions)."""
    if text is None:
        text = read_text(path)
    doc = Document(path=path, text=text, data=None)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        detail = (exc.problem or exc.context or "").strip()
        code = "yaml.colon_in_text" if "mapping values are not allowed" in detail else "yaml.syntax"
        raise ProblemsError([Problem.at(doc, pos, code, detail=detail)]) from None
    except yaml.YAMLError as exc:
        raise ProblemsError([Problem.at(doc, Position(1, 1), "yaml.syntax", detail=str(exc))]) from None
    if node is None:
        raise ProblemsError([Problem.at(doc, Position(1, 1), "file.empty")])
    if not isinstance(node, yaml.MappingNode):
        raise ProblemsError([Problem.at(doc, _mark(node), "file.not_mapping")])
    doc.data = _Builder(doc).build(node, ())
    return doc
