"""The reference data's own codes that the engine reads: control and group kinds, how a mapping
link relates, how a cost recurs, the effort a practice takes, and the adjacent schemes' severity
and kind. `frameworks/vocabulary.py` is generated from them for the reference-data models."""

from __future__ import annotations

from assessments.engine.codes import Code, IntCode


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
    """When a cost falls. A scheme's per-cycle cost is its assessment, paid at the first proof
    and again at each renewal; a yearly cost runs every year from the first proof."""

    ONCE = "once", "one-off"
    YEARLY = "yearly", "every year"
    PER_CYCLE = "per_cycle", "at each assessment"


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
    # Set by the engine, never by the data: the rule holds only through a market the company
    # plans to enter, so it applies once it sells there.
    LATER = "later", "Applies once you sell there"


class SchemeKind(Code):
    """What a company ends up with. A law is never obtained: it brings duties, not an audit."""

    CERTIFICATION = "certification", "Certification"
    ATTESTATION = "attestation", "Attestation report"
    ASSESSMENT = "assessment", "Third-party assessment"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    LABEL = "label", "Label"
    AUTHORISATION = "authorisation", "Government authorisation"
    STANDARD = "standard", "Standard or baseline"
    PROCUREMENT = "procurement", "Procurement framework"
    LAW = "law", "Law or regulation"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"regulation": "law"}  # results saved before engine 2.2


class PhaseKind(Code):
    """A step on the way to a scheme: work the company does (scaled by its team and head
    start), an assessor's audit, an observation window, or a wait on the scheme's owner."""

    WORK = "work", "preparation"
    AUDIT = "audit", "assessment"
    WINDOW = "window", "observation period"
    WAIT = "wait", "wait on the scheme owner"
