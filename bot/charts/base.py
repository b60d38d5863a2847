"""What every chart shares: the figure, the fonts, the look, and the PNG."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.fonts import drawable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN = 7.2  # 1080 px at 150 dpi: a phone's width
DPI = 150
ROOM = 70  # display width (Latin characters) the x tick labels fit at the label size
COLORS = ("#b3202a", "#2f6db5", "#e39b2d", "#5a9e4b", "#7d5ba6", "#888888")


def _width(text: str) -> int:
    """Display width: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def new_figure(height_in: float, rows: int = 1,
               ratios: tuple[float, ...] | None = None) -> tuple[Figure, list[Axes]]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, facecolor="white",
                 layout="constrained")
    axes = fig.subplots(rows, 1, squeeze=False,
                        gridspec_kw={"height_ratios": list(ratios)} if ratios else None)
    return fig, [row[0] for row in axes]


class Fonts:
    """The CJK font at the sizes charts use; text passed through `clean` drops what the
    font cannot draw (never a box)."""

    def __init__(self, path: str) -> None:
        from matplotlib.font_manager import FontProperties

        self.path = path
        self.title = FontProperties(fname=path, size=15, weight="bold")
        self.label = FontProperties(fname=path, size=10.5)
        self.small = FontProperties(fname=path, size=9)

    def clean(self, text: str) -> str:
        return drawable(text, self.path, fallback="-")


def style(ax: Axes, fonts: Fonts, title: str) -> None:
    # y=1: the title sits just above the axes (the x ticks are below), which spares
    # matplotlib measuring the whole y axis at every draw to place it.
    ax.set_title(fonts.clean(title), fontproperties=fonts.title, loc="left", pad=8, y=1.0)
    for axis in (ax.xaxis, ax.yaxis):
        if not axis.label.get_text():  # nothing to place: not measured, not drawn
            axis.label.set_visible(False)
            axis.set_label_coords(0.5, 0.0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x" if ax.get_xaxis().get_visible() else "y", alpha=0.25)
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontproperties(fonts.label)
        label.set_parse_math(False)  # a '$' in a name is a '$'
    ticks = ax.get_xticklabels()
    crowd = len(ticks) * max((_width(t.get_text()) for t in ticks), default=0)
    if crowd > ROOM:  # many long labels under the bars: smaller, so they stay apart
        for label in ticks:
            label.set_fontsize(max(6.0, fonts.label.get_size() * ROOM / crowd))
    legend_ = ax.get_legend()
    for text in legend_.get_texts() if legend_ is not None else []:
        text.set_parse_math(False)


def values_on(ax: Axes, ends: Sequence[tuple[float, float]], labels: Sequence[str],
              size: float, pad: float, horizontal: bool = False) -> None:
    """Each label written just past its bar's end (x, y in data), `pad` points out. Plain
    text, not `bar_label`'s annotations: a third of the cost to measure and draw."""
    from matplotlib.transforms import ScaledTranslation

    fig = ax.get_figure()
    assert fig is not None
    shift = (pad / 72, 0.0) if horizontal else (0.0, pad / 72)  # points to inches
    at = ax.transData + ScaledTranslation(*shift, fig.dpi_scale_trans)
    for (x, y), label in zip(ends, labels, strict=True):
        if label:
            ax.text(x, y, label, transform=at, fontsize=size, parse_math=False,
                    ha="left" if horizontal else "center",
                    va="center" if horizontal else "bottom", in_layout=False)


def legend(ax: Axes, fonts: Fonts, **kw: Any) -> None:
    ax.legend(prop=fonts.small, frameon=False, **kw)


def empty(ax: Axes, fonts: Fonts, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, fonts.clean(text), ha="center", va="center", fontproperties=fonts.label,
            transform=ax.transAxes, color="#666666", parse_math=False)


def to_png(fig: object) -> bytes:
    """The drawn figure as a 64-colour palette PNG: a third of the size of full colour,
    which matters on a weak signal, and no visible loss for flat colours and text. The
    palette is chosen from every other pixel of every other row (the flat colours and
    text edges repeat), at a quarter of the cost; zlib level 7 is within a fifth of
    level 9's size at a quarter of its time."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)  # type: ignore[arg-type]
    canvas.draw()
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image = image.convert("RGB")
    sample = image.resize((max(width // 2, 1), max(height // 2, 1)), Image.Resampling.NEAREST)
    palette = sample.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    small = image.quantize(palette=palette, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=7)
    return out.getvalue()
