"""The report and every wizard step cost the same number of queries however big the data is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.models import Control, ControlMapping, ReadinessQuestion
from tests.assessments.wizard_helpers import VALID, post_step, practice_answers, step_url
from tests.factories import assessment_create

pytestmark = pytest.mark.django_db
STEPS = [
    "company",
    "customers",
    "regions",
    "budget",
    "current",
    "practices1",
    "practices2",
    "review",
]


def _grow_reference_data(extra: int = 40) -> None:
    soc2 = Control.objects.filter(framework__code="soc2").first()
    iso = Control.objects.filter(framework__code="iso27001", kind="annex_a").first()
    question = ReadinessQuestion.objects.first()
    for n in range(extra):
        control = Control.objects.create(
            framework=iso.framework,
            group=iso.group,
            ref=f"A.9.{n}",
            title=f"Extra {n}",
            kind="annex_a",
            description=f"Extra control {n}",
            auditor_evidence=f"Evidence {n}",
            position=500 + n,
        )
        ControlMapping.objects.create(
            source=soc2, target=control, relation="intersect", rationale=f"Link {n}"
        )
        question.controls.add(control)


def _step_queries(client) -> dict[str, int]:
    counts = {}
    client.get("/assess/?reset")
    answers = {**VALID, **practice_answers()}
    for step in STEPS:
        with CaptureQueriesContext(connection) as queries:
            client.get(step_url(step))
        counts[step] = len(queries)
        if step in answers:
            post_step(client, step, answers[step])
    return counts


def test_wizard_step_queries_do_not_grow_with_the_number_of_controls(client):
    before = _step_queries(client)
    _grow_reference_data()
    after = _step_queries(client)
    assert after == before
    assert max(before.values()) <= 12


def test_report_queries_do_not_grow_with_the_number_of_controls(client):
    first = assessment_create()
    with CaptureQueriesContext(connection) as small:
        client.get(first.get_absolute_url())
    _grow_reference_data()
    second = assessment_create()
    with CaptureQueriesContext(connection) as large:
        client.get(second.get_absolute_url())
    assert len(large) == len(small) <= 6


def test_a_report_seen_before_costs_one_small_query_however_many_assessments_exist(client):
    for _ in range(3):
        assessment_create()
    assessment = assessment_create()
    client.get(assessment.get_absolute_url())  # the sections are kept from here on
    with CaptureQueriesContext(connection) as queries:
        response = client.get(assessment.get_absolute_url())
    # The assessment by its link, with the size of its chain and without its result: nothing
    # that reads other assessments' rows, and no list of versions for a chain of one.
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len(sqls) == 1, sqls
    assert '"result"' not in sqls[0] and "LIMIT 21" in sqls[0] and "COUNT(" in sqls[0]
    assert 'id="versions"' not in response.content.decode()


def test_a_wizard_step_reads_the_session_once_and_saves_it_once(client):
    # Django's db session backend on the embedded default (see config/settings/base.py).
    client.get("/assess/?reset")
    post_step(client, "company", VALID["company"])
    with CaptureQueriesContext(connection) as queries:
        post_step(client, "customers", VALID["customers"])
    session = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(session) == 2, session
    assert session[0].startswith("SELECT") and session[1].startswith("UPDATE")


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


def test_showing_the_same_page_again_does_not_write_the_session(client):
    client.get("/assess/?reset")
    post_step(client, "company", VALID["company"])  # the wizard is now on "customers"
    client.get(step_url("customers"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(step_url("customers"))
    assert page.status_code == 200 and 'name="customers-segments"' in page.content.decode()
    assert _session_writes(queries) == []


def test_going_back_a_page_is_kept_and_its_answers_shown(client):
    client.get("/assess/?reset")
    post_step(client, "company", VALID["company"])
    with CaptureQueriesContext(connection) as queries:
        back = client.get(step_url("company"))
    assert _session_writes(queries), "the step the wizard is on changed, so it is saved"
    assert back.context["form"]["company_name"].value() == "Acme Analytics"
    resumed = client.get(reverse("assessments:wizard_start"))
    assert resumed.status_code == 302 and resumed["Location"].endswith(step_url("company"))


def test_the_budget_step_reads_the_demanded_schemes_cost_lines_once(client):
    # The form offers a quote field per line and the page keys its kept blank form by them.
    client.get("/assess/?reset")
    for step in ("company", "customers", "regions"):
        post_step(client, step, VALID[step])
    post_step(client, "demands", {**VALID["demands"], "demanded_schemes": ["tisax"]})
    with CaptureQueriesContext(connection) as queries:
        page = client.get(step_url("budget"))
    lines = [q["sql"] for q in queries.captured_queries if "frameworks_costitem" in q["sql"]]
    assert (
        page.status_code == 200
        and 'name="budget-quote_tisax_al3_assessment"' in page.content.decode()
    )
    assert len(lines) == 1, lines
