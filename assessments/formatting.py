"""What the report calls things: options, verdicts and budget fits by name. Money, dates and
durations are written by the one formatter, `assessments.engine.formats`."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import to_locale

from assessments.engine.codes import Framework, Verdict
from assessments.engine.reference import SchemeInfo

# An option's name: each framework, and both of them together.
FRAMEWORK_NAMES = {**Framework.labels(), Verdict.BOTH.value: "Both"}
# The route a company takes when no framework is due yet but a buyer demands another scheme.
OPTION_NAMES = {**FRAMEWORK_NAMES, Verdict.NOT_YET.value: "Demanded schemes only"}
VERDICT_NAMES = Verdict.labels()
FIT_LABELS = {"fits": "fits the budget", "tight": "tight", "over": "over budget"}


def plan_names(schemes: Iterable[SchemeInfo]) -> dict[str, str]:
    """A name for every key a plan can hold: the frameworks, the options and each scheme."""
    return {**OPTION_NAMES, **{s.key: s.name for s in schemes}}


def site_locale() -> str:
    """The locale of a page about no single assessment (a list of several): LANGUAGE_CODE's."""
    return to_locale(settings.LANGUAGE_CODE)
