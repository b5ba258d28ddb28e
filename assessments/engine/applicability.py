"""What may be excluded from a framework, and what counts as a reason for excluding it.

One rule for the wizard's forms, the deep dive, the JSON answers and the engine: a SOC 2 report
always covers the common criteria (CC1–CC9), an ISMS always meets clauses 4–10, and anything
else may be left out only with a reason a reader of the Statement of Applicability could follow.
"""

from __future__ import annotations

import re

from .reference import ISO, SOC2, QuestionInfo

MIN_REASON_WORDS = 4
MIN_REASON_LETTERS = 15
# Stand-ins people type instead of a reason; compared without case, spaces or punctuation.
PLACEHOLDERS = frozenset(
    {"na", "n/a", "none", "nil", "no", "tbd", "todo", "notapplicable", "doesnotapply"}
)
_WORD = re.compile(r"[^\W\d_]+")

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


def exclusion_refusal(*, framework: str, ref: str) -> str:
    """Why this requirement can never be excluded, or "" when it may be, with a reason."""
    if framework == SOC2 and ref.startswith("CC"):
        return COMMON_CRITERIA_REFUSAL
    if framework == ISO and not ref.startswith("A."):
        return CLAUSE_REFUSAL
    return ""


def question_exclusion_refusal(question: QuestionInfo) -> str:
    """Why "not applicable" is refused for this question, or "" when it is allowed.

    A question is all or nothing: if any requirement it covers can never be excluded, the
    question cannot be answered "not applicable" at all."""
    parts, reasons = [], []
    for framework, name, refusal in (
        (SOC2, "SOC 2", COMMON_CRITERIA_REFUSAL),
        (ISO, "ISO 27001", CLAUSE_REFUSAL),
    ):
        refs = [
            ref
            for fw, ref in question.controls
            if fw == framework and exclusion_refusal(framework=fw, ref=ref)
        ]
        if refs:
            parts.append(f"{name} {', '.join(refs)}")
            reasons.append(refusal)
    if not parts:
        return ""
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


def exclusion_allowed(*, framework: str, ref: str, reason: str) -> bool:
    """True when the requirement may be excluded and the reason given is a real one."""
    return not exclusion_refusal(framework=framework, ref=ref) and not exclusion_reason_problem(
        reason
    )
