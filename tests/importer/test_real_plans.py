"""Real plans kehoach had not seen, as ``pdftotext`` gives them: imported, validated, rendered.

Each fixture names its source in its "#" lines. The units expected are those the source
gives work to, counted by reading it; the rendered plan must read as its source (word
similarity ≥ 0.95, the measure of ``test_text_import``), header interleaving, page numbers
and table cells one per line included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import FIXTURES, imported_text, reads_as
from kehoach.cli.app import app
from kehoach.commands.import_plan import run_import
from kehoach.commands.textconv import text_of
from kehoach.importer.source import read_text
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render

runner = CliRunner()

#: fixture → the units the source gives work to, in its order.
UNITS = {
    "lao-cai-2242-KH-SCT": ["Phòng Quản lý Công nghiệp"],
    "lao-cai-3024-KH-SCT": ["Phòng Quản lý Công nghiệp"],
    "lao-cai-3898-KH-SCT": ["Phòng Quản lý công nghiệp"],
    "lao-cai-3957-KH-SCT": ["Phòng Quản lý Công nghiệp"],
    "lao-cai-de-an-08-KH-SCT": [
        "Phòng Quản lý Công nghiệp",
        "Phòng Quản lý Năng lượng",
        "Phòng Quản lý Thương mại",
        "Phòng Kế hoạch - Tổng hợp",
        "Văn phòng Sở",
        "Chi cục Quản lý thị trường",
    ],
}


@pytest.mark.parametrize("name", sorted(UNITS))
def test_a_real_plan_imports_validates_and_renders_as_its_source(tmp_path: Path, name: str) -> None:
    source = FIXTURES / f"{name}.txt"
    target = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    validated = runner.invoke(app, ["validate", str(target)])
    assert validated.exit_code == 0, validated.output
    assert [u.name for u in load_plan(target).plan.units] == UNITS[name]
    run_render(target, tmp_path / "out", only=["plan"])
    rendered = text_of(next((tmp_path / "out").glob("*.docx")))
    assert reads_as(source.read_text(encoding="utf-8"), rendered) >= 0.95


@pytest.mark.parametrize(
    "name", ["lao-cai-2242-KH-SCT", "lao-cai-3024-KH-SCT", "lao-cai-3898-KH-SCT", "lao-cai-3957-KH-SCT"]
)
def test_an_attachment_without_the_word_phu_luc_is_an_appendix_not_the_signers_name(tmp_path: Path, name: str) -> None:
    """ "PHÂN CÔNG NHIỆM VỤ …" then "(Kèm theo Kế hoạch số …)" after the signature: an appendix
    with that title, its table's cells its content; the signer keeps his name."""
    run_import(FIXTURES / f"{name}.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.signer.name == "Hoàng Văn Thuân"
    [appendix] = plan.appendices
    assert appendix.title.startswith("Phân công nhiệm vụ của Tổ công tác ")
    assert not appendix.title.endswith(" tt")
    assert "Vũ Việt Linh" in str(appendix.model_dump())


def test_giao_then_a_colon_makes_the_khoan_after_it_the_units_tasks(tmp_path: Path) -> None:
    run_import(FIXTURES / "lao-cai-2242-KH-SCT.txt", tmp_path / "plan.yaml")
    [unit] = load_plan(tmp_path / "plan.yaml").plan.units
    [task] = unit.tasks
    assert task.text == "Triển khai, thực hiện các công việc liên quan:"
    assert [b.text[:30] for b in task.bullets] == ["Tổ chức kiểm tra kỹ thuật an t", "Chuẩn bị các điều kiện cần thi"]


@pytest.mark.parametrize(
    ("name", "announced"),
    [
        ("lao-cai-3024-KH-SCT", "Triển khai, thực hiện các công việc:"),
        # its last line "quan:" is extracted before it, after the mục title: put back
        ("lao-cai-3957-KH-SCT", "Triển khai, thực hiện các công việc liên quan:"),
    ],
)
def test_an_unnumbered_giao_paragraph_takes_the_khoan_it_announces(tmp_path: Path, name: str, announced: str) -> None:
    run_import(FIXTURES / f"{name}.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    [unit] = plan.units
    [task] = unit.tasks
    assert task.text == announced
    assert len(task.bullets) == 2
    assert plan.sections[2].title == "Tổ chức thực hiện"


def test_a_khoan_after_the_units_that_names_none_closes_the_muc(tmp_path: Path) -> None:
    run_import(FIXTURES / "lao-cai-3898-KH-SCT.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    [unit] = plan.units
    assert [t.text[:40] for t in unit.tasks] == ["Tổ chức huấn luyện, kiểm tra kỹ thuật an"]
    section = next(s for s in plan.sections if s.show == "units")
    assert section.closing and section.closing[0].startswith("Nhiệm vụ cụ thể của từng thành viên")


_HEAD = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 12/KH-UBND
An Phú, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Tổ chức Ngày hội đọc sách năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Khơi dậy phong trào đọc sách trong nhân dân.
II. TỔ CHỨC THỰC HIỆN
"""
_SIGNATURE = """Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def _imported(tmp_path: Path, units: str, after: str = "") -> Path:
    return imported_text(tmp_path, _HEAD + units + _SIGNATURE + after)


def test_giao_names_a_unit_up_to_its_tasks_verb_a_capitalised_word_stays_in_the_name(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị triển khai Kế hoạch này.\n"
            "2. Giao Ban Tổ chức xã theo dõi, tổng hợp kết quả, báo cáo Chủ tịch UBND xã.\n",
        )
    ).plan
    assert [(u.name, u.relation) for u in plan.units] == [
        ("Văn phòng HĐND và UBND xã", "giao"),
        ("Ban Tổ chức xã", "giao"),
    ]
    assert [t.text for t in plan.units[1].tasks] == ["Theo dõi, tổng hợp kết quả, báo cáo Chủ tịch UBND xã."]


def test_giao_without_an_agency_or_a_verb_names_no_unit(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Giao nhiệm vụ cho từng thành viên Ban Tổ chức theo lĩnh vực phụ trách.\n"
            "2. Giao Phòng Văn hóa - Xã hội.\n",
        )
    ).plan
    assert plan.units == []
    assert "Giao nhiệm vụ cho từng thành viên" in str(plan.sections[1].model_dump())


def test_an_upper_case_title_then_kem_theo_after_the_signature_starts_an_appendix(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Giao Thư viện xã tổ chức trưng bày sách.\n",
            "DANH SÁCH THÀNH VIÊN BAN TỔ CHỨC\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2026)\n"
            "TT\nHọ và tên\n1.\nTrần Thị Bình\n",
        )
    ).plan
    assert plan.signer.name == "Nguyễn Văn An"
    [appendix] = plan.appendices
    assert appendix.title.casefold() == "danh sách thành viên ban tổ chức"
    assert "Trần Thị Bình" in str(appendix.model_dump())


