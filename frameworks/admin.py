from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AdjacentScheme,
    ComparisonAspect,
    ComparisonText,
    Control,
    ControlGroup,
    ControlMapping,
    CostItem,
    DecisionFactor,
    DecisionRule,
    ExchangeRate,
    Framework,
    ReadinessQuestion,
    TimelineEstimate,
)
from .vocabulary import TRIGGER_FIELDS
from .vocabulary import Framework as FrameworkCode


class FrameworkControlWidget(ForeignKeyWidget):
    """Resolves a control id within one framework, since ids only are unique per framework."""

    def __init__(self, framework_code: str):
        super().__init__(Control, field="ref")
        self.framework_code = framework_code

    def get_queryset(self, value, row, *args, **kwargs):
        return Control.objects.filter(framework__code=self.framework_code)


class ControlResource(resources.ModelResource):
    framework = fields.Field(
        attribute="framework",
        column_name="framework",
        widget=ForeignKeyWidget(Framework, field="code"),
    )
    group = fields.Field(
        attribute="group", column_name="group", widget=ForeignKeyWidget(ControlGroup, field="code")
    )

    class Meta:
        model = Control
        fields = (
            "framework",
            "ref",
            "title",
            "kind",
            "group",
            "description",
            "auditor_evidence",
            "new_in_2022",
            "level",
            "position",
        )
        import_id_fields = ("framework", "ref")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False


class ControlMappingResource(resources.ModelResource):
    source = fields.Field(
        attribute="source", column_name="tsc_id", widget=FrameworkControlWidget(FrameworkCode.SOC2)
    )
    target = fields.Field(
        attribute="target", column_name="iso_id", widget=FrameworkControlWidget(FrameworkCode.ISO)
    )

    class Meta:
        model = ControlMapping
        fields = ("source", "target", "relation", "rationale")
        import_id_fields = ("source", "target")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False


class HistoryAdmin(SimpleHistoryAdmin):
    """Every reference-data admin keeps a change history that can be viewed and reverted."""


@admin.register(Framework)
class FrameworkAdmin(HistoryAdmin):
    list_display = ("name", "code", "edition", "position")
    readonly_fields = ("code",)


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


class ControlInline(LabelledTabularInline):
    model = Control
    fields = ("ref", "title", "new_in_2022", "position")
    readonly_fields = ("ref",)
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(ControlGroup)
class ControlGroupAdmin(HistoryAdmin):
    list_display = ("name", "code", "framework", "kind", "parent", "position")
    list_filter = ("framework", "kind")
    search_fields = ("code", "name")
    inlines = [ControlInline]

    def get_readonly_fields(self, request, obj=None):
        return ("framework", "code", "kind") if obj else ()


class MappingOutInline(LabelledTabularInline):
    model = ControlMapping
    fk_name = "source"
    fields = ("target", "relation", "rationale")
    autocomplete_fields = ("target",)
    extra = 0
    verbose_name = "link to an ISO 27001 item"
    verbose_name_plural = "links to ISO 27001 (this criterion is the source)"


class MappingInInline(LabelledTabularInline):
    model = ControlMapping
    fk_name = "target"
    fields = ("source", "relation", "rationale")
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = "link from a SOC 2 criterion"
    verbose_name_plural = "links from SOC 2 (this ISO item is the target)"


@admin.register(Control)
class ControlAdmin(ImportExportModelAdmin, HistoryAdmin):
    resource_classes = [ControlResource]
    list_display = ("ref", "title", "framework", "group", "kind", "new_in_2022", "link_count")
    list_filter = ("framework", "kind", "group", "new_in_2022")
    search_fields = ("ref", "title", "description", "auditor_evidence")
    list_select_related = ("framework", "group")
    list_per_page = 100

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(
                _links=Count("mappings_out", distinct=True) + Count("mappings_in", distinct=True)
            )
        )

    @admin.display(description="links", ordering="_links")
    def link_count(self, obj: Control) -> int:
        return obj._links

    def get_readonly_fields(self, request, obj=None):
        # A published id is what reports and mappings cite; it never changes once saved.
        return ("framework", "ref", "kind") if obj else ()

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        return [MappingOutInline] if obj.framework.code == FrameworkCode.SOC2 else [MappingInInline]


