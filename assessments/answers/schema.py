"""`answers.schema.json`, written from the field definitions below and the engine's codes.

Every list of allowed values comes from an enum in `engine/codes.py`, and every limit from
`answers/limits.py`, which the wizard's forms read too, so the schema cannot disagree with what
the wizard accepts. The descriptions are the schema's user documentation. `manage.py codes_export` rewrites the file, and a test fails
when the committed one drifts from what this module builds.
"""

from __future__ import annotations

import json
from pathlib import Path

from assessments.answers.limits import (
    BUDGET_MAX,
    DEALS_MAX,
    NAME_MAX,
    NOTE_MAX,
    OTHER_MAX,
    PEOPLE_IN_SCOPE_MAX,
    PEOPLE_MAX,
    STAFF_COST_MAX,
    STAFF_COST_MIN,
)
from assessments.engine.answers import CODE_LISTS, FIELD_KINDS
from assessments.engine.codes import OVERRIDE_STATUSES, Framework
from assessments.engine.costs import QUOTABLE

SCHEMA_PATH = Path(__file__).parent.parent / "answers.schema.json"
QUESTION_KEY = {"pattern": "^[a-z0-9_]+$", "maxLength": 100}
CONTROL_REF_MAX = 20  # frameworks.models.Control.ref
REQUIRED = (
    "headcount",
    "industry",
    "delivery",
    "customer_regions",
    "segments",
    "requests",
    "selling_now",
    "budget_amount",
    "currency",
    "approach",
    "maturity",
)
DATE = {"type": "string", "format": "date"}
OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
TEXT = {"type": "string", "maxLength": OTHER_MAX}
DEALS = {"type": "integer", "minimum": 0, "maximum": DEALS_MAX}
CODES, CODE_LIST = "codes", "code list"  # one code, or a list of codes, of the field's kind
# (field, description, shape) in the order the schema lists them.
FIELDS = (
    ("assessed_on", "The day the answers describe (YYYY-MM-DD). Defaults to today.", DATE),
    (
        "company_name",
        "Shown on the report; leave it out to stay anonymous.",
        {"type": "string", "maxLength": NAME_MAX},
    ),
    ("headcount", "How many people work at the company, as a size band.", CODES),
    ("industry", "The industry the company works in.", CODES),
    ("industry_other", 'Which industry, when industry is "other".', TEXT),
    ("delivery", "How the company delivers to its business customers.", CODE_LIST),
    ("data_types", "Kinds of customer data the company handles.", CODE_LIST),
    ("ai_use", "Whether the product uses or provides AI or machine learning.", CODES),
    ("segments", "The kinds of customers the company sells to.", CODE_LIST),
    ("customer_regions", "Regions where the company has customers today.", CODE_LIST),
    (
        "requests",
        'What customers ask for; "none" (nothing yet) cannot be combined with the others.',
        CODE_LIST,
    ),
    ("regulated_buyers", "Regulated buyers the company sells to.", CODE_LIST),
    (
        "public_sector_countries",
        'Countries whose governments or public bodies the company sells to; "other" needs '
        "public_sector_other.",
        CODE_LIST,
    ),
    ("public_sector_other", 'Which country, when public_sector_countries has "other".', TEXT),
    (
        "deals_at_stake",
        "Engine 1 answers only: deals waiting for a report or certificate, read as waiting on "
        "every framework that is demanded. Use deals_soc2 and deals_iso instead.",
        DEALS,
    ),
    ("selling_now", "Regions where the company sells today.", CODE_LIST),
    ("selling_planned", "Regions the company plans to sell in within 24 months.", CODE_LIST),
    (
        "tender_requirements",
        "Certifications that tenders or RFPs the company wants to answer require.",
        CODE_LIST,
    ),
    (
        "tender_other",
        'Which certification or scheme tenders require, when tender_requirements has "other".',
        TEXT,
    ),
    (
        "deals_soc2",
        "Deals waiting on a SOC 2 report; only when customers or tenders ask for SOC 2.",
        DEALS,
    ),
    (
        "deadline_soc2",
        "By when a SOC 2 report must be shown (YYYY-MM-DD, in the future, within five years); "
        "only when SOC 2 is asked for.",
        OPTIONAL_DATE,
    ),
    (
        "soc2_type_needed",
        "Whether the buyers asking for SOC 2 accept a Type I report first.",
        CODES,
    ),
    (
        "deals_iso",
        "Deals waiting on an ISO 27001 certificate; only when customers or tenders ask for ISO "
        "27001.",
        DEALS,
    ),
    (
        "deadline_iso",
        "By when an ISO 27001 certificate must be shown (YYYY-MM-DD, in the future, within five "
        "years); only when ISO 27001 is asked for.",
        OPTIONAL_DATE,
    ),
    (
        "demanded_schemes",
        "Other schemes a buyer or a tender demands, by scheme key (the keys are listed at "
        '/frameworks/ and in the admin), e.g. {"pci_dss": {"deadline": "2027-06-30", "deals": '
        "2}}. The deadline (in the future, within five years) and the deals are optional.",
        {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z0-9_]+$", "maxLength": 40},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"deadline": OPTIONAL_DATE, "deals": DEALS},
            },
        },
    ),
    (
        "scheme_other",
        "Another scheme a buyer demands, in words; a scheme named by one of its aliases counts "
        "as demanded, with no date.",
        TEXT,
    ),
    (
        "budget_amount",
        "First-year budget in `currency` for audits, tools and outside help (not staff time), "
        "as a whole number.",
        {"type": "integer", "minimum": 0, "maximum": BUDGET_MAX},
    ),
    (
        "budget_yearly",
        "The budget for each year after the first; leave it out (or null) to use the first year's.",
        {"type": ["integer", "null"], "minimum": 0, "maximum": BUDGET_MAX},
    ),
    ("currency", "Currency of the budget and of every amount in the report.", CODES),
    (
        "internal_people",
        "Full-time equivalents inside the company who can work on it, e.g. 0.5; at most two "
        "decimals.",
        {"type": "number", "minimum": 0, "maximum": PEOPLE_MAX},
    ),
    (
        "deadline",
        "Engine 1 answers only: one date for every demanded framework. Use deadline_soc2 and "
        "deadline_iso instead.",
        OPTIONAL_DATE,
    ),
    (
        "approach",
        "How the company will get there: platform, consultant, both, or its own team.",
        CODES,
    ),
    (
        "soc2_window_months",
        "The SOC 2 Type II observation window in months; 0 lets Certpath choose (3, or 6 with "
        "financial buyers).",
        CODES,
    ),
    (
        "include_estimates",
        "Engine 2.0 answers only: ignored since 2.1, where every line of the chosen route is in "
        "the totals and estimates are marked as such.",
        {"type": "boolean"},
    ),
    (
        "soc2_categories",
        'Trust Services categories in the SOC 2 scope; "security" must be among them. Leave it '
        "out to use Certpath's recommendation.",
        CODE_LIST,
    ),
    (
        "people_in_scope",
        "People working in the ISMS scope, if fewer than the headcount; ISO 27001 audit time "
        "is sized by them.",
        {"type": ["integer", "null"], "minimum": 1, "maximum": PEOPLE_IN_SCOPE_MAX},
    ),
    (
        "one_audit_firm",
        "Whether one firm should audit both SOC 2 and ISO 27001 (priced as a bundle).",
        {"type": "boolean"},
    ),
    (
        "staff_cost_per_fte",
        "Loaded yearly cost of one full-time person in `currency` (salary and employer costs); "
        "leave it out for the published default of the currency's market.",
        {"type": ["integer", "null"], "minimum": STAFF_COST_MIN, "maximum": STAFF_COST_MAX},
    ),
    ("existing", "Certifications or reports the company holds today.", CODE_LIST),
    (
        "existing_other",
        'Which other certification or report is held, when existing has "other".',
        TEXT,
    ),
    (
        "soc2_period_end",
        "When the current SOC 2 observation period ends (in the future); only with a SOC 2 "
        "Type II held.",
        OPTIONAL_DATE,
    ),
    (
        "iso_expiry",
        "When the ISO 27001:2022 certificate expires (in the future, within three years); only "
        "with that certificate held.",
        OPTIONAL_DATE,
    ),
    ("maturity", "How established security practice is at the company today.", CODES),
)
QUOTES = (
    "Your own quotes, by cost line, as whole amounts in `currency` (a yearly amount for a line "
    'that recurs), e.g. {"soc2_type2_audit": 18500}. A quote replaces that line\'s range in '
    "every year it occurs; docs/cost-model.md lists the lines. A demanded scheme's own lines "
    "(their keys are in the admin's Cost items, e.g. pci_dss_qsa_assessment) may be quoted too."
)
READINESS = (
    "Answers to the readiness questions, by question key. Once any question is answered, the "
    "requirements only the questions left out cover are not assessed and earn nothing "
    "(readiness is a share of every requirement); leave the whole object out to have readiness "
    "estimated from the stated maturity."
)
READINESS_NOTES = (
    "Why a question does not apply, by question key: a reason of at least a sentence, required "
    'where the answer is "na". Questions that touch the SOC 2 common criteria or ISO 27001 '
    'clauses 4–10 cannot be "na".'
)
CONTROL_OVERRIDES = (
    'Control-by-control verdicts from the deep dive, keyed "framework:control id" (e.g. '
    '"iso27001:A.5.1"). A verdict replaces the estimate from the readiness answers for that '
    "control."
)
HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://certpath.example/schemas/answers.schema.json",
    "title": "Certpath assessment answers",
    "description": "What a company tells Certpath about itself: the same answers the browser "
    "wizard collects, as one JSON object. The `assess` command checks a file against this "
    "schema, then against the wizard's own form rules, before it runs the recommendation.",
    "type": "object",
    "additionalProperties": False,
}


