"""The parts around a plan's body: the header, the type and subject, the basis, Nơi nhận
and the signer.

The header's two columns may arrive in any order (a PDF's text layer interleaves them line
by line), so its lines are sorted by what they say: the national title and motto are
dropped, "Số: 15/KH-UBND" gives the number and symbol, "An Dương, ngày 01 tháng 8 năm
2025" the place and date, and the upper-case lines left are the issuing body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.importer.source import TYPE_TITLES, Para
from kehoach.text import vn

_NUMBER = re.compile(r"Số\s*:\s*(?P<n>\d{0,5})\s*/?\s*(?P<symbol>[^\s/]+-[^\s]+)?", re.IGNORECASE)
#: A Party document's number line: "Số 18-KH/ĐU", "Số -KH/ĐU" (no colon; number, type, body).
_PARTY_NUMBER = re.compile(r"^Số\s+(?P<n>\d{0,5})\s*-\s*(?P<type>[^\s/-]+)/(?P<body>\S+)$")
#: What tells a Party document: its header's "ĐẢNG CỘNG SẢN VIỆT NAM".
_PARTY_TITLE = re.compile(r"Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM", re.IGNORECASE)
_SYMBOL_ONLY = re.compile(r"^/?\s*(?P<symbol>[A-ZĐa-zđ]+-[A-ZĐa-zđ&]+)$")
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][^,]{1,40}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})",
)
_NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP")
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Xét)\s", re.IGNORECASE)
_OPENS_BODY = re.compile(r"^[IVX]+\.\s")
_AUTHORITY = re.compile(r"^(?P<a>TM|KT|TL|TUQ|Q)\.\s*(?P<rest>.+)$|^(?P<party>T/M|K/T|T/L)\s+(?P<party_rest>.+)$")
_ARCHIVE = re.compile(r"^[-–]?\s*Lưu\s*:?\s*(?P<rest>.*?)\.?$")
_LEVELS = ("tỉnh", "thành phố", "quận", "huyện", "thị xã", "xã", "phường", "thị trấn", "đặc khu")


@dataclass
class Header:
    """What the header block says; None where it says nothing readable."""

    issuer_lines: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    #: A draft's month, its day left blank ("ngày    tháng 5 năm 2026").
    month: int | None = None
    where: dict[str, str] = field(default_factory=dict)
    #: A Party document ("ĐẢNG CỘNG SẢN VIỆT NAM" at the top, "Số 18-KH/ĐU"): profile đảng.
    party: bool = False


#: The national title and the motto, wherever a line has them (side by side with the issuer's
#: lines when a PDF's two header columns come out on one line).
_NATIONAL_TEXT = re.compile(
    r"C[ỘO]NG\s+H(?:[ÒOÀ]A|OÀ)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Đ[ộo]c\s+l[ậa]p\s*[-–—]\s*T[ựu]\s+do\s*[-–—]\s*H[ạa]nh\s+ph[úu]c",
    re.IGNORECASE,
)


def header(lines: list[Para]) -> Header:
    """The header's parts, whatever order its lines come in."""
    found = Header(party=any(_PARTY_TITLE.search(p.text) for p in lines))
    lines = [
        Para(text, p.where)
        for p in _national_rejoined(lines)
        if (text := " ".join(_PARTY_TITLE.sub(" ", _NATIONAL_TEXT.sub(" ", p.text)).split()).strip(" -_–—*"))
    ]
    _party_number(found, lines)
    joined = " ".join(p.text for p in lines)
    for para in lines:
        text = para.text.strip()
        if not _not_issuer(text) and text == vn.upper(text) and any(ch.isalpha() for ch in text):
            found.issuer_lines += _split_issuer(text)
            found.where.setdefault("issuer", para.where)
    if not found.party and (m := _NUMBER.search(joined)):
        found.number = int(m["n"]) if m["n"] else None
        symbol = m["symbol"] or next((s["symbol"] for p in lines if (s := _SYMBOL_ONLY.match(p.text.strip()))), None)
        found.symbol = symbol
        found.where["number"] = next((p.where for p in lines if "Số" in p.text), "")
    dated = next((p for p in lines if _PLACE_DATE.search(p.text)), None)
    if m := _PLACE_DATE.search(dated.text if dated else joined):
        found.place = _place(m["place"])
        found.year = int(m["y"])
        if m["d"] and m["m"]:
            try:
                found.date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                found.date = None
        elif m["m"] and 1 <= int(m["m"]) <= 12:
            found.month = int(m["m"])
        found.where["date"] = next((p.where for p in lines if "ngày" in p.text), "")
    return found


