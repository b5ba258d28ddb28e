"""The engine's codes that the reference data stores, as Django choices.

Generated from assessments/engine/codes.py and reference_codes.py by `manage.py codes_export`;
do not edit. See assessments/report/codes_export.py for why this copy exists.
"""

from django.db import models


class Framework(models.TextChoices):
    SOC2 = "soc2", "SOC 2"
    ISO = "iso27001", "ISO 27001"


class Currency(models.TextChoices):
    """How an amount is written (symbol, separators) is Babel's, per locale: engine/formats.py."""

    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"


class SizeBand(models.TextChoices):
    MICRO = "1-10", "1–10 people"
    SMALL = "11-50", "11–50 people"
    MEDIUM = "51-200", "51–200 people"
    LARGE = "201-1000", "201–1,000 people"
    ENTERPRISE = "1000+", "more than 1,000 people"


class ControlKind(models.TextChoices):
    CRITERION = "criterion", "Trust Services Criterion"
    ANNEX_A = "annex_a", "Annex A control"
    CLAUSE = "clause", "ISMS clause"


class GroupKind(models.TextChoices):
    CATEGORY = "category", "TSC category"
    SERIES = "series", "TSC series"
    THEME = "theme", "Annex A theme"
    CLAUSE = "clause", "Management-system clause"


class Relation(models.TextChoices):
    """How a criterion relates to the ISO item it is linked to, read from the criterion's side."""

    EQUAL = "equal", "equal"
    SUBSET = "subset", "subset (criterion is narrower)"
    SUPERSET = "superset", "superset (criterion is broader)"
    INTERSECT = "intersect", "intersect"


class Recurrence(models.TextChoices):
    """When a cost falls. A scheme's per-cycle cost is its assessment, paid at the first proof
    and again at each renewal; a yearly cost runs every year from the first proof."""

    ONCE = "once", "one-off"
    YEARLY = "yearly", "every year"
    PER_CYCLE = "per_cycle", "at each assessment"


class Effort(models.IntegerChoices):
    """Roughly how long putting a readiness question's practice in place takes."""

    DAYS = 1, "days"
    WEEKS = 2, "weeks"
    MONTHS = 3, "months"


class Severity(models.TextChoices):
    """How firmly a company's answers point to an adjacent scheme; the order is the report's."""

    REQUIRED = "required", "Required"
    LIKELY = "likely", "Likely to be asked for"
    CONSIDER = "consider", "Worth considering"
    LATER = "later", "Applies once you sell there"


class SchemeKind(models.TextChoices):
    """What a company ends up with. A law is never obtained: it brings duties, not an audit."""

    CERTIFICATION = "certification", "Certification"
    ATTESTATION = "attestation", "Attestation report"
    ASSESSMENT = "assessment", "Third-party assessment"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    LABEL = "label", "Label"
    AUTHORISATION = "authorisation", "Government authorisation"
    STANDARD = "standard", "Standard or baseline"
    PROCUREMENT = "procurement", "Procurement framework"
    LAW = "law", "Law or regulation"


class PhaseKind(models.TextChoices):
    """A step on the way to a scheme: work the company does (scaled by its team and head
    start), an assessor's audit, an observation window, or a wait on the scheme's owner."""

    WORK = "work", "preparation"
    AUDIT = "audit", "assessment"
    WINDOW = "window", "observation period"
    WAIT = "wait", "wait on the scheme owner"


# The answers a scheme's trigger may name, each with the codes it may compare with.
TRIGGER_FIELDS = {
    "industry": (
        "saas",
        "fintech",
        "healthtech",
        "ecommerce",
        "it_services",
        "consulting",
        "manufacturing",
        "media",
        "automotive",
        "other",
    ),
    "headcount": (
        "1-10",
        "11-50",
        "51-200",
        "201-1000",
        "1000+",
    ),
    "delivery": (
        "saas",
        "cloud_infra",
        "on_premise",
        "services",
    ),
    "ai_use": (
        "none",
        "uses",
        "provides",
    ),
    "data_types": (
        "personal",
        "payment_card",
        "health",
        "financial",
        "confidential",
    ),
    "segments": (
        "smb",
        "mid_market",
        "enterprise",
        "public_sector",
    ),
    "customer_regions": (
        "north_america",
        "eu",
        "uk",
        "apac",
        "latam",
        "mea",
    ),
    "regulated_buyers": (
        "finance",
        "health",
        "us_federal",
        "government",
    ),
    "public_sector_countries": (
        "us",
        "uk",
        "de",
        "fr",
        "es",
        "nl",
        "au",
        "other",
    ),
    "selling_now": (
        "north_america",
        "eu",
        "uk",
        "apac",
        "latam",
        "mea",
    ),
    "selling_planned": (
        "north_america",
        "eu",
        "uk",
        "apac",
        "latam",
        "mea",
    ),
    "requests": (
        "soc2",
        "iso27001",
        "questionnaires",
        "none",
    ),
    "tender_requirements": (
        "soc2",
        "iso27001",
        "either",
        "other",
    ),
    "existing": (
        "soc2_type1",
        "soc2_type2",
        "iso27001_2013",
        "iso27001_2022",
        "other",
    ),
    "markets": (
        "north_america",
        "eu",
        "uk",
        "apac",
        "latam",
        "mea",
    ),
    "markets_planned": (
        "north_america",
        "eu",
        "uk",
        "apac",
        "latam",
        "mea",
    ),
}
