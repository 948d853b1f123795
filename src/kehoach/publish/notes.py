"""Notes to the user that are not errors: a commit recovered, a manifest ignored.

The output folder's code says them as a catalogue code and its arguments; the
command line, listening, words them in the user's language. Kept apart so the
manifest and the commit can both speak without importing each other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

Listener = Callable[[str, dict[str, Any]], None]
_listeners: list[Listener] = []
_said: set[tuple[str, str]] = set()


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send this module's one-line notes (catalogue code and arguments) to ``listener``."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def note(code: str, once: str | None = None, **args: Any) -> None:
    """Tell the user something that is not an error; ``once`` keys a note said at most once."""
    if not _listeners or (once is not None and (code, once) in _said):
        return
    if once is not None:
        _said.add((code, once))
    _listeners[-1](code, args)
