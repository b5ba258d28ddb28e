"""The per-process memo of the reference data: reused while nothing changes, rebuilt as soon
as anything changes in this process, and within a second of a change made in another one."""

import pytest
from django.core.cache import cache

from assessments.selectors import readiness_questions_current, reference_data_current
from frameworks import memo
from frameworks.models import Control, ControlMapping, DecisionFactor, ReadinessQuestion

pytestmark = pytest.mark.django_db


def _weight(data, key: str) -> int:
    return next(f.weight for f in data.factors if f.key == key)


def test_a_second_read_reuses_the_memo_without_touching_the_tables(
    django_assert_num_queries,
):
    first = reference_data_current()
    with django_assert_num_queries(0):  # the test cache lives in memory
        second = reference_data_current()
    assert second is first


def test_an_edit_saved_through_the_orm_is_seen_on_the_next_read():
    before = reference_data_current()
    factor = DecisionFactor.objects.get(key="customers_eu")
    factor.weight = _weight(before, "customers_eu") + 3
    factor.save()
    after = reference_data_current()
    assert _weight(after, "customers_eu") == factor.weight
    assert after.version() != before.version()


def test_a_deleted_mapping_disappears_from_the_next_read():
    before = reference_data_current()
    link = ControlMapping.objects.select_related("source", "target").first()
    link.delete()
    pair = (link.source.ref, link.target.ref)
    assert pair in {(m.tsc_ref, m.iso_ref) for m in before.mappings}
    assert pair not in {(m.tsc_ref, m.iso_ref) for m in reference_data_current().mappings}


def test_changing_a_questions_controls_is_seen_on_the_next_read():
    question = ReadinessQuestion.objects.first()
    before = {q.key: q.controls for q in readiness_questions_current()}[question.key]
    extra = Control.objects.exclude(pk__in=question.controls.all()).first()
    question.controls.add(extra)
    after = {q.key: q.controls for q in readiness_questions_current()}[question.key]
    assert len(after) == len(before) + 1


def test_another_process_changing_the_data_makes_this_one_rebuild_on_its_next_read():
    first = readiness_questions_current()
    # What another process's write leaves behind: a new token in the shared cache.
    cache.set(memo.GENERATION_KEY, "written-elsewhere", timeout=None)
    assert readiness_questions_current() is not first


def test_a_value_is_kept_until_its_age_limit_then_built_again():
    now = 1000.0
    kept = memo.Memo(clock=lambda: now, max_age=300)
    first = kept.get("questions", object)
    now += 299
    assert kept.get("questions", object) is first
    now += 2
    assert kept.get("questions", object) is not first


def test_a_request_reads_the_token_once_and_the_next_request_reads_it_afresh():
    memo.request_began()
    first = memo.generation()
    cache.set(memo.GENERATION_KEY, "changed-by-another-process", timeout=None)
    assert memo.generation() == first  # the rest of this request keeps what it read
    memo.request_ended()
    memo.request_began()
    assert memo.generation() == "changed-by-another-process"
    memo.request_ended()
    cache.set(memo.GENERATION_KEY, "outside-a-request", timeout=None)
    assert memo.generation() == "outside-a-request"  # the worker and commands read every time


def test_a_change_in_this_request_is_seen_by_the_rest_of_it():
    memo.request_began()
    before = memo.generation()
    memo.reference_data_changed()
    assert memo.generation() != before
    memo.request_ended()


def test_a_page_of_questions_reads_the_token_once(client, monkeypatch):
    from tests.assessments.wizard_helpers import VALID, post_step, step_url

    client.get("/assess/?reset")
    for step in ("company", "customers", "regions", "demands", "budget", "current"):
        post_step(client, step, VALID[step])
    reads = []
    original = memo._generation_read
    monkeypatch.setattr(memo, "_generation_read", lambda: reads.append(1) or original())
    page = client.get(step_url("practices1"))
    assert page.status_code == 200 and "answer-scale" in page.content.decode()
    assert len(reads) == 1
