"""``python -m kehoach`` runs the same CLI as the ``kehoach`` command."""

from kehoach.cli.app import main

main()
