"""Geometry for the report's SVG charts, computed from a saved result. Templates draw it, so
every label is escaped like any other value. The screen and the PDF share these charts.

Every coordinate leaves here final and written as SVG wants it (`coord`): the templates do no
arithmetic, and Django's number localisation never sees a coordinate, which kept a decimal
comma out of the drawing and was a third of the time a report took to draw."""

from assessments.report.charts.costs import cost_chart
from assessments.report.charts.layout import NARROW, PRINT, WIDE, Layout
from assessments.report.charts.route import first_proof_chart, timeline_chart
from assessments.report.charts.scores import readiness_chart, score_chart

__all__ = [
    "NARROW",
    "PRINT",
    "WIDE",
    "Layout",
    "cost_chart",
    "first_proof_chart",
    "readiness_chart",
    "score_chart",
    "timeline_chart",
]
