"""The endpoint labels of the load benchmark, shared by the Locust users (bench/locustfile.py)
and their driver (bench/load.py). It imports nothing, so the driver never loads Locust, whose
import monkey-patches the whole process for gevent."""

from __future__ import annotations

LANDING = "landing"
WIZARD_GET = "wizard GET"
WIZARD_POST = "wizard POST"
WIZARD_SUBMIT = "wizard submit"
REPORT = "report"
PDF_CACHED = "pdf (cached)"
PDF_FIRST = "pdf (first after submit)"
FLOOR = "healthz (floor)"
ENDPOINTS = (
    LANDING, WIZARD_GET, WIZARD_POST, WIZARD_SUBMIT, REPORT, PDF_CACHED, PDF_FIRST, FLOOR,
)  # fmt: skip
# A request under this name (with this query string) opens a user's connection and counts
# nowhere: not in the samples, and not in the server's figures (bench/server.py).
UNMEASURED = "unmeasured"


def endpoint_for(method: str, path: str, seeded: frozenset[str]) -> str:
    """The label a request logged by the server counts under, as the users label it. A PDF of
    a seeded assessment is a cached download; any other is the first after its submit."""
    if path == "/":
        return LANDING
    if path == "/healthz":
        return FLOOR
    if path.startswith("/assess/"):
        if method != "POST":
            return WIZARD_GET
        return WIZARD_SUBMIT if path == "/assess/review/" else WIZARD_POST
    if path.endswith("/report.pdf"):
        return PDF_CACHED if path.split("/")[2] in seeded else PDF_FIRST
    return REPORT
