"""A whole source as plan.yaml data, with notes on what recognition is unsure of.

The source is cut where a plan's parts meet: the header block, the type's title and the
subject, the body up to the closing paragraph ("Trên đây là …"), Nơi nhận and the signer,
then the appendices ("PHỤ LỤC …"). Each part goes to its recogniser; what none of them
recognises is kept as running text and counted as such.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from kehoach.importer import body, frame, lists, outline
from kehoach.importer.casing import casing_of, sentence_case
from kehoach.importer.markers import marker
from kehoach.importer.outline import Notes
from kehoach.importer.source import Para, Source
from kehoach.importer.tables import plain
from kehoach.importer.tables import table as table_of
from kehoach.plan.base import MAX_ID
from kehoach.text import numbering, vn

_APPENDIX = re.compile(r"^\**\s*PHỤ LỤC\b|^\**\s*Phụ lục\s+[IVX\d]+\s*$", re.IGNORECASE)
_ATTACHED = re.compile(r"^\(?\s*(Ban hành )?kèm theo", re.IGNORECASE)
_CLOSING = re.compile(r"^Trên đây\b", re.IGNORECASE)


@dataclass
class Imported:
    """The plan's data in plan.yaml's order, the notes for its comments, and counts."""

    data: dict[str, Any]
    notes: Notes
    source: Source
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Parts:
    """The source cut where a plan's parts meet."""

    code: str
    subject: list[str]
    before: list[str]
    body: list[Para]
    closing: str | None
    signature: list[Para]
    appendices: list[Para]


_NOTE_TEXT = re.compile(r"^\[\^(?P<n>\d+)\]:\s*(?P<text>.+)$")


#: A footnote as a PDF's text gives it, at the end: "[1] Chỉ thị số 46-CT/TW …".
_PRINTED_NOTE = re.compile(r"^\[(?P<n>\d+)\]\s+(?P<text>\S.*)$", re.DOTALL)


def _printed_footnotes(source: Source) -> None:
    """Footnotes a PDF prints at the end, after the signature ("[1] Chỉ thị …", the paragraphs
    after it its lines, then "[2] …"), their marks "[1]" in the text before: written Markdown's
    way, so that they are read as footnotes. Only notes numbered 1, 2, … each marked before."""
    paras = source.paras
    start = next((n for n, p in enumerate(paras) if (m := _PRINTED_NOTE.match(p.text)) and m["n"] == "1"), None)
    if start is None:
        return
    notes: list[list[str]] = []
    for para in paras[start:]:
        m = _PRINTED_NOTE.match(para.text)
        if m and m["n"] == str(len(notes) + 1):
            notes.append([m["text"]])
        else:
            notes[-1].append(para.text)
    before = " ".join(p.text for p in paras[:start])
    if not all(f"[{n}]" in before for n in range(1, len(notes) + 1)):
        return
    del paras[start:]
    for n, lines in enumerate(notes, 1):
        text = " ".join(" ".join(lines).split())
        for para in paras:
            para.text = para.text.replace(f"[{n}]", f"[^{n}]")
        paras.append(replace(paras[-1], text=f"[^{n}]: {text}", rows=None, hint="", breaks=[]))


def _footnotes(source: Source) -> None:
    """Footnotes a text gives Markdown's way ("…khoáng sản[^1]", then "[^1]: Đặc biệt: …" at the
    end) as kehoach writes them, where their mark is: "…khoáng sản^[Đặc biệt: …]"."""
    _printed_footnotes(source)
    notes = {m["n"]: m["text"] for p in source.paras if (m := _NOTE_TEXT.match(p.text))}
    if not notes:
        return
    source.paras[:] = [p for p in source.paras if not _NOTE_TEXT.match(p.text)]
    for para in source.paras:
        for number, text in notes.items():
            para.text = para.text.replace(f"[^{number}]", f"^[{text.replace('[', '(').replace(']', ')')}]")


def _is_closing(para: Para, by_kehoach: bool) -> bool:
    """The plan's last paragraph: styled so (in kehoach's own DOCX, only that), "Trên đây là …",
    or the body's last paragraph ending "./." (Decree 30's end of a text), not a list line."""
    text = para.text.strip()
    if by_kehoach or para.hint == "closing":
        return para.hint == "closing"
    return bool(_CLOSING.match(text)) or (text.endswith("./.") and marker(text) is None)


