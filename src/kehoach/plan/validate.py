"""From a loaded YAML document to a checked :class:`~kehoach.plan.model.Plan`.

Pydantic checks shapes and values; :mod:`kehoach.plan.checks` then checks what one
field cannot know alone (a task naming a phase that does not exist). Every
problem is mapped back to its line and column and all are reported together.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kehoach.plan import checks, refs
from kehoach.plan.loader import Document, KeyPath, cycle_collector_paused, format_path, load_document
from kehoach.plan.model import Plan
from kehoach.text.errors import Problem, ProblemsError

#: pydantic context keys we pass on to the message catalogue.
_CONTEXT_KEYS = (
    "ge",
    "le",
    "min_length",
    "max_length",
    "expected",
    "text",
    "char",
    "suggestion",
    "types",
    "allowed",
    "limit",
    "kinds",
    "formats",
    "markers",
    "styles",
    "given",
)


@dataclass
class LoadedPlan:
    """A valid plan, the document it came from, and warnings that do not stop it."""

    plan: Plan
    document: Document
    warnings: list[Problem] = field(default_factory=list)


def load_plan(path: Path, on_event: Callable[[Any], None] | None = None) -> LoadedPlan:
    """Load and validate ``path``; raise :class:`ProblemsError` listing every problem.
    ``on_event`` is told each YAML event as the file is read (``kehoach lint`` walks them)."""
    with cycle_collector_paused():
        return validate_document(load_document(path, on_event=on_event))


def load_text(text: str, path: Path) -> LoadedPlan:
    """Validate a plan given as text (a git revision); ``path`` names it in problems."""
    with cycle_collector_paused():
        return validate_document(load_document(path, text))


def validate_document(doc: Document) -> LoadedPlan:
    """The checked plan of a loaded document, or every problem it has."""
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        raise ProblemsError(sorted(_problems(doc, exc), key=_order)) from None
    found = checks.run(plan, doc.data)
    errors = [_locate(doc, c) for c in found if c.severity == "error"]
    if errors:
        raise ProblemsError(sorted(errors, key=_order))
    warnings = [_locate(doc, c) for c in found if c.severity == "warning"]
    return LoadedPlan(refs.resolved(plan), doc, sorted(warnings, key=_order))


def _order(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def _locate(doc: Document, check: checks.Check) -> Problem:
    pos = doc.position((*check.path, "<value>")) if check.at_value else doc.position(check.path)
    problem = doc.problem(pos, check.code, key_path=format_path(check.path), **check.args)
    return dataclasses.replace(problem, severity=check.severity)


def _data_path(doc: Document, loc: tuple[Any, ...]) -> KeyPath:
    """Keep the parts of a pydantic ``loc`` that name keys or indexes of the file."""
    path: list[str | int] = []
    for part in loc:
        candidate = (*path, part)
        if candidate in doc.positions or isinstance(part, int):
            path.append(part)
    return tuple(path)


def validation_problems(doc: Document, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Pydantic's errors on a file of ``model`` (the plan, its progress file) at their places, in file order."""
    return sorted(_problems(doc, exc, model), key=_order)


def _problems(doc: Document, exc: ValidationError, model: type[BaseModel] = Plan) -> list[Problem]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for error in exc.errors():
        problem = _problem(doc, error, model)
        key = (problem.line, problem.column, problem.code)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def _problem(doc: Document, error: Any, model: type[BaseModel] = Plan) -> Problem:
    loc = tuple(error["loc"])
    code = error["type"]
    path = _data_path(doc, loc)
    args = {k: _plain(v) for k, v in (error.get("ctx") or {}).items() if k in _CONTEXT_KEYS}
    if code == "missing":
        args["field"] = loc[-1]
        pos = doc.position(path)
    elif code == "extra_forbidden":
        args["field"] = loc[-1]
        args["suggestion"] = _suggest(str(loc[-1]), _known_keys(loc[:-1], model))
        pos = doc.position(path)
    else:
        pos = doc.position((*path, "<value>")) if path in doc.positions else doc.position(path)
    if code == "value_error":
        args["detail"] = str(error.get("ctx", {}).get("error", error["msg"]))
    if code == "literal_error":
        args["expected"] = args.get("expected", "").replace("'", "").replace(" or ", ", ")
    return doc.problem(pos, code, key_path=format_path(path), **args)


def _plain(value: Any) -> Any:
    """30.0 reads as 30 in a message."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else ""


def _known_keys(loc: tuple[Any, ...], root: type[BaseModel] = Plan) -> list[str]:
    """Keys the model at ``loc`` accepts, for "did you mean …?"."""
    model = _model_at(root, loc)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {f.alias or n: f for n, f in model.model_fields.items()}
        if part not in fields:
            continue
        found = _inner_model(fields[part].annotation)
        if found is None:
            return None
        model = found
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, dict, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
