"""Real plans of other shapes (examples/), rendered and compared with their sources word for word.

Each example names its source (a public repository, path and commit) in its first comment; the
source's text is in tests/fixtures/ as extracted from the signed or submitted file.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path

import pytest
import yaml
from docx.enum.section import WD_ORIENT

from helpers import FIXTURES, ROOT, blocks, open_docx, texts
from kehoach.publish.pipeline import run_render

EXAMPLES = ROOT / "examples"
#: Example, its fixture, the plan document's file name.
CASES = {
    "lam-dong": ("lam-dong-kiem-tra-cchc.yaml", "lam-dong-kiem-tra-cchc.txt", "ke-hoach-du-thao-KH-UBND.docx"),
    "ha-noi": ("ha-noi-144-benh-an-dien-tu.yaml", "ha-noi-144-benh-an-dien-tu.txt", "ke-hoach-144-KH-UBND.docx"),
    "lam-dong-cchc": ("lam-dong-cchc-2026.yaml", "lam-dong-cchc-2026.txt", "ke-hoach-du-thao-KH-UBND.docx"),
    "lao-cai-bt2": ("lao-cai-bai-toan-lon-2.yaml", "lao-cai-bai-toan-lon-2.txt", "ke-hoach-du-thao-KH-UBND.docx"),
    "lao-cai-vlncn": (
        "lao-cai-kiem-tra-vlncn-1105.yaml",
        "lao-cai-kiem-tra-vlncn-1105.txt",
        "ke-hoach-1105-KH-DKT.docx",
    ),
}
#: The word similarity a rendered example must reach with its source (issue #12).
SIMILARITY = 0.98


def tokens(text: str) -> list[str]:
    """Words, without the separators the fixtures use between table cells (" | ", " / ")."""
    return [w for w in text.split() if w not in ("|", "/")]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """Each example's plan document, rendered once."""
    out = {}
    for name, (example, _, document) in CASES.items():
        folder = tmp_path_factory.mktemp(name) / "out"
        run_render(EXAMPLES / example, folder)
        out[name] = open_docx(folder / document)
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_the_rendered_plan_says_what_its_source_says(docs, name):
    got = tokens("\n".join(p.text for p in blocks(docs[name])))
    expected = tokens((FIXTURES / CASES[name][1]).read_text(encoding="utf-8"))
    ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
    assert ratio >= SIMILARITY, "\n".join(list(difflib.unified_diff(expected, got, lineterm="", n=1))[:60])


@pytest.mark.parametrize("name", list(CASES))
def test_the_sources_are_named(name):
    head = (EXAMPLES / CASES[name][0]).read_text(encoding="utf-8").split("\n\n")[0]
    assert "commit" in head and re.search(r"[0-9a-f]{40}", head)


def test_lam_dong_schedule_appendix(docs):
    doc = docs["lam-dong"]
    schedule = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in schedule.rows[0].cells] == ["STT", "Đơn vị được kiểm tra", "Thời gian kiểm tra"]
    rows = [[c.text for c in row.cells] for row in schedule.rows]
    assert rows[1][:2] == ["I", "Cơ quan chuyên môn cấp tỉnh"]
    assert rows[3] == ["2", "Sở Xây dựng", "Tháng 7/2026"]
    second_group = next(i for i, r in enumerate(rows) if r[0] == "II")
    assert rows[second_group + 1][:2] == ["1", "Phường Bắc Gia Nghĩa"]  # the count restarts
    assert schedule.rows[1].cells[1].paragraphs[0].runs[0].bold
    all_texts = texts(doc)
    assert all_texts.count("Phụ lục I") == 1 and all_texts.count("Phụ lục II") == 1
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT] * 3
    assert any(re.match(r"^I\. ", t) for t in all_texts[all_texts.index("Phụ lục II") :])  # its outline: I., II.


def test_ha_noi_numbers_khoan_3_with_its_sub_khoan(docs):
    all_texts = texts(docs["ha-noi"])
    numbered = [t.split(" ")[0] for t in all_texts if re.match(r"^(?:[IVX]+|\d+(?:\.\d+)*)\. ", t)]
    assert numbered[:1] == ["I."]
    assert [n for n in numbered if n.startswith("3.")] == ["3.", "3.1.", "3.2.", "3.3.", "3.4.", "3.5.", "3.6.", "3."]


