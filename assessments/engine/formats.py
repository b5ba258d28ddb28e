"""One way to write money, dates and durations: for the engine's sentences, the report page,
the board pack, the spreadsheets and the command line alike.

Locale. An assessment is written in one locale, chosen by its currency (`locale_for`): dollars
in en_US, pounds in en_GB, euros in en_IE (English with the euro). The report is in English,
and the currency is the answer that says whose conventions its reader uses: a euro budget reads
"€54k" and "6 Dec 2026", a dollar one "$54k" and "Dec 6, 2026". The engine writes its sentences
at submit time without Django, so the locale comes from the answers, never from a setting;
pages pass the same one (`Assessment.locale`). Only a page about several assessments at once
falls back to the site's `LANGUAGE_CODE`.

Money in prose and charts (`money`) is rounded to what a self-assessment can claim: under 1,000
in whole units ("$850"), below 10k in thousands with one decimal ("$1.3k", and "$1k" rather than
"$1.0k"), below 1M in whole thousands ("$54k"), from 1M in millions with one decimal ("$1.2M").
Halves round up, and the step is chosen after rounding, so 999.6 reads "$1k" and 999,600 "$1M".
"k" and "M" are spelt the same in every locale (CLDR's compact forms differ: "K" in en_US, "k"
and "m" in en_GB), so a figure reads alike in a sentence, a table and a chart. Exact amounts
(`money_exact`, "$120,000") quote a user's own figure back; a workbook keeps the number itself
under `money_number_format`, and a CSV the plain number. Babel gives the symbol, its place and
the digits.

Dates are Babel's medium date for the locale (`day`); `month` names a month, `moment` adds the
time of day. Durations (`duration`) follow one rule: under eight weeks in weeks, otherwise in
months of `WEEKS_PER_MONTH` weeks, the timeline's own.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal, get_currency_symbol
from babel.units import format_unit

from assessments.engine.codes import Currency
from assessments.engine.timeline import WEEKS_PER_MONTH

LOCALES = {Currency.USD.value: "en_US", Currency.GBP.value: "en_GB", Currency.EUR.value: "en_IE"}
DEFAULT_LOCALE = "en_US"
# A duration this many weeks or longer reads in months.
WEEKS_BEFORE_MONTHS = 8
RANGE_DASH = " – "

Amount = int | float | Decimal


class Span(Protocol):
    """A range of money: the engine's `Money` is one."""

    @property
    def low(self) -> int: ...

    @property
    def high(self) -> int: ...


def locale_for(currency: str | None) -> str:
    """The locale an assessment in this currency is written in."""
    return LOCALES.get(currency or "", DEFAULT_LOCALE)


def _half_up(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _decimal(amount: Amount) -> Decimal:
    return amount if isinstance(amount, Decimal) else Decimal(str(amount))


def _rounded(amount: Decimal) -> tuple[Decimal, str]:
    """A non-negative amount at the precision a self-assessment can claim, and its unit."""
    whole = _half_up(amount)
    if whole < 1_000:
        return whole, ""
    thousands = _half_up(amount / 1_000, 1)
    if thousands < 10:
        return thousands, "k"
    thousands = _half_up(amount / 1_000)
    if thousands < 1_000:
        return thousands, "k"
    return _half_up(amount / 1_000_000, 1), "M"


@lru_cache(maxsize=32)
def _affixes(currency: str, locale: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """What goes before and after a positive and a negative number of this currency."""
    pattern = Locale.parse(locale).currency_formats["standard"]
    symbol = get_currency_symbol(currency, locale)
    prefixes = tuple(p.replace("¤", symbol) for p in pattern.prefix)
    suffixes = tuple(s.replace("¤", symbol) for s in pattern.suffix)
    return (prefixes[0], suffixes[0]), (prefixes[1], suffixes[1])


def _in_currency(number: str, currency: str, locale: str, negative: bool) -> str:
    prefix, suffix = _affixes(currency, locale)[1 if negative else 0]
    return f"{prefix}{number}{suffix}"


def money(amount: Amount, currency: str, *, locale: str | None = None) -> str:
    """An amount as prose and charts show it: "$850", "€1.3k", "£54k", "$1.2M"."""
    locale = locale or locale_for(currency)
    value = _decimal(amount)
    number, unit = _rounded(abs(value))
    text = format_decimal(number, format="#,##0.#", locale=locale) + unit
    return _in_currency(text, currency, locale, negative=value < 0 and number != 0)


def money_exact(amount: Amount, currency: str, *, locale: str | None = None) -> str:
    """An amount to the whole unit, for a figure the user gave: "$120,000"."""
    locale = locale or locale_for(currency)
    value = _half_up(_decimal(amount))
    text = format_decimal(abs(value), format="#,##0", locale=locale)
    return _in_currency(text, currency, locale, negative=value < 0)


def money_range(span: Span, currency: str, *, locale: str | None = None) -> str:
    """ "$12k – $30k"; one figure when both ends read the same."""
    low = money(span.low, currency, locale=locale)
    high = money(span.high, currency, locale=locale)
    return low if low == high else f"{low}{RANGE_DASH}{high}"


def money_number_format(currency: str, *, locale: str | None = None) -> str:
    """A spreadsheet number format for exact amounts in the currency: '"$"#,##0'."""
    prefix, suffix = _affixes(currency, locale or locale_for(currency))[0]
    quoted = [f'"{text}"' if text else "" for text in (prefix, suffix)]
    return f"{quoted[0]}#,##0{quoted[1]}"


def date_number_format(*, locale: str) -> str:
    """The spreadsheet date format of `day`'s style: "d mmm yyyy", "mmm d, yyyy"."""
    pattern = Locale.parse(locale).date_formats["medium"].pattern.replace("'", "")
    return re.sub(r"y+|M+|d+", _date_field, pattern)


def _date_field(found: re.Match[str]) -> str:
    field = found.group()
    return "yyyy" if field[0] == "y" else field.lower()


def day(value: datetime.date, *, locale: str) -> str:
    """A date in the locale's one style: "6 Dec 2026" (en_GB, en_IE), "Dec 6, 2026" (en_US)."""
    return format_date(value, "medium", locale=locale)


def month(value: datetime.date, *, locale: str) -> str:
    """A month and its year: "Dec 2026"."""
    return format_skeleton("yMMM", value, locale=locale)


def moment(value: datetime.datetime, *, locale: str) -> str:
    """A date and the time of day on its own clock: "6 Dec 2026, 15:04", "Dec 6, 2026, 3:04 PM"."""
    joined = str(Locale.parse(locale).datetime_formats["medium"]).replace("'", "")
    time = format_time(value, "short", locale=locale)
    return joined.replace("{0}", time).replace("{1}", day(value, locale=locale))


def duration(weeks: float, *, locale: str = DEFAULT_LOCALE) -> str:
    """ "3 weeks" under eight weeks; from there "2 months", "14 months"."""
    exact = _decimal(weeks)
    whole = int(_half_up(exact))
    if whole < WEEKS_BEFORE_MONTHS:
        return format_unit(whole, "duration-week", length="long", locale=locale)
    months = int(_half_up(exact / _decimal(WEEKS_PER_MONTH)))
    return format_unit(months, "duration-month", length="long", locale=locale)