def test_a_unit_and_its_task_in_one_sentence_without_giao(tmp_path: Path) -> None:
    """ "Sở Tài chính tham mưu …", "Đề nghị Ủy ban … phối hợp …": the unit is the words before the
    task's verb; a heading whose verb is passive ("… được kiểm tra") stays one name."""
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị triển khai Kế hoạch này.\n"
            "2. Các cơ quan, đơn vị được kiểm tra\n- Chuẩn bị hồ sơ, báo cáo theo đề cương.\n"
            "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã phối hợp tuyên truyền, vận động nhân dân.\n",
        )
    ).plan
    assert [(u.name, u.relation) for u in plan.units] == [
        ("Văn phòng HĐND và UBND xã", "giao"),
        ("Các cơ quan, đơn vị được kiểm tra", "giao"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "đề nghị"),
    ]
    assert plan.units[0].tasks[0].text == "Chủ trì, phối hợp với các đơn vị triển khai Kế hoạch này."
    assert plan.units[2].tasks[0].text == "Phối hợp tuyên truyền, vận động nhân dân."


def test_a_khoan_grouping_units_as_its_diem_gives_those_units(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Các phòng chuyên môn\na) Phòng Văn hóa - Xã hội\n- Chủ trì tổ chức Ngày hội.\n"
            "b) Phòng Kinh tế: Bố trí kinh phí.\n2. Trường Tiểu học An Phú\n- Tổ chức cho học sinh tham gia.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == ["Phòng Văn hóa - Xã hội", "Phòng Kinh tế", "Trường Tiểu học An Phú"]
    assert [t.text for t in plan.units[1].tasks] == ["Bố trí kinh phí."]


