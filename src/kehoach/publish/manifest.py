"""The manifest of the output folder: what kehoach wrote there, and whether it still is.

kehoach keeps a manifest (``out/.kehoach-manifest.json``) of every file it wrote:
its hash, and a hash of what it was made from. With it, a run can

- refuse to overwrite a file changed by hand since kehoach wrote it (a letter
  touched up in Word), unless forced, and then keep a ``.bak`` copy;
- tell files it wrote for a unit that no longer exists, and remove them only
  when asked (``--prune``); files it did not write are never touched;
- skip documents whose inputs have not changed.

The manifest is read as untrusted input: one that is not valid JSON, has a value
of the wrong type or names a path outside ``out/`` is ignored with one warning,
as if kehoach had written nothing there (so nothing is overwritten without
``--force``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kehoach.publish.notes import note
from kehoach.text.errors import OutputError, UsageError

MANIFEST = ".kehoach-manifest.json"


MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """What the manifest remembers of one file kehoach wrote."""

    sha256: str
    inputs: str
    kind: str
    unit: str | None = None
    size: int = 0
    mtime_ns: int = 0


class Untrusted(Exception):
    """A manifest that cannot be believed; its argument says where it is wrong."""


_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Manifest:
    """Every file kehoach wrote into one output folder."""

    files: dict[str, Entry] = field(default_factory=dict)
    #: Whole runs remembered by the fingerprint of all their inputs: the files they
    #: made and the warnings they showed (``render`` run again on unchanged inputs).
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The folder's manifest; a missing one is empty, an untrustworthy one too (with a note)."""
        path = out_dir / MANIFEST
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return cls()
        except OSError as exc:
            return cls._ignored(path, exc.strerror or str(exc))
        try:
            return cls._parse(json.loads(raw))
        except (ValueError, RecursionError) as exc:
            return cls._ignored(path, f"JSON: {exc}")
        except Untrusted as exc:
            return cls._ignored(path, str(exc))

    @classmethod
    def _ignored(cls, path: Path, detail: str) -> Manifest:
        note("manifest.untrusted", once=str(path.resolve()), path=str(path), detail=detail[:200])
        return cls()

    @classmethod
    def _parse(cls, raw: Any) -> Manifest:
        if not isinstance(raw, dict) or raw.get("version", MANIFEST_VERSION) != MANIFEST_VERSION:
            raise Untrusted("version")
        files, runs = raw.get("files", {}), raw.get("runs", {})
        if not isinstance(files, dict) or not isinstance(runs, dict):
            raise Untrusted("files" if not isinstance(files, dict) else "runs")
        entries = {name: _entry(name, value) for name, value in files.items()}
        for key, record in runs.items():
            _check_run(key, record)
        return cls(entries, dict(runs))

    def remember(self, key: str, record: dict[str, Any], keep: int = 8) -> None:
        """Record a run; only the latest few are kept (one per set of options, usually)."""
        self.runs.pop(key, None)
        self.runs[key] = record
        for old in list(self.runs)[:-keep]:
            del self.runs[old]

    def to_bytes(self) -> bytes:
        """Sorted, indented JSON, so the manifest itself diffs well in git."""
        data = {
            "version": MANIFEST_VERSION,
            "files": {name: vars(entry) for name, entry in sorted(self.files.items())},
            "runs": self.runs,
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "sha256": (str,),
    "inputs": (str,),
    "kind": (str,),
    "unit": (str, type(None)),
    "size": (int,),
    "mtime_ns": (int,),
}


def _entry(name: str, value: Any) -> Entry:
    """One file's record, checked field by field: a manifest is only data someone could edit."""
    if not clean_name(name) or name == MANIFEST or not isinstance(value, dict):
        raise Untrusted(f"files: {name!r}")
    for key, item in value.items():
        types = _ENTRY_TYPES.get(key)
        if types is None or not isinstance(item, types) or isinstance(item, bool):
            raise Untrusted(f"files: {name!r}: {key}")
    if not {"sha256", "inputs", "kind"} <= value.keys() or not _HEX64.fullmatch(value["sha256"]):
        raise Untrusted(f"files: {name!r}: sha256")
    if value.get("size", 0) < 0 or value.get("mtime_ns", 0) < 0:
        raise Untrusted(f"files: {name!r}: size")
    return Entry(**value)


