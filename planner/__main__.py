"""``python -m planner`` runs the same command as ``plan-removal``."""

from planner.cli.command import main

main()
