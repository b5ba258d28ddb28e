"""Geometry for the report's SVG charts, computed from a saved result. Templates draw it, so
every label is escaped like any other value. The screen and the PDF share these charts."""

from __future__ import annotations

from .formatting import FRAMEWORK_NAMES, money_short

WIDTH = 720
LABEL_W = 220
PLOT_W = WIDTH - LABEL_W - 20
ROW_H = 26
COLOURS = {"soc2": "#1f6fb2", "iso27001": "#2e7d4f", "both": "#7a4fb0"}
WINDOW_COLOURS = {"soc2": "#8fb8dd", "iso27001": "#97c7a8"}


def score_chart(result: dict) -> dict:
    rows = []
    for i, framework in enumerate(("soc2", "iso27001")):
        score = result["scores"][framework]
        rows.append(
            {
                "label": FRAMEWORK_NAMES[framework],
                "y": 10 + i * 40,
                "width": round(PLOT_W * score / 100, 1),
                "value": score,
                "colour": COLOURS[framework],
            }
        )
    threshold_x = LABEL_W + PLOT_W * 40 / 100
    return {
        "width": WIDTH,
        "height": 100,
        "label_w": LABEL_W,
        "plot_w": PLOT_W,
        "rows": rows,
        "threshold_x": round(threshold_x, 1),
        "ticks": [{"x": round(LABEL_W + PLOT_W * t / 100, 1), "label": t} for t in (0, 50, 100)],
    }


def _week_ticks(span: int) -> list[dict]:
    step = 13 if span <= 80 else 26
    ticks = []
    for week in range(0, span + 1, step):
        months = round(week * 12 / 52)
        ticks.append({"x": round(LABEL_W + PLOT_W * week / span, 1), "label": f"{months} mo"})
    return ticks


def timeline_chart(result: dict, option: str, deadline_weeks: float | None) -> dict:
    """A Gantt of one option's route, with the deadline drawn as a line."""
    plans = result["options"][option]["plans"]
    phases = [p for plan in plans for p in plan["phases"]]
    end = max((p["start"] + p["weeks"] for p in phases), default=1)
    span = max(end, round(deadline_weeks) if deadline_weeks and deadline_weeks > 0 else 0) + 4
    rows = []
    for i, p in enumerate(phases):
        x = LABEL_W + PLOT_W * p["start"] / span
        width = max(3.0, PLOT_W * p["weeks"] / span)
        window = p["kind"] == "window"
        rows.append(
            {
                "label": p["name"],
                "y": 30 + i * ROW_H,
                "x": round(x, 1),
                "width": round(width, 1),
                "weeks": p["weeks"],
                "start": p["start"],
                "colour": WINDOW_COLOURS[p["framework"]] if window else COLOURS[p["framework"]],
                "framework": p["framework"],
            }
        )
    deadline = None
    if deadline_weeks is not None and deadline_weeks > 0:
        deadline = {
            "x": round(LABEL_W + PLOT_W * deadline_weeks / span, 1),
            "weeks": round(deadline_weeks),
        }
    height = 30 + len(rows) * ROW_H + 24
    return {
        "width": WIDTH,
        "height": height,
        "rows": rows,
        "ticks": _week_ticks(span),
        "deadline": deadline,
        "label_w": LABEL_W,
        "axis_y": height - 20,
    }


def first_proof_chart(result: dict, deadline_weeks: float | None) -> dict:
    options = result["options"]
    span = max(o["first_proof_week"] for o in options.values())
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
                "width": round(PLOT_W * option["first_proof_week"] / span, 1),
                "weeks": option["first_proof_week"],
                "colour": COLOURS[key],
            }
        )
    deadline = None
    if deadline_weeks and deadline_weeks > 0:
        deadline = {"x": round(LABEL_W + PLOT_W * deadline_weeks / span, 1)}
    return {
        "width": WIDTH,
        "height": 10 + 3 * 34 + 22,
        "rows": rows,
        "label_w": LABEL_W,
        "ticks": _week_ticks(span),
        "deadline": deadline,
        "axis_y": 10 + 3 * 34 + 4,
    }


def cost_chart(result: dict, budget: int, currency: str) -> dict:
    """First-year cost range per option against the first-year budget."""
    options = result["options"]
    years = {k: o["cost"]["by_year"][0] for k, o in options.items()}
    top = max(max(y["high"] for y in years.values()), budget) * 1.08 or 1
    rows = []
    for i, key in enumerate(("soc2", "iso27001", "both")):
        y = years[key]
        rows.append(
            {
                "label": FRAMEWORK_NAMES[key],
                "y": 12 + i * 46,
                "x_low": round(LABEL_W + PLOT_W * y["low"] / top, 1),
                "x_typical": round(LABEL_W + PLOT_W * y["typical"] / top, 1),
                "width": round(PLOT_W * (y["high"] - y["low"]) / top, 1),
                "text": f"{money_short(y['low'], currency)}–{money_short(y['high'], currency)}",
                "colour": COLOURS[key],
            }
        )
    return {
        "width": WIDTH,
        "height": 12 + 3 * 46 + 22,
        "rows": rows,
        "label_w": LABEL_W,
        "budget_x": round(LABEL_W + PLOT_W * budget / top, 1),
        "budget_label": f"Budget {money_short(budget, currency)}",
        "axis_y": 12 + 3 * 46,
    }


def readiness_chart(result: dict) -> dict:
    readiness = result["readiness"]
    rows = []
    y = 8
    for framework in ("soc2", "iso27001"):
        rows.append(
            {
                "label": f"{FRAMEWORK_NAMES[framework]} overall",
                "y": y,
                "strong": True,
                "percent": readiness["percent"][framework],
                "width": round(PLOT_W * readiness["percent"][framework] / 100, 1),
                "colour": COLOURS[framework],
            }
        )
        y += 26
        for group in readiness["groups"]:
            if group["framework"] != framework or not group["assessed"]:
                continue
            rows.append(
                {
                    "label": group["name"],
                    "y": y,
                    "strong": False,
                    "percent": group["percent"],
                    "width": round(PLOT_W * group["percent"] / 100, 1),
                    "colour": WINDOW_COLOURS[framework],
                }
            )
            y += 22
        y += 10
    return {"width": WIDTH, "height": y + 4, "rows": rows, "label_w": LABEL_W, "plot_w": PLOT_W}
