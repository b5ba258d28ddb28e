"""Cost by option and year against each year's budget, and what each demanded scheme adds."""

from __future__ import annotations

from collections.abc import Mapping

from assessments.engine.evaluate import Result
from assessments.formatting import FRAMEWORK_NAMES, money_short
from assessments.report.charts.layout import (
    CHART_OPTION_NAMES,
    COLOURS,
    HEADING_H,
    NOT_YET_COLOUR,
    WIDE,
    Layout,
    coord,
    frame,
    heading,
    notes_under,
    scheme_colours,
)
from assessments.report.costs import options_shown, scheme_spend

COST_BAR_H, COST_GROUP_GAP = 16, 14
VALUE_CHAR_W = 6.2  # about how wide a character of the 10 px value labels is
AXIS_H = 24
COST_KEY = "Dashed: that year's budget. Bar: low to high; thick mark: typical."
SCHEME_COST_KEY = "Under each scheme's name: what it adds to the recommended route."


def _cost_row(label: str, y: float, money, *, lay: Layout, top: float, colour: str,
              budget: float | None, currency: str, short: str = "") -> dict:  # fmt: skip
    """One bar of the cost chart: a year's low-to-high range, its typical mark, and the
    year's budget when the bar is a whole route's."""

    def x(amount: float) -> float:
        return lay.label_w + lay.plot_w * amount / top

    text = f"{money_short(money.typical, currency)} typical"
    if budget is not None:
        text += f", budget {money_short(budget, currency)}"
    over = budget is not None and money.typical > budget
    # On a phone the amount alone, in red when over the budget; on a wide chart, said in words.
    suffix = " · above budget" if over and lay.plot_w >= 400 else ""
    value = money_short(money.typical, currency) + suffix
    # The typical value beside the bar: after its high end when there is room, else before its
    # low end, else inside the (pale) bar.
    width = VALUE_CHAR_W * len(value)
    if lay.label_w + lay.plot_w + 18 - (x(money.high) + 4) >= width:
        value_x, anchor = x(money.high) + 4, "start"
    elif x(money.low) - 4 - width >= lay.label_w + 2:
        value_x, anchor = x(money.low) - 4, "end"
    else:
        value_x, anchor = x(money.low) + 4, "start"
    return {
        "label": label,
        "short": short or label,
        "y": coord(y),
        "text_y": coord(y + 12),
        "bar_y": coord(y + 2),
        "mark_y2": coord(y + 16),
        "budget_y1": coord(y - 1),
        "budget_y2": coord(y + 17),
        "x_low": coord(x(money.low)),
        "x_typical": coord(x(money.typical)),
        "over_x": coord(x(money.typical) + 6),
        "width": coord(max(2.0, lay.plot_w * (money.high - money.low) / top)),
        "budget_x": None if budget is None else coord(x(budget)),
        "text": text,
        "over": over,
        "colour": colour,
        "value": value,
        "value_x": coord(value_x),
        "value_anchor": anchor,
    }


def cost_chart(
    result: Result,
    budgets: tuple[int, ...],
    currency: str,
    lay: Layout = WIDE,
    names: Mapping[str, str] = FRAMEWORK_NAMES,
) -> dict:
    """Each option's cost range year by year, each year against that year's budget; then what
    each demanded scheme adds to the recommended route, year by year."""
    options = result.options
    keys = options_shown(result)
    highs = [y.high for k in keys for y in options[k].cost.by_year]
    top = max([*highs, *budgets]) * 1.08 or 1
    rows, headings, y = [], [], 8
    for key in keys:
        colour = COLOURS.get(key, NOT_YET_COLOUR)
        for year, money in enumerate(options[key].cost.by_year):
            label = f"{CHART_OPTION_NAMES[key]} · year {year + 1}"
            rows.append(_cost_row(label, y, money, lay=lay, top=top, colour=colour,
                                  budget=budgets[year], currency=currency))  # fmt: skip
            y += COST_BAR_H + 4
        y += COST_GROUP_GAP
    chosen = options.get(result.verdict)
    spend = scheme_spend(chosen) if chosen else []
    colours = scheme_colours(result)
    for key, years in spend:
        name = names.get(key, key)
        headings.append(heading(name, lay, text_y=coord(y + 10)))
        y += HEADING_H - 6
        for year, money in enumerate(years):
            label = f"{name} · year {year + 1}"
            rows.append(_cost_row(label, y, money, lay=lay, top=top, colour=colours[key][0],
                                  budget=None, currency=currency, short=f"year {year + 1}"))  # fmt: skip
            y += COST_BAR_H + 4
        y += COST_GROUP_GAP
    ticks = money_ticks(top, lay, y, currency)
    notes, bottom = notes_under(
        [(COST_KEY, True)] + ([(SCHEME_COST_KEY, False)] if spend else []), lay, y + AXIS_H + 12
    )
    return frame(
        lay,
        bottom - 14 + 6,
        rows=rows,
        headings=headings,
        notes=notes,
        ticks=ticks,
        axis_y=coord(y),
        axis_x2=coord(lay.label_w + lay.plot_w),
    )


def money_ticks(top: float, lay: Layout, axis_y: float, currency: str) -> list[dict]:
    """Round amounts along the cost axis, from zero: at most six steps."""
    magnitude = 10 ** max(0, len(str(int(top / 6))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10, 20) if top / (m * magnitude) <= 6)
    ticks, amount = [], 0.0
    while amount <= top:
        ticks.append(
            {
                "x": coord(lay.label_w + lay.plot_w * amount / top),
                "y": coord(axis_y + 16),
                "tick_y2": coord(axis_y + 4),
                "label": money_short(amount, currency) if amount else "0",
            }
        )
        amount += step
    return ticks
