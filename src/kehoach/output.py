"""The output folder: what kehoach wrote there, and changing it all at once or not at all.

kehoach keeps a manifest (``out/.kehoach-manifest.json``) of every file it wrote:
its hash, and a hash of what it was made from. With it, a run can

- refuse to overwrite a file changed by hand since kehoach wrote it (a letter
  touched up in Word), unless forced, and then keep a ``.bak`` copy;
- tell files it wrote for a unit that no longer exists, and remove them only
  when asked (``--prune``); files it did not write are never touched;
- skip documents whose inputs have not changed.

Changes are staged in a temporary folder beside ``out/`` and moved into place in
one commit that is rolled back if anything fails or the user presses Ctrl-C, so
``out/`` is either as it was or completely updated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kehoach.errors import KehoachError, UsageError

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


@dataclass
class Manifest:
    """Every file kehoach wrote into one output folder."""

    files: dict[str, Entry] = field(default_factory=dict)
    #: Whole runs remembered by the fingerprint of all their inputs: the files they
    #: made and the warnings they showed (``render`` run again on unchanged inputs).
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The folder's manifest; an unreadable one counts as empty (nothing is then overwritten)."""
        try:
            raw = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            files = {name: Entry(**entry) for name, entry in raw["files"].items()}
            runs = dict(raw.get("runs") or {})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()
        return cls(files, runs)

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
    """Files about to be replaced that kehoach did not write, or that changed since it did."""
    return [n for n in names if as_written(out_dir / safe_relative(n), manifest.files.get(n)) is False]


def backup_name(out_dir: Path, name: str) -> str:
    """``x.docx.bak``, or ``x.docx.bak2``… when an older backup is already there."""
    candidate, number = f"{name}.bak", 1
    while (out_dir / candidate).exists():
        number += 1
        candidate = f"{name}.bak{number}"
    return candidate


@dataclass
class Change:
    """Everything one run does to the output folder (new files are already staged)."""

    writes: list[str] = field(default_factory=list)
    backups: dict[str, str] = field(default_factory=dict)
    removals: list[str] = field(default_factory=list)


class Staging:
    """A temporary folder beside ``out/`` where a run's files are written before the commit.

    Beside, not inside, so that moving a file into place is a rename on the same
    file system; removed when the run ends, whatever happens.
    """

    def __init__(self, out_dir: Path) -> None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError("out.not_directory", out=str(out_dir))
        self.out_dir = out_dir
        parent = out_dir.resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=".kehoach-", dir=parent))
        except OSError as exc:
            raise _write_failed(out_dir, exc) from None
        (self.path / "new").mkdir()
        (self.path / "old").mkdir()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def write(self, name: str, data: bytes) -> os.stat_result:
        """Stage one file; a full disk fails here, before ``out/`` is touched."""
        return stage(self.path, name, data, self.out_dir)

    def commit(self, change: Change) -> None:
        """Apply ``change`` to ``out/`` completely, or leave the folder exactly as it was."""
        for name in [*change.writes, *change.backups, *change.backups.values(), *change.removals]:
            safe_relative(name)
        try:
            with _interrupts_deferred() as interrupted:
                _swap(self.out_dir, self.path, change, interrupted)
        except OSError as exc:
            raise _write_failed(self.out_dir, exc) from None


def stage(staging: Path, name: str, data: bytes, out_dir: Path) -> os.stat_result:
    """Write one file into a staging folder; its stat (kept by the move) goes in the manifest."""
    target = staging / "new" / safe_relative(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target.stat()
    except OSError as exc:
        raise _write_failed(out_dir, exc) from None


def _write_failed(out_dir: Path, exc: OSError) -> KehoachError:
    return KehoachError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc))


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C back while files move; the commit then rolls back and re-raises it."""
    received: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    except ValueError:  # not the main thread: signals cannot be caught here
        yield received
        return
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def _swap(out_dir: Path, staging: Path, change: Change, interrupted: list[int]) -> None:
    """Move old files aside, new ones in; on any failure put everything back."""
    done: list[tuple[Path, Path | None]] = []  # (target, where its old version went)
    created = _missing_folders(out_dir, change)
    try:
        for folder in created:
            folder.mkdir()
        for name, backup in change.backups.items():
            _copy(out_dir / name, out_dir / backup, done)
        for name in change.removals:
            _move_aside(out_dir / name, staging / "old" / name, done)
        for name in change.writes:
            target = out_dir / name
            _move_aside(target, staging / "old" / name, done)
            os.replace(staging / "new" / name, target)
            done.append((target, None))
            if interrupted:
                raise KeyboardInterrupt
    except BaseException:
        _roll_back(done)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _missing_folders(out_dir: Path, change: Change) -> list[Path]:
    """Folders the new files need that do not exist yet, parents first."""
    missing: list[Path] = []
    for name in [*change.writes, *change.backups.values()]:
        folder = (out_dir / name).parent
        chain = []
        while not folder.exists() and folder not in missing and folder not in chain:
            chain.append(folder)
            folder = folder.parent
        missing.extend(reversed(chain))
    return missing


def _copy(source: Path, target: Path, done: list[tuple[Path, Path | None]]) -> None:
    shutil.copy2(source, target)
    done.append((target, None))


def _move_aside(target: Path, aside: Path, done: list[tuple[Path, Path | None]]) -> None:
    if target.exists():
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, aside)
        done.append((target, aside))


def _roll_back(done: list[tuple[Path, Path | None]]) -> None:
    """Undo the moves newest first: new files go, old ones come back."""
    for target, aside in reversed(done):
        if aside is None:
            target.unlink(missing_ok=True)
        else:
            os.replace(aside, target)


def prunable(
    out_dir: Path, manifest: Manifest, keep: Collection[str], kinds: Collection[str]
) -> tuple[list[str], list[str]]:
    """Files of ``kinds`` kehoach wrote that the plan no longer makes: (unchanged, hand-edited)."""
    stale, edited = [], []
    for name, entry in sorted(manifest.files.items()):
        if name in keep or entry.kind not in kinds:
            continue
        state = as_written(out_dir / safe_relative(name), entry)
        if state is not None:
            (stale if state else edited).append(name)
    return stale, edited
