"""Readiness as an ISO 27001 and SOC 2 auditor would test it, written from the standards before
the run.

Sources: ISO/IEC 27001:2022 clause 6.1.3 c)–d) (the Statement of Applicability lists every
Annex A control, the justification for including it, whether it is implemented, and the
justification for excluding it; an exclusion must follow from the risk assessment, so a control
that treats a risk the organisation plainly has cannot be excluded), clause 4.3 (the scope comes
before everything applied within it), 9.2 and 9.3 (the management review takes the internal
audit's results as an input); the AICPA Trust Services Criteria (the common criteria apply to
every SOC 2 report; the privacy criteria follow from handling personal data). An auditor's
cases: a hosted SaaS company that handles EU personal data tries to exclude its way to 95 %, a
company with nothing in place overrides every control to "met", and a gap list that puts
licences above partly enforced MFA.
"""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.answers import Answers
from assessments.engine.readiness import inclusion_basis, readiness_assess
from tests.assessments.engine_data import reference_from_files

REFERENCE = reference_from_files()
KEYS = tuple(q.key for q in REFERENCE.questions)
CORE = tuple(q.key for q in REFERENCE.questions if not q.optional)
TOPIC = {q.key: q.topic for q in REFERENCE.questions}


def saas(**fields) -> Answers:
    """A 40-person hosted SaaS company with EU customers whose personal data it handles."""
    base = {
        "headcount": "11-50",
        "industry": "saas",
        "delivery": ("saas",),
        "customer_regions": ("eu",),
        "selling_now": ("eu",),
        "data_types": ("personal",),
        "budget_amount": 80_000,
        "currency": "EUR",
        "assessed_on": date(2026, 12, 6),
    }
    return Answers(**(base | fields))


def assess(**fields):
    return readiness_assess(saas(**fields), REFERENCE)


# --- Exclusions must fit the company -----------------------------------------------------------


def test_generic_sentences_do_not_exclude_a_hosted_saas_companys_practices():
    # The auditor's route to 94–95 %: core questions with evidence, the other 13 "not
    # applicable" with a sentence that fits anything. None of those exclusions may stand.
    others = [k for k in KEYS if k not in CORE]
    levels = dict.fromkeys(CORE, "evidence") | dict.fromkeys(others, "na")
    for sentence in ("We are a software company.", "This does not apply here."):
        result = assess(readiness=levels, readiness_notes=dict.fromkeys(others, sentence))
        assert set(result.refused) == set(others)
        assert result.percent["iso27001"] < 95 and result.percent["soc2"] < 95


def test_a_hosted_saas_company_cannot_exclude_what_its_service_needs():
    implausible = [
        "A.8.8", "A.8.13", "A.8.15", "A.8.16", "A.8.24", "A.8.25", "A.8.28",
        "A.5.19", "A.5.23", "A.5.24",
    ]  # fmt: skip
    reason = "Our hosting provider runs the servers and networks, so none of this is ours."
    overrides = {
        f"iso27001:{ref}": {"status": "not_applicable", "note": reason} for ref in implausible
    }
    result = assess(control_overrides=overrides)
    soa = {e.ref: e for e in result.soa}
    assert all(soa[ref].applicable for ref in implausible)
    statuses = {s.ref: s.status for s in result.controls if s.framework == "iso27001"}
    assert all(statuses[ref] == "gap" for ref in implausible)


def test_personal_data_makes_the_privacy_practices_necessary_and_says_so():
    reason = "We collect no consent because our customers are companies, not people."
    result = assess(
        readiness={"consent_and_choice": "na"}, readiness_notes={"consent_and_choice": reason}
    )
    assert "consent_and_choice" in result.refused
    assert "personal data" in result.refused["consent_and_choice"]


def test_a_specific_reason_for_a_real_absence_still_excludes():
    reason = "We have no office: everyone works remotely and all systems run in AWS."
    result = assess(
        readiness={"office_physical_security": "na"},
        readiness_notes={"office_physical_security": reason},
    )
    assert "office_physical_security" not in result.refused
    excluded = [e for e in result.soa if not e.applicable]
    assert excluded and all(e.reason == reason for e in excluded)


def test_one_sentence_cannot_excuse_unrelated_exclusions():
    reason = "We have no office and no equipment of our own; staff work from home."
    keys = ("office_physical_security", "test_data_masking")
    assert TOPIC[keys[0]] != TOPIC[keys[1]]
    result = assess(
        readiness=dict.fromkeys(keys, "na"), readiness_notes=dict.fromkeys(keys, reason)
    )
    assert set(keys) <= set(result.refused)
    assert "unrelated exclusions" in result.refused[keys[0]]


# --- Overrides are evidence, not wishes --------------------------------------------------------


