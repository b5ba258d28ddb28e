"""One formatter for money, dates and durations: its rules, and the same figure reading the same
in the engine's sentences, the report page, the board pack (PDF) and the command line."""

from __future__ import annotations

import datetime
import html
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from assessments.engine.costs import Money
from assessments.engine.formats import (
    WEEKS_BEFORE_MONTHS,
    date_number_format,
    day,
    duration,
    locale_for,
    moment,
    money,
    money_exact,
    money_number_format,
    money_range,
    month,
)
from assessments.engine.obligations import ISO_2013_END
from assessments.engine.timeline import WEEKS_PER_MONTH
from tests.factories import answers_eu_supplier, assessment_create

DEC_6 = datetime.date(2026, 12, 6)

# The rounding rule


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "$0"),
        (850, "$850"),
        (999, "$999"),
        (999.4, "$999"),
        (999.5, "$1k"),  # halves round up, and the step is chosen after rounding
        (1_049, "$1k"),  # "$1k", never "$1.0k"
        (1_050, "$1.1k"),
        (1_250, "$1.3k"),
        (9_949, "$9.9k"),
        (9_950, "$10k"),
        (10_499, "$10k"),
        (54_077, "$54k"),
        (999_499, "$999k"),
        (999_500, "$1M"),
        (1_000_000, "$1M"),
        (1_250_000, "$1.3M"),
        (12_345_678, "$12.3M"),
        (-36_250, "-$36k"),
    ],
)
def test_money_is_rounded_to_what_a_self_assessment_can_claim(amount, text):
    assert money(amount, "USD") == text


@given(st.integers(min_value=0, max_value=10**9))
def test_a_rounded_amount_is_within_five_percent_or_half_a_unit_of_the_exact_one(amount):
    text = money(amount, "USD")
    number, unit = re.fullmatch(r"\$([\d,.]+)([kM]?)", text).groups()
    read = Decimal(number.replace(",", "")) * {"": 1, "k": 1_000, "M": 1_000_000}[unit]
    assert abs(read - amount) <= max(Decimal("0.5"), Decimal(amount) / 20)


@pytest.mark.parametrize(
    ("currency", "locale", "short", "exact"),
    [
        ("USD", "en_US", "$54k", "$54,077"),
        ("EUR", "en_IE", "€54k", "€54,077"),
        ("GBP", "en_GB", "£54k", "£54,077"),
    ],
)
def test_each_currency_is_written_in_its_own_locale_with_its_symbol(currency, locale, short, exact):
    assert locale_for(currency) == locale
    assert money(54_077, currency) == short
    assert money_exact(54_077, currency) == exact
    assert short.startswith({"USD": "$", "EUR": "€", "GBP": "£"}[currency])


def test_a_locale_passed_in_places_the_symbol_and_separators_its_own_way():
    assert money(54_077, "EUR", locale="de_DE") == "54k\xa0€"
    assert money(1_250, "EUR", locale="de_DE") == "1,3k\xa0€"
    assert money_exact(54_077, "EUR", locale="de_DE") == "54.077\xa0€"
    assert money_number_format("EUR", locale="de_DE") == '#,##0"\xa0€"'


def test_an_unknown_currency_falls_back_to_the_default_locale():
    assert locale_for("JPY") == locale_for(None) == "en_US"


def test_exact_money_is_whole_units_with_separators():
    assert money_exact(120_000, "USD") == "$120,000"
    assert money_exact(54_077.5, "EUR") == "€54,078"
    assert money_exact(850, "GBP") == "£850"


def test_a_range_reads_low_to_high_and_once_when_both_ends_read_the_same():
    assert money_range(Money(12_000, 20_000, 30_250), "USD") == "$12k – $30k"
    assert money_range(Money(54_077, 54_077, 54_400), "EUR") == "€54k"


def test_spreadsheets_get_a_currency_and_a_date_format_in_the_same_style():
    assert money_number_format("USD") == '"$"#,##0'
    assert money_number_format("GBP") == '"£"#,##0'
    assert date_number_format(locale="en_US") == "mmm d, yyyy"
    assert date_number_format(locale="en_IE") == "d mmm yyyy"


# Dates: one style per locale


@pytest.mark.parametrize(
    ("locale", "date", "when"),
    [
        ("en_US", "Dec 6, 2026", "Dec 6, 2026, 3:04\u202fPM"),
        ("en_GB", "6 Dec 2026", "6 Dec 2026, 15:04"),
        ("en_IE", "6 Dec 2026", "6 Dec 2026, 15:04"),
        ("de_DE", "06.12.2026", "06.12.2026, 15:04"),
    ],
)
def test_a_date_has_one_style_per_locale(locale, date, when):
    assert day(DEC_6, locale=locale) == date
    assert moment(datetime.datetime(2026, 12, 6, 15, 4), locale=locale) == when
    assert month(DEC_6, locale="en_GB") == "Dec 2026"


# Durations: one rule


