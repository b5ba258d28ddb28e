"""The `assess` command and the answers format it reads."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.answers.io import AnswersInvalid, answers_load, answers_schema
from assessments.models import Assessment
from assessments.wizard.forms import PracticesForm
from assessments.wizard.steps import STEPS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "example-answers.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def assess(*args: str) -> str:
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, data: dict | str) -> str:
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def days_from_today(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


# The answers format


def test_schema_choices_are_the_choices_the_wizard_offers():
    props = answers_schema()["properties"]
    checked = set()
    for _, form in STEPS:
        for name, field in form.base_fields.items():
            if not hasattr(field, "choices") or name not in props:
                continue
            if name == "demanded_schemes":  # keyed by the reference data's schemes
                continue
            allowed = props[name].get("enum") or props[name]["items"]["enum"]
            assert [str(v) for v in allowed] == [str(c) for c, _ in field.choices if c], name
            checked.add(name)
    assert {"headcount", "customer_regions", "requests", "currency", "existing"} <= checked
    question = PracticesForm(questions=(_any_question(),)).fields["q_any"]
    assert props["readiness"]["additionalProperties"]["enum"] == [c for c, _ in question.choices]


def _any_question():
    from assessments.engine.reference import QuestionInfo

    return QuestionInfo(key="any", topic="T", text="?", help_text="", controls=())


def test_example_file_loads_with_every_value_kept(reference_data):
    data = example()
    answers = answers_load(
        data=data, questions=reference_data.questions, today=datetime.date(2025, 3, 1)
    ).to_dict()
    assert answers["assessed_on"] == "2025-03-01"
    for key, value in data.items():
        assert answers[key] == value, key


def test_assessed_on_from_the_file_wins_over_today(reference_data):
    data = {**example(), "assessed_on": "2025-01-15"}
    answers = answers_load(
        data=data, questions=reference_data.questions, today=datetime.date.today()
    )
    assert answers.assessed_on == datetime.date(2025, 1, 15)


def test_optional_fields_take_the_wizard_defaults(reference_data):
    dropped = ("deals_soc2", "internal_people", "budget_yearly", "soc2_type_needed")
    data = {k: v for k, v in example().items() if k not in dropped}
    answers = answers_load(
        data=data, questions=reference_data.questions, today=datetime.date.today()
    )
    assert (answers.deals_soc2, answers.internal_people) == (0, 1.0)
    assert (answers.budget_yearly, answers.later_budget) == (None, answers.budget_amount)
    assert answers.soc2_type_needed == "unknown"


def test_engine_one_files_still_load_with_their_deadline_on_the_framework_asked_for(
    reference_data,
):
    data = {k: v for k, v in example().items() if k not in ("deals_soc2", "deadline_soc2")}
    data |= {"deals_at_stake": 2, "deadline": days_from_today(200)}
    answers = answers_load(
        data=data, questions=reference_data.questions, today=datetime.date.today()
    )
    assert answers.deals_soc2 == 2
    assert answers.deadline_soc2 == datetime.date.fromisoformat(data["deadline"])
    assert answers.deadline_iso is None


def test_all_schema_errors_are_reported_together(reference_data):
    data = {**example(), "budget_amount": -5, "currency": "JPY", "foo": 1}
    with pytest.raises(AnswersInvalid) as caught:
        answers_load(data=data, questions=reference_data.questions, today=datetime.date.today())
    assert "budget_amount: -5 is less than the minimum of 0" in caught.value.errors
    assert "unknown field 'foo'" in caught.value.errors
    assert any(e.startswith("currency: 'JPY'") for e in caught.value.errors)


def test_schema_errors_and_form_rule_errors_are_reported_together_once_each(reference_data):
    data = {
        **example(),
        "budget_amount": -5,
        "deals_soc2": "three",
        "requests": ["none", "soc2"],
        "deadline_soc2": days_from_today(-1),
        "readiness": {**example()["readiness"], "mfa_enforced": "na", "backup_and_restore": "sure"},
        "control_overrides": {"iso27001:A.7.1": {"status": "not_applicable", "note": "-"}},
    }
    with pytest.raises(AnswersInvalid) as caught:
        answers_load(
            data=data,
            questions=reference_data.questions,
            controls=reference_data.controls,
            today=datetime.date.today(),
        )
    errors = caught.value.errors
    expected = (
        "budget_amount: -5 is less than the minimum of 0",  # schema
        "deals_soc2: 'three' is not of type 'integer'",  # schema
        "readiness.backup_and_restore: 'sure' is not one of",  # schema
        "requests: “Nothing yet” cannot be combined",  # form rule
        "deadline_soc2: The deadline must be in the future.",  # form rule
        "readiness.mfa_enforced: “Not applicable” is not possible here",  # form rule
        "control_overrides.iso27001:A.7.1.note: Give a real reason",  # deep-dive rule
    )
    for start in expected:
        assert sum(e.startswith(start) for e in errors) == 1, (start, errors)
    # A value the schema refused is not checked again by the forms.
    assert not any(e.startswith(("budget_amount", "deals_at_stake")) for e in errors[3:])
    assert len(errors) == len(expected)


# The command


def test_valid_file_prints_the_recommendation(db):
    output = assess("--answers", str(EXAMPLE))
    assert output.startswith("Recommendation: ")
    assert "Demanded:\n  A SOC 2 Type II report: customers, 3 deals" in output
    assert "Cost against budget, by year (typical):\n  Year 1:" in output
    assert "Signals: SOC 2" in output
    assert "Top signals:" in output
    assert "first proof in" in output
    assert "((" not in output and ".)" not in output


def test_a_not_yet_file_prints_why_and_what_would_change(db, tmp_path):
    data = {**example(), "headcount": "1-10", "requests": ["none"], "deals_soc2": 0}
    output = assess("--answers", write(tmp_path, data))
    assert output.startswith("Recommendation: Not yet")
    assert "nobody has named SOC 2 or ISO 27001" in output
    assert "What would change this answer:" in output


def test_the_summary_lists_the_path_and_each_demanded_scheme_with_status_and_week(db, tmp_path):
    # A UK buyer wants Cyber Essentials Plus in three months, and a US one HIPAA: the basic
    # certificate comes first (IASME), both within weeks; HIPAA is a law with duties, no proof.
    data = {
        **example(),
        "customer_regions": ["north_america", "uk"],
        "selling_now": ["north_america", "uk"],
        "demanded_schemes": {
            "cyber_essentials_plus": {"deadline": days_from_today(91), "deals": 1},
            "hipaa": {"deadline": None, "deals": 2},
        },
    }
    lines = assess("--answers", write(tmp_path, data)).splitlines()
    path = next(line for line in lines if line.startswith("Path: "))
    assert path.startswith("Path: Cyber Essentials → Cyber Essentials Plus → ")
    assert path.endswith(" → HIPAA") and "SOC 2" in path
    demanded = lines[lines.index("Demanded:") + 1 : lines.index("Plan:")]
    ce_plus = next(line for line in demanded if line.startswith("  Cyber Essentials Plus: "))
    assert re.fullmatch(
        r"  Cyber Essentials Plus: customers, 1 deal, needed by .+; on time, delivered in "
        r"week \d+ \(about .+\); fast: week \d+, slow: week \d+",
        ce_plus,
    ), ce_plus
    assert "  HIPAA: customers, 2 deals; applies now: its duties hold from today" in demanded
    plan = lines[lines.index("Plan:") + 1 :]
    assert "  Get Cyber Essentials (needed first for Cyber Essentials Plus)" in plan
    assert "  Meet the duties of HIPAA (a buyer demands it)" in plan


def test_a_demanded_scheme_with_nothing_else_due_is_costed_as_its_own_route(db, tmp_path):
    data = {
        **example(),
        "headcount": "1-10",
        "requests": ["none"],
        "deals_soc2": 0,
        "demanded_schemes": {"fedramp": {"deadline": days_from_today(180), "deals": 2}},
    }
    output = assess("--answers", write(tmp_path, data))
    assert output.startswith("Recommendation: Not yet")
    assert "Path: FedRAMP\n" in output
    assert "  Get FedRAMP (a buyer demands it)" in output
    assert "Cost against budget, by year (typical):\n  Year 1:" in output
    assert re.search(r"  Demanded schemes only first proof in \d+ weeks; year 1 \$", output)


def test_json_output_is_the_full_result(db):
    result = json.loads(assess("--answers", str(EXAMPLE), "--json"))
    assert result["verdict"] in ("soc2", "iso27001", "both")
    assert set(result["scores"]) == {"soc2", "iso27001"}
    assert result["reasons"] and "points" in result["reasons"][0]


def test_save_creates_one_assessment_and_prints_its_report_path(db):
    output = assess("--answers", str(EXAMPLE), "--save")
    assessment = Assessment.objects.get()
    assert f"Saved: /assessments/{assessment.pk}/" in output
    assert assessment.get_absolute_url() == f"/assessments/{assessment.pk}/"
    assert assessment.answers["company_name"] == "Acme Analytics"
    assert "Recommendation: " in output


def test_save_with_json_keeps_stdout_parseable(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("assess", "--answers", str(EXAMPLE), "--json", "--save", stdout=out, stderr=err)
    assessment = Assessment.objects.get()
    assert json.loads(out.getvalue()) == assessment.result
    assert assessment.get_absolute_url() in err.getvalue()


def test_answers_can_come_from_stdin(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(EXAMPLE.read_text(encoding="utf-8")))
    assert assess("--answers", "-").startswith("Recommendation: ")


def _without(key: str) -> dict:
    return {k: v for k, v in example().items() if k != key}


def _readiness(key: str, level: str) -> dict:
    data = example()
    data["readiness"][key] = level
    return data


def _noted(data: dict, key: str, note: str) -> dict:
    return {**data, "readiness_notes": {**data.get("readiness_notes", {}), key: note}}


REMOTE = "Fully remote company: no offices, every system runs in the cloud."

INVALID = {
    "negative budget": ({**example(), "budget_amount": -5}, "budget_amount: -5 is less than"),
    "string budget": ({**example(), "budget_amount": "90000"}, "budget_amount: '90000' is not"),
    "unknown region": ({**example(), "customer_regions": ["eu", "mars"]}, "customer_regions"),
    "extra key": ({**example(), "foo": 1}, "unknown field 'foo'"),
    "missing required key": (_without("headcount"), "headcount: required field is missing"),
    "past deadline": (
        {**example(), "deadline_soc2": days_from_today(-1)},
        "deadline_soc2: The deadline must be in the future.",
    ),
    "far deadline": (
        {**example(), "deadline_soc2": days_from_today(6 * 366)},
        "deadline_soc2: Choose",
    ),
    "not a date": (
        {**example(), "deadline_soc2": "next spring"},
        "deadline_soc2: 'next spring'",
    ),
    "deadline nobody asked for": (
        {**example(), "deadline_iso": days_from_today(100)},
        "deadline_iso: No customer or tender asks for ISO 27001",
    ),
    "negative yearly budget": (
        {**example(), "budget_yearly": -1},
        "budget_yearly: -1 is less than the minimum of 0",
    ),
    "renewal date in the past": (
        {**example(), "existing": ["soc2_type2"], "soc2_period_end": days_from_today(-10)},
        "soc2_period_end: The end of the current period",
    ),
    "renewal date for a report not held": (
        {**example(), "soc2_period_end": days_from_today(100)},
        "soc2_period_end: Tick a SOC 2 Type II report",
    ),
    "other with no text": (
        {**example(), "tender_requirements": ["other"]},
        "tender_other: Say which certification or scheme",
    ),
    "window not offered": ({**example(), "soc2_window_months": 4}, "soc2_window_months"),
    "na without a note": (
        _readiness("equipment_protection", "na"),
        "readiness_notes.equipment_protection: Say in a sentence why",
    ),
    "na with a placeholder for a reason": (
        _noted(_readiness("equipment_protection", "na"), "equipment_protection", "n/a"),
        "readiness_notes.equipment_protection: Give a real reason",
    ),
    # Engine 2.2: the example company runs a hosted service, so capacity cannot be excluded.
    "na that the company's answers contradict": (
        _noted(_readiness("capacity_monitoring", "na"), "capacity_monitoring", REMOTE),
        "readiness.capacity_monitoring: “Not applicable” does not fit your answers: You run a "
        "hosted service",
    ),
    "na on a common-criteria question": (
        _noted(_readiness("mfa_enforced", "na"), "mfa_enforced", REMOTE),
        "readiness.mfa_enforced: “Not applicable” is not possible here: this question covers "
        "SOC 2 CC6.1, CC6.6. The SOC 2 common criteria",
    ),
    "na on a clause question": (
        _readiness("risk_register_maintained", "na"),
        "clauses 4–10 apply to every ISMS, so they cannot be excluded",
    ),
    "unknown question": (_readiness("bring_donuts", "in_place"), "unknown question 'bring_donuts'"),
    "nothing yet with a request": (
        {**example(), "requests": ["none", "soc2"]},
        "requests: “Nothing yet” cannot be combined",
    ),
    "not an object": ([], "answers: [] is not of type 'object'"),
}


@pytest.mark.parametrize(("data", "message"), INVALID.values(), ids=INVALID.keys())
def test_invalid_answers_fail_naming_the_field_and_save_nothing(db, tmp_path, data, message):
    with pytest.raises(CommandError) as caught:
        assess("--answers", write(tmp_path, data), "--save")
    assert message in str(caught.value)
    assert not Assessment.objects.exists()


def test_bad_json_fails_with_its_line_and_column(db, tmp_path):
    with pytest.raises(CommandError, match=r"not valid JSON: .*\(line 2, column 1\)"):
        assess("--answers", write(tmp_path, '{"headcount": "11-50",\n}'), "--save")
    assert not Assessment.objects.exists()


def test_missing_file_fails_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        assess("--answers", str(tmp_path / "nope.json"))


def test_command_runs_as_a_process_from_stdin(tmp_path):
    """manage.py on its own SQLite database: exit 0 with a summary, exit 1 with the errors."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def manage(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=180,
        )

    for setup in (("migrate", "--noinput"), ("load_reference_data",)):
        assert manage(*setup).returncode == 0
    ok = manage("assess", "--answers", "-", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Recommendation: ")
    bad = manage("assess", "--answers", "-", stdin=json.dumps({**example(), "budget_amount": -1}))
    assert bad.returncode == 1
    assert "budget_amount: -1 is less than the minimum of 0" in bad.stderr


def test_readme_shows_the_example_file_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```json\n{EXAMPLE.read_text(encoding='utf-8')}```" in readme


def test_control_overrides_are_accepted_and_checked(db, tmp_path):
    import json

    from django.core.management import CommandError, call_command

    data = json.loads((ROOT / "docs" / "example-answers.json").read_text())
    good = {
        **data,
        "control_overrides": {
            "iso27001:A.5.1": {"status": "met", "note": "Policy set approved by the board"}
        },
    }
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good))
    call_command("assess", "--answers", str(path), stdout=io.StringIO())
    bad = {
        **data,
        "control_overrides": {
            "iso27001:9.2.1": {"status": "not_applicable", "note": REMOTE},
            "soc2:CC6.4": {"status": "not_applicable", "note": REMOTE},
            "iso27001:A.7.1": {"status": "not_applicable"},
            "soc2:CC99.9": {"status": "met"},
        },
    }
    path.write_text(json.dumps(bad))
    with pytest.raises(CommandError) as excinfo:
        call_command("assess", "--answers", str(path), stdout=io.StringIO())
    message = str(excinfo.value)
    assert "iso27001:9.2.1: ISO 27001 clauses 4–10 apply to every ISMS" in message
    assert "soc2:CC6.4: The SOC 2 common criteria (CC1–CC9)" in message
    assert "iso27001:A.7.1.note: Say in a sentence why" in message
    assert "soc2:CC99.9: unknown control" in message


