"""Turning rendered documents into files: the same bytes every time, all or nothing.

A DOCX is a zip; zip entries carry timestamps and Word documents carry creation
dates, so a naive save differs from run to run. Here every entry gets a fixed
timestamp and the document properties come from the plan (its issue date), or
from ``SOURCE_DATE_EPOCH`` when set. The files of one run are written into a
temporary folder beside the output folder and moved into place only once every
one of them is complete, so a failed run leaves ``out/`` as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from docx.document import Document as DocxDocument

from kehoach.errors import KehoachError, UsageError

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


def safe_relative(name: str) -> PurePosixPath:
    """A relative path that stays inside the output folder, or a usage error."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise UsageError("write.failed", out=name, detail="path outside the output folder")
    return path


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file under ``out_dir`` or none of them."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("out.not_directory", out=str(out_dir))
    relative = {name: safe_relative(name) for name in files}
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kehoach-", dir=parent))
    try:
        for name, data in files.items():
            target = staging / relative[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        written = []
        for name in files:
            final = out_dir / relative[name]
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative[name], final)
            written.append(final)
        return written
    except OSError as exc:
        raise KehoachError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
