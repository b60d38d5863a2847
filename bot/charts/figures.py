"""The four charts of the branch's figures: cards, hazards, study, visits. Each takes
the figures already counted (bot/*_figures.py, bot/queries.py), the words to print
(`words(key, **args)`, from the catalog) and the font file, and returns PNG bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.card_figures import CardFigures
from bot.charts.base import (
    COLORS,
    Fonts,
    empty,
    legend,
    new_figure,
    style,
    to_png,
    values_on,
)
from bot.hazard_figures import HazardFigures

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Words = Callable[..., str]
MAX_BARS = 25  # more labels than this cannot be read on a phone: the rest is counted


@dataclass(frozen=True)
class Quota:
    """One officer's month: talks and home visits against the least asked."""

    name: str
    talks: int
    home: int
    talks_least: int
    home_least: int


def _grouped(ax: Axes, fonts: Fonts, labels: Sequence[str],
             series: list[tuple[str, list[int]]], horizontal: bool = False) -> None:
    """Bars side by side per label, each with its value written on it."""
    count = max(len(series), 1)
    width = 0.8 / count
    positions = list(range(len(labels)))
    for n, (name, values) in enumerate(series):
        offset = [p - 0.4 + width * (n + 0.5) for p in positions]
        _bars(ax, offset, values, width, fonts.clean(name), COLORS[n % 6], horizontal)
        ends = [(v, p) if horizontal else (p, v) for p, v in zip(offset, values, strict=True)]
        values_on(ax, ends, [str(v) if v else "" for v in values], 7, 1, horizontal)
    ticks = [fonts.clean(label) for label in labels]
    if horizontal:
        ax.set_yticks(positions, ticks)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, ticks)


def _bars(ax: Axes, centres: Sequence[float], values: Sequence[float], width: float,
          label: str, color: str, horizontal: bool) -> None:
    """One series of bars from zero as a single collection (one artist, not one patch per
    bar as `ax.bar` makes: a fraction of the cost to build and draw); in the legend as
    `label`, and like `ax.bar`, the axis does not pad below zero."""
    from matplotlib.collections import PolyCollection

    boxes = []
    for c, v in zip(centres, values, strict=True):
        a, b = c - width / 2, c + width / 2
        corners = [(0, a), (v, a), (v, b), (0, b)] if horizontal else \
            [(a, 0), (a, v), (b, v), (b, 0)]
        boxes.append(corners)
    bars = PolyCollection(boxes, facecolors=color, edgecolors="none", label=label)
    (bars.sticky_edges.x if horizontal else bars.sticky_edges.y).append(0)
    ax.add_collection(bars)


def _whole_numbers(ax: Axes, horizontal: bool = False) -> None:
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


