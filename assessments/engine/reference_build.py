"""The engine's reference data, built from plain rows: the one way a `ReferenceData` is made.

The rows are what the reference-data app holds, table by table, as plain dicts: read from its
data files (`frameworks.reference_files.reference_rows_read`) or from the database
(`frameworks.selectors.reference_rows_load`); both give the same rows for the same data. The
builder orders them, derives what the engine reads (a control's category, each question's
control kinds, each scheme's rules) and knows nothing of where they came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from assessments.engine.reference import (
    ISO,
    SOC2,
    AspectInfo,
    ControlInfo,
    FactorInfo,
    FrameworkInfo,
    MappingInfo,
    NecessityInfo,
    PhaseInfo,
    QuestionInfo,
    RangeInfo,
    ReferenceData,
    SchemeInfo,
    SchemePlanning,
)
from assessments.engine.reference_codes import ControlKind, GroupKind
from assessments.engine.scheme_rules import rules_from_plain

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# A row's columns differ from table to table (text, numbers, dates, nested rows): the
# dataclass each row becomes gives them their types.
Row = Mapping[str, Any]
Rows = Mapping[str, Sequence[Row]]
CLAUSES_CATEGORY = "Clauses 4–10"


def reference_data_build(rows: Rows) -> ReferenceData:
    """Everything the engine needs, from every table's rows."""
    frameworks = sorted(rows["frameworks"], key=lambda r: (r["position"], r["code"]))
    order = {r["code"]: n for n, r in enumerate(frameworks)}
    groups = {(g["framework"], g["code"]): g for g in rows["groups"]}
    controls = sorted(rows["controls"], key=lambda c: (order[c["framework"]], c["position"]))
    position = {(c["framework"], c["ref"]): c["position"] for c in controls}
    return ReferenceData(
        frameworks=tuple(_info(FrameworkInfo, r) for r in frameworks),
        controls=tuple(_info(ControlInfo, c, category=_category(c, groups)) for c in controls),
        mappings=tuple(
            _info(MappingInfo, m)
            for m in sorted(
                rows["mappings"],
                key=lambda m: (position[(SOC2, m["tsc_ref"])], position[(ISO, m["iso_ref"])]),
            )
        ),
        aspects=tuple(
            _info(AspectInfo, a, texts=dict(a["texts"]))
            for a in sorted(rows["aspects"], key=lambda a: (a["position"], a["key"]))
        ),
        costs=tuple(
            _figure(c)
            for c in sorted(
                rows["costs"], key=lambda c: (c["key"], c["size_band"], c.get("currency", ""))
            )
        ),
        timelines=tuple(
            _figure(t)
            for t in sorted(rows["timelines"], key=lambda t: (order[t["framework"]], t["position"]))
        ),
        factors=tuple(
            _info(FactorInfo, f)
            for f in sorted(rows["factors"], key=lambda f: (f["position"], f["key"]))
        ),
        questions=questions_build(rows["questions"]),
        rates={
            r["currency"]: float(r["per_usd"])
            for r in sorted(rows["rates"], key=lambda r: r["currency"])
        },
        rules={
            r["key"]: float(r["value"])
            for r in sorted(rows["rules"], key=lambda r: (r["position"], r["key"]))
        },
        schemes=tuple(
            _info(
                SchemeInfo,
                s,
                rules=rules_from_plain(s["rules"]),
                aliases=tuple(s["alias_names"]),
                planning=_planning(s.get("planning")),
            )
            for s in sorted(rows["schemes"], key=lambda s: (s["position"], s["key"]))
        ),
        pricing={
            p["key"]: _figure({**p, "framework": None})
            for p in sorted(rows.get("pricing", ()), key=lambda p: p["key"])
        },
        necessity=necessity_build(rows.get("necessity", ())),
    )


def necessity_build(rows: Sequence[Row]) -> tuple[NecessityInfo, ...]:
    """The necessity rules from their rows, in a fixed order."""
    return tuple(
        NecessityInfo(n["target"], n["because"], rules_from_plain(n["rules"]))
        for n in sorted(rows, key=lambda n: (n["target"], n["because"]))
    )


def _planning(row: Row | None) -> SchemePlanning | None:
    """A scheme's planning data, its phases in order; None when it cannot be planned."""
    if row is None:
        return None
    phases = sorted(row["phases"], key=lambda p: p["position"])
    return _info(
        SchemePlanning,
        row,
        phases=tuple(
            _info(
                PhaseInfo,
                p,
                source_date=p["source_date"].isoformat() if p.get("source_date") else "",
            )
            for p in phases
        ),
    )


def _figure(row: Row) -> RangeInfo:
    """A sourced low / typical / high figure; its date as ISO text, as the engine keeps dates
    of reference data."""
    day = row.get("source_date")
    return _info(RangeInfo, row, source_date=day.isoformat() if day else "")


def questions_build(rows: Sequence[Row]) -> tuple[QuestionInfo, ...]:
    """The readiness questions in the order the wizard asks them, each with the kind of every
    control it covers."""
    questions = []
    for q in sorted(rows, key=lambda q: (q["position"], q["key"])):
        covered = sorted(q["controls"])  # (framework, ref, kind)
        questions.append(
            _info(
                QuestionInfo,
                q,
                controls=tuple((framework, ref) for framework, ref, _ in covered),
                kinds=tuple(kind for _, _, kind in covered),
                depends_on=tuple(k for k in (q.get("depends_on") or "").split(",") if k),
            )
        )
    return tuple(questions)


Info = TypeVar("Info", bound="DataclassInstance")


def _info(kind: type[Info], row: Row, **derived: object) -> Info:
    """A `kind` from the row's columns of the same names, and the `derived` values."""
    names = {f.name for f in fields(kind)} - derived.keys()
    return kind(**{name: row[name] for name in names if name in row}, **derived)


def _category(control: Row, groups: Mapping[tuple[str, str], Row]) -> str:
    """The heading a control is counted under: a TSC category, an Annex A theme, or the
    clauses together."""
    if control["kind"] == ControlKind.CLAUSE:
        return CLAUSES_CATEGORY
    group = groups[(control["framework"], control["group"])]
    if group["kind"] == GroupKind.SERIES and group["parent"] is not None:
        group = groups[(control["framework"], group["parent"])]
    return str(group["name"])
