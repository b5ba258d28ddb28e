"""The advice around the verdict: next steps, what would change the answer, the user's own
words repeated, and which Trust Services categories to put in scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assessments.engine.answers import OTHER_TEXT, Answers
from assessments.engine.codes import Approach, Framework, Segment, Soc2Category
from assessments.engine.decision import (
    EARLY,
    KEEP,
    SMALL,
    UNAFFORDABLE,
    UPGRADE,
    Decision,
    PlanItem,
)
from assessments.engine.formats import duration, money
from assessments.engine.obligations import Obligation
from assessments.engine.readiness import Readiness
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, ReferenceData
from assessments.engine.scope import categories_in_scope, categories_suggested
from assessments.engine.timeline import Plan

if TYPE_CHECKING:
    from assessments.engine.routes import OptionSummary

OTHER_LABELS = {
    "industry_other": "Industry",
    "public_sector_other": "Public sector in",
    "tender_other": "Tenders ask for",
    "existing_other": "Also held",
    "scheme_other": "Buyers also demand",
}


@dataclass(frozen=True)
class Suggestion:
    name: str
    include: str  # required | recommended | consider
    why: str
    in_scope: bool = True  # in the SOC 2 scope planned (the user's choice, or ours)


def would_change(
    *,
    answers: Answers,
    decision: Decision,
    options: dict[str, OptionSummary],
    obligations: tuple[Obligation, ...],
    alongside: OptionSummary | None = None,
) -> tuple[str, ...]:
    """What would change the answer: a buyer asking, more budget, a date."""
    lines = []
    if alongside is not None:
        first = alongside.cost.by_year[0].typical
        lines.append(
            f"Running {Framework(alongside.plans[1].framework).label} alongside instead would meet every "
            f"date; it needs about {money(first, answers.currency)} in the first year against "
            f"your {money(answers.budget_amount, answers.currency)}."
        )
    in_plan = set(decision.frameworks)
    for framework in FRAMEWORKS:
        if framework in in_plan:
            continue
        option = options[framework]
        lines.append(
            f"A customer or tender asking for {Framework(framework).label} would put it in the plan: about "
            f"{duration(option.first_proof_week)} to the first {Framework(framework).proof}, "
            f"typically {money(option.cost.by_year[0].typical, answers.currency)} in the "
            "first year."
        )
    if UNAFFORDABLE in decision.not_yet and decision.candidate:
        cost = options[decision.candidate].cost.by_year
        lines.append(
            f"Budgets of about {money(cost[0].typical, answers.currency)} in the first year and "
            f"{money(max(y.typical for y in cost[1:]), answers.currency)} a year after would let "
            f"you start {Framework(decision.candidate).label} now on the strength of your signals."
        )
    if SMALL in decision.not_yet or EARLY in decision.not_yet:
        if Segment.ENTERPRISE in answers.segments or answers.regulated_buyers:
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
    """Each category worth a thought, and whether it is in the scope planned."""
    scope = categories_in_scope(answers)
    return tuple(
        Suggestion(Soc2Category(code).criteria_category, level, why, code in scope)
        for code, level, why in categories_suggested(answers)
    )


def _gap_names(readiness: Readiness, reference: ReferenceData) -> str:
    titles = {q.key: q.title or q.topic.lower() for q in reference.questions}
    names = [titles.get(g.question, g.question) for g in readiness.gaps[:3]]
    return ", ".join(dict.fromkeys(names))


def next_steps(
    *,
    answers: Answers,
    decision: Decision,
    plans: dict[str, Plan],
    readiness: Readiness,
    shared_links: int,
    reference: ReferenceData,
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
        steps.append(
            f"Close the gaps that move both frameworks first: {_gap_names(readiness, reference)}."
        )
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
    if decision.items and answers.approach == Approach.IN_HOUSE and answers.internal_people < 1:
        steps.append(
            f"With {answers.internal_people:g} people on it and no outside help, consider a "
            f"compliance platform or a consultant ({Approach.PLATFORM.label.lower()} "
            "shortens the readiness phase)."
        )
    return tuple(steps)


def _framework_steps(item: PlanItem, plan: Plan | None, answers: Answers) -> list[str]:
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
