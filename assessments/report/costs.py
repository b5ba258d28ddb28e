"""The report's cost and route tables: each option's cost by year against the budget, its lines
grouped by item, what each demanded scheme adds, and the time to first proof."""

from __future__ import annotations

import datetime

from assessments.engine.costs import (
    PEOPLE,
    YEARS,
    ZERO,
    CostLine,
    Money,
    OptionCost,
    line_factor,
    line_name,
)
from assessments.engine.evaluate import Result
from assessments.engine.formats import duration, locale_for, money, money_range, month
from assessments.engine.routes import OptionSummary
from assessments.engine.timeline import Plan
from assessments.formatting import FIT_LABELS, OPTION_NAMES
from assessments.report.advice import FRAMEWORK_ASKS
from assessments.report.model import SavedReport

OPTIONS = ("soc2", "iso27001", "both")
NOT_YET = "not_yet"


def options_shown(result: Result) -> tuple[str, ...]:
    """The three options, and the demanded schemes' own route when no framework is due yet."""
    return OPTIONS + ((NOT_YET,) if NOT_YET in result.options else ())


def scheme_spend(option: OptionSummary) -> list[tuple[str, tuple[Money, ...]]]:
    """Each demanded scheme in the option with its own cash cost year by year; a scheme with
    no cost line (a law) is left out."""
    found = []
    for plan in option.scheme_plans:
        lines = [
            line
            for line in option.cost.lines
            if line.framework == plan.framework and line.in_cash_totals
        ]
        if lines:
            years = tuple(
                sum((line.amount for line in lines if line.year == year), ZERO)
                for year in range(1, YEARS + 1)
            )
            found.append((plan.framework, years))
    return found


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


def _years_text(years: list[int]) -> str:
    years = sorted(years)
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def cost_lines_grouped(report: SavedReport, lines: tuple[CostLine, ...]) -> list[dict]:
    """Cost lines with the same item and amount in several years, read as one: "years 1–3"."""
    currency = report.currency
    groups: dict[tuple, tuple[CostLine, list[int]]] = {}
    for line in lines:
        key = (line.key, line.note, line.counted, line.amount, line.basis)
        groups.setdefault(key, (line, []))[1].append(line.year)
    rows = []
    for line, years in groups.values():
        item = report.cost_item(line.key)
        factor = line_factor(report.reference, line.key)
        sources = [f for f in (item, factor) if f is not None]
        rows.append(
            {
                "name": _line_name(report, line),
                "note": line.note,
                "counted": line.counted,
                "basis": line.basis,
                "people": line.kind == PEOPLE,
                "source": "; ".join(_source_text(f, currency) for f in sources)
                if line.basis != "quote"
                else "Your quote",
                "year": _years_text(years),
                "first_year": min(years),
                "text": money_range(line.amount, currency) + (" a year" if len(years) > 1 else ""),
                "typical": money(line.amount.typical, currency),
            }
        )
    return sorted(rows, key=lambda r: (r["first_year"], r["name"]))


def _line_name(report: SavedReport, line: CostLine) -> str:
    """The cost item's name, led by the scheme it is for when the name does not say so."""
    name = line_name(report.reference, line.key)
    scheme = report.scheme(line.framework) if line.framework else None
    if scheme is None or scheme.name.lower() in name.lower():
        return name
    return f"{scheme.name}: {name}"


def source_month(figure, currency: str) -> str:
    """The month a figure's source is dated, written in the assessment's locale; "" if undated."""
    text = getattr(figure, "source_date", "") or ""
    try:
        return month(datetime.date.fromisoformat(text), locale=locale_for(currency))
    except ValueError:
        return text  # not a whole date: as the reference data gave it


def _source_text(figure, currency: str) -> str:
    dated = source_month(figure, currency)
    when = f", {dated}" if dated else ""
    kind = f" ({figure.source_type})" if getattr(figure, "source_type", "") else ""
    return f"{figure.source}{kind}{when}"


def _money_text(amount: Money, currency: str) -> str:
    return money(amount.typical, currency)


def _scheme_rows(report: SavedReport, option: OptionSummary) -> list[dict]:
    currency = report.currency
    rows = []
    for key, years in scheme_spend(option):
        total = sum(years, ZERO)
        rows.append(
            {
                "key": key,
                "name": report.names.get(key, key),
                "years": [_money_text(y, currency) if y.typical else "—" for y in years],
                "total": money_range(total, currency),
                "total_typical": _money_text(total, currency),
            }
        )
    return rows


def cost_rows(report: SavedReport) -> list[dict]:
    result, currency = report.result, report.currency
    rows = []
    for key in options_shown(result):
        option = result.options[key]
        cost: OptionCost = option.cost
        rows.append(
            {
                "key": key,
                "name": OPTION_NAMES[key],
                "years": [_money_text(y, currency) for y in cost.by_year],
                "year_cells": [
                    {"text": _money_text(y, currency), "fit": f, "label": FIT_LABELS[f]}
                    for y, f in zip(cost.by_year, cost.year_fits, strict=True)
                ],
                "fit_summary": fit_summary(cost.year_fits),
                "total": money_range(cost.total, currency),
                "total_typical": _money_text(cost.total, currency),
                "estimates": _money_text(cost.estimates, currency)
                if cost.estimates.typical
                else "",
                "staff_total": money_range(cost.staff_total, currency)
                if cost.staff_total.typical
                else "",
                "staff_years": [_money_text(y, currency) for y in cost.staff_by_year],
                "lines": cost_lines_grouped(report, cost.lines),
                "schemes": _scheme_rows(report, option),
                "recommended": key == result.verdict,
            }
        )
    return rows


def _first_plan(option: OptionSummary) -> Plan | None:
    """The plan that leads the option: its first framework, or, on the demanded schemes' own
    route, the scheme in hand first."""
    if option.plans:
        return option.plans[0]
    return min(option.scheme_plans, key=lambda p: p.first_proof_week, default=None)


def _meets_every_date(result: Result, option: OptionSummary) -> bool | None:
    """Whether the option delivers every dated demand in time, the demanded schemes' included;
    None when nobody gave a date."""
    met = option.meets_deadline
    plans = {p.framework: p for p in option.scheme_plans}
    for check in result.obligations:
        plan = plans.get(check.asked)
        if check.asked in FRAMEWORK_ASKS or check.deadline_weeks is None or plan is None:
            continue
        in_time = plan.held or plan.proofs.get(check.asked, plan.first_proof_week) <= max(
            check.deadline_weeks, 0
        )
        met = in_time and met is not False
    return met


def option_rows(result: Result) -> list[dict]:
    rows = []
    for key in options_shown(result):
        option: OptionSummary = result.options[key]
        first = _first_plan(option)
        rows.append(
            {
                "key": key,
                "name": OPTION_NAMES[key],
                "first_proof": first.first_proof if first else "—",
                "first_proof_time": duration(option.first_proof_week),
                "first_proof_range": _range_text(option.first_proof_range),
                "end_time": duration(option.end_week),
                "meets_deadline": _meets_every_date(result, option),
                "mode": option.mode,
            }
        )
    return rows


def _range_text(spread) -> str:
    """ "fast 3 months, slow 6 months", or nothing for results saved before ranges."""
    if spread is None or spread.low == spread.high:
        return ""
    return f"fast {duration(spread.low)}, slow {duration(spread.high)}"
