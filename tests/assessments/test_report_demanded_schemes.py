"""A scheme a buyer demands (Cyber Essentials Plus, FedRAMP, HIPAA ...) is part of the plan, and
the report shows it as such: in the plan, the demands table, the timeline chart and the costs,
on screen and in the PDF, with the user's own words escaped.

What a reader should see was written from the schemes' public guidance before the run: Cyber
Essentials Plus must follow a basic Cyber Essentials certificate (IASME), so the basic one is in
the plan first; both are yearly and cheap next to an audit, and a few weeks each, so a date three
months out is met. FedRAMP takes more than a year and ends with a wait on the agency and the
FedRAMP board (fedramp.gov). HIPAA is a law: complied with, never obtained, and without a fee."""

import datetime
import re

import pytest

from assessments.report.pdf import assessment_pdf_html
from tests.assessments.pages import report_page
from tests.factories import answers_us_saas, assessment_create

pytestmark = pytest.mark.django_db

ASSESSED_ON = datetime.date(2026, 11, 28)
CE_PLUS = "Cyber Essentials Plus"
HOSTILE = '<script>alert("x")</script>'


def _uk_company(**changes):
    values = dict(
        company_name=f"Brick {HOSTILE} Ltd",
        customer_regions=("uk",),
        selling_now=("uk",),
        currency="GBP",
        budget_amount=90_000,
        demanded_schemes={
            "cyber_essentials_plus": {
                "deadline": ASSESSED_ON + datetime.timedelta(weeks=13),
                "deals": 1,
            }
        },
        assessed_on=ASSESSED_ON,
    )
    values.update(changes)
    return answers_us_saas(**values)


def _section(body: str, section_id: str) -> str:
    start = body.index(f'id="{section_id}"')
    return body[start : body.index("</section>", start)]


def _svg(body: str, title_id: str) -> str:
    """The chart whose title has this id (the first one: the wide drawing), with its key; on
    paper, with the bands a long one runs on in."""
    start = body.index(f'id="{title_id}"')
    end = body.index("</svg>", start)
    chart, band = title_id.removesuffix("-title"), 2
    while (more := body.find(f'id="{chart}-{band}-title"', end)) > 0:
        end, band = body.index("</svg>", more), band + 1
    key = body.find('<div class="chart-key">', end)
    if key != -1 and not body[end + len("</svg>") : key].strip():
        end = body.index("</div>", key)
    return body[start:end]


def _cost_rows(body: str) -> str:
    costs = _section(body, "costs")
    return costs[costs.index("costs-table") :]


def _assert_ce_plus_in_every_part(body: str) -> None:
    summary = _section(body, "summary")
    assert "Get Cyber Essentials (needed first for Cyber Essentials Plus)" in summary
    assert "Get Cyber Essentials Plus (a buyer demands it)" in summary
    demands = _section(body, "reasons")
    row = demands[demands.index(f'<th scope="row">{CE_PLUS}') :]
    row = row[: row.index("</tr>")]
    assert ">Customers<" in row and '<span class="status status-on_time">on time</span>' in row
    route = _svg(body, "route-title")
    assert f">{CE_PLUS}</text>" in route, "the scheme has its own rows under its name"
    assert re.search(rf"{CE_PLUS}, [^:]+: week \d+, \d+ weeks\.", route), "and is read out"
    assert f"{CE_PLUS} deadline" in route
    cost = _cost_rows(body)
    assert f"of which {CE_PLUS}" in cost
    assert "Cyber Essentials Plus technical audit" in cost


def test_a_demanded_scheme_is_in_the_plan_the_demands_the_timeline_and_the_costs(client):
    body = report_page(client, assessment_create(_uk_company()))
    _assert_ce_plus_in_every_part(body)


def test_the_board_pack_shows_the_demanded_scheme_in_its_plan_dates_timeline_and_costs():
    html = assessment_pdf_html(assessment=assessment_create(_uk_company()), page_size="a4")
    decision = _section(html, "decision")
    assert (
        'Get Cyber Essentials</strong> <span class="muted">(needed first for Cyber Essentials Plus)'
        in decision
    )
    assert 'Get Cyber Essentials Plus</strong> <span class="muted">(a buyer demands it)' in decision
    plan = _section(html, "plan")
    row = plan[plan.index(f"<td>{CE_PLUS}") :]
    row = row[: row.index("</tr>")]
    assert "Customers, 1 deal" in row and '<span class="status-on_time">On time</span>' in row
    route = _svg(html, "route-title")
    assert f">{CE_PLUS}</text>" in route and f"{CE_PLUS} deadline" in route
    costs = _section(html, "costs")
    assert f"of which {CE_PLUS}" in costs
    assert "Cyber Essentials Plus technical audit" in _section(html, "sources")


