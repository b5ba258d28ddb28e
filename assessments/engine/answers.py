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
        "automotive": "Automotive and mobility",
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
    "country": {
        "us": "United States",
        "uk": "United Kingdom",
        "de": "Germany",
        "fr": "France",
        "es": "Spain",
        "nl": "Netherlands",
        "au": "Australia",
        "other": "Another country",
    },
    "soc2_type_needed": {
        "unknown": "We don't know yet",
        "type1_ok": "A Type I report first is fine",
        "type2": "Only a Type II report will do",
    },
    "soc2_window_months": {
        "0": "Let Certpath choose",
        "3": "3 months",
        "6": "6 months",
        "12": "12 months",
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
        "other": "Another certification or scheme",
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


# An "other" answer names what it is in a short text field of its own.
OTHER_TEXT = {
    "industry": "industry_other",
    "public_sector_countries": "public_sector_other",
    "tender_requirements": "tender_other",
    "existing": "existing_other",
}
DATE_FIELDS = (
    "assessed_on",
    "deadline_soc2",
    "deadline_iso",
    "soc2_period_end",
    "iso_expiry",
)


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
    industry_other: str = ""
    data_types: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    regulated_buyers: tuple[str, ...] = ()
    public_sector_countries: tuple[str, ...] = ()
    public_sector_other: str = ""
    selling_now: tuple[str, ...] = ()
    selling_planned: tuple[str, ...] = ()
    # What buyers demand: a framework named by customers or by tenders, with the deals and the
    # date behind each.
    requests: tuple[str, ...] = ()
    tender_requirements: tuple[str, ...] = ()
    tender_other: str = ""
    deals_soc2: int = 0
    deadline_soc2: date | None = None
    soc2_type_needed: str = "unknown"
    deals_iso: int = 0
    deadline_iso: date | None = None
    # Money: the first year, and each year after it (None: not given, the first year's applies).
    budget_yearly: int | None = None
    internal_people: float = 1.0
    approach: str = "in_house"
    soc2_window_months: int = 0  # 0: let the engine choose
    include_estimates: bool = False
    existing: tuple[str, ...] = ()
    existing_other: str = ""
    soc2_period_end: date | None = None
    iso_expiry: date | None = None
    maturity: str = "basic"
    readiness: dict[str, str] = field(default_factory=dict)
    readiness_notes: dict[str, str] = field(default_factory=dict)
    # The control-by-control deep dive: "framework:ref" -> {"status": ..., "note": ...}
    control_overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    def markets(self) -> set[str]:
        """Every region where the company has customers or sells now."""
        return set(self.customer_regions) | set(self.selling_now)

    def weeks_until(self, day: date | None) -> float | None:
        if day is None:
            return None
        return (day - self.assessed_on).days / 7

    @property
    def later_budget(self) -> int:
        """The budget for each year after the first; the first year's when none was given."""
        return self.budget_amount if self.budget_yearly is None else self.budget_yearly

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in DATE_FIELDS:
            data[key] = data[key].isoformat() if data[key] else None
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Answers:
        """Build from JSON-like data that has already been validated against the schema.
        Answers saved before deadlines and deals were asked per framework are read as meaning
        every framework that was demanded."""
        data = legacy_upgrade(data)
        known = {f.name for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue
            if isinstance(value, list):
                value = tuple(value)
            if key in DATE_FIELDS and isinstance(value, str):
                value = date.fromisoformat(value)
            if key in ("readiness", "readiness_notes", "control_overrides"):
                value = dict(value or {})
            values[key] = value
        return cls(**values)


def demanded(data: dict) -> set[str]:
    """The frameworks a customer or a tender names ("either" names both)."""
    named = set(data.get("requests") or ()) | set(data.get("tender_requirements") or ())
    if "either" in named:
        named |= {"soc2", "iso27001"}
    return named & {"soc2", "iso27001"}


def legacy_upgrade(data: dict) -> dict:
    """Engine 1 answers had one deadline and one count of deals for every request."""
    if "deadline" not in data and "deals_at_stake" not in data:
        return data
    data = dict(data)
    deadline, deals = data.pop("deadline", None), data.pop("deals_at_stake", 0) or 0
    wanted = demanded(data)
    for framework, suffix in (("soc2", "soc2"), ("iso27001", "iso")):
        if framework in wanted:
            data.setdefault(f"deadline_{suffix}", deadline)
            data.setdefault(f"deals_{suffix}", deals)
    return data
