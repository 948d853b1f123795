"""What a careful reviewer would point out in a plan that is valid but not yet clean.

Each rule looks at the text values of plan.yaml as they are written (before the
loader normalises them), so a warning can point at the exact word: a syllable
that is not Vietnamese ("phuờng"), tone marks placed in two styles in one plan
("hoá" and "hóa"), text not in Unicode NFC, a document cited with two different
symbols, a unit no recipient covers, double spaces, a space before punctuation,
a closing paragraph without "./.", a sentence or a name that a ``[a, b]`` list
split at its commas. ``fix`` rewrites only the tone marks, only inside values:
comments and layout stay as they are.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from kehoach.plan.loader import KeyPath, format_path, read_text
from kehoach.plan.model import Plan
from kehoach.text import syllables
from kehoach.text.errors import Problem

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
}
#: A collective recipient ("Các cơ quan, đơn vị, trường học") covers units of these kinds.
COLLECTIVES = {
    "cơ quan": ("phòng", "văn phòng", "trung tâm", "công an", "ban"),
    "đơn vị": ("phòng", "văn phòng", "trung tâm", "công an", "ban", "đội"),
    "trường học": ("trường",),
    "tổ dân phố": ("tổ dân phố",),
    "sở": ("sở",),
    "ban, ngành": ("sở", "ban", "ngành", "thanh tra", "thuế", "công an", "bộ chỉ huy"),
}


@dataclass(frozen=True)
class Value:
    """A text value of the file: where it is, and its source span."""

    path: KeyPath
    text: str
    start: int
    end: int


class Source:
    """The file's text, with the positions of its values and of its ``[a, b]`` lists."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        root = yaml.compose(text, Loader=_LOADER)
        self.values = list(_values(root, ()))
        self.flows = list(_flows(root, ()))

    def problem(self, index: int, code: str, path: KeyPath, **args: object) -> Problem:
        """A warning at a character offset of the file."""
        line = bisect.bisect_right(self.lines, index)
        column = index - self.lines[line - 1] + 1
        source_line = self.text[self.lines[line - 1] :].split("\n", 1)[0].rstrip("\r")
        return Problem(str(self.path), line, column, code, dict(args), format_path(path), source_line, "warning")

    def find(self, value: Value, word: str, offset: int) -> int:
        """Where ``word`` (at ``offset`` in the value's text) is in the file."""
        raw = self.text[value.start : value.end]
        found = raw.find(word, min(offset, len(raw)))
        if found < 0:
            found = raw.find(word)
        return value.start + max(found, 0)


