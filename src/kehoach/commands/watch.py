"""``kehoach watch``: validate and render again on every save of the plan or a template.

Each run is an ordinary ``render`` (all or nothing, hand edits kept, unchanged
documents skipped), so the folder is never left half-written however fast the
secretary saves. Problems are reported with their line and column and the watch
goes on; the next save is checked again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kehoach.publish.pipeline import RenderResult, run_render
from kehoach.text.errors import KehoachError

Outcome = RenderResult | KehoachError


def watched(plan_path: Path) -> Callable[[Any, str], bool]:
    """Changes that matter: the plan file itself and anything under templates/ beside it."""
    plan = plan_path.resolve()
    templates = plan.parent / "templates"

    def relevant(change: Any, path: str) -> bool:
        target = Path(path).resolve()
        return target == plan or templates in target.parents

    return relevant


def render_once(plan_path: Path, out_dir: Path, **options: Any) -> Outcome:
    """One render; a problem is returned (to be shown), not raised (the watch goes on)."""
    try:
        return run_render(plan_path, out_dir, **options)
    except KehoachError as exc:
        return exc


def run_watch(
    plan_path: Path,
    out_dir: Path,
    on_outcome: Callable[[Outcome], None],
    stop: threading.Event | None = None,
    force_polling: bool | None = None,
    **options: Any,
) -> None:
    """Render now, then after every relevant change until ``stop`` is set or Ctrl-C, which
    is the normal way to stop, so it returns (each render is all or nothing)."""
    try:
        _watch(plan_path, out_dir, on_outcome, stop, force_polling, options)
    except KeyboardInterrupt:
        return


def _watch(
    plan_path: Path,
    out_dir: Path,
    on_outcome: Callable[[Outcome], None],
    stop: threading.Event | None,
    force_polling: bool | None,
    options: dict[str, Any],
) -> None:
    import watchfiles

    rendered = _render_until_still(plan_path, out_dir, on_outcome, options)
    for changes in watchfiles.watch(
        plan_path.resolve().parent,
        watch_filter=watched(plan_path),
        stop_event=stop,
        debounce=300,
        force_polling=force_polling,
        # Raised, not logged: watchfiles would log an English line of its own.
        raise_interrupt=True,
        rust_timeout=1000,
        yield_on_timeout=True,
    ):
        # An event, or a quiet second in which the files changed anyway (an event lost
        # while rendering, a network drive that sends none): either way, render.
        if changes or fingerprint(plan_path) != rendered:
            rendered = _render_until_still(plan_path, out_dir, on_outcome, options)


def _render_until_still(
    plan_path: Path, out_dir: Path, on_outcome: Callable[[Outcome], None], options: dict[str, Any]
) -> tuple[tuple[str, int, int], ...]:
    """Render; if the files changed meanwhile (a save during the render), render again."""
    while True:
        before = fingerprint(plan_path)
        on_outcome(render_once(plan_path, out_dir, **options))
        if fingerprint(plan_path) == before:
            return before


def fingerprint(plan_path: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of the plan and of every file under templates/."""
    files = [plan_path, *sorted((plan_path.parent / "templates").rglob("*"))]
    out = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)
