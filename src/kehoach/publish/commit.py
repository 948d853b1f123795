"""Changing the output folder all at once or not at all.

What kehoach wrote there is in the manifest (:mod:`kehoach.publish.manifest`).
A run's files are staged in a folder beside ``out/`` (``.kehoach-out.XXXXXXXX``)
and moved into place in one commit, under the folder's lock (:mod:`kehoach.publish.lock`).
Before the first move the commit writes its plan, every move in order, to a
journal in the staging folder and makes it durable (fsync); a ``committed``
marker follows the last move. A failure, Ctrl-C, SIGTERM or SIGHUP during the
commit undoes the moves at once. A commit cut short by SIGKILL or a power loss
is finished by the next kehoach command (``recover``): with the marker it is
complete and only the staging folder goes; without it the moves are undone,
newest first. Undoing looks only at which files exist, so it may itself be cut
short and run again. A staging folder without a journal never touched ``out/``
and is simply removed. Either way ``out/`` is entirely as before or entirely new.

Test-only: ``KEHOACH_TEST_STOP_AT=<point>`` makes a commit (or a recovery) stop at
that point, say so on stderr and wait for a signal, so that tests can kill it
there: ``staged``, ``journal``, ``move:N`` (after N moves; negative counts from
the end), ``moved``, ``committed``, ``cleanup``, ``undo:N``. Nothing else reads it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ParamSpec, TypeVar

from kehoach.publish import lock
from kehoach.publish.manifest import Untrusted, clean_name, refuse_links, safe_relative
from kehoach.publish.notes import note
from kehoach.text.errors import KehoachError, OutputError, UsageError

JOURNAL = "journal.json"
JOURNAL_VERSION = 1
COMMITTED = "committed"
STOP_AT = "KEHOACH_TEST_STOP_AT"
#: The signals that stop a run the way Ctrl-C does (SIGHUP: the terminal was closed).
STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal; it ends like Ctrl-C, with exit status 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_status = 128 + signum


def stop_on_signals() -> None:
    """Let SIGTERM and SIGHUP stop a run as Ctrl-C does: staging removed, out/ as it was."""
    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT:
            signal.signal(signum, _raise_interrupted)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


# --- the lock, held for a whole run ---------------------------------------------------

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def exclusive(out_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``out_dir``'s lock; the first hold finishes any interrupted commit before anything else."""
    with lock.holding(out_dir, wait) as first:
        if first:
            recover(out_dir)
        yield


def exclusive_run(function: Callable[P, R]) -> Callable[P, R]:
    """A command that holds the lock of its ``out_dir`` argument from start to end.

    From the first read of the manifest to the commit, so two runs never
    interleave their manifests.
    """
    signature = inspect.signature(function)

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        out_dir = bound.arguments["out_dir"]
        with exclusive(Path(out_dir)):
            return function(*args, **kwargs)

    return run


def recover_pending(*out_dirs: Path) -> None:
    """Finish interrupted commits of these folders now, if no live run holds them.

    Every command calls this first, for its output folder: cheap when there is
    nothing to do (one look at the parent folder), and a folder a live run holds
    is left to that run.
    """
    unique: dict[Path, Path] = {}
    for out_dir in out_dirs:
        with contextlib.suppress(OSError):  # a current folder deleted meanwhile: nothing there to recover
            unique.setdefault(out_dir.resolve(), out_dir)
    for out_dir in unique.values():
        if not stagings(out_dir) and not lock.lock_path(out_dir).exists():
            continue
        try:
            with exclusive(out_dir, wait=0):
                pass
        except OutputError as exc:
            if exc.code != "out.locked":
                raise


# --- staging and the commit -----------------------------------------------------------


@dataclass
class Change:
    """Everything one run does to the output folder (new files are already staged)."""

    writes: list[str] = field(default_factory=list)
    backups: dict[str, str] = field(default_factory=dict)
    removals: list[str] = field(default_factory=list)


def staging_prefix(out_dir: Path) -> str:
    """``.kehoach-out.``: the staging folders of one output folder, told apart from its neighbours'."""
    return f".kehoach-{out_dir.resolve().name}."


