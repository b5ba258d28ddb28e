"""What the wizard (or a JSON file) tells the engine about a company. Plain values only."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, TypedDict, overload

from assessments.engine.codes import (
    AiUse,
    Approach,
    Code,
    Country,
    Currency,
    DataType,
    Delivery,
    Framework,
    Held,
    Industry,
    IntCode,
    Maturity,
    ReadinessLevel,
    Region,
    RegulatedBuyer,
    Request,
    Segment,
    SizeBand,
    Soc2Category,
    Soc2TypeNeeded,
    Soc2Window,
    TenderRequirement,
)
from assessments.engine.serial import Json

# The code list behind each kind of answer, by the name LABELS and the report know it under.
CODE_LISTS: dict[str, type[Code] | type[IntCode]] = {
    "headcount": SizeBand,
    "industry": Industry,
    "delivery": Delivery,
    "ai_use": AiUse,
    "data_types": DataType,
    "segments": Segment,
    "region": Region,
    "country": Country,
    "soc2_type_needed": Soc2TypeNeeded,
    "soc2_window_months": Soc2Window,
    "requests": Request,
    "regulated_buyers": RegulatedBuyer,
    "tender_requirements": TenderRequirement,
    "approach": Approach,
    "soc2_categories": Soc2Category,
    "existing": Held,
    "maturity": Maturity,
    "readiness": ReadinessLevel,
    "currency": Currency,
}
# Each Answers field that holds codes, and the kind of code it holds.
FIELD_KINDS = {
    "headcount": "headcount",
    "industry": "industry",
    "delivery": "delivery",
    "ai_use": "ai_use",
    "data_types": "data_types",
    "segments": "segments",
    "customer_regions": "region",
    "regulated_buyers": "regulated_buyers",
    "public_sector_countries": "country",
    "selling_now": "region",
    "selling_planned": "region",
    "requests": "requests",
    "tender_requirements": "tender_requirements",
    "soc2_type_needed": "soc2_type_needed",
    "currency": "currency",
    "approach": "approach",
    "soc2_window_months": "soc2_window_months",
    "soc2_categories": "soc2_categories",
    "existing": "existing",
    "maturity": "maturity",
}
LABELS: dict[str, dict[str, str]] = {
    kind: {str(code): text for code, text in codes.labels().items()}
    for kind, codes in CODE_LISTS.items()
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
    "demanded_schemes": "scheme_other",
}
DATE_FIELDS = (
    "assessed_on",
    "deadline_soc2",
    "deadline_iso",
    "soc2_period_end",
    "iso_expiry",
)


class SchemeDemand(TypedDict):
    """What a buyer or tender demands of another scheme: by when, and the deals behind it."""

    deadline: date | None
    deals: int


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
    ai_use: str = AiUse.NONE
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
    soc2_type_needed: str = Soc2TypeNeeded.UNKNOWN
    deals_iso: int = 0
    deadline_iso: date | None = None
    # Other schemes a buyer or tender demands (engine 2.2): scheme key -> {"deadline": date or
    # None, "deals": int}; and another scheme the user names in words (its aliases count).
    demanded_schemes: dict[str, SchemeDemand] = field(default_factory=dict)
    scheme_other: str = ""
    # Money: the first year, and each year after it (None: not given, the first year's applies).
    budget_yearly: int | None = None
    internal_people: float = 1.0
    approach: str = Approach.IN_HOUSE
    soc2_window_months: int = 0  # 0: let the engine choose
    include_estimates: bool = False  # engine 2.0 only: every line of the chosen route counts now
    # The Trust Services categories in the SOC 2 scope (Security always); empty: our suggestion.
    soc2_categories: tuple[str, ...] = ()
    # The user's own figures: a quote per cost line (in `currency`), the loaded yearly cost of
    # one person, the people in the ISMS scope (ISO audit time is sized by them), and whether one
    # firm audits both frameworks.
    quotes: dict[str, int] = field(default_factory=dict)
    staff_cost_per_fte: int | None = None
    people_in_scope: int | None = None
    one_audit_firm: bool = False
    existing: tuple[str, ...] = ()
    existing_other: str = ""
    soc2_period_end: date | None = None
    iso_expiry: date | None = None
    maturity: str = Maturity.BASIC
    readiness: dict[str, str] = field(default_factory=dict)
    readiness_notes: dict[str, str] = field(default_factory=dict)
    # The control-by-control deep dive: "framework:ref" -> {"status": ..., "note": ...}
    control_overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def for_scope(cls, **fields: Any) -> Answers:
        """Answers that know only what the SOC 2 scope suggestion reads (the company step)."""
        base: dict[str, Any] = {
            "headcount": "11-50",
            "industry": "",
            "delivery": (),
            "customer_regions": (),
            "budget_amount": 0,
            "currency": "USD",
            "assessed_on": date(2000, 1, 1),
        }
        return cls(**(base | fields))

    def markets(self) -> set[str]:
        """Every region where the company has customers or sells now."""
        return set(self.customer_regions) | set(self.selling_now)

    @overload
    def weeks_until(self, day: date) -> float: ...
    @overload
    def weeks_until(self, day: None) -> None: ...
    @overload
    def weeks_until(self, day: date | None) -> float | None: ...
    def weeks_until(self, day: date | None) -> float | None:
        if day is None:
            return None
        return (day - self.assessed_on).days / 7

    @property
    def later_budget(self) -> int:
        """The budget for each year after the first; the first year's when none was given."""
        return self.budget_amount if self.budget_yearly is None else self.budget_yearly

    def to_dict(self) -> dict[str, Json]:
        data: dict[str, Any] = asdict(self)
        for key in DATE_FIELDS:
            data[key] = data[key].isoformat() if data[key] else None
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        data["demanded_schemes"] = {
            key: {**demand, "deadline": _iso(demand.get("deadline"))}
            for key, demand in self.demanded_schemes.items()
        }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answers:
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
            if key in ("readiness", "readiness_notes", "control_overrides", "quotes"):
                value = dict(value or {})
            if key == "demanded_schemes":
                value = {k: _demand(v) for k, v in (value or {}).items()}
            values[key] = value
        return cls(**values)


def _iso(day: date | str | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


def _demand(value: dict[str, Any] | None) -> SchemeDemand:
    """One demanded scheme read back: its date as a date, its deals as a number."""
    value = dict(value or {})
    deadline = value.get("deadline")
    return {
        "deadline": date.fromisoformat(deadline) if isinstance(deadline, str) else deadline,
        "deals": int(value.get("deals") or 0),
    }


def demanded(data: dict[str, Any]) -> set[str]:
    """The frameworks a customer or a tender names ("either" names both)."""
    named = set(data.get("requests") or ()) | set(data.get("tender_requirements") or ())
    if TenderRequirement.EITHER in named:
        named |= set(Framework)
    return named & set(Framework)


def legacy_upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Engine 1 answers had one deadline and one count of deals for every request."""
    if "deadline" not in data and "deals_at_stake" not in data:
        return data
    data = dict(data)
    deadline, deals = data.pop("deadline", None), data.pop("deals_at_stake", 0) or 0
    wanted = demanded(data)
    for framework, suffix in ((Framework.SOC2, "soc2"), (Framework.ISO, "iso")):
        if framework in wanted:
            data.setdefault(f"deadline_{suffix}", deadline)
            data.setdefault(f"deals_{suffix}", deals)
    return data
