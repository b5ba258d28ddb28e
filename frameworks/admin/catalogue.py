"""The admin of the frameworks, their groups and controls, the mapping and the comparison;
controls and mapping links import from and export to CSV."""

from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from frameworks.admin.common import HistoryAdmin, LabelledTabularInline
from frameworks.models import (
    ComparisonAspect,
    ComparisonText,
    Control,
    ControlGroup,
    ControlMapping,
    Framework,
)
from frameworks.vocabulary import Framework as FrameworkCode


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


@admin.register(Framework)
class FrameworkAdmin(HistoryAdmin):
    list_display = ("name", "code", "edition", "position")
    readonly_fields = ("code",)


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
        return obj._links  # type: ignore[attr-defined]  # annotated by get_queryset above

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
