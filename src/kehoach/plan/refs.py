"""References by id: "{mục:to-chuc-thuc-hien}" reads "mục VI" whatever the numbering becomes.

Any text of a plan may point at a mục, a khoản or điểm, or a Phụ lục by its ``id``; the
number is computed from the plan as it is, so moving or adding a mục never leaves a stale
"mục V". Written with a capital ("{Mục:…}") the word starts with one. An id that names
nothing, or names another kind of part, is an error at its line (:func:`problems`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from kehoach.plan import outline
from kehoach.plan.loader import KeyPath
from kehoach.plan.model import Plan
from kehoach.text import vn

#: "{mục:id}", "{Khoản:id}", "{phụ lục:id}": the kind as the text reads it, then the id.
REFERENCE = re.compile(r"\{(mục|Mục|khoản|Khoản|điểm|Điểm|phụ lục|Phụ lục):([^{}\s]*)\}")
#: Which parts each kind of reference may name: an item is a khoản or a điểm by its level,
#: and either word may be used for it (plans say "điểm a khoản 2").
KINDS = {"mục": "mục", "khoản": "item", "điểm": "item", "phụ lục": "phụ lục"}


@dataclass(frozen=True)
class Target:
    """A part a reference may name: its kind ("mục", "item", "phụ lục") and its label."""

    kind: str
    label: str


def targets(plan: Plan) -> dict[str, Target]:
    """Every id of the plan's mục, items and appendices, with the label it has now."""
    found: dict[str, Target] = {}
    for number, section in enumerate(plan.sections, 1):
        if section.id:
            found.setdefault(section.id, Target("mục", outline.section_label(plan, number, section)))
        style = outline.formats(plan, section)
        for item in outline.walk(outline.content(section), style, (number,)):
            if item.item.id:
                found.setdefault(item.item.id, Target("item", item.label))
    for appendix_id, label in appendix_labels(plan).items():
        found.setdefault(appendix_id, Target("phụ lục", label))
    return found


def appendix_labels(plan: Plan) -> dict[str, str]:
    """The label of each appendix with an id: "Phụ lục II", "Phụ lục 02", or "Phụ lục" alone."""
    return {a.id: appendix_label(plan, n) for n, a in enumerate(plan.appendices, 1) if a.id}


def appendix_label(plan: Plan, number: int) -> str:
    """ "Phụ lục I" (or 1, 01 as the plan says); a single appendix is only "Phụ lục"."""
    if len(plan.appendices) == 1:
        return "Phụ lục"
    shown = {"I": vn.roman(number), "1": str(number), "01": f"{number:02d}"}[plan.appendix_labels]
    return f"Phụ lục {shown}"


def resolve(text: str, found: dict[str, Target]) -> str:
    """``text`` with its references written out ("{mục:x}" → "mục VI"); unknown ones kept."""
    if "{" not in text:
        return text
    return REFERENCE.sub(lambda m: _written(m, found) or m.group(), text)


def _written(match: re.Match[str], found: dict[str, Target]) -> str | None:
    word, target = match.group(1), found.get(match.group(2))
    if target is None or target.kind != KINDS[word.lower()]:
        return None
    if target.kind == "phụ lục":  # the label holds the word: "Phụ lục II"
        return target.label if word[0].isupper() else vn.lower_first(target.label)
    return f"{word} {target.label}"


def resolved(plan: Plan) -> Plan:
    """The plan with every reference in its texts written out (the plan itself if it has none)."""
    found = targets(plan)
    if not found:
        return plan
    out = _resolve_value(plan, found)
    assert isinstance(out, Plan)
    return out


def _resolve_value(value: Any, found: dict[str, Target]) -> Any:
    if isinstance(value, str):
        return resolve(value, found)
    if isinstance(value, list):
        items = [_resolve_value(v, found) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _resolve_value(old, found)
            if new is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    return value


def problems(plan: Plan, data: Any) -> Iterator[tuple[KeyPath, str, dict[str, str]]]:
    """References that name nothing, or a part of another kind: (key path, code, arguments)."""
    found = targets(plan)
    for path, text in _texts(data, ()):
        for match in REFERENCE.finditer(text):
            word, key = match.group(1), match.group(2)
            target = found.get(key)
            if target is None:
                known = ", ".join(sorted(k for k, t in found.items() if t.kind == KINDS[word.lower()])) or "—"
                yield path, "reference_unknown", {"reference": match.group(), "known": known}
            elif target.kind != KINDS[word.lower()]:
                yield path, "reference_wrong_kind", {"reference": match.group(), "kind": _kind_word(target.kind)}


def _kind_word(kind: str) -> str:
    return {"item": "khoản/điểm"}.get(kind, kind)


def _texts(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text of the raw data with its key path."""
    if isinstance(value, str):
        if "{" in value:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