def cut(source: Source) -> Parts | None:
    """The type and subject, the basis and intro, the body from the first mục, the closing
    paragraph, the signature block and the appendices; None where there is no type or mục."""
    code, subject, used = frame.type_and_subject(source.paras)
    if code is None:
        return None
    rest = source.paras[used:]
    sign_at = next((n for n, p in enumerate(rest) if frame.is_signature_start(p.text)), len(rest))
    appendix_at = sign_at + next(iter(appendix_starts(rest[sign_at:])), len(rest) - sign_at)
    main = rest[:sign_at]
    closing = main.pop().text if main and _is_closing(main[-1], source.by_kehoach) else None
    top = outline.section_format(main)
    first = next((n for n, p in enumerate(main) if p.rows is None and (m := marker(p.text)) and m.format == top), None)
    if first is None:
        return None
    before = [p.text for p in main[:first]]
    return Parts(code, subject, before, main[first:], closing, rest[sign_at:appendix_at], rest[appendix_at:])


def recognise(source: Source) -> Imported | None:
    """The plan in ``source``, or None when it has no type title or no body to read."""
    _footnotes(source)
    parts = cut(source)
    if parts is None:
        return None
    notes = Notes(
        casing=casing_of([p.text for p in source.paras if p.hint != "section"]),
        numbered_tasks=not source.by_kehoach,
    )
    found = lists.body(parts.body, notes)
    if not found.sections:
        return None
    signature = frame.signature(parts.signature)
    data = _head(source, parts, signature, notes)
    style = outline.numbering_style(found.style)
    if found.titles:
        shape = {"style": style} if style else {"levels": list(found.style)}
        data["numbering"] = {**shape, "titles": found.titles}
    elif style and style != numbering.DEFAULT_STYLE:
        data["numbering"] = style
    data["sections"] = found.sections
    _lists(data, found, notes)
    _tail(data, parts, signature, notes)
    data = pruned(data)
    counts = {
        "sections": len(found.sections),
        "phases": len(found.phases),
        "units": len(found.units),
        "tasks": sum(len(u["tasks"]) for u in found.units),
        "appendices": len(data.get("appendices", [])),
        "free": notes.free_text,
    }
    return Imported(data, notes, source, counts)


#: Keys whose lists keep empty strings: a table's cells may be empty.
_KEEP_EMPTY = ("rows", "cells")


def pruned(value: Any, key: str = "") -> Any:
    """The data without empty texts (a lone "-", a rule of underscores), nor parts left with
    nothing in them; a table's empty cells are kept."""
    if isinstance(value, dict):
        out = {k: pruned(v, k) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _empty(v) or k in _KEEP_EMPTY}
    if isinstance(value, list):
        items = [pruned(v, key) for v in value]
        return items if key in _KEEP_EMPTY else [v for v in items if not _empty(v)]
    return value


def _empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, dict | list) and not value


def _head(source: Source, parts: Parts, signature: frame.Signature, notes: Notes) -> dict[str, Any]:
    """Issuer, document, basis and intro."""
    header = frame.header(source.head)
    text = " ".join(_all_text(p) for p in source.paras)
    lines = header.issuer_lines or frame.issuer_from_text(text)
    data: dict[str, Any] = {"profile": "đảng"} if header.party else {}
    data["issuer"] = frame.issuer(lines, header.symbol, signature.archive, text, header.party)
    if source.issuer:  # kehoach's DOCX keeps them: the guesses give way
        data["issuer"].pop("short_name", None)
        data["issuer"].update(source.issuer)
    if not header.issuer_lines:
        notes.comment(("issuer",), "import.note.issuer")
    data["document"] = _document(parts.code, header, parts.subject, notes)
    basis, intro = frame.split_basis(parts.before)
    if basis:
        data["basis"] = basis
    if intro:
        data["intro"] = intro
    return data


def _all_text(para: Para) -> str:
    """A paragraph's text, or a table's cells'."""
    if para.rows is None:
        return para.text
    return " ".join(line for row in para.rows for cell in row for line in cell.lines)


def _tail(data: dict[str, Any], parts: Parts, signature: frame.Signature, notes: Notes) -> None:
    """Closing, Nơi nhận, signer, the Lưu line, appendices."""
    if parts.closing:
        data["closing"] = parts.closing
    if signature.recipients:
        data["recipients"] = signature.recipients
    signer = frame.signer(signature)
    data["signer"] = signer or {"name": "Chưa rõ"}
    if signer is None:
        notes.comment(("signer",), "import.note.signer")
    if signature.archive and signature.archive != ["VT", data["issuer"]["drafting_unit"]]:
        data["archive"] = signature.archive
    _appendices(data, parts.appendices, notes)


def _document(code: str, header: frame.Header, subject: list[str], notes: Notes) -> dict[str, Any]:
    doc: dict[str, Any] = {"type": code}
    if header.number:
        doc["number"] = header.number
    doc["place"] = header.place or "Chưa rõ"
    if header.place is None:
        notes.comment(("document",), "import.note.place_date")
    if header.date:
        doc["date"] = header.date
    else:
        doc["year"] = header.year or 2000
        if header.month:
            doc["month"] = header.month
    doc["subject"] = subject[0] if len(subject) == 1 else " ".join(subject) if subject else "Chưa rõ"
    return doc


