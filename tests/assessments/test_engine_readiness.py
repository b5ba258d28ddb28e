"""Readiness from one set of answers mapped to both frameworks, scored honestly."""

from dataclasses import replace

from assessments.engine.answers import Answers
from assessments.engine.codes import Soc2Category
from assessments.engine.evaluate import evaluate
from assessments.engine.readiness import MATURITY_GAP, questions_by_control, readiness_assess
from assessments.engine.reference import FRAMEWORKS, ISO, SOC2, QuestionInfo
from tests.assessments.engine_data import reference_from_files, small_us_saas

REFERENCE = reference_from_files()
KEYS = tuple(q.key for q in REFERENCE.questions)
CORE = tuple(q.key for q in REFERENCE.questions if not q.optional)
OPTIONAL = tuple(q.key for q in REFERENCE.questions if q.optional)
TOTAL = {f: len(REFERENCE.requirements(f)) for f in FRAMEWORKS}
REMOTE = "Fully remote company: no offices, every system runs in our cloud provider's regions."
# Questions whose controls lean towards one framework (measured on the mapping in the data).
ISO_HEAVY = (
    "security_policies_approved",
    "change_management",
    "secure_development",
    "endpoint_security_managed",
    "isms_scope_defined",
    "office_physical_security",
    "security_awareness_training",
)
SOC2_HEAVY = (
    "privacy_notice_current",
    "data_retention_and_disposal",
    "processing_outputs_accurate",
    "data_subject_requests",
    "disclosures_recorded",
    "consent_and_choice",
)


# Every Trust Services category in scope, so a SOC 2 share is one of all 61 criteria.
ALL_CATEGORIES = tuple(c.value for c in Soc2Category)


def answers(readiness=None, notes=None, **fields) -> Answers:
    fields.setdefault("soc2_categories", ALL_CATEGORIES)
    return small_us_saas(readiness=readiness or {}, readiness_notes=notes or {}, **fields)


def everything(level: str, keys=KEYS, **overrides: str) -> dict[str, str]:
    return dict.fromkeys(keys, level) | overrides


def assess(readiness=None, notes=None, reference=REFERENCE, **fields):
    return readiness_assess(answers(readiness, notes, **fields), reference)


def status_of(result, framework: str, ref: str):
    return next(s for s in result.controls if (s.framework, s.ref) == (framework, ref))


# Coverage


def test_every_criterion_and_every_iso_requirement_is_covered_by_a_question():
    for framework in FRAMEWORKS:
        covered = {ref for q in REFERENCE.questions for fw, ref in q.controls if fw == framework}
        missing = [c.ref for c in REFERENCE.requirements(framework) if c.ref not in covered]
        assert missing == [], framework
    assert TOTAL == {SOC2: 61, ISO: 123}


def test_the_wizard_pages_ask_about_every_requirement_that_can_never_be_excluded():
    asked = {ref for q in REFERENCE.questions if not q.optional for _, ref in q.controls}
    common_criteria = [c.ref for c in REFERENCE.requirements(SOC2) if c.ref.startswith("CC")]
    clauses = [c.ref for c in REFERENCE.requirements(ISO) if c.kind == "clause"]
    assert len(common_criteria) == 33 and len(clauses) == 30
    assert set(common_criteria) <= asked and set(clauses) <= asked


def test_all_evidence_is_fully_ready_for_both():
    result = assess(everything("evidence"))
    assert result.assessed
    assert result.percent == {SOC2: 100, ISO: 100}
    assert result.gap_share == {SOC2: 0.0, ISO: 0.0}
    assert result.coverage == {SOC2: (61, 61), ISO: (123, 123)}
    assert result.gaps == () and result.unanswered == ()
    assert {s.status for s in result.controls} == {"met"}


