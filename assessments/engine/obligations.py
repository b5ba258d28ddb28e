"""What buyers demand, and what the company already holds, kept apart from mere signals.

An obligation is a framework that a named customer or a tender asks for, with the deals and the
date behind it. A holding is a report or certificate the company has today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from assessments.engine.answers import Answers
from assessments.engine.codes import Held, Soc2TypeNeeded, TenderRequirement
from assessments.engine.reference import ISO, SOC2
from assessments.engine.schemes import frameworks_named
from assessments.engine.timeline import ISO_CERT, SOC2_TYPE1, SOC2_TYPE2

if TYPE_CHECKING:
    from assessments.engine.reference import SchemeInfo
    from assessments.engine.scheme_plans import Demand

EITHER = TenderRequirement.EITHER
ISO_2013_END = date(2025, 10, 31)
SOURCE_NAMES = {
    "customers": "customers",
    "tender": "a tender",
    "scheme": "a demanded scheme that requires it first",
}
PROOF_NAMES = {
    SOC2_TYPE1: "a SOC 2 Type I report",
    SOC2_TYPE2: "a SOC 2 Type II report",
    ISO_CERT: f"an {ISO.proof}",
}
# The proofs a valid holding of each kind gives.
HELD_PROOFS: dict[str, tuple[str, ...]] = {
    Held.SOC2_TYPE1: (SOC2_TYPE1,),
    Held.SOC2_TYPE2: (SOC2_TYPE1, SOC2_TYPE2),
    Held.ISO_2022: (ISO_CERT,),
    Held.ISO_2013: (ISO_CERT,),
}


@dataclass(frozen=True)
class Obligation:
    framework: str  # soc2 | iso27001 | either (a tender that takes one or the other)
    sources: tuple[str, ...]  # customers | tender
    deals: int
    deadline: date | None
    type2_only: bool = False

    def accepts(self) -> tuple[str, ...]:
        """The proofs that satisfy it."""
        soc2 = (SOC2_TYPE2,) if self.type2_only else (SOC2_TYPE1, SOC2_TYPE2)
        if self.framework == SOC2:
            return soc2
        if self.framework == ISO:
            return (ISO_CERT,)
        return (*soc2, ISO_CERT)

    def rank(self, points: dict[str, int], framework: str) -> tuple[date, int, int, str]:
        """Earliest deadline first, then the most deals; signals only break a tie."""
        return (self.deadline or date.max, -self.deals, -points.get(framework, 0), framework)


@dataclass(frozen=True)
class Holding:
    framework: str
    kind: str  # soc2_type1 | soc2_type2 | iso27001_2022 | iso27001_2013
    valid: bool
    renews: date | None  # SOC 2: the end of the current period; ISO: the certificate's expiry

    @property
    def proofs(self) -> tuple[str, ...]:
        if not self.valid:
            return ()
        return HELD_PROOFS.get(self.kind, ())

    @property
    def kept(self) -> bool:
        """A valid report of the kind buyers want, or a valid certificate: keep it as it is.
        A Type I leads on to Type II and a lapsed 2013 certificate to 2022 instead."""
        return self.valid and self.kind in (Held.SOC2_TYPE2, Held.ISO_2022)


def obligations_collect(answers: Answers) -> tuple[Obligation, ...]:
    """One obligation per framework named by customers or tenders. A tender that accepts either
    adds to what is already named, or stands as an obligation of its own."""
    found = []
    # A tender's "other" that names SOC 2 or ISO 27001 is a tender requirement for it.
    tenders = set(answers.tender_requirements)
    if TenderRequirement.OTHER in tenders:
        tenders |= set(frameworks_named(answers.tender_other))
    for framework, deals, deadline in (
        (SOC2, answers.deals_soc2, answers.deadline_soc2),
        (ISO, answers.deals_iso, answers.deadline_iso),
    ):
        sources = tuple(
            source
            for source, values in (
                ("customers", answers.requests),
                ("tender", tenders),
            )
            if framework in values
        )
        if sources:
            type2_only = framework == SOC2 and answers.soc2_type_needed == Soc2TypeNeeded.TYPE2
            found.append(Obligation(framework, sources, deals, deadline, type2_only))
    if EITHER in answers.tender_requirements:
        if found:
            found = [
                o
                if "tender" in o.sources
                else Obligation(
                    o.framework, (*o.sources, "tender"), o.deals, o.deadline, o.type2_only
                )
                for o in found
            ]
        else:
            dates = [d for d in (answers.deadline_soc2, answers.deadline_iso) if d]
            found.append(
                Obligation(
                    EITHER,
                    ("tender",),
                    max(answers.deals_soc2, answers.deals_iso),
                    min(dates) if dates else None,
                    answers.soc2_type_needed == Soc2TypeNeeded.TYPE2,
                )
            )
    return tuple(found)


def holdings_collect(answers: Answers) -> tuple[Holding, ...]:
    held = set(answers.existing)
    found = []
    if Held.SOC2_TYPE2 in held:
        found.append(Holding(SOC2, Held.SOC2_TYPE2, True, answers.soc2_period_end))
    elif Held.SOC2_TYPE1 in held:
        found.append(Holding(SOC2, Held.SOC2_TYPE1, True, None))
    if Held.ISO_2022 in held:
        found.append(Holding(ISO, Held.ISO_2022, True, answers.iso_expiry))
    elif Held.ISO_2013 in held:
        found.append(
            Holding(ISO, Held.ISO_2013, answers.assessed_on <= ISO_2013_END, answers.iso_expiry)
        )
    return tuple(found)


def held_proofs(holdings: tuple[Holding, ...]) -> set[str]:
    return {proof for h in holdings for proof in h.proofs}


def sources_text(obligation: Obligation) -> str:
    return " and ".join(SOURCE_NAMES[s] for s in obligation.sources)


def prerequisite_obligations(
    obligations: tuple[Obligation, ...],
    holdings: tuple[Holding, ...],
    demands: tuple[Demand, ...],
    schemes: dict[str, SchemeInfo],
) -> tuple[Obligation, ...]:
    """SOC 2 or ISO 27001 when a demanded scheme can only be obtained on top of it (an
    extension certified with the ISO 27001 audit), by that scheme's date."""
    named = {o.framework for o in obligations} | {h.framework for h in holdings if h.kept}
    found: dict[str, Obligation] = {}
    for demand in demands:
        planning = schemes[demand.key].planning
        base = planning.builds_on if planning and planning.prerequisite else ""
        if base in (SOC2, ISO) and base not in named and base not in found:
            found[base] = Obligation(base, ("scheme",), 0, demand.deadline)
    return tuple(found.values())
