"""A plan's mục and items carry their ids invisibly (Word bookmarks), so ``kehoach import`` gives them back."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from docx import Document
from docx.oxml.ns import qn

from helpers import ROOT
from kehoach.publish.pipeline import run_render

HA_NOI = ROOT / "examples" / "ha-noi-144-benh-an-dien-tu.yaml"


def _render(plan: dict[str, object] | Path, folder: Path) -> Path:
    folder.mkdir()
    if isinstance(plan, Path):
        shutil.copy(plan, folder / "plan.yaml")
    else:
        (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    run_render(folder / "plan.yaml", folder / "out", only=["plan"])
    return next((folder / "out").glob("*.docx"))


def _bookmarked(docx: Path) -> dict[str, str]:
    """Each bookmark's name → the text of the paragraph it starts in."""
    found = {}
    for paragraph in Document(str(docx)).paragraphs:
        for mark in paragraph._p.iter(qn("w:bookmarkStart")):
            found[mark.get(qn("w:name"))] = paragraph.text
    return found


def test_a_mucs_and_an_items_id_are_bookmarks_around_their_headings(tmp_path: Path) -> None:
    marks = _bookmarked(_render(HA_NOI, tmp_path / "a"))
    assert marks["kh_noi_dung"] == "II. NỘI DUNG"
    assert marks["kh_ket_noi_lien_thong"].startswith("1. Triển khai kết nối liên thông dữ liệu")
    assert marks["kh_khao_sat"].endswith("Khảo sát đánh giá")
    # the text a reader sees is as before: the bookmark adds no character
    assert not any("kh_" in text for text in marks.values())


def test_the_marks_are_the_same_in_every_render(tmp_path: Path) -> None:
    first = _render(HA_NOI, tmp_path / "a").read_bytes()
    assert first == _render(HA_NOI, tmp_path / "b").read_bytes()


def test_an_id_too_long_for_a_bookmark_is_left_out(tmp_path: Path) -> None:
    plan = yaml.safe_load(HA_NOI.read_text(encoding="utf-8"))
    long_id = "muc-" + "rat-dai-" * 6 + "x"
    plan["sections"][0]["id"] = long_id
    marks = _bookmarked(_render(plan, tmp_path / "a"))
    assert "kh_noi_dung" in marks
    assert not [name for name in marks if name.startswith("kh_muc_rat")]
    assert all(len(name) <= 40 for name in marks)
