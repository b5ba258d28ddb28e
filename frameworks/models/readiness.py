"""The readiness questions, each evidencing controls of both frameworks."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from frameworks.models.catalogue import Control
from frameworks.vocabulary import Effort


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
    priority = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How early its gap belongs in the work, 5 first: the gap list ranks by this "
        "before dependencies, severity, reach and effort.",
    )
    priority_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the gap sits at that priority, in a sentence."
    )
    depends_on = models.CharField(
        max_length=400,
        blank=True,
        help_text="Keys of the questions whose work must come first, separated by commas (the "
        "scope before the risk assessment, the internal audit before the management review).",
    )
    owner_role = models.CharField(
        max_length=60, blank=True, help_text="Who usually owns the work, e.g. “Security lead”."
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
            models.CheckConstraint(
                condition=Q(priority__gte=1) & Q(priority__lte=5), name="question_priority_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def dependencies(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in (self.depends_on or "").split(",") if k.strip())

    def clean(self) -> None:
        # The seed checks the files' keys itself, before any question is in the database.
        known = set(ReadinessQuestion.objects.values_list("key", flat=True))
        unknown = set(self.dependencies()) - known if known else set()
        if unknown or self.key in self.dependencies():
            raise ValidationError(
                {
                    "depends_on": "Name other questions by their keys: "
                    + ", ".join(sorted(unknown or {self.key}))
                    + " is not one."
                }
            )
        if self.auditor_evidence.strip() and (
            self.auditor_evidence.strip() == self.help_text.strip()
        ):
            raise ValidationError(
                {
                    "auditor_evidence": "Say what an auditor will ask for and check; this repeats "
                    "what “in place with evidence” means."
                }
            )


class NecessityRule(models.Model):
    """When a question or a control cannot be "not applicable": the answers that make it
    necessary, and the sentence that tells the user why."""

    target = models.CharField(
        max_length=80,
        help_text="A readiness question's key, or a control as framework:id (iso27001:A.8.8).",
    )
    conditions = models.TextField(
        help_text="When it is necessary, in the scheme trigger syntax: one rule per line, "
        "conditions joined by & (e.g. delivery:saas|cloud_infra)."
    )
    because = models.CharField(
        max_length=300,
        help_text="Why, addressed to the user; the refusal quotes it (“You run a hosted "
        "service, so …”).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(because=""), name="necessity_because_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.because}"

    def clean(self) -> None:
        from frameworks.triggers import TriggerError, trigger_parse

        errors = {}
        try:
            if not trigger_parse(self.conditions):
                errors["conditions"] = "Give at least one rule."
        except TriggerError as exc:
            errors["conditions"] = str(exc)
        framework, _, ref = (self.target or "").partition(":")
        if ref:
            known = Control.objects.filter(framework__code=framework, ref=ref).exists()
        else:
            known = ReadinessQuestion.objects.filter(key=self.target).exists()
        if not known:
            errors["target"] = "Name a question by its key, or a control as framework:id."
        if errors:
            raise ValidationError(errors)
