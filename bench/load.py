"""Issues #6 and #14: the app under gunicorn with production settings on PostgreSQL, its task
worker beside it, driven on loopback by Locust (bench/locustfile.py), one headless Locust
process per phase.

Settings (environment): BENCH_LOAD_SECONDS (60), BENCH_USERS (50), BENCH_THINK_SECONDS (1.0,
the mean pause between a user's requests), BENCH_READ_SECONDS (5, the mean time a user reads a
new report before downloading its PDF), BENCH_SATURATION_SECONDS (20; 0 skips the run with no
pauses), BENCH_WORKERS (2 × cores + 1), BENCH_ASSESSMENTS (10), BENCH_LOCUST_CLIENT ("fast" or
"requests"), BENCH_FIRST_PDF (1; 0 leaves the journey's first PDF download out),
BENCH_PDF_USERS (10, the users of the run at the renderer's pace; 0 skips it) and
BENCH_WORKER_NICE (unset: the task worker runs at the idle scheduling class).

The runs with no pauses measure what the web workers serve: as in the issue's baseline, their
journeys end on the new report. In the first the task worker is paused, as the baseline had no
renderer and production gives it cores of its own; in the second it renders with the CPU the
web workers leave. What it has not rendered when a run ends is drained and timed afterwards,
which gives the renderer's own throughput.

Locust's CSV files, its log and the exact samples of each phase are kept in
bench/results/<time>/ (git-ignored), with this output."""

from __future__ import annotations

import datetime
import json
import math
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bench import server
from bench.cpu import cpu_share, snapshot
from bench.figures import (
    LoadFigures,
    Phase,
    csv_counts,
    csv_exceptions,
    csv_failures,
    phase_results,
)
from bench.memory import children_of, rss_now
from bench.stats import mb

RESULTS = server.ROOT / "bench" / "results"
DRAIN_SECONDS = 60  # the longest a phase's PDF backlog is timed for


def _env_number(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


@dataclass(frozen=True)
class Bench:
    """What every phase runs against, and where its files go."""

    srv: server.Server
    worker: int | None
    reports: list[str]
    folder: Path


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
        "--headless", "--only-summary", "--reset-stats", "--users", str(users),
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
        samples=[(name, elapsed / 1000, ok) for name, elapsed, ok, _at in data["rows"]],
        pdf_tries=data.get("pdf_tries", []),
        wall=data["stopped"] - data["started"],
        failures=csv_failures(prefix),
        exceptions=csv_exceptions(prefix),
        csv_counts=csv_counts(prefix),
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


def _unloaded(out: LoadFigures, bench: Bench) -> None:
    out.say("-- unloaded: one request at a time, nothing else running --")
    mark = bench.srv.log_mark()
    run = _locust(bench, phase="unloaded", user="OneAtATime", users=1, seconds=300, think=0)
    # The warm-up's requests come first in the log; the measured ones are the last.
    served = bench.srv.requests_since(mark)[-len(run.samples) :]
    phase_results(
        out,
        label="unloaded",
        run=run,
        served=served,
        seeded=frozenset(bench.reports),
        worker=bench.worker,
    )


def _phase(
    out: LoadFigures,
    bench: Bench,
    *,
    label: str,
    think: float,
    users: int | None = None,
    renderer: bool = True,
) -> None:
    """One Locust run and its figures; with `renderer` False the task worker is paused for the
    run (and resumed for the backlog after it), so the web workers have the machine alone."""
    users = users or int(_env_number("BENCH_USERS", 50))
    seconds = _env_number(
        "BENCH_SATURATION_SECONDS" if think == 0 else "BENCH_LOAD_SECONDS",
        20 if think == 0 else 60,
    )
    if seconds <= 0:
        return
    pause = f"pauses of {think:g} s on average" if think else "no pauses"
    first = think > 0
    journey = "" if first else "; journeys end on the new report, as in the issue's baseline"
    paused = "" if renderer else "; the task worker paused"
    out.say(
        f"-- {label}: {users} users, {seconds:g} s, {pause} between a user's requests"
        f"{journey}{paused} --"
    )
    mark = bench.srv.log_mark()
    with _worker_paused(bench.worker, paused=not renderer):
        run = _locust(
            bench, phase=label, user="Visitor", users=users, seconds=seconds, think=think,
            first_pdf=first,
        )  # fmt: skip
    served = bench.srv.requests_since(mark)
    phase_results(
        out,
        label=label,
        run=run,
        served=served,
        seeded=frozenset(bench.reports),
        worker=bench.worker,
    )
    _backlog(out)


@contextmanager
def _worker_paused(worker: int | None, *, paused: bool):
    """Stop the task worker and its render child (SIGSTOP) for the block, then let them go on."""
    stopped = [worker, *children_of(worker)] if paused and worker else []
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)


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
        # As many users as one task worker renders PDFs for: the first PDF's wait when the
        # renderer keeps up with the journeys.
        pace = int(_env_number("BENCH_PDF_USERS", 10))
        if pace:
            _phase(out, bench, label="renderer's pace", think=think, users=pace)
        # The baseline had no renderer: its web workers had the machine alone. In
        # production the worker has cores of its own (compose runs it as its own service).
        _phase(out, bench, label="saturation", think=0, renderer=False)
        _phase(out, bench, label="saturation, renderer running", think=0)
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
