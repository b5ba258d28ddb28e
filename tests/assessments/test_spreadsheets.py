"""The report's detail as .xlsx workbooks: each downloads from the report's link, opens in
openpyxl, holds the same rows as the page and the CSV, keeps money and dates as numbers and
dates, and never lets user text run as a formula."""

import csv
import datetime
import io
import re
from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from assessments.models import Assessment
from assessments.report.downloads import download_name
from assessments.report.model import saved_report
from tests.assessments.wizard_helpers import complete_wizard, practice_answers
from tests.factories import answers_us_saas, assessment_create, assessment_engine_one

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_NAME = '=HYPERLINK("http://evil.example","Acme")'
REMOTE = "=Fully remote company: no offices, every system runs in the cloud."
DOWNLOADS = {
    "assessments:gaps_xlsx": "gap-register",
    "assessments:soa_xlsx": "statement-of-applicability",
    "assessments:crosswalk_xlsx": "crosswalk",
    "assessments:costs_xlsx": "cost-lines",
}


@pytest.fixture
def assessment(client) -> Assessment:
    """Through the wizard: a company whose name is a formula, practices partly in place, and no
    office, excluded with a reason that starts with "="."""
    practices = practice_answers("partly")
    page = next(
        step for step, answers in practices.items() if "q_office_physical_security" in answers
    )
    complete_wizard(
        client,
        overrides={
            "company": {"company_name": FORMULA_NAME},
            page: {"q_office_physical_security": "na", "note_office_physical_security": REMOTE},
        },
        level="partly",
    )
    return Assessment.objects.get()


def _download(client, name: str, assessment: Assessment):
    response = client.get(reverse(name, args=[assessment.link_key]))
    assert response.status_code == 200, name
    return response, load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> tuple[list[str], list[dict]]:
    header, *rows = sheet.iter_rows(values_only=True)
    return list(header), [dict(zip(header, row, strict=True)) for row in rows]


def test_each_workbook_downloads_as_xlsx_named_for_the_company_and_opens(client, assessment):
    for name, what in DOWNLOADS.items():
        response, workbook = _download(client, name, assessment)
        assert response["Content-Type"] == XLSX
        filename = download_name(assessment, "xlsx", what)
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert filename.startswith("certpath-hyperlink") and not re.search(r'[=()"/:]', filename)
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        for sheet in workbook:
            assert sheet.max_row > 1, (name, sheet.title)
            assert all(cell.font.b for cell in sheet[1]), (name, sheet.title)
            assert sheet.freeze_panes == "B2", (name, sheet.title)
            assert all(sheet.column_dimensions[c].width > 5 for c in "ABC")


def test_anyone_with_the_link_may_download_but_not_after_it_is_revoked(client, assessment):
    stranger = Client()
    for name in DOWNLOADS:
        assert stranger.get(reverse(name, args=[assessment.link_key])).status_code == 200
    client.post(reverse("assessments:revoke", args=[assessment.link_key]))  # the owner's browser
    for name in DOWNLOADS:
        assert stranger.get(reverse(name, args=[assessment.link_key])).status_code == 404


def test_the_soa_workbook_holds_the_csv_rows(client, assessment):
    response = client.get(reverse("assessments:soa_csv", args=[assessment.link_key]))
    expected = list(csv.reader(io.StringIO(response.content.decode())))
    _, workbook = _download(client, "assessments:soa_xlsx", assessment)
    rows = [["" if v is None else v for v in row] for row in workbook.active.values]
    assert len(rows) == 94  # the header and 93 Annex A controls
    assert rows == expected
    assert rows[0][3] == "Justification for inclusion"


def test_the_soa_workbook_is_404_without_practice_answers(client):
    assessment = assessment_create()
    assert client.get(reverse("assessments:soa_xlsx", args=[assessment.pk])).status_code == 404