def test_overriding_everything_to_met_over_not_in_place_answers_does_not_reach_100():
    levels = dict.fromkeys(CORE, "not_in_place")
    overrides = {
        f"{c.framework}:{c.ref}": {"status": "met", "note": ""}
        for f in ("soc2", "iso27001")
        for c in REFERENCE.requirements(f)
    }
    result = assess(readiness=levels, control_overrides=overrides)
    assert result.percent["soc2"] <= 60 and result.percent["iso27001"] <= 60
    flagged = [s for s in result.controls if s.override_issue]
    assert flagged and all(s.score <= 0.6 for s in flagged)


def test_a_met_override_with_evidence_counts_in_full_and_a_contradicted_one_does_not():
    note = "Okta policy export showing MFA enforced for all users, 2 Dec 2026"
    result = assess(
        readiness={"mfa_enforced": "not_in_place", "access_least_privilege": "evidence"},
        control_overrides={
            "iso27001:A.8.5": {"status": "met", "note": note},
            "iso27001:A.5.15": {"status": "met", "note": note},
        },
    )
    status = {s.ref: s for s in result.controls if s.framework == "iso27001"}
    # A.8.5 (secure authentication) is what the MFA question covers: the answer contradicts it.
    assert "not in place" in status["A.8.5"].override_issue and status["A.8.5"].score <= 0.6
    assert status["A.5.15"].override_issue == "" and status["A.5.15"].score == 1.0


# --- Gaps in the order the work happens ---------------------------------------------------------


def test_partly_enforced_mfa_comes_before_missing_licences_and_the_scope_before_the_review():
    levels = dict.fromkeys(KEYS, "evidence") | {
        "mfa_enforced": "partly",
        "intellectual_property_respected": "not_in_place",
        "isms_scope_defined": "partly",
        "management_review": "not_in_place",
        "internal_audit_programme": "not_in_place",
    }
    order = [g.question for g in assess(readiness=levels).gaps]
    assert order.index("mfa_enforced") < order.index("intellectual_property_respected")
    assert order.index("isms_scope_defined") < order.index("management_review")
    assert order.index("internal_audit_programme") < order.index("management_review")
    review = next(g for g in assess(readiness=levels).gaps if g.question == "management_review")
    assert "internal_audit_programme" in review.after


# --- A Statement of Applicability an auditor recognises ----------------------------------------


def test_the_soa_states_inclusion_and_implementation_from_the_answers():
    levels = dict.fromkeys(KEYS, "partly") | {
        "mfa_enforced": "evidence",
        "backup_and_restore": "not_in_place",
    }
    result = assess(readiness=levels)
    soa = {e.ref: e for e in result.soa}
    assert len(soa) == 93
    answers = saas(readiness=levels)
    for ref, entry in soa.items():
        if entry.applicable:
            basis = inclusion_basis(answers, REFERENCE, ref)
            assert "Risk treatment:" in basis
    assert "hosted service" in inclusion_basis(answers, REFERENCE, "A.8.13")
    # Traced to the answer that evidences it.
    assert "“Backups and restore tests” (not in place)" in inclusion_basis(
        answers, REFERENCE, "A.8.13"
    )
    assert soa["A.8.13"].implemented == "gap"  # backups not in place
    assert {e.implemented for e in soa.values()} >= {"partial", "gap"}


# --- Properties ---------------------------------------------------------------------------------

levels_st = st.dictionaries(
    st.sampled_from(KEYS), st.sampled_from(["not_in_place", "partly", "in_place", "evidence"])
)


@settings(max_examples=40, deadline=None)
@given(levels_st, st.lists(st.sampled_from(KEYS), max_size=8, unique=True))
def test_contradicting_exclusions_never_raise_readiness(levels, excluded):
    before = readiness_assess(saas(readiness=levels), REFERENCE).percent
    generic = "This does not apply here."
    after = readiness_assess(
        saas(
            readiness=levels | dict.fromkeys(excluded, "na"),
            readiness_notes=dict.fromkeys(excluded, generic),
        ),
        REFERENCE,
    ).percent
    for framework in ("soc2", "iso27001"):
        assert after[framework] <= before[framework]


@settings(max_examples=40, deadline=None)
@given(
    levels_st,
    st.lists(
        st.sampled_from([c.ref for c in REFERENCE.requirements("iso27001")]),
        max_size=10,
        unique=True,
    ),
)
def test_overrides_without_evidence_never_count_above_in_place(levels, refs):
    overrides = {f"iso27001:{ref}": {"status": "met", "note": "done"} for ref in refs}
    result = readiness_assess(saas(readiness=levels, control_overrides=overrides), REFERENCE)
    for status in result.controls:
        if status.overridden:
            assert status.score <= 0.6 and status.override_issue


@settings(max_examples=40, deadline=None)
@given(levels_st)
def test_no_control_is_implemented_unless_its_questions_say_so(levels):
    result = readiness_assess(saas(readiness=levels), REFERENCE)
    covering: dict[str, list[str]] = {}
    for q in REFERENCE.questions:
        for framework, ref in q.controls:
            if framework == "iso27001":
                covering.setdefault(ref, []).append(q.key)
    for entry in result.soa:
        if entry.implemented == "met":
            assert all(levels.get(k) == "evidence" for k in covering.get(entry.ref, ()))