def _national_rejoined(lines: list[Para]) -> list[Para]:
    """The national title an extraction wrapped ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", then "NAM")
    made one line again, so that its last word is not read as the issuer's."""
    out: list[Para] = []
    for para in lines:
        if out and not _NATIONAL_TEXT.search(out[-1].text) and _NATIONAL_TEXT.search(f"{out[-1].text} {para.text}"):
            out[-1] = Para(f"{out[-1].text} {para.text}", out[-1].where)
            continue
        out.append(para)
    return out


def _not_issuer(text: str) -> bool:
    """A header line that is not the issuer's: the national title, a rule, the number, the date."""
    return (
        _national(text)
        or set(text) <= set("-_–— ")
        or bool(_NUMBER.search(text) or _SYMBOL_ONLY.match(text) or _PARTY_NUMBER.match(text))
        or bool(_PLACE_DATE.search(text))
        or "ngày" in text
        or bool(re.fullmatch(r"(tháng\s*\d*\s*)?năm\s*\d{4}", text))
    )


def _party_number(found: Header, lines: list[Para]) -> None:
    """ "Số 18-KH/ĐU": a Party document's number and symbol (its form marks the document too)."""
    for para in lines:
        if m := _PARTY_NUMBER.match(para.text.strip()):
            found.party = True
            found.number = int(m["n"]) if m["n"] else None
            found.symbol = f"{m['type']}-{m['body']}"
            found.where["number"] = para.where


def _split_issuer(line: str) -> list[str]:
    """ "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" (a cell's two lines run together) → its two lines."""
    for head in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
        if line.startswith(head + " ") and len(line) > len(head) + 2:
            return [head, line[len(head) :].strip()]
    return [line]


def _place(text: str) -> str:
    """The place's words before ", ngày": the capitalised words at the end ("Số: 15/KH-UBND
    An Dương" → "An Dương", when a header's columns run together)."""
    words: list[str] = []
    for word in reversed(text.split()):
        if re.search(r"[\d:/–-]", word) or (len(word) > 1 and word == vn.upper(word) and word != "TP."):
            break
        words.insert(0, word)
    return " ".join(words) or text.strip()


def _national(text: str) -> bool:
    """The national title or the motto ("CỘNG HÒA …", "Độc lập - Tự do - Hạnh phúc")."""
    upper = vn.upper(text.strip())
    return any(upper.startswith(n) for n in _NATIONAL)


def type_and_subject(paras: list[Para]) -> tuple[str | None, list[str], int]:
    """The document type (its code, "KH"), the subject's lines, and how many paragraphs
    they took at the start of ``paras``: a subject styled as one, else the paragraph after
    the type's title (rules under it skipped)."""
    if not paras or paras[0].text.strip("* ") not in TYPE_TITLES:
        return None, [], 0
    code = TYPE_TITLES[paras[0].text.strip("* ")]
    used = 1
    for para in paras[1:]:
        text = para.text.strip()
        used += 1
        if set(text) <= set("-_–— *"):
            continue
        if para.rows is not None or (para.hint != "subject" and (_opens_basis(text) or _OPENS_BODY.match(text))):
            return code, [], used - 1
        subject = [line.strip().strip("*").strip() for line in text.split("\n") if line.strip()]
        lines, taken = _subject_goes_on(subject, paras[used:], used)
        return code, [line for line in lines if set(line) - set("-_–— ")], taken
    return code, [], used


def _opens_basis(text: str) -> bool:
    """The paragraph after the title opens the basis ("Căn cứ …;", "Thực hiện Kế hoạch số …,
    … như sau:"), not the subject: a subject may start so ("Thực hiện công tác bầu cử …") but
    ends with no stop, comma or colon."""
    return bool(_BASIS.match(text)) and bool(re.search(r"[.;:,]$", text))


def _subject_goes_on(subject: list[str], paras: list[Para], used: int) -> tuple[list[str], int]:
    """A subject a PDF gives line by line (each centred line a paragraph) goes on while the
    lines are short and neither the basis nor the body has begun."""
    for para in paras:
        text = para.text.strip()
        if para.hint or para.rows is not None or _BASIS.match(text) or _OPENS_BODY.match(text) or len(text) > 110:
            break
        if subject[-1][-1:] in ".:;":
            break
        subject.append(text.strip("*").strip())
        used += 1
    return subject, used


