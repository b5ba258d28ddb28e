"""The report's "other schemes" section: the schemes a saved result lists, and the answers the
user gave in their own words, each repeated with what we made of it."""

from __future__ import annotations

from dataclasses import dataclass

from .engine.answers import Answers
from .engine.schemes import frameworks_named, kind_label, scheme_advice
from .formatting import FRAMEWORK_NAMES
from .report_model import SavedReport

NOT_MATCHED = "We could not match it to a scheme we know; check what it requires."
# (answer, what it is, what we say when no scheme or framework was recognised in it)
OTHER_ANSWERS = (
    ("tender_other", "What a tender asks for", NOT_MATCHED),
    ("existing_other", "What you already hold", NOT_MATCHED),
    (
        "industry_other",
        "Your industry",
        "We have no scheme rules for this industry; check which certifications its buyers "
        "and regulators expect.",
    ),
    (
        "public_sector_other",
        "Public sector you sell to",
        "We have no scheme rules for this country; check what its public buyers require.",
    ),
)


@dataclass(frozen=True)
class OtherAnswer:
    title: str
    text: str  # verbatim, escaped by the template
    note: str


@dataclass(frozen=True)
class SchemeRow:
    """A matched scheme with what the reference data says of it."""

    key: str
    name: str
    severity: str
    severity_label: str
    kind_label: str
    summary: str
    advice: str
    source: str
    source_url: str
    because: tuple[str, ...]
    named: bool
    held: bool


@dataclass(frozen=True)
class SchemesSection:
    checked: bool  # False for results saved before schemes were matched
    schemes: tuple[SchemeRow, ...]
    other_answers: tuple[OtherAnswer, ...]


def scheme_rows(report: SavedReport) -> tuple[SchemeRow, ...]:
    rows = []
    for match in report.result.schemes:
        scheme = report.scheme(match.key)
        if scheme is None:  # a scheme the snapshot does not know cannot be described
            continue
        rows.append(
            SchemeRow(
                key=match.key,
                name=scheme.name,
                severity=match.severity,
                severity_label=match.severity_label,
                kind_label=kind_label(scheme.kind),
                summary=scheme.summary,
                advice=scheme_advice(match, scheme),
                source=scheme.source,
                source_url=scheme.source_url,
                because=match.because,
                named=match.named,
                held=match.held,
            )
        )
    return tuple(rows)


def schemes_section(report: SavedReport) -> SchemesSection:
    # Engine 1 did not look for other schemes: say so rather than list none.
    schemes = None if report.earlier_engine else scheme_rows(report)
    return SchemesSection(
        checked=schemes is not None,
        schemes=schemes or (),
        other_answers=tuple(_other_answers(report.answers, schemes)),
    )


def _other_answers(answers: Answers, schemes: tuple[SchemeRow, ...] | None):
    for field, title, unmatched in OTHER_ANSWERS:
        text = (getattr(answers, field) or "").strip()
        if not text:
            continue
        if schemes is None:
            note = ""  # the saved result predates matching; say nothing we did not check
        elif field in ("tender_other", "existing_other"):
            note = _note(text, schemes, held=field == "existing_other") or unmatched
        else:
            note = unmatched
        yield OtherAnswer(title=title, text=text, note=note)


def _note(text: str, schemes: tuple[SchemeRow, ...], *, held: bool) -> str:
    names = [s.name for s in schemes if (s.held if held else s.named)]
    frameworks = [FRAMEWORK_NAMES[code] for code in frameworks_named(text)]
    notes = []
    if names:
        notes.append(f"We matched it to {_joined(names)}; check anything else it names yourself.")
    if frameworks:
        notes.append(f"The rest of this report covers {_joined(frameworks)}.")
    return " ".join(notes)


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
