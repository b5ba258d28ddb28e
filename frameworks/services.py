"""Writes to the reference data. The seed writes the rows `reference_files` reads from `data/`."""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from frameworks.exceptions import ReferenceDataError
from frameworks.memo import reference_data_changed
from frameworks.models import (
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
    NecessityRule,
    PricingFactor,
    ReadinessQuestion,
    SchemePhase,
    TimelineEstimate,
)
from frameworks.reference_files import DATA_DIR, Rows, reference_rows_read

__all__ = ["DATA_DIR", "ReferenceDataError", "SeedSummary", "reference_data_seed"]


@dataclass(frozen=True)
class SeedSummary:
    loaded: bool
    frameworks: int = 0
    controls: int = 0
    mappings: int = 0
    questions: int = 0
    schemes: int = 0


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
    rows = reference_rows_read(data_dir=data_dir)
    if reference_data_is_loaded():
        if not reset:
            return SeedSummary(loaded=False)
        _reference_data_delete()

    frameworks = _seed_frameworks(rows)
    controls = _seed_controls(rows, frameworks)
    mappings = _seed_mappings(rows, controls)
    _seed_aspects(rows, frameworks)
    schemes = _seed_schemes(rows)
    _seed_figures(rows, frameworks, schemes)
    questions = _seed_questions(rows, controls)
    _create(
        NecessityRule,
        [NecessityRule(**{k: v for k, v in r.items() if k != "rules"}) for r in rows["necessity"]],
    )
    reference_data_changed()  # bulk writes send no signals
    return SeedSummary(
        loaded=True,
        frameworks=len(frameworks),
        controls=len(controls),
        mappings=mappings,
        questions=questions,
        schemes=len(schemes),
    )


def _reference_data_delete() -> None:
    AdjacentScheme.objects.all().delete()
    NecessityRule.objects.all().delete()
    ReadinessQuestion.objects.all().delete()
    ControlMapping.objects.all().delete()
    ComparisonText.objects.all().delete()
    ComparisonAspect.objects.all().delete()
    CostItem.objects.all().delete()
    PricingFactor.objects.all().delete()
    TimelineEstimate.objects.all().delete()
    DecisionFactor.objects.all().delete()
    DecisionRule.objects.all().delete()
    ExchangeRate.objects.all().delete()
    Control.objects.update(parent=None)
    Control.objects.all().delete()
    ControlGroup.objects.update(parent=None)
    ControlGroup.objects.all().delete()
    Framework.objects.all().delete()


def _seed_frameworks(rows: Rows) -> dict[str, Framework]:
    objects = [Framework(**row) for row in rows["frameworks"]]
    return {f.code: f for f in _create(Framework, objects)}


def _seed_controls(rows: Rows, frameworks: dict[str, Framework]) -> dict[tuple[str, str], Control]:
    groups: dict[tuple[str, str], ControlGroup] = {}
    # Top-level groups first, so that each series can point at its category.
    for top in (True, False):
        made = [
            ControlGroup(
                framework=frameworks[row["framework"]],
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                position=row["position"],
                parent=None if top else groups[(row["framework"], row["parent"])],
            )
            for row in rows["groups"]
            if (row["parent"] is None) == top
        ]
        groups |= {(g.framework.code, g.code): g for g in _create(ControlGroup, made)}
    objects = [
        Control(
            **{k: v for k, v in row.items() if k not in ("framework", "group", "parent")},
            framework=frameworks[row["framework"]],
            group=groups[(row["framework"], row["group"])],
        )
        for row in rows["controls"]
    ]
    by_key = {(c.framework.code, c.ref): c for c in _create(Control, objects)}
    # Sub-clauses point at their parent clause.
    children = []
    for row in rows["controls"]:
        if row["parent"]:
            child = by_key[(row["framework"], row["ref"])]
            child.parent = by_key[(row["framework"], row["parent"])]
            children.append(child)
    Control.objects.bulk_update(children, ["parent"])
    return by_key


def _seed_mappings(rows: Rows, controls: dict[tuple[str, str], Control]) -> int:
    objects = []
    for row in rows["mappings"]:
        source, target = controls[("soc2", row["tsc_ref"])], controls[("iso27001", row["iso_ref"])]
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


def _seed_aspects(rows: Rows, frameworks: dict[str, Framework]) -> None:
    aspects = _create(
        ComparisonAspect,
        [
            ComparisonAspect(key=r["key"], name=r["name"], position=r["position"])
            for r in rows["aspects"]
        ],
    )
    by_key = {a.key: a for a in aspects}
    texts = [
        ComparisonText(aspect=by_key[row["key"]], framework=frameworks[code], text=text)
        for row in rows["aspects"]
        for code, text in row["texts"].items()
    ]
    _create(ComparisonText, texts)


def _with_framework(row: dict, frameworks: dict[str, Framework]) -> dict:
    return {**row, "framework": frameworks.get(row["framework"]) if row["framework"] else None}


def _with_owner(row: dict, frameworks: dict[str, Framework], schemes: dict) -> dict:
    """A cost row's owner: the framework, or the scheme, its "framework" column names."""
    owner = row["framework"]
    return {**row, "framework": frameworks.get(owner), "scheme": schemes.get(owner)}


def _seed_figures(rows: Rows, frameworks: dict[str, Framework], schemes: dict) -> None:
    _create(CostItem, [CostItem(**_with_owner(r, frameworks, schemes)) for r in rows["costs"]])
    for model, table in ((TimelineEstimate, "timelines"), (DecisionFactor, "factors")):
        _create(model, [model(**_with_framework(r, frameworks)) for r in rows[table]])
    _create(PricingFactor, [PricingFactor(**r) for r in rows["pricing"]])
    _create(DecisionRule, [DecisionRule(**r) for r in rows["rules"]])
    _create(ExchangeRate, [ExchangeRate(**r) for r in rows["rates"]])


def _seed_questions(rows: Rows, controls: dict[tuple[str, str], Control]) -> int:
    questions = _create(
        ReadinessQuestion,
        [
            ReadinessQuestion(**{k: v for k, v in row.items() if k != "controls"})
            for row in rows["questions"]
        ],
    )
    by_key = {q.key: q for q in questions}
    through = ReadinessQuestion.controls.through
    through.objects.bulk_create(
        through(readinessquestion=by_key[row["key"]], control=controls[(framework, ref)])
        for row in rows["questions"]
        for framework, ref, _kind in row["controls"]
    )
    return len(questions)


def _seed_schemes(rows: Rows) -> dict[str, AdjacentScheme]:
    """The adjacent schemes, each checked as the admin checks it, with their phases."""
    schemes = [
        AdjacentScheme(
            **{k: v for k, v in row.items() if k not in ("rules", "alias_names", "planning")},
            **_planning_fields(row["planning"]),
        )
        for row in rows["schemes"]
    ]
    for scheme in schemes:
        try:
            scheme.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            problems = "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items())
            raise ReferenceDataError(f"adjacent_schemes.json {scheme.key}: {problems}") from exc
    by_key = {s.key: s for s in _create(AdjacentScheme, schemes)}
    _create(
        SchemePhase,
        [
            SchemePhase(scheme=by_key[row["key"]], **phase)
            for row in rows["schemes"]
            if row["planning"]
            for phase in row["planning"]["phases"]
        ],
    )
    return by_key


def _planning_fields(planning: dict | None) -> dict:
    if planning is None:
        return {"plannable": False}
    return {"plannable": True, **{k: v for k, v in planning.items() if k != "phases"}}
