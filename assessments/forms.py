"""One form per wizard step. Forms validate; they decide nothing."""

from __future__ import annotations

import datetime
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils import timezone

from .engine.answers import CODE_LISTS, OTHER_TEXT, demanded
from .engine.applicability import (
    CHOICE,
    exclusion_problem,
    exclusion_refusal,
    question_exclusion_refusal,
)
from .engine.codes import (
    OVERRIDE_STATUSES,
    Currency,
    Framework,
    Held,
    ReadinessLevel,
    Request,
    Soc2TypeNeeded,
    Soc2Window,
    Status,
    TenderRequirement,
)

BUDGET_MAX = 10_000_000
PEOPLE_MAX = 100
DEADLINE_MAX_YEARS = 5
NAME_MAX = 200
NOTE_MAX = 300
OTHER_MAX = 120
DEALS_MAX = 10_000
UNANSWERED_LABEL = "Leave unanswered"


def _choices(kind: str) -> list[tuple[str, str]]:
    """A kind of answer's codes, each with its label as a sentence starts it."""
    return [
        (str(code), text[0].upper() + text[1:]) for code, text in CODE_LISTS[kind].labels().items()
    ]


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


class OtherTextMixin:
    """Each "other" choice names what it is in a short text field of its own; text typed for an
    "other" that is not chosen is dropped."""

    other_what = {
        "industry": "industry",
        "public_sector_countries": "country",
        "tender_requirements": "certification or scheme",
        "existing": "certification or report",
    }

    def clean_others(self, cleaned: dict) -> None:
        for choice_field, text_field in OTHER_TEXT.items():
            if choice_field not in self.fields:
                continue
            try:
                text = clean_text(cleaned.get(text_field, ""), field="The answer")
            except forms.ValidationError as exc:
                self.add_error(text_field, exc)
                continue
            chosen = cleaned.get(choice_field) or ()
            chosen = chosen if isinstance(chosen, list | tuple) else (chosen,)
            if "other" in chosen and not text:
                self.add_error(text_field, f"Say which {self.other_what[choice_field]} you mean.")
            cleaned[text_field] = text if "other" in chosen else ""


def _other_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=OTHER_MAX)


def _future_date(
    day: datetime.date | None, *, what: str, years: int = DEADLINE_MAX_YEARS
) -> datetime.date | None:
    if day is None:
        return None
    today = timezone.localdate()
    if day <= today:
        raise forms.ValidationError(f"{what} must be in the future.")
    if day > _years_after(today, years):
        raise forms.ValidationError(f"Choose a date within {years} years, or leave it empty.")
    return day


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=help_text,
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
    )


class CompanyForm(OtherTextMixin, StepForm):
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
    industry_other = _other_field("Which industry?")
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "company_name",
            "headcount",
            "industry",
            Div("industry_other", data_show_when="industry=other"),
            "delivery",
            "data_types",
        )

    def clean_company_name(self) -> str:
        return clean_text(self.cleaned_data.get("company_name", ""), field="The company name")

    def clean(self):
        cleaned = super().clean()
        self.clean_others(cleaned)
        return cleaned


