"""Saved results from earlier engines, read in the shape the current report expects.

A saved result never changes, so a report computed by engine 1 is shown as it was computed: its
verdict, route, costs and readiness. What engine 1 did not compute (obligations, holdings, the
budget year by year, what would change the answer) is left empty or derived from what it saved,
and the report says so. "Recalculate with current data" moves it to the current engine."""

from __future__ import annotations

from .engine.answers import legacy_upgrade
from .engine.costs import FIT, Money, fit

CURRENT = "2"


def is_current(result: dict) -> bool:
    return str(result.get("engine_version", "1")).split(".")[0] == CURRENT


def result_upgrade(result: dict, answers: dict) -> dict:
    """The saved result with every key the current templates read."""
    if is_current(result):
        return result
    answers = legacy_upgrade(answers)
    upgraded = dict(result)
    upgraded["plan"] = [
        {
            "framework": framework,
            "action": "keep"
            if "already held" in result["options"][framework]["plans"][0]["first_proof"]
            else "add",
            "basis": "signals",
        }
        for framework in result.get("order", ())
    ]
    upgraded.setdefault("obligations", [])
    upgraded.setdefault("holdings", [])
    upgraded.setdefault("would_change", [])
    upgraded.setdefault("other_answers", [])
    upgraded.setdefault("not_yet", [])
    for option in upgraded["options"].values():
        cost = option["cost"]
        budget = answers.get("budget_amount", 0)
        cost.setdefault("year_fits", [fit(budget, _money(year)) for year in cost["by_year"]])
        cost.setdefault("estimates", {"low": 0, "typical": 0, "high": 0})
        for line in cost["lines"]:
            line.setdefault("counted", True)
    chosen = upgraded["options"].get(result["verdict"])
    years = []
    if chosen:
        for n, (year, fits) in enumerate(
            zip(chosen["cost"]["by_year"], chosen["cost"]["year_fits"], strict=True), 1
        ):
            years.append(
                {"year": n, "budget": answers.get("budget_amount", 0), "cost": year, "fit": fits}
            )
    upgraded["budget"] = {
        "years": years,
        "fits": all(y["fit"] == FIT for y in years),
        "yearly_given": False,
        "cheapest": None,
        "cheapest_is_plan": False,
    }
    upgraded["engine_note"] = (
        f"Computed by engine {result.get('engine_version', '1.0')}, which weighed every answer as "
        "points. It did not separate what buyers demand from signals, and compared only the first "
        "year with the budget. Recalculate with current data to see the current advice."
    )
    return upgraded


def _money(value: dict) -> Money:
    return Money(value["low"], value["typical"], value["high"])
