"""Warnings, next steps and scope suggestions: the advice around the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .answers import Answers, label
from .costs import OVER, OptionCost
from .readiness import Readiness
from .reference import ISO, SOC2
from .timeline import Plan

ISO_2013_END = date(2025, 10, 31)
OPTION_NAMES = {SOC2: "SOC 2", ISO: "ISO 27001", "both": "both"}


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


def warnings_collect(
    answers: Answers,
    costs: dict[str, OptionCost],
    first_proof: dict[str, int],
    recommended: str,
) -> tuple[Warning, ...]:
    found: list[Warning] = []
    if "iso27001_2013" in answers.existing:
        tense = "are no longer valid" if answers.assessed_on > ISO_2013_END else "stop being valid"
        found.append(
            Warning(
                "iso_2013_expired",
                "danger",
                f"ISO/IEC 27001:2013 certificates {tense} after 31 October 2025. Customers cannot rely "
                "on yours; plan a certification audit against the 2022 edition.",
            )
        )
    over = [OPTION_NAMES[o] for o, c in costs.items() if c.first_year_fit == OVER]
    if over:
        found.append(
            Warning(
                "budget_below_low",
                "warning",
                f"Your first-year budget of {answers.budget_amount:,} {answers.currency} is below the "
                f"low end of the first-year cost for: {', '.join(over)}.",
            )
        )
    weeks = answers.weeks_to_deadline()
    if weeks is not None:
        if all(weeks < w for w in first_proof.values()):
            soonest = min(first_proof.values())
            found.append(
                Warning(
                    "deadline_unreachable",
                    "danger",
                    f"Your deadline is {round(weeks)} weeks away, but the fastest route gives proof in "
                    f"about {soonest} weeks. Tell the customer now, and offer a readiness letter or "
                    "your security documentation in the meantime.",
                )
            )
        elif weeks < first_proof.get(recommended, 0):
            found.append(
                Warning(
                    "deadline_tight",
                    "warning",
                    f"The recommended route gives its first proof in about "
                    f"{first_proof[recommended]} weeks, after your deadline ({round(weeks)} weeks).",
                )
            )
    if "us_federal" in answers.regulated_buyers:
        found.append(
            Warning(
                "fedramp",
                "danger",
                "US federal agencies require FedRAMP authorisation for cloud services that hold "
                "federal data. Neither SOC 2 nor ISO 27001 replaces it, though both shorten the road.",
            )
        )
    if "payment_card" in answers.data_types:
        found.append(
            Warning(
                "pci_dss",
                "warning",
                "You handle payment card data, so PCI DSS applies whatever you choose here. Neither "
                "framework substitutes for it; scope the card environment first.",
            )
        )
    if "health" in answers.data_types or "health" in answers.regulated_buyers:
        where = "north_america" in answers.markets()
        found.append(
            Warning(
                "health_data",
                "warning",
                "Health data brings its own rules: "
                + ("HIPAA in the US (expect business associate agreements), " if where else "")
                + "and special-category rules under GDPR in Europe. SOC 2 and ISO 27001 help you "
                "show control, but they do not make you compliant with these laws.",
            )
        )
    if answers.internal_people <= 0:
        found.append(
            Warning(
                "no_owner",
                "warning",
                "Nobody inside the company is set aside for this. Auditors and platforms do not run "
                "your controls; someone must own them.",
            )
        )
    return tuple(found)


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
                "Confidentiality",
                "recommended",
                "You hold customers' confidential business data.",
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


def next_steps(
    answers: Answers,
    order: tuple[str, ...],
    plans: dict[str, Plan],
    readiness: Readiness,
    shared_links: int,
) -> tuple[str, ...]:
    steps = [
        "Name one owner and agree the scope: which products, systems, teams and locations the "
        "audit covers. A narrow first scope is faster and cheaper."
    ]
    if readiness.gaps:
        top = "; ".join(g.text.rstrip("?") for g in readiness.gaps[:3])
        steps.append(f"Start on the gaps that move both frameworks first: {top}.")
    else:
        steps.append(
            "Answer the readiness questions (or run a gap assessment) to see what is missing "
            "control by control."
        )
    for framework in order:
        plan = plans[framework]
        if framework == SOC2:
            steps.append(
                "Ask two or three CPA firms that specialise in SOC 2 for quotes, and agree the "
                "Trust Services categories and the observation window with the one you choose."
            )
            if plan.uses_type1:
                steps.append(
                    "Tell the waiting customer the date of the Type I report and that a Type II "
                    "will follow once the observation window closes."
                )
        else:
            steps.append(
                "Ask two or three accredited certification bodies for quotes; check their "
                "accreditation and the certificates they issue on IAF CertSearch."
            )
            steps.append(
                "Write the ISMS essentials the audit will start from: scope statement, risk "
                "assessment and treatment plan, Statement of Applicability."
            )
    if len(order) == 2:
        steps.append(
            f"Build one control set for both: our mapping has {shared_links} links between the "
            "two frameworks, so evidence collected once can serve both audits."
        )
    if answers.approach == "in_house" and answers.internal_people < 1:
        steps.append(
            f"With {answers.internal_people:g} people on it and no outside help, consider a "
            f"compliance platform or a consultant ({label('approach', 'platform').lower()} "
            "shortens the readiness phase)."
        )
    return tuple(steps)
