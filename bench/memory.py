"""Memory of this process and of the children it forks, read from /proc (Linux only).

A forked child shares its parent's pages copy-on-write, so its RSS counts the parent's memory
again. Its private memory (smaps_rollup Private_*) is what the render really adds."""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path

KB = 1024


def _kb_fields(path: Path, names: tuple[str, ...]) -> dict[str, int]:
    values = {}
    try:
        for line in path.read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in names:
                values[key] = int(rest.split()[0]) * KB
    except (OSError, ValueError, IndexError):
        pass  # the process ended while we read it
    return values


def children_of(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the fields after its closing bracket do not.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == parent:
            pids.append(int(entry.name))
    return pids


def rss_now(pid: int | str = "self") -> int:
    return _kb_fields(Path(f"/proc/{pid}/status"), ("VmRSS",)).get("VmRSS", 0)


def peak_rss_self() -> int:
    """This process's high-water RSS in bytes (ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KB


def peak_rss_children() -> int:
    """The largest high-water RSS of any child this process has waited for, in bytes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * KB


class ChildSampler:
    """Samples the RSS and private memory of this process's children until stopped."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak_rss = 0
        self.peak_private = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            for pid in children_of(me):
                mem = _kb_fields(
                    Path(f"/proc/{pid}/smaps_rollup"), ("Rss", "Private_Clean", "Private_Dirty")
                )
                if mem:
                    self.samples += 1
                    self.peak_rss = max(self.peak_rss, mem.get("Rss", 0))
                    private = mem.get("Private_Clean", 0) + mem.get("Private_Dirty", 0)
                    self.peak_private = max(self.peak_private, private)
