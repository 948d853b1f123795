"""Rendered documents as bytes: the same bytes every time for the same plan.

A DOCX is a zip; zip entries carry timestamps and Word documents carry creation
dates, so a naive save differs from run to run. Here every entry gets a fixed
timestamp and the document properties come from the plan (its issue date), or
from ``SOURCE_DATE_EPOCH`` when set. (Writing the files is :mod:`kehoach.publish.commit`.)
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import struct
import zipfile
import zlib

from docx.document import Document as DocxDocument

#: The earliest time a zip entry can hold; used for every entry.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: Deflate level: 1 is several times faster than the default 6 and makes files only a few
#: per cent larger (measured in bench/run.py); documents are small either way.
COMPRESS_LEVEL = 1


def document_time(issue_date: dt.date | None, year: int) -> dt.datetime:
    """The time written into document properties: SOURCE_DATE_EPOCH, else the issue date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    day = issue_date or dt.date(year or 1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


#: The issuer's names no printed page of a plan without units shows, kept in its documents'
#: keywords ("short_name=UBND tỉnh; drafting_unit=KT") so that importing one gives them back.
ISSUER_KEYWORDS = ("short_name", "drafting_unit")


def issuer_keywords(values: dict[str, str | None]) -> str:
    """ "short_name=UBND tỉnh; drafting_unit=KT": the issuer's names a page may not show."""
    return "; ".join(f"{key}={values[key]}" for key in ISSUER_KEYWORDS if values.get(key))


def read_issuer_keywords(keywords: str) -> dict[str, str]:
    """What :func:`issuer_keywords` wrote, or nothing for other keywords."""
    pairs = [part.partition("=") for part in keywords.split("; ")]
    found = {key: value for key, sep, value in pairs if sep and key in ISSUER_KEYWORDS and value}
    return found if len(found) == len([p for p in pairs if p[0]]) else {}


def set_properties(
    doc: DocxDocument,
    *,
    title: str,
    author: str,
    when: dt.datetime,
    subject: str = "",
    identifier: str = "",
    keywords: str = "",
    last: dict[str, object] | None = None,
) -> None:
    """Document properties derived from the plan, never from the clock.

    Every property docxtpl renders is set to a non-empty value, so that a document
    is the same whether or not it went through docxtpl's ``render``. ``last`` holds what
    was set on this same opened document before (a template rendered again): only
    the properties that differ from it are set (a unit's letter differs in its title alone).
    """
    values: dict[str, object] = {
        "keywords": _short(keywords),
        "title": _short(title),
        "subject": _short(subject or title),
        "identifier": _short(identifier or title),
        "language": "vi-VN",
        "author": _short(author),
        "last_modified_by": _short(author),
        "created": when,
        "modified": when,
        "last_printed": when,
        "revision": 1,
        "comments": "Tạo bằng kehoach",
    }
    props = doc.core_properties
    for name, value in values.items():
        if last is None or name not in last or last[name] != value:
            setattr(props, name, value)
    if last is not None:
        last.update(values)


def _short(text: str, limit: int = 255) -> str:
    """Document properties hold at most 255 characters (the OPC limit); a long trích yếu is cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def docx_bytes(doc: DocxDocument) -> bytes:
    """The document as a zip whose bytes depend only on its content."""
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their order."""
    return zip_entries(members(data))


def members(data: bytes) -> list[tuple[str, bytes]]:
    """A zip's entries, (name, bytes) in their order."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return [(entry.filename, src.read(entry)) for entry in src.infolist()]


def zip_entries(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``entries`` whose bytes depend only on their names, order and contents.

    Written here rather than with :mod:`zipfile`, which compresses every entry again: most
    parts of a rendered document (styles, theme, fonts, numbering) are the template's own,
    the same bytes in each of a province's thousands of letters, and are compressed once.
    The layout is :mod:`zipfile`'s (deflate, no data descriptor, no extra fields, the same
    attributes, entries in order), so a zip tool sees no difference.
    """
    out = io.BytesIO()
    central = []
    for name, data in entries:
        encoded, flags = _name(name)
        crc, deflated = _deflated(data)
        fields = (flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(deflated), len(data), len(encoded))
        # made by / needed: version 2.0, MS-DOS; no extra field, comment or disk; read-write as zipfile gives
        central.append(_CENTRAL.pack(_CENTRAL_SIG, _VERSION, 0, _VERSION, 0, *fields, 0, 0, 0, 0, _MODE, out.tell()))
        central[-1] += encoded
        out.write(_LOCAL.pack(_LOCAL_SIG, _VERSION, 0, *fields, 0) + encoded)
        out.write(deflated)
    start = out.tell()
    out.write(b"".join(central))
    size = out.tell() - start
    out.write(_END.pack(_END_SIG, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


#: Zip structures (APPNOTE 4.3.7, 4.3.12, 4.3.16), as zipfile packs them.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
#: Version 2.0, the least that reads deflate.
_VERSION = 20
_DOS_TIME = 0
#: Unix permissions rw------- in the external attributes, as zipfile writes when none are given.
_MODE = 0o600 << 16
_DOS_DATE = (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]
#: Parts up to this size are remembered compressed (the template's parts are all smaller).
_CACHED_PART = 512 * 1024
_UTF8_NAME = 0x800


def _name(name: str) -> tuple[bytes, int]:
    """The entry's name as stored, and the flag saying it is UTF-8 when it is not ASCII."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _deflated(data: bytes) -> tuple[int, bytes]:
    """The CRC-32 of ``data`` and ``data`` deflated (raw, as in a zip); small parts remembered."""
    if len(data) <= _CACHED_PART:
        return _deflated_cached(data)
    return _deflate(data)


@functools.lru_cache(maxsize=256)
def _deflated_cached(data: bytes) -> tuple[int, bytes]:
    return _deflate(data)


def _deflate(data: bytes) -> tuple[int, bytes]:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()