def _values(node: yaml.Node | None, path: KeyPath) -> Iterator[Value]:
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            yield from _values(child, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            yield from _values(child, (*path, i))
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        yield Value(path, node.value, node.start_mark.index, node.end_mark.index)


def _flows(node: yaml.Node | None, path: KeyPath) -> Iterator[tuple[KeyPath, yaml.SequenceNode]]:
    """Lists written in flow style, ``[a, b]``, where YAML splits the text at every comma."""
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            yield from _flows(child, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        if node.flow_style:
            yield path, node
        for i, child in enumerate(node.value):
            yield from _flows(child, (*path, i))


def lint_source(source: Source, plan: Plan) -> list[Problem]:
    """Every warning of every rule, in file order."""
    found = [
        *_not_nfc(source),
        *_syllables(source, plan),
        *_tone_marks(source),
        *_citations(source),
        *_spacing(source),
        *_closing(source),
        *_uncovered_units(source, plan),
        *_split_flows(source, plan),
    ]
    return sorted(found, key=lambda p: (p.line, p.column, p.code))


def _not_nfc(source: Source) -> Iterator[Problem]:
    for value in source.values:
        if unicodedata.is_normalized("NFC", value.text):
            continue
        offset = next(i for i, ch in enumerate(value.text) if not unicodedata.is_normalized("NFC", value.text[: i + 1]))
        yield source.problem(source.find(value, value.text[offset], offset), "lint.not_nfc", value.path)


def _syllables(source: Source, plan: Plan) -> Iterator[Problem]:
    allow = [u.id for u in plan.units]
    for value in source.values:
        text = unicodedata.normalize("NFC", value.text)
        for offset, word in syllables.suspicious_words(text, allow):
            yield source.problem(source.find(value, word, offset), "lint.not_a_syllable", value.path, word=word)


def tone_counts(source: Source) -> Counter[str]:
    """How many words use each tone-mark style in the file's values."""
    counts: Counter[str] = Counter()
    for value in source.values:
        counts.update(syllables.count_styles(unicodedata.normalize("NFC", value.text)))
    return counts


def majority_style(source: Source) -> syllables.Style:
    """The style most of the plan already uses ("new": hóa, ủy on a tie)."""
    counts = tone_counts(source)
    return "old" if counts["old"] > counts["new"] else "new"


def _tone_marks(source: Source) -> Iterator[Problem]:
    counts = tone_counts(source)
    if not (counts["old"] and counts["new"]):
        return
    style = majority_style(source)
    for value in source.values:
        text = unicodedata.normalize("NFC", value.text)
        for match in re.finditer(r"\w+", text):
            word_style = syllables.tone_style(match.group())
            if word_style and word_style != style:
                index = source.find(value, match.group(), match.start())
                yield source.problem(
                    index,
                    "lint.mixed_tone_marks",
                    value.path,
                    word=match.group(),
                    expected=syllables.restyle(match.group(), style),
                )


def _citations(source: Source) -> Iterator[Problem]:
    seen: dict[tuple[str, str, str], list[tuple[Value, re.Match[str]]]] = defaultdict(list)
    for value in source.values:
        for match in CITATION.finditer(unicodedata.normalize("NFC", value.text)):
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
    for value in source.values:
        for match in DOUBLE_SPACE.finditer(value.text):
            index = source.find(value, match.group(1), match.start(1))
            yield source.problem(index, "lint.double_space", value.path)
        for match in SPACE_BEFORE.finditer(value.text):
            group = 1 if match.group(1) else 2
            index = source.find(value, match.group(0)[1:], match.start(group))
            yield source.problem(index, "lint.space_before_punctuation", value.path, mark=match.group(0).strip()[-1])


def _closing(source: Source) -> Iterator[Problem]:
    for value in source.values:
        if value.path == ("closing",) and not value.text.rstrip().endswith("./."):
            yield source.problem(value.start, "lint.no_final_mark", value.path)


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFC", text).lower()
    for short, full in ABBREVIATIONS.items():
        text = re.sub(rf"\b{short}\b", full, text)
    return set(re.findall(r"\w+", text))


def covers(recipient: str, unit_name: str) -> bool:
    """Whether a line of Nơi nhận reaches a unit: by its name, or as a collective of its kind."""
    lower = unicodedata.normalize("NFC", recipient).lower()
    name = unicodedata.normalize("NFC", unit_name).lower()
    for collective, kinds in COLLECTIVES.items():
        if (
            lower.startswith("các")
            and collective in lower
            and any(name.startswith(k) or f" {k}" in name for k in kinds)
        ):
            return True
    unit_words = _words(unit_name) - {"các", "trên", "địa", "bàn", "và"}
    return len(unit_words & _words(recipient)) >= max(2, int(0.6 * len(unit_words)))


def _uncovered_units(source: Source, plan: Plan) -> Iterator[Problem]:
    for index, unit in enumerate(plan.units):
        if unit.tasks and not any(covers(r, unit.name) for r in plan.recipients):
            value = next((v for v in source.values if v.path == ("units", index, "name")), None)
            start = value.start if value else 0
            yield source.problem(start, "lint.unit_not_a_recipient", ("units", index, "name"), name=unit.name)


def _split_flows(source: Source, plan: Plan) -> Iterator[Problem]:
    """``bullets: [Treo cờ Tổ quốc, băng rôn …]`` is two items to YAML: one warning per such list.

    An item after the first that starts in lower case, unquoted, is taken for the
    rest of the item before it; the hint shows the list with each sentence whole.
    """
    ids = {u.id for u in plan.units}
    for path, node in source.flows:
        items = node.value
        if not all(isinstance(item, yaml.ScalarNode) for item in items):
            continue
        split = next((k for k, item in enumerate(items) if k and _continues(item, ids)), None)
        if split is None:
            continue
        code = "lint.flow_split_names" if path and path[-1] in NAME_LISTS else "lint.flow_split"
        item, suggestion = items[split].value, _whole(source, items, ids)
        yield source.problem(items[split].start_mark.index, code, (*path, split), item=item, suggestion=suggestion)


def _continues(item: yaml.ScalarNode, ids: set[str]) -> bool:
    """An unquoted item (plain style: None, or "" from libyaml) that reads as the rest of a sentence."""
    text = item.value
    return not item.style and text[:1].islower() and text not in ids and not ID_LIKE.match(text)


def _whole(source: Source, items: list[yaml.ScalarNode], ids: set[str]) -> str:
    """The list as it was meant: each item with the items that continue it, in double quotes."""
    runs: list[list[yaml.ScalarNode]] = []
    for k, item in enumerate(items):
        if k and _continues(item, ids):
            runs[-1].append(item)
        else:
            runs.append([item])
    shown = []
    for run in runs:
        written = " ".join(source.text[run[0].start_mark.index : run[-1].end_mark.index].split())
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


def load_source(path: Path) -> Source:
    """The file's text and values, for the lint rules."""
    return Source(path, read_text(path))
