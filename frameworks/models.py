"""The reference data: frameworks, their controls, the mapping between them, and the figures
and weights the recommendation engine reads. Staff edit all of it in the admin, with history."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .triggers import AliasError, TriggerError, aliases_parse, trigger_parse
from .vocabulary import (
    ControlKind,
    Currency,
    Effort,
    GroupKind,
    Recurrence,
    Relation,
    SchemeKind,
    Severity,
    SizeBand,
)

WEIGHT_MIN = 0
WEIGHT_MAX = 40


class Framework(models.Model):
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=80)
    edition = models.CharField(max_length=120)
    summary = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", kwargs={"code": self.code})


class ControlGroup(models.Model):
    Kind = GroupKind

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="groups")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="group_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name} · {self.name}"


class Control(models.Model):
    Kind = ControlKind

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="controls")
    group = models.ForeignKey(ControlGroup, on_delete=models.PROTECT, related_name="controls")
    ref = models.CharField("id", max_length=20, help_text="The id as published, e.g. CC6.1.")
    title = models.CharField(max_length=200, help_text="The official short title.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(help_text="What the control expects, in our own words.")
    auditor_evidence = models.TextField(
        "what an auditor will want to see", help_text="Plain-language evidence an auditor asks for."
    )
    new_in_2022 = models.BooleanField("new in 2022", default=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.PositiveSmallIntegerField(default=1)
    coso_principle = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "ref"], name="control_ref_unique"),
            models.CheckConstraint(
                condition=~Q(description=""), name="control_description_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", kwargs={"code": self.framework.code}) + f"#c-{self.ref}"

    def clean(self) -> None:
        if self.group_id and self.framework_id and self.group.framework_id != self.framework_id:
            raise ValidationError({"group": "The group belongs to another framework."})


class ControlMapping(models.Model):
    """A link from a Trust Services Criterion to an ISO item. The relation reads from the
    criterion's side: `subset` means the criterion is narrower than the ISO item."""

    Relation = Relation

    source = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="mappings_out")
    target = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="mappings_in")
    # Stored beside the controls so the database itself can refuse a same-framework link.
    source_framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="+", editable=False
    )
    target_framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="+", editable=False
    )
    relation = models.CharField(max_length=10, choices=Relation.choices)
    rationale = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source__framework__position", "source__position", "target__position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="mapping_pair_unique"),
            models.CheckConstraint(
                condition=~Q(source_framework=F("target_framework")),
                name="mapping_crosses_frameworks",
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="mapping_has_rationale"),
        ]

    def __str__(self) -> str:
        return f"{self.source.ref} ↔ {self.target.ref} ({self.relation})"

    def save(self, *args, **kwargs) -> None:
        # Keep the denormalised framework columns true to the linked controls.
        self.source_framework_id = self.source.framework_id
        self.target_framework_id = self.target.framework_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not (self.source_id and self.target_id):
            return
        if self.source.framework_id == self.target.framework_id:
            raise ValidationError(
                "A mapping must link controls of two different frameworks; "
                f"{self.source.ref} and {self.target.ref} are both in {self.source.framework}."
            )
        self.source_framework_id = self.source.framework_id
        self.target_framework_id = self.target.framework_id


