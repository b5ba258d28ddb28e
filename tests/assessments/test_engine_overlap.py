"""How much of one framework the other covers, computed from the mapping and nothing else."""

from dataclasses import replace

import pytest

from assessments.engine.overlap import overlap_compute, overlap_shared
from assessments.engine.reference import ISO, SOC2, MappingInfo
from tests.assessments.engine_data import reference_from_files

REFERENCE = reference_from_files()
SOC2_REFS = [c.ref for c in REFERENCE.controls_of(SOC2)]
# Top-level clause headings summarise their sub-clauses and are not counted on their own.
# Annex A plus the clauses that have no sub-clauses: 93 + 30.
ISO_REFS = [c.ref for c in REFERENCE.controls_of(ISO) if c.kind == "annex_a"] + [
    c.ref
    for c in REFERENCE.controls_of(ISO, "clause")
    if "." in c.ref and not any(o.ref.startswith(c.ref + ".") for o in REFERENCE.controls)
]


def with_mappings(*mappings: MappingInfo):
    return overlap_compute(replace(REFERENCE, mappings=mappings))


def link(tsc: str, iso: str, relation: str) -> MappingInfo:
    return MappingInfo(tsc, iso, relation, "test")


def test_iso_requirements_are_annex_a_and_leaf_clauses():
    assert len(ISO_REFS) == 123
    assert {c.ref for c in REFERENCE.requirements(ISO)} == set(ISO_REFS)
    assert "9.2" not in ISO_REFS and "9.2.1" in ISO_REFS and "10.2" in ISO_REFS


def test_coverage_figures_are_shares():
    overlap = overlap_compute(REFERENCE)
    assert 0 < overlap.iso_covered_by_soc2 < 1
    assert 0 < overlap.soc2_covered_by_iso < 1
    assert overlap.covered(target=ISO) == overlap.iso_covered_by_soc2
    assert overlap.covered(target=SOC2) == overlap.soc2_covered_by_iso


def test_linked_counts_are_the_distinct_mapped_ids():
    overlap = overlap_compute(REFERENCE)
    mapped_iso = {m.iso_ref for m in REFERENCE.mappings} & set(ISO_REFS)
    mapped_soc2 = {m.tsc_ref for m in REFERENCE.mappings} & set(SOC2_REFS)
    assert overlap.iso_linked == (len(mapped_iso), len(ISO_REFS))
    assert overlap.soc2_linked == (len(mapped_soc2), len(SOC2_REFS))
    assert overlap.links == len(REFERENCE.mappings)


def test_the_full_catalogues_are_counted():
    overlap = overlap_compute(REFERENCE)
    annex_a = REFERENCE.controls_of(ISO, "annex_a")
    assert len(annex_a) == 93
    assert overlap.iso_linked[1] == len(ISO_REFS) > 93
    assert overlap.soc2_linked[1] == len(SOC2_REFS)


def test_every_mapping_is_a_shared_control_with_both_titles():
    shared_controls = overlap_shared(REFERENCE)
    assert len(shared_controls) == len(REFERENCE.mappings)
    for shared, mapping in zip(shared_controls, REFERENCE.mappings, strict=True):
        assert (shared.tsc_ref, shared.iso_ref) == (mapping.tsc_ref, mapping.iso_ref)
        assert shared.tsc_title and shared.iso_title
        assert shared.relation == mapping.relation


def test_no_mapping_means_no_overlap():
    overlap = with_mappings()
    assert overlap.iso_covered_by_soc2 == overlap.soc2_covered_by_iso == 0
    assert overlap.iso_linked == (0, len(ISO_REFS))
    assert overlap.soc2_linked == (0, len(SOC2_REFS))
    assert overlap.links == 0


@pytest.mark.parametrize(
    ("relation", "iso_share", "soc2_share"),
    [
        ("equal", 1.0, 1.0),
        ("superset", 1.0, 0.5),  # the criterion is broader: it covers the ISO item fully
        ("subset", 0.5, 1.0),  # the criterion is narrower: the ISO item covers it fully
        ("intersect", 0.5, 0.5),
    ],
)
def test_a_single_link_counts_by_its_relation(relation, iso_share, soc2_share):
    overlap = with_mappings(link("CC6.1", "A.8.5", relation))
    assert overlap.iso_covered_by_soc2 == round(iso_share / len(ISO_REFS), 3)
    assert overlap.soc2_covered_by_iso == round(soc2_share / len(SOC2_REFS), 3)
    assert overlap.iso_linked == (1, len(ISO_REFS))
    assert overlap.soc2_linked == (1, len(SOC2_REFS))


def test_an_id_linked_twice_counts_once_at_its_best_relation():
    overlap = with_mappings(link("CC6.1", "A.8.5", "intersect"), link("CC6.6", "A.8.5", "equal"))
    assert overlap.iso_linked == (1, len(ISO_REFS))
    assert overlap.iso_covered_by_soc2 == round(1 / len(ISO_REFS), 3)
    assert overlap.soc2_linked == (2, len(SOC2_REFS))
    assert overlap.links == 2


