"""Thin views: the wizard, the report and its pages, and what only the owner may do."""

from assessments.views.owner import chain_delete, delete, revoke, workspace
from assessments.views.report import (
    compare,
    costs_xlsx,
    crosswalk_xlsx,
    deep_dive,
    gaps_xlsx,
    recalculate,
    report,
    report_pdf,
    soa,
    soa_csv,
    soa_xlsx,
)
from assessments.wizard.views import AssessmentWizard, edit, landing

__all__ = [
    "AssessmentWizard",
    "chain_delete",
    "compare",
    "costs_xlsx",
    "crosswalk_xlsx",
    "deep_dive",
    "delete",
    "edit",
    "gaps_xlsx",
    "landing",
    "recalculate",
    "report",
    "report_pdf",
    "revoke",
    "soa",
    "soa_csv",
    "soa_xlsx",
    "workspace",
]
