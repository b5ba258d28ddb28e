"""What the board pack (the PDF) shows: a decision memo of at most eight pages, read from a saved
report. Each section is listed only when it has something to say, in the order a board reads
it; the detail behind it (gap register, SoA, crosswalk, cost lines) is linked as spreadsheets."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from django.urls import reverse

from assessments.engine.costs import ZERO, line_factor, line_name
from assessments.engine.formats import locale_for, money, money_range
from assessments.report import charts
from assessments.report.advice import (
    FRAMEWORK_ASKS,
    NOT_YET_REASONS,
    budget_rows,
    cheapest_row,
    holding_rows,
    obligation_rows,
    plan_rows,
)
from assessments.report.context import ENGINE_ONE_NOTE, deadline_weeks
from assessments.report.costs import cost_rows, option_rows, scheme_spend, source_month
from assessments.report.model import SavedReport
from assessments.report.readiness import override_rows, refused_rows
from assessments.report.readiness import plan_rows as first_90_days_rows
from assessments.report.schemes import schemes_section

TEMPLATE_DIR = "assessments/report/board_pack/"
TOP_REASONS = 3
CONSIDER = "consider"
# Warnings the cost section states in its own figures (the years over budget and the cheapest
# route) or beside them (the estimates and the assumed yearly budget); the rest are risks.
COST_WARNINGS = {"budget_over", "yearly_budget_assumed", "estimates_in_totals"}
COST_NOTES = ("yearly_budget_assumed", "estimates_in_totals")
SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}
# A buyer still waits on a proof the plan has yet to deliver.
WAITING = {"on_time", "at_risk", "late", "open"}
# The detail behind the pack, as workbooks: (URL name, what it holds).
# The gap register and the SoA are listed once practices were assessed; before, they are empty.
ASSESSED_ONLY = {"assessments:gaps_xlsx", "assessments:soa_xlsx"}
DETAIL_LINKS = (
    ("assessments:gaps_xlsx", "Gap register", "every gap with its owner, effort, evidence and due date"),
    ("assessments:soa_xlsx", "Statement of Applicability", "all 93 ISO 27001 Annex A controls, draft"),
    ("assessments:crosswalk_xlsx", "Crosswalk", "the SOC 2 criteria and ISO 27001 requirements that share work"),
    ("assessments:costs_xlsx", "Cost lines", "every cost line by year, with its source"),
)  # fmt: skip


@dataclass(frozen=True)
class Section:
    """One part of the pack: its anchor, its heading and the template that draws it."""

    id: str
    title: str

    @property
    def template(self) -> str:
        return f"{TEMPLATE_DIR}_{self.id}.html"


def answer_sentence(report: SavedReport) -> str:
    """The answer in one sentence, for the cover."""
    headline = report.result.headline.rstrip(".")
    if not report.result.plan:
        return f"Not yet: {headline[0].lower()}{headline[1:]}."
    if headline.startswith("Keep "):
        return f"{headline}."
    return f"Get {headline}."


def top_reasons(report: SavedReport) -> list[str]:
    """The three strongest reasons, in the engine's order of weight: what buyers demand (the
    soonest date, then the most deals), then what the company holds, then why it can wait, then
    the signals with the most points."""
    result, names = report.result, report.names
    found = []
    demands = [
        o
        for o in result.obligations
        if o.status != "held" and any(s != "scheme" for s in o.sources)
    ]
    for o in sorted(demands, key=lambda o: (o.deadline is None, o.deadline_weeks or 0, -o.deals)):
        by = " and ".join("a tender" if s == "tender" else "customers" for s in o.sources)
        what = "either SOC 2 or ISO 27001" if o.asked == "either" else names.get(o.asked, o.asked)
        deals = f"; {o.deals} deal{'s wait' if o.deals != 1 else ' waits'} on it" if o.deals else ""
        verb = "demands" if by == "a tender" else "demand"
        found.append(f"{by[0].upper()}{by[1:]} {verb} {what}{deals}.")
    for h in holding_rows(result, locale=locale_for(report.currency)):
        found.append(f"You hold {h['name']}: {h['advice'][0].lower()}{h['advice'][1:]}")
    found += [NOT_YET_REASONS[code] for code in result.not_yet]
    for r in result.reasons:
        found.append(f"{r.sentence} (a signal for {names.get(r.framework, r.framework)})")
    return found[:TOP_REASONS]


def _cost(report: SavedReport) -> dict | None:
    """The recommended route's cost by year against the budget, its range, what each demanded
    scheme adds, your people's time, and the other options at a glance."""
    result, currency = report.result, report.currency
    rows = cost_rows(report)
    chosen = next((row for row in rows if row["recommended"]), None)
    if chosen is None:
        return None
    option = result.options[result.verdict].cost
    years = budget_rows(result, currency)
    budget_total = sum(y.budget for y in result.budget.years)
    warnings = {w.code: w.text for w in result.warnings}
    options = {o["key"]: o for o in option_rows(result)}
    return {
        "name": chosen["name"],
        "years": years,
        "total_typical": chosen["total_typical"],
        "total_range": chosen["total"],
        "ranges": [money_range(y, currency) for y in option.by_year],
        "budget_total": money(budget_total, currency),
        "schemes": [
            {
                "name": report.names.get(key, key),
                "years": [money(y.typical, currency) for y in years],
                "total": money(sum(years, ZERO).typical, currency),
            }
            for key, years in scheme_spend(result.options[result.verdict])
        ],
        "staff_years": chosen["staff_years"] if option.staff_total.typical else [],
        "staff_total": money(option.staff_total.typical, currency)
        if option.staff_total.typical
        else "",
        "cheapest": cheapest_row(result, currency),
        "notes": [warnings[code] for code in COST_NOTES if code in warnings],
        "others": [
            {**row, **options[row["key"]]}
            for row in rows
            if not row["recommended"] and row["key"] in options
        ],
        "currency": currency,
    }


