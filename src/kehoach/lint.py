"""What a careful reviewer would point out in a plan that is valid but not yet clean.

Each rule looks at the text values of plan.yaml as they are written (before the
loader normalises them), so a warning can point at the exact word: a syllable
that is not Vietnamese ("phuờng"), tone marks placed in two styles in one plan
("hoá" and "hóa"), text not in Unicode NFC, a document cited with two different
symbols, a unit no recipient covers, double spaces, a space before punctuation,
a closing paragraph without "./.", a sentence or a name that a ``[a, b]`` list
split at its commas. ``fix`` rewrites only the tone marks, only inside values:
comments and layout stay as they are.

A province's plan has tens of thousands of values: every rule does its work once
per value (the value's NFC text is made once, the tone counts once, a line's text
is cut from the file, never the rest of the file copied), and the syllable module
remembers each distinct word, so ``lint`` costs little more than ``validate``.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import yaml

from kehoach.plan import addressees, assignments, outline, refs
from kehoach.plan.loader import KeyPath, format_path
from kehoach.plan.model import Plan
from kehoach.plan.when import When
from kehoach.text import syllables, vn
from kehoach.text.errors import Problem

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The tags of plain scalars, resolved as the safe loader resolves them.
_RESOLVER: Any = yaml.resolver.Resolver()  # PyYAML has no type hints

#: "Kế hoạch số 01-KH/ĐU ngày 07/7/2025": a cited document, its symbol and date.
CITATION = re.compile(
    r"(?P<kind>Kế hoạch|Nghị quyết|Chỉ thị|Thông tri|Kết luận|Hướng dẫn|Quyết định|Thông báo|Quy định"
    r"|Chương trình|Đề án|Công văn|Nghị định|Thông tư)\s+(?:số\s+)?"
    r"(?P<symbol>(?P<number>\d+)[-/][^\s,;]*[^\s,;.])\s*,?\s*ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})"
)
DOUBLE_SPACE = re.compile(r"\S( {2,})\S")
SPACE_BEFORE = re.compile(r"\S( +)[,;:!?](?=\s|$)|\S( +)\.(?=\s|$)")
#: An item written like a unit id ("van-hoa-xa-hoi"): the validator checks those, lint leaves them.
ID_LIKE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Keys whose lists name units: a split there breaks a unit's name, not a sentence.
NAME_LISTS = ("with", "lead")
#: Abbreviations in recipients ("Ủy ban MTTQ phường") spelled out to compare with unit names.
ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "vhxh": "văn hóa xã hội",
    "ct": "chủ tịch",
    "pct": "phó chủ tịch",
    "bchqs": "bộ chỉ huy quân sự",
    "bhxh": "bảo hiểm xã hội",
    "bv": "bệnh viện",
    "kh&cn": "khoa học và công nghệ",
}
#: A collective recipient ("Các cơ quan, đơn vị, trường học") covers units of these kinds.
COLLECTIVES = {
    "cơ quan": ("phòng", "văn phòng", "trung tâm", "công an", "ban"),
    "đơn vị": ("phòng", "văn phòng", "trung tâm", "công an", "ban", "đội"),
    "trường học": ("trường",),
    "bệnh viện": ("bệnh viện",),
    # A Party committee's "Các chi, đảng bộ trực thuộc" reaches its chi bộ and đảng ủy.
    "đảng bộ": ("đảng ủy", "đảng uỷ", "đảng bộ", "chi bộ"),
    "tổ dân phố": ("tổ dân phố",),
    "sở": ("sở",),
    # The cơ quan chuyên môn of a province's UBND: its sở, its Văn phòng and its Thanh tra.
    "cơ quan chuyên môn": ("sở", "văn phòng", "thanh tra"),
    "ban, ngành": ("sở", "ban", "ngành", "thanh tra", "thuế", "công an", "bộ chỉ huy"),
}


class Value(NamedTuple):
    """A text value of the file: where it is, its source span, and its text in NFC (what most
    rules read: made once here rather than once per rule). A named tuple: a province's plan
    has a quarter of a million values, and a tuple is made several times faster."""

    path: KeyPath
    text: str
    start: int
    end: int
    nfc: str


class Source:
    """The file's text, with the positions of its values and of its ``[a, b]`` lists."""

    def __init__(self, path: Path, text: str, walk: Walk | None = None) -> None:
        """``walk`` has read the text's events already (as the plan loaded: see :class:`Walk`)."""
        self.path, self.text = path, text
        self.lines = [0] + [match.end() for match in re.finditer("\n", text)]
        walk = walk if walk is not None else Walk.of(text)
        self.values = walk.values
        self.flows = walk.flows

    def problem(self, index: int, code: str, path: KeyPath, **args: object) -> Problem:
        """A warning at a character offset of the file."""
        line = bisect.bisect_right(self.lines, index)
        column = index - self.lines[line - 1] + 1
        start = self.lines[line - 1]
        end = self.text.find("\n", start)
        source_line = self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")
        return Problem(str(self.path), line, column, code, dict(args), format_path(path), source_line, "warning")

    def matches(self, pattern: re.Pattern[str], clue: tuple[str, ...]) -> Iterator[tuple[Value, re.Match[str]]]:
        """Each match of ``pattern`` in the values' NFC texts, with its value. Only the texts
        holding one of the ``clue`` words are searched, found in all the texts joined with
        ``str.find`` (a province's plan has a quarter of a million texts; a pattern run on
        each, or even a substring test on each, would cost more than the rule is worth), and
        a text given to many units is searched once."""
        joined, starts = self._joined
        found: set[int] = set()
        for word in clue:
            at = joined.find(word)
            while at >= 0:
                found.add(bisect.bisect_right(starts, at) - 1)
                at = joined.find(word, at + 1)
        searched: dict[str, list[re.Match[str]]] = {}
        for index in sorted(found):
            value = self.values[index]
            hits = searched.get(value.nfc)
            if hits is None:
                hits = searched[value.nfc] = list(pattern.finditer(value.nfc))
            for match in hits:
                yield value, match

    @functools.cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """The values' NFC texts joined by new lines, and where each starts."""
        starts, position = [], 0
        for value in self.values:
            starts.append(position)
            position += len(value.nfc) + 1
        return "\n".join(value.nfc for value in self.values), starts

    def find(self, value: Value, word: str, offset: int) -> int:
        """Where ``word`` (at ``offset`` in the value's text) is in the file."""
        raw = self.text[value.start : value.end]
        found = raw.find(word, min(offset, len(raw)))
        if found < 0:
            found = raw.find(word)
        return value.start + max(found, 0)


