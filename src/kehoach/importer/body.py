"""The body as plan.yaml holds it: mục, khoản, điểm and lists, phases, units, slogans.

Paragraphs become a tree by their markers, the way a reader nests them: a marker of a
format seen above closes what was opened under it ("2." after "b)" goes back to the
khoản level), a new format opens a level under the current one. Each mục then becomes
plain content (the short forms ``paragraphs`` / ``items`` / ``bullets`` when they come in
that order, ``body`` blocks otherwise), or the plan's phases ("1. Đợt 1: Từ … đến …"),
units ("Tổ chức thực hiện": a heading per unit, its "-" lines the tasks) or slogans.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from kehoach.importer import tables
from kehoach.importer.markers import Marker, marker
from kehoach.importer.source import Para
from kehoach.plan import when
from kehoach.text import numbering, vn

_LINES = ("-", "+", "•")
_PHASE = re.compile(r"^(?P<name>(?:Đợt|Giai đoạn|Bước)\s+[\wÀ-ỹ]+)\s*[:.]\s*(?P<rest>.*)$")
_SPAN = re.compile(r"^[Tt]ừ\s+(?P<sau>sau\s+)?(?P<start>.+?)\s+(?P<connector>đến|và)\s+(?P<end>.+)$")
_ENDS_SENTENCE = re.compile(r"[.;!?…]['\"”’)*]*$")
_UNITS_TITLE = re.compile(r"tổ chức thực hiện|phân công", re.IGNORECASE)
#: How a unit's heading starts: an agency ("Sở …", "Ủy ban nhân dân …", "Các trường …"), its
#: head ("Giám đốc …", "Thủ trưởng …"), or a request ("Đề nghị …").
_AGENCY = re.compile(
    r"^(?:đề nghị\s+)?(?:các\s+|những\s+)?(?:sở|ban|bộ|phòng|ủy ban|uỷ ban|ubnd|hđnd|công an|văn phòng|trung tâm|"
    r"thanh tra|thuế|kho bạc|bảo hiểm|bhxh|đài|báo|hội|đoàn|liên đoàn|mặt trận|ủy ban mặt trận|tổ|trường|bệnh viện|"
    r"giám đốc|thủ trưởng|chủ tịch|cơ quan|đơn vị|tòa án|viện|cục|chi cục|quân sự|bộ chỉ huy|ngân hàng|"
    r"doanh nghiệp|hợp tác xã|chủ đầu tư|người đứng đầu|cán bộ|công chức|viên chức|trưởng|ban chỉ huy|trạm|"
    r"chi nhánh|đội|hạt|ban quản lý|công ty|hiệp hội|chi hội|thường trực|đảng ủy|đảng uỷ|uỷ ban|ban thường vụ)\b",
    re.IGNORECASE,
)


@dataclass
class Node:
    """A paragraph with the paragraphs nested under it."""

    para: Para | None
    mark: Marker | None
    children: list[Node] = field(default_factory=list)

    @property
    def format(self) -> str | None:
        return self.mark.format if self.mark else None

    @property
    def kind(self) -> str:
        """ "p" running text, "i" a numbered item, "b" a list line, "t" a table."""
        if self.para is not None and self.para.rows is not None:
            return "t"
        if self.mark is None:
            return "n" if self.para is not None and self.para.hint == "note" else "p"
        return "b" if self.mark.format in _LINES else "i"

    @property
    def text(self) -> str:
        if self.mark is not None:
            return self.mark.rest
        return self.para.text if self.para else ""


#: A catalogue message and its facts (:mod:`kehoach.text.messages`), said in the user's language.
Said = tuple[str, dict[str, Any]]


@dataclass
class Notes:
    """What recognition is unsure of (a YAML comment at a path) and the source's slips."""

    comments: dict[tuple[Any, ...], list[Said]] = field(default_factory=dict)
    warnings: list[Said] = field(default_factory=list)
    free_text: int = 0
    #: Runs of words as the source's running text writes them, by their lower case, so an
    #: upper-cased title gets its proper nouns back ("CÁC SỞ, BAN, NGÀNH" → "các Sở, ban, ngành").
    casing: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: A unit's tasks may be numbered điểm ("a) …") as well as "-" lines; not in a plan kehoach
    #: wrote, where such a khoản is an item of the body, not a unit.
    numbered_tasks: bool = True

    def comment(self, path: tuple[Any, ...], code: str, **args: Any) -> None:
        """A YAML comment above the part at ``path``: a catalogue message and its facts."""
        self.comments.setdefault(path, []).append((code, args))

    def warn(self, code: str, **args: Any) -> None:
        """A slip of the source, said in the summary."""
        self.warnings.append((code, args))


