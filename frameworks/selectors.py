"""Reads of the reference data that other parts of the app reuse.

`reference_rows_load` reads every table in the shape `reference_files.reference_rows_read`
gives the data files, in a fixed number of queries; the assessment app builds the engine's
`ReferenceData` from those rows."""

from django.db.models import Count, Prefetch
from django.db.models.functions import Lower

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
    TimelineEstimate,
)
from frameworks.reference_files import (
    PHASE_FIELDS,
    PLANNING_FIELDS,
    QUESTION_FIELDS,
    SCHEME_FIELDS,
    Rows,
    scheme_row,
)
from frameworks.triggers import trigger_parse

RANGE_FIELDS = ("low", "typical", "high", "source_type", "source", "source_date", "notes")


def _values(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def reference_rows_load() -> Rows:
    """Every reference-data table as plain rows, in 17 queries whatever the data's size."""
    return {
        "frameworks": tuple(
            _values(f, ("code", "position", "name", "edition", "summary"))
            for f in Framework.objects.all()
        ),
        "groups": tuple(
            {
                "framework": g.framework.code,
                **_values(g, ("code", "name", "kind")),
                "parent": g.parent.code if g.parent else None,
                "position": g.position,
            }
            for g in ControlGroup.objects.select_related("framework", "parent")
        ),
        "controls": tuple(
            {
                "framework": c.framework.code,
                **_values(c, ("ref", "title", "kind")),
                "group": c.group.code,
                **_values(c, ("description", "auditor_evidence", "new_in_2022")),
                "parent": c.parent.ref if c.parent else None,
                **_values(c, ("level", "coso_principle", "position")),
            }
            for c in Control.objects.select_related("framework", "group", "parent")
        ),
        "mappings": tuple(
            {
                "tsc_ref": m.source.ref,
                "iso_ref": m.target.ref,
                "relation": m.relation,
                "rationale": m.rationale,
            }
            for m in ControlMapping.objects.select_related("source", "target")
        ),
        "aspects": tuple(
            {
                **_values(a, ("key", "name", "position")),
                "texts": {t.framework.code: t.text for t in a.texts.all()},
            }
            for a in ComparisonAspect.objects.prefetch_related(
                Prefetch("texts", queryset=ComparisonText.objects.select_related("framework"))
            )
        ),
        "costs": tuple(
            {
                "key": c.key,
                "framework": c.framework.code
                if c.framework
                else (c.scheme.key if c.scheme else None),
                **_values(
                    c, ("name", "recurrence", "size_band", "currency", "verified", *RANGE_FIELDS)
                ),
            }
            for c in CostItem.objects.select_related("framework", "scheme")
        ),
        "pricing": tuple(
            _values(p, ("key", "name", *RANGE_FIELDS)) for p in PricingFactor.objects.all()
        ),
        "timelines": tuple(
            {
                "key": t.key,
                "framework": t.framework.code,
                **_values(t, ("position", "name", *RANGE_FIELDS)),
            }
            for t in TimelineEstimate.objects.select_related("framework")
        ),
        "factors": tuple(
            {
                "key": f.key,
                "framework": f.framework.code,
                **_values(f, ("position", "weight", "name", "description")),
            }
            for f in DecisionFactor.objects.select_related("framework")
        ),
        "rules": tuple(
            _values(
                r, ("key", "position", "value", "min_value", "max_value", "name", "description")
            )
            for r in DecisionRule.objects.all()
        ),
        "rates": tuple(
            _values(r, ("currency", "per_usd", "as_of")) for r in ExchangeRate.objects.all()
        ),
        "questions": question_rows_load(),
        "necessity": necessity_rows_load(),
        "schemes": tuple(
            {
                **scheme_row(_values(s, SCHEME_FIELDS), triggers=s.triggers, aliases=s.aliases),
                "planning": _planning_row(s),
            }
            for s in AdjacentScheme.objects.prefetch_related("phases")
        ),
    }


def _planning_row(scheme: AdjacentScheme) -> dict | None:
    """A scheme's planning data in the shape `reference_files` reads it from its file."""
    if not scheme.plannable:
        return None
    return {
        **_values(scheme, PLANNING_FIELDS),
        "phases": tuple(
            _values(p, (*PHASE_FIELDS, *RANGE_FIELDS))
            for p in sorted(scheme.phases.all(), key=lambda p: p.position)
        ),
    }


def necessity_rows_load() -> tuple[dict, ...]:
    """The rules that make a question or a control necessary, as rows: one query."""
    return tuple(
        {
            "target": r.target,
            "conditions": r.conditions,
            "because": r.because,
            "rules": trigger_parse(r.conditions),
        }
        for r in NecessityRule.objects.all()
    )


def scheme_names_load() -> tuple[tuple[str, str], ...]:
    """Every adjacent scheme's key and name, by name: one query."""
    return tuple(AdjacentScheme.objects.order_by(Lower("name")).values_list("key", "name"))


def scheme_cost_lines_load(schemes=None) -> tuple[tuple[str, str], ...]:
    """The (key, name) of each scheme cost line, once per key; only those of `schemes` when
    given. One query."""
    items = CostItem.objects.filter(scheme__isnull=False)
    if schemes is not None:
        items = items.filter(scheme__key__in=list(schemes))
    pairs = items.order_by("scheme__position", "scheme__key", "key").values_list("key", "name")
    return tuple(dict(pairs).items())


def question_rows_load() -> tuple[dict, ...]:
    """The readiness questions, each with the controls it evidences, in two queries."""
    questions = ReadinessQuestion.objects.prefetch_related(
        Prefetch("controls", queryset=Control.objects.select_related("framework"))
    )
    return tuple(
        {
            **_values(q, QUESTION_FIELDS),
            "single_framework_reason": q.single_framework_reason,
            "depends_on": q.depends_on,
            "controls": tuple(sorted((c.framework.code, c.ref, c.kind) for c in q.controls.all())),
        }
        for q in questions
    )


def framework_overview() -> list[Framework]:
    """Both frameworks with their top-level groups and control counts, for the browse page."""
    frameworks = Framework.objects.prefetch_related(
        Prefetch("groups", queryset=ControlGroup.objects.filter(parent__isnull=True))
    ).annotate(control_count=Count("controls"))
    return list(frameworks)


def framework_catalogue(*, code: str) -> tuple[Framework, list[dict]]:
    """A framework's groups, each with its controls and their links to the other framework."""
    framework = Framework.objects.get(code=code)
    controls = (
        Control.objects.filter(framework=framework)
        .select_related("group__parent")
        .prefetch_related(
            Prefetch("mappings_out", queryset=ControlMapping.objects.select_related("target")),
            Prefetch("mappings_in", queryset=ControlMapping.objects.select_related("source")),
        )
        .order_by("position")
    )
    sections: dict[int, dict] = {}
    for control in controls:
        group = control.group
        section = sections.setdefault(
            group.pk, {"group": group, "parent": group.parent, "controls": []}
        )
        links = [(m.target, m) for m in control.mappings_out.all()] + [
            (m.source, m) for m in control.mappings_in.all()
        ]
        section["controls"].append({"control": control, "links": links})
    ordered = sorted(
        sections.values(), key=lambda s: (s["group"].kind == "theme", s["group"].position)
    )
    return framework, ordered
