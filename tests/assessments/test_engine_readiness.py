"""Readiness from one set of answers mapped to both frameworks, scored honestly."""

from dataclasses import replace
from datetime import date

from assessments.engine.answers import Answers
from assessments.engine.evaluate import evaluate
from assessments.engine.readiness import MATURITY_GAP, readiness_assess
from assessments.engine.reference import ISO, SOC2, QuestionInfo
from tests.assessments.engine_data import reference_from_files

REFERENCE = reference_from_files()
KEYS = tuple(q.key for q in REFERENCE.questions)
# Questions whose controls lean towards one framework (measured on the mapping in the data).
ISO_HEAVY = (
    "change_management",
    "management_review",
    "office_physical_security",
    "security_awareness_training",
    "endpoint_security_managed",
    "internal_audit_programme",
    "secure_development",
)
SOC2_HEAVY = (
    "privacy_notice_current",
    "data_retention_and_disposal",
    "risk_register_maintained",
    "backup_and_restore",
)


def answers(readiness=None, notes=None, **fields) -> Answers:
    return Answers(
        headcount="11-50",
        industry="saas",
        delivery=("saas",),
        customer_regions=("north_america",),
        budget_amount=80_000,
        currency="USD",
        assessed_on=date(2026, 11, 28),
        readiness=readiness or {},
        readiness_notes=notes or {},
        **fields,
    )


def everything(level: str, **overrides: str) -> dict[str, str]:
    return dict.fromkeys(KEYS, level) | overrides


def assess(readiness=None, notes=None, reference=REFERENCE, **fields):
    return readiness_assess(answers(readiness, notes, **fields), reference)


def test_all_evidence_is_fully_ready_for_both():
    result = assess(everything("evidence"))
    assert result.assessed
    assert result.percent == {SOC2: 100, ISO: 100}
    assert result.gap_share == {SOC2: 0.0, ISO: 0.0}
    assert result.gaps == ()
    assert all(s.status == "met" for s in result.controls if s.questions)


def test_nothing_in_place_is_zero_for_both():
    result = assess(everything("not_in_place"))
    assert result.percent == {SOC2: 0, ISO: 0}
    assert len(result.gaps) == len(KEYS)
    assert not any(s.status == "met" for s in result.controls)


def test_in_place_without_evidence_earns_only_part_of_the_credit():
    in_place = assess(everything("in_place")).percent
    evidence = assess(everything("evidence")).percent
    for framework in (SOC2, ISO):
        assert 0 < in_place[framework] < evidence[framework]
    partly = assess(everything("partly")).percent
    assert all(0 < partly[f] < in_place[f] for f in (SOC2, ISO))


def test_a_control_is_met_only_when_every_question_covering_it_is_met():
    # CC6.1 is covered by several questions; all but one are evidenced.
    covering = [q.key for q in REFERENCE.questions if (SOC2, "CC6.1") in q.controls]
    assert len(covering) >= 2
    result = assess(everything("evidence", **{covering[0]: "not_in_place"}))
    status = next(s for s in result.controls if (s.framework, s.ref) == (SOC2, "CC6.1"))
    assert status.status == "partial"
    assert set(status.questions) == set(covering)
    assert result.percent[SOC2] < 100


def test_unanswered_questions_count_as_not_in_place():
    answered = assess({KEYS[0]: "evidence"})
    assert answered.assessed
    assert answered.percent == assess(everything("not_in_place", **{KEYS[0]: "evidence"})).percent


def test_controls_no_question_covers_are_not_assessed_and_not_counted():
    result = assess(everything("evidence"))
    uncovered = [s for s in result.controls if not s.questions]
    assert uncovered
    assert {s.status for s in uncovered} == {"not_assessed"}
    for framework in (SOC2, ISO):
        covered, total = result.coverage[framework]
        assert covered == total - sum(1 for s in uncovered if s.framework == framework)


