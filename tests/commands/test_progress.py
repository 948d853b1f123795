"""``kehoach progress collect``: returned checklists read back into progress.yaml, and every warning."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from helpers import PLAN, git
from kehoach.cli.app import app
from kehoach.commands.progress import run_collect
from kehoach.plan.progress import load_progress
from kehoach.publish.pipeline import run_render
from kehoach.text.errors import ProblemsError
from returned import add_row, click, open_sheet, resave, retype, reverse_rows, rows_by_number, write_result

runner = CliRunner()


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """The repo's plan in a folder of its own, its checklists rendered into out/checklist."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["checklists"])
    return tmp_path


def sheet(plan_dir: Path, unit_id: str) -> Path:
    return plan_dir / "out" / "checklist" / f"{unit_id}.docx"


def recorded(plan_dir: Path) -> dict:
    return yaml.safe_load((plan_dir / "progress.yaml").read_text(encoding="utf-8"))["units"]


def codes(result) -> list[tuple[str, str, object]]:
    return [(Path(w.path).name, w.code, w.args.get("row")) for w in result.warnings]


def test_untouched_checklists_read_back_row_by_row(plan_dir):
    files = sorted((plan_dir / "out" / "checklist").glob("*.docx"))
    result = run_collect(plan_dir / "plan.yaml", files)
    assert result.changed and result.warnings == []
    units = recorded(plan_dir)
    items = [f"nv-2.{i}" for i in range(1, 6)]
    assert list(units["trung-tam-su-nghiep-cong"]) == ["nv-1", "nv-2", *items, "nv-3", "nv-4"]
    assert units["mttq"]["nv-1"] == {
        "status": "not_started",
        "date": dt.date(2025, 8, 1),  # the date the DOCX says it was saved: the plan's
        "source": "out/checklist/mttq.docx",
    }


def test_clicked_typed_reordered_and_resaved_by_libreoffice(plan_dir, soffice, tmp_path):
    doc = open_sheet(sheet(plan_dir, "van-hoa-xa-hoi"))
    rows = rows_by_number(doc)
    click(rows["1"])
    write_result(rows["1"], "Đã theo dõi, hướng dẫn 12 tổ dân phố.")
    retype(rows["2"], "x")
    retype(rows["3"], "HT", keep_box=True)
    retype(rows["4"], "Đang thực hiện")
    write_result(rows["4"], "Chương trình văn nghệ đang tập luyện.")
    reverse_rows(doc)
    filled = tmp_path / "filled" / "van-hoa-xa-hoi.docx"
    filled.parent.mkdir()
    doc.save(filled)
    returned = resave(soffice, filled, tmp_path / "resaved")

    result = run_collect(plan_dir / "plan.yaml", [returned], dt.date(2025, 9, 15))
    assert result.warnings == []
    assert result.recorded == 6
    units = recorded(plan_dir)
    assert {k: v["status"] for k, v in units["van-hoa-xa-hoi"].items()} == {
        "nv-1": "done",
        "nv-2": "done",
        "nv-3": "done",
        "nv-4": "in_progress",
        "nv-5": "not_started",
        "nv-6": "not_started",
    }
    assert units["van-hoa-xa-hoi"]["nv-1"]["result"] == "Đã theo dõi, hướng dẫn 12 tổ dân phố."
    assert units["van-hoa-xa-hoi"]["nv-4"]["result"] == "Chương trình văn nghệ đang tập luyện."
    assert units["van-hoa-xa-hoi"]["nv-1"]["date"] == dt.date(2025, 9, 15)
    assert list(units) == ["van-hoa-xa-hoi"]


def test_collecting_the_same_files_again_changes_nothing(plan_dir):
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    click(rows_by_number(doc)["1"])
    doc.save(sheet(plan_dir, "cong-an-phuong"))
    files = [sheet(plan_dir, "cong-an-phuong"), sheet(plan_dir, "mttq")]
    assert run_collect(plan_dir / "plan.yaml", files).changed
    before = (plan_dir / "progress.yaml").read_bytes()
    again = run_collect(plan_dir / "plan.yaml", files)
    assert not again.changed and again.warnings == []
    assert (plan_dir / "progress.yaml").read_bytes() == before


