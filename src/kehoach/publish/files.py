"""One file written whole or not at all, outside out/'s commit: a calendar given ``-o``,
progress.yaml, a report.

A temporary file beside the target, then ``os.replace``: a reader never sees half a file,
and a failed write leaves the old one. The new file gets the mode any new file gets (not a
temporary file's 600).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from kehoach.text.errors import OutputError


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data``, making its folder if needed."""
    temp = target.with_name(f".kehoach-{secrets.token_hex(4)}-{target.name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError("write.failed", out=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