def stagings(out_dir: Path) -> list[Path]:
    """The staging folders of ``out_dir`` left beside it (``.kehoach-out.`` and 8 random characters)."""
    parent, prefix = out_dir.resolve().parent, staging_prefix(out_dir)
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    ours = [e for e in entries if e.name.startswith(prefix) and re.fullmatch(r"[a-z0-9_]{8}", e.name[len(prefix) :])]
    return sorted(Path(e.path) for e in ours if e.is_dir(follow_symlinks=False))


class Staging:
    """A temporary folder beside ``out/`` where a run's files are written before the commit.

    Beside, not inside, so that moving a file into place is a rename on the same
    file system; removed when the run ends, whatever happens, except when a commit
    could not be undone (then its journal stays for the next run to finish). It
    holds the output folder's lock while it exists.
    """

    def __init__(self, out_dir: Path) -> None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError("out.not_directory", out=str(out_dir))
        self.out_dir = out_dir
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(exclusive(out_dir))
        try:
            parent = out_dir.resolve().parent
            parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=staging_prefix(out_dir), dir=parent))
            (self.path / "new").mkdir()
            (self.path / "old").mkdir()
        except BaseException as exc:
            self._stack.close()
            if isinstance(exc, OSError):
                raise _write_failed(out_dir, exc) from None
            raise

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._stack:
            if not (self.path / JOURNAL).exists():
                _remove_tree(self.path)

    def write(self, name: str, data: bytes) -> os.stat_result:
        """Stage one file; a full disk fails here, before ``out/`` is touched."""
        return stage(self.path, name, data, self.out_dir)

    def staged(self, name: str) -> Path:
        """Where a file this run staged is until the commit (to read it back: a DOCX to convert)."""
        return self.path / "new" / safe_relative(name)

    def commit(self, change: Change) -> None:
        """Apply ``change`` to ``out/`` completely, or leave the folder exactly as it was."""
        names = [*change.writes, *change.backups, *change.backups.values(), *change.removals]
        for name in names:
            safe_relative(name)
        refuse_links(self.out_dir, names)
        _checkpoint("staged", [])
        try:
            journal = _plan(self.out_dir, self.path, change)
            with _interrupts_deferred() as received:
                _apply(self.out_dir, self.path, journal, received)
        except OSError as exc:
            raise _write_failed(self.out_dir, exc) from None


def stage(staging: Path, name: str, data: bytes, out_dir: Path) -> os.stat_result:
    """Write one file into a staging folder; its stat (kept by the move) goes in the manifest.

    The staging folder itself is never created here: a worker still writing after
    its run was killed must not bring back a folder the next run has removed.
    """
    root = staging / "new"
    target = root / safe_relative(name)
    try:
        for folder in reversed(target.relative_to(root).parents[:-1]):
            (root / folder).mkdir(exist_ok=True)
        target.write_bytes(data)
        return target.stat()
    except OSError as exc:
        raise _write_failed(out_dir, exc) from None


def _write_failed(out_dir: Path, exc: OSError) -> KehoachError:
    return OutputError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc))


