"""The report's charts: where bars, marks and lines fall, and how their numbers are written."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments.engine.evaluate import evaluate
from assessments.engine.formats import money
from assessments.formatting import FRAMEWORK_NAMES, plan_names
from assessments.report import charts
from assessments.report.charts.layout import BOLD_EM, CHAR_EM
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


def _fits_the_label_column(label: dict, lay, *, bold: bool = False) -> bool:
    widest = max(len(line["text"]) for line in label["lines"])
    return widest * lay.font * (BOLD_EM if bold else CHAR_EM) <= lay.label_w - 8


@pytest.mark.parametrize("lay", [charts.WIDE, charts.NARROW, charts.PRINT])
def test_route_labels_wrap_onto_lines_in_full_and_never_cut(lay):
    result = evaluate(answers_eu_supplier(), REFERENCE)
    chart = charts.timeline_chart(result, None, lay)
    assert chart["deadline"] is None
    for row in chart["rows"]:
        assert " ".join(line["text"] for line in row["lines"]) == row["label"]
        assert _fits_the_label_column(row, lay)
        assert "…" not in row["label"]
        # Lines one under the other, the bar beside them.
        ys = [_number(line["y"]) for line in row["lines"]]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)
    if lay is charts.NARROW:
        assert any(len(r["lines"]) > 1 for r in chart["rows"]), "a phone should wrap a label"


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
        assert _fits_the_label_column(heading, lay, bold=True)
        assert all(_number(r["y"]) > _number(heading["lines"][-1]["y"]) for r in rows)
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
    rows = [r for r in chart["rows"] if r["spoken"].startswith("PCI DSS, year")]
    assert [r["label"] for r in rows] == ["Year 1", "Year 2", "Year 3"]
    assert all(r["budget_x"] is None and not r["over"] for r in rows)
    for year, row in enumerate(rows, 1):
        lines = [
            line.amount.typical
            for line in option.cost.lines
            if line.framework == "pci_dss" and line.year == year and line.in_cash_totals
        ]
        assert row["text"] == f"{money(sum(lines), 'USD')} typical"
        assert sum(lines) <= option.cost.by_year[year - 1].typical
    # Each option under its name, then what the scheme adds under its own.
    assert [h["label"] for h in chart["headings"]] == ["SOC 2", "ISO 27001", "Both", "PCI DSS"]


def test_the_cost_chart_has_a_money_axis_and_a_value_on_every_bar():
    from assessments.report.charts.costs import money_ticks
    from assessments.report.charts.layout import WIDE

    ticks = money_ticks(130_000, WIDE, 100, "USD")
    assert ticks[0]["label"] == "0" and 4 <= len(ticks) <= 7
    assert all(t["label"].startswith("$") for t in ticks[1:])
    xs = [float(t["x"]) for t in ticks]
    assert xs == sorted(xs) and xs[-1] <= WIDE.label_w + WIDE.plot_w


def test_each_cost_bar_states_its_typical_value_clear_of_the_budget_line():
    result = evaluate(answers_us_saas(budget_amount=60_000), REFERENCE)
    budgets = (60_000, 60_000, 60_000)
    for lay in (charts.WIDE, charts.NARROW):
        rows = charts.cost_chart(result, budgets, "USD", lay)["rows"]
        for row in rows:
            amount = row["value"].split(" · ")[0]
            assert amount.startswith("$") and amount in row["text"]
            assert "above budget" not in row["value"] or row["over"]
            width = len(row["value"]) * lay.small * BOLD_EM
            x = _number(row["value_x"])
            left = x - width if row["value_anchor"] == "end" else x
            assert lay.label_w <= left and left + width <= lay.width
            budget = _number(row["budget_x"])
            assert not left <= budget <= left + width, f"{row['value']} is written over its budget"
        # On a phone the red says it is above the budget; on a wide chart words say it too.
        over = [r for r in rows if r["over"]]
        assert over and any("above budget" in r["value"] for r in over) == (lay is charts.WIDE)


def test_the_deadline_label_stays_inside_the_narrow_drawing_wherever_its_line_falls():
    result = _demanding(cyber_essentials_plus=2)
    for weeks in (2, 30, 60):
        chart = charts.timeline_chart(result, weeks, charts.NARROW, NAMES)
        deadline = chart["deadline"]
        x, size = _number(deadline["text_x"]), charts.NARROW.small
        for line in deadline["lines"]:
            width = len(line["text"]) * size * BOLD_EM
            left = {"start": x, "middle": x - width / 2, "end": x - width}[deadline["anchor"]]
            assert left >= 0 and left + width <= charts.NARROW.width, (weeks, deadline)


# What a reader sees: the drawing is scaled to the width it is given, and its text with it. The
# report's column is 366 px on a 390 px phone (the narrow drawing, below 768 px) and at least
# 696 px from 768 px up (the wide one).
SCREEN_WIDTHS = {"": 696, "-n": 366}
FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


@pytest.mark.django_db
def test_report_chart_text_is_at_least_10px_where_each_drawing_is_shown():
    answers = answers_us_saas(
        demanded_schemes={"cyber_essentials_plus": {"deadline": None, "deals": 1}},
        readiness={"security_policies_approved": "evidence"},
    )
    html = render_to_string(
        "assessments/report/_screen_sections.html",
        report_context(saved_report(assessment_create(answers))),
    )
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 10, "five charts, each wide and narrow"
    narrow = [bool(re.search(r'<title id="[\w-]+-n(?:-title)?"', svg)) for svg in svgs]
    assert sum(narrow) == 5
    for svg, phone in zip(svgs, narrow, strict=True):
        suffix = "-n" if phone else ""
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        sizes = [float(size) for size in FONT_SIZE.findall(svg)]
        assert len(sizes) >= svg.count("<text "), "every text states its size"
        drawn = min(sizes) * SCREEN_WIDTHS[suffix] / view_width
        assert drawn >= 10, f"{svg[:80]}: {drawn:.1f}px"


def test_on_paper_a_long_route_comes_in_bands_that_hold_every_row_once():
    result = _demanding(bsi_c5=None, fedramp=40)
    chart = charts.timeline_chart(result, 40, charts.PRINT, NAMES)
    bands = chart["bands"]
    assert len(bands) == len(chart["headings"]) > 1, "a band for each plan in the route"
    assert [r for band in bands for r in band["rows"]] == chart["rows"]
    assert [h for band in bands for h in band["headings"]] == chart["headings"]
    # The bands join up: each starts where the one before ends, and together span the drawing.
    tops = [_number(band["view_top"]) for band in bands]
    ends = [top + _number(band["view_height"]) for top, band in zip(tops, bands, strict=True)]
    assert tops[0] == 0 and tops[1:] == pytest.approx(ends[:-1])
    assert ends[-1] == pytest.approx(_number(chart["height"]))
    for band, top, end in zip(bands, tops, ends, strict=True):
        assert all(
            top <= _number(r["y"]) and _number(r["y"]) + r["bar_h"] <= end for r in band["rows"]
        )
    # The months over the first band and under the last; the deadline named once, at the top.
    assert bands[0]["top_ticks"] and not any(b["top_ticks"] for b in bands[1:])
    assert [b["axis_labels"] for b in bands] == [False] * (len(bands) - 1) + [True]
    assert bands[0]["deadline"]["lines"] and not any(b["deadline"]["lines"] for b in bands[1:])
    # On a screen the drawing is one.
    assert charts.timeline_chart(result, 40, charts.WIDE, NAMES)["bands"] == []
