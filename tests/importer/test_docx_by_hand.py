"""A plan typed by hand in Word: no kehoach styles, only what Word shows (bold, italic, the
header and signature tables). The importer must read it as it reads kehoach's own."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from kehoach.commands.import_plan import run_import
from kehoach.plan.validate import load_plan


def _paragraph(doc, *runs: tuple[str, str], center: bool = False) -> None:
    """A paragraph of runs, each (text, "b" / "i" / "bi" / "")."""
    paragraph = doc.add_paragraph()
    for text, emphasis in runs:
        run = paragraph.add_run(text)
        run.bold = "b" in emphasis or None
        run.italic = "i" in emphasis or None
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def hand_made(path: Path) -> Path:
    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 08/KH-UBND"
    header.cell(1, 1).text = "Hòa Bình, ngày 12 tháng 3 năm 2026"
    _paragraph(doc, ("KẾ HOẠCH", "b"), center=True)
    _paragraph(doc, ("Tổ chức Ngày hội đọc sách năm 2026", "b"), center=True)
    _paragraph(doc, ("Căn cứ Kế hoạch số 20/KH-UBND ngày 02/3/2026 của UBND huyện.", ""))
    _paragraph(doc, ("I. MỤC ĐÍCH, YÊU CẦU", "b"))
    _paragraph(doc, ("1. ", "b"), ("Mục đích", "b"))
    _paragraph(doc, ("- Khơi dậy phong trào đọc sách (", ""), ("sách giấy và sách điện tử", "i"), (").", ""))
    _paragraph(doc, ("2. ", "b"), ("Yêu cầu.", "b"), (" Tổ chức tiết kiệm, hiệu quả.", ""))
    _paragraph(doc, ("II. TỔ CHỨC THỰC HIỆN", "b"))
    _paragraph(doc, ("1. Công chức Văn hóa - Xã hội", "b"))
    _paragraph(doc, ("- Xây dựng chương trình Ngày hội.", ""))
    _paragraph(doc, ("- Phối hợp với Trường Tiểu học Hòa Bình trưng bày sách.", ""))
    _paragraph(doc, ("2. Trường Tiểu học Hòa Bình", "b"))
    _paragraph(doc, ("- Tổ chức cho học sinh tham gia.", ""))
    _paragraph(doc, ("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", "b"))
    _paragraph(doc, ("- Vận động Nhân dân tham gia.", ""))
    _paragraph(doc, ("Trên đây là Kế hoạch tổ chức Ngày hội đọc sách năm 2026 của UBND xã./.", ""))
    signature = doc.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- UBND huyện;\n- Lưu: VT, VHXH."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Minh"
    doc.save(str(path))
    return path


def test_a_plan_typed_in_word_imports_by_what_word_shows(tmp_path: Path) -> None:
    source = hand_made(tmp_path / "ke-hoach.docx")
    result = run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"]
    assert (plan.symbol, plan.document.place, str(plan.document.date)) == ("08/KH-UBND", "Hòa Bình", "2026-03-12")
    assert plan.document.subject == "Tổ chức Ngày hội đọc sách năm 2026"
    assert plan.basis == ["Căn cứ Kế hoạch số 20/KH-UBND ngày 02/3/2026 của UBND huyện."]
    first = plan.sections[0]
    assert first.title == "Mục đích, yêu cầu"
    assert first.items[0].title == "Mục đích"
    assert first.items[0].bullets[0].text == "Khơi dậy phong trào đọc sách (*sách giấy và sách điện tử*)."
    assert (first.items[1].title, first.items[1].text) == ("Yêu cầu.", "Tổ chức tiết kiệm, hiệu quả.")
    assert [(u.name, u.relation, len(u.tasks)) for u in plan.units] == [
        ("Công chức Văn hóa - Xã hội", "giao", 2),
        ("Trường Tiểu học Hòa Bình", "giao", 1),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "đề nghị", 1),
    ]
    assert plan.units[0].tasks[1].with_ == [plan.units[1].id]
    assert plan.closing == "Trên đây là Kế hoạch tổ chức Ngày hội đọc sách năm 2026 của UBND xã./."
    assert plan.recipients == ["UBND huyện"]
    assert plan.signer.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and plan.signer.name == "Lê Văn Minh"
    assert result.counts["units"] == 3


def test_the_numbers_word_puts_before_its_list_paragraphs_are_read(tmp_path: Path) -> None:
    """A plan typed with Word's automatic lists: the "1." and "-" are not in the text, Word
    draws them from the list style; the importer counts them as Word does."""
    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 09/KH-UBND"
    header.cell(1, 1).text = "Hòa Bình, ngày 20 tháng 3 năm 2026"
    _paragraph(doc, ("KẾ HOẠCH", "b"), center=True)
    _paragraph(doc, ("Vệ sinh môi trường năm 2026", "b"), center=True)
    _paragraph(doc, ("I. MỤC ĐÍCH, YÊU CẦU", "b"))
    doc.add_paragraph("Giữ gìn cảnh quan sạch đẹp.", style="List Number")
    doc.add_paragraph("Nâng cao ý thức của Nhân dân.", style="List Number")
    _paragraph(doc, ("II. NỘI DUNG", "b"))
    _paragraph(doc, ("Các hoạt động chính:", ""))
    doc.add_paragraph("Tổng vệ sinh mỗi tháng một lần.", style="List Bullet")
    doc.add_paragraph("Thu gom rác thải đúng giờ.", style="List Bullet")
    _paragraph(doc, ("Trên đây là Kế hoạch vệ sinh môi trường năm 2026./.", ""))
    signature = doc.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- UBND huyện;\n- Lưu: VT."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Minh"
    doc.save(str(tmp_path / "ke-hoach.docx"))
    run_import(tmp_path / "ke-hoach.docx", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert [i.text for i in plan.sections[0].items] == ["Giữ gìn cảnh quan sạch đẹp.", "Nâng cao ý thức của Nhân dân."]
    assert plan.sections[1].paragraphs == ["Các hoạt động chính:"]
    assert [b.text for b in plan.sections[1].bullets] == [
        "Tổng vệ sinh mỗi tháng một lần.",
        "Thu gom rác thải đúng giờ.",
    ]
