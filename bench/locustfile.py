"""Virtual users for the load benchmark, run by Locust: `python -m bench.load` starts one
headless Locust process per phase with this file (issue #14).

Each user has its own cookie session and walks the site as a person would: the landing page,
whole wizard journeys (each from its own X-Forwarded-For address), report pages, cached PDFs
and the floor. A journey ends on its new report and, after the user has read it for a moment,
that report's first PDF download, fetched as a browser does: while the PDF is being prepared
the site answers 202 and the page asks again after Retry-After seconds. The first PDF's
sample is the whole wait, from the click to the PDF.

Settings (environment, set by the driver): BENCH_REPORTS (the seeded assessments' ids, comma
separated), BENCH_THINK_SECONDS (the mean pause; each is 0.5-1.5 times it, 0 for none),
BENCH_READ_SECONDS (the mean time a user reads a new report before downloading its PDF, 5),
BENCH_SAMPLES (where every request's exact latency is written), BENCH_LOCUST_CLIENT ("fast",
the default, for geventhttpclient, or "requests") and BENCH_FIRST_PDF (0 leaves the first PDF
download out of the journey)."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from locust import FastHttpUser, HttpUser, events, task
from locust.stats import CSV_STATS_INTERVAL_SEC

from bench.endpoints import (
    FLOOR,
    LANDING,
    PDF_CACHED,
    PDF_FIRST,
    REPORT,
    UNMEASURED,
    WIZARD_GET,
    WIZARD_POST,
    WIZARD_SUBMIT,
)
from tests.assessments.wizard_answers import VALID as ANSWERS

# The wizard's steps in order (assessments/wizard/steps.py STEPS); the journey checks that
# every redirect lands on the next one.
ANSWER_STEPS = ("company", "customers", "regions", "demands", "budget", "current")
PRACTICE_STEPS = ("practices1", "practices2", "practices_more")
STEPS = (*ANSWER_STEPS, *PRACTICE_STEPS, "review")
PREFIX = "assessment_wizard"
# The tests' valid answers, for a company that sells in North America and the EU.
VALID = {
    **ANSWERS,
    "company": {**ANSWERS["company"], "company_name": "Bench Analytics"},
    "customers": {**ANSWERS["customers"], "customer_regions": ["north_america", "eu"]},
    "regions": {**ANSWERS["regions"], "selling_now": ["north_america", "eu"]},
}
LEVELS = ("not_in_place", "partly", "in_place", "evidence")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUESTION = re.compile(r'name="(practices(?:1|2|_more)-q_[a-z0-9_]+)"')
REPORT_PATH = re.compile(r"^/assessments/[0-9a-f-]{36}/$")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Documentation-only addresses (RFC 5737), sent as X-Forwarded-For so each wizard journey
# counts as its own client for the hourly creation limit. No traffic goes to them.
TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")
ADDRESSES = itertools.cycle(f"{net}.{host}" for net in TEST_NETS for host in range(1, 255))

REPORTS = [pk for pk in os.environ.get("BENCH_REPORTS", "").split(",") if pk]
THINK = float(os.environ.get("BENCH_THINK_SECONDS", "0"))
READ = float(os.environ.get("BENCH_READ_SECONDS", "5"))
# A first PDF not ready after this long counts as a failure.
PDF_PATIENCE_SECONDS = 120
FIRST_PDF = os.environ.get("BENCH_FIRST_PDF", "1") != "0"
CLIENT = os.environ.get("BENCH_LOCUST_CLIENT", "fast")
# geventhttpclient costs the shared cores less CPU per request than requests does.
BASE = HttpUser if CLIENT == "requests" else FastHttpUser
SEEDS = itertools.count()


class Samples:
    """Every measured request's (name, milliseconds as a float, ok, when), for exact percentiles:
    Locust's own CSV rounds them to whole milliseconds, coarser above 100 ms."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, bool, float]] = []  # ..., seconds since the start
        self.pdf_tries: list[int] = []  # requests each first PDF took (1: it was ready)
        self.started = self.stopped = time.time()

    def restart(self) -> None:
        self.rows.clear()
        self.pdf_tries.clear()
        self.started = time.time()

    def write(self, path: str) -> None:
        data = {
            "started": self.started,
            "stopped": self.stopped,
            "rows": self.rows,
            "pdf_tries": self.pdf_tries,
        }
        Path(path).write_text(json.dumps(data))


