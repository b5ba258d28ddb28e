"""The draft Statement of Applicability as CSV rows, safe to open in a spreadsheet."""

from __future__ import annotations

from .report_context import soa_table
from .report_model import SavedReport

SOA_COLUMNS = ("control_id", "title", "theme", "applicable", "reason", "implementation")
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """Spreadsheet programs run cells that start like a formula; make them plain text."""
    text = str(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def soa_rows(report: SavedReport) -> list[list[str]]:
    return [
        [
            csv_safe(v)
            for v in (
                e["ref"],
                e["title"],
                e["theme"],
                "yes" if e["applicable"] else "no",
                e["reason"],
                e["implemented_label"],
            )
        ]
        for e in soa_table(report)
    ]
