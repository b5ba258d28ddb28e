"""What one load phase measured, read back from Locust's files and printed: latency as the
users saw it against the floor's, the time inside the web workers, the first PDFs' waits, the
CPU split, and the issue's targets (issues #6 and #14)."""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from bench.endpoints import (
    ENDPOINTS,
    FLOOR,
    PDF_CACHED,
    PDF_FIRST,
    REPORT,
    WIZARD_GET,
    WIZARD_POST,
    WIZARD_SUBMIT,
    endpoint_for,
)
from bench.stats import Target, median, ms, percentile, table

RATIO_TARGETS = {REPORT: 3, WIZARD_GET: 3, WIZARD_POST: 3}
LATENCY_TARGETS = {PDF_FIRST: 0.100, PDF_CACHED: 0.020}  # p95, seconds
SATURATION_TARGET = 315  # requests/s
# p95 against the floor's p95 is the measure of issue #14; p95 against the floor's median was
# issue #6's and is kept beside it for continuity.
HEADERS = ["endpoint", "requests", "req/s", "p50", "p95", "p99", "errors", "p95/floor p95"]
HEADERS += ["p95/floor p50", "server p50", "server p95"]


@dataclass
class LoadFigures:
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    idle_floor_p95: float = math.nan

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


@dataclass
class Phase:
    """One Locust run as the driver read it back."""

    samples: list[tuple[str, float, bool]]  # (endpoint, seconds, ok)
    pdf_tries: list[int]  # requests each first PDF took
    wall: float
    failures: list[str]
    exceptions: int
    csv_counts: dict[str, tuple[int, int]]
    cpu: dict[str, float] = field(default_factory=dict)
    cpu_warning: bool = False


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def csv_failures(prefix: Path) -> list[str]:
    rows = _rows(Path(f"{prefix}_failures.csv"))
    return [f"{r['Name']}: {r['Error']} ({r['Occurrences']}x)" for r in rows]


def csv_exceptions(prefix: Path) -> int:
    """Errors in the users' own code, which Locust counts apart from failed requests."""
    return sum(int(r["Count"]) for r in _rows(Path(f"{prefix}_exceptions.csv")))


def csv_counts(prefix: Path) -> dict[str, tuple[int, int]]:
    rows = _rows(Path(f"{prefix}_stats.csv"))
    return {r["Name"]: (int(r["Request Count"]), int(r["Failure Count"])) for r in rows}


def _ratio(value: float, floor: float) -> str:
    return "n/a" if math.isnan(value) or math.isnan(floor) else f"{value / floor:.1f}x"


def phase_results(
    out: LoadFigures, *, label: str, run: Phase, served, seeded: frozenset[str], worker: int | None
) -> None:
    """The phase's table, its notes and its targets. `served` is what the server logged:
    (method, path, seconds inside the worker) of each request."""
    seen = {name: [] for name in ENDPOINTS}
    errors = dict.fromkeys(ENDPOINTS, 0)
    for endpoint, elapsed, ok in run.samples:
        seen[endpoint].append(elapsed)
        errors[endpoint] += not ok
    inside = {name: [] for name in ENDPOINTS}
    for method, path, seconds in served:
        inside[endpoint_for(method, path, seeded)].append(seconds)
    floor_p95, floor_p50 = percentile(seen[FLOOR], 95), median(seen[FLOOR])
    rows = []
    for name, times in seen.items():
        p95 = percentile(times, 95)
        rows.append([
            name, str(len(times)), f"{len(times) / run.wall:.1f}", ms(median(times)), ms(p95),
            ms(percentile(times, 99)), str(errors[name]), _ratio(p95, floor_p95),
            _ratio(p95, floor_p50), ms(median(inside[name])), ms(percentile(inside[name], 95)),
        ])  # fmt: skip
    failed = sum(errors.values()) + run.exceptions
    journeys = sum(ok for name, _, ok in run.samples if name == WIZARD_SUBMIT)
    out.say(table(HEADERS, rows))
    out.say(
        f"throughput {len(run.samples) / run.wall:.1f} requests/s over {run.wall:.1f} s; "
        f"{journeys} wizard journeys completed (successful submits); {failed} errors"
    )
    for failure in run.failures[:5]:
        out.say(f"  error: {failure}")
    if run.exceptions:
        out.say(f"  error: {run.exceptions} exceptions in the users' code (see the CSV)")
    _agree(out, seen, errors, run.csv_counts)
    _notes(out, label=label, run=run, floor=(floor_p50, floor_p95), worker=worker)
    _targets(out, label=label, run=run, seen=seen, failed=failed)


