"""Writes to the reference data, and only those, make every process rebuild what it keeps."""

import pytest
from django.contrib.auth.models import Group

from assessments.models import Assessment
from assessments.selectors import reference_data_current
from frameworks.models import ComparisonText, ControlMapping, NecessityRule, SchemePhase
from frameworks.signals import reference_models
from tests.factories import assessment_create

pytestmark = pytest.mark.django_db


def test_writes_elsewhere_in_the_project_keep_the_reference_data(django_user_model):
    first = reference_data_current()
    user = django_user_model.objects.create_user("someone", "someone@example.com", "pw-123456")
    user.groups.add(Group.objects.create(name="consultants"))
    assessment = assessment_create(owner=user)
    Assessment.objects.filter(pk=assessment.pk).get().delete()
    user.delete()
    assert reference_data_current() is first


@pytest.mark.parametrize("model", reference_models(), ids=lambda m: m.__name__)
def test_saving_any_reference_row_rebuilds_the_reference_data(model):
    first = reference_data_current()
    model.objects.first().save()
    assert reference_data_current() is not first


@pytest.mark.parametrize(
    "model", [ComparisonText, ControlMapping, NecessityRule, SchemePhase], ids=lambda m: m.__name__
)
def test_deleting_a_reference_row_rebuilds_the_reference_data(model):
    row = model.objects.first()
    first = reference_data_current()
    row.delete()
    assert reference_data_current() is not first


def test_the_history_tables_are_not_reference_data():
    names = {model.__name__ for model in reference_models()}
    assert "Control" in names and "ReadinessQuestion" in names
    assert not any(name.startswith("Historical") for name in names)
