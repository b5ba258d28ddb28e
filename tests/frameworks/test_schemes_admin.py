"""Adjacent schemes as reference data: seeded from the file, edited in the admin with history,
and refused when a trigger cannot be read or a required text is missing."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments.selectors import reference_data_load, reference_data_version
from frameworks.models import AdjacentScheme
from frameworks.services import DATA_DIR, ReferenceDataError, reference_data_seed

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:frameworks_adjacentscheme_changelist"


def _form(scheme: AdjacentScheme, **changes) -> dict:
    data = {
        "key": scheme.key,
        "name": scheme.name,
        "kind": scheme.kind,
        "severity": scheme.severity,
        "position": scheme.position,
        "summary": scheme.summary,
        "source": scheme.source,
        "source_url": scheme.source_url,
        "triggers": scheme.triggers,
        "aliases": scheme.aliases,
        "advice": scheme.advice,
        "plannable": "on" if scheme.plannable else "",
        "builds_on": scheme.builds_on,
        "carry_over": scheme.carry_over,
        "prerequisite": "on" if scheme.prerequisite else "",
        "renewal_months": scheme.renewal_months,
        "meanwhile": scheme.meanwhile,
        **_phases(scheme),
    }
    return {k: v for k, v in (data | changes).items() if v != ""}


def _phases(scheme: AdjacentScheme) -> dict:
    """The phases inline as the change page posts it back unchanged."""
    phases = list(scheme.phases.all()) if scheme.pk else []
    data = {
        "phases-TOTAL_FORMS": len(phases),
        "phases-INITIAL_FORMS": len(phases),
        "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000,
    }
    for n, phase in enumerate(phases):
        for name in ("position", "key", "name", "kind", "low", "typical", "high"):
            data[f"phases-{n}-{name}"] = getattr(phase, name)
        data[f"phases-{n}-source_type"] = phase.source_type
        data[f"phases-{n}-source"] = phase.source
        data[f"phases-{n}-source_date"] = phase.source_date or ""
        data[f"phases-{n}-id"] = phase.pk
        data[f"phases-{n}-scheme"] = scheme.pk
    return data


def _change(staff_client, scheme: AdjacentScheme, **changes):
    url = reverse("admin:frameworks_adjacentscheme_change", args=[scheme.pk])
    return staff_client.post(url, _form(scheme, **changes))


# Seeding


def test_every_scheme_in_the_file_is_seeded_with_its_rules_and_aliases():
    items = json.loads((DATA_DIR / "adjacent_schemes.json").read_text(encoding="utf-8"))
    assert AdjacentScheme.objects.count() == len(items) >= 25
    dora = AdjacentScheme.objects.get(key="dora")
    assert dora.triggers == "markets:eu & regulated_buyers:finance\nmarkets:eu & industry:fintech"
    assert dora.aliases.startswith("DORA, Digital Operational Resilience Act")
    assert dora.history.count() == 1


def test_a_seed_file_with_a_bad_trigger_is_refused_and_loads_nothing(tmp_path):
    for path in DATA_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    items = json.loads((tmp_path / "adjacent_schemes.json").read_text(encoding="utf-8"))
    items[0]["triggers"] = ["data_type:payment_card"]
    (tmp_path / "adjacent_schemes.json").write_text(json.dumps(items), encoding="utf-8")
    before = AdjacentScheme.objects.count()
    with pytest.raises(ReferenceDataError, match="pci_dss: triggers: Line 1 .*unknown field"):
        reference_data_seed(data_dir=tmp_path, reset=True)
    assert AdjacentScheme.objects.count() == before


def test_a_seed_file_with_a_duplicate_key_is_refused(tmp_path):
    for path in DATA_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    items = json.loads((tmp_path / "adjacent_schemes.json").read_text(encoding="utf-8"))
    (tmp_path / "adjacent_schemes.json").write_text(json.dumps(items + items[:1]))
    with pytest.raises(ReferenceDataError, match="duplicate keys \\['pci_dss'\\]"):
        reference_data_seed(data_dir=tmp_path, reset=True)


def test_the_engine_reads_the_schemes_in_order_with_their_aliases():
    schemes = reference_data_load().schemes
    assert [s.key for s in schemes][:3] == ["pci_dss", "fedramp", "govramp"]
    tisax = next(s for s in schemes if s.key == "tisax")
    assert tisax.aliases == ("TISAX", "VDA ISA")


def test_a_scheme_edit_changes_the_reference_data_version():
    before = reference_data_version()
    AdjacentScheme.objects.filter(key="tisax").update(severity="required")
    assert reference_data_version() != before


# The database's own rules


@pytest.mark.parametrize(
    ("field", "value"),
    [("summary", ""), ("advice", ""), ("source", ""), ("source_url", ""), ("severity", "maybe")],
)
def test_the_database_refuses_a_scheme_without_its_texts_or_with_an_unknown_severity(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdjacentScheme.objects.filter(key="pci_dss").update(**{field: value})


def test_the_database_refuses_a_scheme_that_could_never_apply():
    with pytest.raises(IntegrityError), transaction.atomic():
        AdjacentScheme.objects.filter(key="pci_dss").update(triggers="", aliases="")


def test_the_database_refuses_a_second_scheme_with_the_same_key():
    scheme = AdjacentScheme.objects.get(key="pci_dss")
    scheme.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        scheme.save()


# The admin


def test_staff_list_search_and_filter_schemes(staff_client):
    response = staff_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert "Cyber Essentials Plus" in response.content.decode()
    assert staff_client.get(reverse(CHANGELIST), {"q": "VDA"}).context["cl"].result_count == 1
    required = staff_client.get(reverse(CHANGELIST), {"severity__exact": "required"})
    names = {s.key for s in required.context["cl"].result_list}
    assert {"pci_dss", "fedramp", "gdpr", "uk_gdpr"} <= names and "tisax" not in names


def test_the_change_form_lists_the_fields_and_values_triggers_can_use(staff_client):
    scheme = AdjacentScheme.objects.get(key="tisax")
    url = reverse("admin:frameworks_adjacentscheme_change", args=[scheme.pk])
    body = staff_client.get(url).content.decode()
    assert "<code>public_sector_countries</code>: us, uk, de, fr, es, nl, au, other" in body
    assert "<code>markets_planned</code>" in body


def test_an_unknown_trigger_field_is_refused_with_the_allowed_fields(staff_client):
    scheme = AdjacentScheme.objects.get(key="tisax")
    response = _change(staff_client, scheme, triggers="industry:automotive\nsector:cars")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["triggers"]
    assert errors == [
        "Line 2 ('sector:cars'): unknown field 'sector'. Allowed fields: industry, headcount, "
        "delivery, ai_use, data_types, segments, customer_regions, regulated_buyers, "
        "public_sector_countries, selling_now, selling_planned, requests, tender_requirements, "
        "existing, markets, markets_planned."
    ]
    scheme.refresh_from_db()
    assert scheme.triggers == "industry:automotive"


def test_an_unknown_trigger_value_is_refused_with_the_allowed_values(staff_client):
    scheme = AdjacentScheme.objects.get(key="bsi_c5")
    response = _change(staff_client, scheme, triggers="public_sector_countries:germany")
    body = response.content.decode()
    assert "&#x27;germany&#x27; is not a value of public_sector_countries." in body
    assert "Allowed values for public_sector_countries: us, uk, de, fr, es, nl, au, other." in body
    scheme.refresh_from_db()
    assert "germany" not in scheme.triggers


def test_a_scheme_with_no_rule_and_no_alias_is_refused(staff_client):
    scheme = AdjacentScheme.objects.get(key="iso9001")
    response = _change(staff_client, scheme, triggers="", aliases="")
    assert response.context["adminform"].form.errors["triggers"] == [
        "Give at least one rule here or one alias below; otherwise the scheme never applies."
    ]


def test_an_alias_too_short_to_match_is_refused(staff_client):
    scheme = AdjacentScheme.objects.get(key="tisax")
    response = _change(staff_client, scheme, aliases="TISAX, T")
    assert "is too short to recognise" in response.content.decode()


def test_a_valid_edit_is_saved_with_history_and_reaches_the_engine(staff_client):
    scheme = AdjacentScheme.objects.get(key="tisax")
    response = _change(
        staff_client, scheme, triggers="industry:automotive|manufacturing & markets:eu"
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.triggers == "industry:automotive|manufacturing & markets:eu"
    assert scheme.history.count() == 2
    tisax = next(s for s in reference_data_load().schemes if s.key == "tisax")
    (rule,) = tisax.rules
    assert [(c.field, c.values) for c in rule.conditions] == [
        ("industry", ("automotive", "manufacturing")),
        ("markets", ("eu",)),
    ]


def test_the_key_cannot_be_changed_once_saved(staff_client):
    scheme = AdjacentScheme.objects.get(key="tisax")
    _change(staff_client, scheme, key="renamed")
    scheme.refresh_from_db()
    assert scheme.key == "tisax"


def test_staff_can_add_a_scheme_named_only_by_its_aliases(staff_client):
    template = AdjacentScheme.objects.get(key="iso9001")
    data = _form(template, key="iso14001", name="ISO 14001", aliases="ISO 14001, 14001")
    response = staff_client.post(reverse("admin:frameworks_adjacentscheme_add"), data)
    assert response.status_code == 302
    assert AdjacentScheme.objects.get(key="iso14001").triggers == ""
