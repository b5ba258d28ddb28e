"""Issues #6 and #14: the app under gunicorn with production settings on PostgreSQL, its task
worker beside it, driven on loopback by Locust (bench/locustfile.py), one headless Locust
process per phase.

Settings (environment): BENCH_LOAD_SECONDS (60), BENCH_USERS (50), BENCH_THINK_SECONDS (1.0,
the mean pause between a user's requests), BENCH_READ_SECONDS (5, the mean time a user reads a
new report before downloading its PDF), BENCH_SATURATION_SECONDS (20; 0 skips the run with no
pauses), BENCH_WORKERS (2 × cores + 1), BENCH_ASSESSMENTS (10), BENCH_LOCUST_CLIENT ("fast" or
"requests"), BENCH_FIRST_PDF (1; 0 leaves the journey's first PDF download out) and
BENCH_WORKER_NICE (unset: the task worker runs at the idle scheduling class).

The run with no pauses measures what the web workers serve: as in the issue's baseline, its
journeys end on the new report. The task worker still renders every new assessment's PDF, with
the CPU the web workers leave; what it has not rendered when the run ends is drained and
timed afterwards, which gives the renderer's own throughput.

Locust's CSV files, its log and the exact samples of each phase are kept in
bench/results/<time>/ (git-ignored), with this output."""

from __future__ import annotations

