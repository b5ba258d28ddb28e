"""Issues #4 and #23: how long the board pack (the PDF) takes, how much CPU its render costs
against a trivial WeasyPrint document, how big it is and how much memory it needs.

Runs inside Django (bench.django_env) on a throwaway SQLite database."""

from __future__ import annotations

import io
import resource
import time
from dataclasses import dataclass, field

from bench.memory import ChildSampler, peak_rss_children, peak_rss_self, rss_now
from bench.stats import Target, mb, median, ms, percentile, target

COLD_RENDERS = 10
CPU_RENDERS = 9
# The floor a render cannot go below: the render child, WeasyPrint's defaults, one page written.
TRIVIAL_HTML = "<!doctype html><title>Trivial</title><p>Certpath</p>"
MEMORY_RENDERS = 3
CACHED_DOWNLOADS = 20
HTML_GETS = 10
MB = 1024 * 1024
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class PdfFigures:
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def _cold_renders(assessment_id, page_size: str):
    """Build the HTML and convert it on every round, never touching the cache."""
    from assessments.models import Assessment
    from assessments.report.pdf import assessment_pdf_html, html_to_pdf

    html_times, convert_times, totals, pdf = [], [], [], b""
    for _ in range(COLD_RENDERS):
        start = time.perf_counter()
        assessment = Assessment.objects.get(pk=assessment_id)
        html = assessment_pdf_html(assessment=assessment, page_size=page_size)
        built = time.perf_counter()
        pdf = html_to_pdf(html)
        done = time.perf_counter()
        html_times.append(built - start)
        convert_times.append(done - built)
        totals.append(done - start)
    return html_times, convert_times, totals, pdf, len(html.encode())


def _child_cpu(html: str) -> float:
    """CPU seconds (user and system) of one render in the child the task worker renders in, from
    the kernel's accounts of the children this process has waited for."""
    from assessments.report.pdf import html_to_pdf

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    html_to_pdf(html)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _render_cpu(html: str) -> tuple[float, float]:
    """Median render CPU of the document and of a trivial one, taken in turns so both meet the
    same machine."""
    pack, trivial = [], []
    for _ in range(CPU_RENDERS):
        trivial.append(_child_cpu(TRIVIAL_HTML))
        pack.append(_child_cpu(html))
    return median(pack), median(trivial)


def _memory(assessment, page_size: str) -> dict[str, int]:
    from assessments.report.pdf import assessment_pdf_html, html_to_pdf

    parent_before = rss_now()
    with ChildSampler() as sampler:
        for _ in range(MEMORY_RENDERS):
            html_to_pdf(assessment_pdf_html(assessment=assessment, page_size=page_size))
    return {
        "parent_rss": parent_before,
        "parent_peak": peak_rss_self(),
        "child_peak_rss": peak_rss_children(),
        "child_sampled_rss": sampler.peak_rss,
        "child_private": sampler.peak_private,
        "samples": sampler.samples,
    }


def _get(client, url: str):
    """A GET with its whole body read, streamed (the PDF's file) or not."""
    response = client.get(url)
    response.body = response.getvalue()
    return response


def _client_times(client, url: str, rounds: int) -> tuple[list[float], bytes]:
    times, body = [], b""
    for _ in range(rounds):
        elapsed, response = _timed(_get, client, url)
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
        body = response.body
    return times, body


def run() -> PdfFigures:
    from django.test import Client, override_settings
    from pypdf import PdfReader

    from assessments.report.pdf import page_size_for
    from assessments.services import assessment_submit
    from bench.seed import bench_answers, heavy_answers

    out = PdfFigures()
    out.say(
        "== PDF board pack (issues #4, #23): in-process, Django dev settings with DEBUG off, SQLite =="
    )
    answers = bench_answers(0)
    # No task worker runs here: the first download below runs the render task in this process.
    with override_settings(CERTPATH_PDF_AFTER_SAVE=False):
        assessment = assessment_submit(answers=answers)
    levels = sorted(set(answers.readiness.values()))
    out.say(
        f"assessment: {answers.company_name}, {len(answers.readiness)} readiness questions "
        f"answered ({', '.join(levels)}), verdict {assessment.result['verdict']}"
    )
    page_size = page_size_for(assessment, None)

    from assessments.report.pdf import assessment_pdf_html, html_to_pdf

    first, _ = _timed(
        lambda: html_to_pdf(assessment_pdf_html(assessment=assessment, page_size=page_size))
    )
    out.say(f"first render in a fresh process (imports WeasyPrint, parses its CSS): {ms(first)}")

    html_t, convert_t, total_t, pdf, html_bytes = _cold_renders(assessment.pk, page_size)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    out.say(f"cold render x{COLD_RENDERS} ({page_size}), cache bypassed, fresh HTML each time:")
    for name, values in (("template -> HTML", html_t), ("HTML -> PDF", convert_t)):
        out.say(f"  {name:17} median {ms(median(values))}, p95 {ms(percentile(values, 95))}")
    cold_median = median(total_t)
    out.say(f"  {'total':17} median {ms(cold_median)}, p95 {ms(percentile(total_t, 95))}")
    out.say(f"PDF: {pages} pages, {len(pdf):,} bytes; its HTML source {html_bytes:,} bytes")

    html = assessment_pdf_html(assessment=assessment, page_size=page_size)
    cpu, trivial_cpu = _render_cpu(html)
    ratio = cpu / trivial_cpu
    out.say(
        f"render CPU (the render child's user + system time, median of {CPU_RENDERS}): "
        f"board pack {ms(cpu)}, a trivial document {ms(trivial_cpu)}: {ratio:.1f}x"
    )
    with override_settings(CERTPATH_PDF_AFTER_SAVE=False):
        heavy = assessment_submit(answers=heavy_answers())
    heavy_html = assessment_pdf_html(assessment=heavy, page_size=page_size_for(heavy, None))
    heavy_pages = len(PdfReader(io.BytesIO(html_to_pdf(heavy_html))).pages)
    heavy_cpu, heavy_trivial = _render_cpu(heavy_html)
    out.say(
        f"  the heaviest pack (both frameworks, Cyber Essentials Plus and TISAX): {heavy_pages} "
        f"pages, {ms(heavy_cpu)}: {heavy_cpu / heavy_trivial:.1f}x"
    )

    mem = _memory(assessment, page_size)
    total_mem = mem["parent_peak"] + mem["child_private"]
    out.say(f"memory over {MEMORY_RENDERS} renders (sampled {mem['samples']} times):")
    out.say(f"  parent (Django process) RSS {mb(mem['parent_rss'])}, peak {mb(mem['parent_peak'])}")
    out.say(
        f"  child peak RSS {mb(mem['child_peak_rss'])} (ru_maxrss of children; counts the pages "
        "it shares with the parent)"
    )
    out.say(f"  child peak private memory {mb(mem['child_private'])} (what the render adds)")
    out.say(f"  parent peak + child private = {mb(total_mem)}")

    client = Client()
    url = f"{assessment.get_absolute_url()}report.pdf"
    # The task runs in this process, as the worker would run it, and keeps the file.
    with override_settings(TASKS=IMMEDIATE_TASKS):
        warm, response = _timed(_get, client, url)
    assert response.status_code == 200 and response.body.startswith(b"%PDF")
    out.say(f"first download through the view (the task renders and keeps the file): {ms(warm)}")
    cached, body = _client_times(client, url, CACHED_DOWNLOADS)
    assert body.startswith(b"%PDF")
    out.say(
        f"kept file streamed x{CACHED_DOWNLOADS} (test Client): median {ms(median(cached))}, "
        f"p95 {ms(percentile(cached, 95))}"
    )

    from assessments.report.rendered import renderings_forget

    report_url = assessment.get_absolute_url()
    client.get(report_url)  # the first request pays for loading templates
    cold_html = []
    for _ in range(HTML_GETS):
        renderings_forget(assessment_id=assessment.pk)  # as on a first view
        elapsed, response = _timed(client.get, report_url)
        assert response.status_code == 200
        cold_html.append(elapsed)
    kept_html, page = _client_times(client, report_url, HTML_GETS)
    out.say(
        f"HTML report x{HTML_GETS} (test Client), sections rendered afresh: "
        f"median {ms(median(cold_html))}, p95 {ms(percentile(cold_html, 95))}, {len(page):,} bytes"
    )
    out.say(
        f"HTML report x{HTML_GETS}, sections kept from an earlier view: "
        f"median {ms(median(kept_html))}, p95 {ms(percentile(kept_html, 95))}"
    )
    out.say(
        f"cold PDF / cold HTML report: {cold_median / median(cold_html):.0f}x; "
        f"cached PDF / kept HTML report: {median(cached) / median(kept_html):.1f}x"
    )

    out.targets = [
        target("PDF render CPU", cpu, 0.5, ms(cpu), "0.5 s"),
        target("PDF render CPU / trivial document", ratio, 16, f"{ratio:.1f}x", "16x"),
        target("PDF pages", pages, 8, str(pages), "8"),
        target("PDF cold render median", cold_median, 1.5, ms(cold_median), "1.5 s"),
        target("PDF cached download median", median(cached), 0.020, ms(median(cached)), "20 ms"),
        target(
            "PDF render peak memory (parent peak + child private)",
            total_mem / MB,
            250,
            mb(total_mem),
            "250 MB",
        ),
        target("PDF size", len(pdf) / MB, 1, f"{len(pdf) / 1024:.0f} kB", "1 MB"),
    ]
    for t in out.targets:
        out.say(t.line())
    return out


if __name__ == "__main__":
    from bench.django_env import django_on_sqlite

    with django_on_sqlite():
        run()
