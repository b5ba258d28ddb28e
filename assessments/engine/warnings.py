"""Warnings: what the CTO should know before deciding (dates that will be missed, budgets that
do not fit, assumptions to confirm, estimates left out of the totals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assessments.engine.answers import Answers
from assessments.engine.budget import BudgetCheck
from assessments.engine.codes import Held, RegulatedBuyer, Soc2TypeNeeded
from assessments.engine.deadlines import AT_RISK, LATE, ObligationCheck
from assessments.engine.decision import Decision
from assessments.engine.formats import day, duration, locale_for, money
from assessments.engine.obligations import ISO_2013_END, SOURCE_NAMES
from assessments.engine.pricing import ESTIMATE
from assessments.engine.reference import ISO, SOC2, ReferenceData
from assessments.engine.timeline import SOC2_TYPE1, SOC2_TYPE2, Plan, window_months

if TYPE_CHECKING:
    from assessments.engine.routes import OptionSummary


@dataclass(frozen=True)
class Warning:
    code: str
    severity: str  # danger | warning | info
    text: str


def _late_text(check: ObligationCheck, plan: Plan, answers: Answers) -> str:
    who = " and ".join(
        {"customers": "your customers", "tender": "a tender", "scheme": SOURCE_NAMES["scheme"]}[s]
        for s in check.sources
    )
    verb = "needs" if check.sources == ("tender",) else "need"
    need = f"{who[0].upper()}{who[1:]} {verb} {check.proof_name} in {check.deadline_weeks} weeks."
    if check.framework == ISO:
        return (
            f"{need} A certificate has no stand-in: it can realistically arrive in week "
            f"{check.proof_week} (about {duration(check.proof_week)}), so tell the buyer now. By "
            f"the deadline you can show {check.interim}."
        )
    lead = f"{need} The plan delivers it in about {check.proof_week} weeks."
    if check.proof == SOC2_TYPE2 and answers.soc2_type_needed == Soc2TypeNeeded.TYPE2:
        return (
            f"{lead} The observation window cannot be shortened once it starts. Offer your "
            "policies, a readiness letter and the date the window closes, and agree a date the "
            "buyer can plan around."
        )
    if check.proof == SOC2_TYPE2 and SOC2_TYPE1 not in plan.proofs:
        return (
            f"{lead} The observation window cannot be shortened once it starts. Ask whether a "
            "Type I report would do until the Type II."
        )
    return f"{lead} Tell the buyer the date now, and share your policies and readiness plan."


def _at_risk_text(check: ObligationCheck) -> str:
    proof = check.proof_name[:1].upper() + check.proof_name[1:]  # "an ISO 27001 …" opens it
    return (
        f"{proof} is needed in {check.deadline_weeks} weeks. A typical programme "
        f"delivers it in week {check.proof_week}; a fast one, in week {check.proof_week_fast}. "
        "The date can be met, but only if preparation goes well: start now, book the auditor "
        "early, and tell the buyer the likely date."
    )


def warnings_collect(
    *,
    answers: Answers,
    decision: Decision,
    checks: tuple[ObligationCheck, ...],
    budget: BudgetCheck,
    plans: dict[str, Plan],
    rules: dict[str, float],
    chosen: OptionSummary | None,
    reference: ReferenceData,
) -> tuple[Warning, ...]:
    found: list[Warning] = []
    if Held.ISO_2013 in answers.existing:
        tense = "are no longer valid" if answers.assessed_on > ISO_2013_END else "stop being valid"
        found.append(
            Warning(
                "iso_2013_expired",
                "danger",
                f"ISO/IEC 27001:2013 certificates {tense} after "
                f"{day(ISO_2013_END, locale=locale_for(answers.currency))}. Customers cannot "
                "rely on yours; plan a certification audit against the 2022 edition.",
            )
        )
    for check in checks:
        if check.status == LATE:
            found.append(
                Warning(
                    "deadline_late", "danger", _late_text(check, plans[check.framework], answers)
                )
            )
        elif check.status == AT_RISK:
            found.append(Warning("deadline_at_risk", "warning", _at_risk_text(check)))
    soc2 = plans.get(SOC2)
    if soc2 and soc2.uses_type1 and answers.soc2_type_needed == Soc2TypeNeeded.UNKNOWN:
        found.append(
            Warning(
                "type1_unconfirmed",
                "warning",
                f"The plan meets your date with a SOC 2 Type I report in week "
                f"{soc2.proofs[SOC2_TYPE1]}; a Type II follows in week {soc2.proofs[SOC2_TYPE2]}. "
                "Many enterprise buyers accept only Type II, so get the buyer to confirm in "
                "writing that a Type I will do for now.",
            )
        )
    if not budget.fits:
        found.append(_budget_warning(answers, budget))
    elif decision.items and not budget.yearly_given:
        found.append(
            Warning(
                "yearly_budget_assumed",
                "info",
                "You gave no budget for the years after the first, so years 2 and 3 were "
                "compared with the first year's budget.",
            )
        )
    if (
        soc2
        and not soc2.held
        and RegulatedBuyer.FINANCE in answers.regulated_buyers
        and window_months(answers, rules) < rules["type2_window_regulated_months"]
    ):
        found.append(
            Warning(
                "short_window",
                "warning",
                f"A {window_months(answers, rules)}-month Type II period is common for a first "
                "report, but banks and other financial institutions often ask for six months or "
                "more. Check with them before you fix the window.",
            )
        )
    if chosen is not None:
        estimated = sorted(
            {
                item.name
                for line in chosen.cost.lines
                if line.basis == ESTIMATE
                and (item := next((c for c in reference.costs if c.key == line.key), None))
            }
        )
        if estimated:
            found.append(
                Warning(
                    "estimates_in_totals",
                    "info",
                    f"In the totals as estimates: {', '.join(estimated)}. Nobody publishes "
                    "these prices, so the figures are our reasoned estimates; replace them with "
                    "the quotes you get on the budget step.",
                )
            )
    if answers.internal_people <= 0 and decision.items:
        found.append(
            Warning(
                "no_owner",
                "warning",
                "Nobody inside the company is set aside for this. Auditors and platforms do not "
                "run your controls; someone must own them.",
            )
        )
    return tuple(found)


def _budget_warning(answers: Answers, budget: BudgetCheck) -> Warning:
    years = "; ".join(
        f"year {y.year} typically costs {money(y.cost.typical, answers.currency)} against "
        f"{money(y.budget, answers.currency)}"
        for y in budget.over
    )
    text = f"The plan does not fit your budget: {years}."
    cheapest = budget.cheapest
    if cheapest and budget.cheapest_is_plan:
        text += " This is already the cheapest route that meets what your buyers ask for."
    elif cheapest:
        by_year = ", ".join(money(y.typical, answers.currency) for y in cheapest.by_year)
        text += (
            " The cheapest route that still meets the obligations does the preparation "
            f"in-house with no paid tools: typically {by_year} in years 1–3."
        )
    return Warning(
        "budget_over", "danger" if any(y.fit == "over" for y in budget.over) else "warning", text
    )
