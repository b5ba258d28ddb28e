import pytest
from django.conf import settings
from django.urls import reverse

from frameworks.models import Control, ControlMapping, DecisionFactor

pytestmark = pytest.mark.django_db

ADMIN = "/" + settings.ADMIN_URL


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("admin:frameworks_control_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_non_staff_user_is_sent_to_login(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw-123456")
    client.force_login(user)
    response = client.get(reverse("admin:frameworks_control_changelist"))
    assert response.status_code == 302


def test_staff_can_log_in_with_a_password(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    response = client.post(
        reverse("admin:login"),
        {"username": "boss", "password": "pw-123456", "next": ADMIN},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].is_staff


def test_staff_lists_and_searches_controls(staff_client):
    response = staff_client.get(reverse("admin:frameworks_control_changelist"), {"q": "A.8.16"})
    assert response.status_code == 200
    assert "Monitoring activities" in response.content.decode()
    assert response.context["cl"].result_count == 1


def test_staff_filters_controls_new_in_2022(staff_client):
    response = staff_client.get(
        reverse("admin:frameworks_control_changelist"), {"new_in_2022__exact": "1"}
    )
    assert response.context["cl"].result_count == 11


def _control_form(control: Control, **changes) -> dict:
    data = {
        "group": control.group_id,
        "title": control.title,
        "description": control.description,
        "auditor_evidence": control.auditor_evidence,
        "level": control.level,
        "position": control.position,
        "coso_principle": control.coso_principle or "",
    }
    prefix = "mappings_out" if control.framework.code == "soc2" else "mappings_in"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    )
    data.update(changes)
    return data


def test_staff_edits_a_description_and_sees_it_in_history(staff_client):
    control = Control.objects.get(framework__code="iso27001", ref="A.5.7")
    url = reverse("admin:frameworks_control_change", args=[control.pk])
    response = staff_client.post(url, _control_form(control, description="Rewritten."))
    assert response.status_code == 302, response.context["adminform"].form.errors
    control.refresh_from_db()
    assert control.description == "Rewritten."

    history = staff_client.get(reverse("admin:frameworks_control_history", args=[control.pk]))
    assert history.status_code == 200
    assert "maintainer" in history.content.decode()
    assert control.history.count() == 2


def test_staff_reverts_an_edit_from_history(staff_client):
    control = Control.objects.get(framework__code="iso27001", ref="A.5.7")
    original = control.description
    first = control.history.earliest()
    staff_client.post(
        reverse("admin:frameworks_control_change", args=[control.pk]),
        _control_form(control, description="Wrong."),
    )
    revert_url = reverse(
        "admin:frameworks_control_simple_history", args=[control.pk, first.history_id]
    )
    form = staff_client.get(revert_url)
    assert form.status_code == 200
    response = staff_client.post(revert_url, _control_form(control, description=original))
    assert response.status_code == 302
    control.refresh_from_db()
    assert control.description == original


def test_published_id_is_read_only(staff_client):
    control = Control.objects.get(ref="CC6.1")
    url = reverse("admin:frameworks_control_change", args=[control.pk])
    staff_client.post(url, _control_form(control, ref="CC9.9"))
    control.refresh_from_db()
    assert control.ref == "CC6.1"


def test_same_framework_mapping_in_admin_gets_a_clear_message(staff_client):
    response = staff_client.post(
        reverse("admin:frameworks_controlmapping_add"),
        {
            "source": Control.objects.get(ref="CC6.1").pk,
            "target": Control.objects.get(ref="CC6.2").pk,
            "relation": "equal",
            "rationale": "same thing",
        },
    )
    assert response.status_code == 200
    assert "two different frameworks" in response.content.decode()


def test_weight_out_of_range_in_admin_gets_a_clear_message(staff_client):
    factor = DecisionFactor.objects.get(key="customers_eu")
    response = staff_client.post(
        reverse("admin:frameworks_decisionfactor_change", args=[factor.pk]),
        {
            "name": factor.name,
            "description": factor.description,
            "framework": factor.framework_id,
            "weight": 99,
            "position": factor.position,
        },
    )
    assert response.status_code == 200
    assert "less than or equal to 40" in response.content.decode()
    factor.refresh_from_db()
    assert factor.weight != 99


