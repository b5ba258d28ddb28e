"""The SOC 2 report's scope: Security always, plus the Trust Services categories the company's
answers call for, or the ones the user chose."""

from __future__ import annotations

from assessments.engine.answers import Answers
from assessments.engine.codes import DataType, Delivery, Industry, Soc2Category

REQUIRED, RECOMMENDED, CONSIDER = "required", "recommended", "consider"


def categories_suggested(answers: Answers) -> tuple[tuple[Soc2Category, str, str], ...]:
    """Each category worth a thought: (category, how strongly, why)."""
    items = [(Soc2Category.SECURITY, REQUIRED, "Always in scope; it is the common criteria.")]
    if {Delivery.SAAS, Delivery.CLOUD_INFRA} & set(answers.delivery):
        items.append(
            (
                Soc2Category.AVAILABILITY,
                RECOMMENDED,
                "You run a service customers depend on; uptime and recovery commitments are "
                "usually in your contracts.",
            )
        )
    if DataType.CONFIDENTIAL in answers.data_types:
        items.append(
            (
                Soc2Category.CONFIDENTIALITY,
                RECOMMENDED,
                "You hold customers' confidential business data.",
            )
        )
    if DataType.FINANCIAL in answers.data_types or answers.industry == Industry.FINTECH:
        items.append(
            (
                Soc2Category.PROCESSING_INTEGRITY,
                CONSIDER,
                "Customers rely on your system to process transactions or figures correctly.",
            )
        )
    if {DataType.PERSONAL, DataType.HEALTH} & set(answers.data_types):
        items.append(
            (
                Soc2Category.PRIVACY,
                CONSIDER,
                "You process personal data; add it when buyers ask, since it widens the audit "
                "a lot.",
            )
        )
    return tuple(items)


def categories_recommended(answers: Answers) -> tuple[str, ...]:
    """What the wizard prefills: the required and recommended categories."""
    return tuple(c.value for c, level, _ in categories_suggested(answers) if level != CONSIDER)


def categories_in_scope(answers: Answers) -> tuple[str, ...]:
    """The user's choice (Security always with it), or our recommendation."""
    chosen = answers.soc2_categories or categories_recommended(answers)
    return tuple(c.value for c in Soc2Category if c == Soc2Category.SECURITY or c in chosen)


def criteria_categories(answers: Answers) -> frozenset[str]:
    """The criteria categories (as the reference data names them) in scope."""
    return frozenset(Soc2Category(c).criteria_category for c in categories_in_scope(answers))
