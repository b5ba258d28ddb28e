"""What every assessment view shares: finding an assessment by its link, the headers of a
private page, and what happens after a new assessment is made."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from assessments.models import Assessment
from assessments.ownership import session_owned_add
from assessments.report.rendered import report_sections


def private_headers(response: HttpResponse) -> HttpResponse:
    """Assessment pages are unlisted and personal: search engines must not index them, and no
    browser or shared cache may keep them, so a revoked link stops working everywhere."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def private(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return private_headers(view(request, *args, **kwargs))

    return wrapped


def by_link(key, queryset=None) -> Assessment:
    """The assessment a link opens; 404 for a key that was never issued or was revoked."""
    queryset = Assessment.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.by_link(key))


def created(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """After any new assessment: a browser without an account owns it, its report is rendered
    now (so the first view is fast), and the visitor goes to it."""
    session_owned_add(request, assessment)
    report_sections(assessment)
    return redirect(assessment)


def source_gone(request: HttpRequest) -> HttpResponse:
    """The report a new version or copy was made from was deleted meanwhile: a conflict."""
    return render(request, "assessments/source_gone.html", status=409)


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "assessments/too_many.html")
    response.status_code = 429
    response["Retry-After"] = "3600"
    return response


def forbidden(request: HttpRequest, assessment: Assessment, action: str) -> HttpResponse:
    response = render(
        request,
        "assessments/owner_only.html",
        {"assessment": assessment, "action": action},
    )
    response.status_code = 403
    return private_headers(response)
