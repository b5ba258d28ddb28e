import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frameworks.models import Control, ControlMapping, CostItem, DecisionFactor, Framework
from frameworks.services import reference_data_seed

pytestmark = pytest.mark.django_db


def _control(framework: str, ref: str) -> Control:
    return Control.objects.get(framework__code=framework, ref=ref)


def test_database_refuses_a_duplicate_id_within_a_framework():
    original = _control("soc2", "CC6.1")
    clone = Control(
        framework=original.framework,
        group=original.group,
        ref="CC6.1",
        title="x",
        kind="criterion",
        description="y",
        auditor_evidence="z",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_database_refuses_a_mapping_within_one_framework():
    a, b = _control("soc2", "CC6.1"), _control("soc2", "CC6.2")
    soc2 = Framework.objects.get(code="soc2")
    with pytest.raises(IntegrityError), transaction.atomic():
        ControlMapping.objects.bulk_create(
            [
                ControlMapping(
                    source=a,
                    target=b,
                    source_framework=soc2,
                    target_framework=soc2,
                    relation="equal",
                    rationale="same",
                )
            ]
        )


def test_a_same_framework_mapping_gets_a_clear_validation_message():
    mapping = ControlMapping(
        source=_control("soc2", "CC6.1"),
        target=_control("soc2", "CC6.2"),
        relation="equal",
        rationale="r",
    )
    with pytest.raises(ValidationError, match="two different frameworks"):
        mapping.full_clean()


def test_cost_range_running_backwards_is_refused():
    item = CostItem.objects.first()
    item.low, item.high = 50_000, 10_000
    with pytest.raises(ValidationError, match="low ≤ typical ≤ high"):
        item.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_weight_out_of_range_is_refused():
    factor = DecisionFactor.objects.first()
    factor.weight = 90
    with pytest.raises(ValidationError) as excinfo:
        factor.full_clean()
    assert "weight" in excinfo.value.message_dict


def test_seed_does_not_overwrite_existing_data():
    control = _control("iso27001", "A.5.7")
    control.description = "Edited by the maintainer."
    control.save()
    summary = reference_data_seed()
    assert summary.loaded is False
    control.refresh_from_db()
    assert control.description == "Edited by the maintainer."


def test_seed_reset_reloads_the_files():
    Control.objects.filter(ref="A.5.7").update(description="Edited")
    summary = reference_data_seed(reset=True)
    assert summary.loaded and summary.controls == 195
    assert _control("iso27001", "A.5.7").description != "Edited"


@pytest.mark.parametrize(
    "changes",
    [{"title": ""}, {"auditor_evidence": ""}, {"effort": 0}, {"effort": 4}],
    ids=["no title", "no evidence", "effort too low", "effort too high"],
)
def test_database_refuses_a_readiness_question_without_its_texts_or_effort(changes):
    from frameworks.models import ReadinessQuestion

    with pytest.raises(IntegrityError), transaction.atomic():
        ReadinessQuestion.objects.filter(key="mfa_enforced").update(**changes)
