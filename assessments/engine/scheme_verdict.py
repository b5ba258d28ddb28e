"""What the plan says about each demanded scheme: its place in the plan, its check against the
date, the whole path in order, the headline's words for it, and what lowers confidence.

A scheme is held (kept), planned (added), or, for a law, complied with; a scheme with no
planning data, or words that name no scheme we know, is reported, never silently dropped."""

from __future__ import annotations

from assessments.engine.answers import Answers
from assessments.engine.costs import Money, OptionCost
from assessments.engine.deadlines import AT_RISK, HELD, LATE, ON_TIME, OPEN, ObligationCheck
from assessments.engine.decision import ADD, KEEP, OBLIGATION, PlanItem
from assessments.engine.formats import duration, money, money_range
from assessments.engine.reference import SchemeInfo
from assessments.engine.scheme_plans import PREREQUISITE, Demand, multi_year
from assessments.engine.timeline import Plan
from assessments.engine.warnings import Warning

COMPLY = "comply"  # a law: its duties are met, it is never obtained
APPLIES = "applies"  # a law's check: it binds now, with no proof to wait for
SOURCES = {"answer": ("customers",), "text": ("customers",), "tender_text": ("tender",)}


def scheme_items(
    demands: tuple[Demand, ...], schemes: dict[str, SchemeInfo], held: frozenset[str]
) -> tuple[PlanItem, ...]:
    items = []
    for demand in demands:
        scheme = schemes[demand.key]
        action = COMPLY if scheme.is_law else (KEEP if demand.key in held else ADD)
        basis = PREREQUISITE if demand.how == PREREQUISITE else OBLIGATION
        items.append(PlanItem(demand.key, action, basis))
    return tuple(items)


def scheme_checks(
    *,
    answers: Answers,
    demands: tuple[Demand, ...],
    schemes: dict[str, SchemeInfo],
    plans: dict[str, Plan],
) -> tuple[ObligationCheck, ...]:
    """Each demanded scheme against its date: held, on time, at risk (only a fast programme
    meets it), late, open (no date), or, for a law, applies."""
    checks = []
    for demand in demands:
        if not demand.demanded:
            continue
        scheme = schemes[demand.key]
        plan = plans.get(demand.key)
        weeks = answers.weeks_until(demand.deadline)
        spread = plan.proof_range(demand.key) if plan else None
        if scheme.is_law:
            status = APPLIES
        elif plan is None or spread is None:
            status = OPEN
        elif plan.held:
            status = HELD
        elif weeks is None:
            status = OPEN
        elif spread.typical <= weeks:
            status = ON_TIME
        else:
            status = AT_RISK if spread.low <= weeks else LATE
        checks.append(
            ObligationCheck(
                framework=demand.key,
                asked=demand.key,
                sources=SOURCES.get(demand.how, ()),
                deals=demand.deals,
                deadline=demand.deadline,
                deadline_weeks=None if weeks is None else round(weeks),
                proof=demand.key,
                proof_name=scheme.name,
                proof_week=spread.typical if spread else 0,
                status=status,
                proof_week_fast=spread.low if spread else None,
                proof_week_slow=spread.high if spread else None,
                interim=scheme.planning.meanwhile
                if scheme.planning and status in (LATE, AT_RISK)
                else "",
            )
        )
    return tuple(checks)


def path_order(
    framework_items: tuple[PlanItem, ...],
    framework_plans: dict[str, Plan],
    items: tuple[PlanItem, ...],
    plans: dict[str, Plan],
) -> tuple[str, ...]:
    """The whole path: what is kept first, then everything new by when it is in hand (a law,
    never obtained, last), frameworks before schemes on the same week."""
    kept = [i.framework for i in (*framework_items, *items) if i.action == KEEP]
    every = {**framework_plans, **plans}
    new = [i for i in (*framework_items, *items) if i.action not in (KEEP, COMPLY)]
    new.sort(
        key=lambda i: (
            every[i.framework].first_proof_week if i.framework in every else 10**6,
            i in items,
        )
    )
    laws = [i.framework for i in items if i.action == COMPLY]
    return tuple(dict.fromkeys([*kept, *(i.framework for i in new), *laws]))