def test_renumbering_the_appendices_updates_every_cross_reference(tmp_path):
    data = yaml.safe_load((EXAMPLES / CASES["lam-dong"][0]).read_text(encoding="utf-8"))
    before = " ".join(texts(render_data(tmp_path / "before", data)))
    moved = copy.deepcopy(data)
    moved["appendices"].reverse()
    after = " ".join(texts(render_data(tmp_path / "after", moved)))
    # the text names the schedule (Phụ lục I, then II) and the outline (II, then I)
    schedule = "Thời gian kiểm tra tại các cơ quan, địa phương: Theo "
    assert schedule + "Phụ lục I kèm theo" in before and schedule + "Phụ lục II kèm theo" in after
    assert "(Phụ lục II)" in before and "(Phụ lục I)" in after


def render_data(folder: Path, data: dict) -> object:
    """The plan document of ``data`` rendered in ``folder``."""
    folder.mkdir(parents=True)
    plan = folder / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run_render(plan, folder / "out")
    return open_docx(folder / "out" / CASES["lam-dong"][2])


def test_lam_dong_cchc_task_appendix_is_landscape_with_groups_and_merges(docs):
    doc = docs["lam-dong-cchc"]
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Sản phẩm",
        "Thời gian hoàn thành",
        "Chủ trì thực hiện",
        "Phối hợp thực hiện",
        "Theo dõi, kiểm tra, đôn đốc",
    ]
    groups = [
        row.cells[0].text
        for row in table.rows
        if row.cells[1].paragraphs[0].runs and row.cells[1].text == row.cells[6].text
    ]
    assert groups[:3] == ["I", "II", "III"]
    merged = [i for i in range(2, len(table.rows)) if table.cell(i, 1)._tc is table.cell(i - 1, 1)._tc]
    assert merged, "items spanning two rows keep one Nhiệm vụ cell"


def test_lam_dong_cchc_task_table_reaches_each_named_unit_once_in_its_part(tmp_path):
    """The appendix is typed once; each unit its lead or partner cells name gets its rows."""
    run_render(EXAMPLES / CASES["lam-dong-cchc"][0], tmp_path)
    thanh_tra = texts(open_docx(tmp_path / "giao-viec" / "thanh-tra.docx"))
    tasks = [t for t in thanh_tra if re.match(r"\d+\. ", t)]
    assert tasks == [
        "1. Chủ trì, phối hợp với Sở Nội vụ; Văn phòng UBND tỉnh thực hiện: Tổ chức thanh tra trách nhiệm "
        "thực hiện nhiệm vụ công vụ của cán bộ, công chức, viên chức trong việc thực hiện các quy định của "
        "pháp luật về việc tiếp nhận và giải quyết thủ tục hành chính."
    ]
    tu_phap = [t for t in texts(open_docx(tmp_path / "giao-viec" / "so-tu-phap.docx")) if re.match(r"\d+\. ", t)]
    assert [t.split(":")[0] for t in tu_phap] == [
        "1. Chủ trì thực hiện",
        "2. Chủ trì, phối hợp với UBND các xã, phường, đặc khu thực hiện",
        "3. Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương thực hiện",
        "4. Chủ trì, phối hợp với Sở Khoa học và Công nghệ thực hiện",
        "5. Phối hợp với các sở, ban, ngành thực hiện",
        "6. Phối hợp với Sở Nội vụ thực hiện",
        "7. Phối hợp với Sở Nội vụ thực hiện",
    ]
    assert "(tại nhiệm vụ 2 nhóm I Phụ lục; Thời gian: Trước ngày 31/01 năm liền kề)" in texts(
        open_docx(tmp_path / "giao-viec" / "so-tu-phap.docx")
    )


def test_lam_dong_inspected_bodies_each_get_their_notice(tmp_path):
    """The schedule's 29 bodies (Phụ lục I) each get a notice with their month, what to
    prepare (khoản 2 mục V) and the report outline (Phụ lục II)."""
    run_render(EXAMPLES / CASES["lam-dong"][0], tmp_path)
    notices = sorted(p.name for p in (tmp_path / "thong-bao").iterdir())
    assert len(notices) == 29 and "so-nong-nghiep-va-moi-truong.docx" in notices
    lines = texts(open_docx(tmp_path / "thong-bao" / "so-y-te.docx"))
    body = lines[lines.index("Kính gửi: Sở Y tế.") + 2 : lines.index("Nơi nhận:")]
    assert body[0] == "1. Thời gian kiểm tra: Tháng 8/2026."
    assert body[1] == "2. Nội dung chuẩn bị:"
    assert body[2].startswith("- Rà soát các nội dung theo Kế hoạch và Đề cương kiểm tra (Phụ lục II đính kèm)")
    assert body[3].startswith("- Chuẩn bị xây dựng báo cáo theo nội dung đề cương kiểm tra") and body[3].endswith(".")
    assert body[4].startswith("3. Báo cáo, tài liệu theo Phụ lục II (đề cương báo cáo phục vụ kiểm tra")


