"""Rendering many documents: one after another, or spread over the processor's cores.

A city's plan sends letters and checklists to hundreds of units. Above a few
dozen documents the work is shared by a process pool: each worker receives the
plan once, compiles each template once, and writes its documents straight into
the staging folder, returning only their hashes. Ctrl-C is left to the parent,
which stops the pool; the staging folder then disappears and ``out/`` is as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from kehoach.plan.model import Plan
from kehoach.publish import commit
from kehoach.publish.manifest import sha256
from kehoach.render import kinds

#: Below this many documents a pool costs more to start than it saves.
POOL_THRESHOLD = 48
#: prctl(2) option: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
#: Documents per task: small enough for a smooth progress bar, large enough to be cheap.
CHUNK = 16
#: A document this large (zipped: a plan of hundreds of units) had a large XML tree.
LARGE_DOCUMENT = 1_000_000
#: From this many documents (a plan of 2,000 units), memory runs short before time does: the
#: documents of the whole plan are rendered before the pool (:func:`_whole_plan_first`).
MEMORY_FIRST = 4000
#: Documents one pool renders before its workers are replaced. A worker copies each page of
#: the plan it reads (reading an object writes its reference count), so over a province's run
#: its workers would copy the plan's units once more; a pool that ends with its share hands its
#: copies back, and the next pool's workers start clean. A city's plan (1,000 units, 2,001
#: documents) is rendered by one pool.
RENEWED = 2500


@dataclass(frozen=True)
class Rendered:
    """A document written into the staging folder."""

    name: str
    sha256: str
    size: int
    mtime_ns: int


class _WorkerState(TypedDict, total=False):
    """What a worker process is given once, at its start, for every document it renders."""

    plan: Plan
    plan_dir: Path
    staging: Path
    #: Each template name's file, found at the worker's first document of it.
    templates: dict[str | None, Path | None]


_worker: _WorkerState = {}


def _start_worker(plan: Plan, plan_dir: Path, staging: Path, parent: int) -> None:
    """Leave every stop signal to the parent, and never outlive it.

    The parent rolls a run back on Ctrl-C, SIGTERM or SIGHUP and then stops the
    pool itself. A parent killed outright (SIGKILL) cannot: its workers would wait
    forever on a queue whose pipe they hold open themselves, so they are killed
    with it.
    """
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _die_with(parent)
    _worker.update({"plan": plan, "plan_dir": plan_dir, "staging": staging})


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies (Linux), or leave now if it has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _render_one(
    document: kinds.Document, plan: Plan, plan_dir: Path, staging: Path, template: Path | None = None
) -> Rendered:
    """Render and stage one document; ``template`` its template when already found."""
    template = template if template is not None else kinds.template_for(document, plan_dir)
    data = kinds.render_document(document, plan, template)
    stat = commit.stage(staging, document.name, data, staging)
    if len(data) > LARGE_DOCUMENT:
        give_back_memory()
    return Rendered(document.name, sha256(data), len(data), stat.st_mtime_ns)


def give_back_memory() -> None:
    """Return to the system the memory a large document's XML tree (or a loaded YAML) held.

    libxml2 allocates each node with ``malloc``; freed, they stay with the process (glibc
    keeps them for later), so the worker that rendered a province's plan document would hold
    its 150 MB to the end of the run. ``malloc_trim`` hands the free pages back (glibc only).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)


def _render_chunk(documents: list[kinds.Document]) -> list[Rendered]:
    plan, plan_dir, staging = _worker["plan"], _worker["plan_dir"], _worker["staging"]
    found = _worker.setdefault("templates", {})  # looked for once per worker, not per document
    out = []
    for document in documents:
        if document.template not in found:
            found[document.template] = kinds.template_for(document, plan_dir)
        out.append(_render_one(document, plan, plan_dir, staging, found[document.template]))
    return out


def workers() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_all(
    documents: list[kinds.Document],
    plan: Plan,
    plan_dir: Path,
    staging: commit.Staging,
    progress: Callable[[int], None] = lambda done: None,
) -> Iterator[Rendered]:
    """Render ``documents`` into ``staging``, yielding each as it is done (not in order)."""
    cores = workers()
    if len(documents) < POOL_THRESHOLD or cores < 2:
        for document in documents:
            yield _render_one(document, plan, plan_dir, staging.path)
            progress(1)
        return
    with _shared_with_workers():
        if len(documents) >= MEMORY_FIRST:
            yield from _whole_plan_first(documents, plan, plan_dir, staging, progress)
            documents = [d for d in documents if d.unit is not None]
        for start in range(0, len(documents), RENEWED):  # fresh workers for each share
            yield from _pool(documents[start : start + RENEWED], plan, plan_dir, staging, progress, cores)


def _whole_plan_first(
    documents: list[kinds.Document],
    plan: Plan,
    plan_dir: Path,
    staging: commit.Staging,
    progress: Callable[[int], None],
) -> Iterator[Rendered]:
    """Render the documents of the whole plan here, before the pool, and give their memory back.

    A province's plan document reads every unit and task of the plan. Rendered in a worker,
    it would make that worker copy every page of the plan it shares with the parent (each
    object read is written: its reference count); rendered here, before any worker exists,
    it copies nothing, and what its tree took is returned before the workers are forked.
    """
    for document in (d for d in documents if d.unit is None):
        yield _render_one(document, plan, plan_dir, staging.path)
        progress(1)
    give_back_memory()


def _pool(
    documents: list[kinds.Document],
    plan: Plan,
    plan_dir: Path,
    staging: commit.Staging,
    progress: Callable[[int], None],
    cores: int,
) -> Iterator[Rendered]:
    chunks = [documents[i : i + CHUNK] for i in range(0, len(documents), CHUNK)]
    start = (plan, plan_dir, staging.path, os.getpid())
    with ProcessPoolExecutor(cores, initializer=_start_worker, initargs=start) as pool:
        futures = [pool.submit(_render_chunk, chunk) for chunk in chunks]
        try:
            for future in as_completed(futures):
                done = future.result()
                progress(len(done))
                yield from done
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


@contextlib.contextmanager
def _shared_with_workers() -> Iterator[None]:
    """Keep the parent's objects (the plan) on pages the forked workers share, not copy.

    A worker's cycle collector would write into every object it inherited, the whole plan
    of a province, and so copy each page of it; frozen (``gc.freeze``, as Python's
    documentation advises before a fork) they are left alone. The parent's own collector,
    while it renders a province's plan document (:func:`_whole_plan_first`), would walk the
    plan's million objects at each pass: three seconds of a four-second document.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
