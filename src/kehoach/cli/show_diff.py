"""A diff in the terminal: coloured words, Markdown or JSON, then the units it affects.

Apart from :mod:`kehoach.cli.show` so that only ``kehoach diff`` loads the diff package.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from kehoach import diff
from kehoach.cli.show import say
from kehoach.diff.sides import DiffResult
from kehoach.text import messages

DIFF_STYLES = {
    "label": "bold",
    "text": "",
    "old": "red",
    "new": "green",
    "delete": "red strike",
    "insert": "bold green",
    "heading": "bold underline",
}


def show_diff(console: Console, result: DiffResult, fmt: str, lang: str) -> None:
    """A diff in the terminal (coloured), as Markdown, or as JSON; then the affected units."""
    changes = result.diff
    if fmt == "json":
        data = diff.to_json(changes)
        data["affected_units"] = result.affected
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    if fmt == "markdown":
        console.print(diff.to_markdown(changes, lang), markup=False, highlight=False, soft_wrap=True)
    else:
        labels = {"old": result.old_label, "new": result.new_label}
        _unwrapped(console, "diff.compared", lang, "dim", **labels)
        _diff_lines(console, changes, lang)
    if result.affected:
        _unwrapped(console, "diff.affected", lang, "bold", units="; ".join(result.affected_names()))


def _unwrapped(console: Console, code: str, lang: str, style: str, **args: object) -> None:
    """A catalogue sentence on one line however long: a pipe or ``grep`` sees it whole."""
    console.print(Text(messages.text(code, lang, **args), style=style), soft_wrap=True)


def _diff_lines(console: Console, changes: diff.PlanDiff, lang: str) -> None:
    """Coloured words in a terminal; ``[-cũ-]{+mới+}`` markers wherever colour is off (pipe, NO_COLOR)."""
    markers = console.no_color or console.color_system is None
    rows = list(diff.text_rows(changes, lang, markers=markers))
    if not rows:
        say(console, "diff.empty", lang, "green")
        return
    for row in rows:
        text = Text()
        for span in row:
            text.append(span.text, style=DIFF_STYLES.get(span.style, ""))
        console.print(text, soft_wrap=True)
