import pytest

from frameworks.selectors import reference_data_load
from tests.assessments.engine_data import reference_from_files

pytestmark = pytest.mark.django_db


def test_engine_test_data_read_from_files_matches_the_seeded_database():
    # The engine tests read the seed files directly; they must see what the app sees.
    assert reference_from_files() == reference_data_load()