def _notes(out: LoadFigures, *, label: str, run: Phase, floor, worker: int | None) -> None:
    floor_p50, floor_p95 = floor
    if run.pdf_tries:
        ready = sum(t == 1 for t in run.pdf_tries)
        out.say(
            f"first PDFs: {len(run.pdf_tries)}, {ready} ready at the first request; the others "
            f"were told to come back (202) up to {max(run.pdf_tries) - 1} times"
        )
    out.say(f"floor (/healthz, one SELECT 1): median {ms(floor_p50)}, p95 {ms(floor_p95)}")
    if label == "unloaded":
        out.idle_floor_p95 = floor_p95
    elif floor_p95 > 5 * out.idle_floor_p95:
        out.say(
            f"  note: the floor's p95 is {floor_p95 / out.idle_floor_p95:.0f}x its unloaded value, "
            "so these latencies are mostly waiting for a free worker and the p95/floor columns "
            "compares waits; the server columns show what each request itself costs"
        )
    if run.cpu:
        out.say(_cpu_line(run.cpu, worker=worker))
        if run.cpu.get("other", 0) > 0.1:
            out.say(
                f"  note: other processes used {run.cpu['other']:.2f} cores during the run; "
                "the machine was shared, so these figures are low"
            )
    if run.cpu_warning:
        out.say("  note: Locust warned that its CPU use was high (see its log)")


def _targets(out: LoadFigures, *, label: str, run: Phase, seen, failed: int) -> None:
    def add(name: str, met: bool | None, figure: str, limit: str) -> None:
        out.targets.append(Target(f"{name} [{label}]", figure, limit, met))

    add("errors", failed == 0, str(failed), "= 0")
    if label == "users":
        floor_p95 = percentile(seen[FLOOR], 95)
        for name, limit in RATIO_TARGETS.items():
            ratio = percentile(seen[name], 95) / floor_p95
            met = None if math.isnan(ratio) else ratio <= limit
            add(f"{name} p95 / floor p95", met, _ratio(ratio, 1), f"≤ {limit}x")
        for name, limit in LATENCY_TARGETS.items():
            p95 = percentile(seen[name], 95)
            add(f"{name} p95", None if math.isnan(p95) else p95 <= limit, ms(p95), f"≤ {ms(limit)}")
    if label == "saturation":
        rate = len(run.samples) / run.wall
        add("throughput", rate >= SATURATION_TARGET, f"{rate:.1f} requests/s",
            f"≥ {SATURATION_TARGET} requests/s")  # fmt: skip


def _agree(out: LoadFigures, seen, errors, csv_counts) -> None:
    """Locust's CSV and the samples count the same requests; say so when they do not."""
    for name, times in seen.items():
        expected = csv_counts.get(name, (0, 0))
        if expected != (len(times), errors[name]):
            out.say(
                f"  note: Locust's CSV has {expected[0]} {name} requests ({expected[1]} failed), "
                f"the samples {len(times)} ({errors[name]} failed)"
            )


def _cpu_line(cpu: dict[str, float], *, worker: int | None) -> str:
    groups = ("gunicorn", "task worker", "postgres", "load generator", "other")
    parts = []
    for group in groups:
        if group != "other" or cpu.get(group, 0) >= 0.005:
            parts.append(f"{group} {cpu.get(group, 0.0):.2f}")
    parts.append(f"machine busy {cpu.get('machine busy', math.nan):.2f}")
    return f"CPU in cores (this machine has {os.cpu_count()}): " + ", ".join(parts)
