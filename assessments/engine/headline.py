"""The sentence at the top of the report, and how sure we are of it.

Confidence is "high" only when a named buyer or tender demands what the plan delivers and the
plan meets every deadline within budget; "medium" when something demanded strains a deadline,
the budget or an unconfirmed assumption; "low" when nobody has named a framework."""

from __future__ import annotations

from assessments.engine.answers import Answers
from assessments.engine.budget import BudgetCheck
from assessments.engine.codes import Framework, Soc2TypeNeeded
from assessments.engine.deadlines import AT_RISK, LATE, ObligationCheck
from assessments.engine.decision import KEEP, SIGNALS, UPGRADE, Decision, PlanItem
from assessments.engine.obligations import EITHER, Obligation
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, SchemeInfo
from assessments.engine.scheme_plans import PREREQUISITE
from assessments.engine.scheme_verdict import COMPLY
from assessments.engine.timeline import Plan

NOT_YET = "Build readiness now, and start the audit when the first buyer asks"


def _route(framework: str, action: str, plan: Plan | None) -> str:
    if framework == SOC2:
        if action == KEEP:
            return "SOC 2 Type II"
        if action == UPGRADE:
            return "SOC 2 Type II (moving on from your Type I)"
        return "SOC 2 Type I → Type II" if plan and plan.uses_type1 else "SOC 2 Type II"
    if action == UPGRADE:
        return f"{ISO.titled} (recertifying from the 2013 edition)"
    return ISO.titled


def headline_compose(*, decision: Decision, plans: dict[str, Plan], mode: str) -> str:
    if not decision.items:
        return NOT_YET
    keeps = [_route(i.framework, i.action, None) for i in decision.items if i.action == KEEP]
    adds = [
        _route(i.framework, i.action, plans.get(i.framework))
        for i in decision.items
        if i.action != KEEP
    ]
    parts = []
    if keeps:
        parts.append("Keep " + " and ".join(keeps))
    if adds:
        if len(adds) == 2:
            second = plans[decision.adds[1]]
            when = (
                "alongside"
                if mode == "parallel"
                else f"from year {second.phases[0].start // 52 + 1}"
            )
            text = f"{adds[0]}, then {adds[1]} {when}"
        elif keeps:
            when = "" if mode in ("", "parallel") else " in the next budget year"
            text = f"add {adds[0]}{when}"
        else:
            text = adds[0]
        parts.append(text)
    if any(i.basis == SIGNALS for i in decision.items):
        parts[-1] += ", before any buyer asks"
    return "; ".join(parts)


def confidence_assess(
    *,
    answers: Answers,
    decision: Decision,
    obligations: tuple[Obligation, ...],
    checks: tuple[ObligationCheck, ...],
    budget: BudgetCheck,
    plans: tuple[Plan, ...],
    points: dict[str, int],
    rules: dict[str, float],
    scheme_checks: tuple[ObligationCheck, ...] = (),
    scheme_concerns: list[str] | None = None,
) -> tuple[str, str]:
    if not obligations and not scheme_checks:
        if not decision.items:
            why = "so the advice is to wait, and it will change once a buyer asks"
        elif all(i.basis != SIGNALS for i in decision.items):
            why = "so keeping what you hold rests on your customers' past needs, not a new demand"
        else:
            why = "so this rests on signals such as your markets and buyers, not on a demand"
        return "low", f"Nobody has named SOC 2 or ISO 27001 yet, {why}."
    concerns = list(scheme_concerns or [])
    if not obligations and any(i.basis == SIGNALS for i in decision.items):
        started = " and ".join(Framework(i.framework).label for i in decision.items)
        concerns.append(f"{started} rests on signals, not on a buyer's demand")
    late = [c for c in checks if c.status == LATE]
    if late:
        proofs = " and ".join(sorted({c.proof_name for c in late}))
        concerns.append(f"{proofs} would arrive after the date it is needed")
    at_risk = [c for c in checks if c.status == AT_RISK]
    if at_risk:
        proofs = " and ".join(sorted({c.proof_name for c in at_risk}))
        concerns.append(f"{proofs} meets its date only if preparation goes fast")
    if not budget.fits:
        years = ", ".join(str(y.year) for y in budget.over)
        concerns.append(f"the plan costs more than the budget in year {years}")
    if answers.soc2_type_needed == Soc2TypeNeeded.UNKNOWN and any(p.uses_type1 for p in plans):
        concerns.append("the deadline is met only if the buyer accepts a Type I report")
    either = [c for o, c in zip(obligations, checks, strict=True) if o.framework == EITHER]
    if either and either[0].status != "held":
        margin = abs(points[FRAMEWORKS[0]] - points[FRAMEWORKS[1]])
        if margin < rules["signals_close_margin"]:
            concerns.append("the tender takes either, and your answers favour one only narrowly")
    if concerns:
        return "medium", "A buyer or tender names what you need, but " + "; ".join(concerns) + "."
    return (
        "high",
        "A named buyer or tender demands it, and the plan meets every date within budget.",
    )


def path_headline(
    *,
    base: str,
    decision: Decision,
    plans: dict[str, Plan],
    items: tuple[PlanItem, ...],
    path: tuple[str, ...],
    schemes: dict[str, SchemeInfo],
) -> str:
    """The headline when buyers demand other schemes too: the whole path in order, what is kept
    first, each prerequisite joined to the scheme that needs it, and any law's duties."""
    if not items:
        return base
    actions = {i.framework: i for i in (*decision.items, *items)}

    def name(key: str) -> str:
        item = actions[key]
        if key in FRAMEWORKS:
            return _route(key, item.action, plans.get(key))
        return schemes[key].name

    kept = [name(k) for k in path if actions[k].action == KEEP]
    new = [k for k in path if actions[k].action not in (KEEP, COMPLY)]
    steps: list[str] = []
    mentioned: set[str] = set()
    for key in new:
        if key in mentioned:
            continue
        needs = ""
        if actions[key].basis == PREREQUISITE:
            needs = next((i.framework for i in items if _needs(schemes, i.framework, key)), "")
        steps.append(f"{name(key)} → {name(needs)}" if needs else name(key))
        mentioned |= {key, needs}
    parts = []
    if kept:
        parts.append("Keep " + " and ".join(kept))
    if steps:
        first = ("add " if kept else "") + steps[0] + (" now" if len(steps) > 1 or kept else "")
        parts.append(", then ".join([first, *steps[1:]]))
    if not decision.items:
        parts.append("SOC 2 or ISO 27001 only once a buyer asks for one")
    elif any(i.basis == SIGNALS for i in decision.items):
        parts[-1] += " (SOC 2 or ISO 27001 before any buyer asks)"
    laws = [schemes[i.framework].name for i in items if i.action == COMPLY]
    if laws:
        parts.append(f"meet {' and '.join(laws)} duties throughout")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def _needs(schemes: dict[str, SchemeInfo], key: str, base: str) -> bool:
    planning = schemes[key].planning if key in schemes else None
    return bool(planning and planning.prerequisite and planning.builds_on == base)
