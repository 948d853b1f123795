"""What kehoach's notices to the bodies a schedule names add to a plan read from its DOCX.

An inspection plan's schedule names, row by row, the bodies the team goes to (a column of
``role: addressee``); kehoach writes each of them a notice, ``thong-bao/<body>.docx`` beside
the plan DOCX: "Kính gửi: Sở Y tế.", its V/v line, the row's facts, the team that comes, the
khoản it must prepare, the appendix it fills in and a closing sentence. The plan document
shows none of this: the schedule is a table like any other. Where such notices are found,
the column that names their addressees gets its role back, and the table its ``notice``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.importer import docx_source, letters
from kehoach.importer.recognise import Imported
from kehoach.text import markup, vn
from kehoach.text.errors import UsageError

NOTICES = "thong-bao"
_ADDRESSEE = re.compile(r"^Kính gửi:\s*(?P<name>.+?)\.?$")
_SUBJECT = re.compile(r"^(?:V/v|về việc)\s+(?P<subject>.+)$")
#: The V/v line kehoach writes when the table's notice gives none.
_DEFAULT_SUBJECT = re.compile(r"^thực hiện .+ số [^ ]*/[^ ]+$")
_PART = re.compile(r"^(?P<n>\d+)\.\s+(?P<head>.+)$")
_APPENDIX = re.compile(r"^Báo cáo, tài liệu theo Phụ lục(?: (?P<label>[^\s(]+))? \((?P<title>.+)\) kèm theo ")
_PREPARE = "Nội dung chuẩn bị:"
_END = ("Nơi nhận:", "Nơi nhận")


@dataclass
class Notice:
    """One notice: its addressee, its V/v line, its numbered parts (head and the "-" lines
    under it) and its closing sentence."""

    name: str
    subject: str = ""
    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    closing: str = ""
    #: Its first sentence: "Thực hiện Kế hoạch số … của <the issuer's full name> về …".
    opening: str = ""


def read_notice(path: Path) -> Notice | None:
    """The notice's parts, or None for a file that is not such a notice."""
    try:
        source = docx_source.read_docx(path)
    except UsageError:
        return None
    subject = next((m["subject"] for p in source.head if (m := _SUBJECT.match(p.text.strip()))), "")
    notice: Notice | None = None
    for para in source.paras:
        text = para.text.strip()
        if notice is None:
            if m := _ADDRESSEE.match(text):
                notice = Notice(m["name"], subject)
        elif text.startswith(_END):
            break
        elif not notice.opening and not notice.parts and text.startswith("Thực hiện "):
            notice.opening = text
        elif m := _PART.match(text):
            notice.parts.append((m["head"], []))
        elif text.startswith("- ") and notice.parts:
            notice.parts[-1][1].append(text.removeprefix("- ").rstrip(";."))
        elif notice.parts:
            notice.closing = text
    return notice


def apply(imported: Imported, plan_path: Path) -> None:
    """Each schedule whose column names the notices' addressees: that column's role, and the
    table's ``notice`` (V/v line, the part to prepare, the team, the appendix, the closing)."""
    folder = plan_path.parent / NOTICES
    if not folder.is_dir():
        return
    notices = [found for path in sorted(folder.glob("*.docx")) if (found := read_notice(path)) is not None]
    by_name = {markup.plain(n.name): n for n in notices}
    used = False
    for table in _tables(imported.data):
        column = _addressee_column(table, set(by_name))
        if column is None:
            continue
        table["columns"][column]["role"] = "addressee"
        named = [by_name[name] for row in _rows(table, column) for name in row if name in by_name]
        if named:
            notice = _notice(imported.data, named)
            if notice:
                table["notice"] = notice
        used = True
    if used:
        letters.name_issuer(imported.data, [notice.opening for notice in notices])
        imported.notes.warn("import.from_notices", folder=NOTICES)


