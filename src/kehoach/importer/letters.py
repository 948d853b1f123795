"""What kehoach's own letters beside a plan DOCX add to it.

A plan rendered by kehoach leaves, beside ``ke-hoach-….docx``, one assignment letter per
unit in ``giao-viec/<unit id>.docx``. The plan's text does not show a unit's id, nor the
units a task is done with, nor a task's phase or deadline; its letter does ("Kính gửi: …",
"(Thời gian: …; Phối hợp: …)"). Where such letters are found, they give those back, so a
plan imported from its own rendering is the plan again. A hand-made plan has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.importer import docx_source, roles, task_tables
from kehoach.importer.recognise import Imported
from kehoach.text import markup, vn
from kehoach.text.errors import UsageError

LETTERS = "giao-viec"
_ADDRESSEE = re.compile(r"^Kính gửi:\s*(?P<name>.+?)\.?$")
_TASK = re.compile(r"^(?P<n>\d+)\.\s+(?P<text>.+)$")
_REQUESTED = re.compile(r"đề nghị .+ phối hợp thực hiện các nội dung sau:$")
#: A letter's last sentence stating the plan's reporting rule (kehoach.plan.terms.report_words).
_RULE = re.compile(r"(?:nhiệm vụ trên, |phối hợp thực hiện và )báo cáo (?P<what>.+?) về (?P<rest>.+)\./\.$")
_DETAIL = re.compile(r"^\((?P<detail>.+)\)$")
_PHASE_TIME = re.compile(r"^(?P<phase>Đợt\s+\S+?)(?:\s+\(đến .+\))?(?:;\s*(?P<deadline>.+))?$")
_REPORTS_TO = re.compile(
    r"báo cáo kết quả về (?P<issuer>.+?) (?:sau mỗi đợt thực hiện|định kỳ hoặc khi có yêu cầu)\./\.$"
)


@dataclass
class Letter:
    """One unit's letter: its id (the file's name), the unit's name, its tasks' details,
    whether the plan only requests the unit's part ("đề nghị … phối hợp thực hiện")."""

    id: str
    name: str
    tasks: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    reports_to: str | None = None
    requested: bool = False
    #: The reporting rule its last sentence states, where the plan gives one (``report``).
    report: dict[str, str] | None = None
    #: Its first sentence: "Thực hiện Kế hoạch số … của <the issuer's full name> về …".
    opening: str = ""


def read_letter(path: Path) -> Letter | None:
    """The letter's addressee and tasks, or None for a file that is not such a letter."""
    try:
        source = docx_source.read_docx(path)
    except UsageError:
        return None
    letter: Letter | None = None
    for para in source.paras:
        text = para.text.strip()
        if (m := _ADDRESSEE.match(text)) and letter is None:
            letter = Letter(path.stem, m["name"])
        elif letter is not None and not letter.opening and text.startswith("Thực hiện "):
            letter.opening = text
        elif letter is not None and (m := _TASK.match(text)):
            letter.tasks.append((m["text"], {}))
        elif letter is not None and letter.tasks and (m := _DETAIL.match(text.replace("*", ""))):
            letter.tasks[-1][1].update(_details(m["detail"]))
        elif letter is not None and (m := _REPORTS_TO.search(text)):
            letter.reports_to = m["issuer"]
        elif letter is not None and (m := _RULE.search(text)):
            letter.report = roles.report_rule(m["what"], m["rest"])
        if letter is not None and not letter.tasks and _REQUESTED.search(text):
            letter.requested = True
    return letter


def _details(detail: str) -> dict[str, str]:
    """ "Thời gian: Đợt 1; Phối hợp: A; B" → its parts; a part with no "key: " goes on the last."""
    out: dict[str, str] = {}
    last = ""
    for part in detail.split("; "):
        if part.startswith("tại ") and not out:
            out["tại"], last = part.removeprefix("tại "), "tại"
            continue
        key, colon, value = part.partition(": ")
        if (colon and key in ("Thời gian", "Phối hợp", "tại")) or (
            colon and key[:1].isupper() and " " not in key.strip()
        ):
            out[key], last = value, key
        elif last:
            out[last] += f"; {part}"
    return out


def apply(imported: Imported, plan_path: Path) -> None:
    """Ids, partners, phases and deadlines of the units from the letters beside the plan."""
    folder = plan_path.parent / LETTERS
    if not folder.is_dir():
        return
    letters = [found for path in sorted(folder.glob("*.docx")) if (found := read_letter(path)) is not None]
    units: list[dict[str, Any]] = imported.data.get("units", [])
    by_name = {letter.name: letter for letter in letters}
    ids = {letter.name: letter.id for letter in letters}
    used = False
    for index, unit in enumerate(units):
        letter = by_name.get(unit["name"])
        if letter is None:
            continue
        used = True
        for path in [p for p in imported.notes.comments if p[:3] == ("units", index, "tasks")]:
            del imported.notes.comments[path]
        unit["id"] = letter.id
        _tasks(unit, letter, ids, imported.data.get("phases", []))
    used = _body_roles(imported, letters) or used
    reports_to = next((letter.reports_to for letter in letters if letter.reports_to), None)
    issuer = imported.data["issuer"]
    if used and reports_to:
        if reports_to == issuer["full_name"]:
            issuer.pop("short_name", None)
        else:
            issuer["short_name"] = reports_to
    if used:
        name_issuer(imported.data, [letter.opening for letter in letters])
        imported.notes.warn("import.from_letters", folder=LETTERS)


