"""The engine's reference data, built from the rows the reference-data app reads."""

import json
import random

from assessments.engine.applicability import question_exclusion_refusal
from assessments.engine.reference import ISO, SOC2, ReferenceData
from assessments.engine.reference_build import reference_data_build
from assessments.engine.serial import from_json, to_json
from frameworks.reference_files import reference_rows_read
from tests.assessments.engine_data import reference_from_files

ROWS = reference_rows_read()


def test_the_order_the_rows_come_in_makes_no_difference():
    rng = random.Random(14)
    shuffled = {table: rng.sample(list(rows), len(rows)) for table, rows in ROWS.items()}
    assert reference_data_build(shuffled) == reference_from_files()


def test_a_control_is_counted_under_its_category_theme_or_the_clauses():
    controls = {(c.framework, c.ref): c for c in reference_from_files().controls}
    assert controls[(SOC2, "CC6.1")].category == "Security"
    assert controls[(SOC2, "A1.2")].category == "Availability"
    assert controls[(ISO, "A.8.5")].category == "Technological controls"
    assert controls[(ISO, "9.2.1")].category == "Clauses 4–10"


def test_each_question_knows_the_kind_of_every_control_it_covers():
    reference = reference_from_files()
    kind = {(c.framework, c.ref): c.kind for c in reference.controls}
    for question in reference.questions:
        assert question.kinds == tuple(kind[control] for control in question.controls)
        if any(kind[c] == "clause" for c in question.controls):
            assert "ISO 27001" in question_exclusion_refusal(question)


def test_a_snapshot_saved_before_rules_and_kinds_were_built_still_loads():
    saved = json.loads(json.dumps(to_json(reference_from_files())))
    for scheme in saved["schemes"]:
        scheme["triggers"] = "industry:automotive"
        del scheme["rules"]
    for question in saved["questions"]:
        del question["kinds"]
    loaded = from_json(ReferenceData, saved)
    assert loaded.schemes[0].rules == () and loaded.controls == reference_from_files().controls
