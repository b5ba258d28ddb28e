"""The data files and the seeded database hold the same reference data, row for row, so the
engine's tests (which build from the files) see what the app sees."""

import pytest

from assessments.engine.reference_build import reference_data_build
from assessments.selectors import reference_data_load
from frameworks.reference_files import reference_rows_read
from frameworks.selectors import reference_rows_load
from tests.assessments.engine_data import reference_from_files

pytestmark = pytest.mark.django_db


# Each table's natural key, to compare rows whatever order they were read in.
KEYS = {
    "frameworks": ("code",),
    "groups": ("framework", "code"),
    "controls": ("framework", "ref"),
    "mappings": ("tsc_ref", "iso_ref"),
    "aspects": ("key",),
    "costs": ("key", "size_band", "currency"),
    "pricing": ("key",),
    "timelines": ("key",),
    "factors": ("key",),
    "rules": ("key",),
    "rates": ("currency",),
    "questions": ("key",),
    "schemes": ("key",),
    "necessity": ("target", "because"),
}


def _by_key(table: str, rows) -> list:
    return sorted(rows, key=lambda row: tuple(row[k] for k in KEYS[table]))


def test_the_rows_read_from_the_files_are_the_rows_read_from_the_seeded_database():
    from_files, from_db = reference_rows_read(), reference_rows_load()
    assert set(from_files) == set(from_db) == set(KEYS)
    for table in KEYS:
        assert _by_key(table, from_files[table]) == _by_key(table, from_db[table]), table


def test_the_files_and_the_database_build_equal_reference_data():
    assert reference_data_build(reference_rows_read()) == reference_data_load()
    assert reference_from_files().version() == reference_data_load().version()
