"""Readiness questions gain a short title, their own "what an auditor will want to see", an
effort estimate and a flag for the optional step. Questions already in the database take these
from the seed file when their key is there; any other question gets a stand-in built from its
own text, to be rewritten in the admin."""

import json
from pathlib import Path

from django.db import migrations, models
from django.db.models import Q

SEED = Path(__file__).resolve().parents[1] / "data" / "readiness_questions.json"
NEW_FIELDS = ("title", "auditor_evidence", "effort", "optional")


def questions_fill(apps, schema_editor):
    question_model = apps.get_model("frameworks", "ReadinessQuestion")
    seeded = {item["key"]: item for item in json.loads(SEED.read_text(encoding="utf-8"))}
    for question in question_model.objects.all():
        item = seeded.get(question.key)
        if item:
            for name in NEW_FIELDS:
                setattr(question, name, item[name])
        else:
            question.title = question.text.rstrip("?")[:80]
            question.auditor_evidence = "To be written: " + question.help_text
        question.save(update_fields=list(NEW_FIELDS))


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0003_adjacent_scheme")]

    operations = [
        *(
            operation
            for model in ("readinessquestion", "historicalreadinessquestion")
            for operation in (
                migrations.AddField(
                    model_name=model,
                    name="title",
                    field=models.CharField(
                        default="",
                        max_length=80,
                        help_text="A short noun phrase for lists and next steps, e.g. “Access "
                        "reviews”.",
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=model,
                    name="auditor_evidence",
                    field=models.TextField(
                        "what an auditor will want to see",
                        default="",
                        help_text="What an auditor asks for and checks for this question, in our "
                        "own words; the report's gap list shows it.",
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=model,
                    name="effort",
                    field=models.PositiveSmallIntegerField(
                        choices=[(1, "days"), (2, "weeks"), (3, "months")],
                        default=2,
                        help_text="Roughly how long putting it in place takes; orders gaps of "
                        "equal severity.",
                    ),
                ),
                migrations.AddField(
                    model_name=model,
                    name="optional",
                    field=models.BooleanField(
                        "asked in the optional step",
                        default=False,
                        help_text="Asked in “complete your readiness” after the practice pages, "
                        "not on them.",
                    ),
                ),
            )
        ),
        migrations.RunPython(questions_fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="readinessquestion",
            constraint=models.CheckConstraint(
                condition=~Q(title=""), name="question_title_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="readinessquestion",
            constraint=models.CheckConstraint(
                condition=~Q(auditor_evidence=""), name="question_evidence_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="readinessquestion",
            constraint=models.CheckConstraint(
                condition=Q(effort__gte=1) & Q(effort__lte=3), name="question_effort_in_range"
            ),
        ),
    ]
