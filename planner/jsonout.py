"""The machine-readable plan, format ``plan-removal/1`` (formats.md §4)."""

from __future__ import annotations

import json

from planner.planner import Plan, PlannedStep

FORMAT = "plan-removal/1"


def step_dict(planned: PlannedStep) -> dict:
    out = {
        "n": planned.n,
        "group": planned.group,
        "action": planned.action,
        "target": planned.target,
        "client": planned.client,
        "after": [n for n, _reason in planned.after],
        "waits": [{"step": n, "reason": reason} for n, reason in planned.after],
        "events": [event.as_dict() for event in planned.events],
    }
    if planned.decisions:
        out["decisions"] = [
            {
                "kind": d.kind,
                "subject": d.subject,
                "others": list(d.others),
                "replaces": d.replaces.as_dict(),
            }
            for d in planned.decisions
        ]
    return out


def plan_document(plan: Plan) -> dict:
    scenario = plan.scenario
    return {
        "format": FORMAT,
        "scenario": scenario.path,
        "fingerprint": scenario.fingerprint,
        "plan": {"steps": [step_dict(p) for p in plan.steps]},
    }


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
