"""Issue #6: the app under gunicorn with production settings on PostgreSQL, driven by
simulated users on loopback.

Settings (environment): BENCH_LOAD_SECONDS (60), BENCH_USERS (50), BENCH_THINK_SECONDS (1.0,
the mean pause between a user's requests), BENCH_SATURATION_SECONDS (20; 0 skips the run with
no pauses), BENCH_WORKERS (2 × cores + 1), BENCH_ASSESSMENTS (10)."""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

import requests

from . import server, traffic
from .cpu import cpu_share, snapshot
from .memory import children_of, rss_now
from .stats import Target, mb, median, ms, percentile, table

ENDPOINTS = (
    "landing", "wizard GET", "wizard POST", "wizard submit", "report", "pdf (cached)", traffic.FLOOR,
)  # fmt: skip
RATIO_TARGETS = {"report": 3, "wizard GET": 3, "wizard POST": 3, "pdf (cached)": 5}
# The measure: an endpoint's p95 against the floor's median. p95 against the floor's
# p95 is printed beside it, as the fairer comparison when the floor's own tail is long.
HEADERS = ["endpoint", "requests", "req/s", "p50", "p95", "p99", "errors", "p95/floor p50"]
HEADERS += ["p95/floor p95"]
HEADERS += ["server p50", "server p95"]


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


def _prewarm(base: str, reports: list[str]) -> list[float]:
    """Download each PDF once, so the runs measure cached downloads; returns the render times."""
    times = []
    for pk in reports:
        start = time.perf_counter()
        response = requests.get(f"{base}/assessments/{pk}/report.pdf", timeout=60)
        response.raise_for_status()
        times.append(time.perf_counter() - start)
    return times


def _ratio(value: float, floor: float) -> str:
    return "n/a" if math.isnan(value) or math.isnan(floor) else f"{value / floor:.1f}x"


def _results(out, *, label: str, recorder, wall: float, served, ratio_targets: bool) -> None:
    """The phase's table: latency as the users saw it, and time spent inside the workers."""
    seen = {name: [] for name in ENDPOINTS}
    errors = dict.fromkeys(ENDPOINTS, 0)
    for endpoint, elapsed, _ok in recorder.samples:
        seen[endpoint].append(elapsed)
    for endpoint, _note in recorder.errors:
        errors[endpoint] += 1
    inside = {name: [] for name in ENDPOINTS}
    for method, path, seconds in served:
        inside[traffic.endpoint_for(method, path)].append(seconds)
    floor_p95 = percentile(seen[traffic.FLOOR], 95)
    floor_p50 = median(seen[traffic.FLOOR])
    rows = []
    for name, times in seen.items():
        p95 = percentile(times, 95)
        rows.append([
            name, str(len(times)), f"{len(times) / wall:.1f}", ms(median(times)), ms(p95),
            ms(percentile(times, 99)), str(errors[name]), _ratio(p95, floor_p50),
            _ratio(p95, floor_p95),
            ms(median(inside[name])), ms(percentile(inside[name], 95)),
        ])  # fmt: skip
    total, failed = len(recorder.samples), sum(errors.values())
    out.say(table(HEADERS, rows))
    out.say(
        f"throughput {total / wall:.1f} requests/s over {wall:.1f} s; {recorder.journeys} wizard "
        f"journeys completed; {failed} errors"
    )
    for endpoint, note in sorted(set(recorder.errors))[:5]:
        out.say(f"  error: {endpoint}: {note}")
    floor = seen[traffic.FLOOR]
    out.say(f"floor (/healthz, one SELECT 1): median {ms(median(floor))}, p95 {ms(floor_p95)}")
    if label == "unloaded":
        out.idle_floor_p95 = floor_p95
    elif floor_p95 > 5 * out.idle_floor_p95:
        out.say(
            f"  note: the floor's p95 is {floor_p95 / out.idle_floor_p95:.0f}x its unloaded value, "
            "so these latencies are mostly waiting for a free worker and the p95/floor columns "
            "compares waits; the server columns show what each request itself costs"
        )

    def add(name: str, met: bool | None, figure: str, limit: str) -> None:
        out.targets.append(Target(f"{name} [{label}]", figure, limit, met))

    add("errors", failed == 0, str(failed), "0")
    if not ratio_targets:
        return
    for where, times in (("", seen), ("server ", inside)):
        if where and label == "unloaded":
            continue  # one request at a time, the two views agree
        base = median(times[traffic.FLOOR])
        for name, limit in RATIO_TARGETS.items():
            ratio = percentile(times[name], 95) / base
            met = None if math.isnan(ratio) else ratio <= limit
            add(f"{name} {where}p95 / floor {where}median", met, _ratio(ratio, 1), f"≤ {limit}x")


