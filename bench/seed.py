"""Realistic assessments for the benchmarks: every readiness question answered, levels mixed.

`python -m bench.seed COUNT` (with Django's settings in the environment) saves COUNT of them
and prints their ids as JSON, so the load benchmark can seed a server's database."""

from __future__ import annotations

import json
import sys

LEVELS = ("not_in_place", "partly", "in_place", "evidence", "na")
NA_NOTE = "Fully remote company: no offices, all systems run on a public cloud."


def readiness_mix(*, questions, shift: int = 0) -> tuple[dict, dict]:
    """Answers to every question, cycling through the levels; "na" only where it is allowed."""
    from assessments.engine.applicability import question_exclusion_refusal

    readiness, notes = {}, {}
    for i, q in enumerate(questions):
        level = LEVELS[(i + shift) % len(LEVELS)]
        if level == "na" and question_exclusion_refusal(q):
            level = "partly"
        readiness[q.key] = level
        if level == "na":
            notes[q.key] = NA_NOTE
    return readiness, notes


def bench_answers(variant: int = 0):
    """A growing SaaS selling in North America and the EU (even variants), or an EU supplier."""
    from assessments.selectors import readiness_questions_load
    from tests.factories import answers_eu_supplier, answers_us_saas

    readiness, notes = readiness_mix(questions=readiness_questions_load(), shift=variant)
    if variant % 2:
        return answers_eu_supplier(readiness=readiness, readiness_notes=notes)
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
        readiness=readiness,
        readiness_notes=notes,
    )


def heavy_answers():
    """The heaviest board pack we know: a UK, EU and US SaaS company asked for SOC 2, ISO 27001,
    Cyber Essentials Plus and (in its own words) TISAX, over budget in later years."""
    import datetime

    from assessments.selectors import readiness_questions_load
    from tests.factories import answers_us_saas

    readiness, notes = readiness_mix(questions=readiness_questions_load(), shift=2)
    soon = datetime.date(2026, 11, 28)
    return answers_us_saas(
        company_name="Brick Cloud Ltd",
        headcount="51-200",
        customer_regions=("uk", "eu", "north_america"),
        selling_now=("uk", "eu"),
        selling_planned=("north_america",),
        currency="GBP",
        requests=("soc2", "iso27001"),
        deals_soc2=2,
        deadline_soc2=soon + datetime.timedelta(weeks=30),
        deals_iso=3,
        deadline_iso=soon + datetime.timedelta(weeks=52),
        demanded_schemes={
            "cyber_essentials_plus": {"deadline": soon + datetime.timedelta(weeks=13), "deals": 1}
        },
        scheme_other="TISAX",
        regulated_buyers=("finance",),
        data_types=("personal", "confidential", "payment_card"),
        budget_amount=120_000,
        budget_yearly=60_000,
        internal_people=1.5,
        readiness=readiness,
        readiness_notes=notes,
    )


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