def _lists(data: dict[str, Any], found: lists.Body, notes: Notes) -> None:
    if found.phases:
        data["phases"] = found.phases
    if found.units:
        ids: set[str] = set()
        for unit in found.units:
            unit["id"] = unit_id(unit["name"], ids)
        data["units"] = found.units
        partners(found.units, notes)
    if found.slogans:
        data["slogans"] = found.slogans


_LEVEL_WORD = re.compile(r"\s+(phường|xã|tỉnh|thành phố|quận|huyện|thị xã|thị trấn)$", re.IGNORECASE)


def partners(units: list[dict[str, Any]], notes: Notes) -> None:
    """A task that says "Phối hợp (với) <another unit of the plan> …" is done with that unit:
    its ``with`` names it (in the order the text names them), with a comment saying so."""
    names = [(unit["id"], variant) for unit in units for variant in _variants(unit["name"])]
    for u, unit in enumerate(units):
        for t, task in enumerate(unit["tasks"]):
            text = task if isinstance(task, str) else " ".join([task["text"], *_texts(task.get("bullets", []))])
            found = _named_after(text.casefold(), names, unit["id"])
            if found:
                task = {"text": task} if isinstance(task, str) else task
                bullets = task.pop("bullets", None)
                task["with"] = found
                if bullets:
                    task["bullets"] = bullets
                unit["tasks"][t] = task
                notes.comment(("units", u, "tasks", t), "import.note.partners")


def _variants(name: str) -> list[str]:
    """A unit's name as a task may cite it: whole, or without its level word ("… phường")."""
    short = _LEVEL_WORD.sub("", name)
    return [v.casefold() for v in dict.fromkeys((name, short)) if len(v.split()) >= 2]


def _texts(bullets: list[Any]) -> list[str]:
    out: list[str] = []
    for bullet in bullets:
        out.append(bullet if isinstance(bullet, str) else bullet["text"])
        out += [] if isinstance(bullet, str) else _texts(bullet.get("bullets", []))
    return out


def _named_after(text: str, names: list[tuple[str, str]], own: str) -> list[str]:
    """Ids of the units named after "phối hợp" in ``text``, in the order they are named."""
    start = text.find("phối hợp")
    if start < 0:
        return []
    at: dict[str, int] = {}
    for unit_id_, variant in names:
        where = text.find(variant, start)
        if unit_id_ != own and where >= 0:
            at[unit_id_] = min(where, at.get(unit_id_, where))
    return sorted(at, key=lambda key: at[key])


def unit_id(name: str, taken: set[str]) -> str:
    """An id for a unit from its name: its slug, cut at a word under kehoach's limit, made unique."""
    slug = vn.slug(name) or "don-vi"
    while len(slug) > MAX_ID - 3:
        slug = slug.rsplit("-", 1)[0]
    found, n = slug, 1
    while found in taken:
        n += 1
        found = f"{slug}-{n}"
    taken.add(found)
    return found


def appendix_starts(paras: list[Para]) -> list[int]:
    """Where each appendix begins: its "PHỤ LỤC …" line; or, for an attachment that has no such
    line ("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC …" then "(Kèm theo Kế hoạch số …)"), the
    upper-case title lines just before its "(Kèm theo …)" line."""
    starts: list[int] = []
    for n, para in enumerate(paras):
        if _APPENDIX.match(para.text):
            starts.append(n)
        elif _ATTACHED.match(para.text):
            first = n
            while first > 0 and _is_title(paras[first - 1]) and not _APPENDIX.match(paras[first - 1].text):
                first -= 1
            if first < n and (not starts or starts[-1] != first - 1 or not _APPENDIX.match(paras[first - 1].text)):
                starts.append(first)
    return starts


def _is_title(para: Para) -> bool:
    """An upper-case line of running text (a title), not a table nor a signer's title."""
    text = para.text
    return (
        para.rows is None
        and text == vn.upper(text)
        and any(ch.isalpha() for ch in text)
        and not frame.is_signature_start(text)
    )


def _appendices(data: dict[str, Any], paras: list[Para], notes: Notes) -> None:
    """ "PHỤ LỤC I" (or an attachment's own title), its title, "(Kèm theo …)", then a table or text."""
    starts = appendix_starts(paras)
    groups = [
        paras[start + 1 if _APPENDIX.match(paras[start].text) else start : end]
        for start, end in itertools.pairwise([*starts, len(paras)])
    ]
    out = [_appendix(group, data, notes, n) for n, group in enumerate(groups)]
    if out:
        data["appendices"] = out


