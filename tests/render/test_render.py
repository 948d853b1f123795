"""Rendering beyond the reference: escaping, templates beside the plan, other shapes, bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from docx import Document

from helpers import LAO_CAI, PLAN, TEMPLATES, effective, find, make_plan, open_docx, texts
from kehoach.publish.pipeline import run_render


def test_text_is_data_not_markup(tmp_path):
    units = [{"id": "kt", "name": "Phòng Kinh tế & Hạ tầng", "tasks": ["Giá < 5 và > 2 {{ 7*7 }} {% if %}"]}]
    sections = [{"title": "Tổ chức thực hiện", "show": "units"}]
    plan = make_plan(tmp_path, units=units, sections=sections)
    run_render(plan, tmp_path / "out")
    doc = open_docx(tmp_path / "out" / "ke-hoach-07-KH-UBND.docx")
    body = texts(doc)
    assert "1. Phòng Kinh tế & Hạ tầng" in body
    assert "- Giá < 5 và > 2 {{ 7*7 }} {% if %}" in body


def test_a_template_beside_the_plan_overrides_the_default(tmp_path):
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "ke-hoach.docx"
    shutil.copy(TEMPLATES / "ke-hoach.docx", template)
    doc = Document(str(template))
    doc.paragraphs[0].insert_paragraph_before("MẪU RIÊNG CỦA PHƯỜNG")
    doc.save(str(template))
    run_render(plan, tmp_path / "out")
    assert "MẪU RIÊNG CỦA PHƯỜNG" in texts(open_docx(tmp_path / "out" / "ke-hoach-07-KH-UBND.docx"))


def test_draft_plan_of_another_shape(lao_cai_docx):
    header = lao_cai_docx.tables[0]
    number, date = (c.text.strip() for c in header.rows[1].cells)
    assert number.replace("\u00a0", " ").split() == ["Số:", "/KH-UBND"]
    assert date.replace("\u00a0", " ").split() == ["Lào", "Cai,", "ngày", "tháng", "năm", "2026"]
    body = texts(lao_cai_docx)
    assert "III. KINH PHÍ THỰC HIỆN" in body
    assert "V. CHẾ ĐỘ BÁO CÁO" in body
    assert "(Một số nhiệm vụ trọng tâm thực hiện có Phụ lục kèm theo)" in body
    assert body[body.index("Nguyễn Thành Sinh") - 3 : body.index("Nguyễn Thành Sinh")] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]


def test_appendix_task_table(lao_cai_docx):
    assert effective(find(lao_cai_docx, "Phụ lục")) == {"size": 14, "bold": True, "italic": False}
    title = find(lao_cai_docx, "MỘT SỐ NHIỆM VỤ TRỌNG TÂM")
    assert effective(title)["bold"]
    attached = find(lao_cai_docx, "(Kèm theo Kế hoạch số")
    assert effective(attached)["italic"]
    assert attached.text.endswith("năm 2026 của Ủy ban nhân dân tỉnh Lào Cai)")
    table = lao_cai_docx.tables[-1]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Ghi chú"]
    assert (
        table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    )
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 14
    assert rows[1][2] == "Sở Nông nghiệp và Môi trường"
    assert rows[5][2] == "Sở Công Thương; Sở Xây dựng"
    assert rows[0][4] == "Xong trong Quý II/2026"
    assert rows[3][4] == "Hàng năm"
    # the appendix is a section of its own: its page numbers restart at 1
    assert len(lao_cai_docx.sections) == 2
    last = lao_cai_docx.sections[-1]._sectPr
    assert (
        last.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType").get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start"
        )
        == "1"
    )


def test_plan_without_phases_or_slogans_has_one_section(plan_docx):
    assert len(plan_docx.sections) == 1


def test_two_renders_give_identical_bytes(tmp_path):
    run_render(PLAN, tmp_path / "a")
    run_render(PLAN, tmp_path / "b")
    name = "ke-hoach-15-KH-UBND.docx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_another_timezone_gives_identical_bytes(tmp_path):
    run_render(LAO_CAI, tmp_path / "a")
    env = {**os.environ, "TZ": "Pacific/Kiritimati"}
    code = (
        "from pathlib import Path; from kehoach.publish.pipeline import run_render; "
        f"run_render(Path({str(LAO_CAI)!r}), Path({str(tmp_path / 'b')!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    name = "ke-hoach-du-thao-KH-UBND.docx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_document_properties_come_from_the_plan(plan_docx):
    props = plan_docx.core_properties
    assert props.created.date().isoformat() == "2025-08-01"
    assert props.modified == props.created
    assert props.author == "Ủy ban nhân dân phường An Dương"
    assert props.title.startswith("Tổ chức các hoạt động tuyên truyền")
