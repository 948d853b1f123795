"""Rendered documents as bytes: the same bytes every time for the same plan.

A DOCX is a zip; zip entries carry timestamps and Word documents carry creation
dates, so a naive save differs from run to run. Here every entry gets a fixed
timestamp and the document properties come from the plan (its issue date), or
from ``SOURCE_DATE_EPOCH`` when set. (Writing the files is :mod:`kehoach.output`.)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from docx.document import Document as DocxDocument

#: The earliest time a zip entry can hold; used for every entry.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def document_time(issue_date: dt.date | None, year: int) -> dt.datetime:
    """The time written into document properties: SOURCE_DATE_EPOCH, else the issue date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    day = issue_date or dt.date(year or 1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def set_properties(doc: DocxDocument, *, title: str, author: str, when: dt.datetime) -> None:
    """Document properties derived from the plan, never from the clock."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = "Tạo bằng kehoach"


def docx_bytes(doc: DocxDocument) -> bytes:
    """The document as a zip whose bytes depend only on its content."""
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for entry in src.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(entry), compresslevel=6)
    return out.getvalue()
