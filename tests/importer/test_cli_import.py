"""``kehoach import`` as a user runs it: what it writes, prints and refuses, and its exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import FIXTURES
from kehoach.cli.app import app
from kehoach.commands.import_plan import run_import
from kehoach.plan.validate import load_plan

runner = CliRunner()
SEED = FIXTURES / "ke-hoach-15-KH-UBND.txt"
TEXTS = sorted(FIXTURES.glob("*.txt"))


def test_import_writes_a_commented_plan_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["import", str(SEED), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Nhập bằng kehoach import từ ke-hoach-15-KH-UBND.txt.")
    assert "# dòng 120: đoạn giữa hai gạch đầu dòng" in text
    assert "Nhận ra: 6 mục, 4 đợt, 8 đơn vị với 32 nhiệm vụ, 0 phụ lục." in result.output
    assert "dòng 288: số thứ tự “V.” lẽ ra là “VI.”" in result.output
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_dash_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = runner.invoke(app, ["import", str(SEED), "-o", "-"])
    assert result.exit_code == 0
    assert "sections:\n  - title: Mục đích, yêu cầu" in result.stdout
    assert not list(tmp_path.iterdir())


def test_an_existing_plan_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("giữ nguyên\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(SEED), "-o", str(target)])
    assert result.exit_code == 2
    assert "không ghi đè" in result.output
    assert target.read_text(encoding="utf-8") == "giữ nguyên\n"
    assert runner.invoke(app, ["import", str(SEED), "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Nhập")


def test_a_folder_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(SEED), "-o", str(tmp_path), "--force"])
    assert result.exit_code == 2
    assert "không phải một tệp thường" in " ".join(result.output.split())
    assert tmp_path.is_dir()


def test_a_text_that_is_not_a_plan_exits_1_with_the_reason(tmp_path: Path) -> None:
    source = tmp_path / "thu.txt"
    source.write_text("Kính gửi anh chị,\nđây là một lá thư.\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 1
    assert "không nhận ra kế hoạch" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not (tmp_path / "plan.yaml").exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [("khong-co.txt", 2), ("plan.odt", 2)],
)
def test_a_missing_or_unknown_source_is_a_usage_error(tmp_path: Path, name: str, code: int) -> None:
    source = tmp_path / name
    if name.endswith(".odt"):
        source.write_bytes(b"PK")
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == code
    assert name in "".join(result.output.split())


@pytest.mark.parametrize("source", TEXTS, ids=lambda p: p.stem)
def test_every_fixture_text_imports_into_a_valid_plan(tmp_path: Path, source: Path) -> None:
    target = tmp_path / "plan.yaml"
    result = run_import(source, target)
    plan = load_plan(target).plan
    assert plan.document.type == "KH"
    assert result.counts["sections"] == len(plan.sections) >= 2
    assert plan.signer.name != "Chưa rõ"


def test_the_hanoi_plan_finds_its_header_when_the_columns_are_interleaved(tmp_path: Path) -> None:
    """The Hà Nội text's header comes as a PDF gives it: "Số: 144", then "/KH-UBND", the
    national title and the date in between, "năm 2025" on a line of its own."""
    target = tmp_path / "plan.yaml"
    run_import(FIXTURES / "ha-noi-144-benh-an-dien-tu.txt", target)
    plan = load_plan(target).plan
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert plan.symbol == "144/KH-UBND"
    assert (plan.document.place, str(plan.document.date)) == ("Hà Nội", "2025-05-20")
    assert plan.document.subject.startswith("Triển khai hồ sơ bệnh án điện tử")


def test_a_header_interleaved_line_by_line_is_read(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    head = [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHƯỜNG AN DƯƠNG",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/KH-UBND",
        "An Dương, ngày 01 tháng 8 năm 2025",
    ]
    start = lines.index("KẾ HOẠCH")
    source = tmp_path / "xen-ke.txt"
    source.write_text("\n".join(head + lines[start:]), encoding="utf-8")
    run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN DƯƠNG"]
    assert plan.issuer.full_name == "Ủy ban nhân dân phường An Dương"
    assert (plan.symbol, plan.document.place, str(plan.document.date)) == ("15/KH-UBND", "An Dương", "2025-08-01")


PLAN_WITH_COLONS = """ỦY BAN NHÂN DÂN
HUYỆN MẪU SƠN
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Mẫu Sơn, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Phòng chống thiên tai năm 2026
Căn cứ Luật Phòng, chống thiên tai năm 2013; Ủy ban nhân dân huyện ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng ngừa, giảm thiểu thiệt hại do thiên tai gây ra.
II. THỜI GIAN
1. Đợt 1: Từ 01/3/2026 đến 31/5/2026, chuẩn bị.
2. Đợt 2: Từ 01/6/2026 đến 31/5/2026, ứng phó.
2. Đợt 2: Từ 01/9/2026 đến 31/2/2027, khắc phục.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp và Môi trường: Chủ trì, tham mưu tổ chức thực hiện Kế hoạch này.
2. Phòng Tài chính - Kế hoạch: tham mưu bố trí kinh phí thực hiện các nội dung sau:
- Kinh phí mua sắm vật tư, phương tiện;
- Kinh phí diễn tập phòng chống thiên tai.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện: vận động Nhân dân tham gia.
Trên đây là Kế hoạch phòng chống thiên tai năm 2026./.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT, NN.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Bình
"""


def test_units_named_before_a_colon_and_what_kehoach_refuses_is_kept_and_marked(tmp_path: Path) -> None:
    """ "Phòng …: Chủ trì …" is a unit and its task; a phase ending before it starts, a second
    "Đợt 2" and a 31 February are kept as written, with a comment, and the plan validates."""
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN_WITH_COLONS, encoding="utf-8")
    result = run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert [(u.name, u.relation, len(u.tasks)) for u in plan.units] == [
        ("Phòng Nông nghiệp và Môi trường", "giao", 1),
        ("Phòng Tài chính - Kế hoạch", "giao", 1),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "đề nghị", 1),
    ]
    assert plan.units[1].tasks[0].text == "Tham mưu bố trí kinh phí thực hiện các nội dung sau:"
    assert len(plan.units[1].tasks[0].bullets) == 2
    assert [p.end.text if p.end else "" for p in plan.phases] == ["31/5/2026", "31/5/2026", "31/2/2027"]
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert text.count("kehoach không nhận") == 2
    assert ("import.slip", {"where": "dòng 15", "shown": "2.", "right": "3."}) in result.warnings


SIDE_BY_SIDE = """
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KIÊN GIANG Độc lập - Tự do - Hạnh phúc
Số: 123/KH-UBND Kiên Giang, ngày 15 tháng 4 năm 2025
KẾ HOẠCH
Triển khai Đề án 06 năm 2025
Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;
I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai đồng bộ các nhiệm vụ.
II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU ĐỂ THỰC HIỆN KẾ
HOẠCH
1. Hoàn thiện thể chế.
III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
- Chủ trì, theo dõi, đôn đốc.
2. Sở Tư pháp
- Rà soát văn bản.
Trên đây là Kế hoạch triển khai Đề án 06 năm 2025./.
Nơi nhận: KT. CHỦ TỊCH
- Bộ Công an; PHÓ CHỦ TỊCH
- Các sở, ngành;
- Lưu: VT, NC.
Lê Trung Hồ
"""


def test_header_and_signature_columns_side_by_side_on_one_line(tmp_path: Path) -> None:
    """pdftotext without -layout puts the header's two columns, and Nơi nhận and the signer, on
    the same lines; a mục's upper-case title may go on over two lines."""
    source = tmp_path / "ke-hoach.txt"
    source.write_text(SIDE_BY_SIDE, encoding="utf-8")
    run_import(source, tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]
    assert (plan.symbol, plan.document.place, str(plan.document.date)) == ("123/KH-UBND", "Kiên Giang", "2025-04-15")
    assert plan.sections[1].title == "Nhiệm vụ và giải pháp chủ yếu để thực hiện Kế hoạch"
    assert plan.sections[1].paragraphs == []
    assert plan.recipients == ["Bộ Công an", "Các sở, ngành"]
    assert plan.signer.lines == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] and plan.signer.name == "Lê Trung Hồ"
