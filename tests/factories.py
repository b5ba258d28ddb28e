"""Ready-made answers and assessments for tests."""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path

from django.test import Client

from assessments.engine.answers import Answers
from assessments.models import Assessment
from assessments.services import assessment_submit


def answers_us_saas(**changes) -> Answers:
    values = dict(
        company_name="Acme Analytics",
        headcount="11-50",
        industry="saas",
        delivery=("saas",),
        data_types=("personal", "confidential"),
        segments=("mid_market", "enterprise"),
        customer_regions=("north_america",),
        requests=("soc2",),
        selling_now=("north_america",),
        budget_amount=90_000,
        currency="USD",
        internal_people=1.0,
        approach="platform",
        maturity="basic",
        assessed_on=datetime.date(2026, 11, 28),
    )
    values.update(changes)
    return Answers(**values)


def answers_eu_supplier(**changes) -> Answers:
    values = dict(
        company_name="Rheinwerk Systems GmbH",
        headcount="51-200",
        industry="manufacturing",
        delivery=("on_premise", "services"),
        data_types=("confidential",),
        segments=("enterprise",),
        customer_regions=("eu",),
        requests=("iso27001",),
        selling_now=("eu",),
        budget_amount=70_000,
        currency="EUR",
        internal_people=1.5,
        approach="consultant",
        maturity="documented",
        assessed_on=datetime.date(2026, 11, 28),
    )
    values.update(changes)
    return Answers(**values)


PRACTICE_LEVELS = ("not_in_place", "partly", "in_place", "evidence", "na")
REMOTE_NOTE = "Fully remote company: no offices, all systems run on a public cloud."


def practices_mixed(shift: int = 0) -> dict:
    """Every readiness question answered, cycling through the levels from `shift`; "not
    applicable" only where a company may say so, with a reason. Keyword arguments for Answers."""
    from assessments.engine.applicability import question_exclusion_refusal
    from assessments.selectors import readiness_questions_load

    readiness, notes = {}, {}
    for i, question in enumerate(readiness_questions_load()):
        level = PRACTICE_LEVELS[(i + shift) % len(PRACTICE_LEVELS)]
        if level == "na" and question_exclusion_refusal(question):
            level = "partly"
        readiness[question.key] = level
        if level == "na":
            notes[question.key] = REMOTE_NOTE
    return {"readiness": readiness, "readiness_notes": notes}


def answers_uk_many_schemes(**changes) -> Answers:
    """The heaviest board pack we know: a UK, EU and US SaaS company asked for SOC 2 and ISO
    27001 by dated deals, whose buyer also demands Cyber Essentials Plus and (in its own words)
    TISAX, over budget in later years."""
    soon = datetime.date(2026, 11, 28)
    values = dict(
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
        **practices_mixed(2),
    )
    values.update(changes)
    return answers_us_saas(**values)


def assessment_create(answers: Answers | None = None, **kwargs) -> Assessment:
    return assessment_submit(answers=answers or answers_us_saas(), **kwargs)


def client_signed_in(user) -> Client:
    """A browser of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def client_owns(client, *assessments: Assessment) -> None:
    """Make the test client's browser session the owner, as if it had submitted them."""
    from assessments.ownership import OWNED_KEY

    session = client.session
    session[OWNED_KEY] = [*session.get(OWNED_KEY, []), *(str(a.pk) for a in assessments)]
    session.save()


ENGINE_ONE = Path(__file__).parent / "fixtures" / "assessment_engine_1_0.json"


def assessment_engine_one() -> Assessment:
    """A real engine 1.0 assessment (answers and result) as it was saved before engine 2."""
    saved = json.loads(ENGINE_ONE.read_text(encoding="utf-8"))
    pk = uuid.uuid4()
    return Assessment.objects.create(
        id=pk,
        link_key=pk,
        chain_id=pk,
        answers=saved["answers"],
        result=saved["result"],
        reference_version=saved["reference_version"],
        engine_version=saved["engine_version"],
    )
