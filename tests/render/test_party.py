"""The Party profile: a commune Party committee's plan in the Party's own form, read back.

The example is the real Kế hoạch 18-KH/ĐU of the Ban Thường vụ Đảng uỷ xã Công Hải
(examples/cong-hai-18-KH-DU.yaml, its source named there); every fact the profile states
(src/kehoach/text/profiles/dang.yaml) is checked on the DOCX kehoach writes.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib

import pdfplumber
import pytest
import yaml

from helpers import FIXTURES, ROOT, blocks, open_docx, texts, to_pdf
from kehoach.commands.init import run_init
from kehoach.commands.lint import run_lint
from kehoach.commands.report import run_report
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text import profile as profiles
from kehoach.text.errors import ProblemsError

EXAMPLE = ROOT / "examples" / "cong-hai-18-KH-DU.yaml"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dang") / "out"
    run_render(EXAMPLE, folder)
    return folder


@pytest.fixture(scope="module")
def plan_doc(out):
    return open_docx(out / "ke-hoach-18-KH-DU.docx")


def cell_lines(cell):
    return [(p.text, p.style.name) for p in cell.paragraphs if p.text.strip()]


def test_the_header_is_the_party_s(plan_doc):
    head = plan_doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == [
        ("ĐẢNG BỘ TỈNH KHÁNH HOÀ", "KH Cơ quan chủ quản"),
        ("ĐẢNG UỶ XÃ CÔNG HẢI", "KH Cơ quan"),
        ("*", "KH Sao"),
    ]
    assert cell_lines(head.cell(0, 1)) == [("ĐẢNG CỘNG SẢN VIỆT NAM", "KH Quốc hiệu")]
    assert head.cell(1, 0).paragraphs[0].text == "Số 18-KH/ĐU"
    assert head.cell(1, 1).paragraphs[0].text == "Công Hải, ngày 13 tháng 10 năm 2025"
    everything = "\n".join(p.text for p in blocks(plan_doc))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in everything and "Độc lập" not in everything


def test_the_signer_and_nơi_nhận_are_the_party_s(plan_doc):
    sign = plan_doc.tables[-1]
    assert cell_lines(sign.cell(0, 1)) == [
        ("T/M BAN THƯỜNG VỤ", "KH Chức vụ"),
        ("BÍ THƯ", "KH Chức danh"),
        ("Vũ Thị Thuỳ Trang", "KH Người ký"),
    ]
    styles = plan_doc.styles
    assert styles["KH Chức vụ"].font.bold is True and styles["KH Chức danh"].font.bold is False
    label = styles["KH Nơi nhận"].font
    assert (label.underline, label.bold, label.italic, label.size.pt) == (True, False, False, 14)
    lines = [text for text, _ in cell_lines(sign.cell(0, 0))]
    assert lines == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh uỷ (báo cáo),",
        "- Ban Tổ chức Tỉnh uỷ (báo cáo),",
        "- Các đồng chí Đảng uỷ viên,",
        "- Các cơ quan tham mưu, giúp việc Đảng uỷ,",
        "- Các chi, đảng bộ trực thuộc Đảng uỷ,",
        "- Lưu Văn phòng Đảng uỷ.",
    ]


def test_the_plan_says_what_its_source_says(plan_doc):
    got = "\n".join(p.text for p in blocks(plan_doc)).split()
    expected = (FIXTURES / "cong-hai-18-KH-DU.txt").read_text(encoding="utf-8").split()
    ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
    assert ratio >= 0.98, "\n".join(list(difflib.unified_diff(expected, got, lineterm="", n=1))[:40])


def test_a_letter_is_a_party_công_văn(out):
    doc = open_docx(out / "giao-viec" / "ban-xay-dung-dang.docx")
    head = doc.tables[0]
    number, subject = head.cell(1, 0).paragraphs[:2]
    assert number.text.replace("\u00a0", " ").split() == ["Số", "-CV/ĐU"]
    assert subject.text == "về việc triển khai Kế hoạch số 18-KH/ĐU"
    assert doc.styles["KH Trích yếu công văn"].font.italic is True
    lines = texts(doc)
    assert "1. Chỉ đạo, hướng dẫn, kiểm tra công tác tuyên truyền" in " ".join(lines)
    assert "(tại khoản 5 mục III)" in lines


def test_the_rule_under_the_party_s_name_is_as_long_as_it(soffice, out, tmp_path):
    pdf = to_pdf(soffice, out / "ke-hoach-18-KH-DU.docx", tmp_path)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = [w for w in page.extract_words() if w["text"] in ("ĐẢNG", "NAM") and w["x0"] > page.width / 2]
        left, right, below = words[0]["x0"], words[-1]["x1"], words[0]["bottom"]
        edges = [e for e in page.edges if e["orientation"] == "h" and 0 < e["top"] - below < 12]
        line = max(edges, key=lambda e: e["x1"] - e["x0"])
        assert line["x0"] == pytest.approx(left, abs=1.5)
        assert line["x1"] == pytest.approx(right, abs=1.5)


def party(tmp_path, **changes):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for path, value in changes.items():
        section, key = path.split("__")
        data[section][key] = value
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plan


@pytest.mark.parametrize(
    ("changes", "code", "hint"),
    [
        ({"document__number": "18/KH-ĐU"}, "symbol_form", "18-KH/ĐU"),
        ({"signer__authority": "KT.", "signer__authority_title": "Bí thư"}, "authority_not_in_profile", "T/M"),
        ({"signer__authority": "K/T", "signer__authority_title": "Bí thư"}, "party_committee_deputy", "T/M"),
        ({"document__type": "QyĐ"}, "type_not_in_profile", "NQ"),
    ],
)
def test_state_forms_in_a_party_plan_are_errors_at_their_line(tmp_path, changes, code, hint):
    with pytest.raises(ProblemsError) as caught:
        load_plan(party(tmp_path, **changes))
    (problem,) = caught.value.problems
    assert problem.code == code and problem.line > 1
    assert hint in problem.message() + problem.hint()


def test_a_party_number_in_a_state_plan_is_an_error(tmp_path):
    data = yaml.safe_load((ROOT / "plan.yaml").read_text(encoding="utf-8"))
    data["document"]["number"] = "15-KH/UBND"
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.code == "symbol_form" and problem.args["expected"] == "15/KH-UBND"


def test_the_repo_s_plan_issued_by_the_ward_party_committee(tmp_path):
    """The same content as the ward's Party committee would issue it: only the profile, the
    issuer and the signer change, and every document takes the Party's form."""
    data = copy.deepcopy(yaml.safe_load((ROOT / "plan.yaml").read_text(encoding="utf-8")))
    data["profile"] = "đảng"
    data["issuer"] = {
        "parent": ["Đảng bộ thành phố Hải Phòng"],
        "name": ["Đảng uỷ phường An Dương"],
        "abbr": "ĐU",
        "full_name": "Ban Thường vụ Đảng uỷ phường An Dương",
        "short_name": "Ban Thường vụ Đảng uỷ",
        "drafting_unit": "BXDĐ",
    }
    data["document"]["number"] = 5
    data["signer"] = {"on_behalf": "Ban Thường vụ", "title": "Phó Bí thư", "name": "Vũ Mạnh Hùng"}
    data.pop("archive", None)
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run_render(plan, tmp_path / "out")
    doc = open_docx(tmp_path / "out" / "ke-hoach-05-KH-DU.docx")
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số 05-KH/ĐU"
    assert [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text][:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert doc.tables[-1].cell(0, 0).paragraphs[-1].text == "- Lưu Văn phòng Đảng uỷ."
    letter = open_docx(tmp_path / "out" / "giao-viec" / "mttq.docx")
    assert letter.tables[0].cell(1, 0).paragraphs[1].text == "về việc triển khai Kế hoạch số 05-KH/ĐU"


def test_init_writes_a_starter_party_plan_that_renders_in_the_party_s_form(tmp_path):
    run_init(tmp_path / "dang", "đảng")
    plan = tmp_path / "dang" / "plan.yaml"
    assert load_plan(plan).plan.profile == "đảng"
    assert run_lint(plan).warnings == []
    run_render(plan, tmp_path / "out")
    doc = open_docx(tmp_path / "out" / "ke-hoach-01-KH-DU.docx")
    assert cell_lines(doc.tables[0].cell(0, 1)) == [("ĐẢNG CỘNG SẢN VIỆT NAM", "KH Quốc hiệu")]
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số 01-KH/ĐU"


def test_the_results_report_of_a_party_plan_takes_its_form(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_report(plan, dt.date(2026, 1, 5), tmp_path / "bao-cao.docx")
    head = open_docx(result.path).tables[0]
    assert cell_lines(head.cell(0, 1)) == [("ĐẢNG CỘNG SẢN VIỆT NAM", "KH Quốc hiệu")]
    assert head.cell(1, 0).paragraphs[0].text.replace("\u00a0", " ").split() == ["Số", "-BC/ĐU"]


def test_the_profiles_are_data_every_rule_with_its_source():
    for name in profiles.PROFILES:
        rules = profiles.profile(name)
        parts = (rules.header, rules.number, rules.letter, rules.signer, rules.recipients, rules.styles)
        assert all(part.source.strip() for part in parts)
        assert all(
            source.split()[0].rstrip(",;") in rules.sources or "nguồn thứ cấp" in source
            for source in (part.source for part in parts)
        )
    state, party = profiles.paragraph_styles("nhà nước"), profiles.paragraph_styles("đảng")
    assert state["KH Nơi nhận"].bold is True and party["KH Nơi nhận"].underline is True
    assert party["KH Mục"] == state["KH Mục"]  # what the Party's rules do not change stays
