import secrets
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse

from assessments.engine.formats import locale_for


class CompactJSONEncoder(DjangoJSONEncoder):
    """JSON without the spaces after separators: a saved result is stored once and read often."""

    item_separator, key_separator = ",", ":"


class AssessmentQuerySet(models.QuerySet):
    def by_link(self, key) -> "AssessmentQuerySet":
        """What a link opens: the assessment whose current link key this is."""
        return self.filter(link_key=key)

    def without_result(self) -> "AssessmentQuerySet":
        """For pages served from a kept rendering: the result (about 40 kB of JSON, a few ms to
        decode on every request) is read only if a rendering has to be made."""
        return self.defer("result")

    def with_chain_size(self) -> "AssessmentQuerySet":
        """Each row with `chain_size`, the number of versions in its chain, in the same query:
        a report lists its versions only when there is more than one."""
        size = (
            Assessment.objects.filter(chain_id=OuterRef("chain_id"))
            .order_by()
            .values("chain_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(chain_size=Subquery(size))

    def lineage(self, assessment: "Assessment") -> "AssessmentQuerySet":
        """Every version of the assessment's chain, itself included, newest first."""
        return self.filter(chain_id=assessment.chain_id).order_by("-created_at", "-pk")

    def owned_by(self, *, user, session_ids) -> "AssessmentQuerySet":
        """What a visitor owns: their account's assessments, and the unclaimed ones this browser
        session made."""
        mine = Q(owner__isnull=True, pk__in=list(session_ids))
        if user is not None and user.is_authenticated:
            mine |= Q(owner_id=user.pk)
        return self.filter(mine)


class Assessment(models.Model):
    """One submitted set of answers and the result computed from them at that moment.

    A result never changes after it is saved: editing the answers or recalculating with newer
    reference data creates a new Assessment. The owner's new versions point back at this one
    and share its chain; anyone else's edit is a copy that starts a chain of its own.

    The link that opens an assessment carries `link_key`, never the id. The first key equals
    the id, so links made before keys existed keep working; revoking a link gives every
    version of the chain a fresh key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link_key = models.UUIDField(unique=True, editable=False)
    # The id of the chain's first version; kept when that version is deleted.
    chain_id = models.UUIDField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    predecessor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    answers = models.JSONField()
    result = models.JSONField(encoder=CompactJSONEncoder)
    reference_version = models.CharField(max_length=40)
    engine_version = models.CharField(max_length=20)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["chain_id", "-created_at"], name="assessment_chain_newest"),
            models.Index(fields=["owner", "-created_at"], name="assessment_owner_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(predecessor__isnull=True) | ~Q(chain_id=F("id")),
                name="assessment_version_joins_a_chain",
            ),
            models.CheckConstraint(
                condition=Q(copied_from__isnull=True) | Q(chain_id=F("id")),
                name="assessment_copy_starts_a_chain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:report", kwargs={"key": self.link_key})

    @property
    def company_name(self) -> str:
        return (self.answers.get("company_name") or "").strip() or "Your company"

    @property
    def locale(self) -> str:
        """The locale its figures and dates are written in, everywhere (engine/formats.py)."""
        return locale_for(self.answers.get("currency"))


class ReferenceSnapshot(models.Model):
    """The reference data one version of it held, saved once, the first time an assessment is
    computed with it. Reports read control titles, question texts, the crosswalk and the
    comparison from here, so a saved result keeps only what depends on the answers and a report
    still reads as it was computed after the reference data changes."""

    version = models.CharField(max_length=40, unique=True)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.version


# The folder of the storage the board packs are kept in; nothing else is written there.
PDF_FOLDER = "pdfs"


def pdf_file_name(instance: "RenderedPdf | None" = None, filename: str = "") -> str:
    """A fresh random name in the PDF folder: nothing public (an id, a link key, a company
    name) leads to a file. Files are never served by URL, only through the download view."""
    return f"{PDF_FOLDER}/{secrets.token_hex(16)}.pdf"


class PageSize(models.TextChoices):
    LETTER = "letter", "US Letter"
    A4 = "a4", "A4"


class PdfStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class RenderedPdf(models.Model):
    """An assessment's board pack in one page size, as drawn by one version of the report code
    from one version of the reference data. The task worker renders it into a file in the
    default storage (local disk, or S3 when configured); downloads stream that file."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="pdfs")
    page_size = models.CharField(max_length=6, choices=PageSize.choices)
    reference_version = models.CharField(max_length=40)
    # The fingerprint of the code and templates that draw the PDF (report/rendered.py).
    render_version = models.CharField(max_length=12)
    status = models.CharField(max_length=9, choices=PdfStatus.choices, default=PdfStatus.QUEUED)
    # Each queued render gets a fresh token, and only the task holding it may fill the row: a
    # task that lost the row (to a retry, a revocation or a deletion) changes nothing.
    attempt = models.UUIDField(default=uuid.uuid4, editable=False)
    task_id = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=pdf_file_name, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "page_size", "reference_version", "render_version"],
                name="renderedpdf_one_per_version",
            ),
            models.CheckConstraint(
                condition=~Q(status=PdfStatus.READY) | ~Q(file=""),
                name="renderedpdf_ready_has_a_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.page_size} ({self.status})"


class RateCounter(models.Model):
    """The hits one client made in one rate-limit window, counted in the database when the
    cache cannot count atomically (see ratelimit.py)."""

    key = models.CharField(max_length=100, primary_key=True)
    hits = models.PositiveIntegerField(default=1)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
