"""Link keys, chains and copies.

Every saved assessment keeps opening at its old address: its first link key is its id. Its
chain is the first version reached by following its predecessors."""

import django.db.models.deletion
from django.db import migrations, models


def keys_and_chains_fill(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    predecessor_of = dict(Assessment.objects.values_list("id", "predecessor_id"))
    chain_of: dict = {}
    for start in predecessor_of:
        path, current = [], start
        while current not in chain_of and predecessor_of.get(current) in predecessor_of:
            path.append(current)
            current = predecessor_of[current]
            if current in path:  # a loop cannot come from the app; end the chain here
                break
        root = chain_of.get(current, current)
        for pk in [*path, current]:
            chain_of.setdefault(pk, root)
    rows = list(Assessment.objects.only("id"))
    for row in rows:
        row.link_key = row.id
        row.chain_id = chain_of[row.id]
    Assessment.objects.bulk_update(rows, ["link_key", "chain_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="link_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="assessment",
            name="chain_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="assessment",
            name="copied_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="copies",
                to="assessments.assessment",
            ),
        ),
        migrations.RunPython(keys_and_chains_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assessment",
            name="link_key",
            field=models.UUIDField(editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="chain_id",
            field=models.UUIDField(editable=False),
        ),
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(fields=["chain_id", "-created_at"], name="assessment_chain_newest"),
        ),
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(fields=["owner", "-created_at"], name="assessment_owner_newest"),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(predecessor__isnull=True)
                | ~models.Q(chain_id=models.F("id")),
                name="assessment_version_joins_a_chain",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(copied_from__isnull=True) | models.Q(chain_id=models.F("id")),
                name="assessment_copy_starts_a_chain",
            ),
        ),
    ]
