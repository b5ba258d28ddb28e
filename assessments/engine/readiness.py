"""How far the company is from each framework, from one set of answers mapped to both.

Honesty rules: readiness is a share of every requirement of the framework, so a requirement no
answer reaches is "not assessed" and earns nothing; "in place" without evidence earns only part
of the credit; a requirement is met only when every question that covers it is met (or the user
marked it met control by control); and only what may be excluded, with a real reason, leaves the
count as "not applicable"."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from assessments.engine.answers import Answers, label
from assessments.engine.applicability import (
    exclusion_allowed,
    exclusion_problem,
    necessary_because,
    necessity_refusal,
    question_exclusion_refusal,
    reused_reasons,
)
from assessments.engine.codes import Maturity, ReadinessLevel
from assessments.engine.gaps import Gap, PlanStep, first_90_days, gaps_rank
from assessments.engine.overrides import override_issue
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, QuestionInfo, ReferenceData
from assessments.engine.reference_codes import ControlKind
from assessments.engine.scope import categories_in_scope, criteria_categories
from assessments.engine.statuses import (
    GAP,
    MET,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    PARTIAL,
    ControlStatus,
)

CREDIT: dict[str, float] = {
    ReadinessLevel.NOT_IN_PLACE: 0.0,
    ReadinessLevel.PARTLY: 0.25,
    ReadinessLevel.IN_PLACE: 0.6,
    ReadinessLevel.EVIDENCE: 1.0,
}
OVERRIDE_SCORE: dict[str, float] = {MET: 1.0, PARTIAL: 0.5, GAP: 0.0, NOT_APPLICABLE: 0.0}

# When nobody answered the questions, the stated maturity stands in for the share still to build.
MATURITY_GAP: dict[str, float] = {
    Maturity.AD_HOC: 0.85,
    Maturity.BASIC: 0.65,
    Maturity.DOCUMENTED: 0.4,
    Maturity.MANAGED: 0.2,
}

__all__ = [
    "CREDIT",
    "GAP",
    "MET",
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "PARTIAL",
    "ControlStatus",
    "Gap",
    "Readiness",
    "override_key",
    "readiness_assess",
]


def override_key(framework: str, ref: str) -> str:
    return f"{framework}:{ref}"


@dataclass(frozen=True)
class GroupReadiness:
    framework: str
    name: str
    percent: int
    met: int
    assessed: int
    total: int


@dataclass(frozen=True)
class SoaEntry:
    """One Annex A control in the draft Statement of Applicability; its title is reference
    data. An excluded control carries the user's reason."""

    ref: str
    applicable: bool = True
    reason: str = ""
    implemented: str = NOT_ASSESSED


@dataclass(frozen=True)
class Readiness:
    assessed: bool
    percent: dict[str, int]
    gap_share: dict[str, float]
    groups: tuple[GroupReadiness, ...]
    controls: tuple[ControlStatus, ...]
    gaps: tuple[Gap, ...]
    soa: tuple[SoaEntry, ...]
    # (requirements assessed by an answer or a control-by-control verdict, all requirements)
    coverage: dict[str, tuple[int, int]]
    unanswered: tuple[str, ...] = ()  # keys of the questions left unanswered
    # Engine 2.1: the SOC 2 categories counted, and per framework how many requirements' effort
    # rests on the maturity answer alone (no question about them was answered).
    soc2_scope: tuple[str, ...] = ()
    maturity_based: dict[str, int] = field(default_factory=dict)
    # Engine 2.2: each "not applicable" answer that does not stand, with why (it counts as not
    # in place), and the first 90 days of the gap list as work.
    refused: dict[str, str] = field(default_factory=dict)
    first_90_days: tuple[PlanStep, ...] = ()


