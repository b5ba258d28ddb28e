"""The report's detail as workbooks to work in: the gap register, the Statement of
Applicability, the crosswalk and the cost lines with their sources. Each is built from the saved
report alone; `xlsx` writes the sheets."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from openpyxl import Workbook

from assessments.engine.answers import label
from assessments.engine.costs import PEOPLE, CostLine, budgets_by_year, line_factor, line_name
from assessments.engine.formats import locale_for, money_number_format
from assessments.engine.overlap import link_shares, overlap_shared
from assessments.engine.reference import ISO, SOC2
from assessments.formatting import FIT_LABELS, OPTION_NAMES
from assessments.report.costs import options_shown
from assessments.report.model import SavedReport
from assessments.report.soa import SOA_COLUMNS, soa_rows
from assessments.report.xlsx import PERCENT_FORMAT, Column, Sheet, workbook_build

ABOUT_COLUMNS = (Column("About this workbook", 24), Column("", 70, wrap=True))
NOTICE = (
    "A self-assessment: drawn from the answers given, not an audit. The online report "
    "explains every figure."
)


def _workbook(report: SavedReport, title: str, *sheets: Sheet) -> Workbook:
    """The sheets, then one saying whose workbook it is, as of when, and from which data."""
    result = report.result
    about = (
        ("Workbook", title),
        ("Company", report.assessment.company_name),
        ("Assessed on", result.assessed_on),
        ("Currency", report.currency),
        ("Reference data", result.reference_version),
        ("Engine", result.engine_version),
        ("Notice", NOTICE),
    )
    return workbook_build(
        title=title,
        sheets=(*sheets, ("About", ABOUT_COLUMNS, about)),
        locale=locale_for(report.currency),
    )


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _controls_text(report: SavedReport, framework: str, refs: Iterable[str]) -> str:
    return "; ".join(f"{ref} {report.control_title(framework, ref)}".strip() for ref in refs)


GAP_COLUMNS = (
    Column("Rank", 6),
    Column("Gap", 32, wrap=True),
    Column("Question", 48, wrap=True),
    Column("Your answer", 16),
    Column("Priority (5 first)", 10),
    Column("Priority reason", 40, wrap=True),
    Column("Why it ranks here", 48, wrap=True),
    Column("Owner", 20),
    Column("Effort", 12),
    Column("Waits for", 28, wrap=True),
    Column("Start week", 8),
    Column("Due week", 8),
    Column("Due date", 12),
    Column("What done looks like", 60, wrap=True),
    Column("SOC 2 criteria it moves", 40, wrap=True),
    Column("ISO 27001 requirements it moves", 40, wrap=True),
)


def gap_register_workbook(report: SavedReport) -> Workbook:
    """Every gap in the order the work happens, with its owner and effort, the weeks of the
    first 90 days that hold it (blank beyond them) and the date it is due, counted from the
    day the answers describe, what an auditor will want to see, and what it moves."""
    readiness = report.result.readiness
    planned = {step.question: step for step in readiness.first_90_days}
    day = report.result.assessed_on
    rows = []
    for rank, gap in enumerate(readiness.gaps, 1):
        question = report.question(gap.question)
        step = planned.get(gap.question)
        rows.append(
            (
                rank,
                _question_title(report, gap.question),
                question.text if question else "",
                label("readiness", gap.answer),
                gap.priority,
                question.priority_reason if question else "",
                gap.why,
                gap.owner,
                gap.effort,
                "; ".join(_question_title(report, key) for key in gap.after),
                step.start_week + 1 if step else None,  # weeks counted from 1, as the page
                step.due_week if step else None,
                day + datetime.timedelta(weeks=step.due_week) if step else None,
                (question.auditor_evidence or question.help_text) if question else "",
                _controls_text(report, SOC2, gap.soc2),
                _controls_text(report, ISO, gap.iso27001),
            )
        )
    return _workbook(report, "Gap register", ("Gap register", GAP_COLUMNS, rows))


def _question_title(report: SavedReport, key: str) -> str:
    question = report.question(key)
    return (question.title or question.text) if question else key


SOA_WIDTHS = (10, 40, 11, 60, 18, 50)


def soa_workbook(report: SavedReport) -> Workbook:
    """The draft Statement of Applicability: the rows and columns of the page and the CSV."""
    columns = [
        Column(header, width, wrap=width > 20)
        for header, width in zip(SOA_COLUMNS, SOA_WIDTHS, strict=True)
    ]
    return _workbook(
        report,
        "Draft Statement of Applicability (ISO/IEC 27001:2022)",
        ("Statement of Applicability", columns, soa_rows(report)),
    )


CROSSWALK_COLUMNS = (
    Column("SOC 2 criterion", 10),
    Column("SOC 2 title", 40, wrap=True),
    Column("ISO 27001 requirement", 12),
    Column("ISO 27001 title", 40, wrap=True),
    Column("Relation (from the criterion's side)", 14),
    Column("Counts in the overlap", 10),
    Column("Share of the ISO requirement SOC 2 work covers", 14, PERCENT_FORMAT),
    Column("Share of the SOC 2 criterion ISO work covers", 14, PERCENT_FORMAT),
    Column("Rationale", 70, wrap=True),
)


def crosswalk_workbook(report: SavedReport) -> Workbook:
    """Every link between a SOC 2 criterion and an ISO 27001 requirement in the reference data
    the report was computed with, and what each link counts for in the overlap."""
    rows = []
    for link in overlap_shared(report.reference):
        covers_iso, covers_soc2 = link_shares(link.relation)
        rows.append(
            (
                link.tsc_ref,
                link.tsc_title,
                link.iso_ref,
                link.iso_title,
                link.relation,
                _yes(bool(covers_iso or covers_soc2)),
                covers_iso,
                covers_soc2,
                link.rationale,
            )
        )
    return _workbook(
        report,
        "Crosswalk between SOC 2 and ISO/IEC 27001:2022",
        ("Crosswalk", CROSSWALK_COLUMNS, rows),
    )


def _cost_line_columns(money: str) -> tuple[Column, ...]:
    return (
        Column("Option", 14),
        Column("Year", 6),
        Column("Item", 40, wrap=True),
        Column("For", 14),
        Column("Low", 12, money),
        Column("Typical", 12, money),
        Column("High", 12, money),
        Column("Basis", 11),
        Column("Kind", 10),
        Column("In the cash totals", 10),
        Column("Note", 48, wrap=True),
        Column("Source", 48, wrap=True),
        Column("Source type", 14),
        Column("Source date", 12),
        Column("Derived with", 30, wrap=True),
        Column("Its source", 40, wrap=True),
    )


def _cost_line_row(report: SavedReport, option: str, line: CostLine) -> tuple:
    quote = line.basis == "quote"
    item = None if quote else report.cost_item(line.key)
    factor = None if quote else line_factor(report.reference, line.key)
    return (
        OPTION_NAMES[option],
        line.year,
        line_name(report.reference, line.key),
        report.names.get(line.framework, line.framework) if line.framework else "Shared",
        line.amount.low,
        line.amount.typical,
        line.amount.high,
        line.basis,
        "people" if line.kind == PEOPLE else "cash",
        _yes(line.in_cash_totals),
        line.note,
        "Your quote" if quote else (item.source if item else ""),
        item.source_type if item else "",
        _date(item.source_date) if item else None,
        factor.name if factor else "",
        factor.source if factor else "",
    )


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _total_columns(money: str) -> tuple[Column, ...]:
    return (
        Column("Option", 14),
        Column("Year", 6),
        Column("Cash, low", 12, money),
        Column("Cash, typical", 12, money),
        Column("Cash, high", 12, money),
        Column("Budget", 12, money),
        Column("Against the budget", 16),
        Column("People's time, typical", 14, money),
    )


def cost_lines_workbook(report: SavedReport) -> Workbook:
    """Every cost line of each option, year by year, at its exact low, typical and high amount
    with its basis and source; and each option's cash by year (the sum of the lines in the cash
    totals) against the budget."""
    money = money_number_format(report.currency)
    options = report.result.options
    shown = options_shown(report.result)
    lines = [
        _cost_line_row(report, key, line)
        for key in shown
        for line in sorted(options[key].cost.lines, key=lambda line: line.year)
    ]
    budgets = budgets_by_year(report.answers)
    totals = []
    for key in shown:
        cost = options[key].cost
        # Results from earlier engines may lack the fit and people's time of later years.
        fits, staff = cost.year_fits, [m.typical for m in cost.staff_by_year]
        for year, cash in enumerate(cost.by_year, 1):
            fit = fits[year - 1] if year <= len(fits) else ""
            totals.append(
                (
                    OPTION_NAMES[key],
                    year,
                    cash.low,
                    cash.typical,
                    cash.high,
                    budgets[year - 1] if year <= len(budgets) else None,
                    FIT_LABELS.get(fit, fit),
                    staff[year - 1] if year <= len(staff) else None,
                )
            )
    return _workbook(
        report,
        "Cost lines with sources",
        ("Cost lines", _cost_line_columns(money), lines),
        ("Cash by year", _total_columns(money), totals),
    )
