"""Error pages in the site's own style. They must render even when the database is down."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)


def _unlisted(response: HttpResponse) -> HttpResponse:
    """Error pages are never indexed nor kept by a shared cache: a 404 for a revoked link
    must stay a 404."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    body = loader.render_to_string("404.html", request=request)
    return _unlisted(HttpResponse(body, status=404))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    body = loader.render_to_string("403.html", request=request)
    return _unlisted(HttpResponse(body, status=403))


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """allauth's 429 answers (sign-up, password reset) in the site's layout."""
    body = loader.render_to_string("429.html", request=request)
    return _unlisted(HttpResponse(body, status=429, headers={"Retry-After": "300"}))


def _database_unavailable(exc: BaseException) -> HttpResponse:
    logger.error("Database unavailable: %s", type(exc).__name__)
    body = loader.render_to_string("503.html")
    return _unlisted(HttpResponse(body, status=503, headers={"Retry-After": "30"}))


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except for a session that could not be saved because the database is down
    (a page can be drawn from the cached session without it): that is the outage page."""
    cause = exception.__context__
    while cause is not None:
        if isinstance(cause, (OperationalError, InterfaceError)):
            return _database_unavailable(cause)
        cause = cause.__context__
    return defaults.bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its exception handler, so the exception is still at hand.
    A database outage gets a 'come back soon' page; the answers in the session are kept."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DatabaseError):
        return _database_unavailable(exc)
    body = loader.render_to_string("500.html")
    return _unlisted(HttpResponse(body, status=500))


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
