"""Writes: saving an assessment and its result in one step."""

from __future__ import annotations

import logging
from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from frameworks.selectors import reference_data_current, reference_data_load

from .engine.answers import Answers
from .engine.evaluate import ENGINE_VERSION, evaluate
from .engine.reference import ReferenceData
from .models import Assessment

logger = logging.getLogger(__name__)


@transaction.atomic
def assessment_submit(
    *,
    answers: Answers,
    reference: ReferenceData | None = None,
    predecessor: Assessment | None = None,
    owner: AbstractBaseUser | None = None,
) -> Assessment:
    """Run the engine on the answers and save answers, result and data version together.
    Either all of it is saved or none of it."""
    reference = reference or reference_data_current()
    result = evaluate(answers, reference)
    assessment = Assessment(
        answers=answers.to_dict(),
        result=result.to_dict(),
        reference_version=result.reference_version,
        engine_version=ENGINE_VERSION,
        predecessor=predecessor,
        owner=owner if owner is not None and owner.is_authenticated else None,
    )
    assessment.full_clean()
    assessment.save()
    logger.info(
        "assessment saved id=%s verdict=%s data=%s",
        assessment.pk,
        result.verdict,
        result.reference_version,
    )
    return assessment


def assessment_recalculate(*, assessment: Assessment) -> Assessment:
    """A new version computed from the same answers with today's reference data."""
    answers = replace(Answers.from_dict(assessment.answers), assessed_on=timezone.localdate())
    # Read straight from the database: the user asked for the current data, not a memo of it.
    return assessment_submit(
        answers=answers,
        reference=reference_data_load(),
        predecessor=assessment,
        owner=assessment.owner,
    )


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    """Remove the assessment with its answers and result, and every kept rendering of it."""
    from .pdf import assessment_pdf_forget
    from .report_cache import report_forget

    pk = assessment.pk
    assessment.delete()
    transaction.on_commit(lambda: assessment_pdf_forget(assessment_id=pk))
    transaction.on_commit(lambda: report_forget(assessment_id=pk))
    logger.info("assessment deleted id=%s", pk)


def assessment_override_controls(
    *, assessment: Assessment, framework: str, overrides: dict[str, dict[str, str]]
) -> Assessment:
    """A new version with the user's control-by-control verdicts for one framework. Verdicts
    for the other framework are carried over; the earlier version is never touched."""
    answers = Answers.from_dict(assessment.answers)
    kept = {k: v for k, v in answers.control_overrides.items() if not k.startswith(framework + ":")}
    answers = replace(
        answers, control_overrides={**kept, **overrides}, assessed_on=timezone.localdate()
    )
    return assessment_submit(answers=answers, predecessor=assessment, owner=assessment.owner)
