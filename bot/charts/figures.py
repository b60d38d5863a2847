"""The four charts of the branch's figures: cards, hazards, study, visits. Each takes
the figures already counted (bot/*_figures.py, bot/queries.py), the words to print
(`words(key, **args)`, from the catalog) and the font file, and returns PNG bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.card_figures import CardFigures
from bot.charts.base import COLORS, Fonts, empty, legend, new_figure, style, to_png
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
        draw = ax.barh if horizontal else ax.bar
        bars = draw(offset, values, width, label=fonts.clean(name), color=COLORS[n % 6])
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], fontsize=7,
                     padding=1)
    ticks = [fonts.clean(label) for label in labels]
    if horizontal:
        ax.set_yticks(positions, ticks)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, ticks)


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
            bar = bottom.barh([0], [value], left=left, color=COLORS[[3, 2, 0][n]],
                              label=fonts.clean(f"{name} {value}"))
            if value:
                bottom.bar_label(bar, labels=[f"{round(100 * value / total)}%"],
                                 label_type="center", fontsize=8, color="white")
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
        bars = ax.barh(range(len(shown)), values, color=COLORS[1])
        ax.bar_label(bars, labels=[f"{v:g}%" for v in values], fontsize=8, padding=2)
        ax.set_xlim(0, 110)
        title = words("chart-participation-title")
    else:
        colors = [COLORS[3] if v >= target else COLORS[0] for v in values]
        bars = ax.barh(range(len(shown)), values, color=colors)
        ax.bar_label(bars, labels=[str(v) for v in values], fontsize=8, padding=2)
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
        for n, o in enumerate(shown):
            for k, least in enumerate((o.talks_least, o.home_least)):
                y = n - 0.4 + 0.4 * (k + 0.5)
                ax.plot([least, least], [y - 0.2, y + 0.2], color="#222222", linewidth=1.5)
        _whole_numbers(ax, horizontal=True)
        legend(ax, fonts, ncols=2, loc="lower right",
               title=fonts.clean(words("chart-quota-mark")), title_fontproperties=fonts.small)
        if len(officers) > len(shown):
            ax.set_xlabel(fonts.clean(words("chart-more", count=len(officers) - len(shown))),
                          fontproperties=fonts.small)
    style(ax, fonts, words("chart-visits-title"))
    return to_png(fig)
