"""The rendered plan says what the signed plan says, word for word (slips corrected)."""

from __future__ import annotations

import difflib
import re

from helpers import FIXTURES, texts, words

#: The OCR and typing slips of the extracted reference, and their corrections
#: (issue #2); the tone marks are made uniform in the modern style ("ủy", "hóa").
CORRECTIONS = [
    ("biếu", "biểu"),
    ("phuờng", "phường"),
    ("Mật trận", "Mặt trận"),
    ("Sông, chiến đấu", "Sống, chiến đấu"),
    ("phò biển", "phổ biến"),
    ("Chủ trọng", "Chú trọng"),
    ("chủ trọng", "chú trọng"),
    ("Quản triệt", "Quán triệt"),
    ("băng zôn", "băng rôn"),
    ("tiếp đày mạnh", "tiếp tục đẩy mạnh"),
    ("01-KH/HU", "01-KH/ĐU"),
    ("Nghị quyết 2 Đại hội", "Nghị quyết Đại hội"),
    ("uỷ", "ủy"),
    ("Uỷ", "Ủy"),
    ("văn hoá", "văn hóa"),
    ("Thường trực HĐND phường\n", "Thường trực HĐND phường;\n"),
]


def corrected_reference() -> str:
    text = (FIXTURES / "ke-hoach-15-KH-UBND.txt").read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS:
        text = text.replace(wrong, right)
    return text.replace("*", "")


def _from_title(all_words: list[str]) -> list[str]:
    start = all_words.index("KẾ")
    assert all_words[start + 1] == "HOẠCH"
    return all_words[start:]


def test_corrections_all_apply():
    raw = (FIXTURES / "ke-hoach-15-KH-UBND.txt").read_text(encoding="utf-8")
    for wrong, _ in CORRECTIONS:
        assert wrong in raw, wrong


def test_body_matches_reference_word_for_word(plan_docx):
    expected = _from_title(words(corrected_reference()))
    got = _from_title(words("\n".join(texts(plan_docx))))
    diff = [d for d in difflib.unified_diff(expected, got, lineterm="", n=2)]
    assert got == expected, "\n".join(diff[:80])


def test_no_slip_survives(plan_docx):
    text = "\n".join(texts(plan_docx))
    for wrong, _ in CORRECTIONS[:-1]:
        assert wrong not in text
    assert not re.search(r"\bhoá\b", text)


def test_sections_are_numbered_consecutively(plan_docx):
    headings = [t for t in texts(plan_docx) if re.match(r"^[IVX]+\. ", t)]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI"]
    assert headings[-1] == "VI. KHẨU HIỆU TUYÊN TRUYỀN"


def test_phase_headings_are_composed(plan_docx):
    all_text = texts(plan_docx)
    assert (
        "1. Đợt 1: Từ nay đến 31/8/2025, là thời điểm chuẩn bị và tiến hành Đại hội đại biểu "
        "Đảng bộ phường An Dương lần thứ I, nhiệm kỳ 2025-2030" in all_text
    )
    assert (
        "2. Đợt 2: Từ 01/9/2025 đến 31/10/2025, là thời gian tập trung cao điểm công tác "
        "chuẩn bị và tiến hành Đại hội đại biểu Đảng bộ thành phố, nhiệm kỳ 2025-2030" in all_text
    )
    assert "4. Đợt 4: Từ sau Đại hội đại biểu toàn quốc lần thứ XIV và năm 2026" in all_text


def test_requested_unit_heading(plan_docx):
    assert "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường" in texts(plan_docx)
    assert "6. Công an phường" in texts(plan_docx)
