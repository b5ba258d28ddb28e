"""Small pieces of wording the engine's sentences share: money and durations."""

from __future__ import annotations


def money_text(amount: int, currency: str) -> str:
    return f"{amount:,} {currency}"


def months_text(weeks: float) -> str:
    months = round(weeks * 12 / 52)
    return f"{months} month{'s' if months != 1 else ''}" if months >= 1 else f"{round(weeks)} weeks"
