"""Results saved by engine 1, read as the current typed Result.

A saved result never changes, so an engine 1 report shows what engine 1 computed: its verdict,
route, costs, readiness and reasons. What engine 1 did not compute (obligations, holdings, the
budget year by year, what would change the answer, other schemes) is left empty or derived from
what it saved, and the report says so. Engine 1 kept the crosswalk and the comparison inside each
result; they come back out here. "Recalculate with current data" moves the assessment on."""

from __future__ import annotations

import copy

from assessments.engine.answers import legacy_upgrade
from assessments.engine.costs import FIT, Money, fit
from assessments.engine.evaluate import Result
from assessments.engine.overlap import SharedControl
from assessments.engine.reference import AspectInfo, QuestionInfo
from assessments.engine.serial import from_json

CURRENT_MAJOR = "2"


def is_engine_one(result: dict) -> bool:
    return str(result.get("engine_version", "1")).split(".")[0] != CURRENT_MAJOR


def result_from_engine_one(
    data: dict, answers: dict
) -> tuple[Result, tuple[SharedControl, ...], tuple[AspectInfo, ...], tuple[QuestionInfo, ...]]:
    """(the result, the crosswalk it was computed with, the comparison it showed, the questions
    its gaps were written for)."""
    data = copy.deepcopy(data)
    answers = legacy_upgrade(answers)
    budget = answers.get("budget_amount", 0)
    shared = from_json(tuple[SharedControl, ...], data["overlap"].pop("shared", []))
    aspects = from_json(tuple[AspectInfo, ...], data.pop("comparison", []))
    data["plan"] = [
        {"framework": f, "action": "keep" if _held(data, f) else "add", "basis": "signals"}
        for f in data.get("order", ())
    ]
    data.setdefault("obligations", [])
    data.setdefault("holdings", [])
    for option in data["options"].values():
        cost = option["cost"]
        cost.setdefault("year_fits", [fit(budget, _money(y)) for y in cost["by_year"]])
    questions = []
    for gap in data["readiness"]["gaps"]:
        # Engine 1 showed the first mapped criterion's evidence beside every gap; it was often
        # another question's, so it is not repeated.
        questions.append(
            QuestionInfo(
                key=gap["question"],
                topic=gap.get("topic", ""),
                text=gap.get("text", ""),
                help_text=gap.get("help_text", ""),
                controls=(),
            )
        )
        for framework in ("soc2", "iso27001"):
            gap[framework] = [c["ref"] for c in gap.get(framework, ())]
        for key in ("effort", "why"):
            gap.setdefault(key, "")
    chosen = data["options"].get(data["verdict"])
    years = []
    if chosen:
        cost = chosen["cost"]
        for n, (year, fits) in enumerate(zip(cost["by_year"], cost["year_fits"], strict=True), 1):
            years.append({"year": n, "budget": budget, "cost": year, "fit": fits})
    data["budget"] = {
        "years": years,
        "fits": all(y["fit"] == FIT for y in years),
        "yearly_given": False,
    }
    return from_json(Result, data), shared, aspects, tuple(questions)


def _held(data: dict, framework: str) -> bool:
    return "already held" in data["options"][framework]["plans"][0]["first_proof"]


def _money(value: dict) -> Money:
    return Money(value["low"], value["typical"], value["high"])