def test_backwards_cost_range_in_admin_gets_a_clear_message(staff_client):
    from frameworks.models import CostItem

    item = CostItem.objects.get(key="soc2_type2_audit", size_band="11-50")
    response = staff_client.post(
        reverse("admin:frameworks_costitem_change", args=[item.pk]),
        {
            "key": item.key,
            "name": item.name,
            "size_band": item.size_band,
            "recurrence": item.recurrence,
            "currency": "USD",
            "framework": item.framework_id,
            "low": 90000,
            "typical": 30000,
            "high": 50000,
            "source": item.source,
            "source_type": item.source_type,
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert "low ≤ typical ≤ high" in response.content.decode()


def test_mappings_export_as_csv(staff_client):
    response = staff_client.post(
        reverse("admin:frameworks_controlmapping_export"),
        {
            "format": "0",
            "resource": "0",
            **dict.fromkeys(
                (
                    "controlmappingresource_source",
                    "controlmappingresource_target",
                    "controlmappingresource_relation",
                    "controlmappingresource_rationale",
                ),
                "on",
            ),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.splitlines()[0].startswith("tsc_id,iso_id,relation,rationale")
    assert len(body.strip().splitlines()) == ControlMapping.objects.count() + 1


def test_mapping_import_adds_a_link(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ControlMapping.objects.filter(source__ref="CC6.1", target__ref="A.8.5").delete()
    before = ControlMapping.objects.count()
    upload = SimpleUploadedFile(
        "links.csv",
        b"tsc_id,iso_id,relation,rationale\nCC6.1,A.8.5,intersect,Logical access includes "
        b"authentication strength.\n",
        content_type="text/csv",
    )
    response = staff_client.post(
        reverse("admin:frameworks_controlmapping_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200, response.content[:500]
    confirm = response.context["confirm_form"]
    response = staff_client.post(
        reverse("admin:frameworks_controlmapping_process_import"),
        {**confirm.initial, "resource": "0"},
    )
    assert response.status_code == 302
    assert ControlMapping.objects.count() == before + 1


def test_admin_index_shows_the_current_reference_data_version(staff_client):
    from assessments.selectors import reference_data_version

    body = staff_client.get(reverse("admin:index")).content.decode()
    assert reference_data_version() in body


def test_controls_export_as_csv_with_ids_and_texts(staff_client):
    response = staff_client.post(
        reverse("admin:frameworks_control_export"),
        {
            "format": "0",
            "resource": "0",
            **{
                f"controlresource_{f}": "on"
                for f in (
                    "framework",
                    "ref",
                    "title",
                    "kind",
                    "group",
                    "description",
                    "auditor_evidence",
                    "new_in_2022",
                    "level",
                    "position",
                )
            },
        },
    )
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("framework,ref,title")
    assert len(lines) == Control.objects.count() + 1


def test_a_decision_rule_out_of_its_bounds_in_admin_gets_a_clear_message(staff_client):
    from frameworks.models import DecisionRule

    rule = DecisionRule.objects.get(key="type2_window_regulated_months")
    url = reverse("admin:frameworks_decisionrule_change", args=[rule.pk])
    data = {"name": rule.name, "description": rule.description, "position": rule.position}
    response = staff_client.post(url, {**data, "value": "24"})
    assert response.status_code == 200
    assert "Choose a value from 3 to 12." in response.content.decode()
    rule.refresh_from_db()
    assert rule.value == 6
    staff_client.post(url, {**data, "value": "12"})
    rule.refresh_from_db()
    assert rule.value == 12
    assert rule.history.count() == 2


def test_a_decision_rule_edit_changes_the_advice(staff_client):
    from assessments.selectors import reference_data_load
    from frameworks.models import DecisionRule

    DecisionRule.objects.filter(key="not_yet_max_headcount").update(value=0)
    assert reference_data_load().rules_all()["not_yet_max_headcount"] == 0
