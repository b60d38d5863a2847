"""成绩公布牌: an exam's score board drawn as PNG images, readable on a phone.

Rank, name (or employee number) and score, with the average underneath; long lists
become several images. Drawn with matplotlib's object API (no pyplot state) in the
CJK font from `bot.fonts`; characters the font lacks are left out, never drawn as
boxes. Text is never read as mathtext, so '$' in a name is just '$'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.fonts import drawable

if TYPE_CHECKING:
    from matplotlib.patches import Rectangle
from bot.study import competition_ranks, fmt_score

WIDTH_IN = 7.2  # at 150 dpi: 1080 px, a phone's width
DPI = 150
ROW_IN = 0.46
HEAD_IN = 1.55
FOOT_IN = 0.7
RED = "#b3202a"
SHADE = "#f6ecec"


@dataclass(frozen=True)
class BoardRow:
    rank: int
    label: str
    score: float


@dataclass(frozen=True)
class BoardPage:
    title: str
    subtitle: str
    headers: tuple[str, str, str]
    rows: list[BoardRow]
    footer: str


def ranked(scores: list[tuple[str, float]]) -> list[BoardRow]:
    """Highest first; equal scores share a rank and are listed by label."""
    ordered = sorted(scores, key=lambda item: (-item[1], item[0]))
    ranks = competition_ranks([score for _, score in ordered])
    return [BoardRow(rank, label, score) for rank, (label, score) in zip(ranks, ordered,
                                                                           strict=True)]


def split(rows: list[BoardRow], size: int) -> list[list[BoardRow]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def render(page: BoardPage, font_path: str) -> bytes:
    """One board image as PNG bytes (palette-compressed)."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    def font(size: float, bold: bool = False) -> FontProperties:
        return FontProperties(fname=font_path, size=size, weight="bold" if bold else "normal")

    height = HEAD_IN + ROW_IN * (len(page.rows) + 1) + FOOT_IN
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(height, 0)

    def text(x: float, y: float, value: str, size: float, bold: bool = False,
             color: str = "black", ha: str = "center") -> None:
        ax.text(x, y, drawable(value, font_path), fontproperties=font(size, bold), color=color,
                ha=ha, va="center", parse_math=False)

    ax.add_patch(_rect(0, 0, WIDTH_IN, 1.0, RED))
    text(WIDTH_IN / 2, 0.5, page.title, 22, bold=True, color="white")
    text(WIDTH_IN / 2, 1.22, page.subtitle, 13, color="#333333")
    columns = (0.9, 3.2, 5.9)  # centre of 名次, 姓名, 成绩
    y = HEAD_IN + ROW_IN / 2
    ax.add_patch(_rect(0.25, HEAD_IN, WIDTH_IN - 0.5, ROW_IN, "#e8c9c9"))
    for x, header in zip(columns, page.headers, strict=True):
        text(x, y, header, 14, bold=True)
    for i, row in enumerate(page.rows):
        y = HEAD_IN + ROW_IN * (i + 1.5)
        if i % 2:
            ax.add_patch(_rect(0.25, y - ROW_IN / 2, WIDTH_IN - 0.5, ROW_IN, SHADE))
        top = row.rank <= 3
        text(columns[0], y, str(row.rank), 14, bold=top, color=RED if top else "black")
        text(columns[1], y, row.label if len(row.label) <= 12 else row.label[:11] + "…", 14)
        text(columns[2], y, fmt_score(row.score), 14, bold=top)
    text(WIDTH_IN / 2, height - FOOT_IN / 2, page.footer, 12, color="#333333")
    return _png(fig)


def _rect(x: float, y: float, w: float, h: float, color: str) -> Rectangle:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=color, edgecolor="none")


def _png(fig: object) -> bytes:
    from bot.charts.base import to_png

    return to_png(fig)
