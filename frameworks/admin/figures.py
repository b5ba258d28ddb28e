"""The admin of the figures and weights the engine reads, the readiness questions and the
adjacent schemes."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html, format_html_join

from frameworks.admin.common import HistoryAdmin
from frameworks.models import (
    AdjacentScheme,
    CostItem,
    DecisionFactor,
    DecisionRule,
    ExchangeRate,
    NecessityRule,
    PricingFactor,
    ReadinessQuestion,
    SchemePhase,
    TimelineEstimate,
)
from frameworks.vocabulary import TRIGGER_FIELDS


@admin.register(CostItem)
class CostItemAdmin(HistoryAdmin):
    list_display = (
        "name",
        "size_band",
        "currency",
        "framework",
        "scheme",
        "recurrence",
        "low",
        "typical",
        "high",
        "source_type",
        "source_date",
        "verified",
    )
    list_filter = (
        "framework",
        "scheme",
        "size_band",
        "currency",
        "source_type",
        "verified",
        "key",
    )
    search_fields = ("name", "source", "notes")


@admin.register(TimelineEstimate)
class TimelineEstimateAdmin(HistoryAdmin):
    list_display = ("name", "framework", "low", "typical", "high", "source_type", "source_date")
    list_filter = ("framework",)


@admin.register(PricingFactor)
class PricingFactorAdmin(HistoryAdmin):
    """Percentages: a Type I's share of the Type II fee, bundle discounts, audit-time shares."""

    list_display = ("name", "key", "low", "typical", "high", "source_type", "source_date")
    list_filter = ("source_type",)
    search_fields = ("name", "source", "notes")


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
    list_display = ("position", "title", "topic", "optional", "effort", "priority", "owner_role")
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
        "priority",
        "priority_reason",
        "depends_on",
        "owner_role",
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


class SchemePhaseInline(admin.StackedInline):
    """The steps on the way to a scheme, in weeks for a fast, a typical and a slow programme."""

    model = SchemePhase
    extra = 0
    fields = (
        "position",
        "key",
        "name",
        "kind",
        "low",
        "typical",
        "high",
        "source_type",
        "source",
        "source_date",
    )


@admin.register(AdjacentScheme)
class AdjacentSchemeAdmin(HistoryAdmin):
    list_display = ("name", "kind", "severity", "plannable", "builds_on", "position", "key")
    list_filter = ("severity", "kind", "plannable")
    inlines = (SchemePhaseInline,)
    search_fields = ("name", "key", "aliases", "summary", "advice", "triggers", "source")
    readonly_fields = ("trigger_reference",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("key", "name", "kind", "severity", "position")}),
        ("What it is", {"fields": ("summary", "source", "source_url")}),
        ("When it applies", {"fields": ("triggers", "aliases", "trigger_reference")}),
        ("What we advise", {"fields": ("advice",)}),
        (
            "Planning (when a buyer demands it; cost lines are under Cost items)",
            {
                "fields": (
                    "plannable",
                    "builds_on",
                    "carry_over",
                    "prerequisite",
                    "renewal_months",
                    "meanwhile",
                )
            },
        ),
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


@admin.register(NecessityRule)
class NecessityRuleAdmin(HistoryAdmin):
    """When a question or a control cannot be excluded for a company like this one."""

    list_display = ("target", "conditions", "because")
    search_fields = ("target", "conditions", "because")
    readonly_fields = ("trigger_reference",)
    fields = ("target", "conditions", "trigger_reference", "because")

    @admin.display(description="fields and values for conditions")
    def trigger_reference(self, obj=None) -> str:
        return AdjacentSchemeAdmin.trigger_reference(self, obj)
