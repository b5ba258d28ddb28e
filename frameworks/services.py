"""Writes to the reference data. The seed turns the CSV and JSON files in `data/` into rows."""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .memo import reference_data_changed
from .models import (
    AdjacentScheme,
    ComparisonAspect,
    ComparisonText,
    Control,
    ControlGroup,
    ControlMapping,
    CostItem,
    DecisionFactor,
    DecisionRule,
    ExchangeRate,
    Framework,
    ReadinessQuestion,
    TimelineEstimate,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
ANNEX_A_PREFIX = "A."
TSC_CATEGORY_ORDER = (
    "Security",
    "Availability",
    "Processing Integrity",
    "Confidentiality",
    "Privacy",
)
ANNEX_A_THEMES = ("Organizational", "People", "Physical", "Technological")


class ReferenceDataError(Exception):
    """The data files are inconsistent: a dangling id, a duplicate, a missing file."""


@dataclass(frozen=True)
class SeedSummary:
    loaded: bool
    frameworks: int = 0
    controls: int = 0
    mappings: int = 0
    questions: int = 0
    schemes: int = 0


def _rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    path = data_dir / name
    if not path.exists():
        raise ReferenceDataError(f"Missing reference data file: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _validated(objects: list) -> list:
    # Field and model validation without uniqueness queries; the database checks those.
    for obj in objects:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    return objects


def _create(model, objects: list) -> list:
    return bulk_create_with_history(
        _validated(objects), model, default_change_reason="Initial seed"
    )


def reference_data_is_loaded() -> bool:
    return Framework.objects.exists()


@transaction.atomic
def reference_data_seed(*, data_dir: Path = DATA_DIR, reset: bool = False) -> SeedSummary:
    """Load the reference data when the database has none. With `reset`, replace what is there."""
    if reference_data_is_loaded():
        if not reset:
            return SeedSummary(loaded=False)
        _reference_data_delete()

    frameworks = _seed_frameworks(data_dir)
    controls = _seed_controls(data_dir, frameworks)
    mappings = _seed_mappings(data_dir, controls)
    _seed_aspects(data_dir, frameworks)
    _seed_figures(data_dir, frameworks)
    questions = _seed_questions(data_dir, controls)
    schemes = _seed_schemes(data_dir)
    reference_data_changed()  # bulk writes send no signals
    return SeedSummary(
        loaded=True,
        frameworks=len(frameworks),
        controls=len(controls),
        mappings=mappings,
        questions=questions,
        schemes=schemes,
    )


def _reference_data_delete() -> None:
    AdjacentScheme.objects.all().delete()
    ReadinessQuestion.objects.all().delete()
    ControlMapping.objects.all().delete()
    ComparisonText.objects.all().delete()
    ComparisonAspect.objects.all().delete()
    CostItem.objects.all().delete()
    TimelineEstimate.objects.all().delete()
    DecisionFactor.objects.all().delete()
    DecisionRule.objects.all().delete()
    ExchangeRate.objects.all().delete()
    Control.objects.update(parent=None)
    Control.objects.all().delete()
    ControlGroup.objects.update(parent=None)
    ControlGroup.objects.all().delete()
    Framework.objects.all().delete()


def _seed_frameworks(data_dir: Path) -> dict[str, Framework]:
    objects = [
        Framework(
            code=row["code"],
            position=int(row["position"]),
            name=row["name"],
            edition=row["edition"],
            summary=row["summary"],
        )
        for row in _rows(data_dir, "frameworks.csv")
    ]
    return {f.code: f for f in _create(Framework, objects)}


def _seed_controls(
    data_dir: Path, frameworks: dict[str, Framework]
) -> dict[tuple[str, str], Control]:
    soc2, iso = frameworks["soc2"], frameworks["iso27001"]
    tsc_rows = _rows(data_dir, "soc2_criteria.csv")
    clause_rows = _rows(data_dir, "iso27001_clauses.csv")
    annex_rows = _rows(data_dir, "iso27001_annex_a_5_6.csv") + _rows(
        data_dir, "iso27001_annex_a_7_8.csv"
    )

    # Groups: TSC categories, then TSC series under them; Annex A themes; top-level clauses.
    categories = [
        ControlGroup(framework=soc2, code=name, name=name, kind="category", position=i)
        for i, name in enumerate(TSC_CATEGORY_ORDER, start=1)
    ]
    top_groups = (
        categories
        + [
            ControlGroup(
                framework=iso,
                code=str(row["id"]),
                name=f"{row['id']} {row['title']}",
                kind="clause",
                position=i,
            )
            for i, row in enumerate((r for r in clause_rows if r["level"] == "1"), start=1)
        ]
        + [
            ControlGroup(
                framework=iso, code=theme, name=f"{theme} controls", kind="theme", position=20 + i
            )
            for i, theme in enumerate(ANNEX_A_THEMES, start=1)
        ]
    )
    groups = {(g.framework.code, g.code): g for g in _create(ControlGroup, top_groups)}
    series_names: dict[str, str] = {}
    for row in tsc_rows:
        series_names.setdefault(row["series"].split(" ", 1)[0], row["series"])
    series = [
        ControlGroup(
            framework=soc2,
            code=code,
            name=name,
            kind="series",
            position=100 + i,
            parent=groups[("soc2", _category_of(tsc_rows, code))],
        )
        for i, (code, name) in enumerate(series_names.items(), start=1)
    ]
    _create(ControlGroup, series)
    groups = {
        (g.framework.code, g.code): g for g in ControlGroup.objects.select_related("framework")
    }

    controls: list[Control] = []
    for i, row in enumerate(tsc_rows, start=1):
        controls.append(
            Control(
                framework=soc2,
                group=groups[("soc2", row["series"].split(" ", 1)[0])],
                ref=row["id"],
                title=row["title"],
                kind="criterion",
                description=row["description"],
                auditor_evidence=row["auditor_evidence"],
                coso_principle=int(row["coso_principle"]) if row["coso_principle"] else None,
                position=i,
            )
        )
    for i, row in enumerate(clause_rows, start=1):
        top = row["id"].split(".", 1)[0]
        controls.append(
            Control(
                framework=iso,
                group=groups[("iso27001", top)],
                ref=row["id"],
                title=row["title"],
                kind="clause",
                level=int(row["level"]),
                description=row["description"],
                auditor_evidence=row["auditor_evidence"],
                position=i,
            )
        )
    for i, row in enumerate(annex_rows, start=1):
        controls.append(
            Control(
                framework=iso,
                group=groups[("iso27001", row["theme"])],
                ref=ANNEX_A_PREFIX + row["id"],
                title=row["title"],
                kind="annex_a",
                new_in_2022=row["new_in_2022"] == "yes",
                description=row["description"],
                auditor_evidence=row["auditor_evidence"],
                position=100 + i,
            )
        )
    by_key = {(c.framework.code, c.ref): c for c in _create(Control, controls)}

    # Sub-clauses point at their parent clause.
    children = []
    for row in clause_rows:
        if row["parent_id"]:
            child = by_key[("iso27001", row["id"])]
            child.parent = by_key[("iso27001", row["parent_id"])]
            children.append(child)
    Control.objects.bulk_update(children, ["parent"])
    return by_key


def _category_of(tsc_rows: list[dict[str, str]], series_code: str) -> str:
    return next(r["category"] for r in tsc_rows if r["series"].startswith(series_code + " "))


def _control(
    controls: dict[tuple[str, str], Control], framework: str, ref: str, where: str
) -> Control:
    try:
        return controls[(framework, ref)]
    except KeyError:
        raise ReferenceDataError(f"{where}: unknown {framework} id {ref!r}") from None


def _seed_mappings(data_dir: Path, controls: dict[tuple[str, str], Control]) -> int:
    objects, seen = [], set()
    for n, row in enumerate(_rows(data_dir, "tsc_iso_mapping.csv"), start=2):
        pair = (row["tsc_id"], row["iso_id"])
        if pair in seen:
            raise ReferenceDataError(f"tsc_iso_mapping.csv line {n}: duplicate link {pair}")
        seen.add(pair)
        source = _control(controls, "soc2", row["tsc_id"], f"tsc_iso_mapping.csv line {n}")
        target = _control(controls, "iso27001", row["iso_id"], f"tsc_iso_mapping.csv line {n}")
        objects.append(
            ControlMapping(
                source=source,
                target=target,
                source_framework=source.framework,
                target_framework=target.framework,
                relation=row["relation"],
                rationale=row["rationale"],
            )
        )
    return len(_create(ControlMapping, objects))


def _seed_aspects(data_dir: Path, frameworks: dict[str, Framework]) -> None:
    rows = _rows(data_dir, "comparison_aspects.csv")
    aspects = _create(
        ComparisonAspect,
        [ComparisonAspect(key=r["key"], name=r["name"], position=int(r["position"])) for r in rows],
    )
    by_key = {a.key: a for a in aspects}
    texts = []
    for row in rows:
        for code in ("soc2", "iso27001"):
            column = "soc2_text" if code == "soc2" else "iso_text"
            texts.append(
                ComparisonText(
                    aspect=by_key[row["key"]], framework=frameworks[code], text=row[column]
                )
            )
    _create(ComparisonText, texts)


def _range_fields(row: dict[str, str]) -> dict:
    """The columns every low / typical / high figure shares, with its source."""
    return {
        "low": int(row["low"]),
        "typical": int(row["typical"]),
        "high": int(row["high"]),
        "source_type": row["source_type"],
        "source": row["source"],
        "notes": row["notes"],
    }


def _seed_figures(data_dir: Path, frameworks: dict[str, Framework]) -> None:
    _create(
        CostItem,
        [
            CostItem(
                key=r["key"],
                framework=frameworks.get(r["framework"]),
                name=r["name"],
                recurrence=r["recurrence"],
                size_band=r["size_band"],
                verified=r.get("verified", "yes") != "no",
                **_range_fields(r),
            )
            for r in _rows(data_dir, "cost_items.csv")
        ],
    )
    _create(
        TimelineEstimate,
        [
            TimelineEstimate(
                key=r["key"],
                framework=frameworks[r["framework"]],
                position=int(r["position"]),
                name=r["name"],
                **_range_fields(r),
            )
            for r in _rows(data_dir, "timeline_estimates.csv")
        ],
    )
    _create(
        DecisionFactor,
        [
            DecisionFactor(
                key=r["key"],
                framework=frameworks[r["framework"]],
                position=int(r["position"]),
                weight=int(r["weight"]),
                name=r["name"],
                description=r["description"],
            )
            for r in _rows(data_dir, "decision_factors.csv")
        ],
    )
    _create(
        DecisionRule,
        [
            DecisionRule(
                key=r["key"],
                position=int(r["position"]),
                name=r["name"],
                description=r["description"],
                **{f: Decimal(r[f]) for f in ("value", "min_value", "max_value")},
            )
            for r in _rows(data_dir, "decision_rules.csv")
        ],
    )
    _create(
        ExchangeRate,
        [
            ExchangeRate(currency=r["currency"], per_usd=r["per_usd"], as_of=r["as_of"])
            for r in _rows(data_dir, "exchange_rates.csv")
        ],
    )


def _seed_questions(data_dir: Path, controls: dict[tuple[str, str], Control]) -> int:
    path = data_dir / "readiness_questions.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    questions = _create(
        ReadinessQuestion,
        [
            ReadinessQuestion(
                key=item["key"],
                title=item["title"],
                topic=item["topic"],
                position=item["position"],
                optional=item["optional"],
                text=item["text"],
                help_text=item["help_text"],
                auditor_evidence=item["auditor_evidence"],
                effort=item["effort"],
                single_framework_reason=item.get("single_framework_reason", ""),
            )
            for item in items
        ],
    )
    by_key = {q.key: q for q in questions}
    through = ReadinessQuestion.controls.through
    links = []
    for item in items:
        where = f"readiness_questions.json {item['key']}"
        refs = [("soc2", r) for r in item["tsc_ids"]] + [("iso27001", r) for r in item["iso_ids"]]
        for framework, ref in refs:
            links.append(
                through(
                    readinessquestion=by_key[item["key"]],
                    control=_control(controls, framework, ref, where),
                )
            )
    through.objects.bulk_create(links)
    return len(questions)


def _seed_schemes(data_dir: Path) -> int:
    """The adjacent schemes; each one's triggers are checked as the admin checks them."""
    path = data_dir / "adjacent_schemes.json"
    if not path.exists():
        raise ReferenceDataError(f"Missing reference data file: {path}")
    items = json.loads(path.read_text(encoding="utf-8"))
    keys = [item["key"] for item in items]
    if duplicates := sorted({k for k in keys if keys.count(k) > 1}):
        raise ReferenceDataError(f"adjacent_schemes.json: duplicate keys {duplicates}")
    schemes = [
        AdjacentScheme(
            key=item["key"],
            name=item["name"],
            kind=item["kind"],
            severity=item["severity"],
            position=item["position"],
            summary=item["summary"],
            triggers="\n".join(item["triggers"]),
            aliases=", ".join(item["aliases"]),
            advice=item["advice"],
            source=item["source"],
            source_url=item["source_url"],
        )
        for item in items
    ]
    for scheme in schemes:
        try:
            scheme.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            problems = "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items())
            raise ReferenceDataError(f"adjacent_schemes.json {scheme.key}: {problems}") from exc
    return len(_create(AdjacentScheme, schemes))
