"""The lint at a province's scale: work done once per distinct word or text, same warnings.

The lint remembers each word's syllable and each text's findings, and reads the file's
values from the parser's events rather than composing it a second time. These tests
hold it to the warnings a user saw before: every occurrence reported at its own place,
majorities counted over occurrences, aliases reported where their anchor is.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import LAO_CAI, MINIMAL, PLAN, make_plan
from kehoach import lint
from kehoach.commands.lint import run_lint
from kehoach.plan.loader import load_document
from kehoach.text import syllables
from kehoach.text.errors import ProblemsError


def _units(texts: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"don-vi-{i:03d}", "name": f"Công an phường {i}", "tasks": [text]} for i, text in enumerate(texts)]


def test_a_slip_repeated_in_every_unit_is_reported_at_each_place(tmp_path: Path):
    plan = make_plan(tmp_path, units=_units(["Tuyên truyền trên địa bàn phuờng."] * 100))

    found = [w for w in run_lint(plan).warnings if w.code == "lint.not_a_syllable"]

    assert len(found) == 100
    assert {w.args["word"] for w in found} == {"phuờng"}
    assert len({w.line for w in found}) == 100
    assert {w.key_path for w in found} == {f"units[{i}].tasks[0]" for i in range(100)}


def test_the_usual_tone_style_is_counted_over_every_occurrence(tmp_path: Path):
    """One text written 50 times outweighs two texts written once: the two are the odd ones."""
    texts = ["Văn hoá cơ sở."] * 50 + ["Hóa giải mâu thuẫn.", "Tọa đàm về văn hóa."]
    plan = make_plan(tmp_path, units=_units(texts))

    found = [w for w in run_lint(plan).warnings if w.code == "lint.mixed_tone_marks"]

    in_units = [(w.key_path, w.args["word"], w.args["expected"]) for w in found if w.key_path.startswith("units")]
    assert in_units == [
        ("units[50].tasks[0]", "Hóa", "Hoá"),
        ("units[51].tasks[0]", "Tọa", "Toạ"),
        ("units[51].tasks[0]", "hóa", "hoá"),
    ]


def test_double_spaces_repeated_in_many_units_are_each_reported(tmp_path: Path):
    plan = make_plan(tmp_path, units=_units(["Kiểm tra  định kỳ ."] * 30))

    codes = [w.code for w in run_lint(plan).warnings]

    assert codes.count("lint.double_space") == 30
    assert codes.count("lint.space_before_punctuation") == 30


ALIASED = """\
issuer: {issuer}
document: {document}
sections: {sections}
closing: Kết thúc./.
recipients: [Công an phường]
signer: {signer}
units:
  - id: a
    name: Công an phường
    tasks:
      - &slip Tuyên truyền phuờng.
      - text: Treo cờ
        with: &partners [b]
  - id: b
    name: Công an phường B
    tasks:
      - *slip
      - text: Treo băng rôn
        with: *partners
      - text: Chuẩn bị
        bullets: &split [Treo cờ Tổ quốc, băng rôn]
      - text: Làm lại
        bullets: *split
"""


def _aliased_plan(tmp_path: Path) -> Path:
    parts = {key: yaml.safe_dump(MINIMAL[key], allow_unicode=True, default_flow_style=True).strip() for key in MINIMAL}
    path = tmp_path / "plan.yaml"
    path.write_text(ALIASED.format(**parts), encoding="utf-8")
    return path


def test_an_alias_is_reported_where_its_anchor_is_written(tmp_path: Path):
    path = _aliased_plan(tmp_path)
    anchor_line = 1 + path.read_text(encoding="utf-8").splitlines().index("      - &slip Tuyên truyền phuờng.")

    found = [w for w in run_lint(path).warnings if w.code == "lint.not_a_syllable"]

    assert [(w.key_path, w.line) for w in found] == [
        ("units[0].tasks[0]", anchor_line),
        ("units[1].tasks[0]", anchor_line),
    ]


def test_a_split_list_repeated_by_an_alias_is_reported_for_both_places(tmp_path: Path):
    found = [w for w in run_lint(_aliased_plan(tmp_path)).warnings if w.code == "lint.flow_split"]

    assert [w.key_path for w in found] == ["units[1].tasks[2].bullets[1]", "units[1].tasks[3].bullets[1]"]
    assert all(w.args["suggestion"] == '["Treo cờ Tổ quốc, băng rôn"]' for w in found)


def _composed(text: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Values and ``[a, b]`` lists as PyYAML's composed nodes give them: what the lint must read."""
    values: list[tuple[Any, ...]] = []
    flows: list[tuple[Any, ...]] = []

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, child in node.value:
                walk(child, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                items = [
                    (i.value, not i.style, i.start_mark.index, i.end_mark.index)
                    if isinstance(i, yaml.ScalarNode)
                    else None
                    for i in node.value
                ]
                flows.append((path, items))
            for index, child in enumerate(node.value):
                walk(child, (*path, index))
        elif node.tag.endswith(":str"):
            values.append((path, node.value, node.start_mark.index, node.end_mark.index))

    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return values, flows


TRICKY = """\
a: &x Hóa hoá
b: *x
c: [*x, tiếp, "q", 'r', 1, 2025-01-01, null, true, !!str 12, ~, {k: v}]
d: &m {k: v, l: [x, y]}
e: *m
f: [[a, b], {c: d}, [*x]]
&k name: giá trị
other: *k
*k : aliased key
multi: |
  Dòng một
  dòng hai
folded: >
  gập
  lại
quoted: "123"
plain: 123
empty:
"""


@pytest.mark.parametrize("source", [PLAN, LAO_CAI, TRICKY], ids=["plan", "lao-cai", "aliases"])
def test_the_lint_reads_every_value_where_yaml_puts_it(source: Path | str, tmp_path: Path):
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    read = lint.Source(tmp_path / "plan.yaml", text)

    values = [(v.path, v.text, v.start, v.end) for v in read.values]
    flows = [
        (path, [(i.text, i.plain, i.start, i.end) if i.text is not None else None for i in items])
        for path, items in read.flows
    ]
    assert (values, flows) == _composed(text)


def test_a_speller_answers_as_suspicious_words_for_every_text():
    allow = ["cong-an", "Zalo"]
    speller = syllables.Speller(allow)
    texts = ["Phuờng An Dương", "phuờng, PHUỜNG và zalo", "Đắk Lắk, HĐND, băng zôn", ""]
    for _ in range(2):  # the second time from what was remembered
        for text in texts:
            assert speller.suspicious(text) == syllables.suspicious_words(text, allow)
    assert speller.suspicious("phuờng, PHUỜNG") == [(0, "phuờng"), (8, "PHUỜNG")]


EXAMPLES = sorted((PLAN.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("source", [PLAN, LAO_CAI, *EXAMPLES, TRICKY], ids=lambda p: getattr(p, "stem", "aliases"))
def test_the_walk_told_by_the_loader_reads_what_parsing_again_reads(source: Path | str, tmp_path: Path):
    """``kehoach lint`` walks the events the loader reads for the validator, not a second parse
    (anchors and aliases too; the loader refuses that file's list as a key, reading on)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    told = lint.Walk()
    with contextlib.suppress(ProblemsError):
        load_document(tmp_path / "plan.yaml", text, on_event=told.feed)
    parsed = lint.Walk.of(text)
    assert told.values == parsed.values and told.values
    assert told.flows == parsed.flows
