"""The readiness questions, each evidencing controls of both frameworks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..vocabulary import Effort
from .catalogue import Control


class ReadinessQuestion(models.Model):
    Effort = Effort

    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(
        max_length=80,
        help_text="A short noun phrase for lists and next steps, e.g. “Access reviews”.",
    )
    topic = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    optional = models.BooleanField(
        "asked in the optional step",
        default=False,
        help_text="Asked in “complete your readiness” after the practice pages, not on them.",
    )
    text = models.CharField(max_length=300)
    help_text = models.TextField(help_text="What 'in place with evidence' means for this question.")
    auditor_evidence = models.TextField(
        "what an auditor will want to see",
        help_text="What an auditor asks for and checks for this question, in our own words; "
        "the report's gap list shows it.",
    )
    effort = models.PositiveSmallIntegerField(
        choices=Effort.choices,
        default=Effort.WEEKS,
        help_text="Roughly how long putting it in place takes; orders gaps of equal severity.",
    )
    controls = models.ManyToManyField(Control, related_name="questions", blank=True)
    single_framework_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the question maps to one framework only, when it does.",
    )
    history = HistoricalRecords(m2m_fields=[controls])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="question_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(auditor_evidence=""), name="question_evidence_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(effort__gte=1) & Q(effort__lte=3), name="question_effort_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.auditor_evidence.strip() and (
            self.auditor_evidence.strip() == self.help_text.strip()
        ):
            raise ValidationError(
                {
                    "auditor_evidence": "Say what an auditor will ask for and check; this repeats "
                    "what “in place with evidence” means."
                }
            )
