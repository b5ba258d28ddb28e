"""Answers as a person would say them: labels, not codes; money with its currency. Used by the
wizard's review page, the report's list of answers and the comparison of two versions."""

from __future__ import annotations

import datetime

from assessments.answers.limits import QUOTE_PREFIX, SCHEME_DEADLINE, SCHEME_DEALS
from assessments.engine.answers import DATE_FIELDS, FIELD_KINDS, LABELS, Answers, label, labels
from assessments.engine.formats import day, locale_for, money_exact
from assessments.engine.reference import QuestionInfo
from assessments.wizard.forms.plans import line_label
from assessments.wizard.steps import ANSWER_FIELDS, STEP_TITLES, practice_pages

FIELD_LABELS = {
    "company_name": "Company name",
    "headcount": "Headcount",
    "industry": "Industry",
    "industry_other": "Which industry",
    "delivery": "Delivery",
    "data_types": "Data handled",
    "ai_use": "Uses or provides AI",
    "segments": "Customer segments",
    "customer_regions": "Customer regions",
    "regulated_buyers": "Regulated buyers",
    "public_sector_countries": "Public sector in",
    "public_sector_other": "Which country",
    "selling_now": "Selling now in",
    "selling_planned": "Planned within 24 months",
    "requests": "Customers ask for",
    "tender_requirements": "Tender requirements",
    "tender_other": "Which certification tenders require",
    "deals_soc2": "Deals waiting on SOC 2",
    "deadline_soc2": "SOC 2 report needed by",
    "soc2_type_needed": "Type I accepted first",
    "deals_iso": "Deals waiting on ISO 27001",
    "deadline_iso": "ISO 27001 certificate needed by",
    "demanded_schemes": "Other schemes demanded",
    "scheme_other": "Other scheme demanded",
    "budget_amount": "First-year budget",
    "budget_yearly": "Budget each later year",
    "currency": "Currency",
    "internal_people": "Internal people (FTE)",
    "approach": "Approach",
    "soc2_window_months": "Type II observation window",
    "include_estimates": "Unverified estimates in totals",
    "soc2_categories": "SOC 2 categories in scope",
    "people_in_scope": "People in the ISMS scope",
    "one_audit_firm": "One firm audits both",
    "staff_cost_per_fte": "Loaded cost per person a year",
    "existing": "Held today",
    "existing_other": "Other certificate held",
    "soc2_period_end": "Current SOC 2 period ends",
    "iso_expiry": "ISO 27001 certificate expires",
    "maturity": "Security maturity",
}
MONEY_FIELDS = ("budget_amount", "budget_yearly", "staff_cost_per_fte")
LEGACY_LABELS = {"deadline": "Deadline for proof", "deals_at_stake": "Deals blocked or at stake"}
# Dates as saved answers hold them (ISO text), engine 1's single deadline among them.
DATE_ANSWERS = (*DATE_FIELDS, "deadline")


def _date_text(value: datetime.date | str, currency: str | None) -> str:
    """A date in the assessment's locale; text that is not a date, as it is."""
    try:
        when = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return day(when, locale=locale_for(currency))


def answer_text(name: str, value, currency: str | None = None) -> str:
    """An answer as the user would say it: labels, not codes; money with its currency."""
    kind = FIELD_KINDS.get(name, name)
    if name == "budget_yearly" and value in (None, ""):
        return "Same as the first year"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, "", [], ()):
        return "None held" if name == "existing" else "—"
    if name == "demanded_schemes":
        return demands_text(value, currency)
    if name in MONEY_FIELDS:
        return money_exact(int(value), currency) if currency else f"{int(value):,}"
    if name == "soc2_window_months":
        return label(kind, str(value))
    if isinstance(value, list | tuple):
        text = labels(kind, tuple(value))
    elif isinstance(value, datetime.date) or name in DATE_ANSWERS:
        text = _date_text(value, currency)
    elif kind in LABELS:
        text = label(kind, str(value))
    else:
        text = str(value)
    return text[:1].upper() + text[1:]


def demands_text(demands: dict, currency: str | None = None) -> str:
    """Each demanded scheme by name, with its date and deals when given."""
    from assessments.selectors import scheme_names_current

    names = {s.key: s.name for s in scheme_names_current()}
    parts = []
    for key, demand in demands.items():
        details = []
        if demand.get("deadline"):
            details.append(f"by {_date_text(demand['deadline'], currency)}")
        if demand.get("deals"):
            details.append(f"{demand['deals']} deals waiting")
        parts.append(names.get(key, key) + (f" ({', '.join(details)})" if details else ""))
    return "; ".join(parts)


def _demands_of(data: dict) -> dict:
    """The demands step's cleaned data as the engine keeps it: scheme -> date and deals."""
    return {
        key: {
            "deadline": data.get(f"{SCHEME_DEADLINE}{key}"),
            "deals": data.get(f"{SCHEME_DEALS}{key}"),
        }
        for key in data.get("demanded_schemes") or ()
        if key != "other"
    }


def quote_rows(quotes: dict, currency: str | None) -> list[tuple[str, str]]:
    names = {}
    if any(line_label(key) == key for key in quotes):  # a scheme's own line: its name
        from frameworks.selectors import scheme_cost_lines_load

        names = dict(scheme_cost_lines_load())
    return [
        (
            f"Your quote: {names.get(key) or line_label(key)}",
            answer_text("budget_amount", amount, currency),
        )
        for key, amount in quotes.items()
    ]


def review_sections(cleaned: dict[str, dict | None], questions: tuple[QuestionInfo, ...]):
    """[(step, title, [(label, text), ...]), ...] for the review page."""
    sections = []
    for step, fields in ANSWER_FIELDS.items():
        data = cleaned.get(step) or {}
        if step == "demands":
            data = {**data, "demanded_schemes": _demands_of(data)}
        currency = (cleaned.get("budget") or {}).get("currency")
        rows = [
            (FIELD_LABELS[name], answer_text(name, data.get(name), currency)) for name in fields
        ]
        if step == "budget":
            quotes = {
                k.removeprefix(QUOTE_PREFIX): v
                for k, v in data.items()
                if k.startswith(QUOTE_PREFIX) and v is not None
            }
            rows += quote_rows(quotes, currency)
        sections.append((step, STEP_TITLES[step], rows))
    for step, page in practice_pages(questions).items():
        data = cleaned.get(step) or {}
        rows = []
        for q in page:
            text = label("readiness", data.get(f"q_{q.key}") or "") or "—"
            if note := data.get(f"note_{q.key}"):
                text = f"{text} ({note})"
            rows.append((q.text, text))
        sections.append((step, STEP_TITLES[step], rows))
    return sections


def answer_rows(answers: Answers, *, saved: dict) -> list[tuple[str, str]]:
    """Every answer in step order; `saved` (the answers as stored) adds engine 1's two
    differently asked answers, as they were answered."""
    values = answers.to_dict()
    rows = [
        (FIELD_LABELS[name], answer_text(name, values.get(name), answers.currency))
        for fields in ANSWER_FIELDS.values()
        for name in fields
    ]
    rows += quote_rows(answers.quotes, answers.currency)
    rows += [
        (title, answer_text(name, saved[name], answers.currency))
        for name, title in LEGACY_LABELS.items()
        if saved.get(name) not in (None, "", 0)
    ]
    return rows
