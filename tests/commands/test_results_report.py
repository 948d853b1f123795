"""The loop closed on the repo's plan: checklists rendered, filled the way units fill them,
collected, counted by ``kehoach status --format json`` and written up by ``kehoach report``."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from helpers import PLAN
from kehoach.cli.app import app
from kehoach.commands.report import run_report
from kehoach.publish.pipeline import run_render
from returned import click, open_sheet, resave, retype, reverse_rows, rows_by_number, write_result

runner = CliRunner()
AS_OF = "2025-09-20"
#: Công an phường's one task, given a deadline already passed on AS_OF.
DEADLINE = "    tasks:\n      - text: Xây dựng kế hoạch bảo đảm an ninh trật tự"
RESULTS = {
    "van-hoa-xa-hoi": {
        "1": "Đã theo dõi, hướng dẫn 12 tổ dân phố.",
        "2": "Phương án khung avatar đã trình Đảng ủy.",
        "4": "Chương trình văn nghệ đang tập luyện.",
    },
    "trung-tam-su-nghiep-cong": {"2.3": "Đã treo 40 pa nô trên đường 351.", "4": "Đang xây dựng kế hoạch."},
}


def _with_deadline(text: str) -> str:
    """The repo's plan with a deadline (31/8/2025) on Công an phường's task."""
    old = "    tasks:\n      - Xây dựng kế hoạch bảo đảm an ninh trật tự"
    assert old in text
    return text.replace(old, DEADLINE, 1).replace(
        "tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.\n\n  - id: truong-hoc",
        "tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.\n        deadline: 2025-08-31\n\n  - id: truong-hoc",
        1,
    )


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    """Render, fill two units' checklists as they would, re-save one through LibreOffice, collect."""
    root = tmp_path_factory.mktemp("vong")
    plan = root / "plan.yaml"
    plan.write_text(_with_deadline(PLAN.read_text(encoding="utf-8")), encoding="utf-8")
    run_render(plan, root / "out")
    folder = root / "out" / "checklist"

    culture = open_sheet(folder / "van-hoa-xa-hoi.docx")
    rows = rows_by_number(culture)
    click(rows["1"])  # the check box clicked
    retype(rows["2"], "x")  # the box deleted, "x" typed
    retype(rows["3"], "HT", keep_box=True)  # "HT" typed beside the box
    retype(rows["4"], "Đang thực hiện")
    for number, sentence in RESULTS["van-hoa-xa-hoi"].items():
        write_result(rows[number], sentence)
    reverse_rows(culture)
    culture.save(root / "van-hoa-xa-hoi.docx")
    returned = resave(soffice, root / "van-hoa-xa-hoi.docx", root / "gui-lai")

    centre = open_sheet(folder / "trung-tam-su-nghiep-cong.docx")
    rows = rows_by_number(centre)
    retype(rows["1"], "✓")
    for number in ("2.1", "2.2", "2.3", "2.4", "2.5"):  # every sub-item done: the task is done
        click(rows[number])
    retype(rows["3"], "Chưa")
    retype(rows["4"], "Đang thực hiện")
    for number, sentence in RESULTS["trung-tam-su-nghiep-cong"].items():
        write_result(rows[number], sentence)
    centre.save(folder / "trung-tam-su-nghiep-cong.docx")

    files = [str(returned), str(folder / "trung-tam-su-nghiep-cong.docx")]
    result = runner.invoke(app, ["progress", "collect", *files, "--plan", str(plan), "--date", "2025-09-15"])
    assert result.exit_code == 0, result.output
    return root


