"""Assessments saved before link keys existed keep opening at their old address, and their
versions form one chain."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessments", "0001_initial")]
AFTER = [("assessments", "0002_links_chains_copies")]


@pytest.mark.django_db(transaction=True)
def test_saved_assessments_get_their_id_as_link_and_their_first_version_as_chain():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("assessments", "Assessment")
    fields = {"answers": {}, "result": {}, "reference_version": "rd-1", "engine_version": "1"}
    root = old.objects.create(**fields)
    middle = old.objects.create(predecessor=root, **fields)
    newest = old.objects.create(predecessor=middle, **fields)
    branch = old.objects.create(predecessor=root, **fields)
    alone = old.objects.create(**fields)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("assessments", "Assessment")
    rows = {row.id: row for row in new.objects.all()}
    assert all(row.link_key == row.id for row in rows.values())
    one_chain = (root.id, middle.id, newest.id, branch.id)
    assert {pk: rows[pk].chain_id for pk in one_chain} == dict.fromkeys(one_chain, root.id)
    assert rows[alone.id].chain_id == alone.id
    assert all(isinstance(row.link_key, uuid.UUID) for row in rows.values())
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
