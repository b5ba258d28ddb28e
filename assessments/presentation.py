"""Turns a saved result into what the report templates show. Reads only the saved JSON, so
a report looks the same however the reference data changes later."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from . import charts
from .engine.answers import LABELS, label, labels, legacy_upgrade
from .engine.applicability import exclusion_refusal
from .engine.reference import QuestionInfo
from .formatting import (
    FIT_LABELS,
    FRAMEWORK_NAMES,
    SYMBOLS,
    VERDICT_NAMES,
    money_range,
    money_short,
    weeks_to_months,
)
from .models import Assessment
from .report_advice import advice_context
from .report_schemes import schemes_section
from .result_compat import result_upgrade
from .wizard_steps import ANSWER_FIELDS, PRACTICES, STEP_TITLES, practice_pages

TOP_GAPS = 10
STATUS_LABELS = {
    "met": "met",
    "partial": "partly",
    "gap": "gap",
    "not_applicable": "n/a",
    "n/a": "n/a",
    "not_assessed": "not assessed",
}

SECTION_DIR = "assessments/report/sections/"
# The same section partials build the screen page and the PDF, each in its own order.
SCREEN_SECTIONS = tuple(
    f"{SECTION_DIR}_{name}.html"
    for name in (
        "summary",
        "warnings",
        "schemes",
        "reasons",
        "timeline",
        "comparison",
        "costs",
        "readiness",
        "overlap",
        "next_steps",
        "about",
    )
)
FIELD_LABELS = {
    "company_name": "Company name",
    "headcount": "Headcount",
    "industry": "Industry",
    "industry_other": "Which industry",
    "delivery": "Delivery",
    "data_types": "Data handled",
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
    "budget_amount": "First-year budget",
    "budget_yearly": "Budget each later year",
    "currency": "Currency",
    "internal_people": "Internal people (FTE)",
    "approach": "Approach",
    "soc2_window_months": "Type II observation window",
    "include_estimates": "Unverified estimates in totals",
    "existing": "Held today",
    "existing_other": "Other certificate held",
    "soc2_period_end": "Current SOC 2 period ends",
    "iso_expiry": "ISO 27001 certificate expires",
    "maturity": "Security maturity",
}
LABEL_KIND = {
    "customer_regions": "region",
    "selling_now": "region",
    "selling_planned": "region",
    "public_sector_countries": "country",
}
MONEY_FIELDS = ("budget_amount", "budget_yearly")
LEGACY_LABELS = {"deadline": "Deadline for proof", "deals_at_stake": "Deals blocked or at stake"}


def answer_text(name: str, value, currency: str | None = None) -> str:
    """An answer as the user would say it: labels, not codes; money with its currency."""
    kind = LABEL_KIND.get(name, name)
    if name == "budget_yearly" and value in (None, ""):
        return "Same as the first year"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, "", [], ()):
        return "None held" if name == "existing" else "—"
    if name in MONEY_FIELDS:
        return f"{SYMBOLS.get(currency or '', '')}{int(value):,}"
    if name == "soc2_window_months":
        return label(kind, str(value))
    if isinstance(value, list | tuple):
        text = labels(kind, tuple(value))
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    elif kind in LABELS:
        text = label(kind, str(value))
    else:
        text = str(value)
    return text[:1].upper() + text[1:]


def review_sections(cleaned: dict[str, dict | None], questions: tuple[QuestionInfo, ...]):
    """[(step, title, [(label, text), ...]), ...] for the review page."""
    sections = []
    for step, fields in ANSWER_FIELDS.items():
        data = cleaned.get(step) or {}
        currency = (cleaned.get("budget") or {}).get("currency")
        rows = [
            (FIELD_LABELS[name], answer_text(name, data.get(name), currency)) for name in fields
        ]
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


def _cost_rows(result: dict, currency: str) -> list[dict]:
    rows = []
    for key in ("soc2", "iso27001", "both"):
        option = result["options"][key]
        cost = option["cost"]
        rows.append(
            {
                "key": key,
                "name": FRAMEWORK_NAMES[key],
                "years": [money_short(y["typical"], currency) for y in cost["by_year"]],
                "total": money_range(cost["total"], currency),
                "total_typical": money_short(cost["total"]["typical"], currency),
                "fit": cost["first_year_fit"],
                "fit_label": FIT_LABELS[cost["first_year_fit"]],
                "year_cells": [
                    {"text": money_short(y["typical"], currency), "fit": f, "label": FIT_LABELS[f]}
                    for y, f in zip(cost["by_year"], cost.get("year_fits", ()), strict=True)
                ],
                "fit_summary": fit_summary(cost.get("year_fits", ())),
                "estimates": money_short(cost.get("estimates", {}).get("typical", 0), currency)
                if cost.get("estimates", {}).get("typical")
                else "",
                "lines": cost_lines_grouped(cost["lines"], currency),
                "recommended": key == result["verdict"],
            }
        )
    return rows


def cost_lines_grouped(lines: list[dict], currency: str) -> list[dict]:
    """Cost lines with the same item and amount in several years, read as one: "years 1–3"."""
    groups: dict[tuple, dict] = {}
    for line in lines:
        counted = line.get("counted", True)
        amount = line["amount"]
        key = (line["key"], line["note"], counted, amount["low"], amount["typical"], amount["high"])
        group = groups.setdefault(
            key,
            {
                **line,
                "counted": counted,
                "years": [],
                "text": money_range(amount, currency),
                "typical": money_short(amount["typical"], currency),
            },
        )
        group["years"].append(line["year"])
    for group in groups.values():
        years = sorted(group["years"])
        run = years == list(range(years[0], years[-1] + 1))
        group["year"] = (
            str(years[0])
            if len(years) == 1
            else f"{years[0]}–{years[-1]}"
            if run
            else ", ".join(map(str, years))
        )
        if len(years) > 1:
            group["text"] += " a year"
    return sorted(groups.values(), key=lambda g: (min(g["years"]), g["name"]))


def fit_summary(fits) -> str:
    """ "fits every year", or the years that do not: "over budget in years 2 and 3"."""
    if not fits:
        return ""
    if all(f == "fits" for f in fits):
        return "fits every year"
    worst = "over" if "over" in fits else "tight"
    years = [str(n) for n, f in enumerate(fits, 1) if f != "fits"]
    which = (
        f"year {years[0]}" if len(years) == 1 else f"years {', '.join(years[:-1])} and {years[-1]}"
    )
    return f"{FIT_LABELS[worst]} in {which}"


def _options(result: dict) -> list[dict]:
    rows = []
    for key in ("soc2", "iso27001", "both"):
        option = result["options"][key]
        rows.append(
            {
                "key": key,
                "name": FRAMEWORK_NAMES[key],
                "first_proof": option["plans"][0]["first_proof"],
                "first_proof_time": weeks_to_months(option["first_proof_week"]),
                "end_time": weeks_to_months(option["end_week"]),
                "meets_deadline": option["meets_deadline"],
                "mode": option["mode"],
            }
        )
    return rows


def _ref_key(ref: str) -> tuple:
    """Clauses before Annex A, then numeric order: 4.1 < 9.2.1 < A.5.1 < A.5.10."""
    annex = ref.startswith("A.")
    return (annex, tuple(int(p) for p in ref.removeprefix("A.").split(".") if p.isdigit()))


def shared_by_iso(shared: list[dict]) -> list[dict]:
    """The mapping grouped by ISO requirement: each with the SOC 2 criteria that share it."""
    groups: dict[str, dict] = {}
    for link in shared:
        group = groups.setdefault(
            link["iso_ref"], {"ref": link["iso_ref"], "title": link["iso_title"], "tsc": []}
        )
        group["tsc"].append(link["tsc_ref"])
    return sorted(groups.values(), key=lambda g: _ref_key(g["ref"]))


def overlap_rows(overlap: dict) -> list[dict]:
    """Each direction of the overlap as a sentence's parts: how much, in full, in part, not at all."""
    rows = []
    for source, target, share, linked, full, noun in (
        ("soc2", "iso27001", "iso_covered_by_soc2", "iso_linked", "iso_full", "requirements"),
        ("iso27001", "soc2", "soc2_covered_by_iso", "soc2_linked", "soc2_full", "criteria"),
    ):
        n_linked, total = overlap[linked]
        n_full = overlap.get(full)  # results saved before these counts existed lack them
        rows.append(
            {
                "source": FRAMEWORK_NAMES[source],
                "target": FRAMEWORK_NAMES[target],
                "percent": round(100 * overlap[share]),
                "linked": n_linked,
                "total": total,
                "full": n_full,
                "partial": None if n_full is None else n_linked - n_full,
                "unlinked": total - n_linked,
                "noun": noun,
            }
        )
    return rows


