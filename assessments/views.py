from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlSessionWizardView, WizardView

from frameworks.memo import generation as reference_data_generation
from frameworks.selectors import readiness_questions_current

from . import presentation
from .forms import DeepDiveForm
from .models import Assessment
from .pdf import PdfRenderError, assessment_render_pdf, page_size_for
from .ratelimit import assessment_creation_allowed
from .report_cache import report_body
from .services import (
    assessment_delete,
    assessment_override_controls,
    assessment_recalculate,
    assessment_submit,
)
from .wizard_steps import (
    PRACTICES,
    STEP_TITLES,
    STEPS,
    answers_from_steps,
    practice_pages,
    steps_from_answers,
)
from .wizard_storage import QuietSessionStorage

OWNED_KEY = "certpath_owned"
WIZARD_PREFIX = "assessment_wizard"


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/landing.html")


def _created(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """After any new version: this visitor owns it, its report is rendered now (so the first
    view is fast), and the visitor goes to it."""
    owned = request.session.get(OWNED_KEY, [])
    request.session[OWNED_KEY] = [*owned, str(assessment.pk)][-200:]
    report_body(assessment.pk)
    return redirect(assessment)


class AssessmentWizard(NamedUrlSessionWizardView):
    form_list = list(STEPS)
    storage_name = "assessments.wizard_storage.QuietSessionStorage"

    def get_prefix(self, request, *args, **kwargs) -> str:
        return WIZARD_PREFIX

    @cached_property
    def questions(self):
        # Only the practice pages, the review and the final submit need the questions.
        return readiness_questions_current()

    @cached_property
    def pages(self):
        return practice_pages(self.questions)

    def get_template_names(self) -> list[str]:
        step = self.steps.current
        if step in PRACTICES:
            return ["assessments/wizard/practices.html"]
        if step == "review":
            return ["assessments/wizard/review.html"]
        return ["assessments/wizard/step.html"]

    def get_form_kwargs(self, step=None) -> dict:
        if step in PRACTICES:
            return {"questions": self.pages[step]}
        return {}

    def get_context_data(self, form, **kwargs) -> dict:
        context = super().get_context_data(form=form, **kwargs)
        index = self.steps.step1
        context.update(
            step_title=STEP_TITLES[self.steps.current],
            progress_percent=round(100 * (index - 1) / (self.steps.count - 1)),
            step_links=[(name, STEP_TITLES[name]) for name, _ in STEPS],
            predecessor=self.storage.extra_data.get("predecessor"),
        )
        context["can_return_to_review"] = (
            self.storage.extra_data.get("reached_review") and self.steps.current != "review"
        )
        if self.steps.current in PRACTICES:
            context["reference_generation"] = reference_data_generation()
        if self.steps.current == "review":
            self.storage.extra_data = {**self.storage.extra_data, "reached_review": True}
            context["review"] = presentation.review_sections(
                {name: self.get_cleaned_data_for_step(name) for name, _ in STEPS[:-1]},
                self.questions,
            )
        return context

    def post(self, *args, **kwargs):
        management = ManagementForm(self.request.POST, prefix=self.prefix)
        if (
            not management.is_valid()
            or management.cleaned_data["current_step"] not in self.steps.all
        ):
            return self._restart(
                "We could not read that page of answers, so the assessment restarted."
            )
        posted_step = management.cleaned_data["current_step"]
        if self.storage.current_step is None and posted_step != self.steps.first:
            return self._restart("Your session expired, so the assessment starts again.")
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.steps.all and posted_step == self.steps.current:
            # Going back keeps what was typed on this page, valid or not.
            data = self.request.POST.copy()
            data.pop("csrfmiddlewaretoken", None)
            self.storage.set_step_data(posted_step, data)
        return super().post(*args, **kwargs)

    def render_next_step(self, form, **kwargs):
        # After an edit from the review page, "Save and return to review" skips the steps
        # in between; the review step revalidates everything before submitting.
        if self.request.POST.get("return_to_review") and self.storage.extra_data.get(
            "reached_review"
        ):
            self.storage.current_step = self.steps.last
            return redirect(self.get_step_url(self.steps.last))
        return super().render_next_step(form, **kwargs)

    def render_done(self, form, **kwargs):
        # Only the review page's POST may create an assessment; a GET of /done/ never does.
        if self.request.method != "POST":
            return redirect(self.get_step_url(self.steps.last))
        if not assessment_creation_allowed(self.request):
            # The answers stay in the session; the user can submit again later.
            return _too_many(self.request)
        return WizardView.render_done(self, form, **kwargs)

    def done(self, form_list, form_dict, **kwargs):
        cleaned = {name: form.cleaned_data for name, form in form_dict.items()}
        answers = answers_from_steps(cleaned, assessed_on=timezone.localdate())
        predecessor = None
        if pk := self.storage.extra_data.get("predecessor"):
            predecessor = Assessment.objects.filter(pk=pk).first()
        assessment = assessment_submit(
            answers=answers, predecessor=predecessor, owner=self.request.user
        )
        return _created(self.request, assessment)

    def _restart(self, message: str) -> HttpResponse:
        self.storage.reset()
        self.storage.current_step = self.steps.first
        messages.warning(self.request, message)
        return redirect(self.get_step_url(self.steps.first))


REPORT_PAGE_FIELDS = ("id", "created_at", "reference_version", "predecessor_id", "owner_id")


def _assessment(pk) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("predecessor"), pk=pk)