def exclusion_refusals(answers: Answers, reference: ReferenceData) -> dict[str, str]:
    """Each question answered "not applicable" that does not stand, with why: it covers a
    requirement that can never be excluded, the company's answers make it necessary, its
    reason is missing, thin or not about it, or the same sentence excuses unrelated ones."""
    refused = {}
    excluded = {
        q.key: q
        for q in reference.questions
        if answers.readiness.get(q.key) == ReadinessLevel.NOT_APPLICABLE
    }
    for key, q in excluded.items():
        because = necessary_because(answers, reference.necessity, key)
        refusal = question_exclusion_refusal(q) or (
            necessity_refusal(because, f"“{q.title or q.text}”") if because else ""
        )
        problem = exclusion_problem(
            refusal=refusal,
            reason=answers.readiness_notes.get(key, ""),
            subject=f"{q.title} {q.text}",
        )
        if problem:
            refused[key] = problem[1]
    notes = {k: answers.readiness_notes.get(k, "") for k in excluded if k not in refused}
    refused |= reused_reasons(notes, {k: q.topic for k, q in excluded.items()})
    return refused


def answer_levels(
    answers: Answers, questions: tuple[QuestionInfo, ...], refused: dict[str, str] | None = None
) -> dict[str, str]:
    """Each answered question's level as the engine counts it: "not applicable" stands only
    where the question may be excluded and the reason is a real one (`refused` lists those that
    do not, see `exclusion_refusals`); otherwise it earns nothing, like "not in place"."""
    levels = {}
    for q in questions:
        level = answers.readiness.get(q.key)
        if level == ReadinessLevel.NOT_APPLICABLE and (
            (refused is not None and q.key in refused)
            or exclusion_problem(
                refusal=question_exclusion_refusal(q),
                reason=answers.readiness_notes.get(q.key, ""),
            )
        ):
            level = ReadinessLevel.NOT_IN_PLACE
        if level in CREDIT or level == ReadinessLevel.NOT_APPLICABLE:
            levels[q.key] = level
    return levels


def _control_status(credits: list[float | None]) -> tuple[str, float]:
    applicable = [c for c in credits if c is not None]
    if not applicable:
        return NOT_APPLICABLE, 0.0
    score = sum(applicable) / len(applicable)
    if all(c == CREDIT["evidence"] for c in applicable):
        return MET, score
    if any(c > 0 for c in applicable):
        return PARTIAL, score
    return GAP, score


def questions_by_control(reference: ReferenceData) -> dict[tuple[str, str], tuple[str, ...]]:
    """The keys of the questions that cover each requirement."""
    by_control: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in reference.questions:
        for control in q.controls:
            by_control[control].append(q.key)
    return {control: tuple(keys) for control, keys in by_control.items()}


def control_statuses(
    answers: Answers, reference: ReferenceData, refused: dict[str, str] | None = None
) -> tuple[ControlStatus, ...]:
    if refused is None:
        refused = exclusion_refusals(answers, reference)
    levels = answer_levels(answers, reference.questions, refused)
    by_control = questions_by_control(reference)
    titles = {q.key: q.title or q.text for q in reference.questions}
    texts = {q.key: q.text for q in reference.questions}
    in_scope = criteria_categories(answers)
    statuses = []
    for c in (c for f in FRAMEWORKS for c in reference.requirements(f)):
        if c.framework == SOC2 and c.category not in in_scope:
            continue  # a Trust Services category outside the report's scope
        keys = tuple(by_control.get((c.framework, c.ref), ()))
        target = override_key(c.framework, c.ref)
        necessary = necessary_because(answers, reference.necessity, target)
        override = answers.control_overrides.get(target)
        if override and override.get("status") in OVERRIDE_SCORE:
            # The user's own verdict on this one control replaces the estimate for it alone,
            # as far as its note and the answers bear it out.
            status, note = override["status"], override.get("note", "")
            if status == NOT_APPLICABLE and not exclusion_allowed(
                framework=c.framework,
                ref=c.ref,
                kind=c.kind,
                reason=note,
                # A control's own title is short: the questions about it say more.
                subject=" ".join([c.title, *(f"{titles[k]} {texts[k]}" for k in keys)]),
                necessary=necessary,
            ):
                status = GAP
            score = OVERRIDE_SCORE[status]
            issue = override_issue(status, note, [(titles[k], levels.get(k)) for k in keys])
            if issue:
                status, score = PARTIAL, min(score, CREDIT[ReadinessLevel.IN_PLACE])
            statuses.append(ControlStatus(c.framework, c.ref, status, score, note, True, issue))
            continue
        if any(k in levels for k in keys):
            # A question left unanswered beside answered ones earns nothing; an exclusion the
            # company's answers contradict earns nothing either.
            credits = [
                (0.0 if necessary else None)
                if levels.get(k) == ReadinessLevel.NOT_APPLICABLE
                else CREDIT[levels.get(k, ReadinessLevel.NOT_IN_PLACE)]
                for k in keys
            ]
            status, score = _control_status(credits)
        else:
            status, score = NOT_ASSESSED, 0.0
        statuses.append(ControlStatus(c.framework, c.ref, status, score))
    return tuple(statuses)