def test_a_unit_whose_diem_are_its_tasks_is_not_split(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Phòng Văn hóa - Xã hội\na) Tổ chức Ngày hội đọc sách\nb) Tổng hợp kết quả, báo cáo UBND xã.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == ["Phòng Văn hóa - Xã hội"]
    assert len(plan.units[0].tasks) == 2


def test_a_last_line_extracted_before_its_paragraph_goes_back_after_it() -> None:
    """pdftotext may put a paragraph's short last line right after the mục title above it."""
    text = "III. TỔ CHỨC THỰC HIỆN\n\nquan:\n\nGiao phòng Kinh tế triển khai các việc liên\n\n1. Lập danh sách.\n"
    paras = read_text(text, "x").paras
    assert [p.text for p in paras] == [
        "III. TỔ CHỨC THỰC HIỆN",
        "Giao phòng Kinh tế triển khai các việc liên quan:",
        "1. Lập danh sách.",
    ]


def test_a_title_going_on_in_upper_case_or_a_sentence_after_it_is_left_alone() -> None:
    text = "II. NHIỆM VỤ VÀ GIẢI PHÁP\nCHỦ YẾU\n1. Rà soát hồ sơ.\nIII. KINH PHÍ\nthực hiện\nNguồn ngân sách.\n"
    paras = read_text(text, "x").paras
    assert [p.text for p in paras][:2] == ["II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "1. Rà soát hồ sơ."]
    assert "Nguồn ngân sách." in [p.text for p in paras]


def test_khoan_before_and_after_the_units_that_name_none_are_the_muc_s_running_text(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Thời gian: tháng 4 năm 2026.\n2. Phòng Văn hóa - Xã hội\n- Chủ trì tổ chức Ngày hội.\n"
            "3. Trường Tiểu học An Phú\n- Tổ chức cho học sinh tham gia.\n"
            "4. Chế độ báo cáo\n- Các đơn vị báo cáo kết quả trước ngày 30/4/2026.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == ["Phòng Văn hóa - Xã hội", "Trường Tiểu học An Phú"]
    section = plan.sections[1]
    assert section.paragraphs == ["Thời gian: tháng 4 năm 2026."]
    assert section.closing == ["Chế độ báo cáo", "- Các đơn vị báo cáo kết quả trước ngày 30/4/2026."]


def test_a_khoan_naming_no_unit_between_two_units_leaves_the_muc_as_written(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Phòng Văn hóa - Xã hội\n- Chủ trì tổ chức Ngày hội.\n2. Kinh phí thực hiện\n- Từ ngân sách xã.\n"
            "3. Trường Tiểu học An Phú\n- Tổ chức cho học sinh tham gia.\n",
        )
    ).plan
    assert plan.units == []


def test_the_lao_cai_draft_s_thirteen_khoan_are_its_units_the_transition_rule_closes_the_muc(tmp_path: Path) -> None:
    run_import(FIXTURES / "lao-cai-bai-toan-lon-2.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert len(plan.units) == 13
    assert plan.units[0].name == "Tổ công tác liên ngành và Nhóm chuyên gia tư vấn"
    assert plan.units[-1].name == "Các doanh nghiệp khai thác, chế biến khoáng sản, hóa chất trên địa bàn tỉnh"
    section = next(s for s in plan.sections if s.show == "units")
    assert section.closing[0] == "Điều khoản chuyển tiếp về phân công"


def test_dash_lines_each_giving_a_unit_its_work_are_the_units(tmp_path: Path) -> None:
    """A school's way: "- Hiệu trưởng: Chỉ đạo chung …", "- Tổ chuyên môn: …"."""
    plan = load_plan(
        _imported(
            tmp_path,
            "- Hiệu trưởng: Chỉ đạo chung, phân công nhiệm vụ cho các bộ phận.\n"
            "- Tổ chuyên môn: Triển khai đến giáo viên trong tổ.\n"
            "- Giáo viên chủ nhiệm: Phổ biến đến học sinh và cha mẹ học sinh.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == ["Hiệu trưởng", "Tổ chuyên môn", "Giáo viên chủ nhiệm"]
    assert [t.text for t in plan.units[1].tasks] == ["Triển khai đến giáo viên trong tổ."]


def test_dash_lines_that_are_not_all_units_stay_a_list(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "- Hiệu trưởng: Chỉ đạo chung, phân công nhiệm vụ cho các bộ phận.\n"
            "- Thời gian: từ ngày 01/4/2026 đến ngày 30/4/2026.\n",
        )
    ).plan
    assert plan.units == []


def test_a_muc_of_responsibilities_with_sub_khoan_gives_its_units(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_text(
        _HEAD.replace("II. TỔ CHỨC THỰC HIỆN", "II. TRÁCH NHIỆM THỰC HIỆN")
        + "1. Phân công nhiệm vụ\n1.1. Thư viện xã\n- Trưng bày sách.\n1.2. Đoàn Thanh niên xã: Vận động đoàn viên.\n"
        + "2. Chế độ báo cáo\nCác đơn vị báo cáo kết quả trước ngày 30/4/2026.\n"
        + _SIGNATURE,
        encoding="utf-8",
    )
    run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert [u.name for u in plan.units] == ["Thư viện xã", "Đoàn Thanh niên xã"]
    assert plan.sections[1].closing == ["Chế độ báo cáo", "Các đơn vị báo cáo kết quả trước ngày 30/4/2026."]


def test_a_digital_signatures_stamp_in_a_signed_pdfs_text_is_left_out(tmp_path: Path) -> None:
    stamp = "Ký bởi: Ủy ban Nhân dân xã An Phú\n\nEmail: anphu@gov.vn\nThời gian ký: 05.03.2026 15:30:22 +07:00\n"
    source = tmp_path / "ke-hoach.txt"
    text = _HEAD.replace("I. MỤC ĐÍCH", stamp + "I. MỤC ĐÍCH") + "1. Giao Thư viện xã tổ chức trưng bày sách.\n"
    source.write_text(stamp + text + _SIGNATURE + stamp, encoding="utf-8")
    run_import(source, tmp_path / "plan.yaml")
    written = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "Ký bởi" not in written and "anphu@gov.vn" not in written and "Thời gian ký" not in written
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.signer.name == "Nguyễn Văn An"
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ"]


def test_an_email_line_in_the_plan_s_own_text_is_kept() -> None:
    paras = read_text("KẾ HOẠCH\nThử\nI. LIÊN HỆ\nEmail: anphu@gov.vn\n", "x").paras
    assert "Email: anphu@gov.vn" in [p.text for p in paras]


def test_a_type_title_whose_tone_marks_ocr_misread_is_still_the_title(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_text(
        _HEAD.replace("KẾ HOẠCH", "KÉ HOACH") + "1. Giao Thư viện xã tổ chức trưng bày sách.\n" + _SIGNATURE,
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.document.type == "KH"
    assert plan.document.subject == "Tổ chức Ngày hội đọc sách năm 2026"


def test_a_name_holding_a_lower_case_verb_ends_at_the_verb_that_opens_its_work(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Ban Quản lý dự án đầu tư xây dựng xã chủ trì, phối hợp với các đơn vị sửa chữa thư viện.\n"
            "2. Trung tâm Văn hóa, Thể thao và Truyền thanh xã là cơ quan thường trực, tuyên truyền Ngày hội.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == [
        "Ban Quản lý dự án đầu tư xây dựng xã",
        "Trung tâm Văn hóa, Thể thao và Truyền thanh xã",
    ]
    assert plan.units[1].tasks[0].text == "Là cơ quan thường trực, tuyên truyền Ngày hội."


def test_a_table_under_a_khoan_that_names_no_unit_keeps_the_muc_as_written(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "1. Thư viện xã\n- Trưng bày sách.\n"
            "2. Dự toán kinh phí\nTT | Nội dung | Số tiền\n1 | Mua sách | 1.000.000\n",
        )
    ).plan
    assert plan.units == []
    assert "Mua sách" in str(plan.sections[1].model_dump())


def test_a_number_an_extraction_set_apart_from_its_text_is_joined_to_it(tmp_path: Path) -> None:
    """ "I." then "MỤC ĐÍCH, YÊU CẦU" on the next line: still the first mục (else nothing is read)."""
    source = tmp_path / "ke-hoach.txt"
    text = _HEAD.replace("I. MỤC ĐÍCH", "I.\n\nMỤC ĐÍCH").replace("II. TỔ CHỨC", "II.\n\nTỔ CHỨC")
    source.write_text(
        text + "1.\n\nThư viện xã: Trưng bày sách.\n2.\nĐoàn Thanh niên xã: Vận động đoàn viên.\n" + _SIGNATURE
    )
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert [s.title for s in plan.sections] == ["Mục đích, yêu cầu", "Tổ chức thực hiện"]
    assert [u.name for u in plan.units] == ["Thư viện xã", "Đoàn Thanh niên xã"]


def test_numbers_in_a_row_stay_apart() -> None:
    """A table's column of numbers ("1." "2." "3." each on its line): none is joined to a text."""
    texts = [p.text for p in read_text("KẾ HOẠCH\nThử\nI. MỤC ĐÍCH\nTT\n1.\n2.\n3.\nRà soát hồ sơ\n", "x").paras]
    assert "Rà soát hồ sơ" in texts
    assert not any(text.startswith(("1. ", "2. ", "3. ")) and "Rà soát" in text for text in texts)


def test_a_drafts_month_comes_back_and_its_date_line_shows_it(tmp_path: Path) -> None:
    """3024/KH-SCT is dated "Lào Cai, ngày   tháng 5 năm 2026": the day blank, the month known."""
    run_import(FIXTURES / "lao-cai-3024-KH-SCT.txt", tmp_path / "plan.yaml")
    document = load_plan(tmp_path / "plan.yaml").plan.document
    assert (document.date, document.year, document.month) == (None, 2026, 5)
    out = run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    rendered = text_of(out.out_dir / out.files[0].name)
    assert "Lào Cai, ngày\u00a0\u00a0\u00a0\u00a0tháng 5 năm 2026" in rendered


def test_pdftotext_layout_puts_both_header_columns_on_a_line_the_national_title_in_old_tone_marks(
    tmp_path: Path,
) -> None:
    """``pdftotext -layout`` keeps the two header columns side by side on one line, and Lào Cai
    writes "CỘNG HOÀ" (the old place of the tone mark): the issuer is still the left column."""
    source = tmp_path / "layout.txt"
    lines = (FIXTURES / "lao-cai-3024-KH-SCT.txt").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    start = next(i for i, line in enumerate(body) if line.startswith("KẾ HOẠCH"))
    header = [
        " UBND TỈNH LÀO CAI               CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        " SỞ CÔNG THƯƠNG                           Độc lập - Tự do - Hạnh phúc",
        "",
        "  Số:         /KH-SCT                 Lào Cai, ngày      tháng 5 năm 2026",
        "",
    ]
    source.write_text("\n".join([*header, *body[start:]]), encoding="utf-8")
    run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert (plan.issuer.parent, plan.issuer.name) == (["UBND TỈNH LÀO CAI"], ["SỞ CÔNG THƯƠNG"])
    assert (plan.document.place, plan.document.year, plan.document.month) == ("Lào Cai", 2026, 5)


def test_the_pdf_itself_imports_with_its_signer_and_attachment(tmp_path: Path) -> None:
    """``lao-cai-3898-KH-SCT.pdf`` is the PDF the fixture's text was extracted from (the source's
    Word file printed by LibreOffice 7.4, see the .txt's header). Read through PDFium, its subject
    runs as wide as the text right under "KẾ HOẠCH" (once joined to it: exit 1), and the page after
    the signature opens with its attachment's title (once joined to the signer's name)."""
    target = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "lao-cai-3898-KH-SCT.pdf"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    plan = load_plan(target).plan
    assert [u.name for u in plan.units] == UNITS["lao-cai-3898-KH-SCT"]
    assert plan.signer.name == "Hoàng Văn Thuân"
    assert plan.appendices[0].title.startswith("Phân công nhiệm vụ")
    run_render(target, tmp_path / "out", only=["plan"])
    rendered = text_of(next((tmp_path / "out").glob("*.docx")))
    source = (FIXTURES / "lao-cai-3898-KH-SCT.txt").read_text(encoding="utf-8")
    assert reads_as(source, rendered) >= 0.95
