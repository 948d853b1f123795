"""Who leads a khoản of the body, who takes part, by when, whose part a khoản is: from the letters.

The plan document shows a khoản given to units as the khoản alone; the letter to each unit
it names says the rest: "Chủ trì, phối hợp với Sở Y tế thực hiện: Khảo sát đánh giá", then
"(tại điểm 3.1 khoản 3 mục II; Thời gian: …)", or, for a khoản that is the unit's own part
of "Tổ chức thực hiện" (``unit:``), each of its lines with "(tại khoản 6 mục IV)". Read from
every letter together, these give each khoản its ``lead`` (in the plan's order), ``with``,
``deadline`` or ``unit``, and the plan its units.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kehoach.text import vn

_LEADS = re.compile(r"^(?:Chủ trì)(?:, phối hợp với (?P<others>.+?))? thực hiện: (?P<text>.+)$")
_PARTNER = re.compile(r"^Phối hợp(?: với (?P<leads>.+?))? thực hiện: (?P<text>.+)$")
_PLACE = re.compile(r"(khoản|điểm|mục) (\S+)")
#: The letters of Vietnamese điểm ("a", "b", … "đ", …), in order.
_LETTERS = [vn.letter(n) for n in range(1, 30)]


@dataclass
class Given:
    """What the letters say about one place of the body."""

    leads: list[str] = field(default_factory=list)
    #: Each lead's "phối hợp với" names, by the lead's id: the others in the plan's order.
    named: dict[str, list[str]] = field(default_factory=dict)
    partners: list[str] = field(default_factory=list)
    text: str = ""
    deadline: str | None = None
    owners: list[str] = field(default_factory=list)


def gather(tasks: Iterator[tuple[str, str, str, dict[str, str]]]) -> dict[str, Given]:
    """(unit id, unit name, task line, details) of every letter → what each place is given."""
    places: dict[str, Given] = {}
    for unit, _name, line, details in tasks:
        where = details.get("tại")
        if not where:
            continue
        given = places.setdefault(where, Given())
        if (m := _LEADS.match(line)) is not None:
            given.leads.append(unit)
            given.named[unit] = m["others"].split("; ") if m["others"] else []
            given.text = m["text"]
            given.deadline = details.get("Thời gian", given.deadline)
        elif (m := _PARTNER.match(line)) is not None:
            given.partners.append(unit)
            given.text = m["text"]
        else:
            given.owners.append(unit)
    return places


def apply(data: dict[str, Any], places: dict[str, Given], ids: dict[str, str]) -> set[str]:
    """Each place's khoản given its lead, with, deadline or unit; the unit ids so placed.
    ``ids``: each unit's id by its name in lower case."""
    placed: set[str] = set()
    for where, given in places.items():
        found = find(data.get("sections", []), where)
        if found is None:
            continue
        container, index = found
        item = container[index]
        item = {"text": item} if isinstance(item, str) else item
        if given.leads and _shows(item, given.text):
            leads = _ordered(given, ids)
            item["lead"] = leads[0] if len(leads) == 1 else leads
            partners = [p for p in given.partners if p not in leads]
            if not partners:
                # a name no unit has is a partner outside the plan, kept as the letter writes it
                named = [ids.get(n.casefold(), n) for n in given.named[given.leads[0]]]
                partners = [p for p in named if p not in leads]
            if partners:
                item["with"] = partners[0] if len(partners) == 1 else partners
            if given.deadline:
                item["deadline"] = given.deadline
            placed.update(leads + partners)
        elif given.owners and len(set(given.owners)) == 1 and "unit" not in item:
            item["unit"] = given.owners[0]
            placed.add(given.owners[0])
        container[index] = _ordered_keys(item)
    return placed


def _shows(item: dict[str, Any], text: str) -> bool:
    """The khoản the letter quotes: its title or its text."""
    return text in (item.get("title"), item.get("text"), f"{item.get('title')} {item.get('text')}")


def _ordered(given: Given, ids: dict[str, str]) -> list[str]:
    """The leads in the plan's order: each lead's letter names the others in it, so the first
    lead is the one that, put first, agrees with every letter."""
    leads = given.leads
    if len(leads) < 2:
        return list(leads)
    named = {lead: [ids.get(n.casefold(), n) for n in given.named[lead]] for lead in leads}
    first = leads[0]
    others = [n for n in named[first] if n in leads]
    for at in range(len(others) + 1):
        order = [*others[:at], first, *others[at:]]
        if all([n for n in named[lead] if n in leads] == [o for o in order if o != lead] for lead in leads):
            return order
    return list(leads)