SAMPLES = Samples()


@events.request.add_listener
def _sample(name, response_time, exception, **_kwargs) -> None:
    if name != UNMEASURED:
        at = time.time() - SAMPLES.started
        SAMPLES.rows.append((name, response_time, exception is None, at))


@events.spawning_complete.add_listener
def _started(**_kwargs) -> None:
    # Measured from when every user is running: the first second of a ramp, every user's first
    # request at once, is the start of a run and not the load it is meant to show.
    SAMPLES.restart()
    if path := os.environ.get("BENCH_SAMPLES"):
        # The driver takes its first CPU snapshot when this file appears.
        Path(f"{path}.started").touch()


@events.test_stopping.add_listener
def _stopping(**_kwargs) -> None:
    SAMPLES.stopped = time.time()


@events.test_stop.add_listener
def _stopped(**_kwargs) -> None:
    if path := os.environ.get("BENCH_SAMPLES"):
        SAMPLES.write(path)
    # Locust rewrites its CSV files once a second and not again at exit, so the last second's
    # requests would be missing from them; one more rewrite happens during this pause.
    gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.2)


class Failed(Exception):
    """Already reported to Locust as a failed request; the task gives up."""


class Site(BASE):
    """The site's pages as one visitor requests them, each checked for status and content."""

    abstract = True
    network_timeout = connection_timeout = 30.0  # FastHttpUser's; 60 s is gunicorn's limit

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rng = random.Random(next(SEEDS))

    def wait_time(self) -> float:
        return self.rng.uniform(0.5, 1.5) * THINK if THINK > 0 else 0

    def on_start(self) -> None:
        # The connection's first request is slower; it opens the session unmeasured. Then a
        # pause of its own, so users do not all start their first task at the same moment.
        self.client.get(f"/healthz?{UNMEASURED}", name=UNMEASURED)
        if THINK > 0:
            gevent.sleep(self.rng.uniform(0, 2 * THINK))

    def call(self, name: str, method: str, path: str, expect: int, check=None, **kwargs):
        """One request; a wrong status, or `check` returning a complaint, is a failure."""
        with self.client.request(
            method, path, name=name, catch_response=True, allow_redirects=False, **kwargs
        ) as response:
            if response.status_code != expect:
                response.failure(f"{method} {path} -> {response.status_code}")
            elif check and (problem := check(response)):
                response.failure(problem)
            else:
                return response
        raise Failed

    def attempt(self, action) -> None:
        try:
            action(self)
        except Failed:
            # Start the next task afresh, as a new visitor would.
            cookies = self.client.cookiejar if BASE is FastHttpUser else self.client.cookies
            cookies.clear()

    def landing(self) -> None:
        self.call(LANDING, "GET", "/", 200)

    def floor(self) -> None:
        self.call(FLOOR, "GET", "/healthz", 200)

    def report(self) -> None:
        self.call(REPORT, "GET", f"/assessments/{self.rng.choice(REPORTS)}/", 200)

    def pdf(self) -> None:
        path = f"/assessments/{self.rng.choice(REPORTS)}/report.pdf"
        self.call(PDF_CACHED, "GET", path, 200, check=_pdf)

    def journey(self) -> None:
        """Every wizard step with valid answers, the submit, the new report and its PDF."""
        headers = {"X-Forwarded-For": next(ADDRESSES)}
        expected = iter((*(f"/assess/{s}/" for s in STEPS), "a new report"))
        response = self.call(
            WIZARD_GET, "GET", "/assess/", 302, check=_redirect(next(expected)), headers=headers
        )
        for step in STEPS:
            location = _location(response)
            page = self.call(WIZARD_GET, "GET", location, 200, check=_has_token, headers=headers)
            self.wait()
            data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1)}
            data[f"{PREFIX}-current_step"] = step
            if step in PRACTICE_STEPS:
                names = sorted(set(QUESTION.findall(page.text)))
                data |= {name: LEVELS[i % len(LEVELS)] for i, name in enumerate(names)}
            else:
                data |= {f"{step}-{k}": v for k, v in VALID.get(step, {}).items()}
            name = WIZARD_SUBMIT if step == "review" else WIZARD_POST
            response = self.call(
                name, "POST", location, 302, check=_redirect(next(expected)),
                data=urlencode(data, doseq=True), headers=headers | FORM,
            )  # fmt: skip
        report = _location(response)
        self.call(REPORT, "GET", report, 200)
        if FIRST_PDF:
            if READ > 0:
                gevent.sleep(self.rng.uniform(0.5, 1.5) * READ)
            self.first_pdf(f"{report}report.pdf")

    def first_pdf(self, path: str) -> None:
        """Ask for the PDF until it comes, waiting Retry-After seconds after each 202. Each try
        counts only on the server's side; the user's sample is the whole wait."""
        start, tries, problem, size = time.perf_counter(), 0, None, 0
        while problem is None:
            tries += 1
            with self.client.request(
                "GET", path, name=UNMEASURED, catch_response=True, allow_redirects=False
            ) as response:
                response.success()  # judged below, as one sample for the whole wait
                status, body = response.status_code, response.content or b""
                retry = response.headers.get("Retry-After")
            if status == 200:
                problem, size = _pdf(response), len(body)
                break
            waited = time.perf_counter() - start
            if status != 202 or not retry or waited > PDF_PATIENCE_SECONDS:
                problem = f"GET {path} -> {status} after {tries} tries ({waited:.0f} s)"
            else:
                gevent.sleep(float(retry))
        SAMPLES.pdf_tries.append(tries)
        self.environment.events.request.fire(
            request_type="GET",
            name=PDF_FIRST,
            response_time=(time.perf_counter() - start) * 1000,
            response_length=size,
            exception=Exception(problem) if problem else None,
            context={},
        )
        if problem:
            raise Failed


