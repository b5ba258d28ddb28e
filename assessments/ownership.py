"""Who owns an assessment, as seen from a request.

Anyone with a link may view. Only the owner may change: the account that owns the assessment,
or, while no account owns it, the browser session that made it. The session keeps the ids it
made; signing in hands them to the account (`assessments_claim`)."""

from __future__ import annotations

from django.http import HttpRequest

from assessments.models import Assessment
from assessments.services import Author

OWNED_KEY = "certpath_owned"
SESSION_LIMIT = 200


def session_owned_ids(request: HttpRequest) -> list[str]:
    return list(request.session.get(OWNED_KEY, []))


def session_owned_add(request: HttpRequest, assessment: Assessment) -> None:
    """This browser session made the assessment and owns it until an account claims it."""
    if assessment.owner_id is None:
        ids = session_owned_ids(request)
        request.session[OWNED_KEY] = [*ids, str(assessment.pk)][-SESSION_LIMIT:]


def session_owned_forget(request: HttpRequest, ids) -> None:
    gone = {str(pk) for pk in ids}
    kept = [pk for pk in session_owned_ids(request) if pk not in gone]
    if len(kept) != len(session_owned_ids(request)):
        request.session[OWNED_KEY] = kept


def is_owner(request: HttpRequest, assessment: Assessment) -> bool:
    if assessment.owner_id is not None:
        user = request.user
        return user.is_authenticated and assessment.owner_id == user.pk
    return str(assessment.pk) in request.session.get(OWNED_KEY, ())


def author_of(request: HttpRequest, source: Assessment) -> Author:
    user = request.user if request.user.is_authenticated else None
    return Author(owns_source=is_owner(request, source), user=user)


def owned_assessments(request: HttpRequest):
    return Assessment.objects.owned_by(user=request.user, session_ids=session_owned_ids(request))
