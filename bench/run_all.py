"""`make bench`: the PDF benchmark, queries per request, then the load benchmark, and a summary.

Benchmarks print figures and whether each target was met; a missed target does not fail the
run. The exit status is 1 only when a benchmark could not run at all."""

from __future__ import annotations

import datetime
import os
import platform
import sys
import time
import traceback

from bench import load, pdf, queries
from bench.django_env import django_on_sqlite
from bench.stats import Target, table


def main() -> int:
    started = time.monotonic()
    print(
        f"Certpath benchmarks, {datetime.date.today():%Y-%m-%d}, {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n",
        flush=True,
    )
    targets: list[Target] = []
    crashed = []
    with django_on_sqlite():
        for name, part in (("pdf", pdf.run), ("queries", queries.run)):
            try:
                result = part()
                targets += getattr(result, "targets", [])
            except Exception:  # noqa: BLE001 - report it and go on to the next benchmark
                crashed.append(name)
                traceback.print_exc()
            print(flush=True)
    try:
        targets += load.run().targets
    except Exception:  # noqa: BLE001
        crashed.append("load")
        traceback.print_exc()

    print("\n== Summary ==")
    rows = [[t.name, t.figure, t.target, t.verdict] for t in targets]
    rows += [[f"{name} benchmark", "crashed", "runs", "not measured"] for name in crashed]
    print(table(["target", "figure", "target", "verdict"], rows))
    missed = sum(t.met is False for t in targets)
    print(
        f"{len(targets) - missed} of {len(targets)} targets met; "
        f"{time.monotonic() - started:.0f} s in all"
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
