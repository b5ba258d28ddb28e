"""The frameworks, their groups and controls, the mapping between them and the comparison."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from frameworks.vocabulary import ControlKind, GroupKind, Relation


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