def test_the_gap_register_holds_every_gap_in_the_reports_order(client, assessment):
    report = saved_report(assessment)
    gaps = report.result.readiness.gaps
    assert len(gaps) > 10
    _, workbook = _download(client, "assessments:gaps_xlsx", assessment)
    _, rows = _rows(workbook.active)
    titles = [report.question(g.question).title for g in gaps]
    assert [row["Gap"] for row in rows] == titles
    assert [row["Rank"] for row in rows] == list(range(1, len(gaps) + 1))
    # The page lists the first gaps in the same order.
    page = client.get(assessment.get_absolute_url()).content.decode()
    shown = re.findall(r'<p class="gap-title"><strong>(.*?)</strong>', page)
    assert shown and shown == titles[: len(shown)]


def test_the_gap_register_dates_the_planned_gaps_and_leaves_the_rest_blank(client, assessment):
    report = saved_report(assessment)
    plan = {step.question: step for step in report.result.readiness.first_90_days}
    _, workbook = _download(client, "assessments:gaps_xlsx", assessment)
    _, rows = _rows(workbook.active)
    day = report.result.assessed_on
    assert plan and len(plan) < len(rows)
    for gap, row in zip(report.result.readiness.gaps, rows, strict=True):
        step = plan.get(gap.question)
        if step is None:
            assert row["Start week"] is row["Due week"] is row["Due date"] is None
            continue
        assert (row["Start week"], row["Due week"]) == (step.start_week + 1, step.due_week)
        due = day + datetime.timedelta(weeks=step.due_week)
        assert row["Due date"].date() == due  # a date cell, read back as a datetime
        assert row["Owner"] == gap.owner and row["Priority (5 first)"] == gap.priority
        assert row["What done looks like"] == report.question(gap.question).auditor_evidence
    due_cells = [c for c in workbook.active["M"][1:] if c.value is not None]
    assert due_cells and all(c.is_date for c in due_cells)


def test_the_crosswalk_has_one_row_per_mapping_link(client, assessment):
    mappings = saved_report(assessment).reference.mappings
    _, workbook = _download(client, "assessments:crosswalk_xlsx", assessment)
    _, rows = _rows(workbook.active)
    assert len(rows) == len(mappings)
    assert [(r["SOC 2 criterion"], r["ISO 27001 requirement"]) for r in rows] == [
        (m.tsc_ref, m.iso_ref) for m in mappings
    ]
    for row in rows:
        counts = row["Counts in the overlap"] == "Yes"
        # The overlap counts only containment: an intersecting link shares work, not how much.
        assert counts == (row["Relation (from the criterion's side)"] != "intersect")
        assert row["SOC 2 title"] and row["ISO 27001 title"]


def test_the_cost_lines_add_up_to_each_options_typical_cash_by_year(client, assessment):
    report = saved_report(assessment)
    _, workbook = _download(client, "assessments:costs_xlsx", assessment)
    _, lines = _rows(workbook["Cost lines"])
    added: dict[tuple[str, int], int] = defaultdict(int)
    for line in lines:
        if line["In the cash totals"] == "Yes":
            added[line["Option"], line["Year"]] += line["Typical"]
    _, totals = _rows(workbook["Cash by year"])
    names = {"soc2": "SOC 2", "iso27001": "ISO 27001", "both": "Both"}
    for key, name in names.items():
        by_year = report.result.options[key].cost.by_year
        assert [added[name, year] for year in (1, 2, 3)] == [y.typical for y in by_year]
        assert [
            (t["Cash, low"], t["Cash, typical"], t["Cash, high"])
            for t in totals
            if t["Option"] == name
        ] == [(y.low, y.typical, y.high) for y in by_year]
    assert {line["Basis"] for line in lines} <= {"published", "derived", "estimate", "quote"}
    assert any(line["Kind"] == "people" for line in lines)