def split_basis(paras: list[str]) -> tuple[list[str], list[str]]:
    """The paragraphs before the first mục: "Căn cứ…", "Thực hiện…" are the basis, the rest
    (after the first that is not) the intro."""
    basis: list[str] = []
    for n, text in enumerate(paras):
        if not _BASIS.match(text):
            return basis, paras[n:]
        basis.append(text)
    return basis, []


@dataclass
class Signature:
    """Nơi nhận, the Lưu line's entries, the signer's lines and name."""

    recipients: list[str] = field(default_factory=list)
    archive: list[str] = field(default_factory=list)
    signer_lines: list[str] = field(default_factory=list)
    signer_name: str | None = None
    where: str = ""


def is_signature_start(text: str) -> bool:
    """Where the signature block begins: "Nơi nhận:" or a "TM." / "KT." line."""
    return text.lstrip("* ").casefold().startswith("nơi nhận") or bool(_AUTHORITY.match(text))


def signature(paras: list[Para]) -> Signature:
    """The signature block's lines sorted out: "- X;" lines are recipients (up to "Lưu"),
    upper-case lines the signer's titles, the last mixed-case line the signer's name."""
    found = Signature(where=paras[0].where if paras else "")
    for para in paras:
        for line in para.breaks or [para.text]:
            _signature_line(found, line.strip())
    return found


def _signature_line(found: Signature, line: str) -> None:
    text = line.strip("* ").strip()
    if not text or text.casefold().startswith("nơi nhận"):
        rest = text.split(":", 1)[1].strip() if ":" in text else ""
        if rest:
            _signature_line(found, rest)
        return
    if m := _ARCHIVE.match(text):
        found.archive = [e.strip() for e in m["rest"].split(",") if e.strip()]
        return
    if text[:1] in "-–+•":
        recipient, _, tail = text.lstrip("-–+• ").rpartition("; ")
        if recipient and tail == vn.upper(tail) and any(ch.isalpha() for ch in tail):
            found.signer_lines.append(tail)  # the signer's column, read on the same line
        else:
            recipient = text.lstrip("-–+• ")
        found.recipients.append(recipient.rstrip(";.,").strip())
        return
    if text == vn.upper(text) and any(ch.isalpha() for ch in text):
        if not found.signer_name:  # after the name: a digital signature's stamp, not a title
            found.signer_lines.append(text)
    elif text[:1].isupper() and len(text.split()) <= 6 and not re.search(r"[,;:.(]", text):
        found.signer_name = text
    elif found.recipients and not found.signer_lines:
        found.recipients[-1] = f"{found.recipients[-1]} {text}".rstrip(";.,")


def signer(found: Signature) -> dict[str, Any] | None:
    """The signer as plan.yaml writes it: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Vũ Mạnh Hùng"."""
    if not found.signer_name:
        return None
    out: dict[str, Any] = {}
    titles: list[str] = []
    for line in found.signer_lines:
        if m := _AUTHORITY.match(line):
            form, rest = (f"{m['a']}.", m["rest"]) if m["a"] else (m["party"], m["party_rest"])
            if form in ("TM.", "T/M") and "on_behalf" not in out and "authority" not in out:
                out["on_behalf"] = title_case(rest).replace("Ban thường vụ", "Ban Thường vụ")
            else:
                out["authority"] = form
                out["authority_title"] = title_case(rest)
        else:
            titles.append(title_case(line))
    if titles:
        out["title"] = " ".join(titles)
    out["name"] = found.signer_name
    return out


def title_case(text: str) -> str:
    """An upper-cased title as a plan writes it: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch",
    "ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân" (the rest lower-cased, a name after a level
    word capitalised)."""
    words = text.lower().split()
    out = [w for w in words]
    if out:
        out[0] = out[0].capitalize()
    for n, word in enumerate(out[:-1]):
        if word.lower() == "phó" and out[n + 1] in ("chủ", "giám", "trưởng", "chánh", "bí", "thủ"):
            out[n + 1] = out[n + 1].capitalize()
    return _proper_after_level(" ".join(out))


def _proper_after_level(text: str) -> str:
    """ "ủy ban nhân dân phường an dương" → "… phường An Dương": the place after a level word."""
    for level in sorted(_LEVELS, key=len, reverse=True):
        m = re.search(rf"\b{level} (?P<name>.+)$", text)
        if m and m.start() > 0:
            name = " ".join(w.capitalize() for w in m["name"].split())
            return f"{text[: m.start('name')]}{name}"
    return text


