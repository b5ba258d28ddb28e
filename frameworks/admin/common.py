"""What every reference-data admin shares: history, and accessible tabular inlines."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Every reference-data admin keeps a change history that can be viewed and reverted."""


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline shows each column's label once, in the table head, so the inputs in
    the rows have no label of their own. Give each one an accessible name."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        row = "" if index is None else f", row {index + 1}"
        for name, field in form.fields.items():
            widget = field.widget
            while hasattr(widget, "widget"):  # the admin wraps related-object selects
                widget = widget.widget
            widget.attrs.setdefault("aria-label", f"{field.label or name}{row}")


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet
