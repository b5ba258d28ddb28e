"""The board pack (the PDF): a decision memo of at most eight pages for any assessment, in the
order a board reads it, every page but the cover and the last at least a third full, nothing
twice, and the user's own words escaped.

What each company should read was written from an advisor's view before the run: a ten-person
company nobody has asked is told to wait and start readiness; a US SaaS company whose customers
name SOC 2 gets SOC 2; a German supplier asked for ISO 27001 gets ISO 27001; a company asked for
both by dated deals gets both; and a UK company whose buyer also demands Cyber Essentials Plus
gets the basic Cyber Essentials first, since IASME certifies Plus only on top of it."""

import datetime
import io
import re

import pytest
from django.conf import settings
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.images import SVGImage

from assessments.report.pdf import BASE_URL, StaticOnlyFetcher, assessment_pdf_html
from tests.factories import (
    answers_eu_supplier,
    answers_uk_many_schemes,
    answers_us_saas,
    assessment_create,
    practices_mixed,
)

pytestmark = pytest.mark.django_db

ASSESSED_ON = datetime.date(2026, 11, 28)
HOSTILE = '<script>alert("x")</script>'
SECTIONS = ("decision", "plan", "costs", "readiness", "risks", "schemes", "sources")
NOTICE = "not an auditor's opinion"  # the HTML and the PDF spell it alike


def _weeks(n: int) -> datetime.date:
    return ASSESSED_ON + datetime.timedelta(weeks=n)


def _tiny():
    return answers_us_saas(
        company_name=f"Tiny {HOSTILE} Tools",
        headcount="1-10",
        requests=("nothing",),
        segments=("smb",),
        budget_amount=15_000,
    )


def _soc2_only():
    return answers_us_saas(deals_soc2=2, deadline_soc2=_weeks(40), **practices_mixed())


def _iso_only():
    return answers_eu_supplier(deals_iso=2, deadline_iso=_weeks(45), **practices_mixed(2))


def _both():
    return answers_us_saas(
        headcount="51-200",
        customer_regions=("north_america", "eu"),
        selling_now=("north_america", "eu"),
        requests=("soc2", "iso27001"),
        deals_soc2=3,
        deadline_soc2=_weeks(36),
        deals_iso=2,
        deadline_iso=_weeks(60),
        budget_amount=150_000,
        internal_people=1.5,
        maturity="documented",
        **practices_mixed(),
    )


def _both_and_cyber_essentials_plus():
    return answers_uk_many_schemes(
        company_name=f"Brick {HOSTILE} Ltd",
        scheme_other="TISAX <img src=x onerror=alert(1)>",
    )


PROFILES = {
    "tiny": _tiny,
    "soc2_only": _soc2_only,
    "iso_only": _iso_only,
    "both": _both,
    "both_and_cyber_essentials_plus": _both_and_cyber_essentials_plus,
}


