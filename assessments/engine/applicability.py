"""What may be excluded from a framework, and what counts as a reason for excluding it.

One rule for the wizard's forms, the deep dive, the JSON answers and the engine: a SOC 2 report
always covers the common criteria (CC1–CC9), an ISMS always meets its clauses 4–10, and any
other requirement (the other criteria, the Annex A controls) may be left out only with a reason
a reader of the Statement of Applicability could follow.
"""

from __future__ import annotations

import re

from assessments.engine.answers import Answers
from assessments.engine.codes import Framework
from assessments.engine.reference import NecessityInfo, QuestionInfo
from assessments.engine.reference_codes import ControlKind

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
REASON_NOT_SPECIFIC = (
    "Say what is absent here, or why the risk does not arise, in words about this requirement: "
    "a sentence that would fit any exclusion is not a reason (for example “We have no office: "
    "everyone works remotely and all systems run in AWS.”)."
)
REASON_REUSED = (
    "The same sentence is given for unrelated exclusions ({topics}); give each its own reason, "
    "naming what is absent there."
)
# Words that say something is absent, or why a risk does not arise.
ABSENCE = frozenset(
    {
        "no", "not", "never", "none", "nobody", "nothing", "without", "neither", "nor",
        "only", "instead", "because", "since", "outsourced", "handled", "managed", "covered",
        "owned", "provided", "runs", "hosted", "n't", "cannot", "isn't", "aren't", "don't",
        "doesn't", "didn't", "won't",
    }
)  # fmt: skip
STOPWORDS = frozenset(
    {
        "this", "that", "with", "have", "from", "your", "ours", "their", "they", "there",
        "here", "does", "apply", "applies", "applicable", "company", "software", "business",
        "which", "what", "when", "where", "every", "some", "such", "than", "then", "them",
        "these", "those", "also", "into", "onto", "about", "would", "could", "should",
        "relevant", "model", "needed", "necessary", "required", "important", "case", "scope",
        "context", "situation", "thing", "things", "area", "aspect", "really", "currently",
        "moment", "right", "stage", "work", "works", "done", "kind", "type",
    }
)  # fmt: skip
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


def exclusion_reason_problem(reason: str, subject: str = "") -> str:
    """What is wrong with a reason given for an exclusion, or "" when it will do. With the
    `subject` (the question's or the control's own words), the reason must also be specific: say
    that something is absent or why the risk does not arise, in words about that subject."""
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
    if subject and not _specific(text, subject):
        return REASON_NOT_SPECIFIC
    return ""


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if len(w) >= 4} - {w[:5] for w in STOPWORDS}


def _specific(reason: str, subject: str) -> bool:
    """A reason says something is absent or why the risk does not arise, and names something:
    words of the requirement itself, or at least two concrete words of its own."""
    lowered = reason.lower().replace("’", "'")
    says_why = any(w in ABSENCE for w in re.findall(r"[a-z']+", lowered))
    named = _stems(reason)
    return says_why and (bool(named & _stems(subject)) or len(named) >= 2)


def reused_reasons(notes: dict[str, str], topics: dict[str, str]) -> dict[str, str]:
    """The exclusions whose reason is the very sentence given for an unrelated one (another
    topic), each with the refusal to show."""
    by_text: dict[str, list[str]] = {}
    for key, note in notes.items():
        text = re.sub(r"[^a-z0-9]+", " ", (note or "").lower()).strip()
        if text:
            by_text.setdefault(text, []).append(key)
    refused = {}
    for keys in by_text.values():
        seen = sorted({topics.get(k, "") for k in keys})
        if len(seen) > 1:
            for key in keys:
                refused[key] = REASON_REUSED.format(topics=", ".join(seen))
    return refused


def necessary_because(answers: Answers, necessity: tuple[NecessityInfo, ...], target: str) -> str:
    """Why the company's own answers make this question or control necessary, or "" when
    they do not (then it may be excluded with a reason)."""
    for rule in necessity:
        if rule.target == target and any(r.holds(answers) for r in rule.rules):
            return rule.because
    return ""


def necessity_refusal(because: str, what: str) -> str:
    return (
        f"“Not applicable” does not fit your answers: {because} Keep {what} in scope and say how "
        "far it is in place."
    )


def exclusion_problem(*, refusal: str, reason: str, subject: str = "") -> tuple[str, str] | None:
    """What is wrong with excluding something (`refusal`: why it can never be excluded, or ""),
    as (CHOICE or REASON, the message), or None when the exclusion stands."""
    if refusal:
        return CHOICE, refusal
    if problem := exclusion_reason_problem(reason, subject):
        return REASON, problem
    return None


def exclusion_allowed(
    *, framework: str, ref: str, kind: str, reason: str, subject: str = "", necessary: str = ""
) -> bool:
    """True when the requirement may be excluded, the company's answers do not make it
    necessary, and the reason given is a real one."""
    refusal = exclusion_refusal(framework=framework, ref=ref, kind=kind) or necessary
    return exclusion_problem(refusal=refusal, reason=reason, subject=subject) is None