def _check_run(key: str, record: Any) -> None:
    """A remembered run: its lists of files are names inside out/, its warnings records."""
    if not isinstance(record, dict):
        raise Untrusted(f"runs: {key!r}")
    for part in ("files", "absent"):
        names = record.get(part, [])
        if not isinstance(names, list) or not all(isinstance(n, str) and clean_name(n) for n in names):
            raise Untrusted(f"runs: {key!r}: {part}")
    warnings = record.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, dict) for w in warnings):
        raise Untrusted(f"runs: {key!r}: warnings")


def clean_name(name: str) -> bool:
    """A file name as kehoach writes them: relative, inside out/, no odd parts or characters."""
    try:
        path = safe_relative(name)
    except UsageError:
        return False
    parts_fit = all(0 < len(part.encode("utf-8", "surrogatepass")) <= 255 for part in path.parts)
    return str(path) == name and parts_fit and len(name) <= 1024 and name.isprintable()


def sha256(data: bytes) -> str:
    """Hex digest used for files and inputs alike."""
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    """Hash of a file on disk, None when it is not there."""
    try:
        return sha256(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError):
        return None


def safe_relative(name: str) -> PurePosixPath:
    """A relative path that stays inside the output folder, or a usage error."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name or ":" in name:
        raise UsageError("write.outside", name=name)
    return path


def as_written(path: Path, entry: Entry | None) -> bool | None:
    """Whether the file is exactly as kehoach wrote it; None when there is no file.

    The size and modification time recorded at writing time answer without reading
    the file; when they differ (opened and saved in Word), the hash decides.
    """
    try:
        stat = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if entry is None:
        return False
    if entry.size == stat.st_size and entry.mtime_ns == stat.st_mtime_ns:
        return True
    return file_sha(path) == entry.sha256


def is_unchanged(out_dir: Path, manifest: Manifest, name: str, inputs: str) -> bool:
    """The file is on disk as kehoach wrote it, from the same inputs: no need to render it."""
    entry = manifest.files.get(name)
    if entry is None or entry.inputs != inputs:
        return False
    return bool(as_written(out_dir / safe_relative(name), entry))


def hand_edited(out_dir: Path, manifest: Manifest, names: list[str]) -> list[str]:
    """Files about to be replaced that kehoach did not write, or that changed since it did.

    Asked before anything is rendered, so a folder reached through a link out of
    ``out/`` is refused here already, not after the work.
    """
    refuse_links(out_dir, names)
    return [n for n in names if as_written(out_dir / safe_relative(n), manifest.files.get(n)) is False]


def refuse_links(out_dir: Path, names: Collection[str]) -> None:
    """Stop (OutputError) if a folder on the way to any of ``names`` is a symbolic link.

    A link such as ``out/giao-viec -> /somewhere`` would let a write, a prune or a
    backup land outside ``out/``; kehoach never goes through one.
    """
    seen: set[Path] = set()
    for name in names:
        folder = out_dir
        for part in safe_relative(name).parts[:-1]:
            folder = folder / part
            if folder in seen:
                continue
            seen.add(folder)
            if folder.is_symlink():
                target = os.readlink(folder)
                raise OutputError("out.symlink", name=str(folder.relative_to(out_dir)), out=str(out_dir), target=target)


def backup_name(out_dir: Path, name: str) -> str:
    """``x.docx.bak``, or ``x.docx.bak2``… when an older backup is already there."""
    candidate, number = f"{name}.bak", 1
    while os.path.lexists(out_dir / candidate):
        number += 1
        candidate = f"{name}.bak{number}"
    return candidate


def prunable(
    out_dir: Path, manifest: Manifest, keep: Collection[str], kinds: Collection[str]
) -> tuple[list[str], list[str]]:
    """Files of ``kinds`` kehoach wrote that the plan no longer makes: (unchanged, hand-edited)."""
    stale: list[str] = []
    edited: list[str] = []
    for name, entry in sorted(manifest.files.items()):
        if name in keep or entry.kind not in kinds:
            continue
        state = as_written(out_dir / safe_relative(name), entry)
        if state is not None:
            (stale if state else edited).append(name)
    return stale, edited


@dataclass(frozen=True)
class WrittenFile:
    """One file of the run, relative to the output folder."""

    name: str
    size: int


class HandEditedError(OutputError):
    """Files in out/ changed by hand (or not written by kehoach) would be overwritten."""

    def __init__(self, names: list[str]) -> None:
        super().__init__("out.hand_edited", files=", ".join(names), count=len(names))
        self.names = names
