"""Adjacent schemes: other certifications, reports and laws a company's answers point to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..triggers import AliasError, TriggerError, aliases_parse, trigger_parse
from ..vocabulary import SchemeKind, Severity

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
