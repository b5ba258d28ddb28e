"""How figures read in the report: money in thousands, weeks in months, names for codes."""

from __future__ import annotations

from .engine.codes import Currency, Framework, Verdict

# An option's name: each framework, and both of them together.
FRAMEWORK_NAMES = {**Framework.labels(), Verdict.BOTH.value: "Both"}
VERDICT_NAMES = Verdict.labels()
SYMBOLS = {c.value: c.symbol for c in Currency}
FIT_LABELS = {"fits": "fits the budget", "tight": "tight", "over": "over budget"}


def money_short(amount: float, currency: str) -> str:
    """$42k, €1.2M — the precision the estimates deserve."""
    symbol = SYMBOLS.get(currency, currency + " ")
    if amount >= 1_000_000:
        return f"{symbol}{amount / 1_000_000:.1f}M"
    if amount >= 1_000:
        return f"{symbol}{round(amount / 1_000):,}k"
    return f"{symbol}{round(amount):,}"


def money_range(money, currency: str) -> str:
    """ "$12k – $30k" for a Money range."""
    return f"{money_short(money.low, currency)} – {money_short(money.high, currency)}"


def weeks_to_months(weeks: float) -> str:
    months = weeks * 12 / 52
    if months < 1:
        return f"{round(weeks)} weeks"
    return f"{months:.0f} month{'s' if round(months) != 1 else ''}"
