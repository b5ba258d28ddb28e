"""Reads of the reference data that other parts of the app reuse."""

from django.db.models import Count, Prefetch, QuerySet

from assessments.engine.reference import (
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

from .memo import memoised
from .models import (
    AdjacentScheme,
    ComparisonAspect,
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

CLAUSES_CATEGORY = "Clauses 4–10"


def _control_category(control: Control) -> str:
    if control.kind == Control.Kind.CLAUSE:
        return CLAUSES_CATEGORY
    group = control.group
    if group.kind == ControlGroup.Kind.SERIES and group.parent is not None:
        return group.parent.name
    return group.name


def reference_data_current() -> ReferenceData:
    """The reference data as `reference_data_load` builds it, kept per process until it changes."""
    return memoised("reference_data", reference_data_load)


def readiness_questions_current() -> tuple[QuestionInfo, ...]:
    """The readiness questions, kept per process until the reference data changes."""
    return memoised("readiness_questions", readiness_questions_load)


def reference_data_load() -> ReferenceData:
    """Everything the engine needs, in a fixed number of queries whatever the data's size."""
    frameworks = list(Framework.objects.order_by("position"))
    groups = list(ControlGroup.objects.select_related("framework", "parent"))
    controls = list(Control.objects.select_related("framework", "group__parent"))
    mappings = ControlMapping.objects.select_related("source", "target").order_by(
        "source__position", "target__position"
    )
    aspects = ComparisonAspect.objects.prefetch_related(
        Prefetch("texts", queryset=_texts_with_framework())
    )
    return ReferenceData(
        frameworks=tuple(
            FrameworkInfo(code=f.code, name=f.name, edition=f.edition, summary=f.summary)
            for f in frameworks
        ),
        groups=tuple(
            GroupInfo(
                framework=g.framework.code,
                code=g.code,
                name=g.name,
                kind=g.kind,
                parent=g.parent.code if g.parent else None,
            )
            for g in groups
        ),
        controls=tuple(
            ControlInfo(
                framework=c.framework.code,
                ref=c.ref,
                title=c.title,
                kind=c.kind,
                group=c.group.code,
                category=_control_category(c),
                description=c.description,
                auditor_evidence=c.auditor_evidence,
                new_in_2022=c.new_in_2022,
            )
            for c in controls
        ),
        mappings=tuple(
            MappingInfo(
                tsc_ref=m.source.ref,
                iso_ref=m.target.ref,
                relation=m.relation,
                rationale=m.rationale,
            )
            for m in mappings
        ),
        aspects=tuple(
            AspectInfo(
                key=a.key, name=a.name, texts={t.framework.code: t.text for t in a.texts.all()}
            )
            for a in aspects
        ),
        costs=tuple(
            RangeInfo(
                key=c.key,
                framework=c.framework.code if c.framework else None,
                name=c.name,
                low=c.low,
                typical=c.typical,
                high=c.high,
                source=c.source,
                notes=c.notes,
                recurrence=c.recurrence,
                size_band=c.size_band,
                verified=c.verified,
            )
            for c in CostItem.objects.select_related("framework")
        ),
        timelines=tuple(
            RangeInfo(
                key=t.key,
                framework=t.framework.code,
                name=t.name,
                low=t.low,
                typical=t.typical,
                high=t.high,
                source=t.source,
                notes=t.notes,
            )
            for t in TimelineEstimate.objects.select_related("framework")
        ),
        factors=tuple(
            FactorInfo(
                key=f.key,
                name=f.name,
                description=f.description,
                framework=f.framework.code,
                weight=f.weight,
            )
            for f in DecisionFactor.objects.select_related("framework")
        ),
        questions=readiness_questions_load(),
        rates={r.currency: float(r.per_usd) for r in ExchangeRate.objects.all()},
        rules={r.key: float(r.value) for r in DecisionRule.objects.all()},
        schemes=tuple(_scheme_info(s) for s in AdjacentScheme.objects.order_by("position", "key")),
    )


def _scheme_info(scheme: AdjacentScheme) -> SchemeInfo:
    return SchemeInfo(
        key=scheme.key,
        name=scheme.name,
        kind=scheme.kind,
        severity=scheme.severity,
        summary=scheme.summary,
        triggers=scheme.triggers,
        aliases=aliases_parse(scheme.aliases),
        advice=scheme.advice,
        source=scheme.source,
        source_url=scheme.source_url,
        position=scheme.position,
    )


def readiness_questions_load() -> tuple[QuestionInfo, ...]:
    """The readiness questions with the controls each one evidences, in two queries."""
    questions = ReadinessQuestion.objects.prefetch_related(
        Prefetch("controls", queryset=Control.objects.select_related("framework"))
    )
    return tuple(
        QuestionInfo(
            key=q.key,
            topic=q.topic,
            text=q.text,
            help_text=q.help_text,
            controls=tuple(sorted((c.framework.code, c.ref) for c in q.controls.all())),
            single_framework_reason=q.single_framework_reason,
            title=q.title,
            auditor_evidence=q.auditor_evidence,
            effort=q.effort,
            optional=q.optional,
        )
        for q in questions
    )


def _texts_with_framework() -> QuerySet:
    from .models import ComparisonText

    return ComparisonText.objects.select_related("framework")


def reference_data_version() -> str:
    return reference_data_load().version()


def framework_overview() -> list[dict]:
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
