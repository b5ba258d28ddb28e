"""Geometry for the report's SVG charts, computed from a saved result. Templates draw it, so
every label is escaped like any other value. The screen and the PDF share these charts.

Every coordinate leaves here final and written as SVG wants it (`_n`): the templates do no
arithmetic, and Django's number localisation never sees a coordinate, which kept a decimal
comma out of the drawing and was a third of the time a report took to draw."""

from __future__ import annotations

from dataclasses import dataclass

from .engine.evaluate import Result
from .formatting import FRAMEWORK_NAMES, money_short

ROW_H = 26


@dataclass(frozen=True)
class Layout:
    """Wide for desktops and the PDF; narrow keeps text legible on a phone."""

    width: int
    label_w: int
    max_label: int

    @property
    def plot_w(self) -> int:
        return self.width - self.label_w - 20


WIDE = Layout(width=720, label_w=220, max_label=36)
NARROW = Layout(width=460, label_w=175, max_label=21)
COLOURS = {"soc2": "#1f6fb2", "iso27001": "#2e7d4f", "both": "#7a4fb0"}
WINDOW_COLOURS = {"soc2": "#8fb8dd", "iso27001": "#97c7a8"}
DARK_VALUE_BELOW = 12  # a score bar shorter than this shows its number in dark text


def _n(value: float) -> str:
    """A coordinate for SVG: at most one decimal, a point as the separator, no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(label: str) -> str:
    """Phase names read "What: how"; the chart shows the what."""
    return label.split(":", 1)[0]


def _fit(label: str, limit: int) -> str:
    """The label cut to `limit` characters, an ellipsis included, when it is longer."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _frame(lay: Layout, height: float, **more) -> dict:
    return {
        "width": lay.width,
        "height": _n(height),
        "label_w": lay.label_w,
        "label_x": lay.label_w - 8,
        "plot_w": lay.plot_w,
        **more,
    }


def _week_ticks(span: int, lay: Layout, axis_y: float) -> list[dict]:
    step = 13 if span <= 80 else 26
    return [
        {
            "x": _n(lay.label_w + lay.plot_w * week / span),
            "y": _n(axis_y + 14),
            "label": f"{round(week * 12 / 52)} mo",
        }
        for week in range(0, span + 1, step)
    ]


def score_chart(result: Result, *, engine_one: bool = False, lay: Layout = WIDE) -> dict:
    rows = []
    for i, framework in enumerate(("soc2", "iso27001")):
        score, y = result.scores[framework], 10 + i * 40
        # A short bar cannot hold white text: the number sits on the grey track instead.
        dark = score < DARK_VALUE_BELOW
        rows.append(
            {
                "label": FRAMEWORK_NAMES[framework],
                "y": _n(y),
                "text_y": _n(y + 18),
                "width": _n(lay.plot_w * score / 100),
                "value": score,
                "value_dark": dark,
                "value_fill": "#1d2329" if dark else "#ffffff",
                "colour": COLOURS[framework],
            }
        )
    # Engine 1 recommended both frameworks when each scored 40; engine 2 has no such line.
    threshold_x = _n(lay.label_w + lay.plot_w * 40 / 100) if engine_one else None
    return _frame(
        lay,
        100,
        rows=rows,
        name_x=lay.label_w - 10,
        value_x=lay.label_w + 6,
        threshold_x=threshold_x,
    )


def timeline_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict | None:
    """A Gantt of the recommended route, with the soonest deadline drawn as a line; None when
    the advice is to wait."""
    option = result.options.get(result.verdict)
    if option is None:
        return None
    phases = [p for plan in option.plans for p in plan.phases]
    end = max((p.end for p in phases), default=1)
    dated = deadline_weeks is not None and deadline_weeks > 0
    span = max(end, round(deadline_weeks) if dated else 0) + 4
    rows = []
    for i, p in enumerate(phases):
        label, y = _short(p.name), 30 + i * ROW_H
        window = p.kind == "window"
        rows.append(
            {
                "label": label,
                "short": _fit(label, lay.max_label),
                "cut": len(label) > lay.max_label,
                "long": len(label) > 28,
                "y": _n(y),
                "text_y": _n(y + 14),
                "x": _n(lay.label_w + lay.plot_w * p.start / span),
                "width": _n(max(3.0, lay.plot_w * p.weeks / span)),
                "weeks": p.weeks,
                "start": p.start,
                "colour": WINDOW_COLOURS[p.framework] if window else COLOURS[p.framework],
                "framework": p.framework,
            }
        )
    height = 30 + len(rows) * ROW_H + 24
    axis_y = height - 20
    deadline = None
    if dated:
        x = _n(lay.label_w + lay.plot_w * deadline_weeks / span)
        deadline = {"x": x, "weeks": round(deadline_weeks)}
    return _frame(
        lay,
        height,
        rows=rows,
        ticks=_week_ticks(span, lay, axis_y),
        deadline=deadline,
        axis_y=_n(axis_y),
    )