import csv
import datetime
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from . import server
from .cpu import cpu_share, snapshot
from .endpoints import (
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
from .memory import children_of, rss_now
from .stats import Target, mb, median, ms, percentile, table

RESULTS = server.ROOT / "bench" / "results"
RATIO_TARGETS = {REPORT: 3, WIZARD_GET: 3, WIZARD_POST: 3}
LATENCY_TARGETS = {PDF_FIRST: 0.100, PDF_CACHED: 0.020}  # p95, seconds
SATURATION_TARGET = 315  # requests/s
DRAIN_SECONDS = 60  # the longest a phase's PDF backlog is timed for
# p95 against the floor's p95 is the measure of issue #14; p95 against the floor's median was
# issue #6's and is kept beside it for continuity.
HEADERS = ["endpoint", "requests", "req/s", "p50", "p95", "p99", "errors", "p95/floor p95"]
HEADERS += ["p95/floor p50", "server p50", "server p95"]


def _env_number(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


@dataclass
class LoadFigures:
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    idle_floor_p95: float = math.nan

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


@dataclass(frozen=True)
class Bench:
    """What every phase runs against, and where its files go."""

    srv: server.Server
    worker: int | None
    reports: list[str]
    folder: Path


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


def _prewarm(base: str, reports: list[str]) -> float:
    """Open each seeded report and fetch its PDF, so the runs measure kept pages and cached
    downloads; returns the seconds until every PDF was there (the task worker renders them
    after the seeding; a download is told to come back until it has)."""
    start = time.perf_counter()
    for pk in reports:
        requests.get(f"{base}/assessments/{pk}/", timeout=60).raise_for_status()
        while True:
            response = requests.get(f"{base}/assessments/{pk}/report.pdf", timeout=60)
            response.raise_for_status()
            if response.status_code == 200 and response.content.startswith(b"%PDF"):
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
    return time.perf_counter() - start


def _drain_tasks(limit: float = 180) -> float:
    """Wait until the task worker has run every queued task, so no phase starts with renders
    left over from seeding; returns the seconds waited."""
    start = time.monotonic()
    while server.tasks_waiting() and time.monotonic() - start < limit:
        time.sleep(0.5)
    return time.monotonic() - start


def _locust(
    bench: Bench,
    *,
    phase: str,
    user: str,
    users: int,
    seconds: float,
    think: float,
    first_pdf: bool = True,
) -> Phase:
    """Run Locust headless for one phase. For a timed phase the CPU split is taken over the
    run itself, from Locust's start to its run time, not over its start-up and shutdown."""
    prefix = bench.folder / phase
    samples = Path(f"{prefix}_samples.json")
    env = dict(os.environ)
    env.update(
        BENCH_REPORTS=",".join(bench.reports),
        BENCH_THINK_SECONDS=str(think),
        BENCH_SAMPLES=str(samples),
    )
    if not first_pdf:
        env["BENCH_FIRST_PDF"] = "0"
    # gevent's default resolver hands every lookup to a thread; each of Locust's connections
    # (gunicorn's sync workers close every one) then waited for a thread switch, which put
    # tens of milliseconds on some requests that no server-side clock saw.
    env.setdefault("GEVENT_RESOLVER", "block")
    ramp = max(2 * think, 1.0)  # users arrive spread over it, as people would
    command = [
        sys.executable, "-m", "locust", "-f", "bench/locustfile.py", user,
        "--headless", "--only-summary", "--users", str(users),
        "--spawn-rate", f"{users / ramp:g}", "--run-time", f"{math.ceil(seconds)}s",
        "--host", bench.srv.base, "--csv", str(prefix), "--stop-timeout", "0",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    roots = {os.getpid(): "load generator", bench.srv.pid: "gunicorn"}
    if bench.worker:
        roots[bench.worker] = "task worker"
    log_path = Path(f"{prefix}_locust.log")
    cpu = {}
    with log_path.open("w+") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=server.ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_started(Path(f"{samples}.started"), process, log)
            if user != "OneAtATime":
                before = snapshot(roots | {process.pid: "load generator"})
                time.sleep(seconds)
                cpu = cpu_share(before, snapshot(roots | {process.pid: "load generator"}))
            process.wait(timeout=seconds + 300)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        log.seek(0)
        text = log.read()
    if process.returncode or not samples.exists():
        raise RuntimeError(f"Locust failed ({process.returncode}):\n{text[-3000:]}")
    data = json.loads(samples.read_text())
    return Phase(
        samples=[(name, elapsed / 1000, ok) for name, elapsed, ok in data["rows"]],
        pdf_tries=data.get("pdf_tries", []),
        wall=data["stopped"] - data["started"],
        failures=_failures(prefix),
        exceptions=_exceptions(prefix),
        csv_counts=_csv_counts(prefix),
        cpu=cpu,
        cpu_warning="CPU usage" in text,
    )


def _wait_started(marker: Path, process: subprocess.Popen, log, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise RuntimeError(f"Locust did not start:\n{log.read()[-3000:]}")
        time.sleep(0.02)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def _failures(prefix: Path) -> list[str]:
    rows = _rows(Path(f"{prefix}_failures.csv"))
    return [f"{r['Name']}: {r['Error']} ({r['Occurrences']}x)" for r in rows]


def _exceptions(prefix: Path) -> int:
    """Errors in the users' own code, which Locust counts apart from failed requests."""
    return sum(int(r["Count"]) for r in _rows(Path(f"{prefix}_exceptions.csv")))


def _csv_counts(prefix: Path) -> dict[str, tuple[int, int]]:
    rows = _rows(Path(f"{prefix}_stats.csv"))
    return {r["Name"]: (int(r["Request Count"]), int(r["Failure Count"])) for r in rows}


def _ratio(value: float, floor: float) -> str:
    return "n/a" if math.isnan(value) or math.isnan(floor) else f"{value / floor:.1f}x"


def _results(out: LoadFigures, bench: Bench, *, label: str, run: Phase, served) -> None:
    """The phase's table: latency as the users saw it, and time spent inside the workers."""
    seen = {name: [] for name in ENDPOINTS}
    errors = dict.fromkeys(ENDPOINTS, 0)
    for endpoint, elapsed, ok in run.samples:
        seen[endpoint].append(elapsed)
        errors[endpoint] += not ok
    seeded = frozenset(bench.reports)
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
        out.say(_cpu_line(run.cpu, worker=bench.worker))
        if run.cpu.get("other", 0) > 0.1:
            out.say(
                f"  note: other processes used {run.cpu['other']:.2f} cores during the run; "
                "the machine was shared, so these figures are low"
            )
    if run.cpu_warning:
        out.say("  note: Locust warned that its CPU use was high (see its log)")

    def add(name: str, met: bool | None, figure: str, limit: str) -> None:
        out.targets.append(Target(f"{name} [{label}]", figure, limit, met))

    add("errors", failed == 0, str(failed), "= 0")
    if label == "users":
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


def _unloaded(out: LoadFigures, bench: Bench) -> None:
    out.say("-- unloaded: one request at a time, nothing else running --")
    mark = bench.srv.log_mark()
    run = _locust(bench, phase="unloaded", user="OneAtATime", users=1, seconds=300, think=0)
    # The warm-up's requests come first in the log; the measured ones are the last.
    served = bench.srv.requests_since(mark)[-len(run.samples) :]
    _results(out, bench, label="unloaded", run=run, served=served)


def _phase(out: LoadFigures, bench: Bench, *, label: str, think: float) -> None:
    users = int(_env_number("BENCH_USERS", 50))
    seconds = _env_number(
        "BENCH_SATURATION_SECONDS" if think == 0 else "BENCH_LOAD_SECONDS",
        20 if think == 0 else 60,
    )
    if seconds <= 0:
        return
    pause = f"pauses of {think:g} s on average" if think else "no pauses"
    first = think > 0
    journey = "" if first else "; journeys end on the new report, as in the issue's baseline"
    out.say(
        f"-- {label}: {users} users, {seconds:g} s, {pause} between a user's requests{journey} --"
    )
    mark = bench.srv.log_mark()
    run = _locust(
        bench, phase=label, user="Visitor", users=users, seconds=seconds, think=think,
        first_pdf=first,
    )  # fmt: skip
    _results(out, bench, label=label, run=run, served=bench.srv.requests_since(mark))
    _backlog(out)


def _backlog(out: LoadFigures) -> None:
    """The PDFs the task worker had not rendered when the phase ended, and how fast it renders
    them once the web workers leave it the CPU."""
    waiting = server.tasks_waiting()
    if not waiting:
        out.say("task worker: every new assessment's PDF was rendered during the run")
        return
    waited = _drain_tasks(limit=DRAIN_SECONDS)
    left = server.tasks_waiting()
    rate = (waiting - left) / waited if waited else math.nan
    out.say(
        f"task worker: {waiting} PDFs still to render when the run ended; it rendered "
        f"{waiting - left} in the {waited:.0f} s after it ({rate:.2f} PDFs/s with the web "
        f"workers idle){f'; {left} left unrendered' if left else ''}"
    )


def run() -> LoadFigures:
    out = LoadFigures()
    cores = os.cpu_count() or 1
    default_workers = 2 * cores + 1
    workers = int(_env_number("BENCH_WORKERS", default_workers))
    count = int(_env_number("BENCH_ASSESSMENTS", 10))
    think = _env_number("BENCH_THINK_SECONDS", 1.0)
    client = os.environ.get("BENCH_LOCUST_CLIENT", "fast")
    folder = RESULTS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    out.say(
        f"== Load (issues #6, #14): gunicorn, {workers} sync workers"
        f"{f' (2 x {cores} cores + 1)' if workers == default_workers else ''}, "
        f"production settings, PostgreSQL database {server.DB_NAME}; Locust "
        f"({'FastHttpUser' if client == 'fast' else 'HttpUser'}) =="
    )
    out.say("latency as the load generator saw it; 'server' columns: time inside the worker")
    out.say(f"Locust's CSV files and the exact samples: {folder}")
    env = server.server_env()
    with (
        server.bench_database(env, assessments=count) as reports,
        server.gunicorn(env, workers=workers) as srv,
        server.task_worker(env) as worker,
    ):
        assert srv.base.startswith("http://127.0.0.1:")
        out.say(f"task worker (db_worker) running, pid {worker}, at {server.worker_priority()[1]}")
        ready = _prewarm(srv.base, reports)
        waited = _drain_tasks()
        out.say(
            f"{count} seeded assessments, each report opened once; their PDFs (rendered by the "
            f"task worker after the seeding) all downloadable after {ready:.1f} s, task queue "
            f"empty after {waited:.1f} s more"
        )
        bench = Bench(srv=srv, worker=worker, reports=reports, folder=folder)
        _unloaded(out, bench)
        _phase(out, bench, label="users", think=think)
        _phase(out, bench, label="saturation", think=0)
        worker_rss = [rss_now(p) for p in children_of(srv.pid)]
        out.say(
            f"gunicorn worker RSS after the runs: {', '.join(mb(r) for r in worker_rss)}; "
            f"master {mb(rss_now(srv.pid))}"
        )
    out.say(f"gunicorn and the task worker stopped; database {server.DB_NAME} dropped")
    for t in out.targets:
        out.say(t.line())
    (folder / "load.txt").write_text("\n".join(out.lines) + "\n")
    return out


if __name__ == "__main__":
    run()