@pytest.mark.parametrize(
    ("weeks", "text"),
    [
        (0, "0 weeks"),
        (1, "1 week"),
        (3, "3 weeks"),  # never "1 month": a month is more than four weeks
        (5, "5 weeks"),
        (7.4, "7 weeks"),
        (8, "2 months"),
        (13, "3 months"),
        (26, "6 months"),
        (52, "12 months"),
        (87, "20 months"),
    ],
)
def test_a_duration_reads_in_weeks_under_eight_weeks_and_in_months_after(weeks, text):
    assert duration(weeks) == text


@given(st.integers(min_value=2, max_value=60))
def test_months_are_the_timelines_months(months):
    weeks = months * WEEKS_PER_MONTH
    assert weeks >= WEEKS_BEFORE_MONTHS
    assert duration(weeks) == f"{months} months"
    assert duration(round(weeks)) == f"{months} months"


# The template filters


def test_the_template_filters_write_what_the_formatter_writes():
    template = Template(
        "{% load formats %}{{ a|money:'EUR' }}|{{ a|money_exact:'EUR' }}|{{ d|day:'en_IE' }}|"
        "{{ d|day }}|{{ t|moment:'en_GB' }}|{{ w|duration }}|{{ none|money:'EUR' }}|{{ none|day }}"
    )
    text = template.render(
        Context(
            {
                "a": 54_077,
                "d": DEC_6,
                "t": datetime.datetime(2026, 12, 6, 15, 4, tzinfo=datetime.UTC),
                "w": 3,
                "none": None,
            }
        )
    )
    # Without a locale a date takes the site's (LANGUAGE_CODE en-us); the site's clock is UTC.
    assert text == "€54k|€54,077|6 Dec 2026|Dec 6, 2026|6 Dec 2026, 15:04|3 weeks||"


# The same figure everywhere


def _visible(markup: str) -> str:
    """The page's text as a reader sees it: no tags, entities read, spaces collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _over_budget_iso_holder(currency: str):
    """A Berlin SaaS with an ISO 27001:2013 certificate, a buyer who wants the 2022 certificate
    in ten weeks (too soon), and a first-year budget the plan cannot fit."""
    today = datetime.date.today()
    return answers_eu_supplier(
        currency=currency,
        company_name="Spreeblick Software GmbH",
        industry="saas",
        delivery=("saas",),
        data_types=("personal", "confidential"),
        existing=("iso27001_2013",),
        requests=("iso27001",),
        deadline_iso=today + datetime.timedelta(weeks=10),
        deals_iso=2,
        budget_amount=20_000,
        assessed_on=today,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("currency", "expiry"), [("EUR", "31 Oct 2025"), ("USD", "Oct 31, 2025")])
def test_the_same_amount_date_and_duration_read_the_same_in_sentences_page_pdf_and_cli(
    client, tmp_path, reference_data, currency, expiry
):
    answers = _over_budget_iso_holder(currency)
    assessment = assessment_create(answers)
    result = assessment.result
    warnings = {w["code"]: w["text"] for w in result["warnings"]}
    year_one = next(y for y in result["budget"]["years"] if y["year"] == 1)
    cost, budget = year_one["cost"]["typical"], year_one["budget"]
    deadline = next(o for o in result["obligations"] if o["framework"] == "iso27001")

    # The figures as the formatter writes them in the assessment's locale: rounded money, one
    # date style. The ISO 2013 date is written out above, not taken from the formatter.
    amount = money(cost, currency)
    assert re.fullmatch(r"[€$]\d+(\.\d)?k", amount)
    assert day(ISO_2013_END, locale=assessment.locale) == expiry
    due = day(answers.deadline_iso, locale=assessment.locale)
    assessed = day(answers.assessed_on, locale=assessment.locale)
    takes = duration(deadline["proof_week"])

    # (a) the engine's sentences
    assert (
        f"year 1 typically costs {amount} against {money(budget, currency)}"
        in (warnings["budget_over"])
    )
    assert f"after {expiry}." in warnings["iso_2013_expired"]
    assert f"(about {takes})" in warnings["deadline_late"]

    # (b) the report page
    page = _visible(client.get(assessment.get_absolute_url()).content.decode())
    # (c) the board pack
    response = client.get(f"{assessment.get_absolute_url()}report.pdf")
    assert response.status_code == 200
    pdf = _pdf_text(response.getvalue())
    # (d) the command line, from the same answers
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers.to_dict()), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", "--answers", str(path), stdout=out)
    cli = " ".join(out.getvalue().split())

    for where, text in (("page", page), ("pdf", pdf), ("cli", cli)):
        assert amount in text, where
        assert expiry in text, where
        assert due in text, where
        assert assessed in text, where
        assert f"(about {takes})" in text, where
    for where, text in (("sentences", " ".join(warnings.values())), ("page", page),
                        ("pdf", pdf), ("cli", cli)):  # fmt: skip
        # Never the exact figure, the code after it, or another date style.
        assert f"{cost:,}" not in text, where
        assert not re.search(rf"\d {currency}\b", text), where
        assert "31 October 2025" not in text and "2025-10-31" not in text, where
        assert answers.deadline_iso.isoformat() not in text, where
