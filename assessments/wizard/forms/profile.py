"""The steps about the company: who it is, its customers, its markets and what buyers ask for."""

from __future__ import annotations

from crispy_forms.layout import Div, Fieldset, Layout
from django import forms

from assessments.answers.limits import DEALS_MAX, NAME_MAX, SCHEME_DEADLINE, SCHEME_DEALS
from assessments.engine.answers import demanded
from assessments.engine.codes import Framework, Request, Soc2TypeNeeded, TenderRequirement
from assessments.wizard.forms.fields import (
    OtherTextMixin,
    StepForm,
    checkboxes,
    choices_of,
    clean_text,
    date_field,
    future_date,
    other_field,
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
        choices=choices_of("headcount"),
        widget=forms.RadioSelect,
    )
    industry = forms.ChoiceField(label="Industry", choices=choices_of("industry", blank="Choose…"))
    industry_other = other_field("Which industry?")
    delivery = checkboxes(
        "What do you deliver to other businesses?",
        "delivery",
        required="Choose at least one way you deliver to customers.",
    )
    data_types = checkboxes("Which data do you handle for customers?", "data_types")
    ai_use = forms.ChoiceField(
        label="Does your product use or provide AI or machine learning?",
        choices=choices_of("ai_use"),
        widget=forms.RadioSelect,
        initial="none",
        required=False,
        help_text="Buyers of AI features increasingly ask about ISO/IEC 42001.",
    )

    def layout(self) -> Layout:
        return Layout(
            "company_name",
            "headcount",
            "industry",
            Div("industry_other", data_show_when="industry=other"),
            "delivery",
            "data_types",
            "ai_use",
        )

    def clean_ai_use(self) -> str:
        return self.cleaned_data.get("ai_use") or "none"

    def clean_company_name(self) -> str:
        return clean_text(self.cleaned_data.get("company_name", ""), field="The company name")


class CustomersForm(OtherTextMixin, StepForm):
    title = "Your customers"
    segments = checkboxes(
        "Who are your customers?", "segments", required="Choose at least one customer segment."
    )
    customer_regions = checkboxes(
        "Where are your customers?",
        "region",
        required="Choose at least one region where you have customers.",
    )
    regulated_buyers = checkboxes("Do you sell to regulated buyers?", "regulated_buyers")
    public_sector_countries = checkboxes(
        "If you sell to governments or public bodies, in which countries?",
        "country",
        help_text="Each country has schemes of its own (FedRAMP, Cyber Essentials, BSI C5, ENS, IRAP …).",
    )
    public_sector_other = other_field("Which country?")

    def layout(self) -> Layout:
        return Layout(
            "segments",
            "customer_regions",
            "regulated_buyers",
            "public_sector_countries",
            Div("public_sector_other", data_show_when="public_sector_countries=other"),
        )


class RegionsForm(StepForm):
    title = "Your markets"
    selling_now = checkboxes(
        "Where do you sell today?",
        "region",
        required="Choose at least one region where you sell today.",
    )
    selling_planned = checkboxes("Where do you plan to sell within 24 months?", "region")


class DemandsForm(OtherTextMixin, StepForm):
    title = "What buyers ask for"
    requests = checkboxes(
        "What do customers ask you for?",
        "requests",
        required="Choose what customers ask for, or “nothing yet”.",
    )
    tender_requirements = checkboxes(
        "Do tenders or RFPs you want to answer require a certification?",
        "tender_requirements",
        help_text="Leave empty if none do.",
    )
    tender_other = other_field("Which certification or scheme do they require?")
    deals_soc2 = forms.IntegerField(
        label="Deals waiting on a SOC 2 report",
        min_value=0,
        max_value=DEALS_MAX,
        initial=0,
        required=False,
    )
    deadline_soc2 = date_field("By when must you show a SOC 2 report? (optional)")
    soc2_type_needed = forms.ChoiceField(
        label="Will those buyers take a Type I report first?",
        choices=choices_of("soc2_type_needed"),
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
    deadline_iso = date_field("By when must you show an ISO 27001 certificate? (optional)")
    demanded_schemes = forms.MultipleChoiceField(
        label="Does a buyer or a tender demand any other scheme?",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick each one a customer's contract or a tender requires; leave empty if none "
        "does. Each becomes part of the plan, with its own time and cost.",
    )
    scheme_other = other_field("Which other scheme do they demand?")

    def __init__(self, *args, schemes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.schemes = demandable_schemes() if schemes is None else schemes
        self.fields["demanded_schemes"].choices = [
            *((s.key, s.name) for s in self.schemes),
            ("other", "Another scheme (name it)"),
        ]
        for scheme in self.schemes:
            self.fields[f"{SCHEME_DEALS}{scheme.key}"] = forms.IntegerField(
                label=f"Deals waiting on {scheme.name}",
                min_value=0,
                max_value=DEALS_MAX,
                required=False,
            )
            self.fields[f"{SCHEME_DEADLINE}{scheme.key}"] = date_field(
                f"By when must you show {scheme.name}? (optional)"
            )

    def layout(self) -> Layout:
        per_scheme = [
            Fieldset(
                f"If {scheme.name} is demanded",
                f"{SCHEME_DEALS}{scheme.key}",
                f"{SCHEME_DEADLINE}{scheme.key}",
                data_show_when=f"demanded_schemes={scheme.key}",
            )
            for scheme in self.schemes
        ]
        either = TenderRequirement.EITHER
        soc2 = f"requests={Request.SOC2}|tender_requirements={TenderRequirement.SOC2},{either}"
        iso = f"requests={Request.ISO}|tender_requirements={TenderRequirement.ISO},{either}"
        return Layout(
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
            "demanded_schemes",
            Div("scheme_other", data_show_when="demanded_schemes=other"),
            *per_scheme,
        )

    def clean_deadline_soc2(self):
        return future_date(self.cleaned_data.get("deadline_soc2"), what="The deadline")

    def clean_deadline_iso(self):
        return future_date(self.cleaned_data.get("deadline_iso"), what="The deadline")

    def clean(self):
        cleaned = super().clean()
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
        self._clean_schemes(cleaned)
        if Framework.SOC2 not in named:
            cleaned["soc2_type_needed"] = Soc2TypeNeeded.UNKNOWN
        cleaned["soc2_type_needed"] = cleaned.get("soc2_type_needed") or Soc2TypeNeeded.UNKNOWN
        return cleaned

    def _clean_schemes(self, cleaned: dict) -> None:
        """A demanded scheme's date must lie ahead; a date or deals for a scheme nobody
        demands is refused rather than silently dropped."""
        chosen = set(cleaned.get("demanded_schemes") or ())
        for scheme in self.schemes:
            deadline_field = f"{SCHEME_DEADLINE}{scheme.key}"
            deals_field = f"{SCHEME_DEALS}{scheme.key}"
            deadline = cleaned.get(deadline_field)
            if cleaned.get(deals_field) is None:
                cleaned[deals_field] = 0
            if scheme.key in chosen:
                try:
                    cleaned[deadline_field] = future_date(deadline, what="The deadline")
                except forms.ValidationError as exc:
                    self.add_error(deadline_field, exc)
                continue
            for field, given in (
                (deadline_field, deadline is not None),
                (deals_field, bool(cleaned[deals_field])),
            ):
                if given:
                    self.add_error(
                        field,
                        f"No buyer demands {scheme.name} in your answers above: tick it there, "
                        "or leave this empty.",
                    )


def demandable_schemes():
    """The schemes a buyer may demand (key and name), from the reference data, by name."""
    from assessments.selectors import scheme_names_current

    return scheme_names_current()
