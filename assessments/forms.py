"""One form per wizard step. Forms validate; they decide nothing."""

from __future__ import annotations

import datetime
import unicodedata

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone

from .engine.answers import LABELS, OVERRIDE_STATUSES, READINESS_LEVELS
from .engine.applicability import (
    exclusion_reason_problem,
    exclusion_refusal,
    question_exclusion_refusal,
)

BUDGET_MAX = 10_000_000
PEOPLE_MAX = 100
DEADLINE_MAX_YEARS = 5
NAME_MAX = 200
NOTE_MAX = 300
UNANSWERED_LABEL = "Leave unanswered"


def _choices(kind: str, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(k, v[0].upper() + v[1:]) for k, v in LABELS[kind].items() if k not in exclude]


def _years_after(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day some years on; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def clean_text(value: str, *, field: str) -> str:
    """Refuse invisible control characters (NUL and friends) that no one types on purpose."""
    value = unicodedata.normalize("NFC", value or "").strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value):
        raise forms.ValidationError(f"{field} contains control characters; please retype it.")
    return value


class StepForm(forms.Form):
    """Crispy renders the fields; the wizard template supplies the <form> and the buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CompanyForm(StepForm):
    title = "Your company"
    company_name = forms.CharField(
        label="Company name (optional)",
        required=False,
        max_length=NAME_MAX,
        help_text="Shown on the report and the PDF. Leave it empty to stay anonymous.",
    )
    headcount = forms.ChoiceField(
        label="How many people work at the company?",
        choices=_choices("headcount"),
        widget=forms.RadioSelect,
    )
    industry = forms.ChoiceField(label="Industry", choices=[("", "Choose…")] + _choices("industry"))
    delivery = forms.MultipleChoiceField(
        label="What do you deliver to other businesses?",
        choices=_choices("delivery"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one way you deliver to customers."},
    )
    data_types = forms.MultipleChoiceField(
        label="Which data do you handle for customers?",
        choices=_choices("data_types"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_company_name(self) -> str:
        return clean_text(self.cleaned_data.get("company_name", ""), field="The company name")


class CustomersForm(StepForm):
    title = "Your customers"
    segments = forms.MultipleChoiceField(
        label="Who are your customers?",
        choices=_choices("segments"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one customer segment."},
    )
    customer_regions = forms.MultipleChoiceField(
        label="Where are your customers?",
        choices=_choices("region"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one region where you have customers."},
    )
    requests = forms.MultipleChoiceField(
        label="What do customers ask you for?",
        choices=_choices("requests"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what customers ask for, or “nothing yet”."},
    )
    regulated_buyers = forms.MultipleChoiceField(
        label="Do you sell to regulated buyers?",
        choices=_choices("regulated_buyers"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    deals_at_stake = forms.IntegerField(
        label="How many deals are blocked or at stake for lack of a report or certificate?",
        min_value=0,
        max_value=10_000,
        initial=0,
    )

    def clean(self):
        cleaned = super().clean()
        requests = cleaned.get("requests") or []
        if "none" in requests and len(requests) > 1:
            self.add_error("requests", "“Nothing yet” cannot be combined with the other requests.")
        return cleaned


class RegionsForm(StepForm):
    title = "Your markets"
    selling_now = forms.MultipleChoiceField(
        label="Where do you sell today?",
        choices=_choices("region"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one region where you sell today."},
    )
    selling_planned = forms.MultipleChoiceField(
        label="Where do you plan to sell within 24 months?",
        choices=_choices("region"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tender_requirements = forms.MultipleChoiceField(
        label="Do tenders or RFPs you want to answer require a certification?",
        choices=_choices("tender_requirements"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if none do.",
    )


class BudgetForm(StepForm):
    title = "Budget and timeline"
    budget_amount = forms.IntegerField(
        label="First-year budget for getting certified or audited",
        min_value=0,
        max_value=BUDGET_MAX,
        help_text="Audit fees, tools and outside help; not your own staff's time.",
        error_messages={
            "min_value": "The budget cannot be negative.",
            "max_value": f"That is more than {BUDGET_MAX:,}; please check the amount.",
            "invalid": "Enter the budget as a whole number, without separators.",
        },
    )
    currency = forms.ChoiceField(choices=[(c, c) for c in ("USD", "EUR", "GBP")], initial="USD")
    internal_people = forms.DecimalField(
        label="People inside the company who can work on it (full-time equivalents)",
        min_value=0,
        max_value=PEOPLE_MAX,
        max_digits=5,
        decimal_places=2,
        initial=1,
        help_text="For example 0.5 for one person half of their time.",
    )
    deadline = forms.DateField(
        label="By when does a customer need proof? (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty if there is no fixed date.",
    )
    approach = forms.ChoiceField(
        label="How will you get there?",
        choices=_choices("approach"),
        widget=forms.RadioSelect,
    )

    def clean_deadline(self) -> datetime.date | None:
        deadline = self.cleaned_data.get("deadline")
        if deadline is None:
            return None
        today = timezone.localdate()
        if deadline <= today:
            raise forms.ValidationError("The deadline must be in the future.")
        if deadline > _years_after(today, DEADLINE_MAX_YEARS):
            raise forms.ValidationError(
                f"Choose a deadline within {DEADLINE_MAX_YEARS} years, or leave it empty."
            )
        return deadline


class CurrentStateForm(StepForm):
    title = "Where you stand"
    existing = forms.MultipleChoiceField(
        label="Which certifications or reports do you hold today?",
        choices=_choices("existing"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if none.",
    )
    maturity = forms.ChoiceField(
        label="How would you describe security at the company today?",
        choices=_choices("maturity"),
        widget=forms.RadioSelect,
    )


class PracticesForm(forms.Form):
    """The readiness questions of one page. Built from the reference data, so it grows with it."""

    title = "Current practices"
    optional = False

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        choices = [(level, LABELS["readiness"][level]) for level in READINESS_LEVELS]
        if self.optional:
            choices.append(("", UNANSWERED_LABEL))
        for q in self.questions:
            self.fields[f"q_{q.key}"] = forms.ChoiceField(
                label=q.text,
                choices=choices,
                widget=forms.RadioSelect,
                help_text=q.help_text,
                required=not self.optional,
                initial="" if self.optional else None,
                error_messages={"required": "Choose an answer for this question."},
            )
            self.fields[f"note_{q.key}"] = forms.CharField(
                label="Why does it not apply?",
                required=False,
                max_length=NOTE_MAX,
            )

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            answer, note_field = cleaned.get(f"q_{q.key}"), f"note_{q.key}"
            try:
                cleaned[note_field] = clean_text(cleaned.get(note_field, ""), field="The reason")
            except forms.ValidationError as exc:
                self.add_error(note_field, exc)
                continue
            if answer != "na":
                continue
            if refusal := question_exclusion_refusal(q):
                self.add_error(f"q_{q.key}", refusal)
            elif problem := exclusion_reason_problem(cleaned[note_field]):
                self.add_error(note_field, problem)
        return cleaned

    def grouped(self):
        """[(topic, [(question, answer field, note field), ...]), ...] for the template."""
        groups: list[tuple[str, list]] = []
        for q in self.questions:
            if not groups or groups[-1][0] != q.topic:
                groups.append((q.topic, []))
            groups[-1][1].append((q, self[f"q_{q.key}"], self[f"note_{q.key}"]))
        return groups


class MorePracticesForm(PracticesForm):
    """The optional step after the practice pages: every question may be left unanswered."""

    title = "Complete your readiness"
    optional = True


class ReviewForm(forms.Form):
    title = "Review and submit"


OVERRIDE_LABELS = {
    "met": "Met, with evidence",
    "partial": "Partly met",
    "gap": "Not met",
    "not_applicable": "Not applicable",
}


class DeepDiveForm(forms.Form):
    """Control by control: the user's own verdict on each control, and a note."""

    def __init__(self, *args, controls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.controls = tuple(controls)
        choices = [("", "Keep the estimate")] + [(s, OVERRIDE_LABELS[s]) for s in OVERRIDE_STATUSES]
        for i, control in enumerate(self.controls):
            self.fields[f"s_{i}"] = forms.ChoiceField(
                label=f"{control['ref']} {control['title']}", choices=choices, required=False
            )
            self.fields[f"n_{i}"] = forms.CharField(
                label=f"Note for {control['ref']}", required=False, max_length=NOTE_MAX
            )

    def clean(self):
        cleaned = super().clean()
        for i, control in enumerate(self.controls):
            status, note_field = cleaned.get(f"s_{i}"), f"n_{i}"
            try:
                cleaned[note_field] = clean_text(cleaned.get(note_field, ""), field="The note")
            except forms.ValidationError as exc:
                self.add_error(note_field, exc)
                continue
            if status != "not_applicable":
                continue
            if refusal := exclusion_refusal(framework=control["framework"], ref=control["ref"]):
                self.add_error(f"s_{i}", refusal)
            elif problem := exclusion_reason_problem(cleaned[note_field]):
                self.add_error(note_field, problem)
        return cleaned

    def rows(self):
        """[(control, status field, note field), ...] for the template."""
        return [(c, self[f"s_{i}"], self[f"n_{i}"]) for i, c in enumerate(self.controls)]

    def overrides(self, framework: str) -> dict[str, dict[str, str]]:
        result = {}
        for i, control in enumerate(self.controls):
            status = self.cleaned_data.get(f"s_{i}")
            if status:
                result[f"{framework}:{control['ref']}"] = {
                    "status": status,
                    "note": self.cleaned_data.get(f"n_{i}", ""),
                }
        return result
