"""The route in weeks: a Gantt of the recommended plan, each demanded scheme under its name,
and the weeks to first proof by option."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

from assessments.engine.evaluate import Result
from assessments.engine.reference_codes import PhaseKind
from assessments.engine.routes import OptionSummary
from assessments.engine.timeline import Phase
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.charts.layout import (
    CHART_OPTION_NAMES,
    COLOURS,
    LINE_EM,
    NOT_YET_COLOUR,
    WIDE,
    WINDOW_COLOURS,
    Layout,
    coord,
    fits,
    frame,
    key,
    label,
    row_height,
    scheme_colours,
    short_name,
    text_width,
    week_ticks,
)
from assessments.report.costs import options_shown

WAIT, WINDOW = PhaseKind.WAIT.value, PhaseKind.WINDOW.value
WINDOW_KEY = "Pale bar: an observation period, which cannot be shortened."
WAIT_KEY = "Dashed outline: a wait on the scheme's owner."
COMPLY = "comply"  # a law in the plan: duties, never phases
NOT_DRAWN = {True: "a law: its duties apply throughout", False: "no timeline figures yet"}


def _route_plans(result: Result, option: OptionSummary):
    """The option's frameworks and schemes in the order of the path, each with phases."""
    order = {key: n for n, key in enumerate(result.path)}
    plans = [p for p in (*option.plans, *option.scheme_plans) if p.phases]
    return sorted(plans, key=lambda p: order.get(p.framework, len(order)))


def _phase_label(phase: Phase, scheme: bool, lay: Layout) -> tuple[str, str]:
    """The row's label and, when it says less than the phase's name, that name in full. A
    scheme's phase shows its own name when it fits in a few lines, else what kind of step it
    is (under the scheme's name, which says whose)."""
    if not scheme:
        return short_name(phase.name), ""
    if fits(phase.name, lay):
        return phase.name, ""
    return PhaseKind.label_of(phase.kind).capitalize(), phase.name


def _deadline_label(result: Result, weeks: int, names: Mapping[str, str]) -> str:
    """ "deadline", or, when the route answers dates for more than one demand, whose it is."""
    dated = [o for o in result.obligations if o.deadline]
    if len({o.asked for o in dated}) < 2 and all(o.asked in COLOURS for o in dated):
        return "deadline"
    soonest = next((o for o in dated if o.deadline_weeks == weeks), None)
    if soonest is None or soonest.asked not in names:
        return "deadline"
    return f"{names[soonest.asked]} deadline"


def _deadline(text: str, x: float, weeks: int, lay: Layout) -> dict:
    """The deadline's label above its line: centred on it, else beside it, else on as many
    lines as it needs to stay inside the drawing."""
    size, edge = lay.small, 2
    for count in range(1, 4):
        lines = textwrap.wrap(text, math.ceil(len(text) / count)) or [text]
        wide = max(text_width(line, size, bold=True) for line in lines)
        if edge <= x - wide / 2 and x + wide / 2 <= lay.width - edge:
            anchor, text_x = "middle", x
        elif x + 3 + wide <= lay.width - edge:
            anchor, text_x = "start", x + 3
        elif x - 3 - wide >= edge:
            anchor, text_x = "end", x - 3
        else:
            continue
        break
    else:  # three lines too wide for either side: centred, kept inside the drawing
        anchor, text_x = "middle", min(max(x, wide / 2 + edge), lay.width - wide / 2 - edge)
    line_h = size * LINE_EM
    return {
        "x": coord(x),
        "text_x": coord(text_x),
        "weeks": weeks,
        "label": text,
        "anchor": anchor,
        "lines": [
            {"text": t, "y": coord(2 + size * 0.9 + n * line_h)} for n, t in enumerate(lines)
        ],
        "one_line": len(lines) == 1,
        "bottom": 2 + len(lines) * line_h,
    }


