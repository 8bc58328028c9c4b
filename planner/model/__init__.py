"""The model everything else works on: the office's client graph, steps, scenarios, findings.

The bottom of the domain: it imports nothing of plan-removal but
:mod:`planner.text`."""
