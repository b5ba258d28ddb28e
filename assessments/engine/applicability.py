"""What may be excluded from a framework, and what counts as a reason for excluding it.

One rule for the wizard's forms, the deep dive, the JSON answers and the engine: a SOC 2 report
always covers the common criteria (CC1–CC9), an ISMS always meets its clauses 4–10, and any
other requirement (the other criteria, the Annex A controls) may be left out only with a reason
a reader of the Statement of Applicability could follow.
"""

from __future__ import annotations

import re

from .codes import Framework
from .reference import QuestionInfo
from .reference_codes import ControlKind

MIN_REASON_WORDS = 4
MIN_REASON_LETTERS = 15
# Stand-ins people type instead of a reason; compared without case, spaces or punctuation.
PLACEHOLDERS = frozenset(
    {"na", "n/a", "none", "nil", "no", "tbd", "todo", "notapplicable", "doesnotapply"}
)
_WORD = re.compile(r"[^\W\d_]+")
# The TSC's own naming: the common criteria are the CC series.
COMMON_CRITERIA_PREFIX = "CC"

COMMON_CRITERIA_REFUSAL = (
    "The SOC 2 common criteria (CC1–CC9) are part of every SOC 2 report, so they cannot be "
    "excluded."
)
CLAUSE_REFUSAL = "ISO 27001 clauses 4–10 apply to every ISMS, so they cannot be excluded."
REASON_NEEDED = (
    "Say in a sentence why this does not apply (for example “We have no office: everyone works "
    "remotely and all systems run in AWS.”); it goes into your Statement of Applicability."
)
REASON_TOO_THIN = (
    "Give a real reason, in a sentence of at least four words, not a placeholder such as "
    "“n/a”; it goes into your Statement of Applicability."
)
REFUSALS = {Framework.SOC2: COMMON_CRITERIA_REFUSAL, Framework.ISO: CLAUSE_REFUSAL}
# Where a problem with an exclusion lies: the choice of "not applicable", or the reason given.
CHOICE, REASON = "choice", "reason"


def exclusion_refusal(*, framework: str, ref: str, kind: str) -> str:
    """Why this requirement can never be excluded, or "" when it may be, with a reason."""
    if framework == Framework.SOC2 and ref.startswith(COMMON_CRITERIA_PREFIX):
        return COMMON_CRITERIA_REFUSAL
    if framework == Framework.ISO and kind == ControlKind.CLAUSE:
        return CLAUSE_REFUSAL
    return ""


def question_exclusion_refusal(question: QuestionInfo) -> str:
    """Why "not applicable" is refused for this question, or "" when it is allowed.

    A question is all or nothing: if any requirement it covers can never be excluded, the
    question cannot be answered "not applicable" at all."""
    fixed: dict[str, list[str]] = {}
    for (framework, ref), kind in zip(question.controls, question.kinds, strict=True):
        if exclusion_refusal(framework=framework, ref=ref, kind=kind):
            fixed.setdefault(framework, []).append(ref)
    if not fixed:
        return ""
    parts = [f"{Framework(f).label} {', '.join(fixed[f])}" for f in Framework if f in fixed]
    reasons = [REFUSALS[f] for f in Framework if f in fixed]
    return (
        f"“Not applicable” is not possible here: this question covers {' and '.join(parts)}. "
        + " ".join(reasons)
    )


def exclusion_reason_problem(reason: str) -> str:
    """What is wrong with a reason given for an exclusion, or "" when it will do."""
    text = " ".join((reason or "").split())
    if not text:
        return REASON_NEEDED
    words = _WORD.findall(text)
    squeezed = re.sub(r"[\s.\-–—_/]+", "", text.lower())
    if (
        squeezed in PLACEHOLDERS
        or len(words) < MIN_REASON_WORDS
        or len({w.lower() for w in words}) < MIN_REASON_WORDS - 1
        or sum(len(w) for w in words) < MIN_REASON_LETTERS
    ):
        return REASON_TOO_THIN
    return ""


def exclusion_problem(*, refusal: str, reason: str) -> tuple[str, str] | None:
    """What is wrong with excluding something (`refusal`: why it can never be excluded, or ""),
    as (CHOICE or REASON, the message), or None when the exclusion stands."""
    if refusal:
        return CHOICE, refusal
    if problem := exclusion_reason_problem(reason):
        return REASON, problem
    return None


def exclusion_allowed(*, framework: str, ref: str, kind: str, reason: str) -> bool:
    """True when the requirement may be excluded and the reason given is a real one."""
    refusal = exclusion_refusal(framework=framework, ref=ref, kind=kind)
    return exclusion_problem(refusal=refusal, reason=reason) is None
