"""What the wizard (or a JSON file) tells the engine about a company. Plain values only."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

SIZE_BANDS = ("1-10", "11-50", "51-200", "201-1000", "1000+")
REGIONS = ("north_america", "eu", "uk", "apac", "latam", "mea")
INTERNATIONAL = ("eu", "uk", "apac")
CURRENCIES = ("USD", "EUR", "GBP")
READINESS_LEVELS = ("not_in_place", "partly", "in_place", "evidence", "na")
OVERRIDE_STATUSES = ("met", "partial", "gap", "not_applicable")

LABELS: dict[str, dict[str, str]] = {
    "headcount": {
        "1-10": "1–10 people",
        "11-50": "11–50 people",
        "51-200": "51–200 people",
        "201-1000": "201–1,000 people",
        "1000+": "more than 1,000 people",
    },
    "industry": {
        "saas": "B2B software / SaaS",
        "fintech": "Financial technology",
        "healthtech": "Health technology",
        "ecommerce": "E-commerce and marketplaces",
        "it_services": "IT and managed services",
        "consulting": "Consulting and professional services",
        "manufacturing": "Manufacturing and industrial",
        "media": "Media, marketing and advertising",
        "other": "Other",
    },
    "delivery": {
        "saas": "SaaS (we host it)",
        "cloud_infra": "Cloud infrastructure or platform (IaaS / PaaS / API)",
        "on_premise": "Software customers run themselves",
        "services": "Services (consulting, managed, outsourcing)",
    },
    "data_types": {
        "personal": "Customers' personal data",
        "payment_card": "Payment card data",
        "health": "Health data",
        "financial": "Financial data",
        "confidential": "Confidential business data",
    },
    "segments": {
        "smb": "Small businesses",
        "mid_market": "Mid-market",
        "enterprise": "Enterprise",
        "public_sector": "Public sector",
    },
    "region": {
        "north_america": "North America",
        "eu": "EU / EEA",
        "uk": "United Kingdom",
        "apac": "Asia-Pacific",
        "latam": "Latin America",
        "mea": "Middle East & Africa",
    },
    "requests": {
        "soc2": "a SOC 2 report",
        "iso27001": "an ISO 27001 certificate",
        "questionnaires": "security questionnaires",
        "none": "nothing yet",
    },
    "regulated_buyers": {
        "finance": "Financial services",
        "health": "Healthcare",
        "us_federal": "US federal government",
        "government": "Other government or public bodies",
    },
    "tender_requirements": {
        "soc2": "SOC 2 report required",
        "iso27001": "ISO 27001 certificate required",
        "either": "Either one accepted",
        "other": "Another certification (e.g. Cyber Essentials, FedRAMP, TISAX)",
    },
    "approach": {
        "platform": "A compliance automation platform",
        "consultant": "A consultant",
        "both": "A platform and a consultant",
        "in_house": "Our own team only",
    },
    "existing": {
        "soc2_type1": "SOC 2 Type I",
        "soc2_type2": "SOC 2 Type II",
        "iso27001_2013": "ISO 27001:2013",
        "iso27001_2022": "ISO 27001:2022",
        "other": "Another certification",
    },
    "maturity": {
        "ad_hoc": "Ad hoc: security depends on a few people",
        "basic": "Basic: some practices, little written down",
        "documented": "Documented: policies exist and are mostly followed",
        "managed": "Managed: controls are measured, reviewed and evidenced",
    },
    "readiness": {
        "not_in_place": "Not in place",
        "partly": "Partly",
        "in_place": "In place",
        "evidence": "In place with evidence",
        "na": "Not applicable",
    },
}


def label(kind: str, value: str) -> str:
    return LABELS.get(kind, {}).get(value, value)


def labels(kind: str, values: tuple[str, ...]) -> str:
    return ", ".join(label(kind, v) for v in values) or "none"


@dataclass(frozen=True)
class Answers:
    headcount: str
    industry: str
    delivery: tuple[str, ...]
    customer_regions: tuple[str, ...]
    budget_amount: int
    currency: str
    assessed_on: date
    company_name: str = ""
    data_types: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()
    regulated_buyers: tuple[str, ...] = ()
    deals_at_stake: int = 0
    selling_now: tuple[str, ...] = ()
    selling_planned: tuple[str, ...] = ()
    tender_requirements: tuple[str, ...] = ()
    internal_people: float = 1.0
    deadline: date | None = None
    approach: str = "in_house"
    existing: tuple[str, ...] = ()
    maturity: str = "basic"
    readiness: dict[str, str] = field(default_factory=dict)
    readiness_notes: dict[str, str] = field(default_factory=dict)
    # The control-by-control deep dive: "framework:ref" -> {"status": ..., "note": ...}
    control_overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    def markets(self) -> set[str]:
        """Every region where the company has customers or sells now."""
        return set(self.customer_regions) | set(self.selling_now)

    def weeks_to_deadline(self) -> float | None:
        if self.deadline is None:
            return None
        return (self.deadline - self.assessed_on).days / 7

    def to_dict(self) -> dict:
        data = asdict(self)
        data["assessed_on"] = self.assessed_on.isoformat()
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Answers:
        """Build from JSON-like data that has already been validated against the schema."""
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue
            if isinstance(value, list):
                value = tuple(value)
            if key in ("assessed_on", "deadline") and isinstance(value, str):
                value = date.fromisoformat(value)
            if key in ("readiness", "readiness_notes", "control_overrides"):
                value = dict(value or {})
            values[key] = value
        return cls(**values)
