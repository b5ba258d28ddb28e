import pytest

from assessments.selectors import reference_data_load, reference_data_version
from frameworks.models import Control, DecisionFactor

pytestmark = pytest.mark.django_db


def test_version_is_the_same_after_reloading_the_same_files():
    from frameworks.services import reference_data_seed

    before = reference_data_version()
    reference_data_seed(reset=True)
    assert reference_data_version() == before


def test_version_changes_after_a_description_edit():
    before = reference_data_version()
    Control.objects.filter(ref="CC6.1").update(description="A changed description.")
    assert reference_data_version() != before


def test_version_changes_after_a_weight_edit():
    before = reference_data_version()
    factor = DecisionFactor.objects.get(key="customers_eu")
    factor.weight += 1
    factor.save()
    assert reference_data_version() != before


def test_reference_data_loads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(
        17
    ):  # one per table: pricing factors, scheme phases, necessity
        data = reference_data_load()
    assert len(data.controls) == 195
    assert len(data.mappings) > 150
