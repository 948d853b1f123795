"""The units "Tổ chức thực hiện" gives work to, and their tasks.

A khoản that names an agency ("Sở …", "Đề nghị Ủy ban …") is a unit, its "-" lines (or điểm)
its tasks; so is a sentence that gives an agency its work ("Giao phòng … tổ chức …", "Sở Tài
chính tham mưu …"), a colon ending it announcing the khoản after it as that work. A khoản
grouping units ("Các sở, ngành") gives the units its điểm name. A khoản after the units that
names none closes the mục.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kehoach.importer.body import bulleted
from kehoach.importer.markers import Marker
from kehoach.importer.outline import ENDS_SENTENCE, Node, Notes
from kehoach.text import vn

#: How a unit's heading starts: an agency ("Sở …", "Ủy ban nhân dân …", "Các trường …", "Chi bộ
#: …", "Tổ chuyên môn"), its head or staff ("Giám đốc …", "Hiệu trưởng", "Giáo viên chủ nhiệm"),
#: or a request ("Đề nghị …").
_AGENCY = re.compile(
    r"^(?:đề nghị\s+)?(?:các\s+|những\s+)?(?:sở|ban|bộ|phòng|ủy ban|uỷ ban|ubnd|hđnd|công an|văn phòng|trung tâm|"
    r"thanh tra|thuế|kho bạc|bảo hiểm|bhxh|đài|báo|hội|đoàn|liên đoàn|mặt trận|ủy ban mặt trận|tổ|trường|bệnh viện|"
    r"giám đốc|thủ trưởng|chủ tịch|cơ quan|đơn vị|tòa án|viện|cục|chi cục|quân sự|bộ chỉ huy|ngân hàng|"
    r"doanh nghiệp|hợp tác xã|chủ đầu tư|người đứng đầu|cán bộ|công chức|viên chức|trưởng|ban chỉ huy|trạm|"
    r"chi nhánh|đội|hạt|ban quản lý|công ty|hiệp hội|chi hội|thường trực|đảng ủy|đảng uỷ|uỷ ban|ban thường vụ|"
    r"hiệu trưởng|phó hiệu trưởng|giáo viên|nhân viên|tổng phụ trách|công đoàn|chi đoàn|chi bộ|bí thư|cấp ủy|cấp uỷ|"
    r"mttq|ubmttq|lực lượng|thôn|khu phố|thành viên|thư viện|bảo tàng|nhà văn hóa|nhà văn hoá|chuyên viên|tiểu ban|"
    r"phó (?:chủ tịch|giám đốc|trưởng|bí thư|thủ trưởng|chánh)|đồng chí|đ/c)\b",
    re.IGNORECASE,
)


#: A sentence that gives a unit its work: "Giao <unit> <task>", "Đề nghị <unit> <task>" or
#: "<unit> <task>" ("Sở Tài chính tham mưu …"). The unit's name ends where the task's verb begins,
#: a verb in lower case (a name's words are capitalised: "Ban Tổ chức", "Ban Chỉ đạo").
_GIVES = re.compile(r"^(?:giao\s+(?:cho\s+)?|(?P<request>đề nghị)\s+)?", re.IGNORECASE)
_GIVING = re.compile(r"^(?:giao|đề nghị)\s", re.IGNORECASE)
#: Verbs that open a unit's work and hardly ever stand in a name, tried first ("Ban Quản lý dự án
#: đầu tư xây dựng tỉnh chủ trì …": the unit ends at "chủ trì", not at "xây dựng").
_LEADING_VERBS = (
    r"chủ trì|phối hợp|tham mưu|có trách nhiệm|chịu trách nhiệm|là|làm đầu mối|căn cứ|theo chức năng|"
    r"trên cơ sở|chủ động|khẩn trương|tiếp tục|hướng dẫn|theo dõi|đôn đốc|phụ trách|tham gia|thường xuyên"
)
#: Verbs a name may hold in lower case ("… đầu tư xây dựng", "… quản lý …"), tried after those.
_OTHER_VERBS = (
    r"triển khai|tổ chức|thực hiện|xây dựng|kiểm tra|rà soát|chỉ đạo|tổng hợp|nghiên cứu|chuẩn bị|quản lý|"
    r"bố trí|cân đối|tăng cường|đẩy mạnh|phổ biến|tuyên truyền|vận động|cung cấp|thẩm định|giám sát|"
    r"bảo đảm|đảm bảo|báo cáo|hỗ trợ|tập trung"
)
_VERBS = f"{_LEADING_VERBS}|{_OTHER_VERBS}"
_TASK_VERBS = (re.compile(rf"\s(?:{_LEADING_VERBS})\b"), re.compile(rf"\s(?:{_OTHER_VERBS})\b"))
_STARTS_WITH_VERB = re.compile(rf"^(?:{_VERBS})\b", re.IGNORECASE)
#: The longest name a sentence may give a unit, in words ("Các sở, ban, ngành, UBND các xã, phường").
_NAME_WORDS = 15
#: Words a name does not end with: before them the verb is not the unit's task ("Các cơ quan, đơn
#: vị được kiểm tra" is a heading, the units inspected).
_NOT_A_NAME_END = ("được", "bị", "sẽ", "đã", "cần", "phải", "và", "hoặc")


def units_of(children: list[Node], notes: Notes) -> tuple[list[Node], list[Node], list[str]] | None:
    """The units a mục "Tổ chức thực hiện" names, each a khoản: the mục's nodes (a khoản before
    or after the units that names none, such as "2. Nhiệm vụ cụ thể của từng thành viên do Tổ
    trưởng phân công …" or "Chế độ báo cáo", as running paragraphs), the units, and the last
    unit's trailing paragraphs, which close the mục; None where no khoản names a unit, or one
    between two units names none. In kehoach's own DOCX a mục of units lists units only, each a
    khoản as kehoach writes it: there, the readings of other offices' plans (units in sentences,
    grouped, or among other khoản) would find units in a mục that has none."""
    if not notes.numbered_tasks:
        own = [c for c in children if c.kind == "i"]
        if not own or not all(_unit_like(c, notes) for c in own):
            return None
        return children, own, _trailing_paragraphs(own[-1])
    nodes = [unit for node in _gathered(_dashed_units(children), notes) for unit in _grouped(node, notes)]
    numbered = [c for c in nodes if c.kind == "i"]
    named = [_unit_like(c, notes) for c in numbered]
    if True not in named:
        return None
    first, last = named.index(True), len(named) - named[::-1].index(True)
    if not all(named[first:last]):
        return None
    units, others = numbered[first:last], numbered[:first] + numbered[last:]
    if any(p.kind == "t" for o in others for p in _as_paragraphs(o)):
        return None  # a table under such a khoản is no running paragraph: the mục stays as written
    kept = [p for c in nodes for p in (_as_paragraphs(c) if any(c is o for o in others) else [c])]
    return kept, units, _trailing_paragraphs(units[-1])


def _dashed_units(children: list[Node]) -> list[Node]:
    """A mục without khoản whose "-" lines each give a unit its work ("- Hiệu trưởng: Chỉ đạo
    chung …", "- Tổ chuyên môn: …"): those lines as khoản, so that they are read as units."""
    lines = [c for c in children if c.kind == "b"]
    if len(lines) < 2 or any(c.kind == "i" for c in children) or not all(_gives_on_its_line(c) for c in lines):
        return children
    return [Node(c.para, Marker("1.", n, c.text), c.children) if c.kind == "b" else c for n, c in enumerate(children)]


def _gives_on_its_line(node: Node) -> bool:
    """A line "<unit>: <task>" or "<unit> <task>" (an agency, then its work)."""
    name, rest = _named(node)
    return bool(rest) and bool(_AGENCY.match(name))


def _as_paragraphs(node: Node) -> list[Node]:
    """A khoản that names no unit as running text: its line (without its number, which kehoach
    would not keep), then the lines under it ("-" lines with their dash)."""
    para = replace(node.para, text=node.text if node.kind == "i" else node.para.text) if node.para else None
    return [Node(para, None), *(p for c in node.children for p in _as_paragraphs(c))]


def _grouped(node: Node, notes: Notes) -> list[Node]:
    """A khoản that groups units ("1. Các sở, ban, ngành", then "a) Sở Nội vụ: …", "b) Sở Tài
    chính …") as its điểm, the units; any other node as it is."""
    points = node.children
    if node.kind != "i" or not points or not all(_names_a_unit(c, notes) for c in points):
        return [node]
    return points


def _names_a_unit(node: Node, notes: Notes) -> bool:
    """A điểm that names a unit and gives it work (under it, or after its name on its line)."""
    name, rest = _named(node)
    return (
        node.kind == "i"
        and (bool(rest) or bool(node.children))
        and not _STARTS_WITH_VERB.match(name)
        and _unit_like(node, notes)
    )


def _gathered(children: list[Node], notes: Notes) -> list[Node]:
    """The mục's nodes with each "Giao <unit> <task>:" (a khoản, or a paragraph before the khoản)
    holding the khoản after it that name no unit: its colon announces them as the unit's work
    ("Giao phòng Quản lý Công nghiệp triển khai các công việc:", "1. Tổ chức kiểm tra …")."""
    out: list[Node] = []
    for child in children:
        last = out[-1] if out else None
        if last is not None and _announces(last) and child.kind == "i" and not _unit_like(child, notes):
            mark = last.mark or Marker(child.format or "1.", 1, last.text, guessed=True)
            out[-1] = Node(last.para, mark, [*last.children, child])
            continue
        out.append(child)
    return out


def _announces(node: Node) -> bool:
    """A "Giao <unit> …:" line whose colon announces the khoản that follow (none under it yet but
    those it gathered)."""
    given = _given(node.text)
    return (
        given is not None
        and given[1].endswith(":")
        and node.kind in ("i", "p")
        and all(c.kind == "i" for c in node.children)
    )


def _given(text: str) -> tuple[str, str] | None:
    """ "Giao phòng Quản lý công nghiệp tổ chức huấn luyện …" → ("Phòng Quản lý công nghiệp",
    "Tổ chức huấn luyện …"); "Đề nghị Ủy ban MTTQ tỉnh phối hợp …" → ("Đề nghị Ủy ban MTTQ tỉnh",
    "Phối hợp …"); "Sở Tài chính tham mưu …" likewise; None for another sentence, or a heading
    "<unit>: <task>" (read by its colon)."""
    text = text.strip()
    m = _GIVES.match(text)
    rest = text[m.end() :] if m else text
    for pattern in _TASK_VERBS:  # a verb that hardly stands in a name first, then one that may
        verb = pattern.search(rest)
        name = rest[: verb.start()].strip(" ,") if verb else ""
        if verb is not None and _a_name(name):
            request = m is not None and m["request"]
            return vn.upper_first(f"Đề nghị {name}" if request else name), vn.upper_first(rest[verb.start() :].strip())
    return None


#: Words that open a clause of condition or time, which a unit's name does not hold ("Đoàn kiểm
#: tra trong quá trình kiểm tra … nếu có vấn đề …": no unit "Đoàn kiểm tra trong quá trình").
_CLAUSE = re.compile(r"\b(?:trong quá trình|nếu|khi|sau khi|trước khi|trường hợp)\b", re.IGNORECASE)


def _a_name(name: str) -> bool:
    """Words that may name a unit: two to fifteen, an agency first, no verb first, no clause."""
    words = name.split()
    return (
        2 <= len(words) <= _NAME_WORDS
        and words[-1].casefold() not in _NOT_A_NAME_END
        and ":" not in name
        and bool(_AGENCY.match(name))
        and not _STARTS_WITH_VERB.match(name)
        and not _CLAUSE.search(name)
    )


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
    if colon and rest.strip() and _a_heading(name) and not _TASK_VERBS[0].search(name):
        return name.strip().strip("*").strip(), vn.upper_first(rest.strip())  # "Đồng chí Trưởng Ban …: Phụ trách …"
    if given := _given(text):
        return (text, "") if _a_post(node, given[1]) else given
    if colon and rest.strip() and _a_heading(name):
        return name.strip().strip("*").strip(), vn.upper_first(rest.strip())
    return text.rstrip(":").strip().strip("*").strip(), ""


def _a_post(node: Node, rest: str) -> bool:
    """A heading over its tasks that names a post by its field ("Cán bộ phụ trách lĩnh vực giám
    sát …", "Các Phó chủ tịch phụ trách lĩnh vực Dân tộc …"): its "phụ trách" is no task, the
    heading names its unit whole."""
    text = node.text.strip()
    return bool(node.children) and rest.startswith("Phụ trách ") and not _GIVING.match(text) and text[-1:] not in ".:;"


def _a_heading(name: str) -> bool:
    """What stands before a colon names a unit: short, an agency first."""
    return len(name) < 120 and bool(_AGENCY.match(name.strip().strip("*").strip()))


def _unit_like(node: Node, notes: Notes) -> bool:
    """A khoản that names a unit: a short heading (or "<unit>: <its task>"), its content lines
    or paragraphs."""
    para = node.para
    name, rest = _named(node)
    heading = bool(rest) or (para is not None and para.hint == "heading") or not ENDS_SENTENCE.search(name)
    return (
        heading and len(name) < 200 and bool(_AGENCY.match(name)) and all(_task_like(c, notes) for c in node.children)
    )


def _task_like(node: Node, notes: Notes) -> bool:
    """A "-" line or a paragraph; or, outside kehoach's own plans, a điểm with no khoản under it."""
    if node.kind in ("b", "p"):
        return True
    return notes.numbered_tasks and node.kind == "i" and all(c.kind in ("b", "p") for c in node.children)


def unit(node: Node, notes: Notes, index: int) -> dict[str, Any]:
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
        tasks.append({"text": rest, "bullets": [bulleted(c) for c in children]})
        children = []
    elif rest:
        tasks.append(rest)
    for child in children:
        if child.kind == "p" and tasks and child.para is not None:
            notes.comment(("units", index, "tasks", len(tasks)), "import.note.undashed_task", where=child.para.where)
        tasks.append(bulleted(child))
    unit["tasks"] = tasks
    return unit