@admin.register(ControlMapping)
class ControlMappingAdmin(ImportExportModelAdmin, HistoryAdmin):
    resource_classes = [ControlMappingResource]
    list_display = ("source", "target", "relation", "rationale")
    list_filter = ("relation", "source__group__parent", "target__kind", "target__group")
    search_fields = ("source__ref", "target__ref", "rationale", "source__title", "target__title")
    list_select_related = ("source", "target")
    autocomplete_fields = ("source", "target")


class ComparisonTextInline(LabelledTabularInline):
    model = ComparisonText
    extra = 0


@admin.register(ComparisonAspect)
class ComparisonAspectAdmin(HistoryAdmin):
    list_display = ("name", "key", "position")
    list_editable = ("position",)
    inlines = [ComparisonTextInline]


@admin.register(ComparisonText)
class ComparisonTextAdmin(HistoryAdmin):
    list_display = ("aspect", "framework", "text")
    list_filter = ("framework",)
    search_fields = ("text",)


@admin.register(CostItem)
class CostItemAdmin(HistoryAdmin):
    list_display = (
        "name",
        "size_band",
        "framework",
        "recurrence",
        "low",
        "typical",
        "high",
        "source_type",
    )
    list_filter = ("framework", "size_band", "source_type", "key")
    search_fields = ("name", "source", "notes")


@admin.register(TimelineEstimate)
class TimelineEstimateAdmin(HistoryAdmin):
    list_display = ("name", "framework", "low", "typical", "high", "source_type")
    list_filter = ("framework",)


@admin.register(DecisionFactor)
class DecisionFactorAdmin(HistoryAdmin):
    list_display = ("name", "key", "framework", "weight")
    list_editable = ("weight",)
    list_filter = ("framework",)
    search_fields = ("name", "key", "description")

    def get_readonly_fields(self, request, obj=None):
        # The engine looks factors up by key.
        return ("key",) if obj else ()


@admin.register(DecisionRule)
class DecisionRuleAdmin(HistoryAdmin):
    list_display = ("name", "key", "value", "min_value", "max_value")
    list_editable = ("value",)
    search_fields = ("name", "key", "description")
    readonly_fields = ("key", "min_value", "max_value")

    def has_add_permission(self, request) -> bool:
        # The engine knows each rule by its key; rows come from the data files.
        return False


@admin.register(ReadinessQuestion)
class ReadinessQuestionAdmin(HistoryAdmin):
    list_display = ("position", "title", "topic", "optional", "effort")
    list_display_links = ("title",)
    list_filter = ("optional", "topic", "effort")
    search_fields = ("title", "text", "help_text", "auditor_evidence", "key")
    filter_horizontal = ("controls",)
    fields = (
        "key",
        "title",
        "topic",
        "position",
        "optional",
        "text",
        "help_text",
        "auditor_evidence",
        "effort",
        "controls",
        "single_framework_reason",
    )

    def get_readonly_fields(self, request, obj=None):
        # Saved answers refer to questions by key.
        return ("key",) if obj else ()

    class Media:
        js = ("js/admin-a11y.js",)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(HistoryAdmin):
    list_display = ("currency", "per_usd", "as_of")


@admin.register(AdjacentScheme)
class AdjacentSchemeAdmin(HistoryAdmin):
    list_display = ("name", "kind", "severity", "position", "key")
    list_filter = ("severity", "kind")
    search_fields = ("name", "key", "aliases", "summary", "advice", "triggers", "source")
    readonly_fields = ("trigger_reference",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("key", "name", "kind", "severity", "position")}),
        ("What it is", {"fields": ("summary", "source", "source_url")}),
        ("When it applies", {"fields": ("triggers", "aliases", "trigger_reference")}),
        ("What we advise", {"fields": ("advice",)}),
    )

    def get_readonly_fields(self, request, obj=None):
        # Saved reports name schemes by key.
        return ("key", *self.readonly_fields) if obj else self.readonly_fields

    @admin.display(description="fields and values for triggers")
    def trigger_reference(self, obj=None) -> str:
        rows = format_html_join(
            "",
            "<li><code>{}</code>: {}</li>",
            ((field, ", ".join(codes)) for field, codes in TRIGGER_FIELDS.items()),
        )
        return format_html(
            '<ul class="trigger-reference">{}</ul><p>markets is where you have customers or '
            "sell now; markets_planned adds the regions planned within 24 months.</p>",
            rows,
        )
