"""The letters' words read back: a reporting rule, and the place "điểm 3.1 khoản 3 mục II" names."""

from __future__ import annotations

import pytest

from kehoach.importer.roles import find, report_rule


@pytest.mark.parametrize(
    ("what", "rest", "rule"),
    [
        (
            "đề xuất các khó khăn",
            "Sở Y tế kịp thời",
            {"what": "đề xuất các khó khăn", "to": "Sở Y tế", "when": "kịp thời"},
        ),
        (
            "kết quả thực hiện",
            "Sở Công Thương (qua Phòng Kinh tế) trước ngày 20 hằng tháng để tổng hợp",
            {
                "what": "kết quả thực hiện",
                "to": "Sở Công Thương",
                "through": "Phòng Kinh tế",
                "when": "trước ngày 20 hằng tháng",
                "purpose": "để tổng hợp",
            },
        ),
        (
            "kết quả",
            "Ủy ban nhân dân tỉnh 6 tháng và hằng năm",
            {"what": "kết quả", "to": "Ủy ban nhân dân tỉnh", "when": "6 tháng và hằng năm"},
        ),
    ],
)
def test_a_letters_reporting_sentence_gives_the_rule_back(what: str, rest: str, rule: dict[str, str]) -> None:
    assert report_rule(what, rest) == rule


SECTIONS = [
    {"title": "Mục đích", "items": ["Một", {"title": "Hai", "items": ["a", "b"]}]},
    {"title": "Nội dung", "body": [{"text": "x"}, {"items": ["1", {"title": "3", "items": ["3.1", "3.2"]}]}]},
]


def test_a_place_names_the_khoan_or_diem_it_is() -> None:
    assert find(SECTIONS, "khoản 1 mục I") == (SECTIONS[0]["items"], 0)
    diem = find(SECTIONS, "điểm b khoản 2 mục I")
    assert diem is not None and diem[0][diem[1]] == "b"
    deeper = find(SECTIONS, "điểm 2.2 khoản 2 mục II")
    assert deeper is not None and deeper[0][deeper[1]] == "3.2"
    assert find(SECTIONS, "khoản 9 mục I") is None
    assert find(SECTIONS, "mục IX") is None