def in_order(data: dict[str, Any]) -> list[str]:
    """The units the body's khoản name (``unit``, ``lead``, ``with``), in reading order, those
    of "Tổ chức thực hiện" (the mục of the units' own khoản) first: the plan lists them so."""
    out: list[str] = []

    def walk(part: dict[str, Any]) -> None:
        for container, index in _items(part):
            item = container[index]
            if not isinstance(item, dict):
                continue
            for key in ("unit", "lead", "with"):
                value = item.get(key, [])
                out.extend(u for u in ([value] if isinstance(value, str) else value) if u not in out)
            walk(item)

    sections = data.get("sections", [])
    owning = [s for s in sections if any(isinstance(c[i], dict) and "unit" in c[i] for c, i in _items(s))]
    for section in [*owning, *sections]:
        walk(section)
    return out


def _ordered_keys(item: dict[str, Any]) -> dict[str, Any]:
    """The keys as a plan writes them: id, unit, title, text first; lead, with, deadline last."""
    first = [k for k in ("id", "unit", "title", "text") if k in item]
    last = [k for k in ("lead", "with", "deadline") if k in item]
    middle = [k for k in item if k not in first and k not in last]
    return {k: item[k] for k in (*first, *middle, *last)}


#: Where a reporting rule's time starts ("… về Sở Y tế kịp thời", "… trước ngày 20 hằng tháng").
_WHEN = re.compile(
    r" (?=(?:kịp thời|trước|sau|hằng|hàng|định kỳ|khi|trong|chậm nhất|ngay|vào|theo|mỗi|cuối|đầu|\d+ tháng)\b)"
)


def report_rule(what: str, rest: str) -> dict[str, str]:
    """ "báo cáo <what> về <to> (qua <through>) <when> để <purpose>" read back into a ``report``."""
    rule = {"what": what}
    to, through, after = rest, None, ""
    if (m := re.match(r"^(?P<to>.+?) \(qua (?P<through>[^)]+)\) (?P<after>.+)$", rest)) is not None:
        to, through, after = m["to"], m["through"], m["after"]
    elif (cut := _WHEN.search(rest)) is not None:
        to, after = rest[: cut.start()], rest[cut.end() :]
    when, _, purpose = after.partition(" để ")
    rule["to"] = to
    if through:
        rule["through"] = through
    rule["when"] = when
    if purpose:
        rule["purpose"] = f"để {purpose}"
    return rule


def find(sections: list[dict[str, Any]], where: str) -> tuple[list[Any], int] | None:
    """The list holding the khoản or điểm at "điểm 3.1 khoản 3 mục II", and its index there."""
    places = list(reversed(_PLACE.findall(where)))
    if not places or places[0][0] != "mục":
        return None
    number = _number(places[0][1])
    if number is None or not 0 < number <= len(sections):
        return None
    part: Any = sections[number - 1]
    found: tuple[list[Any], int] | None = None
    for _kind, label in places[1:]:
        if not isinstance(part, dict):
            return None
        items = list(_items(part))
        ordinal = _number(label.split(".")[-1])
        if ordinal is None or not 0 < ordinal <= len(items):
            return None
        found = items[ordinal - 1]
        part = found[0][found[1]]
    return found


def _items(part: dict[str, Any]) -> Iterator[tuple[list[Any], int]]:
    """A mục's or khoản's items in order, each as (its list, its index): in ``items`` or in
    the ``body`` blocks that hold items."""
    for index in range(len(part.get("items", []))):
        yield part["items"], index
    for block in part.get("body", []):
        if isinstance(block, dict) and "items" in block:
            for index in range(len(block["items"])):
                yield block["items"], index


def _number(label: str) -> int | None:
    """ "3" → 3, "II" → 2, "b" → 2, "đ" → 6."""
    if label.isdigit():
        return int(label)
    if label in _LETTERS:
        return _LETTERS.index(label) + 1
    return next((n for n in range(1, 60) if vn.roman(n) == label), None)