def test_requirements_only_the_skipped_optional_step_asks_about_are_not_assessed():
    result = assess(everything("evidence", keys=CORE))
    assert result.unanswered == OPTIONAL
    for framework in FRAMEWORKS:
        assessed, total = result.coverage[framework]
        unassessed = [s for s in result.controls if s.framework == framework]
        unassessed = [s for s in unassessed if s.status == "not_assessed"]
        assert unassessed and assessed == total - len(unassessed)
        # An unasked requirement earns nothing, so the share stays below 100.
        assert result.percent[framework] < 100
    assert status_of(result, SOC2, "PI1.1").status == "not_assessed"
    assert status_of(result, ISO, "A.8.12").status == "not_assessed"
    # A requirement asked on the wizard pages and again in the optional step is assessed, but
    # the unanswered part earns nothing: it cannot be met yet.
    assert status_of(result, SOC2, "CC4.1").status == "partial"


def test_readiness_is_a_share_of_every_requirement_not_of_the_answered_ones():
    result = assess({"mfa_enforced": "evidence"})
    assert result.coverage == {SOC2: (2, 61), ISO: (2, 123)}
    # Both criteria are also covered by unanswered questions; the two ISO controls are not.
    assert {status_of(result, SOC2, ref).status for ref in ("CC6.1", "CC6.6")} == {"partial"}
    assert {status_of(result, ISO, ref).status for ref in ("A.5.17", "A.8.5")} == {"met"}
    assert result.percent[ISO] == 1  # 2 of 123, rounded down
    assert result.percent[SOC2] < 2
    assert result.gaps == ()  # nothing answered below "evidence"


def test_nothing_in_place_is_zero_for_both():
    result = assess(everything("not_in_place"))
    assert result.percent == {SOC2: 0, ISO: 0}
    assert len(result.gaps) == len(KEYS)
    assert not any(s.status == "met" for s in result.controls)


def test_in_place_without_evidence_earns_part_of_the_credit_and_never_meets_a_control():
    in_place = assess(everything("in_place"))
    evidence = assess(everything("evidence")).percent
    partly = assess(everything("partly")).percent
    assert not any(s.status == "met" for s in in_place.controls)
    for framework in FRAMEWORKS:
        assert 0 < partly[framework] < in_place.percent[framework] < evidence[framework]


def test_a_control_is_met_only_when_every_question_covering_it_is_met():
    covering = [q.key for q in REFERENCE.questions if (SOC2, "CC6.1") in q.controls]
    assert len(covering) >= 2
    result = assess(everything("evidence", **{covering[0]: "not_in_place"}))
    status = status_of(result, SOC2, "CC6.1")
    assert status.status == "partial"
    assert set(questions_by_control(REFERENCE)[(SOC2, "CC6.1")]) == set(covering)
    assert result.percent[SOC2] < 100


# No inflation