def test_user_words_around_a_demanded_scheme_are_escaped(client):
    answers = _uk_company(scheme_other="TISAX <img src=x onerror=alert(1)>")
    assessment = assessment_create(answers)
    for body in (
        report_page(client, assessment),
        assessment_pdf_html(assessment=assessment, page_size="a4"),
    ):
        assert HOSTILE not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
        assert "TISAX &lt;img src=x onerror=alert(1)&gt;" in body
        # Named in the user's words, TISAX is demanded too: in the plan and in the timeline.
        assert "We matched it to TISAX: part of your plan." in body
        assert ">TISAX</text>" in _svg(body, "route-title")


def test_other_schemes_says_a_demanded_scheme_is_part_of_the_plan(client):
    schemes = _section(report_page(client, assessment_create(_uk_company())), "schemes")
    details = schemes[schemes.index('id="scheme-cyber_essentials_plus"') :]
    details = details[: details.index("</details>")]
    assert "in your plan" in details and "demanded by a buyer" in details
    assert "Part of your plan (a buyer demands it)" in details
    basic = schemes[schemes.index('id="scheme-cyber_essentials"') :]
    assert "Part of your plan (needed first for Cyber Essentials Plus)" in basic


def test_a_scheme_that_applies_only_in_a_planned_market_says_so_not_required(client):
    answers = answers_us_saas(data_types=("personal",), selling_planned=("eu",))
    schemes = _section(report_page(client, assessment_create(answers)), "schemes")
    details = schemes[schemes.index('<details class="scheme scheme-later" id="scheme-gdpr"') :]
    details = details[: details.index("</summary>")]
    assert "Applies once you sell there" in details and "Required" not in details


def test_a_demanded_law_is_complied_with_and_has_no_phase_and_no_cost(client):
    answers = answers_us_saas(demanded_schemes={"hipaa": {"deadline": None, "deals": 1}})
    body = report_page(client, assessment_create(answers))
    assert "Meet the duties of HIPAA (a buyer demands it)" in _section(body, "summary")
    demands = _section(body, "reasons")
    row = demands[demands.index('<th scope="row">HIPAA') :]
    assert "applies now" in row[: row.index("</tr>")]
    assert "Not drawn: HIPAA (a law: its duties apply throughout)." in _svg(body, "route-title")
    assert "of which HIPAA" not in _cost_rows(body)


def test_a_demanded_scheme_alone_is_a_route_of_its_own_with_its_wait_drawn_apart(client):
    # A small company nobody asked for SOC 2 or ISO 27001, whose federal buyer needs FedRAMP
    # within six months: FedRAMP is the route, late, and the report says what to offer meanwhile.
    answers = answers_us_saas(
        headcount="1-10",
        requests=("nothing",),
        demanded_schemes={
            "fedramp": {"deadline": ASSESSED_ON + datetime.timedelta(weeks=26), "deals": 2}
        },
    )
    body = report_page(client, assessment_create(answers))
    assert '<p class="verdict-name">FedRAMP</p>' in _section(body, "summary")
    route = _svg(body, "route-title")
    assert ">FedRAMP</text>" in route
    assert 'class="phase-wait"' in route and "waiting on the scheme's owner" in route
    assert "Dashed outline: a wait on the scheme&#x27;s owner." in route
    demands = _section(body, "reasons")
    assert '<span class="status status-late">late</span>' in demands
    assert "Meanwhile: " in demands
    costs = _cost_rows(body)
    recommended = costs[costs.index('<tr class="recommended">') :]
    assert recommended.index("Demanded schemes only") < recommended.index("of which FedRAMP")


def test_a_report_without_demanded_schemes_keeps_its_timeline_unlabelled(client):
    body = report_page(client, assessment_create())
    route = _svg(body, "route-title")
    assert "chart-heading" not in route and "Dashed outline" not in route
    assert "of which" not in _cost_rows(body)


def test_every_deadline_counts_the_demanded_schemes_date(client):
    # Only Cyber Essentials Plus has a date, three months out: every option meets it.
    timeline = _section(report_page(client, assessment_create(_uk_company())), "timeline")
    table = timeline[timeline.index("options-table") :]
    cells = re.findall(r'<td data-label="Deadline">([^<]*)</td>', table)
    assert cells == ["met", "met", "met"]