def _tables(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every table of the plan's body and appendices."""

    def walk(value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            if isinstance(value.get("table"), dict):
                yield value["table"]
            for key, inner in value.items():
                if key != "table":
                    yield from walk(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner)

    yield from walk(data.get("sections", []))
    yield from walk(data.get("appendices", []))


def _addressee_column(table: dict[str, Any], names: set[str]) -> int | None:
    """The column whose cells name the most addressees (at least one)."""
    best, found = 0, None
    for column in range(len(table.get("columns", []))):
        count = sum(1 for row in _rows(table, column) for name in row if name in names)
        if count > best:
            best, found = count, column
    return found


def _rows(table: dict[str, Any], column: int) -> Iterator[list[str]]:
    """The names each full row's cell in ``column`` holds (split at ";" as kehoach splits them)."""
    columns = table.get("columns", [])
    counter = next((i for i, c in enumerate(columns) if c.get("counter")), None)
    if column == counter:
        return
    at = column - (1 if counter is not None and counter < column else 0)
    width = len(columns) - (1 if counter is not None else 0)
    for row in table.get("rows", []):
        cells = row if isinstance(row, list) else row.get("cells", []) if isinstance(row, dict) else []
        if len(cells) == width:
            text = markup.plain(_text(cells[at]))
            yield [name for part in text.split(";") if (name := part.strip().strip(".,").strip())]


def _text(cell: Any) -> str:
    if isinstance(cell, dict):
        return " ".join([str(cell.get("text") or ""), *cell.get("paragraphs", [])]).strip()
    return str(cell)


def _notice(data: dict[str, Any], named: list[Notice]) -> dict[str, Any]:
    """The table's ``notice`` as its first addressee's notice states it."""
    first = named[0]
    out: dict[str, Any] = {}
    if first.subject and not _DEFAULT_SUBJECT.match(first.subject):
        out["subject"] = first.subject
    for head, lines in first.parts:
        if head == _PREPARE and (found := _prepared(data, lines)):
            out["prepare"] = found
        elif head.endswith(":") and lines and (team := _team(data, head.removesuffix(":"), lines)):
            out["team"] = team
        elif (m := _APPENDIX.match(head)) and (appendix := _appendix(data, m["label"] or "1", m["title"])):
            out["appendix"] = appendix
    default = (
        f"Đề nghị {first.name} chuẩn bị các nội dung trên và bố trí thành phần làm việc theo thời gian đã thông báo./."
    )
    if first.closing and first.closing != default and all(n.closing == first.closing for n in named):
        out["closing"] = first.closing
    return out


def _prepared(data: dict[str, Any], lines: list[str]) -> str | None:
    """The id of the khoản or mục whose lines the notice quotes (its text alone when it has none)."""
    wanted = [_bare(line) for line in lines]

    def walk(part: Any) -> str | None:
        if isinstance(part, list):
            return next((found for inner in part if (found := walk(inner))), None)
        if not isinstance(part, dict):
            return None
        if part.get("id") and _lines(part) == wanted:
            return str(part["id"])
        return next((found for key, inner in part.items() if key != "table" and (found := walk(inner))), None)

    return walk(data.get("sections", []))


def _lines(part: dict[str, Any]) -> list[str]:
    """A khoản's own lines as a notice lists them: its items, bullets and paragraphs, else its text."""
    lines = [
        _bare(_text(line))
        for key in ("items", "bullets", "paragraphs")
        for line in part.get(key, [])
        if isinstance(line, str | dict)
    ]
    for block in part.get("body", []):
        if isinstance(block, dict):
            lines += [_bare(_text(line)) for key in ("items", "bullets", "list") for line in block.get(key, [])]
    if not lines:
        text = " ".join(str(part[key]) for key in ("title", "text") if part.get(key))
        lines = [_bare(text)] if text else []
    return lines


def _bare(text: str) -> str:
    return markup.plain(text).strip().rstrip(";.")


def _team(data: dict[str, Any], name: str, lines: list[str]) -> str | None:
    """The id of the team of this name, given one (its name's slug) when it has none. The plan
    document shows a team as its members' lines numbered like items: the items whose lines the
    notice lists under the team's name become that team."""
    for team in _teams(data.get("sections", [])):
        if vn.upper_first(markup.plain(str(team.get("name", "")))) == name:
            team.setdefault("id", vn.slug(name)[:60].strip("-") or "doan")
            return str(team["id"])
    found = _members_at(data.get("sections", []), [_bare(line) for line in lines])
    if found is None:
        return None
    part, key = found
    members = [member(_text(item)) for item in part[key]]
    team = {"id": vn.slug(name)[:60].strip("-") or "doan", "name": name, "members": members}
    if key == "items":
        part.pop("items")
        part["body"] = [{"team": team}, *part.get("body", [])]
    else:
        part.clear()
        part["team"] = team
    return str(team["id"])


def _members_at(value: Any, wanted: list[str]) -> tuple[dict[str, Any], str] | None:
    """The mục or khoản (and its key "items") or the body block whose items are these lines."""
    if isinstance(value, list):
        return next((found for inner in value if (found := _members_at(inner, wanted))), None)
    if not isinstance(value, dict):
        return None
    items = value.get("items")
    if isinstance(items, list) and [_bare(_text(i)) for i in items] == wanted:
        return value, "items"
    return next((found for k, inner in value.items() if k != "table" and (found := _members_at(inner, wanted))), None)


#: A member's line as kehoach writes it (:attr:`kehoach.plan.blocks.Member.line`).
_MEMBER = re.compile(
    r"^(?:(?P<honorific>Ông|Bà|Đồng chí) )?(?P<name>[^,–:]+?)(?:, (?P<position>[^–:]+?))?"
    r"(?: – (?P<role>[^:]+?))?(?:: (?P<duties>.+))?$"
)


def member(line: str) -> dict[str, str]:
    """ "Ông Hoàng Văn A, Phó Giám đốc Sở – Trưởng đoàn: phụ trách chung" read back into a member."""
    m = _MEMBER.match(line.strip())
    if m is None:
        return {"name": line.strip()}
    return {key: value for key, value in m.groupdict().items() if value}


def _teams(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if isinstance(value.get("team"), dict):
            yield value["team"]
        for inner in value.values():
            yield from _teams(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _teams(inner)


def _appendix(data: dict[str, Any], label: str, title: str) -> str | None:
    """The id of the appendix of this label ("II", "2", "02"), given one when it has none; its
    title as the notice writes it (the plan shows it in capitals, which lose its case)."""
    appendices = data.get("appendices", [])
    number = int(label) if label.isdigit() else next((n for n in range(1, 40) if vn.roman(n) == label), 0)
    if not 0 < number <= len(appendices):
        return None
    appendix = appendices[number - 1]
    if markup.plain(str(appendix.get("title", ""))).casefold() == title.casefold():
        appendix["title"] = vn.upper_first(title)
    if "id" not in appendix:
        appendix["id"] = f"phu-luc-{number}"
        appendices[number - 1] = {"id": appendix.pop("id"), **appendix}
    return str(appendices[number - 1]["id"])
