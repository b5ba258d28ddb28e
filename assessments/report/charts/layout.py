"""What every chart shares: the three layouts, the colours of each framework and scheme, and how
a coordinate, a label and a key are written."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from assessments.engine.evaluate import Result
from assessments.engine.timeline import WEEKS_PER_MONTH
from assessments.formatting import OPTION_NAMES

# About how wide a character of Liberation Sans (Arial's metrics) is, as a share of the type
# size: a little generous, so a line estimated to fit does fit. Bold type is wider.
CHAR_EM, BOLD_EM = 0.53, 0.58
LINE_EM = 1.2
MAX_LINES = 3  # a label longer than this many lines gives way to a shorter name


@dataclass(frozen=True)
class Layout:
    """A drawing's width in SVG units, the column its labels take, and its two type sizes: the
    labels' and the smallest (values, ticks). A chart is drawn at `width` and scaled to the
    space it has, so its text is as large as `small` times that scale."""

    width: int
    label_w: int
    font: float
    small: float
    row_h: int = 26  # a Gantt row whose label takes one line
    banded: bool = False  # on paper: a long Gantt in bands that may run over a page break

    @property
    def plot_w(self) -> int:
        return self.width - self.label_w - 20

    @property
    def line_h(self) -> float:
        return self.font * LINE_EM


# From a 768 px screen up the report is at least 696 px wide: WIDE's smallest text is then
# 10.6 px or more. Below, NARROW is drawn at about one unit a pixel (366 px on a 390 px phone).
# The PDF's text column is 176 mm (A4) or wider: PRINT's 10-unit text is at least 8.3 pt there.
WIDE = Layout(width=720, label_w=220, font=13, small=11)
NARROW = Layout(width=360, label_w=136, font=12, small=11)
PRINT = Layout(width=600, label_w=230, font=11, small=10, row_h=22, banded=True)

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


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """About how wide `text` is drawn at `size`, in the drawing's units."""
    return len(text) * size * (BOLD_EM if bold else CHAR_EM)


def short_name(label: str) -> str:
    """Phase names read "What: how"; the chart shows the what."""
    return label.split(":", 1)[0]


def label_lines(text: str, lay: Layout, *, bold: bool = False) -> list[str]:
    """`text` wrapped to the label column, whole words to a line: never cut."""
    per_line = int((lay.label_w - 12) / (lay.font * (BOLD_EM if bold else CHAR_EM)))
    return textwrap.wrap(text, max(per_line, 8)) or [text]


def fits(text: str, lay: Layout) -> bool:
    return len(label_lines(text, lay)) <= MAX_LINES


def label(text: str, lay: Layout, middle: float, *, bold: bool = False) -> dict:
    """A label in the column left of the plot, wrapped and centred on `middle`: its lines, each
    with its baseline, and the height the block takes."""
    lines = label_lines(text, lay, bold=bold)
    top = middle - len(lines) * lay.line_h / 2
    return {
        "label": text,
        "lines": [
            {"text": line, "y": coord(top + n * lay.line_h + lay.font * 0.9)}
            for n, line in enumerate(lines)
        ],
        "one_line": len(lines) == 1,
        "label_h": len(lines) * lay.line_h,
    }


def row_height(text: str, lay: Layout, least: float, *, bold: bool = False) -> float:
    """The height a row needs: `least`, or more when its label wraps."""
    return max(least, len(label_lines(text, lay, bold=bold)) * lay.line_h + 4)


def frame(lay: Layout, height: float, **more) -> dict:
    return {
        "width": lay.width,
        "height": coord(height),
        "label_w": lay.label_w,
        "label_x": lay.label_w - 8,
        "plot_w": lay.plot_w,
        "font": coord(lay.font),
        "small": coord(lay.small),
        **more,
    }


def key(texts: list[tuple[str, bool]]) -> list[dict]:
    """What the chart's marks mean, each (text, in the deadline's red): written under the
    drawing as text, so it wraps to any width and keeps its size."""
    return [{"text": text, "red": red} for text, red in texts if text]


def week_ticks(span: int, lay: Layout, axis_y: float) -> list[dict]:
    """Months along the week axis, every quarter, half year or year: as often as the labels
    have room for."""
    room = text_width("18 mo", lay.small) + 10
    step = next((s for s in (13, 26, 52) if lay.plot_w * s / span >= room), 104)
    return [
        {
            "x": coord(lay.label_w + lay.plot_w * week / span),
            "y": coord(axis_y + lay.small + 3),
            "label": f"{round(week / WEEKS_PER_MONTH)} mo",
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
