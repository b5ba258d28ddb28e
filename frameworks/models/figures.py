"""The figures and weights the recommendation engine reads: costs, durations, decision factors
and rules, and exchange rates."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from frameworks.models.catalogue import Framework
from frameworks.vocabulary import Currency, Recurrence, SizeBand

WEIGHT_MIN = 0
WEIGHT_MAX = 40


class SourceType(models.TextChoices):
    """Who stands behind a figure, strongest first. A figure in a total must rest on one of
    the first six (or be derived from them); vendor and blog figures are estimates."""

    CPA = "cpa", "Licensed audit firm (CPA): trust for SOC 2 fees"
    CB = "cb", "Certification body: trust for ISO audit fees and day rates"
    AB = "ab", "Accreditation body: trust for rules of audit time and cycles"
    STANDARD = "standard", "Standard or IAF mandatory document: trust for audit time"
    SCHEME = "scheme", "Scheme owner: trust for a scheme's own fees and rules"
    GOVERNMENT = "government", "Government statistics: trust for wages and labour cost"
    DERIVED = "derived", "Certpath, derived from the sources above: trust as far as they go"
    VENDOR = "vendor", "Vendor with a commercial interest: an estimate, check with quotes"
    BLOG = "blog", "General content site: an estimate only, never alone in a total"
    ESTIMATE = "estimate", "Certpath estimate, nobody publishes it: get quotes"


TRUSTED_SOURCES = frozenset(
    {
        SourceType.CPA,
        SourceType.CB,
        SourceType.AB,
        SourceType.STANDARD,
        SourceType.SCHEME,
        SourceType.GOVERNMENT,
        SourceType.DERIVED,
    }
)


class RangeMixin(models.Model):
    """A low / typical / high range. The database refuses a range that runs backwards."""

    low = models.PositiveIntegerField()
    typical = models.PositiveIntegerField()
    high = models.PositiveIntegerField()
    source = models.CharField(max_length=300, help_text="Who published the figure, and where.")
    source_type = models.CharField(
        max_length=10,
        choices=SourceType.choices,
        help_text="Who stands behind the figure; the choice says how far to trust it.",
    )
    source_date = models.DateField(
        null=True, blank=True, help_text="When the source published the figure (or its date)."
    )
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
    scheme = models.ForeignKey(
        "frameworks.AdjacentScheme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cost_items",
        help_text="For a cost of another scheme (PCI DSS, TISAX ...) instead of a framework.",
    )
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    size_band = models.CharField(
        max_length=10,
        choices=SizeBand.choices,
        blank=True,
        help_text="Empty when the figure holds for a company of any size.",
    )
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices)
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
        help_text="The currency the source prices in. A row in the user's own currency is "
        "used before a converted US figure.",
    )
    verified = models.BooleanField(
        default=True,
        help_text="Clear this when no source a CFO would accept confirms the figure: the report "
        "then marks it as an estimate (it still counts when the user's route needs it).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "size_band", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "size_band", "currency"], name="cost_key_band_currency_unique"
            ),
            models.CheckConstraint(
                condition=Q(low__lte=F("typical")) & Q(typical__lte=F("high")),
                name="cost_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(framework__isnull=True) | Q(scheme__isnull=True),
                name="cost_framework_or_scheme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_size_band_display()})"

    def clean(self) -> None:
        super().clean()
        if self.framework_id and self.scheme_id:
            raise ValidationError("A cost belongs to a framework or to a scheme, not to both.")


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


class PricingFactor(RangeMixin):
    """How auditors price: a percentage range, such as a Type I's share of the Type II fee or
    the discount for buying two audits from one firm."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=F("typical")) & Q(typical__lte=F("high")) & Q(high__lte=100),
                name="pricing_range_ordered",
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
