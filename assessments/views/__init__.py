"""Thin views: the wizard, the report and its pages, and what only the owner may do."""

from .owner import chain_delete, delete, revoke, workspace
from .report import compare, deep_dive, recalculate, report, report_pdf, soa, soa_csv
from .wizard import AssessmentWizard, edit, landing

__all__ = [
    "AssessmentWizard",
    "chain_delete",
    "compare",
    "deep_dive",
    "delete",
    "edit",
    "landing",
    "recalculate",
    "report",
    "report_pdf",
    "revoke",
    "soa",
    "soa_csv",
    "workspace",
]
