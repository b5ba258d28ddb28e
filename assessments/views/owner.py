"""What only the owner may do, and the workspace where the owner finds their assessments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessments.models import Assessment
from assessments.ownership import is_owner, owned_assessments, session_owned_forget
from assessments.selectors import workspace_page
from assessments.services import assessment_chain_delete, assessment_delete, assessment_links_revoke
from assessments.views.common import by_link, forbidden, private

SEARCH_MAX = 100


@private
def workspace(request: HttpRequest) -> HttpResponse:
    """My assessments: each chain once, by its newest version."""
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    page = workspace_page(
        owned=owned_assessments(request), search=search, number=request.GET.get("page", 1)
    )
    return render(request, "assessments/workspace.html", {"page": page, "search": search})


@private
def delete(request: HttpRequest, key) -> HttpResponse:
    """Delete this version. Deletion is real; the chain's other versions are kept."""
    assessment = by_link(key)
    if not is_owner(request, assessment):
        return forbidden(request, assessment, "delete")
    if request.method != "POST":
        return render(request, "assessments/delete_confirm.html", {"assessment": assessment})
    assessment_delete(assessment=assessment)
    session_owned_forget(request, [assessment.pk])
    messages.success(request, "The assessment and its answers were deleted.")
    return redirect("assessments:workspace")


@private
def chain_delete(request: HttpRequest, key) -> HttpResponse:
    """Delete every version of this assessment's chain."""
    assessment = by_link(key)
    if not is_owner(request, assessment):
        return forbidden(request, assessment, "delete")
    versions = Assessment.objects.lineage(assessment)
    if request.method != "POST":
        context = {"assessment": assessment, "version_count": versions.count()}
        return render(request, "assessments/chain_delete_confirm.html", context)
    ids = list(versions.values_list("pk", flat=True))
    count = assessment_chain_delete(assessment=assessment)
    session_owned_forget(request, ids)
    noun = "version" if count == 1 else "versions"
    messages.success(request, f"The assessment and its {count} {noun} were deleted.")
    return redirect("assessments:workspace")


@private
def revoke(request: HttpRequest, key) -> HttpResponse:
    """Replace the links of every version of the chain; the old ones give 404 at once."""
    assessment = by_link(key)
    if not is_owner(request, assessment):
        return forbidden(request, assessment, "revoke")
    if request.method != "POST":
        return render(request, "assessments/revoke_confirm.html", {"assessment": assessment})
    renewed = assessment_links_revoke(assessment=assessment)
    messages.success(
        request,
        "The old links stopped working. This page has a new link: share it only with "
        "people who should see the report.",
    )
    return redirect(renewed)
