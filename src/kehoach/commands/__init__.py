"""One module per command; each exposes a ``run_*`` function that returns data."""
