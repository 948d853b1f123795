"""Per-unit letters (công văn) and checklists: one each per unit, its tasks and only its."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from typer.testing import CliRunner

from helpers import LAO_CAI, PLAN, REFERENCE_UNITS, effective, find, make_plan, open_docx, paragraph_format, texts
from kehoach.cli.app import app
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text import markup
from kehoach.text.errors import ProblemsError, UsageError

runner = CliRunner()
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
UNITS = REFERENCE_UNITS


def letters(rendered: Path) -> dict[str, object]:
    return {p.stem: open_docx(p) for p in sorted((rendered / "giao-viec").glob("*.docx"))}


def checklists(rendered: Path) -> dict[str, object]:
    return {p.stem: open_docx(p) for p in sorted((rendered / "checklist").glob("*.docx"))}


def _joined(doc) -> str:
    return "\n".join(texts(doc))


def test_one_letter_and_one_checklist_per_unit(rendered):
    assert sorted(letters(rendered)) == sorted(UNITS)
    assert sorted(checklists(rendered)) == sorted(UNITS)


@pytest.mark.parametrize("unit_id", UNITS)
def test_letter_holds_its_tasks_and_no_other(rendered, plan_model, unit_id):
    unit = plan_model.unit(unit_id)
    letter = letters(rendered)[unit_id]
    addressed = [t for t in texts(letter) if t.startswith("Kính gửi:")]
    assert addressed == [f"Kính gửi: {unit.name}."]
    body = _joined(letter)
    for task in unit.tasks:
        assert markup.plain(task.text) in body
        for item in task.bullets:
            assert f"- {item.text}" in body
    for other in plan_model.units:
        if other.id != unit_id:
            for task in other.tasks:
                assert markup.plain(task.text) not in body, (other.id, task.text[:40])


@pytest.mark.parametrize("unit_id", UNITS)
def test_checklist_holds_its_tasks_and_no_other(rendered, plan_model, unit_id):
    unit = plan_model.unit(unit_id)
    sheet = checklists(rendered)[unit_id]
    assert unit.name.upper() in texts(sheet)
    table = sheet.tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "STT",
        "Nhiệm vụ",
        "Đợt / Thời hạn",
        "Phối hợp",
        "Hoàn thành ☐",
        "Kết quả / Ghi chú",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = table.rows[1:]
    cells = [r.cells[1].text for r in rows]
    expected = []
    for task in unit.tasks:
        expected.append(markup.plain(task.text))
        expected.extend(b.text for b in task.bullets)
    assert cells == expected
    numbers = [r.cells[0].text for r in rows]
    assert numbers[0] == "1"
    for row in rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        # The "Hoàn thành" cell is Word's own check box, unticked, tagged with the row's task.
        box = row.cells[4]._tc.find(f".//{qn('w:sdt')}")
        assert box.find(f".//{W14}checkbox/{W14}checked").get(f"{W14}val") == "0"
        assert box.find(f".//{qn('w:tag')}").get(qn("w:val")).startswith(f"kehoach:{unit_id}/nv-")
        assert "".join(t.text for t in box.iter(qn("w:t"))) == "☐"
    for other in plan_model.units:
        if other.id != unit_id:
            for task in other.tasks:
                assert markup.plain(task.text) not in cells


def test_sub_items_are_numbered_under_their_task(rendered):
    rows = checklists(rendered)["trung-tam-su-nghiep-cong"].tables[0].rows[1:]
    assert [r.cells[0].text for r in rows] == ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4"]


def test_requested_unit_gets_requesting_wording(rendered):
    front = texts(letters(rendered)["mttq"])
    lead = next(t for t in front if t.startswith("Thực hiện Kế hoạch số 15/KH-UBND"))
    assert "Ủy ban nhân dân phường đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường phối hợp thực hiện" in lead
    assert not re.search(r"\bgiao\b", lead)
    closing = next(t for t in front if t.endswith("./."))
    assert "đề nghị" in closing and not re.search(r"\bgiao\b", closing)


def test_assigned_unit_gets_assigning_wording(rendered):
    police = texts(letters(rendered)["cong-an-phuong"])
    lead = next(t for t in police if t.startswith("Thực hiện Kế hoạch số 15/KH-UBND"))
    assert "Ủy ban nhân dân phường giao Công an phường thực hiện các nhiệm vụ sau:" in lead
    assert "ngày 01/8/2025 của Ủy ban nhân dân phường An Dương về tổ chức các hoạt động" in lead


def test_letter_header_is_a_cong_van(rendered):
    letter = letters(rendered)["cong-an-phuong"]
    number, place_date = (c.text for c in letter.tables[0].rows[1].cells)
    lines = number.split("\n")
    assert lines[0].replace("\u00a0", " ").split() == ["Số:", "/UBND-VHXH"]
    assert lines[1] == "V/v triển khai Kế hoạch số 15/KH-UBND"
    assert place_date.replace("\u00a0", " ").split()[:3] == ["An", "Dương,", "ngày"]
    subject = find(letter, "V/v triển khai")
    assert effective(subject)["size"] in (12, 13) and not effective(subject)["bold"]
    assert paragraph_format(subject, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert abs(paragraph_format(subject, "space_before").pt - 6) < 0.1
    kinh_gui = find(letter, "Kính gửi:")
    assert effective(kinh_gui) == {"size": 14, "bold": False, "italic": False}


@pytest.mark.parametrize("unit_id", UNITS)
def test_letter_format_facts(rendered, unit_id):
    letter = letters(rendered)[unit_id]
    section = letter.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1) and abs(section.right_margin - Mm(15)) < Mm(0.1)
    assert effective(find(letter, "ỦY BAN NHÂN DÂN")) == {"size": 13, "bold": True, "italic": False}
    assert effective(find(letter, "Độc lập - Tự do - Hạnh phúc"))["bold"]
    recipients = [p.text for p in letter.tables[-1].rows[0].cells[0].paragraphs if p.text]
    assert recipients == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VHXH."]
    assert effective(find(letter, "Nơi nhận:")) == {"size": 12, "bold": True, "italic": True}
    assert effective(find(letter, "- Như trên;"))["size"] == 11
    signer = [p.text for p in letter.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signer == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Mạnh Hùng"]
    assert section.different_first_page_header_footer
    assert [t.text.strip() for t in section.header._element.iter(qn("w:instrText"))] == ["PAGE"]
    for fonts in letter.styles.element.iter(qn("w:rFonts")):
        assert set(fonts.attrib.values()) == {"Times New Roman"}
    closing = next(t for t in texts(letter) if t.endswith("./."))
    assert "báo cáo" in closing or "thông tin kết quả" in closing


@pytest.mark.parametrize("unit_id", UNITS)
def test_checklist_format_facts(rendered, unit_id):
    sheet = checklists(rendered)[unit_id]
    section = sheet.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(0.5) and abs(section.page_height - Mm(210)) < Mm(0.5)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)
    footer = section.footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))).startswith("Trang ")
    assert not section.different_first_page_header_footer
    title = find(sheet, "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ")
    assert effective(title)["bold"]
    reference = find(sheet, "(Theo Kế hoạch số 15/KH-UBND ngày 01/8/2025 của Ủy ban nhân dân phường An Dương")
    assert effective(reference)["italic"]
    sign = [c.text for c in sheet.tables[-1].rows[0].cells]
    assert sign == ["NGƯỜI LẬP\n(Ký, ghi rõ họ tên)", "THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên)"]
    for fonts in sheet.styles.element.iter(qn("w:rFonts")):
        assert set(fonts.attrib.values()) == {"Times New Roman"}


def test_phase_and_deadline_reach_the_unit(tmp_path):
    plan = make_plan(
        tmp_path,
        sections=[{"title": "Thời gian", "show": "phases"}, {"title": "Tổ chức", "show": "units"}],
        phases=[
            {"id": "dot-1", "name": "Đợt 1", "start": "từ nay", "end": "2025-08-31"},
            {"id": "dot-2", "name": "Đợt 2", "start": "2025-09-01", "end": "2025-10-31"},
        ],
        units=[
            {
                "id": "ca",
                "name": "Công an phường",
                "tasks": [
                    {"text": "Bảo đảm an ninh.", "phase": "dot-1", "with": ["vh"]},
                    {"text": "Báo cáo.", "deadline": "Xong trong tháng 10/2025"},
                ],
            },
            {"id": "vh", "name": "Phòng Văn hóa - Xã hội phường", "tasks": ["Tuyên truyền."]},
        ],
    )
    run_render(plan, tmp_path / "out")
    rows = open_docx(tmp_path / "out" / "checklist" / "ca.docx").tables[0].rows[1:]
    assert [r.cells[2].text for r in rows] == ["Đợt 1 (đến 31/8/2025)", "Xong trong tháng 10/2025"]
    assert rows[0].cells[3].text == "Phòng Văn hóa - Xã hội phường"
    letter = texts(open_docx(tmp_path / "out" / "giao-viec" / "ca.docx"))
    assert "(Thời gian: Đợt 1 (đến 31/8/2025); Phối hợp: Phòng Văn hóa - Xã hội phường)" in letter
    assert "- Đợt 1: Từ nay đến 31/8/2025." in letter
    assert not any("Đợt 2" in t for t in letter)


def test_key_tasks_reach_their_lead_unit(tmp_path):
    run_render(LAO_CAI, tmp_path / "out", only=["checklists"], unit_ids=["so-cong-thuong"])
    rows = open_docx(tmp_path / "out" / "checklist" / "so-cong-thuong.docx").tables[0].rows[1:]
    key = rows[-1]
    assert key.cells[1].text.startswith("Thực hiện rà soát việc lập, thẩm định, phê duyệt thiết kế mỏ")
    assert key.cells[2].text == "Thường xuyên"
    assert key.cells[3].text.startswith("Sở Xây dựng; Các Sở, ban, ngành")


def test_only_and_unit_narrow_the_run(tmp_path):
    result = run_render(PLAN, tmp_path / "out", only=["letters"], unit_ids=["mttq", "cong-an-phuong"])
    assert sorted(f.name for f in result.files) == ["giao-viec/cong-an-phuong.docx", "giao-viec/mttq.docx"]
    result = run_render(PLAN, tmp_path / "out2", only=["plan"])
    assert [f.name for f in result.files] == ["ke-hoach-15-KH-UBND.docx"]


def test_unknown_unit_on_the_command_line(tmp_path):
    with pytest.raises(UsageError) as info:
        run_render(PLAN, tmp_path / "out", unit_ids=["cong-an"])
    assert info.value.hint("vi") == "Có phải ý bạn là 'cong-an-phuong'?"
    result = runner.invoke(app, ["render", str(PLAN), "--unit", "cong-an", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("bad", ["../x", "con", "a/b", "Công an", "x" * 61])
def test_unit_ids_are_safe_file_names(tmp_path, bad):
    plan = make_plan(tmp_path, units=[{"id": bad, "name": "Đơn vị", "tasks": ["Việc."]}])
    with pytest.raises(ProblemsError) as info:
        load_plan(plan)
    assert info.value.problems[0].code == "bad_id"


def test_units_and_checklist_commands():
    result = runner.invoke(app, ["units", str(PLAN)])
    assert result.exit_code == 0
    assert "cong-an-phuong" in result.output and "đề nghị" in result.output
    result = runner.invoke(app, ["checklist", "cong-an-phuong", "--plan", str(PLAN)])
    assert result.exit_code == 0
    assert "CÔNG AN PHƯỜNG" in result.output and "☐" in result.output
    assert runner.invoke(app, ["checklist", "khong-co", "--plan", str(PLAN)]).exit_code == 2
