"""Vietnamese conventions of Decree 30."""

import datetime as dt

import pytest

from kehoach.text import vn


@pytest.mark.parametrize(
    ("date", "long", "short"),
    [
        (dt.date(2025, 8, 1), "ngày 01 tháng 8 năm 2025", "01/8/2025"),
        (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020", "05/01/2020"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019", "29/6/2019"),
        (dt.date(2026, 2, 15), "ngày 15 tháng 02 năm 2026", "15/02/2026"),
        (dt.date(2012, 10, 2), "ngày 02 tháng 10 năm 2012", "02/10/2012"),
    ],
)
def test_dates_follow_the_leading_zero_rule(date, long, short):
    assert vn.long_date(date) == long
    assert vn.short_date(date) == short


def test_place_and_date_line():
    assert vn.place_date("An Dương", dt.date(2025, 8, 1), None) == "An Dương, ngày 01 tháng 8 năm 2025"
    draft = vn.place_date("Lào Cai", None, 2026)
    assert draft.startswith("Lào Cai, ngày") and draft.endswith("năm 2026")
    assert "tháng" in draft and not any(ch.isdigit() for ch in draft[:-4])


def test_symbols():
    assert vn.symbol(15, "KH", "UBND") == "15/KH-UBND"
    assert vn.symbol(5, "KH", "UBND") == "05/KH-UBND"
    blank = vn.symbol(None, "UBND", "VHXH")
    assert blank.endswith("/UBND-VHXH") and blank.strip("\u00a0").startswith("/")


def test_letters_skip_f_j_w_z():
    assert [vn.letter(n) for n in range(1, 12)] == list("abcdđeghikl")
    assert vn.letter(len(vn.LETTERS) + 1) == "aa"


def test_roman():
    assert [vn.roman(n) for n in (1, 4, 5, 6, 9, 14, 40)] == ["I", "IV", "V", "VI", "IX", "XIV", "XL"]


def test_upper_and_slug():
    assert vn.upper("Mục đích, yêu cầu") == "MỤC ĐÍCH, YÊU CẦU"
    assert vn.slug("Công an phường") == "cong-an-phuong"
    assert vn.slug("Phòng Kinh tế & Hạ tầng") == "phong-kinh-te-ha-tang"
    assert vn.ascii_name("QĐ") == "QD"


def test_nfc():
    decomposed = "Ho\u0300a"
    assert vn.nfc(decomposed) == "Hòa"


def test_a_drafts_date_line_keeps_a_known_month_and_leaves_the_day_blank():
    blank = vn.BLANK_DAY
    assert vn.place_date("Lào Cai", None, 2026, 5) == f"Lào Cai, ngày{blank}tháng 5 năm 2026"
    assert vn.place_date("Lào Cai", None, 2026, 2) == f"Lào Cai, ngày{blank}tháng 02 năm 2026"
    assert vn.place_date("Lào Cai", None, 2026) == f"Lào Cai, ngày{blank}tháng{blank}năm 2026"
