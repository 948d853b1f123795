"""Plan data as a plan.yaml a secretary can read: keys in the plan's order, block style,
long texts on one line each, and comments where recognition was unsure.

PyYAML writes each scalar (so quoting is always right); the layout around them, and the
comments PyYAML cannot write, are laid out here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from kehoach.text import messages

#: Comments by the path of the part they go above: catalogue codes and their facts.
Comments = dict[tuple[Any, ...], list[tuple[str, dict[str, Any]]]]


def scalar(value: Any) -> str:
    """One scalar as YAML writes it, on one line."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return text.removesuffix("\n...\n").strip()


def dump(data: dict[str, Any], comments: Comments, head: list[str]) -> str:
    """The whole document: the head comment lines, then the data, a blank line between the
    top-level keys."""
    out = [f"# {line}".rstrip() for line in head]
    for key, value in data.items():
        out.append("")
        _comments(out, comments.get((key,), []), "")
        _entry(out, key, value, "", (key,), comments)
    return "\n".join(out).lstrip("\n") + "\n"


def _comments(out: list[str], said: list[tuple[str, dict[str, Any]]], indent: str) -> None:
    """Comment lines, in Vietnamese: the plan.yaml is a Vietnamese secretary's file."""
    out.extend(f"{indent}# {messages.text(code, 'vi', **args)}" for code, args in said)


def _entry(out: list[str], key: str, value: Any, indent: str, path: tuple[Any, ...], comments: Comments) -> None:
    if isinstance(value, dict) and value:
        out.append(f"{indent}{key}:")
        _mapping(out, value, indent + "  ", path, comments)
    elif isinstance(value, list) and value:
        out.append(f"{indent}{key}:")
        _sequence(out, value, indent + "  ", path, comments)
    else:
        out.append(f"{indent}{key}: {scalar(value)}")


def _mapping(out: list[str], value: dict[str, Any], indent: str, path: tuple[Any, ...], comments: Comments) -> None:
    for key, item in value.items():
        if path and (*path, key) in comments and len(path) > 1:
            _comments(out, comments[(*path, key)], indent)
        _entry(out, key, item, indent, (*path, key), comments)


def _sequence(out: list[str], value: list[Any], indent: str, path: tuple[Any, ...], comments: Comments) -> None:
    for n, item in enumerate(value):
        _comments(out, comments.get((*path, n), []), indent)
        if isinstance(item, dict) and item:
            inner: list[str] = []
            _mapping(inner, item, indent + "  ", (*path, n), comments)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            out.extend(inner[:first])
            out.append(f"{indent}- {inner[first].lstrip()}")
            out.extend(inner[first + 1 :])
        elif isinstance(item, list) and item and all(not isinstance(i, dict | list) for i in item):
            out.append(f"{indent}- {scalar(item)}")
        elif isinstance(item, list) and item:
            out.append(f"{indent}-")
            _sequence(out, item, indent + "  ", (*path, n), comments)
        else:
            out.append(f"{indent}- {scalar(item)}")
