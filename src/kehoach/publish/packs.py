"""Print packs (``kehoach print-pack``): PDFs joined into one file, committed like any other.

Its own module, apart from :mod:`kehoach.publish.pdfs`, so that ``render`` (which imports
that one for ``--pdf``) does not import pypdf, a tenth of a second, on every run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from kehoach.publish import commit
from kehoach.publish.manifest import MANIFEST, Entry, Manifest, WrittenFile
from kehoach.render import pack
from kehoach.text.errors import OutputError


def publish_print(
    out_dir: Path, name: str, parts: Sequence[tuple[str, Sequence[Path]]], unit_id: str | None
) -> WrittenFile:
    """Join ``parts`` (title, PDFs) into a print pack, commit it into ``out_dir`` and record it in the manifest.

    The pack is written straight into the staging folder, page by page: a thousand
    checklists make 65 MB that are never in memory at once.
    """
    manifest = Manifest.load(out_dir)
    with commit.Staging(out_dir) as staging:
        staging.write(name, b"")  # the folders it goes in
        path = staging.staged(name)
        try:
            with open(path, "wb") as target:
                pack.join(parts, target)
            with open(path, "rb") as written:
                digest = hashlib.file_digest(written, "sha256").hexdigest()
            stat = path.stat()
        except OSError as exc:
            raise OutputError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc)) from None
        manifest.files[name] = Entry(digest, "", "print-pack", unit_id, stat.st_size, stat.st_mtime_ns)
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(commit.Change(writes=[name, MANIFEST]))
    return WrittenFile(name, stat.st_size)