def name_issuer(data: dict[str, Any], openings: list[str]) -> None:
    """The issuer's full name as a letter or notice cites the plan ("Thực hiện Kế hoạch số … của
    <full name> về <subject>"), and with it which header lines name it (those above are its
    parent body): the header shows the name in capitals, which lose its case."""
    subject = vn.lower_first(markup.plain(str(data["document"].get("subject", ""))))
    cited = next((found for text in openings if (found := _cited_issuer(text, subject))), None)
    if cited is None:
        return
    issuer = data["issuer"]
    lines = [*issuer.get("parent", []), *issuer.get("name", [])]
    for n in range(len(lines)):
        if " ".join(lines[n:]).casefold() == vn.upper(cited).casefold():
            issuer["parent"], issuer["name"] = lines[:n], lines[n:]
            break
    issuer["full_name"] = cited


def _cited_issuer(text: str, subject: str) -> str | None:
    """ "Thực hiện Kế hoạch số 15/KH-UBND ngày 01/8/2025 của <issuer> về <subject>, …" → issuer."""
    end = text.find(f" về {subject}") if subject else -1
    start = text.find(" của ")
    if not text.startswith("Thực hiện ") or end < 0 or not 0 < start < end:
        return None
    return text[start + len(" của ") : end] or None


def _body_roles(imported: Imported, letters: list[Letter]) -> bool:
    """The body's khoản given to units (leads, partners, deadlines, a unit's own khoản), and
    the units only they name added to the plan's units, in the order the body names them."""
    tasks = ((letter.id, letter.name, text, details) for letter in letters for text, details in letter.tasks)
    ids = {letter.name.casefold(): letter.id for letter in letters}
    places = roles.gather(tasks)
    placed = roles.apply(imported.data, places, ids)
    in_tables = task_tables.apply(imported.data, places, ids)
    if not placed and not in_tables:
        return False
    units: list[dict[str, Any]] = imported.data.setdefault("units", [])
    known = {unit.get("id") for unit in units}
    by_id = {letter.id: letter for letter in letters}
    for unit_id in [*roles.in_order(imported.data), *in_tables]:
        letter = by_id.get(unit_id)
        if letter is not None and unit_id not in known:
            unit: dict[str, Any] = {"id": unit_id, "name": letter.name}
            if letter.requested:
                unit["relation"] = "đề nghị"
            units.append(unit)
            known.add(unit_id)
    _reports(imported.data, units, by_id)
    return True


def _reports(data: dict[str, Any], units: list[dict[str, Any]], letters: dict[str, Letter]) -> None:
    """The reporting rule the letters state: the plan's when every letter states the same one,
    else each unit's own; the issuer named as the one reported to is left implied."""
    issuer = {data["issuer"].get("full_name"), data["issuer"].get("short_name")}
    rules = {unit["id"]: letters[unit["id"]].report for unit in units if unit["id"] in letters}
    for rule in rules.values():
        if rule is not None and rule.get("to") in issuer:
            del rule["to"]
    stated = [rule for rule in rules.values() if rule is not None]
    if len(stated) > 1 and len(stated) == len(rules) and all(rule == stated[0] for rule in stated):
        data["report"] = stated[0]
        return
    for unit in units:
        if rule := rules.get(unit["id"]):
            unit["report"] = rule


def _tasks(unit: dict[str, Any], letter: Letter, ids: dict[str, str], phases: list[dict[str, Any]]) -> None:
    """Each task's partners ("Phối hợp: A; B" → ids where A is a unit), phase and deadline."""
    tasks = unit.get("tasks", [])
    left = list(letter.tasks)
    for n, task in enumerate(tasks):
        text = task if isinstance(task, str) else task["text"]
        found = next((entry for entry in left if entry[0] == text), None)
        if found is None:
            continue
        left.remove(found)
        details = found[1]
        if isinstance(task, dict):
            task.pop("with", None)
        extra: dict[str, Any] = {}
        if partners := details.get("Phối hợp"):
            extra["with"] = [ids.get(name, name) for name in partners.split("; ")]
        if time := details.get("Thời gian"):
            extra.update(_time(time, phases))
        if extra:
            task = {"text": task} if isinstance(task, str) else task
            bullets = task.pop("bullets", None)
            task.update(extra)
            if bullets:
                task["bullets"] = bullets
        tasks[n] = task["text"] if isinstance(task, dict) and list(task) == ["text"] else task


def _time(text: str, phases: list[dict[str, Any]]) -> dict[str, Any]:
    """ "Đợt 1 (đến 31/8/2025)" → the phase; "Xong trong Quý II/2026" → a deadline; or both."""
    m = _PHASE_TIME.match(text)
    names = {phase["name"] for phase in phases}
    if m and m["phase"] in names:
        out: dict[str, Any] = {"phase": vn.slug(m["phase"])}
        if m["deadline"]:
            out["deadline"] = m["deadline"]
        return out
    return {"deadline": text}
