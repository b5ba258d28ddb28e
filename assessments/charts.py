"""Geometry for the report's SVG charts, computed from a saved result. Templates draw it, so
every label is escaped like any other value. The screen and the PDF share these charts."""

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


def _short(label: str) -> str:
    """Phase names read "What: how"; the chart shows the what."""
    return label.split(":", 1)[0]


COLOURS = {"soc2": "#1f6fb2", "iso27001": "#2e7d4f", "both": "#7a4fb0"}
WINDOW_COLOURS = {"soc2": "#8fb8dd", "iso27001": "#97c7a8"}


def score_chart(result: Result, *, engine_one: bool = False, lay: Layout = WIDE) -> dict:
    rows = []
    for i, framework in enumerate(("soc2", "iso27001")):
        score = result.scores[framework]
        rows.append(
            {
                "label": FRAMEWORK_NAMES[framework],
                "y": 10 + i * 40,
                "width": round(lay.plot_w * score / 100, 1),
                "value": score,
                "colour": COLOURS[framework],
            }
        )
    # Engine 1 recommended both frameworks when each scored 40; engine 2 has no such line.
    threshold_x = lay.label_w + lay.plot_w * 40 / 100 if engine_one else None
    return {
        "width": lay.width,
        "height": 100,
        "label_w": lay.label_w,
        "max_label": lay.max_label,
        "plot_w": lay.plot_w,
        "rows": rows,
        "threshold_x": round(threshold_x, 1) if threshold_x else None,
        "ticks": [
            {"x": round(lay.label_w + lay.plot_w * t / 100, 1), "label": t} for t in (0, 50, 100)
        ],
    }


def _week_ticks(span: int, lay: Layout) -> list[dict]:
    step = 13 if span <= 80 else 26
    ticks = []
    for week in range(0, span + 1, step):
        months = round(week * 12 / 52)
        ticks.append(
            {"x": round(lay.label_w + lay.plot_w * week / span, 1), "label": f"{months} mo"}
        )
    return ticks


def timeline_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict | None:
    """A Gantt of the recommended route, with the soonest deadline drawn as a line; None when
    the advice is to wait."""
    option = result.options.get(result.verdict)
    if option is None:
        return None
    phases = [p for plan in option.plans for p in plan.phases]
    end = max((p.end for p in phases), default=1)
    span = max(end, round(deadline_weeks) if deadline_weeks and deadline_weeks > 0 else 0) + 4
    rows = []
    for i, p in enumerate(phases):
        x = lay.label_w + lay.plot_w * p.start / span
        width = max(3.0, lay.plot_w * p.weeks / span)
        window = p.kind == "window"
        rows.append(
            {
                "label": _short(p.name),
                "y": 30 + i * ROW_H,
                "x": round(x, 1),
                "width": round(width, 1),
                "weeks": p.weeks,
                "start": p.start,
                "colour": WINDOW_COLOURS[p.framework] if window else COLOURS[p.framework],
                "framework": p.framework,
            }
        )
    deadline = None
    if deadline_weeks is not None and deadline_weeks > 0:
        deadline = {
            "x": round(lay.label_w + lay.plot_w * deadline_weeks / span, 1),
            "weeks": round(deadline_weeks),
        }
    height = 30 + len(rows) * ROW_H + 24
    return {
        "width": lay.width,
        "height": height,
        "rows": rows,
        "ticks": _week_ticks(span, lay),
        "deadline": deadline,
        "label_w": lay.label_w,
        "max_label": lay.max_label,
        "axis_y": height - 20,
    }


def first_proof_chart(result: Result, deadline_weeks: float | None, lay: Layout = WIDE) -> dict:
    options = result.options
    span = max(o.first_proof_week for o in options.values())
    if deadline_weeks and deadline_weeks > 0:
        span = max(span, round(deadline_weeks))
    span += 4
    rows = []
    for i, key in enumerate(("soc2", "iso27001", "both")):
        option = options[key]
        rows.append(
            {
                "label": FRAMEWORK_NAMES[key],
                "y": 10 + i * 34,
                "width": round(lay.plot_w * option.first_proof_week / span, 1),
                "weeks": option.first_proof_week,
                "colour": COLOURS[key],
            }
        )
    deadline = None
    if deadline_weeks and deadline_weeks > 0:
        deadline = {"x": round(lay.label_w + lay.plot_w * deadline_weeks / span, 1)}
    return {
        "width": lay.width,
        "height": 10 + 3 * 34 + 22,
        "rows": rows,
        "label_w": lay.label_w,
        "max_label": lay.max_label,
        "ticks": _week_ticks(span, lay),
        "deadline": deadline,
        "axis_y": 10 + 3 * 34 + 4,
    }


COST_BAR_H, COST_GROUP_GAP = 16, 14


def cost_chart(result: Result, budgets: tuple[int, ...], currency: str, lay: Layout = WIDE) -> dict:
    """Each option's cost range year by year, each year against that year's budget."""
    options = result.options
    highs = [y.high for o in options.values() for y in o.cost.by_year]
    top = max([*highs, *budgets]) * 1.08 or 1
    rows, y = [], 8
    for key in ("soc2", "iso27001", "both"):
        for year, money in enumerate(options[key].cost.by_year):
            budget = budgets[year]
            rows.append(
                {
                    "label": f"{FRAMEWORK_NAMES[key]} · year {year + 1}",
                    "y": y,
                    "x_low": round(lay.label_w + lay.plot_w * money.low / top, 1),
                    "x_typical": round(lay.label_w + lay.plot_w * money.typical / top, 1),
                    "width": max(2.0, round(lay.plot_w * (money.high - money.low) / top, 1)),
                    "budget_x": round(lay.label_w + lay.plot_w * budget / top, 1),
                    "text": f"{money_short(money.typical, currency)} typical, budget "
                    f"{money_short(budget, currency)}",
                    "over": money.typical > budget,
                    "colour": COLOURS[key],
                }
            )
            y += COST_BAR_H + 4
        y += COST_GROUP_GAP
    return {
        "width": lay.width,
        "height": y + 18,
        "rows": rows,
        "label_w": lay.label_w,
        "max_label": lay.max_label,
        "axis_y": y,
        "budget_label": "Dashed: that year's budget. Bar: low to high; thick mark: typical.",
    }


def readiness_chart(result: Result, lay: Layout = WIDE) -> dict:
    """Each framework overall and by category; a category nothing assessed says so."""
    readiness = result.readiness
    rows = []
    y = 8
    for framework in ("soc2", "iso27001"):
        percent = readiness.percent[framework]
        rows.append(
            {
                "label": f"{FRAMEWORK_NAMES[framework]} overall",
                "y": y,
                "strong": True,
                "percent": percent,
                "value": f"{percent}%",
                "width": round(lay.plot_w * percent / 100, 1),
                "colour": COLOURS[framework],
            }
        )
        y += 26
        for group in readiness.groups:
            if group.framework != framework:
                continue
            rows.append(
                {
                    "label": group.name,
                    "y": y,
                    "strong": False,
                    "percent": group.percent,
                    "value": f"{group.percent}%" if group.assessed else "not assessed",
                    "width": round(lay.plot_w * group.percent / 100, 1),
                    "colour": WINDOW_COLOURS[framework],
                }
            )
            y += 22
        y += 10
    return {
        "width": lay.width,
        "height": y + 4,
        "rows": rows,
        "label_w": lay.label_w,
        "max_label": lay.max_label,
        "plot_w": lay.plot_w,
    }
