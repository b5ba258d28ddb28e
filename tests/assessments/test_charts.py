"""The report's charts: where bars, marks and lines fall, and how their numbers are written."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments.engine.evaluate import evaluate
from assessments.formatting import FRAMEWORK_NAMES, money_short, plan_names
from assessments.report import charts
from assessments.report.context import report_context
from assessments.report.model import saved_report
from tests.assessments.engine_data import reference_from_files
from tests.factories import answers_eu_supplier, answers_us_saas, assessment_create

REFERENCE = reference_from_files()
COORDINATE = re.compile(r'\b(?:x|x1|x2|y|y1|y2|width|height)="([^"]*)"')
NUMBER = re.compile(r"^-?\d+(\.\d)?$")


def _number(text: str) -> float:
    assert NUMBER.match(text), f"{text!r} is not an SVG number with at most one decimal"
    return float(text)


@pytest.mark.parametrize("lay", [charts.WIDE, charts.NARROW])
def test_route_bars_lie_inside_the_plot_and_the_deadline_falls_in_proportion(lay):
    result = evaluate(answers_us_saas(), REFERENCE)
    chart = charts.timeline_chart(result, 30, lay)
    right = lay.label_w + lay.plot_w
    span_end = max(r["start"] + r["weeks"] for r in chart["rows"])
    for row in chart["rows"]:
        x, width = _number(row["x"]), _number(row["width"])
        assert lay.label_w <= x and x + width <= right + 0.1
    deadline_x = _number(chart["deadline"]["x"])
    span = max(span_end, 30) + 4
    assert deadline_x == pytest.approx(lay.label_w + lay.plot_w * 30 / span, abs=0.05)


def test_route_labels_longer_than_the_layout_allows_are_cut_and_keep_their_full_title():
    result = evaluate(answers_eu_supplier(), REFERENCE)
    chart = charts.timeline_chart(result, None, charts.NARROW)
    assert chart["deadline"] is None
    long = [r for r in chart["rows"] if len(r["label"]) > charts.NARROW.max_label]
    assert long, "the narrow layout should have at least one label to cut"
    for row in long:
        assert row["cut"] and row["short"].endswith("…")
        assert len(row["short"]) <= charts.NARROW.max_label
        assert row["label"].startswith(row["short"][:-1])


def test_a_cost_bar_is_marked_over_budget_exactly_when_its_typical_cost_exceeds_that_years_budget():
    answers = answers_us_saas(budget_amount=20_000)
    result = evaluate(answers, REFERENCE)
    budgets = (20_000, 20_000, 20_000)
    chart = charts.cost_chart(result, budgets, "USD")
    typical = [
        y.typical for k in ("soc2", "iso27001", "both") for y in result.options[k].cost.by_year
    ]
    assert [r["over"] for r in chart["rows"]] == [t > 20_000 for t in typical]
    budget_xs = {r["budget_x"] for r in chart["rows"]}
    assert len(budget_xs) == 1, "the same budget every year is one vertical line"
    for row in chart["rows"]:
        assert _number(row["x_low"]) <= _number(row["x_typical"])


def test_readiness_rows_say_not_assessed_for_a_category_nothing_was_asked_about():
    answers = answers_us_saas(readiness={"security_policies_approved": "evidence"})
    result = evaluate(answers, REFERENCE)
    chart = charts.readiness_chart(result)
    groups = {g.name: g for g in result.readiness.groups}
    categories = [r for r in chart["rows"] if not r["strong"]]
    assert len(categories) == len(groups)
    for row in categories:
        group = groups[row["label"]]
        assert (row["value"] == "not assessed") == (group.assessed == 0)
    assert any(r["value"] == "not assessed" for r in categories)
    assert any(r["value"].endswith("%") for r in categories)


@pytest.mark.django_db
def test_chart_coordinates_are_written_with_a_point_whatever_the_language():
    assessment = assessment_create()
    with translation.override("de"):
        html = render_to_string(
            "assessments/report/_screen_sections.html", report_context(saved_report(assessment))
        )
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 5
    values = [v for svg in svgs for v in COORDINATE.findall(svg)]
    assert values
    for value in values:
        _number(value)


def test_a_score_too_short_for_white_text_is_written_dark_on_the_track():
    result = evaluate(answers_us_saas(), REFERENCE)
    chart = charts.score_chart(result)
    html = render_to_string("assessments/report/_chart_scores.html", {"c": chart})
    for row in chart["rows"]:
        assert row["value_dark"] == (row["value"] < 12)
    short = [r for r in chart["rows"] if r["value_dark"]]
    assert short, "a US SaaS company's ISO 27001 signals should be weak"
    assert html.count("chart-value chart-value-dark") == len(short)


@pytest.mark.parametrize(
    ("score", "dark"), [(0, True), (8, True), (11, True), (12, False), (80, False)]
)
def test_only_a_bar_too_short_to_hold_its_number_writes_it_dark(score, dark):
    result = replace(evaluate(answers_us_saas(), REFERENCE), scores={"soc2": 90, "iso27001": score})
    rows = {r["label"]: r for r in charts.score_chart(result)["rows"]}
    iso = rows[FRAMEWORK_NAMES["iso27001"]]
    assert iso["value_dark"] is dark
    assert iso["value_fill"] == ("#1d2329" if dark else "#ffffff")
    assert rows[FRAMEWORK_NAMES["soc2"]]["value_dark"] is False


# Demanded schemes: each has its own rows, and its share of the cost.
NAMES = plan_names(REFERENCE.schemes)
ASSESSED_ON = answers_us_saas().assessed_on


def _demanding(**schemes) -> object:
    """A US SaaS company whose buyers demand `schemes` (key=weeks to the date, or None)."""
    demanded = {
        key: {
            "deadline": None if weeks is None else ASSESSED_ON + timedelta(weeks=weeks),
            "deals": 1,
        }
        for key, weeks in schemes.items()
    }
    return evaluate(answers_us_saas(demanded_schemes=demanded), REFERENCE)


@pytest.mark.parametrize("lay", [charts.WIDE, charts.NARROW])
def test_each_scheme_phase_has_a_row_in_the_plot_under_the_schemes_name(lay):
    result = _demanding(bsi_c5=None, fedramp=40)
    chart = charts.timeline_chart(result, 40, lay, NAMES)
    right = lay.label_w + lay.plot_w
    option = result.options[result.verdict]
    for plan in option.scheme_plans:
        rows = [r for r in chart["rows"] if r["framework"] == plan.framework]
        assert [(r["start"], r["weeks"]) for r in rows] == [(p.start, p.weeks) for p in plan.phases]
        heading = next(h for h in chart["headings"] if h["label"] == NAMES[plan.framework])
        assert all(_number(r["y"]) > _number(heading["text_y"]) - 15 for r in rows)
    for row in chart["rows"]:
        x, width = _number(row["x"]), _number(row["width"])
        assert lay.label_w <= x and x + width <= right + 0.1
    assert chart["deadline"]["label"] == "FedRAMP deadline"


def test_a_wait_is_outlined_and_a_window_is_pale_like_the_soc2_window():
    result = _demanding(bsi_c5=None, fedramp=None)
    chart = charts.timeline_chart(result, None, charts.WIDE, NAMES)
    html = render_to_string(
        "assessments/report/_chart_timeline.html", {"c": chart, "id": "route", "title": "Route"}
    )
    waits = [r for r in chart["rows"] if r["kind"] == "wait"]
    assert waits and all(r["wait"] for r in waits)
    assert html.count('class="phase-wait"') == len(waits)
    c5 = [r for r in chart["rows"] if r["framework"] == "bsi_c5"]
    window = next(r for r in c5 if r["kind"] == "window")
    assert all(r["colour"] != window["colour"] for r in c5 if r is not window)
    notes = " ".join(n["text"] for n in chart["notes"])
    assert "Pale bar: an observation period" in notes and "Dashed outline" in notes


def test_a_schemes_cost_rows_add_up_to_its_own_lines_and_stay_within_the_route():
    result = _demanding(pci_dss=None)
    chart = charts.cost_chart(result, (90_000,) * 3, "USD", charts.WIDE, NAMES)
    option = result.options[result.verdict]
    rows = [r for r in chart["rows"] if r["label"].startswith("PCI DSS · year")]
    assert [r["short"] for r in rows] == ["year 1", "year 2", "year 3"]
    assert all(r["budget_x"] is None and not r["over"] for r in rows)
    for year, row in enumerate(rows, 1):
        lines = [
            line.amount.typical
            for line in option.cost.lines
            if line.framework == "pci_dss" and line.year == year and line.in_cash_totals
        ]
        assert row["text"] == f"{money_short(sum(lines), 'USD')} typical"
        assert sum(lines) <= option.cost.by_year[year - 1].typical
    assert [h["label"] for h in chart["headings"]] == ["PCI DSS"]


def test_the_cost_chart_has_a_money_axis_and_a_value_on_every_bar():
    from assessments.report.charts.costs import money_ticks
    from assessments.report.charts.layout import WIDE

    ticks = money_ticks(130_000, WIDE, 100, "USD")
    assert ticks[0]["label"] == "0" and 4 <= len(ticks) <= 7
    assert all(t["label"].startswith("$") for t in ticks[1:])
    xs = [float(t["x"]) for t in ticks]
    assert xs == sorted(xs) and xs[-1] <= WIDE.label_w + WIDE.plot_w


def test_each_cost_bar_states_its_typical_value_and_says_above_budget_where_there_is_room():
    result = evaluate(answers_us_saas(budget_amount=20_000), REFERENCE)
    budgets = (20_000, 20_000, 20_000)
    for lay, in_words in ((charts.WIDE, True), (charts.NARROW, False)):
        rows = charts.cost_chart(result, budgets, "USD", lay)["rows"]
        for row in rows:
            amount = row["value"].split(" · ")[0]
            assert amount.startswith("$") and amount in row["text"]
            assert ("above budget" in row["value"]) == (row["over"] and in_words)
            assert float(row["value_x"]) >= lay.label_w