def issuer(lines: list[str], symbol: str | None, archive: list[str], body: str, party: bool = False) -> dict[str, Any]:
    """The issuing body as plan.yaml writes it, from its header lines (or, where the header is
    unreadable, from the body's "Ủy ban nhân dân phường An Dương …"). A Party committee's
    header is the superior committee over the issuing one ("ĐẢNG BỘ TỈNH …" / "ĐẢNG UỶ XÃ …")."""
    if party and len(lines) > 1:
        return _party_issuer(lines, symbol, body)
    parent: list[str] = []
    name = list(lines)
    for n, line in enumerate(lines[1:], 1):
        if re.match(r"^(SỞ|BAN|PHÒNG|VĂN PHÒNG|TRUNG TÂM|CỤC|CHI CỤC|BỘ CHỈ HUY|CÔNG AN)\b", line):
            parent, name = lines[:n], lines[n:]
            break
    full = _as_written(title_case(" ".join(name)), body)
    abbr = (symbol or "").split("-", 1)[1] if symbol and "-" in symbol else _abbreviation(full)
    drafting = _drafting_unit(archive)
    out: dict[str, Any] = {"parent": parent, "name": name, "abbr": abbr.split("-")[0][:20] or "UBND", "full_name": full}
    if short := short_name(full, body):
        out["short_name"] = short
    out["drafting_unit"] = drafting[:20]
    return out


def _party_issuer(lines: list[str], symbol: str | None, body: str) -> dict[str, Any]:
    """A Party committee's header: the superior committee, then the issuing one; a plan of its
    Ban Thường vụ ("Ban Thường vụ Đảng uỷ ban hành …") is issued in the standing committee's name."""
    name = title_case(" ".join(lines[1:]))
    out: dict[str, Any] = {"parent": [title_case(lines[0])], "name": [name]}
    out["abbr"] = (symbol or "-ĐU").split("-", 1)[1][:20]
    standing = re.search(r"Ban Thường vụ (Đảng u[ỷy]) ban hành", body)
    if standing:
        out["full_name"], out["short_name"] = f"Ban Thường vụ {name}", f"Ban Thường vụ {standing[1]}"
    else:
        out["full_name"] = name
    out["drafting_unit"] = "VPĐU"
    return out


def _as_written(name: str, body: str) -> str:
    """The body's own spelling of a name, where the body cites it (case aside)."""
    at = body.casefold().find(name.casefold())
    return body[at : at + len(name)] if at >= 0 else name


def short_name(full: str, body: str = "") -> str | None:
    """ "Ủy ban nhân dân phường An Dương" → "Ủy ban nhân dân phường", or "UBND phường" where
    the body calls itself so more often."""
    for level in sorted(_LEVELS, key=len, reverse=True):
        m = re.search(rf"\b{level}\b", full)
        if m and m.start() > 0:
            long = full[: m.end()]
            forms: list[str] = re.findall(rf"\bUBND {level}\b", body, re.IGNORECASE)
            same_tone = body.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
            if forms and len(forms) > len(re.findall(rf"\b{re.escape(long)}\b", same_tone, re.IGNORECASE)):
                return str(max(sorted(set(forms)), key=forms.count))
            return long
    return None


def _drafting_unit(archive: list[str]) -> str:
    """The drafting unit in "Lưu: VT, NC.Châu": "NC" (the letters before a drafter's name)."""
    if len(archive) < 2:
        return "VP"
    m = re.match(r"^[A-ZĐ&]+", archive[1])
    return m.group() if m else archive[1]


def _abbreviation(full: str) -> str:
    if full.casefold().startswith("ủy ban nhân dân"):
        return "UBND"
    return "".join(w[0] for w in full.split() if w[:1].isupper())[:20] or "UBND"


_ISSUER_IN_TEXT = re.compile(
    r"(Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(tỉnh|thành phố|quận|huyện|thị xã|xã|phường|thị trấn)\s+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s?){1,4})"
)


def issuer_from_text(body: str) -> list[str]:
    """Header lines rebuilt from the first "Ủy ban nhân dân phường An Dương" of the body."""
    m = _ISSUER_IN_TEXT.search(body)
    if m is None:
        return []
    place = m[3].strip()
    return ["ỦY BAN NHÂN DÂN", vn.upper(f"{m[2]} {place}")]
