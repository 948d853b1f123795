"""DOCX to PDF with LibreOffice, all documents in one run, and PDFs joined for printing.

LibreOffice starts slowly, so every document of a render is converted by one
``soffice --headless --convert-to pdf`` call. It runs with a private profile
folder, so it works while the user has LibreOffice open (a second instance on
the same profile would hand the job to the open one and return at once).
PDFs are joined with pypdf, one outline entry per unit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kehoach.text.errors import KehoachError

#: Where the Windows installer puts soffice, for a PATH that lacks it.
WINDOWS_SOFFICE = (
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "LibreOffice/program/soffice.exe",
)
#: Seconds allowed per document (LibreOffice's start-up comes on top).
SECONDS_PER_DOCUMENT = 20


def pdf_name(name: str) -> str | None:
    """``giao-viec/mttq.pdf`` beside ``giao-viec/mttq.docx``; None for a file that is not a Word document.

    Only DOCX files are converted: a web page or a calendar beside the plan would
    otherwise give a PDF of the plan's own name and overwrite it.
    """
    return name.removesuffix(".docx") + ".pdf" if name.endswith(".docx") else None


def find_soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in WINDOWS_SOFFICE if p.is_file()), None)


def convert(documents: Sequence[Path]) -> dict[Path, bytes]:
    """The PDF bytes of each DOCX, converted in one LibreOffice run."""
    soffice = find_soffice()
    if soffice is None:
        raise KehoachError("pdf.no_libreoffice")
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as work:
        folder = Path(work)
        inputs = []
        for i, document in enumerate(documents):
            copy = folder / "in" / f"{i:05d}.docx"  # flat, unique names: giao-viec/a and checklist/a differ
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(document, copy)
            inputs.append(copy)
        _run(soffice, folder, inputs)
        return {document: _read(folder / "out" / f"{i:05d}.pdf", document) for i, document in enumerate(documents)}


def _run(soffice: str, folder: Path, inputs: list[Path]) -> None:
    profile = (folder / "profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder / "out"),
        *map(str, inputs),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=60 + SECONDS_PER_DOCUMENT * len(inputs))
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        raise KehoachError("pdf.failed", detail=str(exc).splitlines()[0]) from None


def _read(pdf: Path, document: Path) -> bytes:
    if not pdf.is_file():
        raise KehoachError("pdf.failed", detail=f"no PDF for {document.name}")
    return pdf.read_bytes()


def join(parts: Sequence[tuple[str, Sequence[Path]]]) -> bytes:
    """One PDF of ``parts`` (title, files), each part an outline entry at its first page."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for title, files in parts:
        start = len(writer.pages)
        for path in files:
            writer.append(str(path))
        writer.add_outline_item(title=title, page_number=start)
    writer.add_metadata({"/Producer": "kehoach", "/Creator": "kehoach"})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