def _demands(report: SavedReport) -> list[dict]:
    """Each demand with its date against the week the plan delivers it."""
    return [
        {**row, "deadline": "" if row["deadline"] == "—" else row["deadline"]}
        for row in obligation_rows(
            report.result, report.reference.schemes, locale=locale_for(report.currency)
        )
    ]


def _risks(report: SavedReport) -> tuple[list, list[dict]]:
    """The warnings the cost section does not state, most serious first; and, for each buyer
    waiting on a proof, what can be shown meanwhile, unless a warning says it already."""
    result = report.result
    risks = sorted(
        (w for w in result.warnings if w.code not in COST_WARNINGS),
        key=lambda w: SEVERITY_ORDER.get(w.severity, 3),
    )
    said = " ".join(w.text for w in risks)
    buyers = []
    for o in result.obligations:
        if o.interim and o.interim not in said and o.status not in ("held", "applies"):
            name = report.names.get(o.asked, o.proof_name)
            lead = "Until then you can show" if o.asked in FRAMEWORK_ASKS else "Meanwhile:"
            buyers.append({"name": name, "text": f"{lead} {o.interim}"})
    return risks, buyers


def _by_owner(plan: list[dict]) -> list[dict]:
    """The 90-day plan read by owner, as each owner works through it: one piece at a time."""
    owners: dict[str, list[dict]] = {}
    for step in plan:
        owners.setdefault(step["owner"], []).append(step)
    return [{"owner": owner, "steps": steps} for owner, steps in owners.items()]


def _readiness(report: SavedReport) -> dict:
    readiness = report.result.readiness
    plan = first_90_days_rows(report)
    overrides = override_rows(report)
    return {
        "assessed": readiness.assessed,
        "frameworks": [
            {
                "key": f,
                "name": report.names.get(f, f),
                "percent": readiness.percent[f],
                "assessed": readiness.coverage.get(f, (0, 0))[0] if readiness.coverage else 0,
                "total": readiness.coverage.get(f, (0, 0))[1] if readiness.coverage else 0,
            }
            for f in ("soc2", "iso27001")
        ],
        "unanswered": len(readiness.unanswered),
        "plan": _by_owner(plan),
        "later_gaps": max(0, len(readiness.gaps) - len(plan)),
        "refused": refused_rows(report),
        "override_problems": [row for row in overrides if row["issue"] or row["counts_as"]],
        "overrides_standing": sum(not (row["issue"] or row["counts_as"]) for row in overrides),
        "next_steps": report.result.next_steps,
    }


