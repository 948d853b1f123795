"""A rendered checklist's rows carry their task invisibly, and keep it through LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import PLAN
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render.readback import read_sheet
from kehoach.text.errors import UsageError
from kehoach.views import unit_view
from kehoach.views.unit import bookmark_name
from returned import resave


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("doc-lai")
    shutil.copy(PLAN, root / "plan.yaml")
    run_render(root / "plan.yaml", root / "out", only=["checklists"])
    return root / "out" / "checklist"


def expected_ids(unit_id: str) -> list[tuple[str, str]]:
    plan = load_plan(PLAN).plan
    rows = unit_view(plan, plan.unit(unit_id)).rows
    return [(row.id.tag, row.id.bookmark) for row in rows if row.id]


def test_every_row_carries_its_tag_and_bookmark(sheets):
    sheet = read_sheet(sheets / "trung-tam-su-nghiep-cong.docx")
    assert [row.ids for row in sheet.rows] == expected_ids("trung-tam-su-nghiep-cong")
    assert sheet.rows[2].ids[0] == "kehoach:trung-tam-su-nghiep-cong/nv-2.1"
    assert sheet.rows[2].ids[1] == bookmark_name("trung-tam-su-nghiep-cong", "nv-2.1")
    assert [(r.number, r.checked, r.mark, r.result) for r in sheet.rows[:2]] == [
        ("1", False, "", ""),
        ("2", False, "", ""),
    ]
    assert "TRUNG TÂM SỰ NGHIỆP CÔNG PHƯỜNG" in sheet.headings


def test_libreoffice_keeps_the_bookmarks_and_the_check_boxes(sheets, soffice, tmp_path):
    saved = read_sheet(resave(soffice, sheets / "van-hoa-xa-hoi.docx", tmp_path / "lo"))
    bookmarks = [bookmark for _, bookmark in expected_ids("van-hoa-xa-hoi")]
    assert [[i for i in row.ids if i.startswith("KH_")] for row in saved.rows] == [[b] for b in bookmarks]
    assert all(row.checked is False and row.mark == "" for row in saved.rows)


def test_a_file_that_is_not_a_docx_is_named(tmp_path):
    bad = tmp_path / "bang.docx"
    bad.write_text("không phải Word", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_sheet(bad)
    assert caught.value.code == "docx.not_docx" and caught.value.args_["path"] == bad