class ComparisonAspect(models.Model):
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class ComparisonText(models.Model):
    aspect = models.ForeignKey(ComparisonAspect, on_delete=models.CASCADE, related_name="texts")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["aspect__position", "framework__position"]
        constraints = [
            models.UniqueConstraint(fields=["aspect", "framework"], name="aspect_text_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="aspect_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.aspect} · {self.framework}"


class SourceType(models.TextChoices):
    CPA = "cpa", "Licensed audit firm (CPA)"
    CB = "cb", "Certification body"
    AB = "ab", "Accreditation body"
    VENDOR = "vendor", "Vendor (commercial interest)"
    BLOG = "blog", "General content site"
    DERIVED = "derived", "Certpath estimate derived from the sources"


class RangeMixin(models.Model):
    """A low / typical / high range. The database refuses a range that runs backwards."""

    low = models.PositiveIntegerField()
    typical = models.PositiveIntegerField()
    high = models.PositiveIntegerField()
    source = models.CharField(max_length=300, help_text="Who published the figure, and where.")
    source_type = models.CharField(max_length=10, choices=SourceType.choices)
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if None in (self.low, self.typical, self.high):
            return
        if not self.low <= self.typical <= self.high:
            raise ValidationError(
                f"The range must run low ≤ typical ≤ high; got {self.low} / {self.typical} / "
                f"{self.high}."
            )


class CostItem(RangeMixin):
    Recurrence = Recurrence

    framework = models.ForeignKey(
        Framework,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cost_items",
        help_text="Empty when the cost applies whichever framework is chosen.",
    )
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    size_band = models.CharField(max_length=10, choices=SizeBand.choices)
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices)
    currency = models.CharField(max_length=3, default=Currency.USD)
    verified = models.BooleanField(
        default=True,
        help_text="Clear this when no public source confirms the figure: the report then shows it "
        "as an estimate and leaves it out of the totals unless the user counts it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "size_band"]
        constraints = [
            models.UniqueConstraint(fields=["key", "size_band"], name="cost_key_band_unique"),
            models.CheckConstraint(
                condition=Q(low__lte=F("typical")) & Q(typical__lte=F("high")),
                name="cost_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_size_band_display()})"


class TimelineEstimate(RangeMixin):
    """Durations in weeks for one phase of getting a report or a certificate."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="timelines")
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__position", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=F("typical")) & Q(typical__lte=F("high")),
                name="timeline_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DecisionFactor(models.Model):
    """A weight the recommendation engine reads: how many points an answer gives a framework."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(help_text="When the factor applies, in plain words.")
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="factors", help_text="Who it favours."
    )
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(WEIGHT_MIN), MaxValueValidator(WEIGHT_MAX)],
        help_text=f"Points, from {WEIGHT_MIN} to {WEIGHT_MAX}.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=WEIGHT_MIN) & Q(weight__lte=WEIGHT_MAX),
                name="factor_weight_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def _plain(number) -> str:
    """3.00 reads as 3, 0.50 as 0.5."""
    return f"{number.normalize():f}" if hasattr(number, "normalize") else f"{number:g}"


class DecisionRule(models.Model):
    """A threshold the recommendation engine reads: when "not yet" applies, how strong signals
    must be to decide alone, the default Type II window. Each row keeps its own bounds."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(help_text="What the value means, in plain words.")
    value = models.DecimalField(max_digits=9, decimal_places=2)
    min_value = models.DecimalField(max_digits=9, decimal_places=2, editable=False)
    max_value = models.DecimalField(max_digits=9, decimal_places=2, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=F("min_value")) & Q(value__lte=F("max_value")),
                name="rule_value_in_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if None in (self.value, self.min_value, self.max_value):
            return
        if not self.min_value <= self.value <= self.max_value:
            raise ValidationError(
                {
                    "value": f"Choose a value from {_plain(self.min_value)} to {_plain(self.max_value)}."
                }
            )


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


class ExchangeRate(models.Model):
    """How many units of a currency one US dollar buys; cost figures are stored in USD."""

    currency = models.CharField(max_length=3, unique=True)
    per_usd = models.DecimalField(
        max_digits=10, decimal_places=4, validators=[MinValueValidator(0.0001)]
    )
    as_of = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(condition=Q(per_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 USD = {self.per_usd} {self.currency}"


# Adjacent schemes ---------------------------------------------------------------------------

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
        if not (self.triggers or "").strip() and not (self.aliases or "").strip():
            errors["triggers"] = (
                "Give at least one rule here or one alias below; otherwise the scheme never applies."
            )
        if errors:
            raise ValidationError(errors)