def tree(paras: list[Para], section_format: str) -> Node:
    """The paragraphs nested by their markers under a root."""
    root = Node(None, None)
    stack = [root]
    lost = 0
    for n, para in enumerate(paras):
        found = None if para.rows is not None else marker(para.text)
        if found is not None and found.format == "I." and section_format != "I.":
            found = None
        if found is not None and found.format == section_format:
            lost = 0
        if found is None and section_format == "I." and _lost_number(para, paras[n + 1 : n + 2]):
            lost += 1
            found = Marker("1.", lost, para.text, guessed=True)
        node = Node(para, found)
        if found is None:
            while stack[-1].kind == "b" or (para.hint == "note" and len(stack) > 2):
                stack.pop()
            stack[-1].children.append(node)
            continue
        if found.format == section_format:
            del stack[1:]
        else:
            _close_to(stack, found.format)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _lost_number(para: Para, following: list[Para]) -> bool:
    """A short heading right before a "a)" is a khoản whose "1." the extraction lost (a Word
    list's automatic number): "Cải cách thể chế" / "a) Mục tiêu"."""
    nxt = marker(following[0].text) if following and following[0].rows is None else None
    text = para.text.strip()
    return (
        nxt is not None
        and nxt.format in ("a)", "a.", "a/")
        and nxt.number == 1
        and para.rows is None
        and para.hint in ("", "heading")
        and len(text) < 120
        and text[:1].isupper()
        and not _ENDS_SENTENCE.search(text.rstrip(":"))
    )


def _close_to(stack: list[Node], fmt: str) -> None:
    """Pop the stack to where a marker of ``fmt`` belongs: beside its last sibling, or under
    the deepest open node that may hold it."""
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].format == fmt:
            del stack[depth:]
            return
    if fmt not in _LINES:
        while stack[-1].kind == "b":
            stack.pop()


def section_format(paras: list[Para]) -> str:
    """The mục's format: roman numerals where the plan has them, else "1."."""
    return "I." if any((m := marker(p.text)) and m.format == "I." for p in paras if p.rows is None) else "1."


def style_of(root: Node, top: str) -> tuple[str, ...]:
    """The numbered formats in the order their levels nest, the mục's first."""
    levels: list[str] = [top]

    def walk(node: Node, depth: int) -> None:
        for child in node.children:
            if child.kind == "i" and child.format and child.format != top:
                while len(levels) <= depth:
                    levels.append(child.format)
                walk(child, depth + 1)

    for section in root.children:
        if section.format == top:
            walk(section, 1)
    return tuple(levels)


def numbering_style(levels: tuple[str, ...]) -> str | None:
    """The named style of these levels (kehoach goes on with "-" below a style's last level)."""
    for name, formats in numbering.STYLES.items():
        if formats[: len(levels)] == levels:
            return name
    return None


def slips(node: Node, notes: Notes) -> None:
    """Numbers out of sequence ("V." twice): kehoach renumbers, so the source's slip is said."""
    expected: dict[str, int] = {}
    for child in node.children:
        if child.mark is not None and child.mark.numbered:
            want = expected.get(child.mark.format, 1)
            if child.mark.number != want and child.para is not None:
                shown = numbering.marker(child.mark.format, (child.mark.number,))
                right = numbering.marker(child.mark.format, (want,))
                notes.warn("import.slip", where=child.para.where, shown=shown, right=right)
            expected[child.mark.format] = child.mark.number + 1
        slips(child, notes)


#: The longest run of words looked up in the running text to recase a title.
_RUN = 6


_SENTENCE_END = re.compile(r"[.:;!?…]['\"”’)*]*$")


