"""Cost by option and year against each year's budget, and what each demanded scheme adds."""

from __future__ import annotations

from collections.abc import Mapping

from assessments.engine import formats
from assessments.engine.evaluate import Result
from assessments.formatting import FRAMEWORK_NAMES
from assessments.report.charts.layout import (
    CHART_OPTION_NAMES,
    COLOURS,
    NOT_YET_COLOUR,
    WIDE,
    Layout,
    coord,
    frame,
    key,
    label,
    row_height,
    scheme_colours,
    text_width,
)
from assessments.report.costs import options_shown, scheme_spend

BAR_ROW_H, HEADING_H, GROUP_GAP = 20, 22, 10
COST_KEY = (
    "Bar: low to high; thick mark: typical. Dashed line: that year's budget; an amount in red "
    "is above it."
)
SCHEME_COST_KEY = "Under each scheme's name: what it adds to the recommended route."


def _cost_row(year: int, y: float, money, *, lay: Layout, top: float, colour: str,
              budget: float | None, currency: str, group: str) -> dict:  # fmt: skip
    """One bar of the cost chart: a year's low-to-high range, its typical mark, and the
    year's budget when the bar is a whole route's."""

    def x(amount: float) -> float:
        return lay.label_w + lay.plot_w * amount / top

    amount = formats.money(money.typical, currency)
    text = f"{amount} typical"
    if budget is not None:
        text += f", budget {formats.money(budget, currency)}"
    over = budget is not None and money.typical > budget
    # The typical value beside the bar, clear of the budget's line: after the bar when there is
    # room, else before it, else inside the (pale) bar. Where there is room it says in words
    # that it is above the budget; its red says so everywhere.
    right = x(max(money.high, budget or 0)) + 4
    left = x(min(money.low, budget if budget is not None else money.low)) - 4
    texts = [f"{amount} · above budget", amount] if over else [amount]
    for value in texts:
        width = text_width(value, lay.small, bold=True)
        if right + width <= lay.width - 2:
            value_x, anchor = right, "start"
        elif left - width >= lay.label_w + 2:
            value_x, anchor = left, "end"
        else:
            continue
        break
    else:
        value, value_x, anchor = amount, x(money.low) + 4, "start"
    middle = y + BAR_ROW_H / 2
    return {
        **label(f"Year {year}", lay, middle),
        "spoken": f"{group}, year {year}",
        "y": coord(middle - 8),
        "bar_y": coord(middle - 6),
        "mark_y2": coord(middle + 8),
        "budget_y1": coord(middle - 9),
        "budget_y2": coord(middle + 9),
        "value_y": coord(middle + lay.small * 0.35),
        "x_low": coord(x(money.low)),
        "x_typical": coord(x(money.typical)),
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
    each demanded scheme adds to the recommended route, year by year. Each group of bars sits
    under its name."""
    options = result.options
    keys = options_shown(result)
    highs = [y.high for k in keys for y in options[k].cost.by_year]
    top = max([*highs, *budgets]) * 1.08 or 1
    colours = scheme_colours(result)
    chosen = options.get(result.verdict)
    spend = scheme_spend(chosen) if chosen else []
    groups = [
        (CHART_OPTION_NAMES[k], COLOURS.get(k, NOT_YET_COLOUR), options[k].cost.by_year, True)
        for k in keys
    ] + [(names.get(k, k), colours[k][0], years, False) for k, years in spend]
    rows, headings, y = [], [], 4.0
    for name, colour, years, whole in groups:
        height = row_height(name, lay, HEADING_H, bold=True)
        headings.append(label(name, lay, y + height / 2, bold=True))
        y += height
        for year, money in enumerate(years, 1):
            rows.append(_cost_row(year, y, money, lay=lay, top=top, colour=colour,
                                  budget=budgets[year - 1] if whole else None,
                                  currency=currency, group=name))  # fmt: skip
            y += BAR_ROW_H
        y += GROUP_GAP
    axis_y = y
    return frame(
        lay,
        axis_y + lay.small + 10,
        rows=rows,
        headings=headings,
        notes=key([(COST_KEY, False), (SCHEME_COST_KEY if spend else "", False)]),
        ticks=money_ticks(top, lay, axis_y, currency),
        axis_y=coord(axis_y),
        axis_x2=coord(lay.label_w + lay.plot_w),
    )


def money_ticks(top: float, lay: Layout, axis_y: float, currency: str) -> list[dict]:
    """Round amounts along the cost axis, from zero: as many steps as their labels have room
    for, at most six."""
    room = text_width(formats.money(top, currency), lay.small) + 12
    most = max(2, min(6, int(lay.plot_w / room)))
    magnitude = 10 ** max(0, len(str(int(top / most))) - 1)
    step = next(
        m * magnitude for m in (1, 2, 2.5, 5, 10, 20, 25, 50) if top / (m * magnitude) <= most
    )
    ticks, amount = [], 0.0
    while amount <= top:
        ticks.append(
            {
                "x": coord(lay.label_w + lay.plot_w * amount / top),
                "y": coord(axis_y + lay.small + 5),
                "tick_y2": coord(axis_y + 4),
                "label": formats.money(amount, currency) if amount else "0",
            }
        )
        amount += step
    return ticks
