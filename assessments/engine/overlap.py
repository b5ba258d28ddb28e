"""How much of one framework the other covers, computed from our mapping and nothing else.

A link's relation reads from the criterion's side. Only containment counts: work done for the
source framework covers a target through an "equal" link, or through a link whose source side
contains the target: for ISO items, a "superset" link (the criterion is broader); for criteria,
a "subset" link (the ISO item is broader). An equal link counts 1.0. A containing link counts
0.75: the relation is judged on the two requirements' text, and the narrower side's guidance or
points of focus usually name specifics the broader side leaves open, so its auditor still asks
for some evidence the broader work did not produce. Intersect links, and links where the source
is the narrower side, count nothing: they say that work is shared, not how much, so any share we
gave them would be a guess. A target linked several times counts once, at its best link. These
shares discount the second framework's preparation cost and weeks in the plan and costs
(docs/crosswalk-review.md has the figures and the review behind the links)."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.engine.reference import ISO, SOC2, ReferenceData

EQUAL, CONTAINED, NONE = 1.0, 0.75, 0.0
_COVERS_ISO = {"equal": EQUAL, "superset": CONTAINED, "subset": NONE, "intersect": NONE}
_COVERS_SOC2 = {"equal": EQUAL, "subset": CONTAINED, "superset": NONE, "intersect": NONE}


def link_shares(relation: str) -> tuple[float, float]:
    """How much of its ISO item, and of its criterion, one link counts in the overlap."""
    return _COVERS_ISO.get(relation, NONE), _COVERS_SOC2.get(relation, NONE)


@dataclass(frozen=True)
class SharedControl:
    tsc_ref: str
    tsc_title: str
    iso_ref: str
    iso_title: str
    relation: str
    rationale: str


@dataclass(frozen=True)
class Overlap:
    # share of the target framework's requirements covered by doing the source framework (0..1)
    iso_covered_by_soc2: float
    soc2_covered_by_iso: float
    # counts: requirements with at least one link, out of the total
    iso_linked: tuple[int, int]
    soc2_linked: tuple[int, int]
    links: int
    # counts: requirements the other framework covers in full, through an equal or containing
    # link (the rest of the linked overlap only in part and add nothing to the share); None in
    # results saved before they were counted
    iso_full: int | None = None
    soc2_full: int | None = None

    def covered(self, *, target: str) -> float:
        return self.iso_covered_by_soc2 if target == ISO else self.soc2_covered_by_iso


def _coverage(targets: list[str], best: dict[str, float]) -> float:
    if not targets:
        return 0.0
    return round(sum(best.get(ref, 0.0) for ref in targets) / len(targets), 3)


def overlap_shared(reference: ReferenceData) -> tuple[SharedControl, ...]:
    """Every link of the crosswalk with both sides' titles: reference data, so a report reads
    it from the version it was computed with rather than from each saved result."""
    titles = {(c.framework, c.ref): c.title for c in reference.controls}
    return tuple(
        SharedControl(
            m.tsc_ref,
            titles.get((SOC2, m.tsc_ref), ""),
            m.iso_ref,
            titles.get((ISO, m.iso_ref), ""),
            m.relation,
            m.rationale,
        )
        for m in reference.mappings
    )


def overlap_compute(reference: ReferenceData) -> Overlap:
    """Both directions' shares and counts, by the rule in the module docstring."""
    iso_items = [c.ref for c in reference.requirements(ISO)]
    soc2_items = [c.ref for c in reference.requirements(SOC2)]
    best_iso: dict[str, float] = {}
    best_soc2: dict[str, float] = {}
    for m in reference.mappings:
        best_iso[m.iso_ref] = max(best_iso.get(m.iso_ref, NONE), _COVERS_ISO[m.relation])
        best_soc2[m.tsc_ref] = max(best_soc2.get(m.tsc_ref, NONE), _COVERS_SOC2[m.relation])
    return Overlap(
        iso_covered_by_soc2=_coverage(iso_items, best_iso),
        soc2_covered_by_iso=_coverage(soc2_items, best_soc2),
        iso_linked=(sum(1 for r in iso_items if r in best_iso), len(iso_items)),
        soc2_linked=(sum(1 for r in soc2_items if r in best_soc2), len(soc2_items)),
        links=len(reference.mappings),
        iso_full=sum(1 for r in iso_items if best_iso.get(r, NONE) > NONE),
        soc2_full=sum(1 for r in soc2_items if best_soc2.get(r, NONE) > NONE),
    )
