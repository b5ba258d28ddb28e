"""The steps about money, time and what the company holds today."""

from __future__ import annotations

from crispy_forms.layout import HTML, Div, Layout
from django import forms

from assessments.answers.limits import (
    BUDGET_MAX,
    PEOPLE_IN_SCOPE_MAX,
    PEOPLE_MAX,
    QUOTE_PREFIX,
    STAFF_COST_MAX,
    STAFF_COST_MIN,
)
from assessments.engine.codes import Currency, Framework, Held, Soc2Category, Soc2Window
from assessments.engine.costs import LINE_NAMES, QUOTABLE
from assessments.wizard.forms.fields import (
    OtherTextMixin,
    StepForm,
    checkboxes,
    choices_of,
    date_field,
    future_date,
    other_field,
)

QUOTE_LABELS = {
    "soc2_readiness": "SOC 2 readiness help (consultant)",
    "soc2_type2_audit": "SOC 2 Type II audit, each year",
    "iso_implementation": "ISO 27001 implementation help (consultant)",
    "iso_internal_audit": "ISO 27001 internal audit, each year",
    "iso_certification_fees": "Certification body's yearly fees",
    "compliance_platform": "Compliance platform, each year",
    "penetration_test": "Penetration test, each year",
}


def line_label(key: str) -> str:
    return QUOTE_LABELS.get(key) or LINE_NAMES.get(key, key)


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
    currency = forms.ChoiceField(choices=choices_of("currency"), initial=Currency.USD)
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
        choices=choices_of("approach"),
        widget=forms.RadioSelect,
    )
    soc2_window_months = forms.TypedChoiceField(
        label="SOC 2 Type II observation window",
        choices=choices_of("soc2_window_months"),
        coerce=int,
        empty_value=Soc2Window.CHOSEN,  # type: ignore[arg-type]  # any value; the stubs say str
        initial=str(Soc2Window.CHOSEN.value),
        required=False,
        widget=forms.RadioSelect,
        help_text="Three months is common for a first report and most SaaS buyers accept it; "
        "banks and other regulated buyers often want six months or more. Later reports usually "
        "cover twelve.",
    )
    soc2_categories = checkboxes(
        "SOC 2: Trust Services categories in scope",
        "soc2_categories",
        help_text="Security is always in scope. We tick what your answers call for; each "
        "category you add widens the audit, its fee and the readiness you need.",
    )
    people_in_scope = forms.IntegerField(
        label="People in the ISMS scope (optional)",
        min_value=1,
        max_value=PEOPLE_IN_SCOPE_MAX,
        required=False,
        help_text="ISO 27001 audit time is set by the people working in scope, which may be "
        "fewer than the whole company. Leave empty to use your headcount.",
        error_messages={
            "min_value": "At least one person works in the scope.",
            "max_value": f"That is more than {PEOPLE_IN_SCOPE_MAX:,}; please check the number.",
            "invalid": "Enter the number of people as a whole number.",
        },
    )
    one_audit_firm = forms.BooleanField(
        label="Have one firm audit both SOC 2 and ISO 27001 if you get both",
        required=False,
        help_text="Many audit firms are also accredited certification bodies and price a "
        "combined audit lower.",
    )
    staff_cost_per_fte = forms.IntegerField(
        label="Loaded yearly cost of one person working on it (optional)",
        min_value=STAFF_COST_MIN,
        max_value=STAFF_COST_MAX,
        required=False,
        help_text="Salary plus employer costs, in the currency above. Leave empty to use a "
        "published average for your currency's market. Shown apart from the cash budget.",
        error_messages={
            "min_value": f"A yearly cost below {STAFF_COST_MIN:,} is not a full-time person's; "
            "please check the amount.",
            "max_value": f"That is more than {STAFF_COST_MAX:,}; please check the amount.",
            "invalid": "Enter the cost as a whole number, without separators.",
        },
    )

    def __init__(self, *args, scheme_lines: tuple[tuple[str, str], ...] = (), **kwargs):
        """`scheme_lines`: the (key, name) of each cost line of the schemes buyers demand, so
        those can be quoted too."""
        super().__init__(*args, **kwargs)
        names = dict(scheme_lines)
        quotable = (*QUOTABLE, *names)
        self.quotes = [f"{QUOTE_PREFIX}{key}" for key in quotable]
        for key in quotable:
            self.fields[f"{QUOTE_PREFIX}{key}"] = forms.IntegerField(
                label=names.get(key) or line_label(key),
                min_value=0,
                max_value=BUDGET_MAX,
                required=False,
                error_messages={
                    "min_value": "A quote cannot be negative.",
                    "max_value": f"That is more than {BUDGET_MAX:,}; please check the amount.",
                    "invalid": "Enter the quote as a whole number, without separators.",
                },
            )

    def layout(self) -> Layout:
        return Layout(
            *[f for f in self.fields if f not in self.quotes],
            HTML(
                '<details class="quotes mb-3"><summary>Your quotes (optional)</summary>'
                '<p class="form-text">A quote replaces our range for that line in every year it '
                "occurs; the report marks it as yours. Each is a yearly amount for yearly "
                "lines.</p>"
            ),
            *self.quotes,
            HTML("</details>"),
        )

    def clean_soc2_categories(self):
        chosen = self.cleaned_data.get("soc2_categories") or []
        if chosen and Soc2Category.SECURITY not in chosen:
            raise forms.ValidationError(
                "Security is always in a SOC 2 scope: tick it with the other categories."
            )
        return chosen


class CurrentStateForm(OtherTextMixin, StepForm):
    title = "Where you stand"
    existing = checkboxes(
        "Which certifications or reports do you hold today?",
        "existing",
        help_text="Leave empty if none.",
    )
    existing_other = other_field("Which certification or report?")
    soc2_period_end = date_field(
        "When does your current SOC 2 observation period end? (optional)",
        "The next report covers the period that is running now; we place the renewal from it.",
    )
    iso_expiry = date_field(
        "When does your ISO 27001:2022 certificate expire? (optional)",
        "Printed on the certificate; surveillance and recertification audits are placed from it.",
    )
    maturity = forms.ChoiceField(
        label="How would you describe security at the company today?",
        choices=choices_of("maturity"),
        widget=forms.RadioSelect,
    )

    def layout(self) -> Layout:
        return Layout(
            "existing",
            Div("existing_other", data_show_when="existing=other"),
            Div("soc2_period_end", data_show_when=f"existing={Held.SOC2_TYPE2}"),
            Div("iso_expiry", data_show_when=f"existing={Held.ISO_2022}"),
            "maturity",
        )

    def clean_soc2_period_end(self):
        return future_date(
            self.cleaned_data.get("soc2_period_end"),
            what="The end of the current period (if the last one has ended, the next is running)",
            years=2,
        )

    def clean_iso_expiry(self):
        return future_date(
            self.cleaned_data.get("iso_expiry"),
            what="The expiry date (an expired certificate is no longer held)",
            years=3,
        )

    def clean(self):
        cleaned = super().clean()
        held = cleaned.get("existing") or []
        for field, needs, name in (
            ("soc2_period_end", Held.SOC2_TYPE2, "a SOC 2 Type II report"),
            ("iso_expiry", Held.ISO_2022, f"an {Framework.ISO.titled} certificate"),
        ):
            if cleaned.get(field) and needs not in held:
                self.add_error(field, f"Tick {name} above if you hold one, or leave this empty.")
        return cleaned