def timeline_chart(
    result: Result,
    deadline_weeks: float | None,
    lay: Layout = WIDE,
    names: Mapping[str, str] = FRAMEWORK_NAMES,
) -> dict | None:
    """A Gantt of the recommended route, with the soonest deadline drawn as a line; None when
    the advice is to wait. Each demanded scheme has its own rows under its name."""
    option = result.options.get(result.verdict)
    if option is None:
        return None
    plans = _route_plans(result, option)
    phases = [p for plan in plans for p in plan.phases]
    end = max((p.end for p in phases), default=1)
    due = deadline_weeks if deadline_weeks is not None and deadline_weeks > 0 else None
    span = max(end, round(due) if due is not None else 0) + 4

    def x_of(week: float) -> float:
        return lay.label_w + lay.plot_w * week / span

    deadline = None
    if due is not None:
        text = _deadline_label(result, round(due), names)
        deadline = _deadline(text, x_of(due), round(due), lay)
    grid_top = deadline["bottom"] + 4 if deadline else 12
    colours = scheme_colours(result)
    # With a scheme in the route, every plan's rows sit under its name.
    grouped = any(plan.framework in colours for plan in plans)
    # A route that may run over a page break has its months at the top as well.
    top_ticks = []
    if lay.banded and grouped:
        top_ticks = week_ticks(span, lay, grid_top - 3)
        grid_top += lay.small + 6
    rows, headings, y = [], [], grid_top + 6
    starts = []  # where each group begins, its name above its rows
    for plan in plans:
        scheme = plan.framework in colours
        if grouped:
            starts.append(y)
            name = names.get(plan.framework, plan.framework)
            height = row_height(name, lay, lay.row_h - 2, bold=True)
            heading = label(name, lay, y + height / 2, bold=True)
            first = float(heading["lines"][0]["y"])
            headings.append({**heading, "line_y": coord(first - lay.font * 0.33)})
            y += height
        for p in plan.phases:
            text, title = _phase_label(p, scheme, lay)
            height = row_height(text, lay, lay.row_h)
            dark, light = colours.get(p.framework, (COLOURS.get(p.framework), None))
            if not scheme:
                light = WINDOW_COLOURS.get(p.framework)
            rows.append(
                {
                    **label(text, lay, y + height / 2),
                    "title": title,
                    "spoken": f"{names.get(p.framework, p.framework)}, {title or text}"
                    if scheme
                    else text,
                    "y": coord(y + (height - lay.row_h + 8) / 2),
                    "bar_h": lay.row_h - 8,
                    "x": coord(x_of(p.start)),
                    "width": coord(max(3.0, lay.plot_w * p.weeks / span)),
                    "weeks": p.weeks,
                    "start": p.start,
                    "colour": light if p.kind == WINDOW else dark,
                    "wait": p.kind == WAIT,
                    "kind": p.kind,
                    "framework": p.framework,
                }
            )
            y += height
    drawn = {plan.framework for plan in (*option.plans, *option.scheme_plans)}
    missing = [
        f"{names.get(i.framework, i.framework)} ({NOT_DRAWN[i.action == COMPLY]})"
        for i in result.plan
        if i.framework not in drawn and i.framework not in COLOURS
    ]
    # Say what a pale or an outlined bar means once a scheme brings either into the chart.
    marks = " ".join(
        text
        for text, shown in (
            (WINDOW_KEY, any(r["kind"] == WINDOW and r["framework"] in colours for r in rows)),
            (WAIT_KEY, any(r["wait"] for r in rows)),
        )
        if shown
    )
    axis_y = y + 4
    height = axis_y + lay.small + 8
    texts = [(marks, False)]
    if missing:
        texts.append(("Not drawn: " + "; ".join(missing) + ".", False))
    chart = frame(
        lay,
        height,
        view_top="0",
        view_height=coord(height),
        axis_labels=True,
        top_ticks=top_ticks,
        rows=rows,
        headings=headings,
        ticks=week_ticks(span, lay, axis_y),
        deadline=deadline,
        grid_top=coord(grid_top),
        axis_y=coord(axis_y),
        notes=key(texts),
        plot_right=coord(lay.label_w + lay.plot_w),
    )
    chart["bands"] = _bands(chart, starts[1:], height) if lay.banded else []
    return chart


def _bands(chart: dict, cuts: list[float], height: float) -> list[dict]:
    """The drawing as horizontal bands, cut above each group but the first, each drawing only
    its own rows: on paper a long route runs on over a page break, a band at a time, rather than
    leaving the page before it part empty. The months are written above the first band and
    under the last; the deadline's name above the first."""
    edges = [0.0, *(cut - 2 for cut in cuts), height]
    bands = []
    for n, (top, bottom) in enumerate(zip(edges, edges[1:], strict=False)):
        first, last = n == 0, n == len(edges) - 2

        def inside(item: dict, top: float = top, bottom: float = bottom) -> bool:
            return top <= float(item["lines"][0]["y"]) < bottom

        deadline = chart["deadline"]
        bands.append(
            {
                **chart,
                "view_top": coord(top),
                "view_height": coord(bottom - top),
                "rows": [r for r in chart["rows"] if inside(r)],
                "headings": [h for h in chart["headings"] if inside(h)],
                "top_ticks": chart["top_ticks"] if first else [],
                "axis_labels": last,
                "deadline": deadline and {**deadline, "lines": deadline["lines"] if first else []},
                "notes": chart["notes"] if last else [],
                "sfx": f"-{n + 1}" if n else "",
            }
        )
    return bands


def first_proof_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict:
    """Weeks to each option's first proof, the soonest SOC 2 or ISO 27001 date as a line."""
    options = result.options
    keys = options_shown(result)
    due = deadline_weeks if deadline_weeks and deadline_weeks > 0 else None
    span = max(options[k].first_proof_week for k in keys)
    if due is not None:
        span = max(span, round(due))
    span += 4
    rows, y = [], 8.0
    for k in keys:
        name, weeks = CHART_OPTION_NAMES[k], options[k].first_proof_week
        height = row_height(name, lay, 34)
        width = lay.plot_w * weeks / span
        value = f"{weeks} wk"
        # A bar too short for its number in white has the number after it, in dark type.
        inside = width >= text_width(value, lay.font, bold=True) + 12
        rows.append(
            {
                **label(name, lay, y + height / 2),
                "y": coord(y + (height - 22) / 2),
                "value_y": coord(y + height / 2 + lay.font * 0.35),
                "value_x": coord(lay.label_w + (6 if inside else width + 4)),
                "value_fill": "#ffffff" if inside else "#1d2329",
                "width": coord(width),
                "weeks": weeks,
                "value": value,
                "colour": COLOURS.get(k, NOT_YET_COLOUR),
            }
        )
        y += height
    axis_y = y + 4
    deadline = {"x": coord(lay.label_w + lay.plot_w * due / span)} if due is not None else None
    return frame(
        lay,
        axis_y + lay.small + 8,
        rows=rows,
        ticks=week_ticks(span, lay, axis_y),
        deadline=deadline,
        axis_y=coord(axis_y),
    )
