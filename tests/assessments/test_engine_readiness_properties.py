"""Readiness cannot be inflated, whatever mix of answers, exclusions and overrides comes in."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import Answers
from assessments.engine.applicability import (
    exclusion_allowed,
    exclusion_reason_problem,
    exclusion_refusal,
)
from assessments.engine.codes import OVERRIDE_STATUSES, ReadinessLevel
from assessments.engine.readiness import questions_by_control, readiness_assess
from assessments.engine.reference import FRAMEWORKS
from tests.assessments.engine_data import reference_from_files, small_us_saas

REFERENCE = reference_from_files()
KEYS = tuple(q.key for q in REFERENCE.questions)
REQUIREMENTS = tuple(
    f"{c.framework}:{c.ref}" for f in FRAMEWORKS for c in REFERENCE.requirements(f)
)
KINDS = {(c.framework, c.ref): c.kind for c in REFERENCE.controls}
READINESS_LEVELS = tuple(ReadinessLevel)
SETTINGS = settings(max_examples=150, deadline=None)

reasons = st.sampled_from(
    (
        "",
        "n/a",
        "na",
        "-",
        "none",
        "remote team",
        "Fully remote company: no offices, every system runs in the cloud.",
        "We process no personal data of consumers, only business contact details.",
    )
)
levels = st.sampled_from(READINESS_LEVELS)


def _perturbed(changes) -> dict[str, str]:
    readiness_ = dict.fromkeys(KEYS, "evidence")
    for key, level in changes:
        if level is None:
            readiness_.pop(key, None)
        else:
            readiness_[key] = level
    return readiness_


# Every question "in place with evidence" but for a few changes: the sets closest to 100 %.
near_perfect = st.lists(
    st.tuples(st.sampled_from(KEYS), st.sampled_from((*READINESS_LEVELS, None))), max_size=3
).map(_perturbed)
readiness = st.one_of(st.dictionaries(st.sampled_from(KEYS), levels), near_perfect)
overrides = st.dictionaries(
    st.sampled_from(REQUIREMENTS),
    st.fixed_dictionaries({"status": st.sampled_from(OVERRIDE_STATUSES), "note": reasons}),
    max_size=12,
)


def answers(readiness_, notes, overrides_=None) -> Answers:
    return small_us_saas(
        readiness=readiness_, readiness_notes=notes, control_overrides=overrides_ or {}
    )


@SETTINGS
@given(readiness, st.dictionaries(st.sampled_from(KEYS), reasons), overrides)
def test_no_framework_reaches_100_while_a_requirement_is_unassessed_or_unevidenced(
    readiness_, notes, overrides_
):
    result = readiness_assess(answers(readiness_, notes, overrides_), REFERENCE)
    if not result.assessed:
        return
    for framework in FRAMEWORKS:
        statuses = {s.status for s in result.controls if s.framework == framework}
        assert (result.percent[framework] == 100) == (statuses <= {"met", "not_applicable"})
        # Timeline and cost plan unanswered questions at the stated maturity, so the work they
        # plan is never more than the answers leave undone (readiness itself counts them at 0).
        assert 0 <= result.gap_share[framework] <= 1
        assert 100 * (1 - result.gap_share[framework]) >= result.percent[framework] - 1.1


@SETTINGS
@given(readiness, st.dictionaries(st.sampled_from(KEYS), reasons), overrides)
def test_only_what_may_be_excluded_with_a_real_reason_leaves_the_count(
    readiness_, notes, overrides_
):
    result = readiness_assess(answers(readiness_, notes, overrides_), REFERENCE)
    for s in (s for s in result.controls if s.status == "not_applicable"):
        if s.overridden:
            kind = KINDS[(s.framework, s.ref)]
            assert exclusion_allowed(framework=s.framework, ref=s.ref, kind=kind, reason=s.note)
            continue
        assert not exclusion_refusal(
            framework=s.framework, ref=s.ref, kind=KINDS[(s.framework, s.ref)]
        )
        covering = questions_by_control(REFERENCE)[(s.framework, s.ref)]
        assert covering
        for key in covering:
            assert readiness_[key] == "na" and not exclusion_reason_problem(notes[key])


@SETTINGS
@given(
    readiness,
    st.dictionaries(st.sampled_from(KEYS), reasons),
    overrides,
    st.sampled_from(REQUIREMENTS),
    st.sampled_from(OVERRIDE_STATUSES),
    reasons,
)
def test_an_override_never_changes_another_control(
    readiness_, notes, overrides_, target, status, note
):
    before = readiness_assess(answers(readiness_, notes, overrides_), REFERENCE)
    after_overrides = {**overrides_, target: {"status": status, "note": note}}
    after = readiness_assess(answers(readiness_, notes, after_overrides), REFERENCE)
    for old, new in zip(before.controls, after.controls, strict=True):
        if f"{old.framework}:{old.ref}" != target:
            assert old.status == new.status and old.score == new.score
