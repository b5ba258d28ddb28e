"""The report and the pages around it. Anyone with the link may open them; a change made by
someone other than the owner saves a copy of their own."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_POST

from assessments.formatting import FRAMEWORK_NAMES
from assessments.models import Assessment, PdfStatus
from assessments.ownership import author_of, is_owner
from assessments.ratelimit import assessment_creation_allowed
from assessments.report.compare import compare_context
from assessments.report.context import report_context
from assessments.report.deep_dive import deep_dive_controls, deep_dive_initial
from assessments.report.downloads import download_name
from assessments.report.model import saved_report
from assessments.report.pdf import page_size_for
from assessments.report.rendered import report_sections
from assessments.report.soa import SOA_COLUMNS, soa_rows
from assessments.report.spreadsheets import (
    cost_lines_workbook,
    crosswalk_workbook,
    gap_register_workbook,
    soa_workbook,
)
from assessments.report.xlsx import XLSX_CONTENT_TYPE, workbook_bytes
from assessments.selectors import versions_page
from assessments.services import SourceGone, assessment_override_controls, assessment_recalculate
from assessments.tasks import assessment_pdf_file_lost, assessment_pdf_request
from assessments.views.common import by_link, created, private, source_gone, too_many
from assessments.wizard.forms import DeepDiveForm


@private
def report(request: HttpRequest, key) -> HttpResponse:
    # The sections come from a kept rendering; only the page around them is drawn here.
    assessment = by_link(key, Assessment.objects.without_result().with_chain_size())
    versions = None
    if assessment.chain_size > 1:  # type: ignore[attr-defined]  # from with_chain_size()
        versions = versions_page(assessment=assessment, number=request.GET.get("versions"))
    context = {
        "assessment": assessment,
        "company": assessment.company_name,
        "sections": report_sections(assessment),
        "versions": versions,
        "is_owner": is_owner(request, assessment),
        "share_url": request.build_absolute_uri(assessment.get_absolute_url()),
    }
    return render(request, "assessments/report.html", context)


@private
@require_POST
def recalculate(request: HttpRequest, key) -> HttpResponse:
    original = by_link(key)
    if not assessment_creation_allowed(request):
        return too_many(request)
    author = author_of(request, original)
    try:
        assessment = assessment_recalculate(assessment=original, author=author)
    except SourceGone:
        return source_gone(request)
    if author.owns_source:
        messages.success(request, "A new version was computed with the current reference data.")
    else:
        messages.success(
            request,
            "Your own copy was computed with the current reference data; the shared report "
            "is unchanged.",
        )
    return created(request, assessment)


@private
def compare(request: HttpRequest, key, other) -> HttpResponse:
    first, second = by_link(key), by_link(other)
    if first.pk == second.pk:
        raise Http404("Choose two different versions")
    return render(
        request,
        "assessments/compare.html",
        compare_context(saved_report(first), saved_report(second)),
    )


PDF_RETRY_SECONDS = 1


@private
def report_pdf(request: HttpRequest, key) -> HttpResponseBase:
    """Stream the kept board pack. The web never renders: until the task worker has made the
    file, the reader is told it is being prepared, and the page asks again by itself."""
    assessment = by_link(key, Assessment.objects.without_result())
    size = page_size_for(assessment, request.GET.get("size"))
    pdf = assessment_pdf_request(assessment=assessment, page_size=size)
    if pdf.status == PdfStatus.READY:
        etag = f'"{pdf.attempt.hex}"'
        if request.headers.get("If-None-Match") == etag:
            return HttpResponseNotModified(headers={"ETag": etag})
        try:
            content = pdf.file.open("rb")
        except FileNotFoundError:
            assessment_pdf_file_lost(pdf=pdf)
        else:
            stream = FileResponse(
                content,
                as_attachment=True,
                filename=download_name(assessment, "pdf"),
                content_type="application/pdf",
            )
            stream["ETag"] = etag
            return stream
    if pdf.status == PdfStatus.FAILED:
        response = render(request, "assessments/pdf_failed.html", {"assessment": assessment})
        response.status_code = 503
        return response
    context = {"assessment": assessment, "retry": PDF_RETRY_SECONDS}
    response = render(request, "assessments/pdf_preparing.html", context, status=202)
    response["Retry-After"] = str(PDF_RETRY_SECONDS)
    return response


@private
def soa(request: HttpRequest, key) -> HttpResponse:
    """The draft Statement of Applicability on a page of its own."""
    context = report_context(saved_report(by_link(key)))
    return render(request, "assessments/soa.html", context)


@private
def soa_csv(request: HttpRequest, key) -> HttpResponse:
    assessment = by_link(key)
    rows = soa_rows(saved_report(assessment))
    if not rows:
        raise Http404("This assessment has no readiness answers, so no Statement of Applicability")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = download_name(assessment, "csv", "statement-of-applicability")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(SOA_COLUMNS)
    writer.writerows(rows)
    return response


def _xlsx(assessment: Assessment, workbook, what: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    filename = download_name(assessment, "xlsx", what)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@private
def soa_xlsx(request: HttpRequest, key) -> HttpResponse:
    assessment = by_link(key)
    report = saved_report(assessment)
    if not report.result.readiness.soa:
        raise Http404("This assessment has no readiness answers, so no Statement of Applicability")
    return _xlsx(assessment, soa_workbook(report), "statement-of-applicability")


@private
def gaps_xlsx(request: HttpRequest, key) -> HttpResponse:
    assessment = by_link(key)
    return _xlsx(assessment, gap_register_workbook(saved_report(assessment)), "gap-register")


@private
def crosswalk_xlsx(request: HttpRequest, key) -> HttpResponse:
    assessment = by_link(key)
    return _xlsx(assessment, crosswalk_workbook(saved_report(assessment)), "crosswalk")


@private
def costs_xlsx(request: HttpRequest, key) -> HttpResponse:
    assessment = by_link(key)
    return _xlsx(assessment, cost_lines_workbook(saved_report(assessment)), "cost-lines")


@private
def deep_dive(request: HttpRequest, key, framework: str) -> HttpResponse:
    """Go control by control through one framework; saving makes a new version (or, for
    someone other than the owner, a copy)."""
    assessment = by_link(key)
    if framework not in FRAMEWORK_NAMES or framework == "both":
        raise Http404("Unknown framework")
    report = saved_report(assessment)
    controls = deep_dive_controls(report, framework)
    initial = deep_dive_initial(report, framework, controls)
    form = DeepDiveForm(request.POST or None, controls=controls, initial=initial)
    owner = is_owner(request, assessment)
    if request.method == "POST" and form.is_valid():
        if not assessment_creation_allowed(request):
            return too_many(request)
        try:
            newer = assessment_override_controls(
                assessment=assessment,
                framework=framework,
                overrides=form.overrides(framework),
                author=author_of(request, assessment),
            )
        except SourceGone:
            return source_gone(request)
        if owner:
            messages.success(request, "Saved as a new version; the earlier report is unchanged.")
        else:
            messages.success(request, "Saved as your own copy; the shared report is unchanged.")
        return created(request, newer)
    return render(
        request,
        "assessments/deep_dive.html",
        {
            "assessment": assessment,
            "form": form,
            "framework": framework,
            "framework_name": FRAMEWORK_NAMES[framework],
            "is_owner": owner,
        },
    )