def status_json(root: Path, *extra: str) -> dict:
    args = ["status", "--plan", str(root / "plan.yaml"), "--as-of", AS_OF, "--format", "json", *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def counts(entry: dict) -> tuple[str, int, int, int, int, int]:
    keys = ("total", "done", "in_progress", "not_started", "overdue")
    return (entry["id"], *(entry[k] for k in keys))


def test_status_json_counts_every_unit_and_phase(loop):
    found = status_json(loop)
    assert [counts(u) for u in found["units"]] == [
        ("mttq", 3, 0, 0, 3, 0),
        ("van-hoa-xa-hoi", 6, 3, 1, 2, 0),
        ("trung-tam-su-nghiep-cong", 4, 2, 1, 1, 0),
        ("van-phong", 2, 0, 0, 2, 0),
        ("kinh-te-ha-tang", 6, 0, 0, 6, 0),
        ("cong-an-phuong", 1, 0, 0, 1, 1),
        ("truong-hoc", 5, 0, 0, 5, 0),
        ("to-dan-pho", 5, 0, 0, 5, 0),
    ]
    assert [counts(p) for p in found["phases"]] == [("", 32, 5, 2, 25, 1)]
    assert found["phases"][0]["name"] == "Không theo đợt"
    assert found["total"] == {"total": 32, "done": 5, "in_progress": 2, "not_started": 25, "overdue": 1}
    culture = found["units"][1]
    assert culture["name"] == "Phòng Văn hóa - Xã hội phường"
    assert culture["tasks"][0] | {"text": ""} == {
        "unit": "van-hoa-xa-hoi",
        "number": "1",
        "key": "nv-1",
        "text": "",
        "phase": "",
        "when": "",
        "due": None,
        "status": "done",
        "overdue": False,
        "result": "Đã theo dõi, hướng dẫn 12 tổ dân phố.",
        "reported": "2025-09-15",
        "source": "gui-lai/van-hoa-xa-hoi.docx",
    }
    late = found["units"][5]["tasks"][0]
    assert (late["due"], late["overdue"], late["status"]) == ("2025-08-31", True, "not_started")
    assert found["units"][2]["tasks"][1]["result"] == "2.3: Đã treo 40 pa nô trên đường 351."


def test_status_of_one_unit_and_before_the_deadline(loop):
    found = status_json(loop, "--unit", "cong-an-phuong")
    assert [counts(u) for u in found["units"]] == [("cong-an-phuong", 1, 0, 0, 1, 1)]
    early = runner.invoke(app, ["status", "--plan", str(loop / "plan.yaml"), "--as-of", "2025-08-31", "-f", "json"])
    assert json.loads(early.stdout)["total"]["overdue"] == 0
    unknown = runner.invoke(app, ["status", "--plan", str(loop / "plan.yaml"), "--unit", "khong-co"])
    assert unknown.exit_code == 2 and "khong-co" in unknown.output


def test_status_as_text_and_markdown(loop):
    text = runner.invoke(app, ["status", "--plan", str(loop / "plan.yaml"), "--as-of", AS_OF])
    assert text.exit_code == 0 and "đến ngày 20/9/2025" in " ".join(text.output.split())
    assert "Quá hạn: 1. Xây dựng kế hoạch bảo đảm an ninh trật tự" in " ".join(text.output.split())
    md = runner.invoke(app, ["status", "--plan", str(loop / "plan.yaml"), "--as-of", AS_OF, "-f", "markdown"])
    assert "| Phòng Văn hóa - Xã hội phường | 6 | 3 | 1 | 2 | 0 |" in md.output
    assert "| **Tổng** | 32 | 5 | 2 | 25 | 1 |" in md.output


def document_texts(path: Path) -> list[str]:
    """Paragraphs of the body and of every table cell, in order, as a reader sees them."""
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out += [cell.text for cell in row.cells]
    return [t for t in out if t.strip()]


def test_the_report_holds_what_units_wrote_and_cites_the_plan(loop):
    target = loop / "report.docx"
    result = runner.invoke(app, ["report", "--plan", str(loop / "plan.yaml"), "--as-of", AS_OF, "-o", str(target)])
    assert result.exit_code == 0, result.output
    texts = document_texts(target)
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện Kế hoạch số 15/KH-UBND ngày 01/8/2025" in texts
    assert any(t.startswith("Số:") and t.endswith("/BC-UBND") for t in texts)
    assert any(t.startswith("An Dương, ngày") and t.endswith("năm 2025") for t in texts)
    assert texts[texts.index("I. KẾT QUẢ THỰC HIỆN") + 1] == (
        "Kế hoạch giao 32 nhiệm vụ cho 8 cơ quan, đơn vị. Tính đến ngày 20/9/2025: 5 nhiệm vụ đã hoàn thành, "
        "2 nhiệm vụ đang thực hiện, 25 nhiệm vụ chưa thực hiện; 1 nhiệm vụ quá hạn."
    )
    body = "\n".join(texts)
    for sentences in RESULTS.values():
        for sentence in sentences.values():
            assert sentence in body
    assert "Kết quả: Đã theo dõi, hướng dẫn 12 tổ dân phố." in texts
    assert "2. Phòng Văn hóa - Xã hội phường" in texts
    assert "Hoàn thành 3/6 nhiệm vụ; đang thực hiện 1; chưa thực hiện 2; quá hạn 0." in texts
    assert texts[texts.index("III. NHIỆM VỤ QUÁ HẠN") + 1] == (
        "Tính đến ngày 20/9/2025, có 1 nhiệm vụ quá hạn chưa hoàn thành:"
    )
    assert "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT" in texts and "2. Đề xuất, kiến nghị" in texts
    assert "Nơi nhận:\n- Thường Trực Đảng ủy;" in body and "Vũ Mạnh Hùng" in body
    assert "Đang thực hiện" in texts and "Chưa thực hiện (quá hạn)" in texts


def test_the_report_by_phase_and_into_out(loop):
    done = run_report(loop / "plan.yaml", dt.date(2025, 9, 20), by="phase", out_dir=loop / "out")
    assert done.path == loop / "out" / "bao-cao-ke-hoach-15-KH-UBND.docx"
    texts = document_texts(done.path)
    assert "1. Không theo đợt" in texts
    assert any(t.startswith("- Nhiệm vụ 1 (Phòng Văn hóa - Xã hội phường): Là cơ quan thường trực") for t in texts)


def test_renders_stay_byte_identical_and_the_report_too(loop, tmp_path):
    """Progress never changes the plan's documents; the same report twice is the same bytes."""
    run_render(loop / "plan.yaml", tmp_path / "again")
    for name in ("ke-hoach-15-KH-UBND.docx", "giao-viec/mttq.docx", "checklist/mttq.docx"):
        assert (tmp_path / "again" / name).read_bytes() == (loop / "out" / name).read_bytes()
    first = run_report(loop / "plan.yaml", dt.date(2025, 9, 20), tmp_path / "a.docx")
    second = run_report(loop / "plan.yaml", dt.date(2025, 9, 20), tmp_path / "b.docx")
    assert first.path.read_bytes() == second.path.read_bytes()


def test_an_existing_report_is_kept_before_it_is_replaced(loop, tmp_path):
    target = tmp_path / "bc.docx"
    shutil.copy(loop / "plan.yaml", target)  # anything the author had there
    result = run_report(loop / "plan.yaml", dt.date(2025, 9, 20), target)
    assert result.backup == tmp_path / "bc.docx.bak"
    assert result.backup.read_bytes() == (loop / "plan.yaml").read_bytes()


def test_reminders_go_to_units_late_or_silent(loop, tmp_path):
    out = tmp_path / "out"
    args = ["remind", "--plan", str(loop / "plan.yaml"), "--as-of", AS_OF, "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    written = sorted(p.stem for p in (out / "don-doc").glob("*.docx"))
    silent = ["cong-an-phuong", "kinh-te-ha-tang", "mttq", "to-dan-pho", "truong-hoc", "van-phong"]
    assert written == silent  # the two units that reported get none
    texts = document_texts(out / "don-doc" / "cong-an-phuong.docx")
    assert "V/v đôn đốc thực hiện Kế hoạch số 15/KH-UBND" in "\n".join(texts)
    assert "Kính gửi: Công an phường." in texts
    late = next(t for t in texts if t.startswith("1. Xây dựng kế hoạch bảo đảm an ninh trật tự"))
    assert late.endswith("(Thời hạn: 31/8/2025; quá hạn, chưa thực hiện; chưa báo cáo kết quả).")
    assert texts[texts.index(late) + 1] == (
        "Ủy ban nhân dân phường đề nghị Công an phường khẩn trương hoàn thành các nhiệm vụ trên "
        "và báo cáo kết quả về Ủy ban nhân dân phường./."
    )
    none = runner.invoke(app, [*args, "--unit", "van-hoa-xa-hoi"])
    assert none.exit_code == 0 and "không cần công văn đôn đốc" in " ".join(none.output.split())


def test_the_dashboard_shows_bars_and_overdue_tasks_without_script(loop, tmp_path):
    page = tmp_path / "tien-do.html"
    args = ["status", "--plan", str(loop / "plan.yaml"), "--as-of", AS_OF, "--html", str(page), "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.replace('name="viewport"', "")
    row = html[html.index("<td>Phòng Văn hóa - Xã hội phường</td>") :].split("</tr>")[0]
    assert 'class="done" style="width: 50.0%"' in row and 'class="doing" style="width: 16.7%"' in row
    assert '<td class="n">6</td><td class="n">3</td><td class="n">1</td>' in row
    assert '<li class="late">Công an phường: 1. Xây dựng kế hoạch bảo đảm an ninh trật tự' in html
    assert "tính đến ngày 20/9/2025" in html
    # the bar's flex box is the div's only: a table cell made a flex box breaks the table's layout
    assert '<td class="progress"><div class="bar"' in row and "\n.bar {" not in html and "td.bar" not in html
    again = tmp_path / "lan-2.html"
    runner.invoke(app, [*args[:-3], str(again)])
    assert again.read_bytes() == page.read_bytes()