def _deadline_weeks(result: dict, answers: dict) -> float | None:
    """The soonest date a buyer gave, in weeks from the assessment, for the charts."""
    dated = [o["deadline_weeks"] for o in result["obligations"] if o["deadline"]]
    if dated:
        return min(dated)
    if answers.get("deadline"):  # engine 1 answers had one date for everything
        deadline = datetime.date.fromisoformat(answers["deadline"])
        return (deadline - datetime.date.fromisoformat(result["assessed_on"])).days / 7
    return None


def _answer_rows(answers: dict, currency: str) -> list[tuple[str, str]]:
    rows = [
        (FIELD_LABELS[name], answer_text(name, answers.get(name), currency))
        for fields in ANSWER_FIELDS.values()
        for name in fields
    ]
    # Engine 1 asked two things differently; show them as they were answered.
    rows += [
        (title, answer_text(name, answers[name], currency))
        for name, title in LEGACY_LABELS.items()
        if answers.get(name) not in (None, "", 0)
    ]
    return rows


def report_context(assessment: Assessment) -> dict:
    answers = assessment.answers
    result = result_upgrade(assessment.result, answers)
    currency = answers["currency"]
    deadline_weeks = _deadline_weeks(result, answers)
    readiness = result["readiness"]
    cost_rows, options = _cost_rows(result, currency), _options(result)
    gaps = [
        {**gap, "answer_label": label("readiness", gap["answer"]).lower()}
        for gap in readiness["gaps"][:TOP_GAPS]
    ]
    soa = [
        {**e, "implemented_label": STATUS_LABELS.get(e["implemented"], e["implemented"])}
        for e in readiness["soa"]
    ]
    excluded = [e for e in soa if not e["applicable"]]
    return {
        "screen_sections": SCREEN_SECTIONS,
        "assessment": assessment,
        "company": assessment.company_name,
        "answers": answers,
        "answer_rows": _answer_rows(answers, currency),
        "result": result,
        "verdict_name": VERDICT_NAMES[result["verdict"]],
        "framework_names": FRAMEWORK_NAMES,
        "reasons": [
            {**r, "framework_name": FRAMEWORK_NAMES[r["framework"]]} for r in result["reasons"]
        ],
        "score_chart": charts.score_chart(result),
        **{
            f"{name}{suffix}": chart
            for suffix, lay in (("", charts.WIDE), ("_narrow", charts.NARROW))
            for name, chart in (
                ("route_chart", charts.timeline_chart(result, deadline_weeks, lay)),
                ("proof_chart", charts.first_proof_chart(result, deadline_weeks, lay)),
                ("cost_chart", charts.cost_chart(result, currency, lay)),
                ("readiness_chart", charts.readiness_chart(result, lay)),
            )
        },
        "cost_rows": cost_rows,
        "options": options,
        "glance": [{**o, **c} for o, c in zip(options, cost_rows, strict=True)],
        "budget": money_short(answers["budget_amount"], currency),
        "deadline_weeks": deadline_weeks,
        "gaps": gaps,
        "gap_count": len(readiness["gaps"]),
        "readiness_coverage": readiness["coverage"],
        "unanswered_count": len(readiness.get("unanswered", ())),
        "soa": soa,
        "shared": shared_by_iso(result["overlap"]["shared"]),
        "overlap_rows": overlap_rows(result["overlap"]),
        "soa_excluded": excluded,
        "has_practices": bool(readiness["assessed"]),
        "engine_note": result.get("engine_note", ""),
        **advice_context(result, currency),
        "schemes_section": schemes_section(result=result, answers=answers),
    }


