"""CPU time by process group (the app server, its task worker, PostgreSQL, the load generator),
from /proc."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds) of one process, or None once it has gone. The
    seconds include its children that have ended, so a closed connection's backend still counts
    (through PostgreSQL's postmaster)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, int(fields[1]), sum(int(v) for v in fields[11:15]) / TICKS


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


@dataclass(frozen=True)
class CpuSnapshot:
    by_pid: dict[int, tuple[str, float]]
    machine: tuple[float, float]


def snapshot(roots: dict[int, str]) -> CpuSnapshot:
    """Every process's CPU time, labelled by the nearest of its ancestors (or itself) in `roots`,
    such as {gunicorn's pid: "gunicorn"}: a forked PDF render counts for whoever forked it.
    The rest is postgres or other."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := _stat(int(entry.name))):
            processes[int(entry.name)] = info

    def group(pid: int) -> str:
        ancestor = pid
        while ancestor in processes and ancestor > 1:
            if ancestor in roots:
                return roots[ancestor]
            ancestor = processes[ancestor][1]
        return "postgres" if processes[pid][0].startswith("postgres") else "other"

    by_pid = {pid: (group(pid), info[2]) for pid, info in processes.items()}
    return CpuSnapshot(by_pid=by_pid, machine=_machine_busy())


def cpu_share(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, float]:
    """Cores used by each group between two snapshots (2.0 = both cores of this machine)."""
    cores = os.cpu_count() or 1
    # /proc/stat counts core-seconds; divided by the cores it is wall time.
    elapsed = (after.machine[1] - before.machine[1]) / cores
    if elapsed <= 0:
        return {}
    used: dict[str, float] = {}
    for snap, sign in ((after, 1), (before, -1)):
        for group, seconds in snap.by_pid.values():
            used[group] = used.get(group, 0.0) + sign * seconds
    shares = {group: seconds / elapsed for group, seconds in used.items()}
    shares["machine busy"] = (after.machine[0] - before.machine[0]) / elapsed
    return shares
