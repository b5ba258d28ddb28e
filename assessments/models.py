import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class Assessment(models.Model):
    """One submitted set of answers and the result computed from them at that moment.

    A result never changes after it is saved: editing the answers or recalculating with newer
    reference data creates a new Assessment that points back at this one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    answers = models.JSONField()
    result = models.JSONField()
    reference_version = models.CharField(max_length=40)
    engine_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.company_name} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:report", kwargs={"pk": self.pk})

    @property
    def company_name(self) -> str:
        return (self.answers.get("company_name") or "").strip() or "Your company"
