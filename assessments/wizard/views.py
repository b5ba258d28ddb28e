"""The wizard, and reopening it with a saved assessment's answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage.session import SessionStorage
from formtools.wizard.views import NamedUrlSessionWizardView, WizardView

from assessments.answers.display import review_sections
from assessments.engine.answers import Answers
from assessments.engine.codes import ReadinessLevel
from assessments.engine.scope import categories_recommended
from assessments.models import Assessment
from assessments.ownership import author_of, is_owner
from assessments.ratelimit import assessment_creation_allowed
from assessments.selectors import necessity_rules_current, readiness_questions_current
from assessments.services import SourceGone, assessment_derive, assessment_submit
from assessments.views.common import by_link, created, private, source_gone, too_many
from assessments.wizard.forms import CompanyForm, DemandsForm
from assessments.wizard.steps import (
    PRACTICES,
    STEP_TITLES,
    STEPS,
    answers_from_steps,
    practice_pages,
    step_progress,
    steps_from_answers,
)
from frameworks.memo import generation as reference_data_generation
from frameworks.selectors import scheme_cost_lines_load

WIZARD_PREFIX = "assessment_wizard"
READINESS_LEVELS = frozenset(level.value for level in ReadinessLevel)
SOURCE_KEY = "source"  # the assessment whose answers the wizard was opened with
T = TypeVar("T")


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/landing.html")


def _snapshot(session) -> str:
    """The session's content as text, to tell whether a page changed it. The session backend
    stores JSON, so whatever it holds has a JSON form."""
    return json.dumps(dict(session.items()), sort_keys=True)


class AssessmentWizard(NamedUrlSessionWizardView):
    form_list = list(STEPS)

    def get_prefix(self, request, *args, **kwargs) -> str:
        return WIZARD_PREFIX

    @cached_property
    def questions(self):
        # Only the practice pages, the review and the final submit need the questions.
        return readiness_questions_current()

    @cached_property
    def pages(self):
        return practice_pages(self.questions)

    @cached_property
    def necessity(self):
        return necessity_rules_current()

    @cached_property
    def _per_request(self) -> dict[tuple[str, str], Any]:
        return {}

    def _once(self, name: str, key: str, build: Callable[[], T]) -> T:
        """`build()`, worked out once per request for what it is built from (`key`): the page,
        its blank-form key and the review ask for the same things."""
        if (name, key) not in self._per_request:
            self._per_request[name, key] = build()
        return cast(T, self._per_request[name, key])

    @cached_property
    def source(self) -> Assessment | None:
        if pk := self.storage.extra_data.get(SOURCE_KEY):
            return Assessment.objects.filter(pk=pk).first()
        return None

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Showing a page saves the session only when the page changed what it keeps.
        formtools marks the session changed whenever it reads the wizard's data, which would
        write the session (a transaction of three statements) on every page view. The page is
        drawn here, so every read is done, and the session is compared with how it came."""
        changed_before = request.session.modified
        before = _snapshot(request.session)
        response = super().get(request, *args, **kwargs)
        if isinstance(response, TemplateResponse):
            response.render()
        if not changed_before and _snapshot(request.session) == before:
            request.session.modified = False
        return response

    def get_template_names(self) -> list[str]:
        step = self.steps.current
        if step in PRACTICES:
            return ["assessments/wizard/practices.html"]
        if step == "review":
            return ["assessments/wizard/review.html"]
        return ["assessments/wizard/step.html"]

    def get_form_initial(self, step) -> dict:
        initial = super().get_form_initial(step)
        if step == "budget":
            # Prefill the SOC 2 categories with what the company's answers call for.
            initial["soc2_categories"] = list(self._categories_recommended())
        return initial

    def _categories_recommended(self) -> tuple[str, ...]:
        """What the company step's answers call for (the company form validated once)."""
        company = self.storage.get_step_data("company")
        key = json.dumps(dict(company.lists()) if company else {}, sort_keys=True)
        return self._once("categories", key, lambda: self._categories_from(company))

    def _categories_from(self, company) -> tuple[str, ...]:
        if not company:
            return categories_recommended(Answers.for_scope())
        form = CompanyForm(data=company, prefix=self.get_form_prefix("company", CompanyForm))
        data = form.cleaned_data if form.is_valid() else {}
        return categories_recommended(
            Answers.for_scope(
                delivery=tuple(data.get("delivery") or ()),
                data_types=tuple(data.get("data_types") or ()),
                industry=data.get("industry") or "",
            )
        )

    def get_form_kwargs(self, step=None) -> dict:
        if step in PRACTICES:
            return {
                "questions": self.pages[step],
                "profile": self._profile(),
                "necessity": self.necessity,
            }
        if step == "budget":
            return {"scheme_lines": self._demanded_scheme_lines()}
        return {}

    def _profile(self) -> Answers:
        """What the earlier steps say about the company, as far as the rules that make a
        practice necessary read it (unchecked codes are harmless: no rule names them)."""
        values: dict[str, tuple[str, ...] | str] = {}
        for step, names in (
            ("company", ("delivery", "data_types")),
            ("customers", ("customer_regions", "segments")),
            ("regions", ("selling_now",)),
        ):
            data = self.storage.get_step_data(step)
            if data:
                prefix = self.get_form_prefix(step, None)
                for name in names:
                    values[name] = tuple(data.getlist(f"{prefix}-{name}"))
        company = self.storage.get_step_data("company")
        if company:
            values["industry"] = company.get(
                f"{self.get_form_prefix('company', None)}-industry", ""
            )
        return Answers.for_scope(**values)

    def _demanded_scheme_lines(self) -> tuple[tuple[str, str], ...]:
        """The cost lines of the schemes chosen on the demands step, so they can be quoted."""
        demands = self.storage.get_step_data("demands")
        if not demands:
            return ()
        prefix = self.get_form_prefix("demands", DemandsForm)
        chosen = tuple(k for k in demands.getlist(f"{prefix}-demanded_schemes") if k != "other")
        if not chosen:
            return ()
        return self._once("scheme_lines", ",".join(chosen), lambda: scheme_cost_lines_load(chosen))

    def get_context_data(self, form, **kwargs) -> dict:
        context = super().get_context_data(form=form, **kwargs)
        index = self.steps.step1
        source = self.source
        owns_source = source is not None and is_owner(self.request, source)
        current, count = self.steps.current, self.steps.count
        context.update(
            step_title=STEP_TITLES[current],
            # Numbers go to the page as text: the progress bar is drawn on every step, and
            # Django localises every number it prints.
            step_number=str(index),
            step_count=str(count),
            progress_percent=str(round(100 * (index - 1) / (count - 1))),
            progress=step_progress(current),
            predecessor=source if owns_source else None,
            copy_source=source if source is not None and not owns_source else None,
        )
        context["can_return_to_review"] = (
            self.storage.extra_data.get("reached_review") and self.steps.current != "review"
        )
        # A blank form is kept per process under what it shows besides the code: the
        # prefilled categories and quoted cost lines, or the schemes on offer.
        if self.steps.current == "budget":
            lines = ",".join(f"{key}={name}" for key, name in self._demanded_scheme_lines())
            context["blank_key"] = ",".join(self._categories_recommended()) + "|" + lines
        if self.steps.current == "demands":
            context["blank_key"] = "|".join(f"{s.key}={s.name}" for s in form.schemes)
        if self.steps.current in PRACTICES:
            # A blank page of questions is kept per process until the questions change: one
            # per set of questions where "not applicable" is not offered to this company.
            refused = ",".join(sorted(getattr(form, "refusals", {})))
            context["blank_key"] = f"{reference_data_generation()}|{refused}"
        if self.steps.current == "review":
            self.storage.extra_data = {**self.storage.extra_data, "reached_review": True}
            context["review"] = review_sections(self._review_answers(), self.questions)
        return context

    def _review_answers(self) -> dict[str, dict | None]:
        """Each step's answers for the review. The steps with typed answers (numbers, dates)
        are read through their forms again; a page of questions as it was stored, since its
        answers are codes and notes already and validating the three pages again was a third
        of the review's time. What is stored may not stand (going back keeps an unfinished
        page, and an earlier step may have changed since): the submit validates every step and
        sends the visitor back to such a page."""
        answers: dict[str, dict | None] = {}
        for name, _ in STEPS[:-1]:
            if name in PRACTICES:
                answers[name] = self._stored_answers(name)
            else:
                answers[name] = self.get_cleaned_data_for_step(name)
        return answers

    def _stored_answers(self, step: str) -> dict[str, str]:
        """A page of questions as stored: notes as typed, and only answers that are levels
        (anything else reads as unanswered, as an invalid page did before)."""
        data = self.storage.get_step_data(step)
        if not data:
            return {}
        prefix = f"{self.get_form_prefix(step, None)}-"
        stored = {
            key.removeprefix(prefix): value.strip()
            for key, value in data.items()
            if key.startswith(prefix)
        }
        return {
            key: value
            for key, value in stored.items()
            if not key.startswith("q_") or value in READINESS_LEVELS
        }

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
            return too_many(self.request)
        return WizardView.render_done(self, form, **kwargs)

    def done(self, form_list, form_dict, **kwargs):
        cleaned = {name: form.cleaned_data for name, form in form_dict.items()}
        answers = answers_from_steps(cleaned, assessed_on=timezone.localdate())
        # Ownership is decided now, at submit, not when the wizard was opened.
        if self.source is not None:
            author = author_of(self.request, self.source)
            try:
                assessment = assessment_derive(source=self.source, answers=answers, author=author)
            except SourceGone:
                return source_gone(self.request)
        else:
            assessment = assessment_submit(answers=answers, owner=self.request.user)
        return created(self.request, assessment)

    def _restart(self, message: str) -> HttpResponse:
        self.storage.reset()
        self.storage.current_step = self.steps.first
        messages.warning(self.request, message)
        return redirect(self.get_step_url(self.steps.first))


@private
def edit(request: HttpRequest, key) -> HttpResponse:
    """Reopen the wizard with this assessment's answers. A GET only asks: loading the answers
    replaces the wizard in progress, so it takes the confirmation's POST."""
    assessment = by_link(key)
    if request.method != "POST":
        context = {"assessment": assessment, "is_owner": is_owner(request, assessment)}
        return render(request, "assessments/edit_confirm.html", context)
    storage = SessionStorage(WIZARD_PREFIX, request)
    storage.reset()
    for step, data in steps_from_answers(
        assessment.answers, questions=readiness_questions_current()
    ).items():
        storage.set_step_data(step, data)
    storage.extra_data = {SOURCE_KEY: str(assessment.pk), "reached_review": True}
    storage.current_step = STEPS[-1][0]
    storage.update_response(HttpResponse())
    return redirect("assessments:wizard_step", step=STEPS[-1][0])
