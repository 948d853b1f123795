"""Vietnamese conventions of administrative writing, in one place.

Every rule here comes from Nghị định 30/2020/NĐ-CP (see ``shared/docs``): how a date
is written, how sections are numbered (I, 1, a), how a document symbol is built.
Templates never compute these; they receive the finished strings.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

#: Điểm letters: the Vietnamese alphabet without f, j, w, z (Decree 30, Phụ lục I).
LETTERS = "abcdđeghiklmnopqrstuvxy"

#: Type abbreviations of Phụ lục III (Công văn has none).
DOCUMENT_TYPES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "BB": "Biên bản",
    "GM": "Giấy mời",
}

#: Signing authorities (thẩm quyền ký), Decree 30 Phụ lục I §8.
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

_ROMAN = [
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
BLANK_NUMBER = "\u00a0" * 6
BLANK_DAY = "\u00a0" * 4


def nfc(text: str) -> str:
    """Vietnamese has two encodings of every toned letter; Word and search want NFC."""
    return unicodedata.normalize("NFC", text)


def upper(text: str) -> str:
    """Upper-case for headings: Python's rule is right for Vietnamese (đ → Đ)."""
    return nfc(text).upper()


def roman(number: int) -> str:
    """Roman numeral of a mục (I, II, … XL, …); any positive number."""
    if number < 1:
        raise ValueError(f"no section numbered {number}")
    out = "M" * (number // 1000)
    number %= 1000
    for value, glyph in _ROMAN:
        while number >= value:
            out += glyph
            number -= value
    return out


def letter(number: int) -> str:
    """Letter of the n-th điểm (1 → a, 5 → đ); past y it goes on aa, ab… like spreadsheet columns."""
    if number < 1:
        raise ValueError(f"no point numbered {number}")
    out = ""
    while number:
        number, rest = divmod(number - 1, len(LETTERS))
        out = LETTERS[rest] + out
    return out


def long_date(date: dt.date) -> str:
    """Long form "ngày 01 tháng 8 năm 2025": zero before days < 10 and months 1–2 only."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def short_date(date: dt.date) -> str:
    """Short form "01/9/2025", the body's form, with the same zero rule as the long form."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{date.day:02d}/{month}/{date.year}"


def draft_date(year: int, month: int | None = None) -> str:
    """Date line of a draft: the day (and the month, unless known) left blank for the records
    clerk: "ngày    tháng    năm 2026", "ngày    tháng 5 năm 2026"."""
    if month is None:
        return f"ngày{BLANK_DAY}tháng{BLANK_DAY}năm {year}"
    shown = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày{BLANK_DAY}tháng {shown} năm {year}"


def place_date(place: str, date: dt.date | None, year: int | None, month: int | None = None) -> str:
    """Date line "An Dương, ngày 01 tháng 8 năm 2025" (a comma follows the place)."""
    if date is not None:
        return f"{place}, {long_date(date)}"
    if year is None:
        raise ValueError("a date line needs a date or a year")
    return f"{place}, {draft_date(year, month)}"


def number_text(number: int | None) -> str:
    """The number part of a symbol: "05" below 10, blank in a draft."""
    if number is None:
        return BLANK_NUMBER
    return f"{number:02d}"


def symbol(number: int | None, *groups: str) -> str:
    """Number and symbol "15/KH-UBND"; a công văn has no type: "   /UBND-VHXH"."""
    return f"{number_text(number)}/{'-'.join(g for g in groups if g)}"


def cited_date(date: dt.date | None, year: int | None, month: int | None = None) -> str:
    """A date cited in running text ("ngày 01/8/2025"), or the blanks of a draft."""
    if date is not None:
        return f"ngày {short_date(date)}"
    return draft_date(year or 0, month)


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII slug of a Vietnamese name: "Công an phường" → "cong-an-phuong"."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")


def ascii_name(text: str) -> str:
    """A symbol group in ASCII for file names, case kept: "QĐ" → "QD"."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def lower_first(text: str) -> str:
    """A trích yếu cited after "về": "Tổ chức …" → "tổ chức …"; an acronym ("UBND …") stays."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    """A phrase that starts a sentence or a line: "báo cáo …" → "Báo cáo …"."""
    return text[:1].upper() + text[1:]


def amount(value: Decimal, places: int | None = None) -> str:
    """An amount the Vietnamese way: 7080.5 → "7.080,5" (thousands ".", decimals ",")."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, decimals = f"{abs(value):f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{decimals}" if decimals else f"{sign}{groups}"
