"""``kehoach watch``: the command line of :func:`kehoach.commands.watch.run_watch`."""

from __future__ import annotations

from pathlib import Path

from kehoach.cli import show
from kehoach.cli.common import LangOpt, OutOpt, PlanArg, command_app, err_console, help_text, language, out_console
from kehoach.cli.guard import guard
from kehoach.commands.watch import run_watch

app = command_app()


@app.command("watch", help=help_text("watch"))
def watch_command(plan: PlanArg = Path("plan.yaml"), out: OutOpt = Path("out"), lang: LangOpt = None) -> None:
    """Tự xuất lại mỗi khi lưu plan.yaml hoặc mẫu. Re-render on every save (Ctrl-C to stop)."""
    lang = language(lang)
    show.say(err_console, "watch.start", lang, "bold", plan=plan)
    guard(
        lambda: run_watch(plan, out, lambda outcome: show.show_outcome(out_console, err_console, outcome, lang)),
        lang,
        out,
    )
    show.say(err_console, "watch.stopped", lang)
