"""Adjacent schemes: other certifications, reports and laws a company's answers point to."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from frameworks.models.figures import RangeMixin
from frameworks.triggers import AliasError, TriggerError, aliases_parse, trigger_parse
from frameworks.vocabulary import PhaseKind, SchemeKind, Severity

TRIGGER_HELP = (
    "One rule per line; the scheme applies when any rule holds. A rule is conditions joined by "
    "&. A condition is field:value|value (the answer has any of the values) or !field:value "
    "(it has none of them). Example: markets:eu & regulated_buyers:finance. Lines starting "
    "with # are notes. The fields and their values are listed below."
)


class AdjacentScheme(models.Model):
    """Another certification, report or law that a company's answers point to (PCI DSS,
    TISAX, DORA ...), with the rules that trigger it and what we advise about it."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=SchemeKind.choices)
    severity = models.CharField(
        max_length=10,
        choices=Severity.choices,
        help_text="How firmly the answers that trigger it point to it. A tender that names "
        "the scheme always makes it required.",
    )
    summary = models.TextField(help_text="What it is and who must comply, in our own words.")
    triggers = models.TextField(blank=True, help_text=TRIGGER_HELP)
    aliases = models.CharField(
        max_length=400,
        blank=True,
        help_text="Names and abbreviations that identify it in what users type, separated by "
        "commas, e.g. Cyber Essentials, CE Plus. Matched as whole words, in any case.",
    )
    advice = models.TextField(
        help_text="What we advise, including how SOC 2 and ISO 27001 relate to it."
    )
    source = models.CharField(max_length=300, help_text="Who published the facts, and where.")
    source_url = models.URLField("source URL", max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    # Planning: what a demanded scheme takes. Its phases and cost lines are rows of their own.
    plannable = models.BooleanField(
        default=False,
        help_text="Tick when the scheme has the planning data below (a law needs no phases): "
        "a buyer's demand for it then becomes part of the plan.",
    )
    builds_on = models.CharField(
        max_length=40,
        blank=True,
        help_text="What it builds on: soc2, iso27001 or another scheme's key. Empty: nothing.",
    )
    carry_over = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Percent of this scheme's preparation already done when the base is held or "
        "built first.",
    )
    prerequisite = models.BooleanField(
        default=False,
        help_text="The base must be obtained before this scheme can be (Cyber Essentials "
        "before Cyber Essentials Plus).",
    )
    renewal_months = models.PositiveSmallIntegerField(
        default=0, help_text="How often the assessment is repeated, in months (0: never)."
    )
    meanwhile = models.TextField(
        blank=True, help_text="What a waiting buyer can be offered until it is in hand."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        constraints = [
            models.CheckConstraint(condition=~Q(summary=""), name="scheme_summary_not_empty"),
            models.CheckConstraint(condition=~Q(advice=""), name="scheme_advice_not_empty"),
            models.CheckConstraint(condition=~Q(source=""), name="scheme_source_not_empty"),
            models.CheckConstraint(condition=~Q(source_url=""), name="scheme_url_not_empty"),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="scheme_severity_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SchemeKind.values), name="scheme_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(triggers="") | ~Q(aliases=""), name="scheme_can_apply"
            ),
            models.CheckConstraint(condition=Q(carry_over__lte=100), name="scheme_carry_over_pct"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        try:
            trigger_parse(self.triggers)
        except TriggerError as exc:
            errors["triggers"] = str(exc)
        try:
            aliases_parse(self.aliases)
        except AliasError as exc:
            errors["aliases"] = str(exc)
        if self.severity == Severity.LATER:
            errors["severity"] = (
                "“Applies once you sell there” is set by the engine for planned markets; "
                "choose how firmly the answers point to the scheme."
            )
        if self.builds_on and self.builds_on == self.key:
            errors["builds_on"] = "A scheme cannot build on itself."
        if self.prerequisite and not self.builds_on:
            errors["prerequisite"] = "Name the scheme or framework it needs first in “builds on”."
        if not (self.triggers or "").strip() and not (self.aliases or "").strip():
            errors["triggers"] = (
                "Give at least one rule here or one alias below; otherwise the scheme never applies."
            )
        if errors:
            raise ValidationError(errors)


class SchemePhase(RangeMixin):
    """One step on the way to a scheme, in weeks: fast (low), typical and slow (high)."""

    scheme = models.ForeignKey(AdjacentScheme, on_delete=models.CASCADE, related_name="phases")
    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(
        max_length=10,
        choices=PhaseKind.choices,
        help_text="Preparation is scaled by the team and any head start; an assessment, an "
        "observation period and a wait on the scheme owner are not.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme__position", "scheme__key", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=models.F("typical")) & Q(typical__lte=models.F("high")),
                name="scheme_phase_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PhaseKind.values), name="scheme_phase_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name}: {self.name}"
