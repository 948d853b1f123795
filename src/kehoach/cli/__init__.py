"""The command line (top layer): typer options in, one core function called, its result shown."""
