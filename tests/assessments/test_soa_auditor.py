"""The draft Statement of Applicability as an auditor reads it (ISO/IEC 27001:2022, 6.1.3 d):
for each of the 93 Annex A controls whether it applies and why, whether it is implemented, and
why an excluded one is left out; the page and the CSV show the same columns, and the board pack
links the workbook rather than printing it."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from assessments.models import Assessment
from frameworks.models import NecessityRule
from tests.assessments.wizard_helpers import complete_wizard, practice_answers

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Control",
    "Title",
    "Applicable",
    "Justification for inclusion",
    "Implemented",
    "Justification for exclusion",
]
REMOTE = "Fully remote company: no offices, every system runs in the cloud. <script>x()</script>"


def _answered(levels: dict[str, str], notes: dict[str, str]) -> dict[str, dict]:
    """The practice pages with everything "in place" except `levels`, and the notes given."""
    pages = practice_answers("in_place")
    for page in pages.values():
        for field in list(page):
            key = field.removeprefix("q_")
            if key in levels:
                page[field] = levels[key]
            if key in notes:
                page[f"note_{key}"] = notes[key]
    return pages


@pytest.fixture
def saas_company(client) -> Assessment:
    """A SaaS company handling personal data, with backups evidenced, continuity not in place,
    MFA partly enforced and no office (excluded, with a reason)."""
    pages = _answered(
        {
            "backup_and_restore": "evidence",
            "business_continuity_dr": "not_in_place",
            "mfa_enforced": "partly",
            "office_physical_security": "na",
        },
        {"office_physical_security": "=" + REMOTE},
    )
    complete_wizard(client, overrides=pages)
    return Assessment.objects.get()


def _csv(client, assessment) -> tuple[list[str], dict[str, dict]]:
    response = client.get(reverse("assessments:soa_csv", args=[assessment.pk]))
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    rows = {row["Control"]: row for row in reader}
    return list(reader.fieldnames or []), rows


class _SoaRows(HTMLParser):
    """The cells of each control's row in the page's SoA table."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_row = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "tr":
            self._in_row = classes.startswith("soa-") and "soa-theme" not in classes
            if self._in_row:
                self.rows.append([])
        elif tag in ("td", "th") and self._in_row:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._in_row = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _page_rows(client, assessment) -> tuple[str, dict[str, list[str]]]:
    body = client.get(reverse("assessments:soa", args=[assessment.pk])).content.decode()
    parser = _SoaRows()
    parser.feed(body)
    return body, {cells[0]: cells for cells in parser.rows}


def test_the_csv_has_the_soa_columns_including_justification_for_inclusion(client, saas_company):
    header, rows = _csv(client, saas_company)
    assert header == COLUMNS
    assert len(rows) == 93


def test_every_column_is_filled_for_every_control_on_the_page_and_in_the_csv(client, saas_company):
    _, rows = _csv(client, saas_company)
    body, page = _page_rows(client, saas_company)
    assert len(page) == 93
    for ref, row in rows.items():
        assert all(row[c].strip() for c in COLUMNS), row
        assert all(cell for cell in page[ref]), page[ref]
        assert len(page[ref]) == len(COLUMNS)
        if row["Applicable"] == "Yes":
            # A risk-treatment basis at the least, on the page as in the CSV.
            assert "Risk treatment" in row["Justification for inclusion"]
            assert "Risk treatment" in page[ref][3]
    assert f'<th scope="col">{COLUMNS[3]}</th>' in body


def test_implemented_follows_the_answers_not_a_blanket_partly(client, saas_company):
    _, rows = _csv(client, saas_company)
    implemented = {ref: row["Implemented"] for ref, row in rows.items()}
    # Information backup rests on one question, answered with evidence.
    assert implemented["A.8.13"] == "Implemented"
    # Business continuity is not in place.
    assert implemented["A.5.29"] == implemented["A.5.30"] == "Not implemented"
    # MFA partly enforced; capacity management in place without a record.
    assert implemented["A.8.5"] == implemented["A.8.6"] == "Partly implemented"
    _, page = _page_rows(client, saas_company)
    assert page["A.8.13"][4] == "Implemented" and page["A.5.30"][4] == "Not implemented"


def test_inclusion_names_what_the_company_s_answers_make_necessary(client, saas_company):
    _, rows = _csv(client, saas_company)
    # A hosted service needs backups; a company that handles personal data must protect it.
    for ref in ("A.8.13", "A.5.34"):
        because = NecessityRule.objects.get(target=f"iso27001:{ref}").because
        assert because in rows[ref]["Justification for inclusion"]
    _, page = _page_rows(client, saas_company)
    assert NecessityRule.objects.get(target="iso27001:A.8.13").because in page["A.8.13"][3]


def test_an_excluded_control_carries_the_reason_escaped_on_the_page_and_plain_in_the_csv(
    client, saas_company
):
    _, rows = _csv(client, saas_company)
    entry = rows["A.7.2"]
    assert entry["Applicable"] == "No"
    assert entry["Implemented"] == "Not applicable"
    assert entry["Justification for exclusion"] == "'=" + REMOTE  # no formula in a spreadsheet
    body, page = _page_rows(client, saas_company)
    assert page["A.7.2"][5] == "=" + REMOTE
    assert "<script>x()" not in body and "&lt;script&gt;x()&lt;/script&gt;" in body


def test_the_pdf_links_the_soa_workbook_instead_of_printing_93_controls(client, saas_company):
    from pypdf import PdfReader

    content = client.get(f"{saas_company.get_absolute_url()}report.pdf").getvalue()
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Justification for exclusion" not in text and "A.7.2" not in text
    links = {
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or ()
    }
    assert any(link and link.endswith(f"/{saas_company.link_key}/soa.xlsx") for link in links)
