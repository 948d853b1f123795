"""Real plans of other issuers than a Sở, as ``pdftotext`` gives them: imported, validated, rendered.

Plans of a Mặt trận's Ban Thường trực (a commune's and a ward's) and of a commune election
committee's Tiểu ban, each fixture naming its source in its "#" lines. The units expected are
those the source gives work to, counted by reading it; the rendered plan (its text as
``kehoach textconv`` gives it, footnotes included) must read as its source: word similarity
≥ 0.95, the measure of ``test_text_import``.
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

#: fixture → the units the source gives work to, in its order, with how it asks them.
UNITS = {
    "luong-minh-16-KH-MTTQ-BTT": [
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "giao"),
        ("Các tổ chức chính trị - xã hội xã", "giao"),
        ("Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội", "giao"),
        ("Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo và các Hội quần chúng", "giao"),
        ("Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội", "giao"),
        ("Chuyên viên phụ trách lĩnh vực Hành chính, Văn phòng avf lĩnh vực khác", "giao"),  # "avf": as typed
        ("Ban công tác Mặt trận các thôn trên địa bàn xã", "giao"),
    ],
    "bac-cam-ranh-KH-MTTQ-BTT": [
        ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường", "giao"),
        ("Ban công tác Mặt trận các tổ dân phố", "giao"),
        ("Các tổ chức thành viên của MTTQ Việt Nam phường", "giao"),
    ],
    "pho-bang-01-KH-TBTTKT": [
        ("Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban", "giao"),
        ("Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực", "giao"),
        ("Đồng chí Phó Giám đốc Trung tâm phục vụ hành chính công - Phó Trưởng tiểu ban", "giao"),
        ("Đồng chí Phó Trưởng ban xây dựng Đảng - Ủy viên", "giao"),
        ("Các thành viên khác trong tiểu ban", "giao"),
    ],
    "luong-minh-lay-y-kien-KH-MTTQ-BTT": [
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã", "giao"),
        ("Ủy ban nhân dân xã", "đề nghị"),
        ("Văn phòng Cơ quan Ủy ban MTTQ xã", "giao"),
        ("Ban Công tác Mặt trận thôn", "giao"),
    ],
}


@pytest.mark.parametrize("name", sorted(UNITS))
def test_a_plan_of_another_issuer_imports_validates_and_renders_as_its_source(tmp_path: Path, name: str) -> None:
    source = FIXTURES / f"{name}.txt"
    target = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    validated = runner.invoke(app, ["validate", str(target)])
    assert validated.exit_code == 0, validated.output
    assert [(u.name, u.relation) for u in load_plan(target).plan.units] == UNITS[name]
    run_render(target, tmp_path / "out", only=["plan"])
    rendered = text_of(next((tmp_path / "out").glob("*.docx")))
    assert reads_as(source.read_text(encoding="utf-8"), rendered) >= 0.95


@pytest.mark.parametrize("name", ["luong-minh-16-KH-MTTQ-BTT", "luong-minh-lay-y-kien-KH-MTTQ-BTT"])
def test_a_title_the_date_cut_in_two_is_read_whole_with_the_header(tmp_path: Path, name: str) -> None:
    """ "KẾ", then the motto, the number and the date, then "HOẠCH": one title, the header intact."""
    run_import(FIXTURES / f"{name}.txt", tmp_path / "plan.yaml")
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.document.type == "KH"
    assert plan.document.subject.startswith(("Thực hiện công tác bầu cử", "Tổ chức hội nghị lấy ý kiến"))
    assert plan.document.place == "Lương Minh"


def test_footnotes_printed_after_the_signature_are_the_plans_footnotes(tmp_path: Path) -> None:
    run_import(FIXTURES / "pho-bang-01-KH-TBTTKT.txt", tmp_path / "plan.yaml")
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "chức năng^[Chỉ thị số 46-CT/TW, ngày 16/5/2025" in text
    assert "Hiến pháp 2013 ^[Hiến pháp năm 2013 (sửa đổi, bổ sung năm 2025)" in text
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.signer.name == "Nguyễn Văn Hoàn"
    assert plan.appendices == []


_HEAD = """ỦY BAN MTTQ VIỆT NAM
XÃ AN PHÚ
BAN THƯỜNG TRỰC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
KẾ
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-MTTQ-BTT
An Phú, ngày 05 tháng 3 năm 2026
HOẠCH
Tổ chức hội nghị cử tri năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Lấy ý kiến cử tri nơi cư trú.
"""
_SIGNATURE = """Nơi nhận:
- Lưu: VT.
TM. BAN THƯỜNG TRỰC
CHỦ TỊCH
Nguyễn Văn An
"""


def _imported(tmp_path: Path, body: str, after: str = "") -> Path:
    return imported_text(tmp_path, _HEAD + body + _SIGNATURE + after)


def test_a_type_title_cut_by_the_header_is_joined_where_its_last_half_stands() -> None:
    source = read_text(_HEAD, "ke-hoach.txt")
    assert [p.text for p in source.head][-3:] == [
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-MTTQ-BTT",
        "An Phú, ngày 05 tháng 3 năm 2026",
    ]
    assert source.paras[0].text == "KẾ HOẠCH"


def test_a_lone_word_far_from_its_other_half_is_no_title() -> None:
    text = _HEAD.replace("HOẠCH\n", "").replace("Tổ chức hội nghị", "\n".join(["x"] * 13) + "\nHOẠCH\nTổ chức hội nghị")
    source = read_text(text, "ke-hoach.txt")
    assert all(p.text != "KẾ HOẠCH" for p in source.paras)


def test_the_units_come_from_to_chuc_thuc_hien_not_from_an_earlier_phan_cong(tmp_path: Path) -> None:
    """ "II. Nội dung, tiến độ, phân công trách nhiệm" lists work by task; "III. Tổ chức thực
    hiện" gives the units theirs."""
    plan = load_plan(
        _imported(
            tmp_path,
            "II. NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN\n"
            "1. Tổ chức hội nghị cử tri\n- Thời gian: tháng 3/2026.\n"
            "2. Tổng hợp ý kiến cử tri\n- Thời gian: tháng 4/2026.\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "1. Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội\n- Tham mưu tổ chức hội nghị.\n"
            "2. Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội\n- Tổng hợp ý kiến cử tri.\n"
            "3. Chuyên viên phụ trách Văn phòng\n- Bảo đảm thông tin liên lạc.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == [
        "Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội",
        "Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội",
        "Chuyên viên phụ trách Văn phòng",
    ]
    assert plan.sections[1].title == "Nội dung, tiến độ, phân công trách nhiệm thực hiện"
    assert [t.text for t in plan.units[0].tasks] == ["Tham mưu tổ chức hội nghị."]


def test_a_post_then_a_colon_is_a_unit_whatever_verbs_its_name_holds(tmp_path: Path) -> None:
    plan = load_plan(
        _imported(
            tmp_path,
            "II. TỔ CHỨC THỰC HIỆN\n"
            "1. Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung, chịu trách nhiệm trước Ủy ban.\n"
            "2. Các thành viên khác trong tiểu ban căn cứ chức năng, nhiệm vụ, chủ động phối hợp thực hiện.\n",
        )
    ).plan
    assert [(u.name, [t.text for t in u.tasks]) for u in plan.units] == [
        ("Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban", ["Phụ trách chung, chịu trách nhiệm trước Ủy ban."]),
        ("Các thành viên khác trong tiểu ban", ["Căn cứ chức năng, nhiệm vụ, chủ động phối hợp thực hiện."]),
    ]


def test_a_unit_ends_at_a_verb_a_name_may_hold_when_none_other_gives_a_name(tmp_path: Path) -> None:
    """ "… phường xây dựng Kế hoạch …; tổ chức chủ trì …": "chủ trì" comes too late for a name,
    so the name ends at "xây dựng"; a clause ("trong quá trình …", "nếu …") is never a name."""
    plan = load_plan(
        _imported(
            tmp_path,
            "II. TỔ CHỨC THỰC HIỆN\n"
            "1. Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường xây dựng Kế hoạch kiểm tra, giám sát; "
            "tổ chức chủ trì, phối hợp với các tổ chức thành viên kiểm tra, giám sát công tác bầu cử.\n"
            "2. Các tổ chức thành viên của MTTQ Việt Nam phường tham gia kiểm tra, giám sát công tác bầu cử.\n"
            "3. Đoàn kiểm tra trong quá trình kiểm tra, giám sát nếu có vướng mắc thì báo cáo kịp thời.\n",
        )
    ).plan
    assert [u.name for u in plan.units] == [
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Các tổ chức thành viên của MTTQ Việt Nam phường",
    ]
    assert plan.units[0].tasks[0].text.startswith("Xây dựng Kế hoạch kiểm tra, giám sát; tổ chức chủ trì")
    section = next(s for s in plan.sections if s.show == "units")
    assert section.closing and section.closing[0].startswith("Đoàn kiểm tra trong quá trình")


def test_footnotes_a_text_prints_at_its_end_go_where_their_marks_are(tmp_path: Path) -> None:
    plan_path = _imported(
        tmp_path,
        "II. NỘI DUNG\nTuyên truyền các văn bản của cấp trên[1] và Hiến pháp [2]; bảo đảm thống nhất.\n",
        "[1] Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị;\n\nKế hoạch số 55-KH/TU.\n[2] Hiến pháp năm 2013.\n",
    )
    text = plan_path.read_text(encoding="utf-8")
    assert "cấp trên^[Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị; Kế hoạch số 55-KH/TU.]" in text
    assert "Hiến pháp ^[Hiến pháp năm 2013.]; bảo đảm" in text
    assert load_plan(plan_path).plan.signer.name == "Nguyễn Văn An"


def test_numbers_in_brackets_without_their_marks_are_no_footnotes(tmp_path: Path) -> None:
    plan_path = _imported(tmp_path, "II. NỘI DUNG\nTuyên truyền các văn bản của cấp trên.\n", "[1] Ghi chú rời.\n")
    assert "^[" not in plan_path.read_text(encoding="utf-8")


def test_a_heading_over_its_tasks_keeps_phu_trach_but_not_another_verb(tmp_path: Path) -> None:
    """ "Cán bộ phụ trách lĩnh vực …" names a post; "Ủy ban nhân dân các xã chủ trì tổ chức" is a
    unit, then its work."""
    plan = load_plan(
        _imported(
            tmp_path,
            "II. TỔ CHỨC THỰC HIỆN\n"
            "1. Cán bộ phụ trách lĩnh vực giám sát\n- Tham mưu tổ chức hội nghị.\n"
            "2. Ủy ban nhân dân các xã chủ trì tổ chức\n- Hội nghị cử tri ở thôn.\n",
        )
    ).plan
    assert [(u.name, [t.text for t in u.tasks]) for u in plan.units] == [
        ("Cán bộ phụ trách lĩnh vực giám sát", ["Tham mưu tổ chức hội nghị."]),
        ("Ủy ban nhân dân các xã", ["Chủ trì tổ chức", "Hội nghị cử tri ở thôn."]),
    ]
