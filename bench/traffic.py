"""Virtual users for the load benchmark: threads, each with its own cookie session, walking
the site as a person would. Every loop is bounded by a deadline and a request cap."""

from __future__ import annotations

import contextlib
import itertools
import random
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from tests.assessments.wizard_answers import VALID as ANSWERS

FLOOR = "healthz (floor)"
WIZARD_STEPS = ("company", "customers", "regions", "budget", "current")
PRACTICE_STEPS = ("practices1", "practices2", "practices_more")
PREFIX = "assessment_wizard"
# The tests' valid answers, for a company that sells in North America and the EU.
VALID = {
    **ANSWERS,
    "company": {**ANSWERS["company"], "company_name": "Bench Analytics"},
    "customers": {**ANSWERS["customers"], "customer_regions": ["north_america", "eu"]},
    "regions": {**ANSWERS["regions"], "selling_now": ["north_america", "eu"]},
}
LEVELS = ("not_in_place", "partly", "in_place", "evidence")
# Task weights per user iteration; a wizard journey is about 20 requests.
TASKS = {"landing": 10, "wizard": 10, "report": 30, "pdf": 30, "floor": 20}
TIMEOUT = 30
UNMEASURED = "unmeasured"  # the query string that keeps a request out of the server's figures
MAX_REQUESTS_PER_USER = 20_000
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUESTION = re.compile(r'name="(practices(?:1|2|_more)-q_[a-z0-9_]+)"')
# Documentation-only addresses (RFC 5737), sent as X-Forwarded-For so each wizard journey
# counts as its own client for the hourly creation limit. No traffic goes to them.
TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")


def endpoint_for(method: str, path: str) -> str:
    """The endpoint label a request counts under, as the virtual users label it."""
    if path == "/":
        return "landing"
    if path == "/healthz":
        return FLOOR
    if path.startswith("/assess/"):
        if method != "POST":
            return "wizard GET"
        return "wizard submit" if path == "/assess/review/" else "wizard POST"
    return "pdf (cached)" if path.endswith("/report.pdf") else "report"


@dataclass
class Recorder:
    """Every request's endpoint, latency and outcome, shared by all the users' threads."""

    samples: list[tuple[str, float, bool]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    journeys: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, endpoint: str, seconds: float, ok: bool, note: str = "") -> None:
        with self.lock:
            self.samples.append((endpoint, seconds, ok))
            if not ok:
                self.errors.append((endpoint, note))

    def problem(self, endpoint: str, note: str) -> None:
        """A response with the expected status but the wrong content."""
        with self.lock:
            self.errors.append((endpoint, note))

    def journey_done(self) -> None:
        with self.lock:
            self.journeys += 1


class Unexpected(Exception):
    pass