def _share(statuses: list[ControlStatus]) -> float | None:
    """The share of the applicable requirements that is in place, unassessed ones at nothing."""
    applicable = [s for s in statuses if s.status != NOT_APPLICABLE]
    if not applicable:
        return None
    return sum(s.score for s in applicable) / len(applicable)


def _percent(share: float | None) -> int:
    # Rounded down, so 100 % means every applicable requirement is met, never "nearly".
    return 0 if share is None else math.floor(100 * share + 1e-9)


def _groups(
    statuses: tuple[ControlStatus, ...], reference: ReferenceData
) -> tuple[GroupReadiness, ...]:
    category = {(c.framework, c.ref): c.category for c in reference.controls}
    order: dict[tuple[str, str], list[ControlStatus]] = {}
    for s in statuses:
        order.setdefault((s.framework, category[(s.framework, s.ref)]), []).append(s)
    return tuple(
        GroupReadiness(
            framework,
            name,
            _percent(_share(members)),
            sum(1 for s in members if s.status == MET),
            sum(1 for s in members if s.status not in (NOT_APPLICABLE, NOT_ASSESSED)),
            len(members),
        )
        for (framework, name), members in order.items()
    )


def _soa(
    answers: Answers, statuses: tuple[ControlStatus, ...], reference: ReferenceData
) -> tuple[SoaEntry, ...]:
    """Every Annex A control: applicable, or excluded with the reason the user gave."""
    annex_a = {c.ref for c in reference.controls_of(ISO, ControlKind.ANNEX_A)}
    by_control = questions_by_control(reference)
    entries = []
    for status in (s for s in statuses if s.framework == ISO and s.ref in annex_a):
        if status.status == NOT_APPLICABLE:
            notes = (
                [status.note]
                if status.overridden
                else [answers.readiness_notes.get(k, "") for k in by_control[(ISO, status.ref)]]
            )
            reason = "; ".join(dict.fromkeys(" ".join(n.split()) for n in notes if n.strip()))
            entries.append(SoaEntry(status.ref, False, reason, NOT_APPLICABLE))
        else:
            # Why it is included is derived where the SoA is shown (`inclusion_basis`): it
            # follows from the answers and the reference data the result keeps.
            entries.append(SoaEntry(status.ref, implemented=status.status))
    return tuple(entries)


# The risks each Annex A theme treats, as a Statement of Applicability states a risk-treatment
# basis for including a control.
THEME_RISKS = {
    "A.5": "risks of security that is not governed, owned, agreed with suppliers or checked",
    "A.6": "risks from people: mistakes, misuse and leavers who keep access",
    "A.7": "risks of unauthorised physical access, and of damage to or loss of equipment",
    "A.8": "risks of technical attack, failure and data loss in your systems",
}