def casing_of(paragraphs: list[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Runs of two to six words of running text by their lower case, the first spelling kept.

    A word opening a sentence (or a paragraph, after its marker) says nothing of its case,
    nor does a word in upper case: those are lowered before the runs are taken."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for text in paragraphs:
        if text == vn.upper(text):
            continue
        found = marker(text)
        words = (found.rest if found else text).split()
        seen = [w.lower() if _uncased(words, n) else w for n, w in enumerate(words)]
        for n in range(2, _RUN + 1):
            for i in range(len(seen) - n + 1):
                run = tuple(seen[i : i + n])
                out.setdefault(tuple(w.lower() for w in run), run)
    return out


def _uncased(words: list[str], n: int) -> bool:
    """Whether the case of ``words[n]`` tells nothing: it opens a sentence or is all capitals."""
    return n == 0 or bool(_SENTENCE_END.search(words[n - 1])) or words[n] == vn.upper(words[n])


def sentence_case(text: str, casing: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> str:
    """An upper-cased title as written: "MỤC ĐÍCH, YÊU CẦU" → "Mục đích, yêu cầu", words the
    running text capitalises ("Sở", "Ủy ban nhân dân tỉnh") as it does."""
    plain = text.strip().strip("*").strip()
    if plain != vn.upper(plain) or not any(c.isalpha() for c in plain):
        return plain
    words = plain.lower().split()
    out = list(words)
    i = 0
    while i < len(words):
        for n in range(min(_RUN, len(words) - i), 1, -1):
            found = (casing or {}).get(tuple(words[i : i + n]))
            if found is not None:
                out[i : i + n] = found
                i += n - 1
                break
        i += 1
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]


@dataclass
class Body:
    """The parts of a plan a body gives."""

    sections: list[dict[str, Any]] = field(default_factory=list)
    phases: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    style: tuple[str, ...] = ()


def body(paras: list[Para], notes: Notes) -> Body:
    """The mục of the body and the lists some of them show."""
    top = section_format(paras)
    root = tree(paras, top)
    slips(root, notes)
    found = Body(style=style_of(root, top))
    for node in root.children:
        if node.format != top:
            notes.free_text += 1
            continue
        found.sections.append(_section(node, found, notes, len(found.sections)))
    return found


def _section(node: Node, found: Body, notes: Notes, index: int) -> dict[str, Any]:
    title = sentence_case(node.text, notes.casing)
    path: tuple[Any, ...] = ("sections", index)
    out: dict[str, Any] = {"title": title}
    children = node.children
    numbered = [c for c in children if c.kind == "i"]
    if numbered and not found.phases and all(_PHASE.match(c.text) for c in numbered):
        return _listed(
            out,
            children,
            "phases",
            [_phase(c, notes, len(found.phases) + n) for n, c in enumerate(numbered)],
            found,
            notes,
            path,
        )
    if numbered and not found.units and _UNITS_TITLE.search(title) and all(_unit_like(c, notes) for c in numbered):
        closing = _trailing_paragraphs(numbered[-1])
        units = [_unit(c, notes, len(found.units) + n) for n, c in enumerate(numbered)]
        return _listed(out, children, "units", units, found, notes, path, closing)
    if numbered and not found.slogans and "khẩu hiệu" in title.casefold() and all(not c.children for c in numbered):
        return _listed(out, children, "slogans", [c.text for c in numbered], found, notes, path)
    out.update(content(children, notes, path))
    return out


def _listed(
    out: dict[str, Any],
    children: list[Node],
    show: str,
    parts: list[Any],
    found: Body,
    notes: Notes,
    path: tuple[Any, ...],
    closing: list[str] | None = None,
) -> dict[str, Any]:
    """A mục that shows one of the plan's lists: running text before it, closing after."""
    getattr(found, show).extend(parts)
    first = next(n for n, c in enumerate(children) if c.kind == "i")
    last = max(n for n, c in enumerate(children) if c.kind == "i")
    before = [c.text for c in children[:first] if c.kind == "p"]
    after = (closing or []) + [c.text for c in children[last + 1 :] if c.kind == "p"]
    if before:
        out["paragraphs"] = before
    out["show"] = show
    if after:
        out["closing"] = after
    return out


def _trailing_paragraphs(node: Node) -> list[str]:
    """Paragraphs after the last unit's task lines close the mục, not the unit: they are taken
    off the unit."""
    out: list[str] = []
    while node.children and node.children[-1].kind == "p" and any(c.kind == "b" for c in node.children):
        out.insert(0, node.children.pop().text)
    return out


def _named(node: Node) -> tuple[str, str]:
    """A unit's heading split into the unit's name and what follows it on the line: "Sở Y tế:
    Chủ trì …" → ("Sở Y tế", "Chủ trì …"); a heading alone → (its text, "")."""
    text = node.text.strip().strip("*").strip()
    name, colon, rest = text.partition(":")
    if colon and rest.strip() and len(name) < 120 and _AGENCY.match(name.strip().strip("*").strip()):
        return name.strip().strip("*").strip(), vn.upper_first(rest.strip())
    return text.rstrip(":").strip().strip("*").strip(), ""


def _unit_like(node: Node, notes: Notes) -> bool:
    """A khoản that names a unit: a short heading (or "<unit>: <its task>"), its content lines
    or paragraphs."""
    para = node.para
    name, rest = _named(node)
    heading = bool(rest) or (para is not None and para.hint == "heading") or not _ENDS_SENTENCE.search(name)
    return (
        heading and len(name) < 200 and bool(_AGENCY.match(name)) and all(_task_like(c, notes) for c in node.children)
    )


def _task_like(node: Node, notes: Notes) -> bool:
    """A "-" line or a paragraph; or, outside kehoach's own plans, a điểm with no khoản under it."""
    if node.kind in ("b", "p"):
        return True
    return notes.numbered_tasks and node.kind == "i" and all(c.kind in ("b", "p") for c in node.children)


def _unit(node: Node, notes: Notes, index: int) -> dict[str, Any]:
    name, rest = _named(node)
    relation = "giao"
    if name.casefold().startswith("đề nghị "):
        name, relation = name[len("đề nghị ") :].strip(), "đề nghị"
    unit: dict[str, Any] = {"id": "", "name": name}
    if relation != "giao":
        unit["relation"] = relation
    tasks: list[Any] = []
    children = list(node.children)
    if rest and rest.endswith(":") and children:
        tasks.append({"text": rest, "bullets": [_bulleted(c) for c in children]})
        children = []
    elif rest:
        tasks.append(rest)
    for child in children:
        if child.kind == "p" and tasks and child.para is not None:
            notes.comment(("units", index, "tasks", len(tasks)), "import.note.undashed_task", where=child.para.where)
        tasks.append(_bulleted(child))
    unit["tasks"] = tasks
    return unit


def _bulleted(node: Node) -> Any:
    """A "-" line with its "+" lines: a text, or a mapping with ``bullets``."""
    subs = [_bulleted(c) for c in node.children if c.kind in ("b", "p")]
    return {"text": node.text, "bullets": subs} if subs else node.text


def _phase(node: Node, notes: Notes, index: int) -> dict[str, Any]:
    m = _PHASE.match(node.text)
    assert m is not None
    phase: dict[str, Any] = {"name": m["name"]}
    rest = m["rest"].strip()
    span = _SPAN.match(rest)
    if span is None:
        phase["start"] = rest or "từ nay"
        if node.para is not None:
            notes.comment(("phases", index), "import.note.phase_time", where=node.para.where)
    else:
        end, _, description = span["end"].partition(", ")
        phase["start"] = _point(span["start"], bool(span["sau"]))
        phase["end"] = _point(end.strip(), False)
        if span["connector"] != "đến":
            phase["connector"] = span["connector"]
        if description.strip():
            phase["description"] = description.strip()
    phase.update(content(node.children, notes, ("phases", index)))
    return phase


def _point(text: str, after: bool) -> Any:
    """A phase's start or end as plan.yaml writes it: a date, a year, "từ nay", an event."""
    if after:
        return {"event": text}
    if text.casefold() == "nay":
        return "từ nay"
    try:
        parsed = when.parse(text)
    except PydanticCustomError:  # "31/2/2025": no such day; kept as the words the plan has
        return {"event": text}
    if parsed["kind"] == "date" and not parsed.get("prefix"):
        date: dt.date = parsed["date"]
        return date
    if parsed["kind"] == "year" and not parsed.get("prefix"):
        return int(parsed["year"])
    if parsed["kind"] == "event":
        return {"event": text}
    return text


def content(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> dict[str, Any]:
    """Content of a mục, item or phase: the short forms when they fit, else ``body``."""
    children = _lost_dashes(children, notes, path)
    kinds = [c.kind for c in children]
    order = {"p": 0, "i": 1, "b": 2}
    ranks = [order.get(k, 9) for k in kinds]
    out: dict[str, Any] = {}
    if all(a <= b for a, b in itertools.pairwise(ranks)) and not {"t", "n"} & set(kinds):
        paragraphs = [c.text for c in children if c.kind == "p"]
        items = [_item(c, notes, (*path, "items", n)) for n, c in enumerate(c for c in children if c.kind == "i")]
        bullets = [_bulleted(c) for c in children if c.kind == "b"]
        for key, value in (("paragraphs", paragraphs), ("items", items), ("bullets", bullets)):
            if value:
                out[key] = value
        return out
    out["body"] = _blocks(children, notes, path)
    return out


def _lost_dashes(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Node]:
    """A paragraph between two "-" lines lost its dash in the extraction: it is one too."""
    out = list(children)
    for n in range(1, len(out) - 1):
        node = out[n]
        if node.kind == "p" and out[n - 1].kind == "b" and out[n + 1].kind == "b" and node.para is not None:
            mark = out[n - 1].mark
            assert mark is not None
            out[n] = Node(node.para, Marker(mark.format, 0, node.para.text), node.children)
            notes.comment(path, "import.note.lost_dash", where=node.para.where)
    return out


def blocks(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Any]:
    """Content as ``body`` blocks, whatever its order (an appendix's content)."""
    return _blocks(_lost_dashes(children, notes, path), notes, path)


def _blocks(children: list[Node], notes: Notes, path: tuple[Any, ...]) -> list[Any]:
    blocks: list[Any] = []
    for child in children:
        kind = child.kind
        if kind == "p":
            blocks.append(child.text)
        elif kind == "n":
            blocks.append({"note": child.text})
        elif kind == "t" and child.para is not None and child.para.rows is not None:
            blocks.append({"table": tables.table(child.para.rows)})
        elif kind == "i":
            item = _item(child, notes, (*path, "body", len(blocks)))
            if blocks and isinstance(blocks[-1], dict) and "items" in blocks[-1] and _last_kind(children, child) == "i":
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"items": [item]})
        else:
            line = _line(child)
            if blocks and isinstance(blocks[-1], dict) and "list" in blocks[-1] and _last_kind(children, child) == "b":
                blocks[-1]["list"].append(line)
            else:
                blocks.append({"list": [line]} if child.format == "-" else {"list": [line], "marker": child.format})
    return blocks


def _last_kind(children: list[Node], child: Node) -> str:
    n = children.index(child)
    return children[n - 1].kind if n else ""


def _line(node: Node) -> Any:
    subs = [_line(c) for c in node.children if c.kind in ("b", "p")]
    return {"text": node.text, "list": subs} if subs else node.text


def _item(node: Node, notes: Notes, path: tuple[Any, ...]) -> Any:
    """A khoản or điểm: its title (bold or italic words, or a heading line) and text."""
    para = node.para
    text = node.text.strip()
    item: dict[str, Any] = {}
    shown = _shown_title(text, para.title if para is not None else None)
    if para is not None and para.title and shown:
        item["title"] = sentence_case(_unstarred(para.title), notes.casing)
        rest = text[len(shown) :].strip()
        if rest:
            item["text"] = rest
    elif (para is not None and para.hint == "heading") or (
        node.children and not _ENDS_SENTENCE.search(text.rstrip(":")) and len(text) < 250 and not text.endswith(":")
    ):
        item["title"] = sentence_case(_unstarred(text), notes.casing)
    else:
        item["text"] = text
    if node.mark is not None and node.mark.guessed and para is not None:
        notes.comment(path, "import.note.lost_number", where=para.where)
    item.update(content(node.children, notes, path))
    return item["text"] if list(item) == ["text"] else item


def _shown_title(text: str, title: str | None) -> str | None:
    """The title as the text starts with it: bare, or in the emphasis marks of a hand-typed
    plan ("**Yêu cầu.** Tổ chức …")."""
    for mark in ("", "***", "**", "*"):
        if title and text.startswith(f"{mark}{title}{mark}"):
            return f"{mark}{title}{mark}"
    return None


def _unstarred(text: str) -> str:
    """A title the OCR marked as italic ("*Tuyên truyền …*") without its stars: the numbering
    style gives a title its emphasis."""
    if text.startswith("*") and text.endswith("*") and text.count("*") == 2:
        return text.strip("*").strip()
    return text
