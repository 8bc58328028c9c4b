"""What a firm's CI runs: ``--check`` over fixtures and ``--lint`` over exports.

The files each is held to, the codes of the checks themselves and the catalogue
of every code, the configuration ``.plan-removal.yaml``, and the reports for
people and CI (text, GitHub annotations, JSON, JUnit XML, SARIF)."""