def _codes(kind: str) -> list:
    return [code.value for code in CODE_LISTS[kind]]


def _property(name: str, description: str, shape) -> dict:
    if shape == CODES:
        codes = _codes(FIELD_KINDS[name])
        kind = "integer" if isinstance(codes[0], int) else "string"
        return {"description": description, "type": kind, "enum": codes}
    if shape == CODE_LIST:
        listed: dict[str, object] = {
            "description": description,
            "type": "array",
            "items": {"enum": _codes(FIELD_KINDS[name])},
        }
        listed["uniqueItems"] = True
        if name in REQUIRED:
            listed["minItems"] = 1
        return listed
    return {"description": description, **shape}


def _keyed(description: str, values: dict) -> dict:
    """An object keyed by readiness question."""
    return {
        "description": description,
        "type": "object",
        "propertyNames": QUESTION_KEY,
        "additionalProperties": values,
    }


def answers_schema_build() -> dict:
    """The JSON schema of an answers document."""
    properties = {name: _property(name, text, shape) for name, text, shape in FIELDS}
    amount = {"type": "integer", "minimum": 0, "maximum": BUDGET_MAX}
    properties["quotes"] = {
        "description": QUOTES,
        "type": "object",
        # Scheme lines are reference data: `answers_io` checks each key against it.
        "propertyNames": {"pattern": "^[a-z0-9_]+$", "maxLength": 60},
        "additionalProperties": amount,
        "properties": dict.fromkeys(QUOTABLE, amount),
    }
    properties["readiness"] = _keyed(READINESS, {"enum": _codes("readiness")})
    properties["readiness_notes"] = _keyed(
        READINESS_NOTES, {"type": "string", "maxLength": NOTE_MAX}
    )
    frameworks = "|".join(f.value for f in Framework)
    properties["control_overrides"] = {
        "description": CONTROL_OVERRIDES,
        "type": "object",
        "propertyNames": {"pattern": f"^({frameworks}):[A-Za-z0-9.]{{1,{CONTROL_REF_MAX}}}$"},
        "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "required": ["status"],
            "properties": {
                "status": {
                    "enum": [s.value for s in OVERRIDE_STATUSES],
                    "description": "Your verdict on the control.",
                },
                "note": {
                    "type": "string",
                    "maxLength": NOTE_MAX,
                    "description": "Why; required when the control does not apply.",
                },
            },
        },
    }
    return {**HEADER, "required": list(REQUIRED), "properties": properties}


def answers_schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(answers_schema_build(), indent=2, ensure_ascii=False) + "\n"