def inclusion_basis(answers: Answers, reference: ReferenceData, ref: str) -> str:
    """Why an Annex A control is in the Statement of Applicability: what in the company's
    answers makes it necessary (a business, legal or contractual need), and the risk it treats."""
    parts = []
    if because := necessary_because(answers, reference.necessity, override_key(ISO, ref)):
        parts.append(f"Needed: {because}")
    asked = [q for q in reference.questions if (ISO, ref) in q.controls]
    answered = [q for q in asked if answers.readiness.get(q.key)]
    if answered:
        what = "; ".join(
            f"“{q.title}” ({label('readiness', answers.readiness[q.key]).lower()})"
            for q in answered
        )
        parts.append(f"Your answers on it: {what}.")
    elif asked:
        parts.append(f"Not yet answered: “{asked[0].title}” covers it.")
    theme = ref.rsplit(".", 1)[0]
    parts.append(
        f"Risk treatment: treats {THEME_RISKS.get(theme, 'the risks your assessment finds')}; "
        "confirm it against your risk treatment plan."
    )
    return " ".join(parts)


def _effort_gap(
    members: list[ControlStatus],
    levels: dict[str, str],
    by_control: dict[tuple[str, str], tuple[str, ...]],
    maturity_credit: float,
) -> tuple[float, int]:
    """The share of the work still to do, for planning time and money: an unanswered question
    counts at the stated maturity instead of at nothing (readiness itself never does this), and
    how many requirements rest on the maturity answer alone."""
    total, guessed, counted = 0.0, 0, 0
    for s in members:
        if s.status == NOT_APPLICABLE:
            continue
        counted += 1
        if s.overridden:
            total += s.score
            continue
        keys = by_control.get((s.framework, s.ref), ())
        credits = [
            maturity_credit if k not in levels else CREDIT[levels[k]]
            for k in keys
            if levels.get(k) != ReadinessLevel.NOT_APPLICABLE
        ] or [maturity_credit]
        if not any(k in levels for k in keys):
            guessed += 1
        total += sum(credits) / len(credits)
    if not counted:
        return 0.0, 0
    return round(1 - total / counted, 3), guessed


def readiness_assess(answers: Answers, reference: ReferenceData) -> Readiness:
    refused = exclusion_refusals(answers, reference)
    statuses = control_statuses(answers, reference, refused)
    levels = answer_levels(answers, reference.questions, refused)
    assessed = bool(levels) or bool(answers.control_overrides)
    percent: dict[str, int] = {}
    gap_share: dict[str, float] = {}
    coverage: dict[str, tuple[int, int]] = {}
    maturity_based: dict[str, int] = {}
    by_control = questions_by_control(reference)
    stated_gap = MATURITY_GAP.get(answers.maturity, MATURITY_GAP[Maturity.BASIC])
    for framework in FRAMEWORKS:
        members = [s for s in statuses if s.framework == framework]
        coverage[framework] = (sum(1 for s in members if s.status != NOT_ASSESSED), len(members))
        share = _share(members)
        if assessed and share is not None:
            percent[framework] = _percent(share)
            gap_share[framework], maturity_based[framework] = _effort_gap(
                members, levels, by_control, 1 - stated_gap
            )
        else:
            percent[framework] = round(100 * (1 - stated_gap))
            gap_share[framework] = stated_gap
            maturity_based[framework] = sum(1 for s in members if s.status != NOT_APPLICABLE)
    gaps = (
        gaps_rank(levels=levels, reference=reference, statuses=statuses, by_control=by_control)
        if assessed
        else ()
    )
    return Readiness(
        assessed=assessed,
        percent=percent,
        gap_share=gap_share,
        groups=_groups(statuses, reference) if assessed else (),
        controls=statuses,
        gaps=gaps,
        first_90_days=first_90_days(gaps, {q.key: q.effort for q in reference.questions}),
        soa=_soa(answers, statuses, reference) if assessed else (),
        coverage=coverage,
        unanswered=tuple(q.key for q in reference.questions if q.key not in levels)
        if assessed
        else (),
        soc2_scope=categories_in_scope(answers),
        maturity_based=maturity_based,
        refused=refused,
    )
