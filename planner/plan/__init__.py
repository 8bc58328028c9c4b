"""From a request to a proven plan: intent, the dependency graph, follow-ups, proof.

:mod:`~planner.plan.intent` says what the request asks for,
:mod:`~planner.plan.graph` orders the steps as a dependency graph,
:mod:`~planner.plan.orders` and :mod:`~planner.plan.proof` prove every order it
allows (and a proposed one) with the rules, and
:mod:`~planner.plan.registration` checks the export the plan stands on."""
