"""Three-year cost ranges per option, from sourced figures in the reference data or the user's
own quotes. `docs/cost-model.md` explains every line, multiplier and source.

Every line is placed in the year its work or audit happens, and every line the chosen route
needs is in the totals: a figure nobody publishes is marked as an estimate, not left out. Staff
time is a line of its own, costed apart from the cash the budget is held against."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from assessments.engine.answers import Answers
from assessments.engine.codes import Approach, Held, Soc2Category
from assessments.engine.pricing import Money, Pricing, derived_basis
from assessments.engine.reference import ISO, SOC2, RangeInfo, ReferenceData
from assessments.engine.timeline import HORIZON_WEEKS, Plan

YEARS = 3
WEEKS_PER_YEAR = 52
# How much outside preparation help each approach buys, relative to a full consultancy engagement.
PREP_SHARE: dict[str, float] = {
    Approach.CONSULTANT: 1.0,
    Approach.BOTH: 1.0,
    Approach.PLATFORM: 0.5,
    Approach.IN_HOUSE: 0.25,
}
FIT, TIGHT, OVER = "fits", "tight", "over"
TIGHT_MARGIN = 0.10  # "tight": the typical cost is at most this share above the budget
PREPARATION = ("soc2_readiness", "iso_implementation")
CASH, PEOPLE = "cash", "people"
STAFF = "internal_staff"
# Every line a quote may replace (the people line takes `staff_cost_per_fte` instead).
QUOTABLE = (
    "soc2_readiness",
    "soc2_type1_audit",
    "soc2_type2_audit",
    "iso_implementation",
    "iso_initial_audit",
    "iso_surveillance_audit",
    "iso_recertification_audit",
    "iso_internal_audit",
    "iso_certification_fees",
    "compliance_platform",
    "penetration_test",
)


# Lines the engine derives from other figures: their names, and the figures behind them.
LINE_NAMES = {
    "soc2_type1_audit": "SOC 2 Type I audit",
    "iso_initial_audit": "ISO 27001 certification audit (Stage 1 and Stage 2)",
    "iso_surveillance_audit": "ISO 27001 surveillance audit",
    "iso_recertification_audit": "ISO 27001 recertification audit",
    STAFF: "Your own people's time (loaded cost, not cash)",
}
DERIVED_FROM = {
    "soc2_type1_audit": ("soc2_type2_audit", "soc2_type1_fee_share"),
    "iso_initial_audit": ("iso_audit_day_rate", None),
    "iso_surveillance_audit": ("iso_audit_day_rate", "iso_surveillance_share"),
    "iso_recertification_audit": ("iso_audit_day_rate", "iso_recertification_share"),
    STAFF: ("staff_cost_per_fte", "staff_upkeep_share"),
}


def cost_item(reference: ReferenceData, key: str, answers: Answers) -> RangeInfo | None:
    """The figure a line is priced from, for the company's size and currency (for a derived
    line, the figure it is derived from)."""
    base = DERIVED_FROM.get(key, (key, None))[0]
    figure = Pricing(answers, reference, 1.0).figure(base)
    return figure.info if figure else None


def line_name(reference: ReferenceData, key: str) -> str:
    if key in LINE_NAMES:
        return LINE_NAMES[key]
    return next((c.name for c in reference.costs if c.key == key), key)


def line_factor(reference: ReferenceData, key: str) -> RangeInfo | None:
    """The pricing factor a derived line uses, if any."""
    factor = DERIVED_FROM.get(key, (None, None))[1]
    return reference.pricing.get(factor) if factor else None


@dataclass(frozen=True)
class CostLine:
    """One cost in one year. Its name and source are the cost item's (reference data, by key)."""

    key: str
    framework: str | None
    year: int
    amount: Money
    note: str = ""
    counted: bool = True  # engine 2.0 left unverified estimates out of the totals
    basis: str = "published"  # published | derived | estimate | quote
    kind: str = CASH  # cash | people

    @property
    def in_cash_totals(self) -> bool:
        return self.counted and self.kind == CASH


@dataclass(frozen=True)
class OptionCost:
    option: str
    lines: tuple[CostLine, ...]
    by_year: tuple[Money, ...]  # cash, held against the budget
    total: Money
    first_year_fit: str
    currency: str
    year_fits: tuple[str, ...] = ()
    estimates: Money = Money(0, 0, 0)  # engine 2.0: the uncounted estimates
    staff_by_year: tuple[Money, ...] = ()  # people's time, at its loaded cost

    @property
    def staff_total(self) -> Money:
        return sum(self.staff_by_year, Money(0, 0, 0))


ZERO = Money(0, 0, 0)


def _info(pricing: Pricing, key: str) -> RangeInfo | None:
    figure = pricing.figure(key)
    return figure.info if figure else None