def report(request: HttpRequest, pk) -> HttpResponse:
    # The sections come from a kept rendering; only the page around them is drawn here.
    assessment = get_object_or_404(Assessment.objects.only(*REPORT_PAGE_FIELDS), pk=pk)
    body = report_body(assessment.pk)
    context = {
        "assessment": assessment,
        "company": body.company,
        "sections": body.sections,
        "versions": presentation.report_versions(assessment, body.headline),
        "is_owner": _is_owner(request, assessment),
    }
    return render(request, "assessments/report.html", context)


def edit(request: HttpRequest, pk) -> HttpResponse:
    """Reopen the wizard with this assessment's answers; submitting makes a new version."""
    assessment = _assessment(pk)
    storage = QuietSessionStorage(WIZARD_PREFIX, request)
    storage.reset()
    for step, data in steps_from_answers(
        assessment.answers, questions=readiness_questions_current()
    ).items():
        storage.set_step_data(step, data)
    storage.extra_data = {"predecessor": str(assessment.pk), "reached_review": True}
    storage.current_step = STEPS[-1][0]
    storage.update_response(HttpResponse())
    request.session.modified = True
    return redirect("assessments:wizard_step", step=STEPS[-1][0])


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "assessments/too_many.html")
    response.status_code = 429
    response["Retry-After"] = "3600"
    return response


def _is_owner(request: HttpRequest, assessment: Assessment) -> bool:
    if str(assessment.pk) in request.session.get(OWNED_KEY, []):
        return True
    user = request.user
    return bool(user.is_authenticated and assessment.owner_id == user.pk)


@require_POST
def recalculate(request: HttpRequest, pk) -> HttpResponse:
    original = _assessment(pk)
    if not assessment_creation_allowed(request):
        return _too_many(request)
    assessment = assessment_recalculate(assessment=original)
    messages.success(request, "A new version was computed with the current reference data.")
    return _created(request, assessment)


def compare(request: HttpRequest, pk, other) -> HttpResponse:
    first, second = _assessment(pk), _assessment(other)
    if first.pk == second.pk:
        raise Http404("Choose two different versions")
    return render(request, "assessments/compare.html", presentation.compare_context(first, second))


def report_pdf(request: HttpRequest, pk) -> HttpResponse:
    # The result is read only if the PDF has to be rendered.
    assessment = get_object_or_404(Assessment.objects.defer("result"), pk=pk)
    size = page_size_for(assessment, request.GET.get("size"))
    try:
        pdf = assessment_render_pdf(assessment=assessment, page_size=size)
    except PdfRenderError:
        response = render(request, "assessments/pdf_failed.html", {"assessment": assessment})
        response.status_code = 503
        return response
    if request.headers.get("If-None-Match") == pdf.etag:
        return HttpResponseNotModified(headers={"ETag": pdf.etag})
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["ETag"] = pdf.etag
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Robots-Tag"] = "noindex"
    return response


def delete(request: HttpRequest, pk) -> HttpResponse:
    """Only the creator (their session, or their account) may delete; deletion is real."""
    assessment = _assessment(pk)
    if not _is_owner(request, assessment):
        response = render(request, "assessments/delete_forbidden.html", {"assessment": assessment})
        response.status_code = 403
        return response
    if request.method != "POST":
        return render(request, "assessments/delete_confirm.html", {"assessment": assessment})
    assessment_delete(assessment=assessment)
    request.session[OWNED_KEY] = [i for i in request.session.get(OWNED_KEY, []) if i != str(pk)]
    messages.success(request, "The assessment and its answers were deleted.")
    return redirect("assessments:landing")


def soa(request: HttpRequest, pk) -> HttpResponse:
    """The draft Statement of Applicability on a page of its own."""
    context = presentation.report_context(_assessment(pk))
    return render(request, "assessments/soa.html", context)


def soa_csv(request: HttpRequest, pk) -> HttpResponse:
    assessment = _assessment(pk)
    rows = presentation.soa_rows(assessment.result)
    if not rows:
        raise Http404("This assessment has no readiness answers, so no Statement of Applicability")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = presentation.download_name(assessment, "csv", "statement-of-applicability")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(presentation.SOA_COLUMNS)
    writer.writerows(rows)
    return response


def deep_dive(request: HttpRequest, pk, framework: str) -> HttpResponse:
    """Go control by control through one framework; saving makes a new version."""
    assessment = _assessment(pk)
    if framework not in presentation.FRAMEWORK_NAMES or framework == "both":
        raise Http404("Unknown framework")
    controls = presentation.deep_dive_controls(assessment, framework)
    initial = presentation.deep_dive_initial(assessment, framework, controls)
    form = DeepDiveForm(request.POST or None, controls=controls, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not assessment_creation_allowed(request):
            return _too_many(request)
        newer = assessment_override_controls(
            assessment=assessment, framework=framework, overrides=form.overrides(framework)
        )
        messages.success(request, "Saved as a new version; the earlier report is unchanged.")
        return _created(request, newer)
    return render(
        request,
        "assessments/deep_dive.html",
        {
            "assessment": assessment,
            "form": form,
            "framework": framework,
            "framework_name": presentation.FRAMEWORK_NAMES[framework],
        },
    )