def _location(response) -> str:
    return urlsplit(response.headers["Location"]).path


def _redirect(expected: str):
    """A check that the redirect goes to `expected`: the next step, or a new report."""

    def check(response) -> str | None:
        location = _location(response) if "Location" in response.headers else None
        if expected == "a new report":
            ok = location is not None and REPORT_PATH.match(location)
        else:
            ok = location == expected
        return None if ok else f"expected {expected}, redirected to {location}"

    return check


def _has_token(response) -> str | None:
    return None if CSRF.search(response.text or "") else "no CSRF token on the page"


def _pdf(response) -> str | None:
    return None if (response.content or b"").startswith(b"%PDF") else "body is not a PDF"


def _attempted(action):
    def run(user: Site) -> None:
        user.attempt(action)

    run.__name__ = action.__name__
    return run


class Visitor(Site):
    """The mix under load: a wizard journey is about 20 requests."""

    tasks = {
        _attempted(Site.landing): 10,
        _attempted(Site.journey): 10,
        _attempted(Site.report): 30,
        _attempted(Site.pdf): 30,
        _attempted(Site.floor): 20,
    }


class OneAtATime(Site):
    """Each endpoint with nothing else running: the service time without queueing. The pages
    are first served a few times unmeasured, so every worker has loaded its templates; then a
    fixed script runs once and the run ends."""

    rounds, journeys, warm_up = 20, 3, 10

    @task
    def script(self) -> None:
        for _ in range(self.warm_up):
            for action in (Site.landing, Site.floor, Site.report, Site.pdf, Site.journey):
                self.attempt(action)
        self.environment.stats.reset_all()
        SAMPLES.restart()
        for _ in range(self.rounds):
            for action in (Site.landing, Site.floor, Site.report, Site.pdf):
                self.attempt(action)
        for _ in range(self.journeys):
            self.attempt(Site.journey)
        # Quitting stops every user, so it runs outside this one; this user waits to be stopped.
        gevent.spawn(self.environment.runner.quit)
        gevent.sleep(60)