def _unloaded(out: LoadFigures, srv: server.Server, reports) -> None:
    out.say("-- unloaded: one request at a time, nothing else running --")
    mark = srv.log_mark()
    recorder, wall = traffic.one_at_a_time(base=srv.base, reports=reports)
    served = srv.requests_since(mark)[-len(recorder.samples) :]  # after the unmeasured warm-up
    _results(out, label="unloaded", recorder=recorder, wall=wall, served=served, ratio_targets=True)


def _phase(out: LoadFigures, *, label: str, srv: server.Server, reports, think: float) -> None:
    users = int(_env_number("BENCH_USERS", 50))
    seconds = _env_number(
        "BENCH_SATURATION_SECONDS" if think == 0 else "BENCH_LOAD_SECONDS",
        20 if think == 0 else 60,
    )
    if seconds <= 0:
        return
    pause = f"pauses of {think:g} s on average" if think else "no pauses"
    out.say(f"-- {label}: {users} users, {seconds:g} s, {pause} between a user's requests --")
    before, mark = snapshot(srv.pid), srv.log_mark()
    recorder, wall = traffic.drive(
        base=srv.base, reports=reports, users=users, seconds=seconds, think=think
    )
    cpu = cpu_share(before, snapshot(srv.pid))
    served = srv.requests_since(mark)
    _results(out, label=label, recorder=recorder, wall=wall, served=served, ratio_targets=think > 0)
    out.say(
        "CPU in cores (this machine has 2): "
        + ", ".join(f"{k} {v:.2f}" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1]))
    )


def run() -> LoadFigures:
    out = LoadFigures()
    cores = os.cpu_count() or 1
    default_workers = 2 * cores + 1
    workers = int(_env_number("BENCH_WORKERS", default_workers))
    count = int(_env_number("BENCH_ASSESSMENTS", 10))
    think = _env_number("BENCH_THINK_SECONDS", 1.0)
    out.say(
        f"== Load (issue #6): gunicorn, {workers} sync workers"
        f"{f' (2 x {cores} cores + 1)' if workers == default_workers else ''}, "
        f"production settings, PostgreSQL database {server.DB_NAME} =="
    )
    out.say("latency as the load generator saw it; 'server' columns: time inside the worker")
    env = server.server_env()
    with (
        server.bench_database(env, assessments=count) as reports,
        server.gunicorn(env, workers=workers) as srv,
    ):
        assert srv.base.startswith("http://127.0.0.1:")
        renders = _prewarm(srv.base, reports)
        out.say(
            f"{count} seeded assessments; first PDF download through gunicorn (renders): "
            f"median {ms(median(renders))}, max {ms(max(renders))}"
        )
        _unloaded(out, srv, reports)
        _phase(out, label="users", srv=srv, reports=reports, think=think)
        _phase(out, label="saturation", srv=srv, reports=reports, think=0)
        worker_rss = [rss_now(p) for p in children_of(srv.pid)]
        out.say(
            f"gunicorn worker RSS after the runs: {', '.join(mb(r) for r in worker_rss)}; "
            f"master {mb(rss_now(srv.pid))}"
        )
    out.say(f"gunicorn stopped; database {server.DB_NAME} dropped")
    for t in out.targets:
        out.say(t.line())
    return out


if __name__ == "__main__":
    run()
