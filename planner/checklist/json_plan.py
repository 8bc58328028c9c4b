"""The machine-readable plan, format ``plan-removal/1`` (formats.md §4)."""

from __future__ import annotations

import json

from planner.checklist.decisions import not_done, not_given
from planner.output.neutral import json_text
from planner.plan.followups import FollowUp
from planner.plan.graph import Plan, PlannedStep
from planner.plan.proof import Verdict

FORMAT = "plan-removal/1"


def step_dict(planned: PlannedStep) -> dict:
    out = {
        "n": planned.n,
        "group": planned.group,
        "action": planned.action,
        "target": planned.target,
    }
    if planned.step.main:  # a link step: the record it is linked under
        out["main"] = planned.step.main
    out.update(
        client=planned.client,
        after=[n for n, _reason in planned.after],
        waits=[{"step": n, "reason": reason} for n, reason in planned.after],
        events=[event.as_dict() for event in planned.events],
    )
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


def followup_dict(task: FollowUp) -> dict:
    out = {"kind": task.kind, "subject": task.subject, "others": list(task.others)}
    if task.after_decision is not None:
        out["after_decision"] = task.after_decision
    return out


def taken_dict(plan: Plan, taken) -> dict:
    """A decision staff took; for ``keep``, which part of which event of the
    request is therefore not done, and the follow-ups left out."""
    target = taken.decision.replaces.target
    events = plan.scenario.events
    return {
        "subject": target,
        "choice": taken.choice,
        "kind": taken.decision.kind,
        "step": taken.decision.replaces.as_dict(),
        "request_not_done": [
            {"event": index + 1, "kind": events[index].kind, "part": part} for index, part in not_done(plan, taken)
        ],
        "followups_not_given": [followup_dict(f) for f in not_given(plan) if f.subject == target],
    }


def plan_document(plan: Plan, verdict: Verdict) -> dict:
    scenario = plan.scenario
    proposed = None
    if verdict.proposed_findings is not None:
        proposed = {
            "steps": [
                {"n": n, **step.as_dict()} for n, step in enumerate(scenario.proposed, start=1)
            ],
            "findings": [f.as_dict() for f in verdict.proposed_findings],
        }
    return {
        "format": FORMAT,
        "scenario": scenario.path,
        "fingerprint": scenario.fingerprint,
        "ok": verdict.ok,
        "status": verdict.status,
        "registration": [f.as_dict() for f in verdict.registration],
        "registration_elsewhere": verdict.registration_elsewhere,
        "plan": {
            "steps": [step_dict(p) for p in plan.steps],
            "findings": [f.as_dict() for f in verdict.plan_findings],
            "orders": verdict.orders.as_dict(),
            "already_done": [
                {"person": person, "client": client} for person, client in plan.intent.nothing_at
            ],
            "followups": [followup_dict(f) for f in plan.followups],
            "decisions_taken": [taken_dict(plan, t) for t in plan.taken],
            "decisions_unused": list(plan.unused),
        },
        "proposed": proposed,
    }


def dumps(document: dict) -> str:
    """The document as JSON text; characters a terminal would act on are
    written as \\uXXXX escapes, which read back as the same text."""
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
