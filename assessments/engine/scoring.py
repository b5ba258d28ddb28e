"""Signals: the answers that point towards a framework without anyone demanding it (regions,
segments, delivery, plans, readiness). Each factor an answer triggers adds its weight (from the
reference data) to the framework it favours, and says which answer triggered it and why.
Signals rank frameworks among equal obligations, and decide alone only when nothing is demanded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assessments.engine.answers import Answers, labels
from assessments.engine.codes import (
    INTERNATIONAL,
    Delivery,
    Framework,
    Region,
    RegulatedBuyer,
    Segment,
)
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, ReferenceData

SCORE_MAX = 100
CLOSE_ENOUGH = 50  # readiness percent from which "already close" counts
CLOSER_BY = 8  # ...and by how many points it must lead the other framework


@dataclass(frozen=True)
class Reason:
    """A signal that fired: its factor (whose name is reference data, by key), the framework it
    favours, its points, the answer behind it and a sentence for the CTO."""

    factor: str
    framework: str
    points: int
    answer_field: str
    answer: str
    sentence: str


@dataclass(frozen=True)
class Signals:
    """Facts the engine derives before scoring: they are inputs to some factors."""

    readiness: dict[str, int]


# A trigger looks at the answers and, when its factor applies, returns
# (the answer field, what the user answered, a sentence for the CTO).
Fired = tuple[str, str, str] | None
Trigger = Callable[[Answers, Signals], Fired]


def _has(values: tuple[str, ...], *wanted: str) -> tuple[str, ...]:
    return tuple(v for v in values if v in wanted)


def _customers_in(*regions: str) -> Trigger:
    def trigger(a: Answers, s: Signals) -> Fired:
        found = _has(a.customer_regions, *regions)
        if found:
            return (
                "customer_regions",
                labels("region", a.customer_regions),
                f"You have customers in {labels('region', found)}.",
            )
        return None

    return trigger


def _selling(field: str, regions: tuple[str, ...], already: bool) -> Trigger:
    def trigger(a: Answers, s: Signals) -> Fired:
        values = getattr(a, field)
        found = _has(values, *regions)
        # Planned expansion only counts where the company is not already present.
        if not already:
            found = tuple(r for r in found if r not in a.markets())
        if found:
            verb = "You sell in" if already else "You plan to enter"
            return (field, labels("region", values), f"{verb} {labels('region', found)}.")
        return None

    return trigger


def _delivery(*kinds: str) -> Trigger:
    def trigger(a: Answers, s: Signals) -> Fired:
        found = _has(a.delivery, *kinds)
        if found:
            return (
                "delivery",
                labels("delivery", a.delivery),
                f"You deliver {labels('delivery', found)}.",
            )
        return None

    return trigger


def _us_segments(*kinds: str) -> Trigger:
    """Buyer segments whose expectations the factor describes for the US market."""

    def trigger(a: Answers, s: Signals) -> Fired:
        if Region.NORTH_AMERICA not in a.markets():
            return None
        found = _has(a.segments, *kinds)
        if found:
            return (
                "segments",
                labels("segments", a.segments),
                f"Your buyers include {labels('segments', found).lower()} customers.",
            )
        return None

    return trigger


def _outside_north_america(a: Answers) -> bool:
    return bool(a.markets() - {Region.NORTH_AMERICA})


def _public_sector(a: Answers, s: Signals) -> Fired:
    # The factor speaks of public bodies outside the US, whose procurement names ISO 27001.
    if not _outside_north_america(a):
        return None
    public = Segment.PUBLIC_SECTOR in a.segments
    if public or RegulatedBuyer.GOVERNMENT in a.regulated_buyers:
        field = "segments" if public else "regulated_buyers"
        return (
            field,
            labels(field, getattr(a, field)),
            "You sell to public bodies.",
        )
    return None


def _regulated_us(a: Answers, s: Signals) -> Fired:
    found = _has(a.regulated_buyers, RegulatedBuyer.FINANCE, RegulatedBuyer.HEALTH)
    if found and Region.NORTH_AMERICA in a.markets():
        return (
            "regulated_buyers",
            labels("regulated_buyers", a.regulated_buyers),
            f"You sell to {labels('regulated_buyers', found).lower()} buyers in North America.",
        )
    return None


def _regulated_in(region: str, name: str) -> Trigger:
    def trigger(a: Answers, s: Signals) -> Fired:
        found = _has(
            a.regulated_buyers,
            RegulatedBuyer.FINANCE,
            RegulatedBuyer.HEALTH,
            RegulatedBuyer.GOVERNMENT,
        )
        if found and region in a.markets():
            return (
                "regulated_buyers",
                labels("regulated_buyers", a.regulated_buyers),
                f"You sell to regulated {labels('regulated_buyers', found).lower()} buyers "
                f"in {name}.",
            )
        return None

    return trigger


def _multinational(a: Answers, s: Signals) -> Fired:
    if len(a.customer_regions) >= 3:
        return (
            "customer_regions",
            labels("region", a.customer_regions),
            f"Your customers span {len(a.customer_regions)} regions.",
        )
    return None


def _close_to(framework: str) -> Trigger:
    other = ISO if framework == SOC2 else SOC2

    def trigger(a: Answers, s: Signals) -> Fired:
        mine, theirs = s.readiness[framework], s.readiness[other]
        if a.readiness and mine >= CLOSE_ENOUGH and mine - theirs >= CLOSER_BY:
            return (
                "readiness",
                f"{mine}% ready for {Framework(framework).label}",
                f"Your self-assessment puts you at {mine}% for this framework against "
                f"{theirs}% for the other.",
            )
        return None

    return trigger


TRIGGERS: dict[str, Trigger] = {
    "customers_north_america": _customers_in(Region.NORTH_AMERICA),
    "customers_eu": _customers_in(Region.EU),
    "customers_uk": _customers_in(Region.UK),
    "customers_apac": _customers_in(Region.APAC),
    "customers_other_intl": _customers_in(Region.LATAM, Region.MEA),
    "selling_north_america": _selling("selling_now", (Region.NORTH_AMERICA,), already=True),
    "selling_international": _selling("selling_now", INTERNATIONAL, already=True),
    "planned_north_america": _selling("selling_planned", (Region.NORTH_AMERICA,), already=False),
    "planned_international": _selling("selling_planned", INTERNATIONAL, already=False),
    "saas_delivery": _delivery(Delivery.SAAS, Delivery.CLOUD_INFRA),
    "org_wide_delivery": _delivery(Delivery.SERVICES, Delivery.ON_PREMISE),
    "smb_mid_market_buyers": _us_segments(Segment.SMB, Segment.MID_MARKET),
    "public_sector_buyers": _public_sector,
    "regulated_finance_health_us": _regulated_us,
    "regulated_eu": _regulated_in(Region.EU, "the EU"),
    "regulated_uk": _regulated_in(Region.UK, "the UK"),
    "multinational_presence": _multinational,
    "enterprise_buyers": _us_segments(Segment.ENTERPRISE),
    "close_to_soc2": _close_to(SOC2),
    "close_to_iso": _close_to(ISO),
}


def reasons_collect(
    answers: Answers, reference: ReferenceData, signals: Signals
) -> tuple[Reason, ...]:
    """Every factor the answers trigger, strongest first. Factors missing from the data or
    weighted zero are skipped, so an admin can switch one off."""
    reasons = []
    for factor in reference.factors:
        trigger = TRIGGERS.get(factor.key)
        if trigger is None or factor.weight <= 0:
            continue
        hit = trigger(answers, signals)
        if hit is None:
            continue
        field, answer, lead = hit
        reasons.append(
            Reason(
                factor=factor.key,
                framework=factor.framework,
                points=factor.weight,
                answer_field=field,
                answer=answer,
                sentence=f"{lead} {factor.description}",
            )
        )
    return tuple(sorted(reasons, key=lambda r: (-r.points, r.factor)))


def scores_compute(reasons: tuple[Reason, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """(score 0–100, raw points) per framework. The score is the sum of its reasons' points,
    capped at 100."""
    raw: dict[str, int] = {
        f: sum(r.points for r in reasons if r.framework == f) for f in FRAMEWORKS
    }
    return {f: min(SCORE_MAX, raw[f]) for f in FRAMEWORKS}, raw