def _schemes(report: SavedReport) -> dict:
    """The schemes that apply or will, in one table; those merely worth considering by name."""
    section = schemes_section(report)
    main = [s for s in section.schemes if s.severity != CONSIDER or s.in_plan or s.demanded]
    return {
        "checked": section.checked,
        "schemes": main,
        "consider": [s for s in section.schemes if s not in main],
        "other_answers": section.other_answers,
    }


def _cost_sources(report: SavedReport) -> list[dict]:
    """Where the recommended route's figures come from: each cost item's sources, and items
    priced from the same sources named together, so each source is listed once."""
    option = report.result.options.get(report.result.verdict)
    cited: dict[str, tuple[str, ...]] = {}
    for line in option.cost.lines if option else ():
        if line.basis == "quote":
            found = ["Your own quote"]
        else:
            figures = (report.cost_item(line.key), line_factor(report.reference, line.key))
            found = [_citation(f, report.currency) for f in figures if f is not None]
        name = line_name(report.reference, line.key)
        cited[name] = tuple(dict.fromkeys((*cited.get(name, ()), *found)))
    sources: dict[tuple[str, ...], list[str]] = {}
    for name, cites in cited.items():
        sources.setdefault(cites, []).append(name)
    return [{"items": names, "source": "; ".join(cites)} for cites, names in sources.items()]


def _citation(figure, currency: str) -> str:
    dated = source_month(figure, currency)
    when = f", {dated}" if dated else ""
    kind = f" ({figure.source_type}{when})" if figure.source_type else ""
    return f"{figure.source}{kind}"


def _links(report: SavedReport, base_url: str) -> list[dict]:
    """The report online and the workbooks behind the pack; none for an assessment never saved
    (the command line's), which has no address."""
    key = report.assessment.link_key
    if key is None:
        return []
    assessed = report.result.readiness.assessed
    online = {"name": "The full report", "what": "online, with every reason and chart",
              "url": urljoin(base_url, report.assessment.get_absolute_url())}  # fmt: skip
    return [online] + [
        {"name": name, "what": what, "url": urljoin(base_url, reverse(url, args=[key]))}
        for url, name, what in DETAIL_LINKS
        if assessed or url not in ASSESSED_ONLY
    ]


def _sections(*, route, demands, cost, readiness, risks, buyers, schemes, waiting) -> list:
    """The parts that have something to say, in the order a board reads them."""
    found = [Section("decision", "The decision")]
    if route or demands:
        dated = any(row["deadline"] for row in demands)
        found.append(Section("plan", "The plan against the deadlines" if dated else "The plan"))
    if cost:
        found.append(Section("costs", "Cost by year against the budget"))
    first = "the first 90 days" if readiness["plan"] else "where to start"
    found.append(Section("readiness", f"Readiness and {first}"))
    if risks or buyers:
        found.append(
            Section("risks", "Risks and what to tell waiting buyers" if waiting else "Risks")
        )
    if (
        any(schemes[key] for key in ("schemes", "consider", "other_answers"))
        or not schemes["checked"]
    ):
        found.append(Section("schemes", "Other schemes that apply"))
    found.append(Section("sources", "Sources and the detail"))
    return found


def board_pack_context(report: SavedReport, *, base_url: str) -> dict:
    """Everything the board pack's templates draw, and which of its sections apply."""
    result = report.result
    parts = {
        "route": charts.timeline_chart(result, deadline_weeks(report), charts.PRINT, report.names),
        "demands": _demands(report),
        "cost": _cost(report) if result.verdict in result.options else None,
        "readiness": _readiness(report),
        "schemes": _schemes(report),
    }
    risks, buyers = _risks(report)
    waiting = any(o.status in WAITING for o in result.obligations)
    return {
        **parts,
        "risks": risks,
        "buyers": buyers,
        "sections": _sections(**parts, risks=risks, buyers=buyers, waiting=waiting),
        "assessment": report.assessment,
        "company": report.assessment.company_name,
        "result": result,
        "answer": answer_sentence(report),
        "plan_rows": plan_rows(result, report.reference.schemes),
        "reasons": top_reasons(report),
        "cost_sources": _cost_sources(report) if parts["cost"] else [],
        "links": _links(report, base_url),
        "engine_note": ENGINE_ONE_NOTE.format(version=report.earlier_engine)
        if report.earlier_engine
        else "",
    }