class Pack:
    """One board pack as HTML, as laid out by WeasyPrint, and as a PDF."""

    def __init__(self, answers, page_size: str = "a4"):
        self.assessment = assessment_create(answers)
        self.html = assessment_pdf_html(assessment=self.assessment, page_size=page_size)
        document = HTML(string=self.html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
        self.layout = document.render()
        self.reader = PdfReader(io.BytesIO(self.layout.write_pdf()))
        self.pages = [" ".join(page.extract_text().split()) for page in self.reader.pages]
        self.text = " ".join(self.pages)

    def section(self, section_id: str) -> str:
        start = self.html.index(f'<section id="{section_id}">')
        return self.html[start : self.html.index("</section>", start)]

    def sections(self) -> list[str]:
        return re.findall(r'<section id="(\w+)">', self.html)


def filled(page) -> float:
    """How far down its content area a page is filled (0 to 1), from WeasyPrint's layout: the
    bottom of its last line of text or picture, running headers and footers aside."""
    page_box = page._page_box
    top, bottom = page_box.content_box_y(), page_box.content_box_y()
    stack = [page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            bottom = max(bottom, box.position_y + box.margin_height())
        stack.extend(getattr(box, "children", ()))
    return (bottom - top) / page_box.height


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_pack_is_at_most_eight_full_pages_in_the_board_s_order_each_part_once(profile):
    pack = Pack(PROFILES[profile]())
    assert 2 <= len(pack.reader.pages) <= 8
    assert len(pack.layout.pages) == len(pack.reader.pages)
    # Every page but the cover and the last is at least a third full.
    shares = [round(filled(page), 2) for page in pack.layout.pages[1:-1]]
    assert all(share >= 1 / 3 for share in shares), shares
    # The sections in the order a board reads them, each once, each a bookmark.
    found = pack.sections()
    assert found == [s for s in SECTIONS if s in found]
    assert found[0] == "decision" and found[-1] == "sources"
    headings = re.findall(r"<h2>([^<]+)</h2>", pack.html)
    assert len(headings) == len(set(headings)) == len(found)
    bookmarks = [item.title for item in pack.reader.outline if not isinstance(item, list)]
    assert bookmarks == ["Cover", *headings]
    # The cover: the answer in one sentence, and what follows.
    sentence = re.search(r"our answer (.+?\.) ", pack.pages[0], flags=re.IGNORECASE)
    assert sentence and sentence.group(1).startswith(("Get ", "Keep ", "Not yet: "))
    assert all(title in pack.pages[0] for title in headings)
    # The self-assessment notice once, with the sources; nothing filled with dashes.
    assert pack.text.count(NOTICE) == 1 and NOTICE in pack.section("sources")
    assert "—" not in pack.text


def _drawings(page) -> list:
    """The SVG drawings WeasyPrint laid out on a page, in the order of the document."""
    found, stack = [], [page._page_box]
    while stack:
        box = stack.pop(0)
        if isinstance(box, boxes.ReplacedBox) and isinstance(box.replacement, SVGImage):
            found.append(box)
        stack[:0] = getattr(box, "children", ())
    return found


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_chart_text_in_the_pack_is_at_least_8pt_as_printed(page_size):
    pack = Pack(_both_and_cyber_essentials_plus(), page_size=page_size)
    svgs = re.findall(r"<svg.*?</svg>", pack.html, flags=re.S)
    drawn = [box for page in pack.layout.pages for box in _drawings(page)]
    assert len(drawn) == len(svgs) >= 1
    for svg, box in zip(svgs, drawn, strict=True):
        view_width = float(re.search(r'viewBox="0 [\d.]+ ([\d.]+) ', svg).group(1))
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
        assert len(sizes) >= svg.count("<text "), "every text states its size"
        # A CSS pixel is 0.75 pt; the drawing is scaled from its viewBox to the box's width.
        smallest = min(sizes) * box.width / view_width * 0.75
        assert smallest >= 8, f"chart text {smallest:.1f} pt in the {page_size} pack"


@pytest.mark.parametrize("profile", ["tiny", "soc2_only"])
def test_the_pack_links_the_report_and_the_spreadsheets_it_has_rows_for(profile):
    pack = Pack(PROFILES[profile]())
    links = {
        annotation.get_object().get("/A", {}).get("/URI")
        for page in pack.reader.pages
        for annotation in page.get("/Annots") or ()
    }
    site = settings.CERTPATH_SITE_URL.rstrip("/")
    base = f"{site}/assessments/{pack.assessment.link_key}/"
    assert {base, f"{base}crosswalk.xlsx", f"{base}costs.xlsx"} <= links
    # The gap register and the SoA are empty until practices are answered.
    practices = {f"{base}gaps.xlsx", f"{base}soa.xlsx"}
    assert practices <= links if profile == "soc2_only" else not practices & links


def test_the_tiny_company_is_told_to_wait_and_start_readiness():
    pack = Pack(_tiny())
    assert "Not yet: build readiness now" in pack.pages[0]
    assert pack.sections() == ["decision", "readiness", "sources"]
    assert "Readiness and where to start" in pack.text
    assert "Name one owner for security" in pack.section("readiness")
    assert len(pack.reader.pages) <= 3


def test_the_soc2_company_reads_why_and_its_cost_against_the_budget():
    pack = Pack(_soc2_only(), page_size="letter")
    assert round(float(pack.reader.pages[0].mediabox.width)) == 612
    assert "Get SOC 2 Type II." in pack.pages[0]
    decision = pack.section("decision")
    assert "Customers demand SOC 2; 2 deals wait on it." in decision
    assert "Confidence: high." in decision
    costs = pack.section("costs")
    assert "Typical cost" in costs and "Your budget" in costs and "Range, low – high" in costs
    assert "The other options" in costs
    assert "Draft Statement of Applicability" not in pack.text


def test_a_demanded_scheme_is_planned_first_timed_costed_and_its_sources_listed():
    pack = Pack(_both_and_cyber_essentials_plus())
    decision = pack.section("decision")
    basic = decision.index('Get Cyber Essentials</strong> <span class="muted">(needed first')
    assert basic < decision.index("Get Cyber Essentials Plus</strong>")
    plan = pack.section("plan")
    rows = {row.split("</td>", 1)[0]: row for row in plan.split("<tr><td>")[1:]}
    assert '<span class="status-on_time">On time</span>' in rows["Cyber Essentials Plus"]
    assert '<span class="status-late">Late</span>' in rows["An ISO 27001 certificate"]
    assert ">Cyber Essentials Plus</text>" in plan, "the scheme has its own rows in the timeline"
    assert "of which Cyber Essentials Plus" in pack.section("costs")
    assert "A certificate has no stand-in" in pack.section("risks")
    sources = pack.section("sources")
    assert "Cyber Essentials Plus technical audit" in sources
    assert 'href="https://www.pcisecuritystandards.org/' in sources


def test_user_words_are_escaped_in_the_html_and_shown_as_text_in_the_pdf():
    pack = Pack(_both_and_cyber_essentials_plus())
    assert HOSTILE not in pack.html and "<img src=x" not in pack.html
    assert "Brick &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ltd" in pack.html
    assert "TISAX &lt;img src=x onerror=alert(1)&gt;" in pack.html
    assert f"Brick {HOSTILE} Ltd" in pack.pages[0]


def test_the_board_packs_links_point_to_the_public_site(settings):
    from assessments.report.pdf import assessment_pdf_html
    from tests.factories import assessment_create

    settings.CERTPATH_SITE_URL = "https://certpath.example.com"
    assessment = assessment_create()
    html = assessment_pdf_html(assessment=assessment, page_size="a4")
    assert f"https://certpath.example.com/assessments/{assessment.link_key}/" in html
    assert "certpath.internal" not in html
