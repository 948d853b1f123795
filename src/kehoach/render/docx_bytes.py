"""Rendered documents as bytes: the same bytes every time for the same plan.

A DOCX is a zip; zip entries carry timestamps and Word documents carry creation
dates, so a naive save differs from run to run. Here every entry gets a fixed
timestamp and the document properties come from the plan (its issue date), or
from ``SOURCE_DATE_EPOCH`` when set. (Writing the files is :mod:`kehoach.publish.commit`.)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

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


def set_properties(
    doc: DocxDocument, *, title: str, author: str, when: dt.datetime, subject: str = "", identifier: str = ""
) -> None:
    """Document properties derived from the plan, never from the clock.

    Every property docxtpl renders is set to a non-empty value, so that a document
    is the same whether or not it went through docxtpl's ``render``.
    """
    props = doc.core_properties
    props.title = _short(title)
    props.subject = _short(subject or title)
    props.identifier = _short(identifier or title)
    props.language = "vi-VN"
    props.author = _short(author)
    props.last_modified_by = _short(author)
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = "Tạo bằng kehoach"


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
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return zip_entries([(entry.filename, src.read(entry)) for entry in src.infolist()])


def zip_entries(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``entries`` whose bytes depend only on their names, order and contents."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, data, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()
