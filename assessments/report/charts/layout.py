"""What every chart shares: the two layouts, the colours of each framework and scheme, and how
a coordinate, a label and a note are written."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from assessments.engine.evaluate import Result
from assessments.formatting import OPTION_NAMES

ROW_H = 26
HEADING_H = 22


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
# Each demanded scheme in turn: a bar colour (at least 4.5:1 on white) and its window's tint.
SCHEME_COLOURS = (
    ("#b0561c", "#e8b48f"),
    ("#8e3b6e", "#d9a9c8"),
    ("#5f6b12", "#c6cd8f"),
    ("#2f6f77", "#9fcbd0"),
)
NOT_YET_COLOUR = SCHEME_COLOURS[0][0]
# Where a label has little room: the demanded schemes' own route, when no framework is due.
CHART_OPTION_NAMES = {**OPTION_NAMES, "not_yet": "Schemes only"}


def coord(value: float) -> str:
    """A coordinate for SVG: at most one decimal, a point as the separator, no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def short_name(label: str) -> str:
    """Phase names read "What: how"; the chart shows the what."""
    return label.split(":", 1)[0]


def fit(label: str, limit: int) -> str:
    """The label cut to `limit` characters, an ellipsis included, when it is longer."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def heading(name: str, lay: Layout, **where: str) -> dict:
    """A group's name above its rows. Bold type is wider, so it gets fewer characters than a
    row's label before it is cut."""
    limit = int(lay.max_label * 0.78)
    return {"label": name, "short": fit(name, limit), "cut": len(name) > limit, **where}


def frame(lay: Layout, height: float, **more) -> dict:
    return {
        "width": lay.width,
        "height": coord(height),
        "label_w": lay.label_w,
        "label_x": lay.label_w - 8,
        "plot_w": lay.plot_w,
        **more,
    }


NOTE_LINE_H, NOTE_CHAR_W = 14, 6.0


def notes_under(texts: list[tuple[str, bool]], lay: Layout, y: float) -> tuple[list[dict], float]:
    """Notes under a chart, each (text, in the deadline's red), wrapped to the drawing's width;
    under the plot when it is wide enough, else from the left edge. Returns the lines and the
    baseline after the last."""
    x = lay.label_w if lay.plot_w >= 400 else 8
    width = max(20, int((lay.width - x - 4) / NOTE_CHAR_W))
    lines = []
    for text, red in texts:
        for part in textwrap.wrap(text, width):
            lines.append({"text": part, "x": x, "y": coord(y), "red": red})
            y += NOTE_LINE_H
    return lines, y


def week_ticks(span: int, lay: Layout, axis_y: float) -> list[dict]:
    step = 13 if span <= 80 else 26
    return [
        {
            "x": coord(lay.label_w + lay.plot_w * week / span),
            "y": coord(axis_y + 14),
            "label": f"{round(week * 12 / 52)} mo",
        }
        for week in range(0, span + 1, step)
    ]


def scheme_colours(result: Result) -> dict[str, tuple[str, str]]:
    """A colour pair for each demanded scheme, in the order of the path, the same in every chart."""
    keys = [k for k in result.path if k not in COLOURS]
    keys += [p.framework for o in result.options.values() for p in o.scheme_plans]
    return {
        key: SCHEME_COLOURS[n % len(SCHEME_COLOURS)] for n, key in enumerate(dict.fromkeys(keys))
    }
