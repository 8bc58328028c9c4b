"""What staff read: the checklist's content, its wording, drawings and renderings.

One report (:mod:`planner.checklist.content`) is built from a proven plan and
rendered as text, Markdown, HTML and JSON; ``--find`` and ``--save-scenario``
also write here. Pure functions of the plan: no file is read or written."""