def compare_context(first: Assessment, second: Assessment) -> dict:
    older, newer = sorted((first, second), key=lambda a: a.created_at)
    before_answers, after_answers = legacy_upgrade(older.answers), legacy_upgrade(newer.answers)
    rows = []
    for fields in ANSWER_FIELDS.values():
        for name in fields:
            before = answer_text(name, before_answers.get(name), before_answers.get("currency"))
            after = answer_text(name, after_answers.get(name), after_answers.get("currency"))
            rows.append(
                {
                    "label": FIELD_LABELS[name],
                    "before": before,
                    "after": after,
                    "changed": before != after,
                }
            )
    outcome = []
    for key, title in (("verdict", "Verdict"), ("headline", "Route")):
        before, after = older.result[key], newer.result[key]
        if key == "verdict":
            before, after = VERDICT_NAMES[before], VERDICT_NAMES[after]
        outcome.append(
            {"label": title, "before": before, "after": after, "changed": before != after}
        )
    for framework in ("soc2", "iso27001"):
        for key, title in (("scores", "score"),):
            before = older.result[key][framework]
            after = newer.result[key][framework]
            outcome.append(
                {
                    "label": f"{FRAMEWORK_NAMES[framework]} {title}",
                    "before": before,
                    "after": after,
                    "changed": before != after,
                }
            )
        before = older.result["readiness"]["percent"][framework]
        after = newer.result["readiness"]["percent"][framework]
        outcome.append(
            {
                "label": f"{FRAMEWORK_NAMES[framework]} readiness",
                "before": f"{before}%",
                "after": f"{after}%",
                "changed": before != after,
            }
        )
    return {"older": older, "newer": newer, "answer_rows": rows, "outcome_rows": outcome}


