"""The reference data built straight from `frameworks/data/`, with no database: the rows the
seed writes (`reference_rows_read`), through the builder the app uses (`reference_data_build`),
so engine tests run on the real figures."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from assessments.engine.reference import ReferenceData
from assessments.engine.reference_build import reference_data_build
from frameworks.reference_files import reference_rows_read


@lru_cache(maxsize=1)
def reference_from_files() -> ReferenceData:
    """The full reference data as the app would load it after seeding these files."""
    return reference_data_build(reference_rows_read())


def with_weights(reference: ReferenceData, **weights: int) -> ReferenceData:
    """A copy of `reference` with the named factors' weights changed."""
    unknown = set(weights) - {f.key for f in reference.factors}
    if unknown:
        raise KeyError(f"unknown factors: {sorted(unknown)}")
    factors = tuple(
        replace(f, weight=weights[f.key]) if f.key in weights else f for f in reference.factors
    )
    return replace(reference, factors=factors)