def test_two_met_overrides_without_answers_count_for_their_two_controls_only():
    overrides = {
        "soc2:CC6.1": {"status": "met", "note": "Okta sign-on policy export and access review"},
        "iso27001:A.5.1": {"status": "met", "note": "Policy set approved by the board, minutes"},
    }
    result = assess(control_overrides=overrides)
    assert result.assessed
    assert result.percent == {SOC2: 100 // 61, ISO: 100 // 123}
    assert result.coverage == {SOC2: (1, 61), ISO: (1, 123)}
    assert [s.ref for s in result.controls if s.status == "met"] == ["CC6.1", "A.5.1"]
    # Timeline and cost plan the rest at the stated maturity: two verdicts buy almost nothing
    # over a company that answered nothing at all.
    overridden = evaluate(answers(control_overrides=overrides), REFERENCE)
    unanswered = evaluate(answers(), REFERENCE)
    for option in ("soc2", "iso27001", "both"):
        assert (
            overridden.options[option].first_proof_week
            >= unanswered.options[option].first_proof_week - 1
        )
    for framework in FRAMEWORKS:
        assert overridden.readiness.gap_share[framework] > MATURITY_GAP["basic"] - 0.02


def test_an_override_changes_its_own_control_and_nothing_else():
    base = assess(everything("partly"))
    overridden = assess(
        everything("partly"), control_overrides={"iso27001:A.8.8": {"status": "met", "note": ""}}
    )
    changed = [
        (a.framework, a.ref)
        for a, b in zip(base.controls, overridden.controls, strict=True)
        if a != b
    ]
    assert changed == [(ISO, "A.8.8")]
    assert overridden.percent[SOC2] == base.percent[SOC2]


def test_not_applicable_on_technical_questions_with_n_a_as_reason_earns_nothing():
    technical = [q.key for q in REFERENCE.questions if q.topic == "Operations and monitoring"]
    technical += ["change_management", "secure_development", "access_least_privilege"]
    result = assess(
        everything("evidence", **dict.fromkeys(technical, "na")),
        dict.fromkeys(technical, "n/a"),
    )
    assert result.percent[SOC2] < 100 and result.percent[ISO] < 100
    assert not any(s.status == "not_applicable" for s in result.controls)
    assert status_of(result, SOC2, "CC7.2").status == "gap"
    assert all(e.applicable for e in result.soa)
    assert {g.question for g in result.gaps} == set(technical)


def test_common_criteria_and_clauses_stay_in_scope_whatever_the_answers_say():
    # Each exclusion with its own sentence: one sentence for unrelated ones is refused.
    result = assess(everything("na"), {k: f"{REMOTE} It concerns {k}." for k in KEYS})
    excluded = {(s.framework, s.ref) for s in result.controls if s.status == "not_applicable"}
    assert excluded
    assert not any(ref.startswith("CC") for fw, ref in excluded if fw == SOC2)
    assert all(ref.startswith("A.") for fw, ref in excluded if fw == ISO)
    assert result.percent == {SOC2: 0, ISO: 0}


def test_exclusion_with_a_real_reason_leaves_the_soa_with_that_reason():
    result = assess(
        everything("evidence", office_physical_security="na"),
        {"office_physical_security": REMOTE},
    )
    assert len(result.soa) == 93
    excluded = {e.ref: e for e in result.soa if not e.applicable}
    # A.7.1 is also covered by the hosting-provider question, so it stays applicable; clear
    # desk and screen (A.7.7) matters at home too (a necessity rule), so the office answer
    # cannot exclude it and nothing else says it is in place.
    assert set(excluded) == {"A.7.2", "A.7.3", "A.7.4", "A.7.6"}
    assert all(e.reason == REMOTE for e in excluded.values())
    assert status_of(result, ISO, "A.7.1").status == "met"
    assert status_of(result, ISO, "A.7.7").status == "gap"
    assert result.percent[ISO] == 99


def test_an_exclusion_with_a_placeholder_reason_is_not_an_exclusion():
    for note in ("", "n/a", "N/A.", "-", "none", "remote team"):
        result = assess(
            everything("evidence", office_physical_security="na"),
            {"office_physical_security": note},
        )
        assert all(e.applicable for e in result.soa), note
        assert status_of(result, ISO, "A.7.2").status == "gap"
        assert result.percent[ISO] < 100


def test_not_applicable_overrides_stand_only_where_exclusion_is_allowed_with_a_reason():
    overrides = {
        "soc2:CC6.4": {"status": "not_applicable", "note": REMOTE},
        "iso27001:9.2.1": {"status": "not_applicable", "note": REMOTE},
        "iso27001:A.7.4": {"status": "not_applicable", "note": "n/a"},
        "iso27001:A.7.12": {"status": "not_applicable", "note": REMOTE},
    }
    result = assess(everything("evidence"), control_overrides=overrides)
    statuses = {s.ref: s.status for s in result.controls if s.overridden}
    assert statuses == {
        "CC6.4": "gap",
        "9.2.1": "gap",
        "A.7.4": "gap",
        "A.7.12": "not_applicable",
    }
    soa = {e.ref: e for e in result.soa}
    assert not soa["A.7.12"].applicable and soa["A.7.12"].reason == REMOTE


def test_soa_lists_every_annex_a_control_once():
    result = assess(everything("in_place"))
    refs = [e.ref for e in result.soa]
    assert refs == [c.ref for c in REFERENCE.controls_of(ISO, "annex_a")]
    assert all(e.applicable for e in result.soa)


def test_without_readiness_answers_the_stated_maturity_stands_in():
    for maturity, gap in MATURITY_GAP.items():
        result = assess(maturity=maturity)
        assert not result.assessed
        assert result.gap_share == {SOC2: gap, ISO: gap}
        assert result.percent[SOC2] == round(100 * (1 - gap))
        assert (result.gaps, result.soa, result.unanswered) == ((), (), ())
        # Controls are still listed, so the deep dive can start from nothing.
        assert {c.status for c in result.controls} == {"not_assessed"}


# The right evidence per question


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def test_each_question_has_its_own_auditor_evidence_and_a_short_title():
    evidence = [_normal(q.auditor_evidence) for q in REFERENCE.questions]
    control_texts = {_normal(c.auditor_evidence) for c in REFERENCE.controls}
    assert all(len(e.split()) >= 15 for e in evidence)
    assert len(set(evidence)) == len(evidence)  # not another question's
    for q, text in zip(REFERENCE.questions, evidence, strict=True):
        assert text not in control_texts, q.key  # not a control's
        assert not any(c in text for c in control_texts), q.key
        assert text != _normal(q.help_text), q.key  # not what "done" means, said again
    titles = [q.title for q in REFERENCE.questions]
    assert len(set(titles)) == len(titles)
    assert all(t and len(t) <= 60 and not t.endswith("?") for t in titles)


def test_a_gap_names_its_own_question_and_the_requirements_it_moves():
    result = assess(everything("evidence", mfa_enforced="in_place"))
    (gap,) = result.gaps
    question = next(q for q in REFERENCE.questions if q.key == "mfa_enforced")
    assert (gap.question, gap.answer) == ("mfa_enforced", "in_place")
    assert question.title == "Enforced multi-factor authentication"
    assert set(gap.soc2) == {"CC6.1", "CC6.6"}
    assert set(gap.iso27001) == {"A.5.17", "A.8.5"}


# Gap order


def _question(key: str, controls, effort: int = 2) -> QuestionInfo:
    kinds = {(c.framework, c.ref): c.kind for c in REFERENCE.controls}
    return QuestionInfo(
        key=key,
        topic="Test",
        text=f"{key}?",
        help_text="",
        controls=tuple(controls),
        kinds=tuple(kinds[control] for control in controls),
        title=key,
        auditor_evidence=f"evidence for {key}",
        effort=effort,
    )


def test_gaps_rank_by_severity_then_reach_then_effort():
    questions = (
        _question("in_place_wide", [(SOC2, "CC1.1"), (SOC2, "CC1.2"), (ISO, "5.1")]),
        _question("partly_narrow", [(SOC2, "CC2.1")]),
        _question("missing_narrow_quick", [(ISO, "A.5.1")], effort=1),
        _question("missing_narrow_slow", [(ISO, "A.5.2")], effort=3),
        _question("missing_wide", [(SOC2, "CC3.1"), (ISO, "6.2")], effort=3),
    )
    reference = replace(REFERENCE, questions=questions)
    result = assess(
        {
            "in_place_wide": "in_place",
            "partly_narrow": "partly",
            "missing_narrow_quick": "not_in_place",
            "missing_narrow_slow": "not_in_place",
            "missing_wide": "not_in_place",
        },
        reference=reference,
    )
    assert [g.question for g in result.gaps] == [
        "missing_wide",
        "missing_narrow_quick",
        "missing_narrow_slow",
        "partly_narrow",
        "in_place_wide",
    ]
    first, *_, last = result.gaps
    assert first.why == (
        "Not in place · moves 1 SOC 2 criterion and 1 ISO 27001 requirement still open · "
        "months of work"
    )
    assert last.why.startswith("In place but without evidence · moves 2 SOC 2 criteria and 1")


def test_gaps_follow_priority_then_dependency_then_severity():
    # An auditor's order (engine 2.2): partly enforced MFA, one of the most exploited gaps,
    # before licences and capacity planning that are missing outright; the ISMS scope, which
    # everything else is applied within, before the management review, which in turn follows
    # the internal audit whose results it reviews.
    readiness = everything(
        "evidence",
        mfa_enforced="partly",
        intellectual_property_respected="not_in_place",
        capacity_monitoring="not_in_place",
        isms_scope_defined="partly",
        management_review="not_in_place",
        internal_audit_programme="not_in_place",
    )
    gaps = [g.question for g in assess(readiness).gaps]
    assert gaps.index("mfa_enforced") < gaps.index("intellectual_property_respected")
    assert gaps.index("mfa_enforced") < gaps.index("capacity_monitoring")
    assert gaps.index("isms_scope_defined") < gaps.index("management_review")
    assert gaps.index("internal_audit_programme") < gaps.index("management_review")
    assert gaps[-1] == "intellectual_property_respected"


def test_within_one_priority_what_is_missing_comes_before_what_lacks_evidence():
    readiness = everything(
        "evidence", backup_and_restore="in_place", vulnerability_patching="not_in_place"
    )
    gaps = [g.question for g in assess(readiness).gaps]
    assert gaps == ["vulnerability_patching", "backup_and_restore"]


def _closure(key: str, depends: dict[str, tuple[str, ...]]) -> set[str]:
    found, todo = set(), list(depends.get(key, ()))
    while todo:
        dep = todo.pop()
        if dep not in found:
            found.add(dep)
            todo += depends.get(dep, ())
    return found


def test_the_gap_list_of_the_real_bank_is_in_ranking_order():
    severity = {"not_in_place": 0, "partly": 1, "in_place": 2}
    levels = ("not_in_place", "partly", "in_place", "evidence")
    readiness = {key: levels[i % 4] for i, key in enumerate(KEYS)}
    gaps = assess(readiness).gaps
    assert gaps
    questions = {q.key: q for q in REFERENCE.questions}
    depends = {k: q.depends_on for k, q in questions.items()}
    rank = {g.question: (-questions[g.question].priority, severity[g.answer]) for g in gaps}
    keys = [g.question for g in gaps]
    for n, gap in enumerate(gaps):
        # Nothing it waits for comes after it.
        assert not _closure(gap.question, depends) & set(keys[n + 1 :])
        assert gap.why.startswith(f"Priority {questions[gap.question].priority} of 5")
        # A gap ahead of a higher-ranked one is there only because that one needs it first.
        later_better = [k for k in keys[n + 1 :] if rank[k] < rank[gap.question]]
        if later_better:
            ahead = [k for k in keys if rank[k] < rank[gap.question]]
            assert any(gap.question in _closure(k, depends) for k in ahead), gap.question


def test_the_first_90_days_give_each_owner_one_thing_at_a_time():
    readiness = everything("not_in_place")
    result = assess(readiness)
    steps = result.first_90_days
    assert steps and all(s.start_week < 13 for s in steps)
    assert [s.question for s in steps] == [
        g.question for g in result.gaps if g.question in {s.question for s in steps}
    ]
    by_owner: dict[str, list] = {}
    for step in steps:
        by_owner.setdefault(step.owner, []).append(step)
    for owned in by_owner.values():
        for before, after in zip(owned, owned[1:], strict=False):
            assert after.start_week >= before.due_week
    due = {s.question: s.due_week for s in steps}
    gaps = {g.question: g for g in result.gaps}
    for step in steps:
        assert all(step.start_week >= due[d] for d in gaps[step.question].after if d in due)


# Readiness in the recommendation


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