def test_money_is_exact_numbers_in_the_currency_format(client, assessment):
    report = saved_report(assessment)
    _, workbook = _download(client, "assessments:costs_xlsx", assessment)
    sheet = workbook["Cost lines"]
    header = [cell.value for cell in sheet[1]]
    money = [
        sheet.cell(row=r, column=header.index(h) + 1)
        for h in ("Low", "Typical", "High")
        for r in range(2, sheet.max_row + 1)
    ]
    assert all(cell.data_type == "n" and isinstance(cell.value, int) for cell in money)
    assert all("$" in cell.number_format for cell in money)
    _, rows = _rows(sheet)
    exact = sorted(
        (line.year, line.amount.low, line.amount.typical, line.amount.high)
        for line in report.result.options["soc2"].cost.lines
    )
    assert exact == sorted(
        (r["Year"], r["Low"], r["Typical"], r["High"]) for r in rows if r["Option"] == "SOC 2"
    )
    assert any(amount % 1000 for _, *amounts in exact for amount in amounts)  # not "$17k"
    dates = [c for c in sheet[get_column_letter(header.index("Source date") + 1)][1:] if c.value]
    assert dates and all(c.is_date for c in dates)


def test_a_not_yet_report_lists_the_demanded_schemes_route_too(client):
    assessed_on = datetime.date(2026, 11, 28)
    answers = answers_us_saas(
        headcount="1-10",
        requests=("none",),
        customer_regions=("uk",),
        selling_now=("uk",),
        currency="GBP",
        demanded_schemes={
            "cyber_essentials_plus": {
                "deadline": assessed_on + datetime.timedelta(weeks=13),
                "deals": 1,
            }
        },
    )
    assessment = assessment_create(answers)
    report = saved_report(assessment)
    assert "not_yet" in report.result.options
    _, workbook = _download(client, "assessments:costs_xlsx", assessment)
    _, lines = _rows(workbook["Cost lines"])
    route = [line for line in lines if line["Option"] == "Demanded schemes only"]
    assert route and all(line["Typical"] is not None for line in route)
    added = defaultdict(int)
    for line in route:
        if line["In the cash totals"] == "Yes":
            added[line["Year"]] += line["Typical"]
    assert [added[y] for y in (1, 2, 3)] == [
        y.typical for y in report.result.options["not_yet"].cost.by_year
    ]
    assert "£" in workbook["Cost lines"]["F2"].number_format


def test_no_cell_of_any_workbook_runs_as_a_formula(client, assessment):
    for name in DOWNLOADS:
        _, workbook = _download(client, name, assessment)
        for sheet in workbook:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
        about = dict(workbook["About"].iter_rows(values_only=True))
        assert about["Company"] == "'" + FORMULA_NAME
    _, workbook = _download(client, "assessments:soa_xlsx", assessment)
    _, rows = _rows(workbook.active)
    excluded = [row for row in rows if row["Applicable"] == "No"]
    assert excluded and all(row["Justification for exclusion"] == "'" + REMOTE for row in excluded)


def test_the_report_and_the_soa_page_link_the_downloads(client, assessment):
    page = client.get(assessment.get_absolute_url()).content.decode()
    for name in DOWNLOADS:
        assert reverse(name, args=[assessment.link_key]) in page, name
    soa_page = client.get(reverse("assessments:soa", args=[assessment.link_key])).content.decode()
    assert reverse("assessments:soa_xlsx", args=[assessment.link_key]) in soa_page
    assert reverse("assessments:soa_csv", args=[assessment.link_key]) in soa_page


def test_an_engine_one_report_downloads_what_it_computed(client):
    old = assessment_engine_one()
    for name in ("assessments:gaps_xlsx", "assessments:crosswalk_xlsx", "assessments:costs_xlsx"):
        _, workbook = _download(client, name, old)
        about = {row[0]: row[1] for row in workbook["About"].iter_rows(min_row=2, values_only=True)}
        assert about["Engine"] == old.engine_version
        assert workbook["About"]["B4"].is_date