__all__ = ["PRACTICES", "compare_context", "report_context", "review_sections"]


SOA_COLUMNS = ("control_id", "title", "theme", "applicable", "reason", "implementation")
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """Spreadsheet programs run cells that start like a formula; make them plain text."""
    text = str(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def soa_rows(result: dict) -> list[list[str]]:
    rows = []
    for e in result["readiness"]["soa"]:
        rows.append(
            [
                csv_safe(v)
                for v in (
                    e["ref"],
                    e["title"],
                    e["theme"],
                    "yes" if e["applicable"] else "no",
                    e["reason"],
                    STATUS_LABELS.get(e["implemented"], e["implemented"]),
                )
            ]
        )
    return rows


def download_name(assessment: Assessment, extension: str, what: str = "") -> str:
    """certpath-<company>[-<what>]-<date>.<ext>, safe for any file system and header."""
    name = slugify(assessment.answers.get("company_name") or "")[:60].strip("-") or "assessment"
    middle = f"{name}-{what}" if what else name
    return f"certpath-{middle}-{assessment.created_at:%Y-%m-%d}.{extension}"


def deep_dive_controls(assessment: Assessment, framework: str) -> list[dict]:
    return [
        {
            **c,
            "status_label": STATUS_LABELS.get(c["status"], c["status"]),
            "excludable": not exclusion_refusal(framework=framework, ref=c["ref"]),
        }
        for c in assessment.result["readiness"]["controls"]
        if c["framework"] == framework
    ]


def deep_dive_initial(assessment: Assessment, framework: str, controls: list[dict]) -> dict:
    overrides = assessment.answers.get("control_overrides") or {}
    initial = {}
    for i, c in enumerate(controls):
        override = overrides.get(f"{framework}:{c['ref']}")
        if override:
            initial[f"s_{i}"] = override.get("status", "")
            initial[f"n_{i}"] = override.get("note", "")
    return initial
