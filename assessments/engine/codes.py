"""Every code the answers, the reference data and the results store, with the words a reader sees.

Each code is defined here once. `LABELS`, the wizard's choices, the JSON schema
(`assessments/answers.schema.json`) and the reference data's vocabulary
(`frameworks/vocabulary.py`) derive from these enums; the last two are generated
(`manage.py codes_export`) and a test fails when they drift. A member's value is the string that is stored, so saved answers and results keep
loading; a spelling older data used is accepted as an alias.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any, Self, cast


class Code(StrEnum):
    """A stored code and its label: `Region.EU == "eu"`, `Region.EU.label == "EU / EEA"`."""

    label: str
    details: tuple[Any, ...]  # what a member adds to its label differs from enum to enum

    # `label` has a default only so that a look-up by value, `Framework("soc2")`, type-checks
    # against this signature; every member names its label.
    def __new__(cls, value: str, label: str = "", *details: Any) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.details = details
        return member

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        alias = cls._aliases().get(str(value))
        return cls(alias) if alias else None

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {}

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {m.value: m.label for m in cls}

    @classmethod
    def label_of(cls, value: str) -> str:
        """The label of a stored code; an unknown code reads as itself."""
        try:
            return cls(value).label
        except ValueError:
            return value

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


class IntCode(IntEnum):
    """A stored whole-number code and its label."""

    label: str

    def __new__(cls, value: int, label: str = "") -> Self:
        member = int.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[int, str]:
        return {m.value: m.label for m in cls}

    @classmethod
    def values(cls) -> tuple[int, ...]:
        return tuple(m.value for m in cls)


# The frameworks and what the report calls them ---------------------------------------------


class Framework(Code):
    SOC2 = "soc2", "SOC 2", "2017", "SOC 2 report", ("SOC 2", "SOC II", "SOC2")
    ISO = (
        "iso27001",
        "ISO 27001",
        "2022",
        "ISO 27001 certificate",
        ("ISO/IEC 27001", "ISO 27001", "27001"),
    )

    @property
    def edition(self) -> str:
        return cast(str, self.details[0])

    @property
    def proof(self) -> str:
        """What a buyer is shown: the report or the certificate."""
        return cast(str, self.details[1])

    @property
    def aliases(self) -> tuple[str, ...]:
        """How people write its name."""
        return cast(tuple[str, ...], self.details[2])

    @property
    def titled(self) -> str:
        """The name with the edition, where the edition matters: ISO 27001:2022."""
        return f"{self.label}:{self.edition}"


class Verdict(Code):
    SOC2 = "soc2", "SOC 2"
    ISO = "iso27001", "ISO 27001"
    BOTH = "both", "SOC 2 and ISO 27001"
    NOT_YET = "not_yet", "Not yet"


class Currency(Code):
    """How an amount is written (symbol, separators) is Babel's, per locale: engine/formats.py."""

    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"


# What the wizard asks ----------------------------------------------------------------------


class SizeBand(Code):
    MICRO = "1-10", "1–10 people", 10
    SMALL = "11-50", "11–50 people", 50
    MEDIUM = "51-200", "51–200 people", 200
    LARGE = "201-1000", "201–1,000 people", 1000
    ENTERPRISE = "1000+", "more than 1,000 people", 100_000

    @property
    def people_max(self) -> int:
        return cast(int, self.details[0])


class Industry(Code):
    SAAS = "saas", "B2B software / SaaS"
    FINTECH = "fintech", "Financial technology"
    HEALTHTECH = "healthtech", "Health technology"
    ECOMMERCE = "ecommerce", "E-commerce and marketplaces"
    IT_SERVICES = "it_services", "IT and managed services"
    CONSULTING = "consulting", "Consulting and professional services"
    MANUFACTURING = "manufacturing", "Manufacturing and industrial"
    MEDIA = "media", "Media, marketing and advertising"
    AUTOMOTIVE = "automotive", "Automotive and mobility"
    OTHER = "other", "Other"


class Delivery(Code):
    SAAS = "saas", "SaaS (we host it)"
    CLOUD_INFRA = "cloud_infra", "Cloud infrastructure or platform (IaaS / PaaS / API)"
    ON_PREMISE = "on_premise", "Software customers run themselves"
    SERVICES = "services", "Services (consulting, managed, outsourcing)"


class AiUse(Code):
    """Whether the product uses or provides AI or machine learning (ISO/IEC 42001, the EU AI
    Act's buyers' questions)."""

    NONE = "none", "No"
    USES = "uses", "Yes, it uses AI models (ours or a provider's) in its features"
    PROVIDES = "provides", "Yes, we build or provide AI models or AI systems to others"


class DataType(Code):
    PERSONAL = "personal", "Customers' personal data"
    PAYMENT_CARD = "payment_card", "Payment card data"
    HEALTH = "health", "Health data"
    FINANCIAL = "financial", "Financial data"
    CONFIDENTIAL = "confidential", "Confidential business data"


