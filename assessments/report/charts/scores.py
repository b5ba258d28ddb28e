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
    frame,
    label,
    row_height,
    text_width,
)

DARK_VALUE_BELOW = 12  # a score bar shorter than this shows its number in dark text


def score_chart(result: Result, *, engine_one: bool = False, lay: Layout = WIDE) -> dict:
    rows, y = [], 10.0
    for framework in ("soc2", "iso27001"):
        score, name = result.scores[framework], FRAMEWORK_NAMES[framework]
        height = row_height(name, lay, 40)
        # A short bar cannot hold white text: the number sits on the grey track instead.
        dark = score < DARK_VALUE_BELOW
        rows.append(
            {
                **label(name, lay, y + 13),
                "y": coord(y),
                "value_y": coord(y + 13 + lay.font * 0.35),
                "width": coord(lay.plot_w * score / 100),
                "value": score,
                "value_dark": dark,
                "value_fill": "#1d2329" if dark else "#ffffff",
                "colour": COLOURS[framework],
            }
        )
        y += height
    # Engine 1 recommended both frameworks when each scored 40; engine 2 has no such line.
    threshold_x = coord(lay.label_w + lay.plot_w * 40 / 100) if engine_one else None
    bottom = y - 10
    return frame(
        lay,
        bottom + (lay.small + 6 if engine_one else 0),
        rows=rows,
        value_x=lay.label_w + 6,
        threshold_x=threshold_x,
        threshold_y2=coord(bottom),
        threshold_text_y=coord(bottom + lay.small + 3),
    )


def _readiness_row(name: str, y: float, percent: int, value: str, colour: str, *,
                   lay: Layout, strong: bool) -> tuple[dict, float]:  # fmt: skip
    bar_h = 18 if strong else 14
    height = row_height(name, lay, bar_h + 8, bold=strong)
    middle = y + height / 2
    # The value sits at the right end of the track: on the bar, in white or dark type, once
    # the bar reaches under it.
    covered = lay.plot_w * percent / 100 > lay.plot_w - text_width(value, lay.small) - 10
    row = {
        **label(name, lay, middle, bold=strong),
        "strong": strong,
        "bar_h": bar_h,
        "y": coord(middle - bar_h / 2),
        "value_y": coord(middle + lay.small * 0.35),
        "percent": percent,
        "value": value,
        "value_fill": ("#ffffff" if strong else "#1d2329") if covered else "#3d454d",
        "width": coord(lay.plot_w * percent / 100),
        "colour": colour,
    }
    return row, height


def readiness_chart(result: Result, lay: Layout = WIDE) -> dict:
    """Each framework overall and by category; a category nothing assessed says so."""
    readiness = result.readiness
    rows, y = [], 6.0
    for framework in ("soc2", "iso27001"):
        percent = readiness.percent[framework]
        name = f"{FRAMEWORK_NAMES[framework]} overall"
        row, height = _readiness_row(name, y, percent, f"{percent}%", COLOURS[framework],
                                     lay=lay, strong=True)  # fmt: skip
        rows.append(row)
        y += height
        for group in readiness.groups:
            if group.framework != framework:
                continue
            value = f"{group.percent}%" if group.assessed else "not assessed"
            row, height = _readiness_row(group.name, y, group.percent, value,
                                         WINDOW_COLOURS[framework], lay=lay, strong=False)  # fmt: skip
            rows.append(row)
            y += height
        y += 10
    return frame(lay, y - 4, rows=rows, value_x=coord(lay.label_w + lay.plot_w - 4))