def first_proof_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict:
    options = result.options
    dated = bool(deadline_weeks and deadline_weeks > 0)
    span = max(o.first_proof_week for o in options.values())
    if dated:
        span = max(span, round(deadline_weeks))
    span += 4
    rows = []
    for i, key in enumerate(("soc2", "iso27001", "both")):
        weeks, y = options[key].first_proof_week, 10 + i * 34
        rows.append(
            {
                "label": FRAMEWORK_NAMES[key],
                "y": _n(y),
                "text_y": _n(y + 16),
                "width": _n(lay.plot_w * weeks / span),
                "weeks": weeks,
                "colour": COLOURS[key],
            }
        )
    axis_y = 10 + 3 * 34 + 4
    deadline = {"x": _n(lay.label_w + lay.plot_w * deadline_weeks / span)} if dated else None
    return _frame(
        lay,
        10 + 3 * 34 + 22,
        rows=rows,
        value_x=lay.label_w + 6,
        ticks=_week_ticks(span, lay, axis_y),
        deadline=deadline,
        axis_y=_n(axis_y),
    )


COST_BAR_H, COST_GROUP_GAP = 16, 14


def cost_chart(result: Result, budgets: tuple[int, ...], currency: str, lay: Layout = WIDE) -> dict:
    """Each option's cost range year by year, each year against that year's budget."""
    options = result.options
    highs = [y.high for o in options.values() for y in o.cost.by_year]
    top = max([*highs, *budgets]) * 1.08 or 1

    def x(money: float) -> float:
        return lay.label_w + lay.plot_w * money / top

    rows, y = [], 8
    for key in ("soc2", "iso27001", "both"):
        for year, money in enumerate(options[key].cost.by_year):
            budget = budgets[year]
            rows.append(
                {
                    "label": f"{FRAMEWORK_NAMES[key]} · year {year + 1}",
                    "y": _n(y),
                    "text_y": _n(y + 12),
                    "bar_y": _n(y + 2),
                    "mark_y2": _n(y + 16),
                    "budget_y1": _n(y - 1),
                    "budget_y2": _n(y + 17),
                    "x_low": _n(x(money.low)),
                    "x_typical": _n(x(money.typical)),
                    "over_x": _n(x(money.typical) + 6),
                    "width": _n(max(2.0, lay.plot_w * (money.high - money.low) / top)),
                    "budget_x": _n(x(budget)),
                    "text": f"{money_short(money.typical, currency)} typical, budget "
                    f"{money_short(budget, currency)}",
                    "over": money.typical > budget,
                    "colour": COLOURS[key],
                }
            )
            y += COST_BAR_H + 4
        y += COST_GROUP_GAP
    return _frame(
        lay,
        y + 18,
        rows=rows,
        note_y=_n(y + 12),
        budget_label="Dashed: that year's budget. Bar: low to high; thick mark: typical.",
    )


def _readiness_row(label: str, y: int, percent: int, value: str, colour: str, *, lay: Layout,
                   strong: bool) -> dict:  # fmt: skip
    return {
        "label": label,
        "short": _fit(label, lay.max_label),
        "strong": strong,
        "bar_h": 18 if strong else 14,
        "y": _n(y),
        "text_y": _n(y + 13),
        "value_y": _n(y + 12),
        "percent": percent,
        "value": value,
        "width": _n(lay.plot_w * percent / 100),
        "colour": colour,
    }


def readiness_chart(result: Result, lay: Layout = WIDE) -> dict:
    """Each framework overall and by category; a category nothing assessed says so."""
    readiness = result.readiness
    rows, y = [], 8
    for framework in ("soc2", "iso27001"):
        percent = readiness.percent[framework]
        name = f"{FRAMEWORK_NAMES[framework]} overall"
        rows.append(
            _readiness_row(
                name, y, percent, f"{percent}%", COLOURS[framework], lay=lay, strong=True
            )
        )
        y += 26
        for group in readiness.groups:
            if group.framework != framework:
                continue
            value = f"{group.percent}%" if group.assessed else "not assessed"
            colour = WINDOW_COLOURS[framework]
            rows.append(_readiness_row(group.name, y, group.percent, value, colour, lay=lay,
                                       strong=False))  # fmt: skip
            y += 22
        y += 10
    return _frame(lay, y + 4, rows=rows, value_x=lay.label_w + lay.plot_w - 4)
