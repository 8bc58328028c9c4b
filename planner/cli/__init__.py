"""The command: its options, its modes, and the one table of exit statuses.

The top layer, and the only one that reads arguments, does I/O through
:mod:`planner.output.writer` and decides an exit status. Each mode is a thin
function over the layers below it."""