def test_pdf_option_writes_the_same_pdf_without_saving(db, tmp_path):
    from django.core.management import call_command
    from pypdf import PdfReader

    from assessments.models import Assessment

    out = tmp_path / "report.pdf"
    err = io.StringIO()
    call_command(
        "assess",
        "--answers",
        str(ROOT / "docs" / "example-answers.json"),
        "--pdf",
        str(out),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "The decision" in text
    assert "PDF written" in err.getvalue()
    assert Assessment.objects.count() == 0


def test_the_example_saves_a_compact_result_that_reads_back_typed(db):
    from assessments.engine.evaluate import Result
    from assessments.models import CompactJSONEncoder

    assess("--answers", str(EXAMPLE), "--save")
    assessment = Assessment.objects.get()
    stored = json.dumps(assessment.result, cls=CompactJSONEncoder)
    # Engine 2.1 adds fast and slow proof weeks, the basis of each cost line and staff time.
    assert len(stored.encode()) < 36_000
    result = Result.from_dict(assessment.result)
    assert result.readiness.soa and result.options["both"].cost.lines


@pytest.mark.parametrize("depth", [20, 100_000])
def test_hostile_nesting_gets_a_clear_error_not_a_traceback(tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    with pytest.raises(CommandError, match="nests objects or lists too deeply"):
        assess("--answers", str(path))