@dataclass(frozen=True)
class Journal:
    """The moves of one commit, in order; each ``(root, path, root, path)``, root "out" or "staging"."""

    moves: list[tuple[str, str, str, str]]
    #: Folders of out/ the commit creates, parents first ("" is out/ itself).
    folders: list[str]
    pid: int = 0

    def to_bytes(self) -> bytes:
        data = {"version": JOURNAL_VERSION, "pid": self.pid, "folders": self.folders, "moves": self.moves}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def read(cls, staging: Path) -> Journal | None:
        """The staging folder's journal; None when there is none (the commit never began).

        Checked as strictly as the manifest: a journal that names anything outside
        out/ and its staging folder is refused (``Untrusted``), never followed.
        """
        try:
            data = json.loads((staging / JOURNAL).read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as exc:
            raise Untrusted(str(exc)) from None
        try:
            moves = [_move(m) for m in data["moves"]]
            folders = [f for f in data["folders"] if f == "" or (isinstance(f, str) and clean_name(f))]
            if data["version"] != JOURNAL_VERSION or len(folders) != len(data["folders"]):
                raise Untrusted("folders")
        except (KeyError, TypeError, ValueError) as exc:
            raise Untrusted(str(exc)) from None
        return cls(moves, folders, data.get("pid", 0))


def _move(raw: Any) -> tuple[str, str, str, str]:
    src_root, src, dst_root, dst = raw
    if {src_root, dst_root} - {"out", "staging"} or not all(isinstance(p, str) and clean_name(p) for p in (src, dst)):
        raise Untrusted(f"moves: {raw!r}")
    return src_root, src, dst_root, dst


def _plan(out_dir: Path, staging: Path, change: Change) -> Journal:
    """Every move of the commit, decided before the first: what goes aside, what comes in.

    A file being replaced or removed goes to ``old/`` in the staging folder, or, when
    it is kept as a backup (``--force``), is renamed to its ``.bak`` name: a rename
    takes no space, so a full disk cannot leave a half-written backup.
    """
    writes = list(dict.fromkeys(change.writes))
    removals = [n for n in dict.fromkeys(change.removals) if n not in writes]
    moves: list[tuple[str, str, str, str]] = []
    for name, backup in change.backups.items():
        if name not in writes and name not in removals and os.path.lexists(out_dir / name):
            _copy_into(out_dir / name, staging / "bak" / backup)  # kept beside a file that stays
            moves.append(("staging", f"bak/{backup}", "out", backup))

    def aside(name: str) -> tuple[str, str]:
        return ("out", change.backups[name]) if name in change.backups else ("staging", f"old/{name}")

    for name in removals:
        if os.path.lexists(out_dir / name):
            moves.append(("out", name, *aside(name)))
    for name in writes:
        if os.path.lexists(out_dir / name):
            moves.append(("out", name, *aside(name)))
        moves.append(("staging", f"new/{name}", "out", name))
    for _, _, root, path in moves:
        if root == "staging":
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
    folders = _missing_folders(out_dir, [path for _, _, root, path in moves if root == "out"])
    return Journal(moves, folders, os.getpid())


def _copy_into(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _missing_folders(out_dir: Path, names: list[str]) -> list[str]:
    """Folders of out/ (relative; "" for out/ itself) the moves need that do not exist yet, parents first."""
    missing: list[str] = []
    for name in names:
        chain = []
        for folder in PurePosixPath(name).parents:
            relative = "" if str(folder) == "." else str(folder)
            if (out_dir / relative).exists() or relative in missing or relative in chain:
                break
            chain.append(relative)
        missing.extend(reversed(chain))
    return missing


def _apply(out_dir: Path, staging: Path, journal: Journal, received: list[int]) -> None:
    """Write the journal, make the moves, mark the commit done; undo everything on any failure."""
    _durable_staging()
    _write_journal(staging, journal)
    _checkpoint("journal", received)
    try:
        for folder in journal.folders:
            (out_dir / folder).mkdir()
        total = len(journal.moves)
        for number, move in enumerate(journal.moves, 1):
            source, target = _paths(out_dir, staging, move)
            os.replace(source, target)
            _checkpoint("move", received, number, total)
            if received:
                raise Interrupted(received[0])
        _sync_folders(out_dir, staging, journal)
        _checkpoint("moved", received)
        if received:
            raise Interrupted(received[0])
        _write_durably(staging / COMMITTED, b"")
    except BaseException:
        _undo(out_dir, staging, journal, received)
        _discard_journal(staging)
        raise
    _checkpoint("committed", received)
    with contextlib.suppress(OSError):  # done all the same; the next run removes the journal
        _discard_journal(staging)
    _checkpoint("cleanup", received)


def _paths(out_dir: Path, staging: Path, move: tuple[str, str, str, str]) -> tuple[Path, Path]:
    roots = {"out": out_dir, "staging": staging}
    return roots[move[0]] / move[1], roots[move[2]] / move[3]


def _undo(out_dir: Path, staging: Path, journal: Journal, received: list[int]) -> None:
    """Put back what the moves changed, newest first; a move is undone only if it was made.

    A move was made when its source is gone and its target is there; after it is
    undone the opposite holds, so running this again (after a kill) is harmless.
    """
    try:
        done = 0
        for move in reversed(journal.moves):
            source, target = _paths(out_dir, staging, move)
            if not os.path.lexists(source) and os.path.lexists(target):
                os.replace(target, source)
                done += 1
                _checkpoint("undo", received, done)
        _sync_folders(out_dir, staging, journal)
        for folder in reversed(journal.folders):
            with contextlib.suppress(OSError):
                (out_dir / folder).rmdir()
    except OSError as exc:
        raise OutputError(
            "write.rollback_failed", out=str(out_dir), detail=exc.strerror or str(exc), staging=str(staging)
        ) from None


def _write_journal(staging: Path, journal: Journal) -> None:
    """The journal appears whole or not at all: written aside, made durable, then renamed."""
    draft = staging / (JOURNAL + ".tmp")
    _write_durably(draft, journal.to_bytes())
    os.replace(draft, staging / JOURNAL)
    _sync_folder(staging)


def _discard_journal(staging: Path) -> None:
    """The commit is settled: without its journal the staging folder is only rubbish to remove."""
    (staging / JOURNAL).unlink(missing_ok=True)
    _sync_folder(staging)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    _sync_folder(path.parent)


def _durable_staging() -> None:
    """The staged files reach the disk before any of them replaces a file of out/ (power loss)."""
    if hasattr(os, "sync"):
        os.sync()


def _sync_folders(out_dir: Path, staging: Path, journal: Journal) -> None:
    """Make the renames durable: fsync every folder a move touched."""
    folders = {p.parent for move in journal.moves for p in _paths(out_dir, staging, move)}
    for folder in sorted(folders | {out_dir}):
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; there a rename is durable when it returns
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove_tree(path: Path) -> None:
    """Remove a staging folder; again if a worker of a killed run was still writing into it."""
    for _ in range(5):
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.lexists(path):
            return
        time.sleep(0.05)


# --- recovery -----------------------------------------------------------------------

_OUTCOMES = ("cleaned", "completed", "rolled_back")


def recover(out_dir: Path) -> None:
    """Settle every commit into ``out_dir`` a killed run left; call it holding the folder's lock.

    A staging folder with a journal and the ``committed`` marker was fully moved in:
    it is removed. With a journal and no marker, the moves are undone. Without a
    journal, ``out/`` was never touched. One note says what was done.
    """
    outcome = -1
    for staging in stagings(out_dir):
        try:
            journal = Journal.read(staging)
        except Untrusted as exc:
            note("recover.unreadable", staging=str(staging), detail=str(exc)[:200])
            continue
        with _interrupts_deferred() as received:
            outcome = max(outcome, _settle(out_dir, staging, journal, received))

    if outcome >= 0:
        note(f"recover.{_OUTCOMES[outcome]}", out=str(out_dir))


def _settle(out_dir: Path, staging: Path, journal: Journal | None, received: list[int]) -> int:
    """Finish one staging folder's commit; the index in ``_OUTCOMES`` of what that took."""
    if journal is None:
        state = 0
    elif (staging / COMMITTED).exists():
        state = 1
    else:
        _undo(out_dir, staging, journal, received)
        state = 2
    _discard_journal(staging)
    _remove_tree(staging)
    return state


# --- signals and the test hook ------------------------------------------------------


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back while files move; they are acted on afterwards.

    The commit looks at the list after every move and rolls back; a signal that
    came after the last move stops the run once the commit is complete.
    """
    received: list[int] = []
    previous = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, frame: received.append(number))
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise Interrupted(received[0])


def _checkpoint(point: str, received: list[int], number: int | None = None, total: int | None = None) -> None:
    """Test-only (``KEHOACH_TEST_STOP_AT``): stop here, say so, wait for a signal."""
    wanted = os.environ.get(STOP_AT)
    if not wanted:
        return
    if number is not None:
        name, _, count = wanted.partition(":")
        if name != point or not count.lstrip("-").isdigit():
            return
        at = int(count)
        if (at if at >= 0 or total is None else total + at) != number:
            return
    elif wanted != point:
        return
    sys.stderr.write(f"{STOP_AT}={wanted}\n")
    sys.stderr.flush()
    deadline = time.monotonic() + 60
    while not received and time.monotonic() < deadline:
        time.sleep(0.02)
