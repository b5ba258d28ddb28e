"""The compare page's outcome table: what each version concluded, with the changed rows marked."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from assessments.models import Assessment
from tests.factories import answers_us_saas, assessment_create, assessment_engine_one

pytestmark = pytest.mark.django_db

YEAR_ROWS = [f"Year {n} against its budget" for n in (1, 2, 3)]


class _Rows(HTMLParser):
    """Each table body row as (label, changed, older, newer), read the way a reader sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, dict]] = []
        self._row: dict | None = None
        self._cells: list[str] = []
        self._badge = False
        self._head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({})
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and not self._head:
            self._row, self._cells = {"classes": (attrs.get("class") or "").split()}, []
        elif tag in ("th", "td") and self._row is not None:
            self._cells.append("")
        elif tag == "span" and "badge" in (attrs.get("class") or ""):
            self._badge = True

    def handle_endtag(self, tag):
        if tag == "span":
            self._badge = False
        elif tag == "thead":
            self._head = False
        elif tag == "tr" and self._row is not None:
            label, older, newer = (c.strip() for c in self._cells)
            self._row.update(older=older, newer=newer)
            self.tables[-1][label] = self._row
            self._row = None

    def handle_data(self, data):
        if self._row is None or not self._cells:
            return
        if self._badge:
            self._row["badge"] = data.strip()
        else:
            self._cells[-1] += data


def outcome_table(client, first: Assessment, second: Assessment) -> dict[str, dict]:
    response = client.get(reverse("assessments:compare", args=[second.pk, first.pk]))
    assert response.status_code == 200
    parser = _Rows()
    parser.feed(response.content.decode())
    return parser.tables[0]


def is_marked_changed(row: dict) -> bool:
    return row.get("badge") == "changed" and "table-warning" in row["classes"]


def test_a_budget_raise_shows_each_year_going_from_short_to_fitting(client):
    # No year of a SOC 2 route costs as little as $5k, nor as much as $500k.
    first = assessment_create(answers_us_saas(budget_amount=5_000))
    second = assessment_create(answers_us_saas(budget_amount=500_000), predecessor=first)
    table = outcome_table(client, first, second)
    for label in YEAR_ROWS:
        row = table[label]
        assert is_marked_changed(row), label
        assert not row["older"].startswith("fits")
        assert row["older"].endswith("of $5k")
        assert row["newer"].startswith("fits — $")
        assert row["newer"].endswith("of $500k")


def test_a_budget_raise_leaves_the_route_and_its_cost_unmarked(client):
    first = assessment_create(answers_us_saas(budget_amount=5_000))
    second = assessment_create(answers_us_saas(budget_amount=500_000), predecessor=first)
    table = outcome_table(client, first, second)
    for label in ("Verdict", "Route", "Three-year cost of the recommendation"):
        assert not is_marked_changed(table[label]), label
        assert "table-warning" not in table[label]["classes"]
    assert table["Verdict"]["older"] == table["Verdict"]["newer"] == "SOC 2"
    cost = table["Three-year cost of the recommendation"]["newer"]
    assert " – " in cost and "(typical $" in cost
    assert table["First proof of the recommendation"]["newer"].startswith("SOC 2 Type")
    assert ", week " in table["First proof of the recommendation"]["newer"]


def test_identical_versions_mark_no_outcome_row_changed(client):
    first = assessment_create()
    second = assessment_create(predecessor=first)
    table = outcome_table(client, first, second)
    assert {*YEAR_ROWS, "Verdict", "SOC 2 readiness", "ISO 27001 readiness"} <= table.keys()
    assert not [label for label, row in table.items() if "badge" in row]
    assert not [label for label, row in table.items() if "table-warning" in row["classes"]]
    body = client.get(reverse("assessments:compare", args=[second.pk, first.pk])).content.decode()
    assert "No row differs between the two versions." in body


def test_a_changed_row_is_marked_in_words_not_only_colour(client):
    first = assessment_create(answers_us_saas(budget_amount=5_000))
    second = assessment_create(answers_us_saas(budget_amount=500_000), predecessor=first)
    body = client.get(reverse("assessments:compare", args=[second.pk, first.pk])).content.decode()
    assert '<span class="badge text-bg-dark">changed</span>' in body
    assert "rows changed, each marked “changed”." in body


def test_user_values_on_the_compare_page_are_escaped(client):
    hostile = '<script>alert("x")</script>'
    first = assessment_create()
    second = assessment_create(answers_us_saas(company_name=hostile), predecessor=first)
    body = client.get(reverse("assessments:compare", args=[second.pk, first.pk])).content.decode()
    assert hostile not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_an_engine_one_result_compares_with_a_current_one(client):
    old = assessment_engine_one()
    new = assessment_create()
    table = outcome_table(client, old, new)
    assert table["Verdict"]["older"] == "SOC 2 and ISO 27001"
    assert table["First proof of the recommendation"]["older"] == "SOC 2 Type I report, week 30"
    assert table["SOC 2 readiness"]["older"] == "7%"
    assert is_marked_changed(table["Verdict"])


def test_figures_an_older_save_lacks_read_as_a_dash(client):
    first = assessment_create()
    saved = dict(first.result)
    saved["budget"] = {**saved["budget"], "years": []}
    saved["readiness"] = {**saved["readiness"], "percent": {}}
    Assessment.objects.filter(pk=first.pk).update(result=saved)
    second = assessment_create(predecessor=first)
    table = outcome_table(client, first, second)
    for label in (*YEAR_ROWS, "SOC 2 readiness", "ISO 27001 readiness"):
        assert table[label]["older"] == "—", label
        assert table[label]["newer"] != "—", label
        assert is_marked_changed(table[label]), label


def test_a_newly_demanded_scheme_shows_with_its_status_and_week(client):
    first = assessment_create()
    due = answers_us_saas().assessed_on + datetime.timedelta(weeks=13)
    demanded = {"cyber_essentials_plus": {"deadline": due, "deals": 1}}
    second = assessment_create(
        answers_us_saas(customer_regions=("uk",), selling_now=("uk",), demanded_schemes=demanded),
        predecessor=first,
    )
    row = outcome_table(client, first, second)["Other schemes demanded"]
    assert row["older"] == "—"
    assert re.fullmatch(r"Cyber Essentials Plus: on time, week \d+", row["newer"]), row["newer"]
    assert is_marked_changed(row)
