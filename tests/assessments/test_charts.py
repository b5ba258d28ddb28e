"""The report's charts: where bars, marks and lines fall, and how their numbers are written."""

import re
from dataclasses import replace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments import charts
from assessments.engine.evaluate import evaluate
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report_context import report_context
from assessments.report_model import saved_report
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