@dataclass(frozen=True)
class Item:
    """An item of a ``[a, b]`` list: its text as written, or None for a list or a mapping."""

    text: str | None
    #: Written without quotes: YAML split it at a comma, if it is a piece of a sentence.
    plain: bool
    start: int
    end: int


#: The items of one ``[a, b]`` list, and where it is.
Flow = tuple[KeyPath, list[Item]]


@dataclass
class _Frame:
    """A mapping or a sequence the walk is inside."""

    path: KeyPath
    mapping: bool
    #: Inside a key that is a mapping or a list (the validator refuses those): no values.
    muted: bool
    anchor: str | None
    #: How many values and flow lists the walk had found when this node started.
    marks: tuple[int, int]
    #: The items of a ``[a, b]`` list (never a muted one).
    flow: list[Item] | None
    #: Where this list or mapping starts (as an item of a ``[a, b]`` list, or what an alias repeats).
    start: int
    #: The key whose value comes next; None while the mapping waits for a key.
    key: str | None = None
    #: The index of the sequence's next item.
    count: int = 0


@dataclass(frozen=True)
class _Anchor:
    """What an anchored node (``&name``) holds, to repeat where an alias (``*name``) uses it."""

    path: KeyPath
    values: list[Value]
    flows: list[Flow]
    item: Item


class _Mark(Protocol):
    """Where an event is: PyYAML's mark, or libyaml's."""

    index: int


