from collections import Counter

import pytest

from frameworks.models import Control, ControlMapping, CostItem, DecisionFactor, TimelineEstimate

pytestmark = pytest.mark.django_db


def _controls(framework: str, kind: str):
    return Control.objects.filter(framework__code=framework, kind=kind).select_related(
        "group__parent"
    )


def test_all_61_trust_services_criteria_in_five_categories():
    criteria = _controls("soc2", "criterion")
    counts = Counter(c.group.parent.name for c in criteria)
    assert counts == {
        "Security": 33,
        "Availability": 3,
        "Confidentiality": 2,
        "Processing Integrity": 5,
        "Privacy": 18,
    }


def test_all_93_annex_a_controls_in_four_themes_with_11_new():
    controls = _controls("iso27001", "annex_a")
    assert Counter(c.group.code for c in controls) == {
        "Organizational": 37,
        "People": 8,
        "Physical": 14,
        "Technological": 34,
    }
    new = sorted(c.ref for c in controls if c.new_in_2022)
    assert new == sorted(
        f"A.{r}"
        for r in [
            "5.7",
            "5.23",
            "5.30",
            "7.4",
            "8.9",
            "8.10",
            "8.11",
            "8.12",
            "8.16",
            "8.23",
            "8.28",
        ]
    )


def test_clauses_4_to_10_with_sub_clauses():
    clauses = _controls("iso27001", "clause")
    assert {c.ref for c in clauses if c.level == 1} == {str(n) for n in range(4, 11)}
    assert clauses.count() == 41
    sub = Control.objects.get(framework__code="iso27001", ref="9.3.2")
    assert sub.parent.ref == "9.3" and sub.parent.parent.ref == "9"


def test_every_control_has_its_own_description_and_auditor_evidence():
    controls = list(Control.objects.all())
    assert all(c.description.strip() and c.auditor_evidence.strip() for c in controls)
    descriptions = [c.description.strip().lower() for c in controls]
    evidence = [c.auditor_evidence.strip().lower() for c in controls]
    assert len(set(descriptions)) == len(controls)
    assert len(set(evidence)) == len(controls)


def test_descriptions_are_not_a_template_with_the_title_swapped_in():
    # If removing the title leaves the same skeleton for many controls, the text is a template.
    skeletons = Counter(
        c.description.lower().replace(c.title.lower(), "<title>")[:60]
        for c in Control.objects.all()
    )
    assert max(skeletons.values()) == 1


def test_mapping_links_only_existing_controls_across_frameworks():
    links = ControlMapping.objects.select_related("source__framework", "target__framework")
    assert links.count() > 150
    for link in links:
        assert link.source.framework.code == "soc2"
        assert link.target.framework.code == "iso27001"
        assert link.rationale.strip()
        assert link.relation in ControlMapping.Relation.values


def test_every_security_criterion_maps_to_iso():
    security = _controls("soc2", "criterion").filter(group__parent__code="Security")
    unmapped = [c.ref for c in security if not c.mappings_out.exists()]
    assert unmapped == []


def test_most_annex_a_controls_have_a_counterpart():
    annex = _controls("iso27001", "annex_a")
    linked = annex.filter(mappings_in__isnull=False).distinct().count()
    assert linked >= 80


def test_cost_and_timeline_ranges_are_ordered_and_sourced():
    for item in list(CostItem.objects.all()) + list(TimelineEstimate.objects.all()):
        assert item.low <= item.typical <= item.high
        assert item.source.strip()
    bands = set(CostItem.objects.values_list("size_band", flat=True))
    assert bands == {"", "1-10", "11-50", "51-200", "201-1000", "1000+"}  # "": any size


def test_no_cost_figure_rests_on_a_blog_or_a_calculator_site_alone():
    from frameworks.models import TRUSTED_SOURCES

    weak = ("visualfoodie", "calculatorhub", "legalclarity", "soc2auditors.org")
    for item in CostItem.objects.all():
        assert not any(w in item.source.lower() for w in weak), item
        assert item.source_date is not None, item
        # A figure no trusted source backs is marked as an estimate, never shown as published.
        if item.source_type not in TRUSTED_SOURCES:
            assert not item.verified, item


def test_decision_factors_are_seeded_for_both_frameworks():
    by_framework = Counter(DecisionFactor.objects.values_list("framework__code", flat=True))
    assert by_framework["soc2"] >= 8 and by_framework["iso27001"] >= 8


def test_the_decision_model_document_explains_every_decision_rule():
    import csv
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "decision-model.md").read_text(encoding="utf-8")
    with (root / "frameworks" / "data" / "decision_rules.csv").open(encoding="utf-8") as rows:
        keys = [row["key"] for row in csv.DictReader(rows)]
    assert keys
    for key in keys:
        assert f"`{key}`" in doc, key