def year_of(week: int) -> int:
    return min(YEARS, max(0, week) // WEEKS_PER_YEAR + 1)


def _phase_end(plan: Plan, key: str) -> int:
    """The week the plan's phase of this key ends: every plan of its kind has one."""
    return next(p.end for p in plan.phases if p.key == key)


def _factor(pricing: Pricing, key: str) -> RangeInfo:
    """A pricing factor the reference data always holds."""
    factor = pricing.factor(key)
    if factor is None:
        raise LookupError(f"the reference data has no pricing factor {key!r}")
    return factor


def _prep_line(pricing: Pricing, key: str, plan: Plan, framework: str) -> CostLine | None:
    """Outside help to prepare, scaled by the approach and by the work still to do after every
    head start (a held Type I, a lapsed 2013 ISMS, a framework already held or built first)."""
    share = PREP_SHARE.get(pricing.answers.approach, 1.0)
    by_gap = 0.5 + plan.gap
    note = f"× {share:g} for your approach, × {by_gap:.2f} for the work still to do"
    if plan.head_start:
        note += f" ({plan.head_start})"
    return pricing.line(key, framework, year_of(plan.phases[0].start), share * by_gap, note)


def _soc2_extra_categories(answers: Answers) -> int:
    return sum(1 for c in answers.soc2_categories if c != Soc2Category.SECURITY)


def _soc2_fees(pricing: Pricing) -> tuple[Money, str]:
    """The Type II fee for this size and scope, and how it was sized."""
    fee = pricing.figure("soc2_type2_audit")
    extra = _soc2_extra_categories(pricing.answers)
    if fee is None or not extra:
        return (fee.amount if fee else ZERO), ""
    uplift = _factor(pricing, "soc2_category_uplift")
    return fee.amount.grown(
        uplift, extra
    ), f"+ {uplift.typical:g} % for each of {extra} more categories"


def soc2_lines(pricing: Pricing, plan: Plan) -> list[CostLine | None]:
    type2, scope = _soc2_fees(pricing)
    if plan.held:
        first = _phase_end(plan, "soc2_renewal")
        return [
            pricing.line(
                "soc2_type2_audit", SOC2, year_of(week), amount=type2, note=f"renewal {scope}"
            )
            for week in range(first, HORIZON_WEEKS, WEEKS_PER_YEAR)
        ]
    lines = [_prep_line(pricing, "soc2_readiness", plan, SOC2)]
    pair = None
    if plan.uses_type1:
        share = _factor(pricing, "soc2_type1_fee_share")
        pair = pricing.factor("soc2_type1_type2_pair_discount")
        type1 = type2.shared(share)
        note = f"{share.typical:g} % of the Type II fee"
        if pair:
            type1 = type1.discounted(pair)
            note += f", less {pair.typical:g} % for Type I and Type II from one firm"
        lines.append(
            pricing.line(
                "soc2_type1_audit",
                SOC2,
                year_of(_phase_end(plan, "soc2_type1")),
                amount=type1,
                note=note,
                basis=derived_basis(_info(pricing, "soc2_type2_audit"), share, pair),
            )
        )
    weeks = range(_phase_end(plan, "soc2_type2"), HORIZON_WEEKS, WEEKS_PER_YEAR)
    for n, week in enumerate(weeks):
        amount, note = type2, scope
        if n == 0 and pair:
            amount = type2.discounted(pair)
            note = "; ".join(p for p in (scope, f"less {pair.typical:g} % as a pair") if p)
        lines.append(
            pricing.line("soc2_type2_audit", SOC2, year_of(week), amount=amount, note=note)
        )
    return lines


def iso_lines(pricing: Pricing, plan: Plan) -> list[CostLine | None]:
    initial, days = pricing.iso_initial_audit()
    surveillance = initial.shared(pricing.factor("iso_surveillance_share"))
    recertification = initial.shared(pricing.factor("iso_recertification_share"))
    by_share = "of the initial audit's time (IAF MD 5)"

    day_rate = pricing.figure("iso_audit_day_rate")
    basis = derived_basis(day_rate.info if day_rate else None)

    def audit(key: str, amount: Money, year: int, note: str) -> CostLine | None:
        return pricing.line(key, ISO, year, amount=amount, note=note, basis=basis)

    if plan.held:
        lines = [
            audit("iso_recertification_audit", recertification, year_of(p.start), f"⅔ {by_share}")
            if p.key == "iso_recertification"
            else audit("iso_surveillance_audit", surveillance, year_of(p.start), f"⅓ {by_share}")
            for p in plan.phases
        ]
        first = plan.phases[0].start if plan.phases else 0
        return (
            lines
            + pricing.yearly("iso_internal_audit", ISO, first)
            + pricing.yearly("iso_certification_fees", ISO, first)
        )
    lines = [_prep_line(pricing, "iso_implementation", plan, ISO)]
    audited = _phase_end(plan, "iso_certification_audit")
    lines.append(audit("iso_initial_audit", initial, year_of(audited - 1), days))
    for week in range(plan.first_proof_week + WEEKS_PER_YEAR, HORIZON_WEEKS, WEEKS_PER_YEAR):
        lines.append(audit("iso_surveillance_audit", surveillance, year_of(week), f"⅓ {by_share}"))
    internal = next(p.start for p in plan.phases if p.key == "iso_internal_audit")
    return (
        lines
        + pricing.yearly("iso_internal_audit", ISO, internal)
        + pricing.yearly("iso_certification_fees", ISO, audited - 1)
    )


def shared_lines(pricing: Pricing, start_week: int) -> list[CostLine | None]:
    """Costs that serve whichever frameworks are pursued, counted once: a yearly penetration
    test and, with that approach, the compliance platform."""
    lines = pricing.yearly("penetration_test", None, start_week)
    if pricing.answers.approach in (Approach.PLATFORM, Approach.BOTH):
        lines += pricing.yearly("compliance_platform", None, start_week)
    return lines


def staff_lines(pricing: Pricing, plans: tuple[Plan, ...]) -> list[CostLine | None]:
    """The people inside the company, at a loaded yearly cost: full time on the programme until
    the last first proof, then a share of that to keep it running."""
    cost, basis, source = pricing.staff_cost()
    if cost is None or pricing.answers.internal_people <= 0 or not plans:
        return []
    upkeep = pricing.factor("staff_upkeep_share")
    start = min((p.phases[0].start for p in plans if p.phases), default=0)
    built = max(p.first_proof_week for p in plans)
    people = pricing.answers.internal_people
    lines: list[CostLine | None] = []
    for year in range(1, YEARS + 1):
        begin, end = (year - 1) * WEEKS_PER_YEAR, year * WEEKS_PER_YEAR
        building = max(0, min(end, built) - max(begin, start))
        running = max(0, end - max(begin, built, start))
        if not building and not running:
            continue
        share = building / WEEKS_PER_YEAR
        amount = cost.scaled(people * share)
        if running and upkeep:
            amount = amount + cost.scaled(people * running / WEEKS_PER_YEAR).shared(upkeep)
        note = f"{people:g} FTE × {source}"
        if running and upkeep:
            note += f"; {upkeep.typical:g} % of that once the first proof is in hand"
        lines.append(CostLine(STAFF, None, year, amount, note, True, basis, PEOPLE))
    return lines


def fit(budget: int, cost: Money) -> str:
    """Fits: the typical cost is within the budget; tight: at most 10 % over it; over: more."""
    if cost.typical <= budget:
        return FIT
    if cost.typical <= budget * (1 + TIGHT_MARGIN):
        return TIGHT
    return OVER


def budgets_by_year(answers: Answers) -> tuple[int, ...]:
    return (answers.budget_amount,) + (answers.later_budget,) * (YEARS - 1)


def option_cost(option: str, answers: Answers, lines: list[CostLine | None]) -> OptionCost:
    # A line with nothing to price it from (a figure missing from the data) is left out.
    kept = tuple(
        line for line in lines if line is not None and (line.amount.high or line.basis == "quote")
    )
    by_year = tuple(
        sum((line.amount for line in kept if line.in_cash_totals and line.year == y), ZERO)
        for y in range(1, YEARS + 1)
    )
    staff = tuple(
        sum((line.amount for line in kept if line.kind == PEOPLE and line.year == y), ZERO)
        for y in range(1, YEARS + 1)
    )
    fits = tuple(fit(b, y) for b, y in zip(budgets_by_year(answers), by_year, strict=True))
    return OptionCost(
        option=option,
        lines=kept,
        by_year=by_year,
        total=sum(by_year, ZERO),
        first_year_fit=fits[0],
        currency=answers.currency,
        year_fits=fits,
        staff_by_year=staff,
    )


def one_firm_lines(
    pricing: Pricing, lines: list[CostLine | None], second: str
) -> list[CostLine | None]:
    """One firm auditing both frameworks prices the second framework's audits lower."""
    discount = pricing.factor("combined_audit_discount")
    if not (pricing.answers.one_audit_firm and discount):
        return lines
    audits = {"soc2_type1_audit", "soc2_type2_audit", "iso_initial_audit"}
    audits |= {"iso_surveillance_audit", "iso_recertification_audit"}
    return [
        replace(
            line,
            amount=line.amount.discounted(discount),
            note="; ".join(
                p for p in (line.note, f"less {discount.typical:g} % with one firm for both") if p
            ),
        )
        if line and line.framework == second and line.key in audits and line.basis != "quote"
        else line
        for line in lines
    ]


def builder_for(framework: str) -> Callable[[Pricing, Plan], list[CostLine | None]]:
    return soc2_lines if framework == SOC2 else iso_lines


def holds_other(answers: Answers, framework: str) -> bool:
    """Whether the company already holds the other framework's proof."""
    held = Held.ISO_2022 if framework == SOC2 else Held.SOC2_TYPE2
    return held in answers.existing


__all__ = [
    "ISO",
    "SOC2",
    "CostLine",
    "Money",
    "OptionCost",
    "fit",
    "option_cost",
]
