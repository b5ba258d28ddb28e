from django.urls import path, re_path

from . import views

app_name = "assessments"

wizard = views.AssessmentWizard.as_view(url_name="assessments:wizard_step", done_step_name="done")

urlpatterns = [
    path("", views.landing, name="landing"),
    path("assess/", wizard, name="wizard_start"),
    re_path(r"^assess/(?P<step>[a-z0-9_]+)/$", wizard, name="wizard_step"),
    path("assessments/<uuid:pk>/", views.report, name="report"),
    path("assessments/<uuid:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("assessments/<uuid:pk>/edit/", views.edit, name="edit"),
    path("assessments/<uuid:pk>/soa/", views.soa, name="soa"),
    path("assessments/<uuid:pk>/soa.csv", views.soa_csv, name="soa_csv"),
    path("assessments/<uuid:pk>/deep-dive/<slug:framework>/", views.deep_dive, name="deep_dive"),
    path("assessments/<uuid:pk>/delete/", views.delete, name="delete"),
    path("assessments/<uuid:pk>/recalculate/", views.recalculate, name="recalculate"),
    path("assessments/<uuid:pk>/compare/<uuid:other>/", views.compare, name="compare"),
]
