"""The one formatter (`assessments.engine.formats`) as template filters, so a page writes a
figure exactly as the engine's sentences, the board pack and the command line do:

    {{ amount|money:answers.currency }}        $54k
    {{ amount|money_exact:answers.currency }}  $54,077
    {{ result.assessed_on|day:assessment.locale }}
    {{ version.created_at|moment:assessment.locale }}
    {{ weeks|duration }}

A date filter without a locale writes the site's (`LANGUAGE_CODE`), for pages about no single
assessment. An empty value reads as nothing."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from assessments.engine import formats
from assessments.formatting import site_locale

register = template.Library()

EMPTY = (None, "")


def _local(value: datetime.datetime) -> datetime.datetime:
    """An aware moment on the site's clock (TIME_ZONE), as Django's own `date` filter shows it."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def money(amount, currency: str) -> str:
    """An amount as prose and charts show it: "$54k"."""
    return "" if amount in EMPTY else formats.money(amount, currency)


@register.filter
def money_exact(amount, currency: str) -> str:
    """An amount to the whole unit: "$54,077"."""
    return "" if amount in EMPTY else formats.money_exact(amount, currency)


@register.filter
def day(value, locale: str = "") -> str:
    """The date (of a date or a moment): "6 Dec 2026", "Dec 6, 2026"."""
    if value in EMPTY:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return formats.day(value, locale=locale or site_locale())


@register.filter
def moment(value, locale: str = "") -> str:
    """A date and time of day: "6 Dec 2026, 15:04", "Dec 6, 2026, 3:04 PM"."""
    if value in EMPTY:
        return ""
    return formats.moment(_local(value), locale=locale or site_locale())


@register.filter
def duration(weeks, locale: str = "") -> str:
    """ "3 weeks", "7 months"."""
    if weeks in EMPTY:
        return ""
    return formats.duration(weeks, locale=locale or formats.DEFAULT_LOCALE)
