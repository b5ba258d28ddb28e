"""The engine's reference data, built from plain rows: the one way a `ReferenceData` is made.

The rows are what the reference-data app holds, table by table, as plain dicts: read from its
data files (`frameworks.reference_files.reference_rows_read`) or from the database
(`frameworks.selectors.reference_rows_load`); both give the same rows for the same data. The
builder orders them, derives what the engine reads (a control's category, each question's
control kinds, each scheme's rules) and knows nothing of where they came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .reference import (
    ISO,
    SOC2,
    AspectInfo,
    ControlInfo,
    FactorInfo,
    FrameworkInfo,
    GroupInfo,
    MappingInfo,
    QuestionInfo,
    RangeInfo,
    ReferenceData,
    SchemeInfo,
)
from .reference_codes import ControlKind, GroupKind
from .scheme_rules import rules_from_plain

Row = Mapping[str, object]
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
        frameworks=tuple(
            FrameworkInfo(r["code"], r["name"], r["edition"], r["summary"]) for r in frameworks
        ),
        groups=tuple(
            GroupInfo(g["framework"], g["code"], g["name"], g["kind"], g["parent"])
            for g in sorted(
                groups.values(), key=lambda g: (order[g["framework"]], g["position"], g["code"])
            )
        ),
        controls=tuple(_control(c, groups) for c in controls),
        mappings=tuple(
            MappingInfo(m["tsc_ref"], m["iso_ref"], m["relation"], m["rationale"])
            for m in sorted(
                rows["mappings"],
                key=lambda m: (position[(SOC2, m["tsc_ref"])], position[(ISO, m["iso_ref"])]),
            )
        ),
        aspects=tuple(
            AspectInfo(a["key"], a["name"], dict(a["texts"]))
            for a in sorted(rows["aspects"], key=lambda a: (a["position"], a["key"]))
        ),
        costs=tuple(
            _range(c, recurrence=c["recurrence"], size_band=c["size_band"], verified=c["verified"])
            for c in sorted(rows["costs"], key=lambda c: (c["key"], c["size_band"]))
        ),
        timelines=tuple(
            _range(t)
            for t in sorted(rows["timelines"], key=lambda t: (order[t["framework"]], t["position"]))
        ),
        factors=tuple(
            FactorInfo(f["key"], f["name"], f["description"], f["framework"], f["weight"])
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
            _scheme(s) for s in sorted(rows["schemes"], key=lambda s: (s["position"], s["key"]))
        ),
    )


def questions_build(rows: Sequence[Row]) -> tuple[QuestionInfo, ...]:
    """The readiness questions in the order the wizard asks them."""
    return tuple(
        QuestionInfo(
            key=q["key"],
            topic=q["topic"],
            text=q["text"],
            help_text=q["help_text"],
            controls=tuple((framework, ref) for framework, ref, _ in sorted(q["controls"])),
            single_framework_reason=q["single_framework_reason"],
            title=q["title"],
            auditor_evidence=q["auditor_evidence"],
            effort=q["effort"],
            optional=q["optional"],
            kinds=tuple(kind for _, _, kind in sorted(q["controls"])),
        )
        for q in sorted(rows, key=lambda q: (q["position"], q["key"]))
    )


def _category(control: Row, groups: Mapping[tuple[str, str], Row]) -> str:
    """The heading a control is counted under: a TSC category, an Annex A theme, or the
    clauses together."""
    if control["kind"] == ControlKind.CLAUSE:
        return CLAUSES_CATEGORY
    group = groups[(control["framework"], control["group"])]
    if group["kind"] == GroupKind.SERIES and group["parent"] is not None:
        return groups[(control["framework"], group["parent"])]["name"]
    return group["name"]


def _control(c: Row, groups: Mapping[tuple[str, str], Row]) -> ControlInfo:
    return ControlInfo(
        framework=c["framework"],
        ref=c["ref"],
        title=c["title"],
        kind=c["kind"],
        group=c["group"],
        category=_category(c, groups),
        description=c["description"],
        auditor_evidence=c["auditor_evidence"],
        new_in_2022=c["new_in_2022"],
    )


def _range(r: Row, **extra) -> RangeInfo:
    return RangeInfo(
        key=r["key"],
        framework=r["framework"],
        name=r["name"],
        low=r["low"],
        typical=r["typical"],
        high=r["high"],
        source=r["source"],
        notes=r["notes"],
        **extra,
    )


def _scheme(s: Row) -> SchemeInfo:
    return SchemeInfo(
        key=s["key"],
        name=s["name"],
        kind=s["kind"],
        severity=s["severity"],
        summary=s["summary"],
        rules=rules_from_plain(s["rules"]),
        aliases=tuple(s["alias_names"]),
        advice=s["advice"],
        source=s["source"],
        source_url=s["source_url"],
        position=s["position"],
    )
