"""The route in weeks: a Gantt of the recommended plan, each demanded scheme under its name,
and the weeks to first proof by option."""

from __future__ import annotations

from collections.abc import Mapping

from assessments.engine.evaluate import Result
from assessments.engine.reference_codes import PhaseKind
from assessments.engine.routes import OptionSummary
from assessments.engine.timeline import Phase
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.charts.layout import (
    CHART_OPTION_NAMES,
    COLOURS,
    HEADING_H,
    NOT_YET_COLOUR,
    ROW_H,
    WIDE,
    WINDOW_COLOURS,
    Layout,
    coord,
    fit,
    frame,
    heading,
    notes_under,
    scheme_colours,
    short_name,
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
    scheme's phase shows its own name when it fits, else what kind of step it is."""
    if not scheme:
        return short_name(phase.name), ""
    if len(phase.name) <= lay.max_label:
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
    dated = deadline_weeks is not None and deadline_weeks > 0
    span = max(end, round(deadline_weeks) if dated else 0) + 4
    colours = scheme_colours(result)
    # With a scheme in the route, every plan's rows sit under its name.
    grouped = any(plan.framework in colours for plan in plans)
    rows, headings, y = [], [], 30
    for plan in plans:
        scheme = plan.framework in colours
        if grouped:
            name = names.get(plan.framework, plan.framework)
            headings.append(heading(name, lay, text_y=coord(y + 15), line_y=coord(y + 10)))
            y += HEADING_H
        for p in plan.phases:
            label, title = _phase_label(p, scheme, lay)
            dark, light = colours.get(p.framework, (COLOURS.get(p.framework), None))
            if not scheme:
                light = WINDOW_COLOURS.get(p.framework)
            rows.append(
                {
                    "label": label,
                    "short": fit(label, lay.max_label),
                    "cut": len(label) > lay.max_label,
                    "title": title or (label if len(label) > lay.max_label else ""),
                    "spoken": f"{names.get(p.framework, p.framework)}, {title or label}"
                    if scheme
                    else label,
                    "long": len(label) > 28,
                    "y": coord(y),
                    "text_y": coord(y + 14),
                    "x": coord(lay.label_w + lay.plot_w * p.start / span),
                    "width": coord(max(3.0, lay.plot_w * p.weeks / span)),
                    "weeks": p.weeks,
                    "start": p.start,
                    "colour": light if p.kind == WINDOW else dark,
                    "wait": p.kind == WAIT,
                    "kind": p.kind,
                    "framework": p.framework,
                }
            )
            y += ROW_H
    drawn = {plan.framework for plan in (*option.plans, *option.scheme_plans)}
    missing = [
        f"{names.get(i.framework, i.framework)} ({NOT_DRAWN[i.action == COMPLY]})"
        for i in result.plan
        if i.framework not in drawn and i.framework not in COLOURS
    ]
    # Say what a pale or an outlined bar means once a scheme brings either into the chart.
    key = " ".join(
        text
        for text, shown in (
            (WINDOW_KEY, any(r["kind"] == WINDOW and r["framework"] in colours for r in rows)),
            (WAIT_KEY, any(r["wait"] for r in rows)),
        )
        if shown
    )
    axis_y = y + 4
    texts = [(key, False)] if key else []
    if missing:
        texts.append(("Not drawn: " + "; ".join(missing) + ".", False))
    notes, bottom = notes_under(texts, lay, axis_y + 31)
    height = (bottom - 14 + 5) if notes else y + 24
    deadline = None
    if dated:
        x = lay.label_w + lay.plot_w * deadline_weeks / span
        label = _deadline_label(result, round(deadline_weeks), names)
        # A long label stays inside the drawing: it ends at the line near the right edge.
        anchor = "end" if x + len(label) * 3.2 > lay.width else "middle"
        deadline = {"x": coord(x), "weeks": round(deadline_weeks), "label": label, "anchor": anchor}
    return frame(
        lay,
        height,
        rows=rows,
        headings=headings,
        ticks=week_ticks(span, lay, axis_y),
        deadline=deadline,
        axis_y=coord(axis_y),
        notes=notes,
        plot_right=coord(lay.label_w + lay.plot_w),
    )


def first_proof_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict:
    options = result.options
    keys = options_shown(result)
    dated = bool(deadline_weeks and deadline_weeks > 0)
    span = max(options[k].first_proof_week for k in keys)
    if dated:
        span = max(span, round(deadline_weeks))
    span += 4
    rows = []
    for i, key in enumerate(keys):
        weeks, y = options[key].first_proof_week, 10 + i * 34
        rows.append(
            {
                "label": CHART_OPTION_NAMES[key],
                "y": coord(y),
                "text_y": coord(y + 16),
                "width": coord(lay.plot_w * weeks / span),
                "weeks": weeks,
                "colour": COLOURS.get(key, NOT_YET_COLOUR),
            }
        )
    axis_y = 10 + len(keys) * 34 + 4
    deadline = {"x": coord(lay.label_w + lay.plot_w * deadline_weeks / span)} if dated else None
    return frame(
        lay,
        10 + len(keys) * 34 + 22,
        rows=rows,
        value_x=lay.label_w + 6,
        ticks=week_ticks(span, lay, axis_y),
        deadline=deadline,
        axis_y=coord(axis_y),
    )
