"""The signal scores, and readiness per framework and category."""

from __future__ import annotations

from assessments.engine.evaluate import Result
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.charts.layout import (
    COLOURS,
    WIDE,
    WINDOW_COLOURS,
    Layout,
    coord,
    fit,
    frame,
)

DARK_VALUE_BELOW = 12  # a score bar shorter than this shows its number in dark text


def score_chart(result: Result, *, engine_one: bool = False, lay: Layout = WIDE) -> dict:
    rows = []
    for i, framework in enumerate(("soc2", "iso27001")):
        score, y = result.scores[framework], 10 + i * 40
        # A short bar cannot hold white text: the number sits on the grey track instead.
        dark = score < DARK_VALUE_BELOW
        rows.append(
            {
                "label": FRAMEWORK_NAMES[framework],
                "y": coord(y),
                "text_y": coord(y + 18),
                "width": coord(lay.plot_w * score / 100),
                "value": score,
                "value_dark": dark,
                "value_fill": "#1d2329" if dark else "#ffffff",
                "colour": COLOURS[framework],
            }
        )
    # Engine 1 recommended both frameworks when each scored 40; engine 2 has no such line.
    threshold_x = coord(lay.label_w + lay.plot_w * 40 / 100) if engine_one else None
    return frame(
        lay,
        100,
        rows=rows,
        name_x=lay.label_w - 10,
        value_x=lay.label_w + 6,
        threshold_x=threshold_x,
    )


def _readiness_row(label: str, y: int, percent: int, value: str, colour: str, *, lay: Layout,
                   strong: bool) -> dict:  # fmt: skip
    return {
        "label": label,
        "short": fit(label, lay.max_label),
        "strong": strong,
        "bar_h": 18 if strong else 14,
        "y": coord(y),
        "text_y": coord(y + 13),
        "value_y": coord(y + 12),
        "percent": percent,
        "value": value,
        "width": coord(lay.plot_w * percent / 100),
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
    return frame(lay, y + 4, rows=rows, value_x=lay.label_w + lay.plot_w - 4)
