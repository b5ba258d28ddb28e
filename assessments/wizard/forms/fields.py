"""What every step form shares: limits, choices from the engine's codes, text and date checks."""

from __future__ import annotations

import datetime
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.functional import cached_property

from assessments.answers.limits import (
    DEADLINE_MAX_YEARS,
    OTHER_MAX,
)
from assessments.engine.answers import CODE_LISTS, OTHER_TEXT

UNANSWERED_LABEL = "Leave unanswered"


def choices_of(kind: str, *, blank: str = "") -> list[tuple[str, str]]:
    """A kind of answer's codes, each with its label as a sentence starts it; `blank` first, as
    the label of an empty choice, when given."""
    pairs = [
        (str(code), text[0].upper() + text[1:]) for code, text in CODE_LISTS[kind].labels().items()
    ]
    return [("", blank), *pairs] if blank else pairs


def years_after(day: datetime.date, years: int) -> datetime.date:
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
    """Crispy renders the fields; the wizard template supplies the <form> and the buttons.
    The helper and its layout are made when the form is drawn, not when it is built: the review
    and the submit validate every step again and draw none of them."""

    def layout(self) -> Layout | None:
        """How crispy arranges the fields; None draws them in order."""
        return None

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        if (layout := self.layout()) is not None:
            helper.layout = layout
        return helper


class OtherTextMixin(forms.Form):
    """Each "other" choice names what it is in a short text field of its own; text typed for an
    "other" that is not chosen is dropped."""

    other_what = {
        "industry": "industry",
        "public_sector_countries": "country",
        "tender_requirements": "certification or scheme",
        "existing": "certification or report",
        "demanded_schemes": "scheme",
    }

    def clean(self):
        cleaned = super().clean()
        self.clean_others(cleaned)
        return cleaned

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


def checkboxes(
    label: str, kind: str, *, required: str | None = None, help_text: str = ""
) -> forms.MultipleChoiceField:
    """Tick boxes for a kind of answer; `required` is the message when none is ticked (without
    it, none may be)."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices_of(kind),
        widget=forms.CheckboxSelectMultiple,
        required=required is not None,
        help_text=help_text,
        error_messages={"required": required} if required else {},
    )


def other_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=OTHER_MAX)


def future_date(
    day: datetime.date | None, *, what: str, years: int = DEADLINE_MAX_YEARS
) -> datetime.date | None:
    if day is None:
        return None
    today = timezone.localdate()
    if day <= today:
        raise forms.ValidationError(f"{what} must be in the future.")
    if day > years_after(today, years):
        raise forms.ValidationError(f"Choose a date within {years} years, or leave it empty.")
    return day


def date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=help_text,
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
    )