def test_ha_noi_units_get_their_khoan_of_muc_iv_and_the_tasks_of_muc_ii(tmp_path):
    run_render(EXAMPLES / CASES["ha-noi"][0], tmp_path)
    police = texts(open_docx(tmp_path / "giao-viec" / "cong-an.docx"))
    assert [t[:60] for t in police if re.match(r"\d+\. ", t)] == [
        "1. Chủ trì, phối hợp với Sở Y tế; Sở Khoa học và Công nghệ; ",
        "2. Phối hợp với Sở Y tế, Sở Khoa học và Công nghệ và các bện",
        "3. Đẩy mạnh tuyên truyền, hướng dẫn công dân tích hợp thẻ BH",
    ]
    assert "(tại khoản 2 mục II; Thời gian: thường xuyên)" in police
    hospitals = texts(open_docx(tmp_path / "giao-viec" / "cac-benh-vien.docx"))
    assert next(t for t in hospitals if t.endswith("./.")) == (
        "Yêu cầu các bệnh viện công lập và ngoài công lập trực thuộc triển khai thực hiện nghiêm túc các nhiệm "
        "vụ trên, báo cáo đề xuất các khó khăn, vướng mắc trong quá trình chuyển đổi số y tế và thực hiện hồ sơ "
        "bệnh án điện tử về Sở Y tế kịp thời./."
    )


def test_lao_cai_team_is_numbered_where_it_stands_and_comes_in_each_notice(tmp_path):
    """The inspection team (mục 4) is four people numbered 4.1–4.4; each of the three firms the
    schedule names gets a notice with its work sites and dates, the team and what to prepare."""
    run_render(EXAMPLES / CASES["lao-cai-vlncn"][0], tmp_path)
    plan = texts(open_docx(tmp_path / CASES["lao-cai-vlncn"][2]))
    members = [t.split(":")[0] for t in plan if re.match(r"4\.\d\. ", t)]
    assert members == [
        "4.1. Ông Hoàng Văn Thuân – Trưởng đoàn",
        "4.2. Ông Đỗ Mạnh Cường – Phó Trưởng đoàn",
        "4.3. Ông Vũ Việt Linh – Thư ký đoàn",
        "4.4. Ông Bùi Việt Cường – Thành viên",
    ]
    assert sorted(p.name for p in (tmp_path / "giao-viec").iterdir()) == ["thanh-vien-doan.docx", "van-phong-so.docx"]
    notices = sorted(p.name for p in (tmp_path / "thong-bao").iterdir())
    assert notices == [
        "cong-ty-co-phan-xay-dung-giao-thong-yen-bai.docx",
        "cong-ty-tnhh-hiep-phu.docx",
        "tong-cong-ty-xay-dung-truong-son.docx",
    ]
    lines = texts(open_docx(tmp_path / "thong-bao" / "tong-cong-ty-xay-dung-truong-son.docx"))
    sites = [t for t in lines if t.startswith("- Đối tượng kiểm tra: Gói thầu")]
    assert len(sites) == 2 and all("Thời gian công bố Quyết định kiểm tra: 25/3/2025" in t for t in sites)
    assert "2. Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT:" in lines
    assert sum(t.startswith("- Ông ") for t in lines) == 4


def test_lao_cai_budget_table_is_summed_and_written_the_vietnamese_way(docs):
    """Phụ lục I of the Lào Cai draft (Bài toán lớn số 2): its amount column holds figures,
    remarks in words and an amount with a remark; kehoach's sum is the source's 365.000."""
    doc = docs["lao-cai-bt2"]
    table = next(t for t in doc.tables if "Kinh phí NSNN" in "".join(c.text for c in t.rows[0].cells))
    amounts = [row.cells[6].text for row in table.rows[1:]]
    assert "22.000" in amounts and "300.000 (đầu tư công)" in amounts
    assert amounts.count("Chi thường xuyên (không tính riêng)") == 4
    total = [c.text for c in table.rows[-1].cells]
    assert total[0].startswith("TỔNG CỘNG KINH PHÍ DỰ KIẾN") and total[6] == "365.000"
