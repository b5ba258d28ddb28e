"""The reference data built straight from `frameworks/data/`, with no database.

It reads the files the way `frameworks/services.py` seeds them and `frameworks/selectors.py`
turns the rows into a `ReferenceData`, in the same order, so engine tests run on the real figures.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from assessments.engine.reference import (
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
from assessments.engine.schemes import aliases_parse

DATA_DIR = Path(__file__).resolve().parents[2] / "frameworks" / "data"
# These mirror frameworks/services.py and frameworks/selectors.py.
ANNEX_A_PREFIX = "A."
TSC_CATEGORY_ORDER = (
    "Security",
    "Availability",
    "Processing Integrity",
    "Confidentiality",
    "Privacy",
)
ANNEX_A_THEMES = ("Organizational", "People", "Physical", "Technological")
CLAUSES_CATEGORY = "Clauses 4–10"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _series_code(row: dict[str, str]) -> str:
    return row["series"].split(" ", 1)[0]


def _frameworks() -> tuple[FrameworkInfo, ...]:
    rows = sorted(_rows("frameworks.csv"), key=lambda r: (int(r["position"]), r["code"]))
    return tuple(FrameworkInfo(r["code"], r["name"], r["edition"], r["summary"]) for r in rows)


def _groups(tsc, clauses) -> tuple[GroupInfo, ...]:
    groups = [GroupInfo(SOC2, name, name, "category", None) for name in TSC_CATEGORY_ORDER]
    series: dict[str, GroupInfo] = {}
    for row in tsc:
        code = _series_code(row)
        series.setdefault(code, GroupInfo(SOC2, code, row["series"], "series", row["category"]))
    groups += series.values()
    groups += [
        GroupInfo(ISO, r["id"], f"{r['id']} {r['title']}", "clause", None)
        for r in clauses
        if r["level"] == "1"
    ]
    groups += [GroupInfo(ISO, t, f"{t} controls", "theme", None) for t in ANNEX_A_THEMES]
    return tuple(groups)


def _control(framework: str, ref: str, kind: str, group: str, category: str, row) -> ControlInfo:
    return ControlInfo(
        framework=framework,
        ref=ref,
        title=row["title"],
        kind=kind,
        group=group,
        category=category,
        description=row["description"],
        auditor_evidence=row["auditor_evidence"],
        new_in_2022=row.get("new_in_2022") == "yes",
    )


def _controls(tsc, clauses, annex) -> tuple[ControlInfo, ...]:
    controls = [
        _control(SOC2, r["id"], "criterion", _series_code(r), r["category"], r) for r in tsc
    ]
    controls += [
        _control(ISO, r["id"], "clause", r["id"].split(".", 1)[0], CLAUSES_CATEGORY, r)
        for r in clauses
    ]
    controls += [
        _control(ISO, ANNEX_A_PREFIX + r["id"], "annex_a", r["theme"], f"{r['theme']} controls", r)
        for r in annex
    ]
    return tuple(controls)


def _mappings(controls: tuple[ControlInfo, ...]) -> tuple[MappingInfo, ...]:
    position = {(c.framework, c.ref): n for n, c in enumerate(controls)}
    rows = sorted(
        _rows("tsc_iso_mapping.csv"),
        key=lambda r: (position[(SOC2, r["tsc_id"])], position[(ISO, r["iso_id"])]),
    )
    return tuple(MappingInfo(r["tsc_id"], r["iso_id"], r["relation"], r["rationale"]) for r in rows)


def _aspects() -> tuple[AspectInfo, ...]:
    rows = sorted(_rows("comparison_aspects.csv"), key=lambda r: int(r["position"]))
    return tuple(
        AspectInfo(r["key"], r["name"], {SOC2: r["soc2_text"], ISO: r["iso_text"]}) for r in rows
    )


def _costs() -> tuple[RangeInfo, ...]:
    rows = sorted(_rows("cost_items.csv"), key=lambda r: (r["key"], r["size_band"]))
    return tuple(
        RangeInfo(
            key=r["key"],
            framework=r["framework"] or None,
            name=r["name"],
            low=int(r["low"]),
            typical=int(r["typical"]),
            high=int(r["high"]),
            source=r["source"],
            notes=r["notes"],
            recurrence=r["recurrence"],
            size_band=r["size_band"],
            verified=r.get("verified", "yes") != "no",
        )
        for r in rows
    )


def _timelines(framework_order: dict[str, int]) -> tuple[RangeInfo, ...]:
    rows = sorted(
        _rows("timeline_estimates.csv"),
        key=lambda r: (framework_order[r["framework"]], int(r["position"])),
    )
    return tuple(
        RangeInfo(
            key=r["key"],
            framework=r["framework"],
            name=r["name"],
            low=int(r["low"]),
            typical=int(r["typical"]),
            high=int(r["high"]),
            source=r["source"],
            notes=r["notes"],
        )
        for r in rows
    )


def _factors() -> tuple[FactorInfo, ...]:
    rows = sorted(_rows("decision_factors.csv"), key=lambda r: (int(r["position"]), r["key"]))
    return tuple(
        FactorInfo(r["key"], r["name"], r["description"], r["framework"], int(r["weight"]))
        for r in rows
    )


def _questions() -> tuple[QuestionInfo, ...]:
    items = json.loads((DATA_DIR / "readiness_questions.json").read_text(encoding="utf-8"))
    return tuple(
        QuestionInfo(
            key=item["key"],
            topic=item["topic"],
            text=item["text"],
            help_text=item["help_text"],
            controls=tuple(
                sorted([(SOC2, r) for r in item["tsc_ids"]] + [(ISO, r) for r in item["iso_ids"]])
            ),
            single_framework_reason=item.get("single_framework_reason", ""),
            title=item["title"],
            auditor_evidence=item["auditor_evidence"],
            effort=item["effort"],
            optional=item["optional"],
        )
        for item in sorted(items, key=lambda i: i["position"])
    )


def _schemes() -> tuple[SchemeInfo, ...]:
    items = json.loads((DATA_DIR / "adjacent_schemes.json").read_text(encoding="utf-8"))
    return tuple(
        SchemeInfo(
            key=item["key"],
            name=item["name"],
            kind=item["kind"],
            severity=item["severity"],
            summary=item["summary"],
            triggers="\n".join(item["triggers"]),
            aliases=aliases_parse(", ".join(item["aliases"])),
            advice=item["advice"],
            source=item["source"],
            source_url=item["source_url"],
            position=item["position"],
        )
        for item in sorted(items, key=lambda i: (i["position"], i["key"]))
    )


@lru_cache(maxsize=1)
def reference_from_files() -> ReferenceData:
    """The full reference data as the app would load it after seeding these files."""
    tsc = _rows("soc2_criteria.csv")
    clauses = _rows("iso27001_clauses.csv")
    annex = _rows("iso27001_annex_a_5_6.csv") + _rows("iso27001_annex_a_7_8.csv")
    frameworks = _frameworks()
    controls = _controls(tsc, clauses, annex)
    return ReferenceData(
        frameworks=frameworks,
        groups=_groups(tsc, clauses),
        controls=controls,
        mappings=_mappings(controls),
        aspects=_aspects(),
        costs=_costs(),
        timelines=_timelines({f.code: n for n, f in enumerate(frameworks)}),
        factors=_factors(),
        questions=_questions(),
        rates={
            r["currency"]: float(r["per_usd"])
            for r in sorted(_rows("exchange_rates.csv"), key=lambda r: r["currency"])
        },
        rules={
            r["key"]: float(r["value"])
            for r in sorted(
                _rows("decision_rules.csv"), key=lambda r: (int(r["position"]), r["key"])
            )
        },
        schemes=_schemes(),
    )


def with_weights(reference: ReferenceData, **weights: int) -> ReferenceData:
    """A copy of `reference` with the named factors' weights changed."""
    unknown = set(weights) - {f.key for f in reference.factors}
    if unknown:
        raise KeyError(f"unknown factors: {sorted(unknown)}")
    factors = tuple(
        replace(f, weight=weights[f.key]) if f.key in weights else f for f in reference.factors
    )
    return replace(reference, factors=factors)
