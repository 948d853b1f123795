"""DOCX to PDF with LibreOffice, spread over the cores.

One ``soffice --headless --convert-to pdf`` call uses one core, and starting
LibreOffice costs about half a second (with ``PROFILE_SETTINGS``), the time of
six documents. So the documents of a render are split into as many batches as
there are cores (but at least ``MIN_PER_CALL`` documents a batch), balanced by
size, and the batches are converted by that many calls at the same time. Each call has its
own profile folder: two LibreOffice processes on one profile hand their work to
the first (the second returns at once, converting nothing), which is also why
``--pdf`` works while the user has LibreOffice open. A call is given at most
``MAX_PER_CALL`` documents: past about 247 file names soffice stops converting
without a word and exits 0, so a larger batch is split, its parts run one after
another on the same core and profile. (Print packs, PDFs joined: ``pack.py``.)
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kehoach.text.errors import KehoachError

#: Where the Windows installer puts soffice, for a PATH that lacks it.
WINDOWS_SOFFICE = (
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "LibreOffice/program/soffice.exe",
)
#: Seconds allowed per document (LibreOffice's start-up comes on top).
SECONDS_PER_DOCUMENT = 20
#: Seconds allowed for LibreOffice to start.
SECONDS_TO_START = 60
#: Documents per soffice call: safely below the ~247 file names it silently stops at.
MAX_PER_CALL = 200
#: Fewer documents than this do not pay for another LibreOffice (half a second, 130 MB).
MIN_PER_CALL = 4
#: Seconds between two looks at the running calls.
POLL = 0.02
#: A new profile's settings: it has already run every version up to 99.9, so soffice skips
#: the graphics self-tests it runs on a version's first start. A headless run never
#: records its version, so without this every call of a fresh profile would run them
#: again: 0.8 s and 130 MB of test images per call, nearly all of LibreOffice's start-up.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">\
<value>99.9</value></prop></item>
</oor:items>
"""


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


def cores() -> int:
    """The cores this process may run on: one LibreOffice process each."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(sizes: Sequence[int], count: int) -> list[list[int]]:
    """The indices of ``sizes`` in ``count`` batches of about the same total size.

    Largest first, each into the lightest batch so far: a long plan does not end up
    beside half the letters while the other core has finished.
    """
    totals = [0] * count
    found: list[list[int]] = [[] for _ in range(count)]
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        lightest = min(range(count), key=lambda b: (totals[b], len(found[b]), b))
        totals[lightest] += sizes[index]
        found[lightest].append(index)
    return [sorted(batch) for batch in found if batch]


def batch_count(documents: int, processes: int) -> int:
    """As many batches as processes, times the rounds that keep each within ``MAX_PER_CALL``."""
    return min(documents, processes * math.ceil(documents / (processes * MAX_PER_CALL)))


def convert(documents: Sequence[Path]) -> dict[Path, bytes]:
    """The PDF bytes of each DOCX, converted by one LibreOffice process per core."""
    soffice = find_soffice()
    if soffice is None:
        raise KehoachError("pdf.no_libreoffice")
    if not documents:
        return {}
    try:
        with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as work:
            folder = Path(work)
            (folder / "in").mkdir()
            for i, document in enumerate(documents):  # flat, unique names: giao-viec/a and checklist/a differ
                shutil.copyfile(document, folder / "in" / _stem(i, ".docx"))
            processes = max(1, min(cores(), len(documents) // MIN_PER_CALL))
            sizes = [(folder / "in" / _stem(i, ".docx")).stat().st_size for i in range(len(documents))]
            _run_all(soffice, folder, batches(sizes, batch_count(len(documents), processes)), processes)
            return {d: _read(folder / "out" / _stem(i, ".pdf"), d) for i, d in enumerate(documents)}
    except OSError as exc:  # the temporary folder: a full disk
        raise KehoachError("pdf.failed", detail=exc.strerror or str(exc)) from None


def _stem(index: int, suffix: str) -> str:
    return f"{index:05d}{suffix}"


@dataclass
class _Call:
    """One soffice process converting one batch, on the profile of its slot."""

    process: subprocess.Popen[bytes]
    slot: int
    log: Path
    seconds: int
    started: float


def _run_all(soffice: str, folder: Path, groups: list[list[int]], processes: int) -> None:
    """Run the batches, at most ``processes`` at once; the first failure stops them all."""
    waiting, free = deque(enumerate(groups)), list(range(processes))
    running: list[_Call] = []
    try:
        while waiting or running:
            while waiting and free:
                running.append(_start(soffice, folder, free.pop(0), *waiting.popleft()))
            ended = [call for call in running if _ended(call)]
            for call in ended:
                running.remove(call)
                free.append(call.slot)
            if not ended:
                time.sleep(POLL)
    finally:
        for call in running:
            _stop(call.process)


def _start(soffice: str, folder: Path, slot: int, number: int, batch: list[int]) -> _Call:
    """Start soffice on ``batch``, in ``folder`` (short relative names keep the command line short)."""
    command = [
        soffice,
        f"-env:UserInstallation={_profile(folder, slot).as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        "out",
        *(f"in/{_stem(i, '.docx')}" for i in batch),
    ]
    log = folder / f"soffice-{number}.log"
    try:
        with open(log, "wb") as errors:
            process = _popen(command, folder, errors)
    except OSError as exc:
        raise KehoachError("pdf.failed", detail=str(exc)) from None
    return _Call(process, slot, log, SECONDS_TO_START + SECONDS_PER_DOCUMENT * len(batch), time.monotonic())


def _profile(folder: Path, slot: int) -> Path:
    """The profile folder of a slot: made with ``PROFILE_SETTINGS`` for its first call, kept for the next."""
    profile = folder / f"profile-{slot}"
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
    return profile


def _popen(command: list[str], folder: Path, errors: BinaryIO) -> subprocess.Popen[bytes]:
    """soffice in a session of its own, so that stopping it also stops the soffice.bin it starts."""
    return subprocess.Popen(
        command,
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=os.name == "posix",
    )


def _ended(call: _Call) -> bool:
    """Whether the call has ended well; a failed or overdue one raises."""
    status = call.process.poll()
    if status is None:
        if time.monotonic() - call.started < call.seconds:
            return False
        raise KehoachError("pdf.failed", detail=f"soffice gave no answer within {call.seconds} s")
    if status != 0:
        raise KehoachError("pdf.failed", detail=f"soffice exited with status {status}{_last_line(call.log)}")
    return True


def _last_line(log: Path) -> str:
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return f" ({lines[-1]})" if lines else ""


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a call still running (another one failed, or the run was stopped) and its children."""
    if process.poll() is None:
        with contextlib.suppress(OSError):
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
    process.wait()


def _read(pdf: Path, document: Path) -> bytes:
    if not pdf.is_file():
        raise KehoachError("pdf.failed", detail=f"no PDF for {document.name}")
    return pdf.read_bytes()