class CustomersForm(OtherTextMixin, StepForm):
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
    regulated_buyers = forms.MultipleChoiceField(
        label="Do you sell to regulated buyers?",
        choices=_choices("regulated_buyers"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    public_sector_countries = forms.MultipleChoiceField(
        label="If you sell to governments or public bodies, in which countries?",
        choices=_choices("country"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each country has schemes of its own (FedRAMP, Cyber Essentials, BSI C5, ENS, IRAP …).",
    )
    public_sector_other = _other_field("Which country?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "segments",
            "customer_regions",
            "regulated_buyers",
            "public_sector_countries",
            Div("public_sector_other", data_show_when="public_sector_countries=other"),
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_others(cleaned)
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


class DemandsForm(OtherTextMixin, StepForm):
    title = "What buyers ask for"
    requests = forms.MultipleChoiceField(
        label="What do customers ask you for?",
        choices=_choices("requests"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what customers ask for, or “nothing yet”."},
    )
    tender_requirements = forms.MultipleChoiceField(
        label="Do tenders or RFPs you want to answer require a certification?",
        choices=_choices("tender_requirements"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if none do.",
    )
    tender_other = _other_field("Which certification or scheme do they require?")
    deals_soc2 = forms.IntegerField(
        label="Deals waiting on a SOC 2 report",
        min_value=0,
        max_value=DEALS_MAX,
        initial=0,
        required=False,
    )
    deadline_soc2 = _date_field("By when must you show a SOC 2 report? (optional)")
    soc2_type_needed = forms.ChoiceField(
        label="Will those buyers take a Type I report first?",
        choices=_choices("soc2_type_needed"),
        widget=forms.RadioSelect,
        initial=Soc2TypeNeeded.UNKNOWN,
        required=False,
        help_text="A Type I checks the design of your controls on one day; a Type II checks that "
        "they worked over a period of months, which most enterprise buyers want.",
    )
    deals_iso = forms.IntegerField(
        label="Deals waiting on an ISO 27001 certificate",
        min_value=0,
        max_value=DEALS_MAX,
        initial=0,
        required=False,
    )
    deadline_iso = _date_field("By when must you show an ISO 27001 certificate? (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        either = TenderRequirement.EITHER
        soc2 = f"requests={Request.SOC2}|tender_requirements={TenderRequirement.SOC2},{either}"
        iso = f"requests={Request.ISO}|tender_requirements={TenderRequirement.ISO},{either}"
        self.helper.layout = Layout(
            "requests",
            "tender_requirements",
            Div("tender_other", data_show_when="tender_requirements=other"),
            Fieldset(
                "If SOC 2 is asked for",
                "deals_soc2",
                "deadline_soc2",
                "soc2_type_needed",
                data_show_when=soc2,
            ),
            Fieldset("If ISO 27001 is asked for", "deals_iso", "deadline_iso", data_show_when=iso),
        )

    def clean_deadline_soc2(self):
        return _future_date(self.cleaned_data.get("deadline_soc2"), what="The deadline")

    def clean_deadline_iso(self):
        return _future_date(self.cleaned_data.get("deadline_iso"), what="The deadline")

    def clean(self):
        cleaned = super().clean()
        self.clean_others(cleaned)
        requests = cleaned.get("requests") or []
        if Request.NONE in requests and len(requests) > 1:
            self.add_error("requests", "“Nothing yet” cannot be combined with the other requests.")
        named = demanded(
            {"requests": requests, "tender_requirements": cleaned.get("tender_requirements") or []}
        )
        for framework, suffix in ((Framework.SOC2, "soc2"), (Framework.ISO, "iso")):
            if cleaned.get(f"deals_{suffix}") is None:
                cleaned[f"deals_{suffix}"] = 0
            if framework in named or "requests" in self.errors:
                continue
            for field, given in (
                (f"deadline_{suffix}", cleaned.get(f"deadline_{suffix}") is not None),
                (f"deals_{suffix}", bool(cleaned.get(f"deals_{suffix}"))),
            ):
                if given:
                    self.add_error(
                        field,
                        f"No customer or tender asks for {framework.label} in your answers above: tick it "
                        "there, or leave this empty.",
                    )
        if Framework.SOC2 not in named:
            cleaned["soc2_type_needed"] = Soc2TypeNeeded.UNKNOWN
        cleaned["soc2_type_needed"] = cleaned.get("soc2_type_needed") or Soc2TypeNeeded.UNKNOWN
        return cleaned


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
    budget_yearly = forms.IntegerField(
        label="Budget for each year after the first (optional)",
        min_value=0,
        max_value=BUDGET_MAX,
        required=False,
        help_text="Renewal audits and tools recur every year. Leave it empty to use the first "
        "year's budget.",
        error_messages={
            "min_value": "The yearly budget cannot be negative.",
            "max_value": f"That is more than {BUDGET_MAX:,}; please check the amount.",
            "invalid": "Enter the budget as a whole number, without separators.",
        },
    )
    currency = forms.ChoiceField(choices=_choices("currency"), initial=Currency.USD)
    internal_people = forms.DecimalField(
        label="People inside the company who can work on it (full-time equivalents)",
        min_value=0,
        max_value=PEOPLE_MAX,
        max_digits=5,
        decimal_places=2,
        initial=1,
        help_text="For example 0.5 for one person half of their time.",
    )
    approach = forms.ChoiceField(
        label="How will you get there?",
        choices=_choices("approach"),
        widget=forms.RadioSelect,
    )
    soc2_window_months = forms.TypedChoiceField(
        label="SOC 2 Type II observation window",
        choices=_choices("soc2_window_months"),
        coerce=int,
        empty_value=Soc2Window.CHOSEN,
        initial=str(Soc2Window.CHOSEN.value),
        required=False,
        widget=forms.RadioSelect,
        help_text="Three months is common for a first report and most SaaS buyers accept it; "
        "banks and other regulated buyers often want six months or more. Later reports usually "
        "cover twelve.",
    )
    include_estimates = forms.BooleanField(
        label="Count unverified estimates (the compliance platform, certification-body fees) in "
        "the totals",
        required=False,
        help_text="No public source confirms these figures, so they are shown beside the totals "
        "unless you tick this.",
    )


class CurrentStateForm(OtherTextMixin, StepForm):
    title = "Where you stand"
    existing = forms.MultipleChoiceField(
        label="Which certifications or reports do you hold today?",
        choices=_choices("existing"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if none.",
    )
    existing_other = _other_field("Which certification or report?")
    soc2_period_end = _date_field(
        "When does your current SOC 2 observation period end? (optional)",
        "The next report covers the period that is running now; we place the renewal from it.",
    )
    iso_expiry = _date_field(
        "When does your ISO 27001:2022 certificate expire? (optional)",
        "Printed on the certificate; surveillance and recertification audits are placed from it.",
    )
    maturity = forms.ChoiceField(
        label="How would you describe security at the company today?",
        choices=_choices("maturity"),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "existing",
            Div("existing_other", data_show_when="existing=other"),
            Div("soc2_period_end", data_show_when=f"existing={Held.SOC2_TYPE2}"),
            Div("iso_expiry", data_show_when=f"existing={Held.ISO_2022}"),
            "maturity",
        )

    def clean_soc2_period_end(self):
        return _future_date(
            self.cleaned_data.get("soc2_period_end"),
            what="The end of the current period (if the last one has ended, the next is running)",
            years=2,
        )

    def clean_iso_expiry(self):
        return _future_date(
            self.cleaned_data.get("iso_expiry"),
            what="The expiry date (an expired certificate is no longer held)",
            years=3,
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_others(cleaned)
        held = cleaned.get("existing") or []
        for field, needs, name in (
            ("soc2_period_end", Held.SOC2_TYPE2, "a SOC 2 Type II report"),
            ("iso_expiry", Held.ISO_2022, f"an {Framework.ISO.titled} certificate"),
        ):
            if cleaned.get(field) and needs not in held:
                self.add_error(field, f"Tick {name} above if you hold one, or leave this empty.")
        return cleaned


class PracticesForm(forms.Form):
    """The readiness questions of one page. Built from the reference data, so it grows with it."""

    title = "Current practices"
    optional = False

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        choices = [(level.value, level.label) for level in ReadinessLevel]
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
            if answer != ReadinessLevel.NOT_APPLICABLE:
                continue
            refusal = question_exclusion_refusal(q)
            if problem := exclusion_problem(refusal=refusal, reason=cleaned[note_field]):
                part, message = problem
                self.add_error(f"q_{q.key}" if part == CHOICE else note_field, message)
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


class DeepDiveForm(forms.Form):
    """Control by control: the user's own verdict on each control, and a note."""

    def __init__(self, *args, controls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.controls = tuple(controls)
        choices = [("", "Keep the estimate")] + [(s.value, s.label) for s in OVERRIDE_STATUSES]
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
            if status != Status.NOT_APPLICABLE:
                continue
            refusal = exclusion_refusal(
                framework=control["framework"], ref=control["ref"], kind=control["kind"]
            )
            if problem := exclusion_problem(refusal=refusal, reason=cleaned[note_field]):
                part, message = problem
                self.add_error(f"s_{i}" if part == CHOICE else note_field, message)
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
