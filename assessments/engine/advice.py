"""Warnings, next steps, what would change the answer, and scope suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import OTHER_TEXT, Answers, label
from .budget import BudgetCheck
from .deadlines import LATE, ObligationCheck
from .decision import EARLY, KEEP, SMALL, UNAFFORDABLE, UPGRADE, Decision
from .obligations import ISO_2013_END, Obligation
from .readiness import Readiness
from .reference import FRAMEWORKS, ISO, SOC2
from .timeline import SOC2_TYPE1, SOC2_TYPE2, Plan, window_months

NAMES = {SOC2: "SOC 2", ISO: "ISO 27001"}
PROOF_WORDS = {SOC2: "SOC 2 report", ISO: "ISO 27001 certificate"}
OTHER_LABELS = {
    "industry_other": "Industry",
    "public_sector_other": "Public sector in",
    "tender_other": "Tenders ask for",
    "existing_other": "Also held",
}


@dataclass(frozen=True)
class Warning:
    code: str
    severity: str  # danger | warning | info
    text: str


@dataclass(frozen=True)
class Suggestion:
    name: str
    include: str  # required | recommended | consider
    why: str


def _money(amount: int, currency: str) -> str:
    return f"{amount:,} {currency}"


def _months(weeks: float) -> str:
    months = round(weeks * 12 / 52)
    return f"{months} month{'s' if months != 1 else ''}" if months >= 1 else f"{round(weeks)} weeks"


def _late_text(check: ObligationCheck, plan: Plan, answers: Answers) -> str:
    who = " and ".join(
        {"customers": "your customers", "tender": "a tender"}[s] for s in check.sources
    )
    verb = "needs" if check.sources == ("tender",) else "need"
    need = f"{who[0].upper()}{who[1:]} {verb} {check.proof_name} in {check.deadline_weeks} weeks."
    if check.framework == ISO:
        return (
            f"{need} A certificate has no stand-in: it can realistically arrive in week "
            f"{check.proof_week} (about {_months(check.proof_week)}), so tell the buyer now. By "
            f"the deadline you can show {check.interim}."
        )
    lead = f"{need} The plan delivers it in about {check.proof_week} weeks."
    if check.proof == SOC2_TYPE2 and answers.soc2_type_needed == "type2":
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


def warnings_collect(
    *,
    answers: Answers,
    decision: Decision,
    checks: tuple[ObligationCheck, ...],
    budget: BudgetCheck,
    plans: dict[str, Plan],
    rules: dict[str, float],
    chosen,
) -> tuple[Warning, ...]:
    found: list[Warning] = []
    if "iso27001_2013" in answers.existing:
        tense = "are no longer valid" if answers.assessed_on > ISO_2013_END else "stop being valid"
        found.append(
            Warning(
                "iso_2013_expired",
                "danger",
                f"ISO/IEC 27001:2013 certificates {tense} after 31 October 2025. Customers cannot "
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
    soc2 = plans.get(SOC2)
    if soc2 and soc2.uses_type1 and answers.soc2_type_needed == "unknown":
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
        and "finance" in answers.regulated_buyers
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
    if chosen is not None and chosen.cost.estimates.typical:
        names = sorted({line.name for line in chosen.cost.lines if not line.counted})
        found.append(
            Warning(
                "estimates_left_out",
                "info",
                f"Not in the totals: {', '.join(names)}, about "
                f"{_money(chosen.cost.estimates.typical, answers.currency)} over three years. No "
                "public source confirms these figures; count them on the budget step if you "
                "want them in, or replace them with quotes.",
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
        f"year {y.year} typically costs {_money(y.cost.typical, answers.currency)} against "
        f"{_money(y.budget, answers.currency)}"
        for y in budget.over
    )
    text = f"The plan does not fit your budget: {years}."
    cheapest = budget.cheapest
    if cheapest and budget.cheapest_is_plan:
        text += " This is already the cheapest route that meets what your buyers ask for."
    elif cheapest:
        by_year = ", ".join(_money(y.typical, answers.currency) for y in cheapest.by_year)
        text += (
            " The cheapest route that still meets the obligations does the preparation "
            f"in-house with no paid tools: typically {by_year} in years 1–3."
        )
    return Warning(
        "budget_over", "danger" if any(y.fit == "over" for y in budget.over) else "warning", text
    )


def would_change(
    *,
    answers: Answers,
    decision: Decision,
    options: dict,
    obligations: tuple[Obligation, ...],
    alongside=None,
) -> tuple[str, ...]:
    """What would change the answer: a buyer asking, more budget, a date."""
    lines = []
    if alongside is not None:
        first = alongside.cost.by_year[0].typical
        lines.append(
            f"Running {NAMES[alongside.plans[1].framework]} alongside instead would meet every "
            f"date; it needs about {_money(first, answers.currency)} in the first year against "
            f"your {_money(answers.budget_amount, answers.currency)}."
        )
    in_plan = set(decision.frameworks)
    for framework in FRAMEWORKS:
        if framework in in_plan:
            continue
        option = options[framework]
        lines.append(
            f"A customer or tender asking for {NAMES[framework]} would put it in the plan: about "
            f"{_months(option.first_proof_week)} to the first {PROOF_WORDS[framework]}, "
            f"typically {_money(option.cost.by_year[0].typical, answers.currency)} in the "
            "first year."
        )
    if UNAFFORDABLE in decision.not_yet and decision.candidate:
        cost = options[decision.candidate].cost.by_year
        lines.append(
            f"Budgets of about {_money(cost[0].typical, answers.currency)} in the first year and "
            f"{_money(max(y.typical for y in cost[1:]), answers.currency)} a year after would let "
            f"you start {NAMES[decision.candidate]} now on the strength of your signals."
        )
    if SMALL in decision.not_yet or EARLY in decision.not_yet:
        if "enterprise" in answers.segments or answers.regulated_buyers:
            lines.append(
                "With enterprise or regulated buyers already, a first request is likely soon: "
                "do the readiness work now so the audit can follow within weeks of it."
            )
        else:
            lines.append(
                "Selling to enterprises or regulated buyers makes a first request likely: do the "
                "readiness work now so the audit can follow within weeks of it."
            )
    if obligations and not any(o.deadline for o in obligations):
        lines.append("A date from the buyer would let us check the route against it.")
    return tuple(lines)


def other_answers(answers: Answers) -> tuple[str, ...]:
    """Every "other" the user named, repeated so nothing they said is dropped."""
    return tuple(
        f"{OTHER_LABELS[name]}: {getattr(answers, name).strip()}"
        for name in OTHER_TEXT.values()
        if getattr(answers, name).strip()
    )


def tsc_suggestions(answers: Answers) -> tuple[Suggestion, ...]:
    items = [Suggestion("Security", "required", "Always in scope; it is the common criteria.")]
    if {"saas", "cloud_infra"} & set(answers.delivery):
        items.append(
            Suggestion(
                "Availability",
                "recommended",
                "You run a service customers depend on; uptime and recovery commitments are usually "
                "in your contracts.",
            )
        )
    if "confidential" in answers.data_types:
        items.append(
            Suggestion(
                "Confidentiality", "recommended", "You hold customers' confidential business data."
            )
        )
    if "financial" in answers.data_types or answers.industry == "fintech":
        items.append(
            Suggestion(
                "Processing Integrity",
                "consider",
                "Customers rely on your system to process transactions or figures correctly.",
            )
        )
    if {"personal", "health"} & set(answers.data_types):
        items.append(
            Suggestion(
                "Privacy",
                "consider",
                "You process personal data; add it when buyers ask, since it widens the audit a lot.",
            )
        )
    return tuple(items)


def _gap_names(readiness: Readiness) -> str:
    names = [getattr(g, "title", "") or g.topic.lower() for g in readiness.gaps[:3]]
    return ", ".join(dict.fromkeys(names))


def next_steps(
    *,
    answers: Answers,
    decision: Decision,
    plans: dict[str, Plan],
    readiness: Readiness,
    shared_links: int,
) -> tuple[str, ...]:
    steps = []
    if not decision.items:
        steps.append(
            "Name one owner for security and write down the basics now: policies, who has access "
            "to what, backups, and how you handle an incident. It costs little and makes the "
            "first audit quick."
        )
    else:
        steps.append(
            "Name one owner and agree the scope: which products, systems, teams and locations the "
            "audit covers. A narrow first scope is faster and cheaper."
        )
    if readiness.gaps:
        steps.append(f"Close the gaps that move both frameworks first: {_gap_names(readiness)}.")
    else:
        steps.append(
            "Answer the readiness questions (or run a gap assessment) to see what is missing "
            "control by control."
        )
    for item in decision.items:
        steps += _framework_steps(item, plans.get(item.framework), answers)
    if not decision.items:
        steps.append(
            "Keep a short security overview and your policies ready for questionnaires, and ask "
            "each new enterprise prospect which proof they will want."
        )
    if len(decision.adds) == 2 or (len(decision.frameworks) == 2 and decision.adds):
        steps.append(
            f"Build one control set for both: our mapping has {shared_links} links between the "
            "two frameworks, so evidence collected once can serve both audits."
        )
    if decision.items and answers.approach == "in_house" and answers.internal_people < 1:
        steps.append(
            f"With {answers.internal_people:g} people on it and no outside help, consider a "
            f"compliance platform or a consultant ({label('approach', 'platform').lower()} "
            "shortens the readiness phase)."
        )
    return tuple(steps)


def _framework_steps(item, plan: Plan | None, answers: Answers) -> list[str]:
    if item.framework == SOC2 and item.action == KEEP:
        return [
            "Keep your SOC 2 current: book the next period with your auditor so periods follow "
            "each other without a gap, and ask for a bridge letter if customers need cover "
            "between reports."
        ]
    if item.framework == ISO and item.action == KEEP:
        return [
            "Keep your certificate: hold the yearly internal audit and management review, close "
            "last audit's findings, and confirm the surveillance dates with your certification body."
        ]
    if item.framework == SOC2:
        steps = [
            "Ask two or three CPA firms that specialise in SOC 2 for quotes, and agree the Trust "
            "Services categories and the observation window with the one you choose."
        ]
        if item.action == UPGRADE:
            steps.append(
                "Start the Type II observation period as soon as the controls your Type I "
                "described run every day; the period cannot begin before they do."
            )
        elif plan and plan.uses_type1:
            steps.append(
                "Tell the waiting customer the date of the Type I report and that a Type II will "
                "follow once the observation window closes."
            )
        return steps
    steps = [
        "Ask two or three accredited certification bodies for quotes; check their accreditation "
        "and the certificates they issue on IAF CertSearch."
    ]
    if item.action == UPGRADE:
        steps.append(
            "Update your ISMS to the 2022 edition: map your controls to the 93 Annex A controls, "
            "add the 11 new ones where they apply, and refresh the Statement of Applicability."
        )
    else:
        steps.append(
            "Write the ISMS essentials the audit will start from: scope statement, risk "
            "assessment and treatment plan, Statement of Applicability."
        )
    return steps