def _appendix(group: list[Para], data: dict[str, Any], notes: Notes, index: int) -> dict[str, Any]:
    """One appendix: the upper-case lines before its content are its title; a "(Kèm theo …)"
    line after them ends it (a table's first cell "TT" is no title)."""
    title: list[str] = []
    content: list[Para] = []
    attached = closed = False
    signs = [_sign_line(para) for para in group if para.hint == "signs"]
    for para in (p for p in group if p.hint != "signs"):
        if _ATTACHED.match(para.text):
            # "(Kèm theo …)" ends the title: capitals after it are headings
            attached, closed = True, closed or bool(title)
            continue
        opening = closed or para.rows is not None or marker(para.text) is not None or para.text != vn.upper(para.text)
        opening = opening or (attached and para.where.startswith("đoạn"))
        if not content and not opening:
            title.append(para.text)
        else:
            content.append(para)
    appendix: dict[str, Any] = {"title": sentence_case(" ".join(title), notes.casing) or "Phụ lục"}
    tables = [p for p in content if p.rows]
    if tables and _is_key_table(tables[0]) and "key_tasks" not in data:
        data["key_tasks"] = _key_tasks(tables[0])
        appendix["show"] = "key_tasks"
    elif len(tables) == 1 and len(content) == 1 and tables[0].rows:
        appendix["table"] = table_of(tables[0].rows)
    elif content:
        appendix["body"] = body.blocks(outline.tree(content, "I.").children, notes, ("appendices", index))
    if signs:
        appendix["closing"] = signs
    return appendix


def _sign_line(para: Para) -> str:
    """A line of an appendix's closing ("LÃNH ĐẠO ĐƠN VỊ", "*(Ký tên, đóng dấu)*"): bold by its
    style, italic where its words are."""
    italic = para.emphasis in ("italic", "bold-italic") and not para.text.startswith("*")
    return f"*{para.text}*" if italic else para.text


def unit_refs(data: dict[str, Any]) -> None:
    """Key tasks' lead and partners as the plan's unit ids where the table names its units
    ("Sở Xây dựng; Sở Công Thương" → both ids); other wording is kept as written."""
    ids = {unit["name"]: unit["id"] for unit in data.get("units", [])}
    for task in data.get("key_tasks", []):
        for key in ("lead", "with"):
            if key in task and len(task[key]) == 1:
                names = task[key][0].split("; ")
                if all(name in ids for name in names):
                    task[key] = [ids[name] for name in names]


#: What each column of a key-task table holds, by the words of its label ("Đơn vị chủ trì",
#: "Sở, ngành chủ trì tham mưu", "Thời gian thực hiện"…), in the order the labels are tried.
_KEY_ROLES = (
    ("counter", ("tt", "stt")),
    ("lead", ("chủ trì",)),
    ("with", ("phối hợp",)),
    ("deadline", ("thời gian", "thời hạn", "tiến độ")),
    ("note", ("ghi chú",)),
    ("text", ("nhiệm vụ", "nội dung")),
)


def _key_roles(para: Para) -> list[str] | None:
    """The role of each column of a key-task table (TT, task, lead, partners, time, note), or
    None for another table (a column none of these, or no task or lead column)."""
    roles = []
    for cell in (para.rows or [[]])[0]:
        label = plain(" ".join(cell.lines)).casefold()
        role = next((r for r, words in _KEY_ROLES if label in ("tt", "stt") or any(w in label for w in words)), None)
        if role is None or (role == "counter" and label not in ("tt", "stt")):
            return None
        roles.append(role)
    return roles if {"text", "lead"} <= set(roles) and len(set(roles)) == len(roles) else None


def _is_key_table(para: Para) -> bool:
    return _key_roles(para) is not None


def _key_tasks(para: Para) -> list[dict[str, Any]]:
    """The key-task table's rows, each cell by its column's role."""
    roles = _key_roles(para) or []
    out = []
    for row in (para.rows or [])[1:]:
        cells = {
            role: plain(" ".join(c.lines)) if role != "text" else " ".join(c.lines)
            for role, c in zip(roles, row, strict=False)
        }
        if not cells.get("text") or all(re.fullmatch(r"\(\d+\)", value) for value in cells.values() if value):
            continue
        task: dict[str, Any] = {"text": cells["text"], "lead": [cells.get("lead") or "Chưa rõ"]}
        if cells.get("with"):
            task["with"] = [cells["with"]]
        if cells.get("deadline"):
            task["deadline"] = cells["deadline"]
        if cells.get("note"):
            task["note"] = cells["note"]
        out.append(task)
    return out
