"""``python -m htleads`` runs the command line."""

from htleads.cli import main

main()
