"""The reference data's own codes that the engine reads: control and group kinds, how a mapping
link relates, how a cost recurs, the effort a practice takes, and the adjacent schemes' severity
and kind. `frameworks/vocabulary.py` is generated from them for the reference-data models."""

from __future__ import annotations

from .codes import Code, IntCode


class ControlKind(Code):
    CRITERION = "criterion", "Trust Services Criterion"
    ANNEX_A = "annex_a", "Annex A control"
    CLAUSE = "clause", "ISMS clause"


class GroupKind(Code):
    CATEGORY = "category", "TSC category"
    SERIES = "series", "TSC series"
    THEME = "theme", "Annex A theme"
    CLAUSE = "clause", "Management-system clause"


class Relation(Code):
    """How a criterion relates to the ISO item it is linked to, read from the criterion's side."""

    EQUAL = "equal", "equal"
    SUBSET = "subset", "subset (criterion is narrower)"
    SUPERSET = "superset", "superset (criterion is broader)"
    INTERSECT = "intersect", "intersect"


class Recurrence(Code):
    ONCE = "once", "one-off"
    YEARLY = "yearly", "every year"


class Effort(IntCode):
    """Roughly how long putting a readiness question's practice in place takes."""

    DAYS = 1, "days"
    WEEKS = 2, "weeks"
    MONTHS = 3, "months"


class Severity(Code):
    """How firmly a company's answers point to an adjacent scheme; the order is the report's."""

    REQUIRED = "required", "Required"
    LIKELY = "likely", "Likely to be asked for"
    CONSIDER = "consider", "Worth considering"


class SchemeKind(Code):
    CERTIFICATION = "certification", "Certification"
    ATTESTATION = "attestation", "Attestation report"
    AUTHORISATION = "authorisation", "Government authorisation"
    ASSESSMENT = "assessment", "Assessment"
    STANDARD = "standard", "Standard or baseline"
    PROCUREMENT = "procurement", "Procurement framework"
    REGULATION = "regulation", "Regulation or directive"
    LAW = "law", "Law"
