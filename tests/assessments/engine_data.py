"""What the engine tests run on, with no database: the reference data built straight from
`frameworks/data/` (the rows the seed writes, `reference_rows_read`, through the builder the app
uses, `reference_data_build`), so they run on the real figures; and the answers of the small
company most profiles start from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from assessments.engine.answers import Answers
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


SMALL_US_SAAS = {
    "headcount": "11-50",
    "industry": "saas",
    "delivery": ("saas",),
    "customer_regions": ("north_america",),
    "budget_amount": 80_000,
    "currency": "USD",
}


def small_us_saas(*, assessed_on: date = date(2026, 11, 28), **fields) -> Answers:
    """A small SaaS company selling in North America with USD 80,000 for its first year; `fields`
    spell out what sets a profile apart."""
    return Answers(**(SMALL_US_SAAS | {"assessed_on": assessed_on} | fields))
