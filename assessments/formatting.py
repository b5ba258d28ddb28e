"""How figures read in the report: money in thousands, weeks in months, names for codes."""

from __future__ import annotations

from collections.abc import Iterable

from assessments.engine.codes import Currency, Framework, Verdict
from assessments.engine.reference import SchemeInfo

# An option's name: each framework, and both of them together.
FRAMEWORK_NAMES = {**Framework.labels(), Verdict.BOTH.value: "Both"}
# The route a company takes when no framework is due yet but a buyer demands another scheme.
OPTION_NAMES = {**FRAMEWORK_NAMES, Verdict.NOT_YET.value: "Demanded schemes only"}
VERDICT_NAMES = Verdict.labels()
SYMBOLS = {c.value: c.symbol for c in Currency}
FIT_LABELS = {"fits": "fits the budget", "tight": "tight", "over": "over budget"}


def plan_names(schemes: Iterable[SchemeInfo]) -> dict[str, str]:
    """A name for every key a plan can hold: the frameworks, the options and each scheme."""
    return {**OPTION_NAMES, **{s.key: s.name for s in schemes}}


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
