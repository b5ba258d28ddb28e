"""Small numeric helpers shared by the benchmarks: percentiles, targets and table printing."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct % of values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def ms(seconds: float) -> str:
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.1f} ms"


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1024 / 1024:.1f} MB"


@dataclass(frozen=True)
class Target:
    """One figure held against its target; `met` is None when the figure could not be taken."""

    name: str
    figure: str
    target: str
    met: bool | None

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: "not measured"}[self.met]

    def line(self) -> str:
        return f"  target {self.name}: {self.figure} (target {self.target}) -> {self.verdict}"


def target(name: str, value: float, limit: float, shown: str, limit_shown: str) -> Target:
    met = None if math.isnan(value) else value <= limit
    return Target(name=name, figure=shown, target=f"≤ {limit_shown}", met=met)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    head = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    return "\n".join([head, "  ".join("-" * w for w in widths), *lines])