def test_a_row_that_matches_no_task_is_a_warning_with_file_and_row(plan_dir):
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    add_row(doc, "Tổ chức tuần tra ban đêm (việc thêm)", "x", "Đã tuần tra 10 đêm.")
    add_row(doc, "", "")  # an empty row added: nothing to say
    doc.save(sheet(plan_dir, "cong-an-phuong"))
    result = run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")])
    assert codes(result) == [("cong-an-phuong.docx", "progress.unmatched_row", 2)]
    assert "Hàng 2" in result.warnings[0].message() and "tuần tra ban đêm" in result.warnings[0].message()


def test_a_row_retyped_without_marks_is_found_by_its_text(plan_dir):
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    typed = rows_by_number(doc)["1"]
    add_row(doc, typed.cells[1].text, "Đã xong", "Kế hoạch số 12/KH-CAP.")
    doc.tables[0]._tbl.remove(typed._tr)  # the row kehoach made, with its marks, is gone
    doc.save(sheet(plan_dir, "cong-an-phuong"))
    result = run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")])
    assert result.warnings == []
    assert recorded(plan_dir)["cong-an-phuong"]["nv-1"]["status"] == "done"


def test_a_task_reported_by_the_wrong_unit_is_a_warning(plan_dir):
    own = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    other = open_sheet(sheet(plan_dir, "mttq"))
    stranger = rows_by_number(other)["2"]
    click(stranger)
    own.tables[0]._tbl.append(stranger._tr)
    own.save(sheet(plan_dir, "cong-an-phuong"))
    result = run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")])
    assert codes(result) == [("cong-an-phuong.docx", "progress.wrong_unit", 2)]
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam phường" in result.warnings[0].message()
    assert "mttq" not in recorded(plan_dir)


def test_a_status_going_backwards_is_a_warning(plan_dir, tmp_path):
    first = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    click(rows_by_number(first)["1"])
    first.save(tmp_path / "lan-1.docx")
    run_collect(plan_dir / "plan.yaml", [tmp_path / "lan-1.docx"])
    later = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    retype(rows_by_number(later)["1"], "Chưa")
    later.save(tmp_path / "lan-2.docx")
    result = run_collect(plan_dir / "plan.yaml", [tmp_path / "lan-2.docx"])
    assert codes(result) == [("lan-2.docx", "progress.backwards", 1)]
    assert recorded(plan_dir)["cong-an-phuong"]["nv-1"]["status"] == "not_started"


def test_a_mark_not_understood_is_a_warning(plan_dir):
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    retype(rows_by_number(doc)["1"], "ok?")
    doc.save(sheet(plan_dir, "cong-an-phuong"))
    result = run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")])
    assert codes(result) == [("cong-an-phuong.docx", "progress.unknown_mark", 1)]


def test_a_file_that_is_no_checklist_or_of_no_unit_is_a_warning(plan_dir, tmp_path):
    run_render(plan_dir / "plan.yaml", plan_dir / "out", only=["letters"])
    letter = plan_dir / "out" / "giao-viec" / "mttq.docx"
    doc = open_sheet(sheet(plan_dir, "mttq"))
    for row in doc.tables[0].rows[1:]:
        doc.tables[0]._tbl.remove(row._tr)
    for paragraph in doc.paragraphs:
        paragraph.text = ""
    add_row(doc, "Một việc không có trong kế hoạch", "x")
    doc.save(tmp_path / "bang-khong-ten.docx")
    (tmp_path / "bao-cao.pdf").write_bytes(b"%PDF-1.4 not a checklist")
    files = [letter, tmp_path / "bang-khong-ten.docx", tmp_path / "bao-cao.pdf", sheet(plan_dir, "mttq")]
    result = run_collect(plan_dir / "plan.yaml", files)
    assert codes(result) == [
        ("mttq.docx", "progress.no_table", None),
        ("bang-khong-ten.docx", "progress.unknown_sheet_unit", None),
        ("bao-cao.pdf", "progress.not_docx", None),
    ]
    assert result.recorded == 3  # the checklist among them is read all the same