def test_not_applicable_controls_leave_the_soa_with_the_note_as_reason():
    note = "Fully remote: we have no office."
    result = assess(
        everything("evidence", office_physical_security="na"),
        {"office_physical_security": note},
    )
    assert len(result.soa) == 93
    excluded = {e.ref: e for e in result.soa if not e.applicable}
    # A.7.1 is also covered by the cloud provider question, so it stays applicable.
    assert set(excluded) == {"A.7.2", "A.7.3", "A.7.4", "A.7.7"}
    assert all(e.reason == note and e.implemented == "n/a" for e in excluded.values())
    status = {(s.framework, s.ref): s.status for s in result.controls}
    assert status[(ISO, "A.7.2")] == "not_applicable"
    assert status[(ISO, "A.7.1")] == "met"
    assert result.percent[ISO] == 100


def test_not_applicable_without_a_note_still_gets_a_reason():
    result = assess(everything("evidence", office_physical_security="na"))
    reasons = {e.reason for e in result.soa if not e.applicable}
    assert reasons and all(reasons)


def test_soa_lists_every_annex_a_control_once():
    result = assess(everything("in_place"))
    refs = [e.ref for e in result.soa]
    assert refs == [c.ref for c in REFERENCE.controls_of(ISO, "annex_a")]
    assert all(e.applicable for e in result.soa)


def test_gaps_that_move_both_frameworks_come_first():
    soc2_only = QuestionInfo(
        key="soc2_only_question",
        topic="Extra",
        text="Do you publish a system description?",
        help_text="",
        controls=((SOC2, "CC2.3"),),
        single_framework_reason="A SOC 2 report needs a system description.",
    )
    reference = replace(REFERENCE, questions=(soc2_only, *REFERENCE.questions))
    result = assess(everything("not_in_place"), reference=reference)
    both = [g.moves_both for g in result.gaps]
    assert both == sorted(both, reverse=True)
    assert result.gaps[-1].question == "soc2_only_question"
    assert not result.gaps[-1].iso27001


def test_gaps_list_the_controls_they_affect_with_auditor_evidence():
    result = assess(everything("evidence", mfa_enforced="in_place"))
    (gap,) = result.gaps
    assert gap.question == "mfa_enforced" and gap.answer == "in_place"
    assert {c.ref for c in gap.soc2} == {"CC6.1", "CC6.6"}
    assert {c.ref for c in gap.iso27001} == {"A.5.17", "A.8.5"}
    assert all(c.auditor_evidence for c in gap.soc2 + gap.iso27001)


def test_without_readiness_answers_the_stated_maturity_stands_in():
    for maturity, gap in MATURITY_GAP.items():
        result = assess(maturity=maturity)
        assert not result.assessed
        assert result.gap_share == {SOC2: gap, ISO: gap}
        assert result.percent[SOC2] == round(100 * (1 - gap))
        assert (result.gaps, result.soa) == ((), ())
        # Controls are still listed, so the deep dive can start from nothing.
        assert {c.status for c in result.controls} == {"not_assessed"}


def close_to_reasons(readiness) -> set[str]:
    result = evaluate(answers(readiness), REFERENCE)
    return {r.factor for r in result.reasons} & {"close_to_soc2", "close_to_iso"}


def test_readiness_that_favours_soc2_adds_close_to_soc2():
    leaning = everything("evidence", **dict.fromkeys(ISO_HEAVY, "not_in_place"))
    percent = assess(leaning).percent
    assert percent[SOC2] >= 50 and percent[SOC2] - percent[ISO] >= 8
    assert close_to_reasons(leaning) == {"close_to_soc2"}


def test_readiness_that_favours_iso_adds_close_to_iso():
    leaning = everything("evidence", **dict.fromkeys(SOC2_HEAVY, "not_in_place"))
    percent = assess(leaning).percent
    assert percent[ISO] >= 50 and percent[ISO] - percent[SOC2] >= 8
    assert close_to_reasons(leaning) == {"close_to_iso"}


def test_even_readiness_favours_neither():
    assert close_to_reasons(everything("evidence")) == set()
    assert close_to_reasons({}) == set()
