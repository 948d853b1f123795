"""One kehoach run at a time per output folder: a lock file beside ``out/``.

Two renders into one ``out/`` would interleave their manifests and their moves,
so a run that writes there holds ``.kehoach-<out>.lock`` (beside ``out/``, like
the staging folders, so that ``out/`` itself only ever holds documents) from
its first look at the manifest to its commit. The file is created atomically
(``O_CREAT | O_EXCL``) and says who holds it: pid, host, boot and the process's
start time. A lock whose holder is gone (killed, or the machine restarted) is
stale and taken over; one held by a live run is waited for a few seconds, then
the second run stops with a message naming the holder (exit code 4).

A process may take a lock it already holds (``print-pack`` renders first); a
second thread of the same process waits like a second process.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from kehoach.text.errors import OutputError

if sys.platform != "win32":  # Windows has no flock: stale locks are broken there on a best-effort basis
    import fcntl

#: How long a second run waits for the first before it gives up (``KEHOACH_LOCK_WAIT`` overrides it).
WAIT_SECONDS = 5.0
WAIT_VARIABLE = "KEHOACH_LOCK_WAIT"
POLL_SECONDS = 0.1
#: A lock file whose holder cannot be read is being written if younger than this, else left by a kill.
UNREADABLE_GRACE = 5.0

_threads: dict[Path, threading.RLock] = {}
_depth: dict[Path, int] = {}
_registry = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: enough to tell, later, whether that process still runs."""

    pid: int
    host: str
    boot: str = ""
    started: str = ""

    @classmethod
    def me(cls) -> Holder:
        """This process."""
        return cls(os.getpid(), socket.gethostname(), _boot_id(), _start_time(os.getpid()) or "")

    def gone(self) -> bool:
        """The holder has certainly ended; False when that cannot be known (another host)."""
        me = Holder.me()
        if self.host != me.host:
            return False
        if self.boot and me.boot and self.boot != me.boot:
            return True  # the machine restarted since (a power loss)
        if self.pid == me.pid:
            return True  # not this process's lock: its own holds are counted in memory
        if not _alive(self.pid):
            return True
        started = _start_time(self.pid)
        return bool(self.started and started and started != self.started)  # pid reused


def lock_path(out_dir: Path) -> Path:
    """``.kehoach-out.lock`` beside ``out/``."""
    out = out_dir.resolve()
    return out.parent / f".kehoach-{out.name}.lock"


@contextlib.contextmanager
def holding(out_dir: Path, wait: float | None = None) -> Iterator[bool]:
    """Hold ``out_dir``'s lock; yields True for the outermost hold of this thread.

    Waits up to ``wait`` seconds (``WAIT_SECONDS`` by default) for another holder,
    then raises ``OutputError("out.locked")``.
    """
    path = lock_path(out_dir)
    wait = waiting_time() if wait is None else wait
    deadline = time.monotonic() + wait
    local = _thread_lock(path)
    if not local.acquire(timeout=max(deadline - time.monotonic(), 0.0)):
        raise _refusal(path, out_dir, wait, _read(path)[1] or Holder.me())
    try:
        depth = _depth.get(path, 0)
        created = _acquire(path, out_dir, deadline, wait) if depth == 0 else []
        _depth[path] = depth + 1
        try:
            yield depth == 0
        finally:
            _depth[path] = depth
            if depth == 0:
                _release(path, created)
    finally:
        local.release()


def waiting_time() -> float:
    """Seconds a run waits for another holder: ``KEHOACH_LOCK_WAIT`` when it is a number, else the default."""
    try:
        return max(float(os.environ[WAIT_VARIABLE]), 0.0)
    except (KeyError, ValueError):
        return WAIT_SECONDS


def held(out_dir: Path) -> bool:
    """This process holds ``out_dir``'s lock (any thread)."""
    return _depth.get(lock_path(out_dir), 0) > 0


def _thread_lock(path: Path) -> threading.RLock:
    with _registry:
        return _threads.setdefault(path, threading.RLock())


def _acquire(path: Path, out_dir: Path, deadline: float, wait: float) -> list[Path]:
    """Create the lock file, taking over a stale one; the parent folders it had to create."""
    created = _make_parents(path.parent, out_dir)
    content = json.dumps(asdict(Holder.me())).encode("utf-8")
    while True:
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            raw, holder = _read(path)
            if raw is None:
                continue  # released meanwhile
            if _stale(path, holder):
                _break(path, raw)
            elif time.monotonic() >= deadline:
                raise _refusal(path, out_dir, wait, holder) from None
            else:
                time.sleep(POLL_SECONDS)
            continue
        except OSError as exc:
            raise _failed(out_dir, exc) from None
        try:
            os.write(handle, content)
            os.fsync(handle)
        except BaseException as exc:
            os.close(handle)
            path.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _failed(out_dir, exc) from None
            raise
        os.close(handle)
        return created


def _release(path: Path, created: list[Path]) -> None:
    """Remove the lock file (if still ours) and the empty folders made for it."""
    _, holder = _read(path)
    if holder is not None and holder.pid == os.getpid():
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _make_parents(folder: Path, out_dir: Path) -> list[Path]:
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(out_dir, exc) from None
    return list(reversed(missing))


def _read(path: Path) -> tuple[bytes | None, Holder | None]:
    """The lock file's bytes (None when there is no file) and its holder (None when unreadable)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError:
        return b"", None
    try:
        data = json.loads(raw)
        holder = Holder(int(data["pid"]), str(data["host"]), str(data.get("boot", "")), str(data.get("started", "")))
    except (ValueError, KeyError, TypeError, RecursionError):
        return raw, None
    return raw, holder


def _stale(path: Path, holder: Holder | None) -> bool:
    if holder is not None:
        return holder.gone()
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    return age > UNREADABLE_GRACE


def _break(path: Path, raw: bytes) -> None:
    """Remove a stale lock, unless another run replaced it since it was read."""
    with _breaking(path.parent):
        try:
            if path.read_bytes() == raw:
                path.unlink()
        except OSError:
            pass


@contextlib.contextmanager
def _breaking(folder: Path) -> Iterator[None]:
    """Only one process at a time judges and removes a stale lock (POSIX; elsewhere, best effort)."""
    if sys.platform == "win32":
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _refusal(path: Path, out_dir: Path, wait: float, holder: Holder | None) -> OutputError:
    return OutputError(
        "out.locked",
        out=str(out_dir),
        pid=holder.pid if holder else "?",
        host=holder.host if holder else "?",
        wait=f"{wait:g}",
        lock=str(path),
    )


def _failed(out_dir: Path, exc: OSError) -> OutputError:
    return OutputError("write.failed", out=str(out_dir), detail=exc.strerror or str(exc))


def _alive(pid: int) -> bool:
    """The process runs (a zombie, killed but not yet reaped, does not)."""
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return _proc_stat(pid)[0] != "Z"


if sys.platform == "win32":  # mypy checks this only for Windows, where ctypes has windll
    import ctypes

    def _alive_windows(pid: int) -> bool:
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE


def _proc_stat(pid: int) -> tuple[str, str]:
    """(state, start time in clock ticks) from /proc; ("", "") where there is no /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return "", ""
    fields = text.rpartition(")")[2].split()
    return (fields[0], fields[19]) if len(fields) > 19 else ("", "")


def _start_time(pid: int) -> str:
    return _proc_stat(pid)[1]


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""