def test_more_mappings_never_lower_coverage():
    full = overlap_compute(REFERENCE)
    half = with_mappings(*REFERENCE.mappings[: len(REFERENCE.mappings) // 2])
    assert half.iso_covered_by_soc2 <= full.iso_covered_by_soc2
    assert half.soc2_covered_by_iso <= full.soc2_covered_by_iso
    assert half.iso_linked[0] <= full.iso_linked[0]


def test_mapping_to_every_item_as_equal_covers_everything():
    mappings = [link("CC1.1", ref, "equal") for ref in ISO_REFS]
    mappings += [link(ref, "A.5.1", "equal") for ref in SOC2_REFS if ref != "CC1.1"]
    overlap = with_mappings(*mappings)
    assert overlap.iso_covered_by_soc2 == 1.0
    assert overlap.soc2_covered_by_iso == 1.0
    assert overlap.iso_linked == (len(ISO_REFS), len(ISO_REFS))


def test_partial_links_never_add_up_to_full_coverage_of_the_broader_side():
    overlap = with_mappings(
        link("CC6.1", "A.8.24", "intersect"),
        link("CC6.7", "A.8.24", "intersect"),
        link("CC6.1", "A.8.20", "subset"),  # the criterion is narrower than the ISO item
        link("CC6.6", "A.8.20", "intersect"),
    )
    assert overlap.iso_full == 0
    assert overlap.iso_covered_by_soc2 == round(2 * 0.5 / len(ISO_REFS), 3)
    # Seen from ISO, the "subset" link does cover the narrower criterion in full.
    assert overlap.soc2_full == 1


def test_full_and_linked_counts_agree_with_the_shares():
    overlap = overlap_compute(REFERENCE)
    iso_partial = overlap.iso_linked[0] - overlap.iso_full
    soc2_partial = overlap.soc2_linked[0] - overlap.soc2_full
    assert overlap.iso_covered_by_soc2 == round(
        (overlap.iso_full + iso_partial / 2) / len(ISO_REFS), 3
    )
    assert overlap.soc2_covered_by_iso == round(
        (overlap.soc2_full + soc2_partial / 2) / len(SOC2_REFS), 3
    )


# The crosswalk itself


def _pairs() -> set[tuple[str, str]]:
    return {(m.tsc_ref, m.iso_ref) for m in REFERENCE.mappings}


def test_every_link_has_a_relation_and_its_own_one_line_rationale():
    rationales = [m.rationale for m in REFERENCE.mappings]
    assert all(
        m.relation in ("equal", "subset", "superset", "intersect") for m in REFERENCE.mappings
    )
    assert all(20 <= len(r) <= 300 and "\n" not in r for r in rationales)
    assert len(set(rationales)) == len(rationales)
    assert len(_pairs()) == len(REFERENCE.mappings)


def test_links_found_wrong_in_review_stay_out():
    wrong = {
        ("CC4.1", "A.8.34"),  # protecting systems during audit tests is not monitoring controls
        ("CC7.2", "A.7.4"),  # watching premises is not monitoring system components
        ("PI1.1", "A.5.37"),  # operating procedures are not processing specifications
    }
    assert _pairs() & wrong == set()


def test_privacy_and_vulnerability_links_are_there():
    expected = {
        ("P1.1", "A.5.34"),
        ("P1.1", "A.5.31"),
        ("P2.1", "A.5.34"),
        ("P3.2", "A.5.34"),
        ("P3.2", "A.5.31"),
        ("CC7.1", "A.8.8"),
        ("CC8.1", "A.8.8"),
        ("CC4.1", "A.8.8"),
    }
    assert expected <= _pairs()


def test_every_criterion_is_linked_and_only_named_iso_items_have_no_counterpart():
    overlap = overlap_compute(REFERENCE)
    assert overlap.soc2_linked == (61, 61)
    linked = {m.iso_ref for m in REFERENCE.mappings}
    # 4.4 (run an ISMS), A.5.32 (intellectual property) and A.8.34 (protecting systems during
    # audit tests) have no counterpart among the Trust Services Criteria.
    assert set(ISO_REFS) - linked == {"4.4", "A.5.32", "A.8.34"}


def test_containment_is_claimed_sparingly():
    relations = [m.relation for m in REFERENCE.mappings]
    # Most pairs overlap in part; a claim that one side contains the other must be rare.
    assert relations.count("intersect") >= 0.9 * len(relations)
    equal = {(m.tsc_ref, m.iso_ref) for m in REFERENCE.mappings if m.relation == "equal"}
    assert equal == {("A1.1", "A.8.6"), ("CC7.2", "A.8.16"), ("CC7.3", "A.5.25")}
