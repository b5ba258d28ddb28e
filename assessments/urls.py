from django.urls import path, re_path

from assessments import views

app_name = "assessments"

wizard = views.AssessmentWizard.as_view(url_name="assessments:wizard_step", done_step_name="done")

# <key> is an assessment's link key, never its id.
urlpatterns = [
    path("", views.landing, name="landing"),
    path("assess/", wizard, name="wizard_start"),
    re_path(r"^assess/(?P<step>[a-z0-9_]+)/$", wizard, name="wizard_step"),
    path("my-assessments/", views.workspace, name="workspace"),
    path("assessments/<uuid:key>/", views.report, name="report"),
    path("assessments/<uuid:key>/report.pdf", views.report_pdf, name="report_pdf"),
    path("assessments/<uuid:key>/edit/", views.edit, name="edit"),
    path("assessments/<uuid:key>/soa/", views.soa, name="soa"),
    path("assessments/<uuid:key>/soa.csv", views.soa_csv, name="soa_csv"),
    path("assessments/<uuid:key>/soa.xlsx", views.soa_xlsx, name="soa_xlsx"),
    path("assessments/<uuid:key>/gaps.xlsx", views.gaps_xlsx, name="gaps_xlsx"),
    path("assessments/<uuid:key>/crosswalk.xlsx", views.crosswalk_xlsx, name="crosswalk_xlsx"),
    path("assessments/<uuid:key>/costs.xlsx", views.costs_xlsx, name="costs_xlsx"),
    path("assessments/<uuid:key>/deep-dive/<slug:framework>/", views.deep_dive, name="deep_dive"),
    path("assessments/<uuid:key>/delete/", views.delete, name="delete"),
    path("assessments/<uuid:key>/delete-all/", views.chain_delete, name="chain_delete"),
    path("assessments/<uuid:key>/revoke/", views.revoke, name="revoke"),
    path("assessments/<uuid:key>/recalculate/", views.recalculate, name="recalculate"),
    path("assessments/<uuid:key>/compare/<uuid:other>/", views.compare, name="compare"),
]