def scheme_concerns(
    checks: tuple[ObligationCheck, ...], plans: dict[str, Plan], schemes: dict[str, SchemeInfo]
) -> list[str]:
    """What keeps confidence below "high": a demanded scheme late or at risk, or a programme
    that takes more than a year."""
    concerns = []
    for check in checks:
        name = schemes[check.asked].name
        if check.status == LATE:
            concerns.append(f"{name} would arrive after the date it is needed")
        elif check.status == AT_RISK:
            concerns.append(f"{name} meets its date only if preparation goes fast")
        plan = plans.get(check.asked)
        if plan is None and check.status != APPLIES:
            concerns.append(f"Certpath has no timeline or cost figures for {name} yet")
        if multi_year(plan):
            concerns.append(
                f"{name} is a programme of about {duration(plan.first_proof_week)}, longer than "
                "a year, with much outside the team's control"
            )
    return concerns


def unknown_words(answers: Answers, schemes: tuple[SchemeInfo, ...]) -> str:
    """The "other scheme" text, when it names no scheme Certpath knows."""
    from assessments.engine.schemes import schemes_named

    text = answers.scheme_other.strip()
    if text and not schemes_named(text=text, schemes=schemes):
        return text
    return ""


def scheme_warnings(
    *,
    checks: tuple[ObligationCheck, ...],
    plans: dict[str, Plan],
    schemes: dict[str, SchemeInfo],
    demands: tuple[Demand, ...],
    cost: OptionCost | None,
    unknown: str,
) -> list[Warning]:
    """Plain words on each demanded scheme that cannot be met as asked: what cannot be met,
    what the buyer can be offered meanwhile, and what it would take."""
    found = []
    for check in checks:
        scheme = schemes[check.asked]
        plan = plans.get(check.asked)
        if check.status in (LATE, AT_RISK) and plan:
            found.append(
                Warning(
                    "scheme_late" if check.status == LATE else "scheme_at_risk",
                    "danger" if check.status == LATE else "warning",
                    _late_scheme_text(check, scheme, plan, cost),
                )
            )
        elif multi_year(plan):
            found.append(Warning("scheme_multi_year", "warning", _long_text(scheme, plan, cost)))
    for demand in demands:
        scheme = schemes[demand.key]
        if scheme.planning is None and not scheme.is_law:
            found.append(
                Warning(
                    "scheme_not_planned",
                    "warning",
                    f"{scheme.name} is demanded, but Certpath has no timeline or cost figures "
                    "for it yet, so it is not in the timeline or the totals. Ask an assessor "
                    "for a quote and a schedule, and add the quote to your budget.",
                )
            )
    if unknown:
        found.append(
            Warning(
                "scheme_unknown",
                "warning",
                f"We could not match “{unknown}” to a scheme we know, so it is not in the plan. "
                "Check the name with the buyer, and plan its time and cost with an assessor.",
            )
        )
    return found


def _scheme_cost(cost: OptionCost | None, key: str) -> tuple[Money, str] | None:
    if cost is None:
        return None
    lines = [line for line in cost.lines if line.framework == key and line.in_cash_totals]
    if not lines:
        return None
    return sum((line.amount for line in lines), Money(0, 0, 0)), cost.currency


def _would_take(scheme: SchemeInfo, plan: Plan, cost: OptionCost | None) -> str:
    spread = plan.proof_range(scheme.key)
    text = (
        f"It would take about {duration(spread.typical)} from the start (a fast programme "
        f"{duration(spread.low)}, a slow one {duration(spread.high)})"
    )
    spent = _scheme_cost(cost, scheme.key)
    if spent:
        amount, currency = spent
        text += (
            f" and about {money(amount.typical, currency)} over three years "
            f"({money_range(amount, currency)})"
        )
    return text + "."


def _meanwhile(scheme: SchemeInfo) -> str:
    offer = scheme.planning.meanwhile if scheme.planning else ""
    return f" Meanwhile, offer the buyer this: {offer}" if offer else ""


def _late_scheme_text(
    check: ObligationCheck, scheme: SchemeInfo, plan: Plan, cost: OptionCost | None
) -> str:
    when = (
        f"cannot be in hand by the date the buyer gave ({check.deadline_weeks} weeks from now)"
        if check.status == LATE
        else f"meets the buyer's date ({check.deadline_weeks} weeks from now) only if "
        "everything goes fast"
    )
    return f"{scheme.name} {when}. {_would_take(scheme, plan, cost)}{_meanwhile(scheme)}"


def _long_text(scheme: SchemeInfo, plan: Plan, cost: OptionCost | None) -> str:
    return (
        f"{scheme.name} is a programme of more than a year, and parts of it (the assessor's "
        f"and the scheme owner's reviews) are outside your control. {_would_take(scheme, plan, cost)}"
        f"{_meanwhile(scheme)}"
    )