class Segment(Code):
    SMB = "smb", "Small businesses"
    MID_MARKET = "mid_market", "Mid-market"
    ENTERPRISE = "enterprise", "Enterprise"
    PUBLIC_SECTOR = "public_sector", "Public sector"


class Region(Code):
    NORTH_AMERICA = "north_america", "North America"
    EU = "eu", "EU / EEA"
    UK = "uk", "United Kingdom"
    APAC = "apac", "Asia-Pacific"
    LATAM = "latam", "Latin America"
    MEA = "mea", "Middle East & Africa"


INTERNATIONAL = (Region.EU, Region.UK, Region.APAC)


class Country(Code):
    US = "us", "United States"
    UK = "uk", "United Kingdom"
    DE = "de", "Germany"
    FR = "fr", "France"
    ES = "es", "Spain"
    NL = "nl", "Netherlands"
    AU = "au", "Australia"
    OTHER = "other", "Another country"


class Request(Code):
    SOC2 = "soc2", "a SOC 2 report"
    ISO = "iso27001", "an ISO 27001 certificate"
    QUESTIONNAIRES = "questionnaires", "security questionnaires"
    NONE = "none", "nothing yet"


class RegulatedBuyer(Code):
    FINANCE = "finance", "Financial services"
    HEALTH = "health", "Healthcare"
    US_FEDERAL = "us_federal", "US federal government"
    GOVERNMENT = "government", "Other government or public bodies"


class TenderRequirement(Code):
    SOC2 = "soc2", "SOC 2 report required"
    ISO = "iso27001", "ISO 27001 certificate required"
    EITHER = "either", "Either one accepted"
    OTHER = "other", "Another certification or scheme"


class Soc2TypeNeeded(Code):
    UNKNOWN = "unknown", "We don't know yet"
    TYPE1_OK = "type1_ok", "A Type I report first is fine"
    TYPE2 = "type2", "Only a Type II report will do"


class Soc2Window(IntCode):
    CHOSEN = 0, "Let Certpath choose"
    THREE = 3, "3 months"
    SIX = 6, "6 months"
    TWELVE = 12, "12 months"


class Soc2Category(Code):
    """A Trust Services category in a SOC 2 report's scope; the detail is the criteria's
    category as the reference data names it."""

    SECURITY = "security", "Security (the common criteria, always in scope)", "Security"
    AVAILABILITY = "availability", "Availability", "Availability"
    CONFIDENTIALITY = "confidentiality", "Confidentiality", "Confidentiality"
    PROCESSING_INTEGRITY = "processing_integrity", "Processing Integrity", "Processing Integrity"
    PRIVACY = "privacy", "Privacy", "Privacy"

    @property
    def criteria_category(self) -> str:
        return cast(str, self.details[0])


class Approach(Code):
    PLATFORM = "platform", "A compliance automation platform"
    CONSULTANT = "consultant", "A consultant"
    BOTH = "both", "A platform and a consultant"
    IN_HOUSE = "in_house", "Our own team only"


class Held(Code):
    """A certification or report the company holds today (the `existing` answer)."""

    SOC2_TYPE1 = "soc2_type1", "SOC 2 Type I"
    SOC2_TYPE2 = "soc2_type2", "SOC 2 Type II"
    ISO_2013 = "iso27001_2013", "ISO 27001:2013"
    ISO_2022 = "iso27001_2022", "ISO 27001:2022"
    OTHER = "other", "Another certification"


class Maturity(Code):
    AD_HOC = "ad_hoc", "Ad hoc: security depends on a few people", 0
    BASIC = "basic", "Basic: some practices, little written down", 1
    DOCUMENTED = "documented", "Documented: policies exist and are mostly followed", 2
    MANAGED = "managed", "Managed: controls are measured, reviewed and evidenced", 3

    @property
    def level(self) -> int:
        return cast(int, self.details[0])


class ReadinessLevel(Code):
    """An answer to a readiness question."""

    NOT_IN_PLACE = "not_in_place", "Not in place"
    PARTLY = "partly", "Partly"
    IN_PLACE = "in_place", "In place"
    EVIDENCE = "evidence", "In place with evidence"
    NOT_APPLICABLE = "na", "Not applicable"


class Status(Code):
    """A requirement's readiness status, and the user's own verdict on one control. The label
    is the verdict as the deep dive offers it, `short` the status as tables show it."""

    MET = "met", "Met, with evidence", "met"
    PARTIAL = "partial", "Partly met", "partly"
    GAP = "gap", "Not met", "gap"
    NOT_APPLICABLE = "not_applicable", "Not applicable", "n/a"
    NOT_ASSESSED = "not_assessed", "Not assessed", "not assessed"

    @property
    def short(self) -> str:
        return cast(str, self.details[0])

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        # Engine 1 wrote an excluded control's Statement of Applicability entry as "n/a".
        return {"n/a": "not_applicable"}


# What a user may set control by control in the deep dive.
OVERRIDE_STATUSES = (Status.MET, Status.PARTIAL, Status.GAP, Status.NOT_APPLICABLE)
