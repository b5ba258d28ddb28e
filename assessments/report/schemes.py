"""The report's "other schemes" section: the schemes a saved result lists (those a buyer demands
marked as part of the plan), and the answers the user gave in their own words, each repeated
with what we made of it."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.engine.answers import Answers
from assessments.engine.reference import SchemeInfo
from assessments.engine.schemes import frameworks_named, kind_label, scheme_advice, schemes_named
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.advice import plan_rows
from assessments.report.model import SavedReport

# What the section says of a scheme the plan gets, keeps or complies with, and why.
IN_PLAN = {
    "add": "Part of your plan ({basis}): its timeline, date and costs are in this report.",
    "keep": "Part of your plan ({basis}): keep it current; its renewals are in the costs.",
    "comply": "Part of your plan ({basis}): meet its duties from now; a law has no audit or "
    "fee to plan.",
}
NOT_MATCHED = "We could not match it to a scheme we know; check what it requires."
# (answer, what it is, what we say when no scheme or framework was recognised in it)
OTHER_ANSWERS = (
    ("tender_other", "What a tender asks for", NOT_MATCHED),
    (
        "scheme_other",
        "Another scheme a buyer asks for",
        "We could not match it to a scheme we know, so it is not in the plan; check what it "
        "requires.",
    ),
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
    demanded: bool = False  # a buyer or a tender demands it
    in_plan: str = ""  # what the plan does with it, when it is in the plan


@dataclass(frozen=True)
class SchemesSection:
    checked: bool  # False for results saved before schemes were matched
    schemes: tuple[SchemeRow, ...]
    other_answers: tuple[OtherAnswer, ...]


def scheme_rows(report: SavedReport) -> tuple[SchemeRow, ...]:
    planned = {p["key"]: p for p in plan_rows(report.result, report.reference.schemes)}
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
                demanded=match.demanded,
                in_plan=_in_plan(planned.get(match.key)),
            )
        )
    return tuple(rows)


def _in_plan(item: dict | None) -> str:
    if item is None:
        return ""
    return IN_PLAN.get(item["code"], IN_PLAN["add"]).format(basis=item["basis"])


def schemes_section(report: SavedReport) -> SchemesSection:
    # Engine 1 did not look for other schemes: say so rather than list none.
    schemes = None if report.earlier_engine else scheme_rows(report)
    return SchemesSection(
        checked=schemes is not None,
        schemes=schemes or (),
        other_answers=tuple(_other_answers(report.answers, schemes, report.reference.schemes)),
    )


def _other_answers(
    answers: Answers, schemes: tuple[SchemeRow, ...] | None, known: tuple[SchemeInfo, ...]
):
    for field, title, unmatched in OTHER_ANSWERS:
        text = (getattr(answers, field, "") or "").strip()
        if not text:
            continue
        if schemes is None:
            note = ""  # the saved result predates matching; say nothing we did not check
        elif field == "scheme_other":
            named = schemes_named(text=text, schemes=known)
            planned = [s.name for s in schemes if s.key in named and s.in_plan]
            note = (
                f"We matched it to {_joined(planned)}: part of your plan." if planned else unmatched
            )
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
