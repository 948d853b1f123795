"""``kehoach schema``: prints the JSON Schema of plan.yaml (:func:`kehoach.commands.init.schema_text`)."""

from __future__ import annotations

import sys

from kehoach.cli.common import command_app, help_text
from kehoach.commands.init import schema_text

app = command_app()


@app.command("schema", help=help_text("schema"))
def schema_command() -> None:
    """In JSON Schema của plan.yaml. Print the JSON Schema of plan.yaml."""
    sys.stdout.write(schema_text())