def cards_chart(words: Words, font: str, months: Sequence[str], per_month: list[CardFigures],
                satisfaction: CardFigures) -> bytes:
    """Cards per month — raised, replied on time, late, overdue, implemented — and how
    the replies were rated."""
    fonts = Fonts(font)
    fig, (top, bottom) = new_figure(6.2, 2, (3.0, 1.0))
    series = [(words("chart-raised"), [f.raised for f in per_month]),
              (words("chart-on-time"), [f.replied_on_time for f in per_month]),
              (words("chart-late"), [f.replied_late for f in per_month]),
              (words("chart-overdue"), [f.overdue_open for f in per_month]),
              (words("chart-implemented"), [f.implemented for f in per_month])]
    if any(sum(values) for _, values in series):
        _grouped(top, fonts, months, series)
        _whole_numbers(top)
        legend(top, fonts, ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.08))
    else:
        empty(top, fonts, words("chart-nothing"))
    style(top, fonts, words("chart-cards-title"))
    rated = [(words("chart-satisfied"), satisfaction.satisfied),
             (words("chart-basic"), satisfaction.basic),
             (words("chart-unsatisfied"), satisfaction.unsatisfied)]
    total = sum(v for _, v in rated)
    if total:
        left = 0
        for n, (name, value) in enumerate(rated):
            bottom.barh([0], [value], left=left, color=COLORS[[3, 2, 0][n]],
                         label=fonts.clean(f"{name} {value}"))
            if value:
                bottom.text(left + value / 2, 0, f"{round(100 * value / total)}%", fontsize=8,
                            color="white", ha="center", va="center", in_layout=False)
            left += value
        bottom.set_yticks([])
        bottom.set_xlim(0, total)
        legend(bottom, fonts, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    else:
        empty(bottom, fonts, words("chart-no-ratings"))
    style(bottom, fonts, words("chart-satisfaction-title"))
    return to_png(fig)


def hazards_chart(words: Words, font: str, by_category: dict[str, HazardFigures],
                  by_severity: dict[str, HazardFigures]) -> bytes:
    """Hazards found, rectified and overdue, by category and by severity."""
    fonts = Fonts(font)
    fig, (top, bottom) = new_figure(6.4, 2, (2.6, 1.0))
    for ax, groups, title in ((top, by_category, "chart-hazards-title"),
                              (bottom, by_severity, "chart-severity-title")):
        labels = list(groups)
        series = [(words("chart-found"), [groups[k].found for k in labels]),
                  (words("chart-rectified"), [groups[k].rectified_on_time
                                              + groups[k].rectified_late for k in labels]),
                  (words("chart-overdue"), [groups[k].overdue_open for k in labels])]
        if labels:
            _grouped(ax, fonts, labels, series)
            _whole_numbers(ax)
            if ax is top:
                legend(ax, fonts, ncols=3, loc="upper right")
        else:
            empty(ax, fonts, words("chart-nothing"))
        style(ax, fonts, words(title))
    return to_png(fig)


def study_chart(words: Words, font: str, workers: list[tuple[str, int]], target: int,
                teams: list[tuple[str, float]]) -> bytes:
    """A team's notes per worker against the monthly target, or (for the branch) each
    team's participation."""
    fonts = Fonts(font)
    rows = teams if teams else workers
    shown = rows[:MAX_BARS]
    fig, (ax,) = new_figure(1.4 + 0.28 * max(len(shown), 4))
    if not shown:
        empty(ax, fonts, words("chart-nothing"))
        style(ax, fonts, words("chart-study-title"))
        return to_png(fig)
    labels = [name for name, _ in shown]
    values = [value for _, value in shown]
    if teams:
        _bars(ax, range(len(shown)), values, 0.8, "", COLORS[1], horizontal=True)
        values_on(ax, [(v, n) for n, v in enumerate(values)], [f"{v:g}%" for v in values],
                  8, 2, horizontal=True)
        ax.set_xlim(0, 110)
        title = words("chart-participation-title")
    else:
        colors = [COLORS[3] if v >= target else COLORS[0] for v in values]
        ax.barh(range(len(shown)), values, color=colors)
        values_on(ax, [(v, n) for n, v in enumerate(values)], [str(v) for v in values],
                  8, 2, horizontal=True)
        ax.axvline(target, color="#333333", linestyle="--", linewidth=1)
        ax.text(target, -0.9, fonts.clean(words("chart-target", target=target)),
                fontproperties=fonts.small, ha="center", parse_math=False)
        _whole_numbers(ax, horizontal=True)
        title = words("chart-notes-title")
    ax.set_yticks(range(len(shown)), [fonts.clean(label) for label in labels])
    ax.invert_yaxis()
    if len(rows) > len(shown):
        ax.set_xlabel(fonts.clean(words("chart-more", count=len(rows) - len(shown))),
                      fontproperties=fonts.small)
    style(ax, fonts, title)
    return to_png(fig)


def visits_chart(words: Words, font: str, officers: list[Quota]) -> bytes:
    """Each officer's talks and home visits this month, with the least asked marked."""
    fonts = Fonts(font)
    shown = officers[:MAX_BARS]
    fig, (ax,) = new_figure(1.6 + 0.42 * max(len(shown), 3))
    if not shown:
        empty(ax, fonts, words("chart-nothing"))
    else:
        _grouped(ax, fonts, [o.name for o in shown],
                 [(words("chart-talks"), [o.talks for o in shown]),
                  (words("chart-home"), [o.home for o in shown])], horizontal=True)
        marks = [(least, n - 0.4 + 0.4 * (k + 0.5)) for n, o in enumerate(shown)
                 for k, least in enumerate((o.talks_least, o.home_least))]
        ax.vlines([x for x, _ in marks], [y - 0.2 for _, y in marks],
                  [y + 0.2 for _, y in marks], color="#222222", linewidth=1.5)
        _whole_numbers(ax, horizontal=True)
        legend(ax, fonts, ncols=2, loc="lower right",
               title=fonts.clean(words("chart-quota-mark")), title_fontproperties=fonts.small)
        if len(officers) > len(shown):
            ax.set_xlabel(fonts.clean(words("chart-more", count=len(officers) - len(shown))),
                          fontproperties=fonts.small)
    style(ax, fonts, words("chart-visits-title"))
    return to_png(fig)
