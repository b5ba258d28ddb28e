"""The draft Statement of Applicability (ISO/IEC 27001:2022, 6.1.3 d): for each Annex A control,
whether it applies and why, whether it is implemented, and why an excluded one is left out. The
page, the PDF and the CSV show the same columns, from `soa_table`."""

from __future__ import annotations

import re

from assessments.engine.readiness import inclusion_basis
from assessments.engine.reference import ISO
from assessments.report.model import SavedReport
from assessments.report.status_labels import IMPLEMENTATION_LABELS

SOA_COLUMNS = (
    "Control",
    "Title",
    "Applicable",
    "Justification for inclusion",
    "Implemented",
    "Justification for exclusion",
)
NOT_INCLUDED = "None: excluded"
NOT_EXCLUDED = "Not excluded"
NO_REASON = "No reason recorded"
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SENTENCE_END = re.compile(r"(?<=\.)\s+")


def csv_safe(value) -> str:
    """Spreadsheet programs run cells that start like a formula; make them plain text."""
    text = str(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def soa_table(report: SavedReport) -> list[dict]:
    """Every Annex A control with its title and the SoA's columns: applicable, the justification
    for including it (from the answers and the risks its theme treats), how far it is
    implemented according to the answers, and the reason given for excluding it."""
    rows = []
    for e in report.result.readiness.soa:
        control = report.control(ISO, e.ref)
        rows.append(
            {
                "ref": e.ref,
                "title": control.title if control else "",
                "theme": control.category if control else "",
                "applicable": e.applicable,
                "applicable_label": "Yes" if e.applicable else "No",
                "inclusion": inclusion_basis(report.answers, report.reference, e.ref)
                if e.applicable
                else NOT_INCLUDED,
                "implemented": e.implemented,
                "implemented_label": IMPLEMENTATION_LABELS.get(e.implemented, e.implemented),
                "exclusion": NOT_EXCLUDED if e.applicable else (e.reason or NO_REASON),
            }
        )
    return rows


def soa_rows(report: SavedReport) -> list[list[str]]:
    """The table as CSV rows, in the order of `SOA_COLUMNS`."""
    return [
        [
            csv_safe(row[name])
            for name in (
                "ref",
                "title",
                "applicable_label",
                "inclusion",
                "implemented_label",
                "exclusion",
            )
        ]
        for row in soa_table(report)
    ]


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text.strip())


def soa_themes(rows: list[dict]) -> list[dict]:
    """The table grouped by Annex A theme. What every applicable control of a theme gives as its
    justification for inclusion (its closing sentences) is the theme's `shared` basis; each
    applicable row splits its justification into what is its own (`inclusion_own`, "" when it
    has nothing else) and that shared part, so a page can show it once or quietly."""
    themes: dict[str, list[dict]] = {}
    for row in rows:
        themes.setdefault(row["theme"], []).append(row)
    grouped = []
    for name, members in themes.items():
        texts = [_sentences(r["inclusion"]) for r in members if r["applicable"]]
        shared: list[str] = []
        while texts and all(len(t) > len(shared) for t in texts):
            tail = {tuple(t[len(t) - len(shared) - 1 :]) for t in texts}
            if len(tail) != 1:
                break
            shared = list(tail.pop())
        basis = " ".join(shared)
        grouped.append(
            {
                "name": name,
                "shared": basis,
                "rows": [
                    {
                        **r,
                        "inclusion_own": " ".join(_sentences(r["inclusion"])[: -len(shared)])
                        if r["applicable"] and shared
                        else r["inclusion"],
                        "inclusion_shared": basis if r["applicable"] else "",
                    }
                    for r in members
                ],
            }
        )
    return grouped
