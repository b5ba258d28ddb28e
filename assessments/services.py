"""Writes: saving an assessment and its result in one step, new versions and copies, and what
the owner may do to a chain (revoke its links, delete it, claim it on sign-in)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.engine.answers import Answers
from assessments.engine.evaluate import ENGINE_VERSION, evaluate
from assessments.engine.reference import ReferenceData
from assessments.engine.serial import to_json
from assessments.models import Assessment, ReferenceSnapshot, RenderedPdf
from assessments.selectors import reference_data_current, reference_data_load
from assessments.tasks import assessment_pdf_schedule

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Author:
    """Who is making a new assessment from an existing one: whether they own it, and the
    account they are signed in with (None when anonymous)."""

    owns_source: bool
    user: AbstractBaseUser | None = None


def reference_snapshot_keep(*, reference: ReferenceData, version: str) -> None:
    """Save this version of the reference data, unless it is saved already."""
    if not ReferenceSnapshot.objects.filter(version=version).exists():
        ReferenceSnapshot.objects.get_or_create(
            version=version, defaults={"data": to_json(reference)}
        )


class SourceGone(Exception):
    """The assessment a new version or copy was made from was deleted meanwhile."""


@transaction.atomic
def assessment_submit(
    *,
    answers: Answers,
    reference: ReferenceData | None = None,
    predecessor: Assessment | None = None,
    copied_from: Assessment | None = None,
    owner: AbstractBaseUser | None = None,
) -> Assessment:
    """Run the engine on the answers and save answers, result and data version together.
    Either all of it is saved or none of it. With a predecessor the new assessment joins its
    chain; otherwise (a first submit, or a copy) it starts one. Its first link key is its id."""
    reference = reference or reference_data_current()
    result = evaluate(answers, reference)
    reference_snapshot_keep(reference=reference, version=result.reference_version)
    new_id = uuid.uuid4()
    assessment = Assessment(
        id=new_id,
        link_key=new_id,
        chain_id=predecessor.chain_id if predecessor is not None else new_id,
        answers=answers.to_dict(),
        result=result.to_dict(),
        reference_version=result.reference_version,
        engine_version=ENGINE_VERSION,
        predecessor=predecessor,
        copied_from=copied_from,
        # An authenticated user is an AUTH_USER_MODEL, which the stubs cannot tell.
        owner=owner if owner is not None and owner.is_authenticated else None,  # type: ignore[misc]
    )
    # The ids are fresh random UUIDs and the database enforces uniqueness and the chain
    # constraints on insert; asking it first cost eight round trips per submit.
    try:
        assessment.full_clean(validate_unique=False, validate_constraints=False)
        with transaction.atomic():  # a savepoint: a failed insert leaves the rest usable
            assessment.save()
    except (ValidationError, IntegrityError) as exc:
        # The source vanished between the request reading it and this insert (its owner
        # deleted the chain): the caller answers 409, never 500.
        source = predecessor or copied_from
        if source is not None and not Assessment.objects.filter(pk=source.pk).exists():
            raise SourceGone(str(source.pk)) from exc
        raise
    assessment_pdf_schedule(assessment)
    logger.info(
        "assessment saved id=%s verdict=%s data=%s copy=%s",
        assessment.pk,
        result.verdict,
        result.reference_version,
        copied_from is not None,
    )
    return assessment


def assessment_derive(
    *,
    source: Assessment,
    answers: Answers,
    author: Author,
    reference: ReferenceData | None = None,
) -> Assessment:
    """A new assessment made from `source`. The owner's is the next version of its chain and
    belongs to the chain's owner; anyone else's is a copy of their own, linked back to the
    source for reference and never part of the source's chain."""
    if author.owns_source:
        return assessment_submit(
            answers=answers, reference=reference, predecessor=source, owner=source.owner
        )
    return assessment_submit(
        answers=answers, reference=reference, copied_from=source, owner=author.user
    )


def assessment_recalculate(*, assessment: Assessment, author: Author) -> Assessment:
    """A new version (or copy) computed from the same answers with today's reference data."""
    answers = replace(Answers.from_dict(assessment.answers), assessed_on=timezone.localdate())
    # Read straight from the database: the user asked for the current data, not a memo of it.
    return assessment_derive(
        source=assessment, answers=answers, author=author, reference=reference_data_load()
    )


def assessment_override_controls(
    *,
    assessment: Assessment,
    framework: str,
    overrides: dict[str, dict[str, str]],
    author: Author,
) -> Assessment:
    """A new version (or copy) with the user's control-by-control verdicts for one framework.
    Verdicts for the other framework are carried over; the earlier version is never touched."""
    answers = Answers.from_dict(assessment.answers)
    kept = {k: v for k, v in answers.control_overrides.items() if not k.startswith(framework + ":")}
    answers = replace(
        answers, control_overrides={**kept, **overrides}, assessed_on=timezone.localdate()
    )
    return assessment_derive(source=assessment, answers=answers, author=author)


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    """Remove the assessment with its answers and result, and every kept rendering of it."""
    _delete(Assessment.objects.filter(pk=assessment.pk))


@transaction.atomic
def assessment_chain_delete(*, assessment: Assessment) -> int:
    """Remove every version of the assessment's chain; returns how many were removed."""
    return _delete(Assessment.objects.lineage(assessment))


def _delete(assessments) -> int:
    from assessments.report.rendered import renderings_forget

    ids = list(assessments.values_list("pk", flat=True))
    # Their PDF rows go with them (cascade), and each row's file once this commits (signals.py).
    Assessment.objects.filter(pk__in=ids).delete()
    for pk in ids:
        transaction.on_commit(partial(renderings_forget, assessment_id=pk))
        logger.info("assessment deleted id=%s", pk)
    return len(ids)


@transaction.atomic
def assessment_links_revoke(*, assessment: Assessment) -> Assessment:
    """Give every version of the chain a fresh link key, so every link to any of them that was
    ever shared stops working at once. Returns `assessment` with its new key."""
    versions = list(Assessment.objects.lineage(assessment).select_for_update().only("pk"))
    for version in versions:
        version.link_key = uuid.uuid4()
    Assessment.objects.bulk_update(versions, ["link_key"])
    # Kept renderings (report sections, PDFs) carry links under the old keys: drop them. A PDF
    # file goes once this commits (signals.py); the next download renders the new links.
    RenderedPdf.objects.filter(assessment__in=versions).delete()
    from assessments.report.rendered import renderings_forget

    for version in versions:
        transaction.on_commit(partial(renderings_forget, assessment_id=version.pk))
    logger.info("assessment links revoked chain=%s versions=%d", assessment.chain_id, len(versions))
    return Assessment.objects.get(pk=assessment.pk)


@transaction.atomic
def assessments_claim(*, ids: Iterable[str], owner: AbstractBaseUser) -> int:
    """Give the account every assessment in `ids` that no account owns yet (the ones a browser
    session made before signing in); returns how many it claimed. Another account's
    assessments are never taken."""
    claimed = Assessment.objects.filter(pk__in=list(ids), owner__isnull=True).update(owner=owner)
    if claimed:
        logger.info("assessments claimed by user=%s count=%d", owner.pk, claimed)
    return claimed