class VirtualUser:
    def __init__(
        self,
        *,
        base: str,
        reports: list[str],
        think: float,
        deadline: float,
        recorder: Recorder,
        seed: int,
        addresses,
    ):
        self.base, self.reports, self.think_mean = base, reports, think
        self.deadline, self.recorder, self.addresses = deadline, recorder, addresses
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.sent = 0

    def running(self) -> bool:
        return time.monotonic() < self.deadline and self.sent < MAX_REQUESTS_PER_USER

    def think(self) -> None:
        if self.think_mean > 0:
            pause = self.rng.uniform(0.5, 1.5) * self.think_mean
            time.sleep(max(0.0, min(pause, self.deadline - time.monotonic())))

    def call(self, endpoint: str, method: str, path: str, expect: int, **kwargs):
        self.sent += 1
        start = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            self.recorder.add(endpoint, time.perf_counter() - start, False, type(exc).__name__)
            raise Unexpected from exc
        elapsed = time.perf_counter() - start
        ok = response.status_code == expect
        self.recorder.add(endpoint, elapsed, ok, f"{method} {path} -> {response.status_code}")
        if not ok:
            raise Unexpected
        return response

    def run(self, *, ramp: float = 0.0) -> None:
        # Users arrive spread over the ramp, not all in the same millisecond, and open their
        # session with one unmeasured request (the client library's first request is slower).
        time.sleep(self.rng.uniform(0, ramp))
        with contextlib.suppress(requests.RequestException):
            self.session.get(f"{self.base}/healthz?{UNMEASURED}", timeout=TIMEOUT)
        names, weights = list(TASKS), list(TASKS.values())
        while self.running():
            self.attempt(self.rng.choices(names, weights)[0])
            self.think()

    def attempt(self, task: str) -> None:
        try:
            getattr(self, f"task_{task}")()
        except Unexpected:
            # Already recorded. Start the next task afresh, as a new visitor would.
            self.session.cookies.clear()

    def task_landing(self) -> None:
        self.call("landing", "GET", "/", 200)

    def task_floor(self) -> None:
        self.call(FLOOR, "GET", "/healthz", 200)

    def task_report(self) -> None:
        self.call("report", "GET", f"/assessments/{self.rng.choice(self.reports)}/", 200)

    def task_pdf(self) -> None:
        pk = self.rng.choice(self.reports)
        response = self.call("pdf (cached)", "GET", f"/assessments/{pk}/report.pdf", 200)
        if not response.content.startswith(b"%PDF"):
            self.recorder.problem("pdf (cached)", "body is not a PDF")

    def task_wizard(self) -> None:
        headers = {"X-Forwarded-For": next(self.addresses)}
        start = self.call("wizard GET", "GET", "/assess/", 302, headers=headers)
        location = urlsplit(start.headers["Location"]).path
        for step in (*WIZARD_STEPS, *PRACTICE_STEPS, "review"):
            if location != f"/assess/{step}/":
                self.recorder.problem("wizard POST", f"expected {step}, at {location}")
                raise Unexpected
            page = self.call("wizard GET", "GET", location, 200, headers=headers)
            token = CSRF.search(page.text)
            if not token:
                self.recorder.problem("wizard GET", f"no CSRF token on {step}")
                raise Unexpected
            self.think()
            if not self.running():
                return
            data = {"csrfmiddlewaretoken": token.group(1), f"{PREFIX}-current_step": step}
            if step in PRACTICE_STEPS:
                names = sorted(set(QUESTION.findall(page.text)))
                data |= {name: LEVELS[i % len(LEVELS)] for i, name in enumerate(names)}
            else:
                data |= {f"{step}-{k}": v for k, v in VALID.get(step, {}).items()}
            endpoint = "wizard submit" if step == "review" else "wizard POST"
            posted = self.call(endpoint, "POST", location, 302, data=data, headers=headers)
            location = urlsplit(posted.headers["Location"]).path
        if not location.startswith("/assessments/"):
            self.recorder.problem("wizard submit", f"submit went to {location}")
            raise Unexpected
        self.call("report", "GET", location, 200)
        self.recorder.journey_done()


def addresses():
    """An endless rotation over the documentation address ranges."""
    return itertools.cycle(f"{net}.{host}" for net in TEST_NETS for host in range(1, 255))


def one_at_a_time(*, base: str, reports: list[str], rounds: int = 20, journeys: int = 3):
    """Each endpoint with nothing else running: the service time without queueing. Every worker
    first serves each page a few times unmeasured, so templates are loaded."""
    user = VirtualUser(
        base=base,
        reports=reports,
        think=0,
        deadline=time.monotonic() + 300,
        recorder=Recorder(),
        seed=0,
        addresses=addresses(),
    )
    for _ in range(10):
        for task in ("landing", "floor", "report", "pdf", "wizard"):
            user.attempt(task)
    recorder = user.recorder = Recorder()
    start = time.perf_counter()
    for _ in range(rounds):
        for task in ("landing", "floor", "report", "pdf"):
            user.attempt(task)
    for _ in range(journeys):
        user.attempt("wizard")
    return recorder, time.perf_counter() - start


def drive(*, base: str, reports: list[str], users: int, seconds: float, think: float):
    """Run `users` virtual users for `seconds`; returns the recorder and the wall time."""
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    shared = _Locked(addresses())
    crowd = [
        VirtualUser(
            base=base,
            reports=reports,
            think=think,
            deadline=deadline,
            recorder=recorder,
            seed=n,
            addresses=shared,
        )
        for n in range(users)
    ]
    ramp = max(2 * think, 1.0)
    threads = [threading.Thread(target=u.run, kwargs={"ramp": ramp}, daemon=True) for u in crowd]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT * 2)
    return recorder, time.perf_counter() - start


class _Locked:
    """A generator several threads may call next() on."""

    def __init__(self, source):
        self.source, self.lock = source, threading.Lock()

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            return next(self.source)