def test_a_broken_progress_file_names_line_and_column(plan_dir):
    (plan_dir / "progress.yaml").write_text("units:\n  mttq:\n    nv-1:\n      status: finished\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "mttq")])
    problem = caught.value.problems[0]
    assert (Path(problem.path).name, problem.line, problem.column) == ("progress.yaml", 4, 15)
    result = runner.invoke(
        app, ["progress", "collect", str(sheet(plan_dir, "mttq")), "--plan", str(plan_dir / "plan.yaml")]
    )
    assert result.exit_code == 1 and "progress.yaml:4:15" in result.output
    assert "Traceback" not in result.output


def test_units_and_tasks_the_plan_lacks_are_warnings(plan_dir):
    (plan_dir / "progress.yaml").write_text(
        "units:\n  so-cu:\n    nv-1:\n      status: done\n  mttq:\n    nv-9:\n      status: done\n",
        encoding="utf-8",
    )
    loaded = load_progress(plan_dir / "progress.yaml", {"mttq": ["nv-1"]})
    assert [(w.code, w.line, w.column) for w in loaded.warnings] == [
        ("progress.unknown_unit", 2, 3),
        ("progress.unknown_task", 6, 5),
    ]


def test_the_command_line_says_what_it_recorded(plan_dir):
    args = ["progress", "collect", str(sheet(plan_dir, "mttq")), "--plan", str(plan_dir / "plan.yaml")]
    first = runner.invoke(app, [*args, "--date", "2025-09-01"])
    assert first.exit_code == 0, first.output
    assert "Đã ghi 3 hàng từ 1 tệp" in first.output
    again = runner.invoke(app, [*args, "--date", "2025-09-01"])
    assert again.exit_code == 0 and "không thay đổi" in again.output
    missing = runner.invoke(app, ["progress", "collect", "khong-co.docx", "--plan", str(plan_dir / "plan.yaml")])
    assert missing.exit_code == 2 and "khong-co.docx" in missing.output


def test_progress_diff_shows_what_was_reported_between_revisions(plan_dir, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(plan_dir.parent))
    run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")], dt.date(2025, 9, 1))
    git(plan_dir, "init", "-q")
    git(plan_dir, "add", "plan.yaml", "progress.yaml")
    git(plan_dir, "commit", "-q", "-m", "lần 1")
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    click(rows_by_number(doc)["1"])
    write_result(rows_by_number(doc)["1"], "Kế hoạch số 12/KH-CAP.")
    doc.save(plan_dir / "cap.docx")
    run_collect(plan_dir / "plan.yaml", [plan_dir / "cap.docx"], dt.date(2025, 9, 15))
    args = ["progress", "diff", "--plan", str(plan_dir / "plan.yaml")]
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == [
        "Công an phường, STT 1: chưa thực hiện → hoàn thành — «Kế hoạch số 12/KH-CAP.»"
    ]
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert data["old"] == "HEAD:progress.yaml" and data["changes"][0]["after"] == {
        "status": "done",
        "result": "Kế hoạch số 12/KH-CAP.",
        "date": "2025-09-15",
        "source": "cap.docx",
    }
    git(plan_dir, "add", "progress.yaml")
    git(plan_dir, "commit", "-q", "-m", "lần 2")
    same = runner.invoke(app, [*args, "HEAD~1", "HEAD"])
    assert "Công an phường, STT 1: chưa thực hiện → hoàn thành" in same.output
    none = runner.invoke(app, args)
    assert "Không có báo cáo nào thay đổi" in none.output


def test_kehoach_diff_of_two_progress_files_shows_what_was_reported(plan_dir):
    """``kehoach diff old/progress.yaml progress.yaml`` is the progress diff (issue #15 item 7)."""
    run_collect(plan_dir / "plan.yaml", [sheet(plan_dir, "cong-an-phuong")], dt.date(2025, 9, 1))
    (plan_dir / "old").mkdir()
    (plan_dir / "old" / "progress.yaml").write_bytes((plan_dir / "progress.yaml").read_bytes())
    doc = open_sheet(sheet(plan_dir, "cong-an-phuong"))
    click(rows_by_number(doc)["1"])
    doc.save(plan_dir / "cap.docx")
    run_collect(plan_dir / "plan.yaml", [plan_dir / "cap.docx"], dt.date(2025, 9, 15))
    old, new = str(plan_dir / "old" / "progress.yaml"), str(plan_dir / "progress.yaml")
    shown = runner.invoke(app, ["diff", old, new, "--plan", str(plan_dir / "plan.yaml")])
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines() == ["Công an phường, STT 1: chưa thực hiện → hoàn thành"]