def _index(mark: _Mark | None) -> int:
    return mark.index if mark is not None else 0


class Walk:
    """The text values and flow lists of a YAML text, read from the parser's events.

    This gives what composing the file into nodes and walking them gives (aliases repeat
    what their anchor holds, at the alias's place; a key that is a list or a mapping,
    which the validator refuses, is named ""), without a node for every value. The events
    are fed one by one (:meth:`feed`), as the plan's loader reads them for the validator
    (``load_document(…, on_event=walk.feed)``): parsing the file a second time was half of
    what ``lint`` added to ``validate``. :meth:`of` parses a text itself.
    """

    def __init__(self) -> None:
        self.values: list[Value] = []
        self.flows: list[Flow] = []
        self.frames: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self._tags: dict[tuple[str, tuple[bool, bool]], str] = {}
        self._texts: dict[str, str] = {}
        self._handlers: dict[type[yaml.Event], Callable[[Any], None]] = {
            yaml.ScalarEvent: self._scalar,
            yaml.AliasEvent: self._alias,
            yaml.MappingStartEvent: self._start,
            yaml.SequenceStartEvent: self._start,
            yaml.MappingEndEvent: self._end,
            yaml.SequenceEndEvent: self._end,
        }

    @classmethod
    def of(cls, text: str) -> Walk:
        """The walk of ``text``, parsed here."""
        walk = cls()
        loader = _LOADER(text)
        try:
            while (event := loader.get_event()) is not None:
                walk.feed(event)
        finally:
            loader.dispose()
        return walk

    def feed(self, event: yaml.Event) -> None:
        """Take the next event of the stream."""
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event)

    def _tag(self, text: str, implicit: tuple[bool, bool]) -> str:
        """A plain or quoted scalar's tag, as the safe loader resolves it (once per distinct text:
        a province's plan repeats its sentences in every unit)."""
        tag = self._tags.get((text, implicit))
        if tag is None:
            tag = self._tags[text, implicit] = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
        return tag

    def _nfc(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = unicodedata.normalize("NFC", text)
        return found

    def _place(self) -> KeyPath | None:
        """The path of the node that starts now, or None when it is a mapping's key."""
        if not self.frames:
            return ()
        frame = self.frames[-1]
        if frame.muted:
            return None
        if frame.mapping:
            if frame.key is None:
                return None
            path, frame.key = (*frame.path, frame.key), None
            return path
        frame.count += 1
        return (*frame.path, frame.count - 1)

    def _flow(self) -> list[Item] | None:
        """The items of the ``[a, b]`` list the walk is in, if it is in one."""
        return self.frames[-1].flow if self.frames else None

    def _name_key(self, key: str) -> None:
        frame = self.frames[-1]
        if not frame.muted:
            frame.key = key

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        frame = self.frames[-1] if self.frames else None
        if frame and frame.mapping and frame.key is None and not frame.muted and event.anchor is None:
            frame.key = event.value  # the common case, half of all scalars: a plain key
            return
        text = event.value
        path = self._place()
        if path is None:
            self._name_key(text)
            if event.anchor is None:
                return
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._tag(text, event.implicit)
        start, end = _index(event.start_mark), _index(event.end_mark)
        found = [Value(path or (), text, start, end, self._nfc(text))] if tag.endswith(":str") else []
        flow = self._flow() if path is not None else None
        if path is not None:
            self.values.extend(found)
        if flow is None and event.anchor is None:
            return
        item = Item(text, not event.style, start, end)
        if flow is not None:
            flow.append(item)
        if event.anchor is not None:  # a key's anchor too: ``&k name: …`` then ``other: *k``
            self.anchors[event.anchor] = _Anchor(path or (), found, [], item)

    def _alias(self, event: yaml.AliasEvent) -> None:
        anchor = self.anchors.get(event.anchor or "")
        path = self._place()
        flow = self._flow() if path is not None else None
        if path is None:
            self._name_key(anchor.item.text or "" if anchor else "")
        elif anchor is not None:
            if flow is not None:
                flow.append(anchor.item)
            cut = len(anchor.path)
            self.values.extend(value._replace(path=(*path, *value.path[cut:])) for value in anchor.values)
            self.flows.extend(((*path, *where[cut:]), items) for where, items in anchor.flows)

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        start = _index(event.start_mark)
        path = self._place()
        outer = self._flow() if path is not None else None
        if outer is not None:
            outer.append(Item(None, False, start, start))
        mapping = isinstance(event, yaml.MappingStartEvent)
        flow: list[Item] | None = [] if not mapping and event.flow_style and path is not None else None
        marks = (len(self.values), len(self.flows))
        self.frames.append(_Frame(path or (), mapping, path is None, event.anchor, marks, flow, start))
        if flow is not None:
            self.flows.append((path or (), flow))

    def _end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.frames.pop()
        if frame.muted and self.frames and not self.frames[-1].muted:
            self._name_key("")
        if frame.anchor is not None:
            values, flows = frame.marks
            item = Item(None, False, frame.start, _index(event.end_mark))
            self.anchors[frame.anchor] = _Anchor(frame.path, self.values[values:], self.flows[flows:], item)


def lint_source(source: Source, plan: Plan) -> list[Problem]:
    """Every warning of every rule, in file order."""
    found = [
        *_not_nfc(source),
        *_syllables(source, plan),
        *_tone_marks(source, tone_counts(source)),
        *_citations(source),
        *_spacing(source),
        *_closing(source),
        *_uncovered_units(source, plan),
        *_split_flows(source, plan),
        *_hand_numbered(source, plan),
        *_undated(source, plan),
        *_undated_reports(source, plan),
        *_schedule_before_issue(source, plan),
        *_capital_after_verb(source),
    ]
    return sorted(found, key=lambda p: (p.line, p.column, p.code))


def _not_nfc(source: Source) -> Iterator[Problem]:
    for value in source.values:
        if unicodedata.is_normalized("NFC", value.text):
            continue
        offset = next(i for i, ch in enumerate(value.text) if not unicodedata.is_normalized("NFC", value.text[: i + 1]))
        yield source.problem(source.find(value, value.text[offset], offset), "lint.not_nfc", value.path)


def _syllables(source: Source, plan: Plan) -> Iterator[Problem]:
    # Once per distinct text: a plan sent to every commune repeats its sentences in each unit.
    suspicious = functools.cache(syllables.Speller(u.id for u in plan.units).suspicious)
    for value in source.values:
        for offset, word in suspicious(value.nfc):
            yield source.problem(source.find(value, word, offset), "lint.not_a_syllable", value.path, word=word)


def tone_counts(source: Source) -> Counter[str]:
    """How many words use each tone-mark style in the file's values (each distinct text read once)."""
    counts: Counter[str] = Counter()
    for text, times in Counter(value.nfc for value in source.values).items():
        for style, found in syllables.count_styles(text).items():
            counts[style] += found * times
    return counts


def majority_style(source: Source) -> syllables.Style:
    """The style most of the plan already uses ("new": hóa, ủy on a tie)."""
    return _majority(tone_counts(source))


def _majority(counts: Counter[str]) -> syllables.Style:
    return "old" if counts["old"] > counts["new"] else "new"


def _tone_marks(source: Source, counts: Counter[str]) -> Iterator[Problem]:
    if not (counts["old"] and counts["new"]):
        return
    style = _majority(counts)
    other_style = functools.cache(lambda text: _other_style(text, style))
    for value in source.values:
        for offset, word in other_style(value.nfc):
            index = source.find(value, word, offset)
            expected = syllables.restyle(word, style)
            yield source.problem(index, "lint.mixed_tone_marks", value.path, word=word, expected=expected)


def _other_style(text: str, style: syllables.Style) -> list[tuple[int, str]]:
    """Offsets and words of ``text`` whose tone marks are placed in a style other than ``style``."""
    found = []
    for match in re.finditer(r"\w+", text):
        word_style = syllables.tone_style(match.group())
        if word_style and word_style != style:
            found.append((match.start(), match.group()))
    return found


def _citations(source: Source) -> Iterator[Problem]:
    seen: dict[tuple[str, str, str], list[tuple[Value, re.Match[str]]]] = defaultdict(list)
    cited = functools.cache(lambda text: list(CITATION.finditer(text)))
    for value in source.values:
        for match in cited(value.nfc):
            seen[(match["kind"], match["number"], match["date"])].append((value, match))
    for (kind, _, date), found in seen.items():
        symbols = Counter(m["symbol"] for _, m in found)
        if len(symbols) < 2:
            continue
        usual = symbols.most_common(1)[0][0]
        for value, match in found:
            if match["symbol"] != usual:
                index = source.find(value, match["symbol"], match.start("symbol"))
                yield source.problem(
                    index,
                    "lint.citation_differs",
                    value.path,
                    kind=kind,
                    symbol=match["symbol"],
                    other=usual,
                    date=date,
                )


def _spacing(source: Source) -> Iterator[Problem]:
    doubles = functools.cache(lambda text: list(DOUBLE_SPACE.finditer(text)))
    before = functools.cache(lambda text: list(SPACE_BEFORE.finditer(text)))
    for value in source.values:
        for match in doubles(value.text):
            index = source.find(value, match.group(1), match.start(1))
            yield source.problem(index, "lint.double_space", value.path)
        for match in before(value.text):
            group = 1 if match.group(1) else 2
            index = source.find(value, match.group(0)[1:], match.start(group))
            yield source.problem(index, "lint.space_before_punctuation", value.path, mark=match.group(0).strip()[-1])


def _closing(source: Source) -> Iterator[Problem]:
    for value in source.values:
        if value.path == ("closing",) and not value.text.rstrip().endswith("./."):
            yield source.problem(value.start, "lint.no_final_mark", value.path)


#: A mục or Phụ lục named by hand ("mục V", "Phụ lục 03"), unless another document's (what follows
#: names it: "mục V Kế hoạch số …", "Phụ lục I của Nghị định …").
HAND_NUMBERED = re.compile(
    r"\b(?P<kind>[Mm]ục|[Pp]hụ lục) (?P<number>[IVXLC]+|\d{1,2})\b"
    r"(?!,? (?:của|kèm theo|ban hành|Kế hoạch|Quyết định|Nghị định|Nghị quyết|Thông tư|Luật|Chỉ thị|Điều|Hướng dẫn))"
)


#: "giao Các chủ đầu tư": a collective name keeps its capital only at the head of a line.
CAPITAL_AFTER_VERB = re.compile(r"\b(?P<verb>giao|đề nghị|yêu cầu) (?P<word>Các|Những|Mọi|Toàn thể|Tất cả)\b")


def _capital_after_verb(source: Source) -> Iterator[Problem]:
    for value, match in source.matches(CAPITAL_AFTER_VERB, ("giao ", "đề nghị ", "yêu cầu ")):
        index = source.find(value, match["word"], match.start("word"))
        lowered = match["word"][0].lower() + match["word"][1:]
        yield source.problem(index, "lint.capital_after_verb", value.path, word=match["word"], lower=lowered)


def _undated(source: Source, plan: Plan) -> Iterator[Problem]:
    """Deadlines no date can be worked out from ("02 ngày", an event without its expected date)."""
    deadlines: dict[KeyPath, When] = dict(assignments.deadlines(plan))
    for value in source.values:
        deadline = deadlines.get(value.path)
        if deadline is not None and not deadline.computable:
            yield source.problem(value.start, "lint.no_date", value.path, text=deadline.text)


def _schedule_before_issue(source: Source, plan: Plan) -> Iterator[Problem]:
    """A schedule's day that ends before the plan is issued: its notice would announce a visit
    already past (a typing slip such as "25/3/2025" in a plan of 2026)."""
    issued = plan.document.date
    if issued is None:
        return
    # a row written as a list has no "cells" key in the file, a mapping has: compare without it
    cells = {_no_cells(path): (text, due) for path, text, due in addressees.dated_cells(plan)}
    if not cells:  # no schedule: nothing to look up for each of a province's texts
        return
    for value in source.values:
        found = cells.get(_no_cells(value.path)) or cells.get(_no_cells(value.path[:-1]))
        if found is not None and found[1].last is not None and found[1].last < issued:
            issued_text = vn.short_date(issued)
            yield source.problem(
                value.start, "lint.schedule_before_issue", value.path, text=found[0], issued=issued_text
            )


def _no_cells(path: KeyPath) -> KeyPath:
    return tuple(step for step in path if step != "cells")


def _undated_reports(source: Source, plan: Plan) -> Iterator[Problem]:
    """Reporting rules whose words name no day a calendar can remind of ("6 tháng và hằng năm")."""
    rules = {(*path, "when"): rule for path, rule in assignments.reports(plan)}
    if not rules:
        return
    for value in source.values:
        rule = rules.get(value.path)
        if rule is not None and not any(_remindable(due) for due in rule.times):
            yield source.problem(value.start, "lint.report_no_date", value.path, text=rule.when)


def _remindable(due: When) -> bool:
    return (due.kind == "date" and due.date is not None) or (due.kind == "recurring" and due.day is not None)


def _hand_numbered(source: Source, plan: Plan) -> Iterator[Problem]:
    """A hand-written "mục V" or "Phụ lục 03" that is no number of this plan: renumbering left it stale."""
    sections = {outline.section_label(plan, n, s) for n, s in enumerate(plan.sections, 1)}
    appendices = {
        refs.appendix_label(plan, n).removeprefix("Phụ lục").strip() for n in range(1, len(plan.appendices) + 1)
    }
    for value, match in source.matches(HAND_NUMBERED, ("ục ",)):
        known = sections if match["kind"].lower() == "mục" else appendices
        if match["number"] not in known:
            index = source.find(value, match.group(), match.start())
            shown = ", ".join(sorted(known)) or "—"
            yield source.problem(index, "lint.hand_numbered", value.path, name=match.group(), known=shown)


@functools.lru_cache(maxsize=syllables.WORDS_REMEMBERED)
def _lower(text: str) -> str:
    """A name or a recipient in NFC and lower case; remembered, because every unit's name is
    compared with every recipient."""
    return unicodedata.normalize("NFC", text).lower()


@functools.lru_cache(maxsize=syllables.WORDS_REMEMBERED)
def _words(text: str) -> tuple[str, ...]:
    """The words of a name or a recipient in order, abbreviations spelled out, a leading "các"
    and anything in brackets ("(để thực hiện)", "(Đ/c Phúc)") left out."""
    text = re.sub(r"\([^)]*\)", " ", _lower(text))
    for short, full in ABBREVIATIONS.items():
        text = re.sub(rf"\b{short}\b", full, text)
    words = tuple(re.findall(r"\w+", text))
    return words[1:] if words[:1] == ("các",) else words


#: Between the names of one line of Nơi nhận: "Sở Tư pháp, Sở Nội vụ", "Công an và Quân sự".
_NAMES_APART = re.compile(r"\s*(?:,|;|\svà\s|\s-\s)\s*")


def covers(recipient: str, unit_name: str) -> bool:
    """Whether a line of Nơi nhận reaches a unit: as a collective of its kind ("Các cơ quan,
    đơn vị"), by the unit's whole name in it, or by a shorter form of that name (a name of
    the line whose words all come, in order, in the unit's name, from its first word: "Ủy
    ban MTTQ phường" for "Ủy ban Mặt trận Tổ quốc Việt Nam phường"). Words merely shared
    do not count: "Bộ Tư pháp" is not "Sở Tư pháp"."""
    lower = _lower(recipient)
    unit = _words(unit_name)
    if lower.startswith("các"):
        name, spelled = " ".join(unit), " ".join(_words(recipient))
        for collective, kinds in COLLECTIVES.items():
            if (collective in lower or collective in spelled) and any(
                name.startswith(k) or f" {k}" in name for k in kinds
            ):
                return True
    if not unit:
        return False
    if _contains(_words(recipient), unit):
        return True
    return any(_shortens(_words(part), unit) for part in _NAMES_APART.split(recipient))


def _contains(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``name`` comes word for word somewhere in ``words``."""
    return any(words[i : i + len(name)] == name for i in range(len(words) - len(name) + 1))


def _shortens(short: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``short`` (two words or more) is ``name`` with words left out, from the same first word."""
    if len(short) < 2 or short[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(word in rest for word in short[1:])


#: "Các đơn vị nêu tại mục V": a line of Nơi nhận that reaches every unit of a section.
NAMED_SECTION = re.compile(r"\btại mục (?P<label>[IVXLC]+|\d+)\b")


def _covers_all(plan: Plan) -> bool:
    """Whether a line of Nơi nhận names the section that lists the units ({mục:id} written out)."""
    listing = {outline.section_label(plan, n, s) for n, s in enumerate(plan.sections, 1) if s.show == "units"}
    return any(m["label"] in listing for r in plan.recipients for m in NAMED_SECTION.finditer(r))


def _uncovered_units(source: Source, plan: Plan) -> Iterator[Problem]:
    if _covers_all(plan):
        return
    given = {ref for found in assignments.assignments(plan) for ref in (*found.part.lead, *found.part.with_)}
    given |= {ref for task in plan.key_tasks for ref in task.lead}
    uncovered = [
        (index, unit)
        for index, unit in enumerate(plan.units)
        if (unit.tasks or unit.id in given) and not any(covers(r, unit.name) for r in plan.recipients)
    ]
    starts = {v.path: v.start for v in source.values if v.path[:1] == ("units",)} if uncovered else {}
    for index, unit in uncovered:
        start = starts.get(("units", index, "name"), 0)
        yield source.problem(start, "lint.unit_not_a_recipient", ("units", index, "name"), name=unit.name)


def _split_flows(source: Source, plan: Plan) -> Iterator[Problem]:
    """``bullets: [Treo cờ Tổ quốc, băng rôn …]`` is two items to YAML: one warning per such list.

    An item after the first that starts in lower case, unquoted, is taken for the
    rest of the item before it; the hint shows the list with each sentence whole.
    """
    ids = {u.id for u in plan.units}
    for path, items in source.flows:
        if any(item.text is None for item in items):
            continue
        split = next((k for k, item in enumerate(items) if k and _continues(item, ids)), None)
        if split is None:
            continue
        code = "lint.flow_split_names" if path and path[-1] in NAME_LISTS else "lint.flow_split"
        item, suggestion = items[split], _whole(source, items, ids)
        yield source.problem(item.start, code, (*path, split), item=item.text, suggestion=suggestion)


def _continues(item: Item, ids: set[str]) -> bool:
    """An unquoted item that reads as the rest of a sentence."""
    text = item.text or ""
    return item.plain and text[:1].islower() and text not in ids and not ID_LIKE.match(text)


def _whole(source: Source, items: list[Item], ids: set[str]) -> str:
    """The list as it was meant: each item with the items that continue it, in double quotes."""
    runs: list[list[Item]] = []
    for k, item in enumerate(items):
        if k and _continues(item, ids):
            runs[-1].append(item)
        else:
            runs.append([item])
    shown = []
    for run in runs:
        written = " ".join(source.text[run[0].start : run[-1].end].split())
        shown.append(json.dumps(written, ensure_ascii=False) if len(run) > 1 else written)
    return f"[{', '.join(shown)}]"


def fix_tone_marks(source: Source, style: syllables.Style) -> str:
    """The file's text with tone marks in ``style``, changed only inside values."""
    pieces, last = [], 0
    for value in sorted(source.values, key=lambda v: v.start):
        pieces.append(source.text[last : value.start])
        pieces.append(syllables.restyle(source.text[value.start : value.end], style))
        last = value.end
    pieces.append(source.text[last:])
    return "".join(pieces)
