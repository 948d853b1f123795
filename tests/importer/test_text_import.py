"""Plans given as plain text (a PDF's text layer, OCR output) imported into plan.yaml.

The seed plan's OCR text is checked against the plan.yaml typed from the same signed plan:
by meaning (``kehoach diff``), every unit, task and phase must be found, and the texts may
differ only by the scan's own misreadings, listed here one by one.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT, reads_as
from kehoach.commands.diff import run_diff
from kehoach.commands.import_plan import run_import
from kehoach.commands.textconv import text_of
from kehoach.diff import PlanDiff, Segment
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render

SEED = FIXTURES / "ke-hoach-15-KH-UBND.txt"

#: What the scan misread (old word → what the OCR text says), found in the seed's texts;
#: plan.yaml's header comment lists the same slips as corrected by hand.
OCR_SLIPS = {
    ("biểu", "biếu"),
    ("phổ biến,", "phò biển,"),
    ("chú", "chủ"),
    ("tục đẩy", "đày"),
    ("Sống,", "Sông,"),
    ("phường", "phuờng"),
    ("phường;", "phuờng;"),
    ("phường:", "phuờng:"),
    ("phường.", "phuờng."),
    ("ủy, Ủy", "uỷ, Uỷ"),
    ("ủy", "uỷ"),
    ("ủy.", "uỷ."),
    ("hóa,", "hoá,"),
    ("Chú", "Chủ"),
    ("“Quán", "“Quản"),
    ("rôn", "zôn"),
    ("01-KH/ĐU", "01-KH/HU"),
    # the page number "2" the scan put inside a line ("Nghị quyết 2 Đại hội")
    ("", "2"),
}


def _ids_as_in(plan: Path, imported: Path) -> None:
    """Give the imported units the ids plan.yaml gives them (matched by name): an imported
    plan's ids are made from the names, so they cannot be plan.yaml's short ones."""
    ours = yaml.safe_load(plan.read_text(encoding="utf-8"))["units"]
    data = yaml.safe_load(imported.read_text(encoding="utf-8"))
    renamed = {}
    for unit in data["units"]:
        best = max(ours, key=lambda u: difflib.SequenceMatcher(None, u["name"], unit["name"]).ratio())
        renamed[unit["id"]] = unit["id"] = best["id"]
    for task in (t for unit in data["units"] for t in unit["tasks"] if isinstance(t, dict)):
        task["with"] = [renamed.get(ref, ref) for ref in task.get("with", [])]
    imported.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _changed_words(diff: PlanDiff) -> set[tuple[str, str]]:
    """Each run of words the texts changed, as (old, new)."""
    pairs: set[tuple[str, str]] = set()
    texts = [*diff.basis, *diff.intro, *diff.slogans, *diff.closing, *diff.recipients]
    texts += [c for s in diff.sections for c in s.content] + [c for p in diff.phases for c in p.content]
    segments: list[tuple[Segment, ...]] = [t.words for t in texts]
    segments += [t.words for t in diff.tasks] + [b.words for t in diff.tasks for b in t.bullets]
    for words in segments:
        old = ""
        for segment in (*words, Segment("equal", "")):
            if segment.op == "delete":
                old = segment.words
            elif segment.op == "insert" or old:
                pairs.add((old, segment.words if segment.op == "insert" else ""))
                old = ""
    return pairs


def test_the_seed_plans_ocr_text_imports_with_its_units_tasks_and_phases(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = run_import(SEED, target)
    plan = load_plan(target).plan
    assert [p.name for p in plan.phases] == ["Đợt 1", "Đợt 2", "Đợt 3", "Đợt 4"]
    assert result.counts == {"sections": 6, "phases": 4, "units": 8, "tasks": 32, "appendices": 0, "free": 0}
    assert ("import.slip", {"where": "dòng 288", "shown": "V.", "right": "VI."}) in result.warnings
    _ids_as_in(ROOT / "plan.yaml", target)
    diff = run_diff(str(ROOT / "plan.yaml"), str(target), target).diff
    assert not [u for u in diff.units if u.kind != "changed"]
    assert all(t.kind == "changed" for t in diff.tasks)
    assert not [p for p in diff.phases if p.fields]
    assert not [s for s in diff.sections if s.fields or s.layout]
    assert _changed_words(diff) <= OCR_SLIPS


@pytest.mark.parametrize("source", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_rendered_import_reads_as_its_source(tmp_path: Path, source: Path) -> None:
    """Imported, then rendered, a plan says what its source said: word similarity ≥ 0.95."""
    run_import(source, tmp_path / "plan.yaml")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    rendered = text_of(next((tmp_path / "out").glob("*.docx")))
    assert reads_as(source.read_text(encoding="utf-8"), rendered) >= 0.95


def test_the_lao_cai_draft_finds_the_units_it_assigns_and_its_key_tasks(tmp_path: Path) -> None:
    run_import(FIXTURES / "lao-cai-khoang-san.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    example = load_plan(ROOT / "examples" / "lao-cai-khoang-san.yaml").plan
    assert [u.name for u in plan.units] == [u.name for u in example.units]
    assert [len(u.tasks) for u in plan.units] == [len(u.tasks) for u in example.units]
    assert [t.text for t in plan.key_tasks] == [t.text for t in example.key_tasks]
    assert plan.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]
    # its one footnote ("[^1]" and its text at the end) is kehoach's "^[…]" where the mark was
    assert "Chỉ thị 11 của Ban Thường vụ Tỉnh ủy và các chủ trương" in str(plan.sections[1].model_dump())
    assert "^[Đặc biệt: Luật Địa chất và khoáng sản" in (tmp_path / "plan.yaml").read_text(encoding="utf-8")
