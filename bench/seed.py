"""Realistic assessments for the benchmarks: every readiness question answered, levels mixed.

`python -m bench.seed COUNT` (with Django's settings in the environment) saves COUNT of them
and prints their ids as JSON, so the load benchmark can seed a server's database."""

from __future__ import annotations

import json
import sys


def bench_answers(variant: int = 0):
    """A growing SaaS selling in North America and the EU (even variants), or an EU supplier."""
    from tests.factories import answers_eu_supplier, answers_us_saas, practices_mixed

    practices = practices_mixed(variant)
    if variant % 2:
        return answers_eu_supplier(**practices)
    return answers_us_saas(
        headcount="51-200",
        customer_regions=("north_america", "eu"),
        selling_now=("north_america", "eu"),
        selling_planned=("uk",),
        requests=("soc2", "questionnaires"),
        regulated_buyers=("finance",),
        deals_soc2=3,
        budget_amount=120_000,
        internal_people=1.5,
        maturity="documented",
        **practices,
    )


def heavy_answers():
    """The heaviest board pack we know (the board pack tests' largest profile)."""
    from tests.factories import answers_uk_many_schemes

    return answers_uk_many_schemes()


def assessments_create(count: int) -> list[str]:
    from assessments.selectors import reference_data_load
    from assessments.services import assessment_submit

    reference = reference_data_load()
    return [
        str(assessment_submit(answers=bench_answers(n), reference=reference).pk)
        for n in range(count)
    ]


def main() -> None:
    import django

    django.setup()
    print(json.dumps(assessments_create(int(sys.argv[1]))))


if __name__ == "__main__":
    main()
