"""A disclosed table (CSV/XLSX) drawn as PNG images a phone can read: the first row is
the header, repeated on every image; long tables become several images ("第 1/3 页").

Column widths follow their text (a Chinese character is twice a Latin one); a cell too
long for its column is cut with "…". Drawn with matplotlib's object API in the CJK font
from `bot.fonts`; characters the font lacks are left out, never drawn as boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.charts.base import to_png as _png
from bot.fonts import drawable
from bot.scoreboard import DPI, RED, SHADE, _rect

MAX_IMAGES = 10  # one album
MAX_COLUMNS = 12
MAX_CELL = 24  # display width of the widest column, in Latin characters
CHAR_IN = 0.105  # inches per Latin character at the cell font size
PAD_IN = 0.22
ROW_IN = 0.42
HEAD_IN = 1.25
FOOT_IN = 0.55
MIN_WIDTH_IN = 7.2


class TableTooBig(ValueError):
    """More rows or columns than images can carry."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_for_text = args

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole (the table is drawn in a worker process): key and arguments."""
        return (_too_big, (self.key, self.args_for_text))


def _too_big(key: str, args: dict[str, object]) -> TableTooBig:
    return TableTooBig(key, **args)


@dataclass(frozen=True)
class TablePage:
    title: str
    header: list[str]
    rows: list[list[str]]
    footer: str


def text_width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    if text_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        step = text_width(ch)
        if used + step > width - 1:
            break
        out, used = out + ch, used + step
    return out + "…"


def squared(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Header and body with every row as wide as the widest, trailing blanks dropped."""
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise TableTooBig("disclose-table-empty")
    width = max(max((i + 1 for i, c in enumerate(r) if c.strip()), default=0) for r in rows)
    if width > MAX_COLUMNS:
        raise TableTooBig("disclose-table-wide", limit=MAX_COLUMNS)
    fitted = [(r + [""] * width)[:width] for r in rows]
    return fitted[0], fitted[1:]


def paged(title: str, rows: list[list[str]], per_image: int, page_word: str) -> list[TablePage]:
    """The table as pages of `per_image` rows; the footer counts pages and rows."""
    header, body = squared(rows)
    chunks = [body[i:i + per_image] for i in range(0, len(body), per_image)] or [[]]
    if len(chunks) > MAX_IMAGES:
        raise TableTooBig("disclose-table-long", limit=MAX_IMAGES * per_image,
                          rows=len(body))
    total = len(chunks)
    return [TablePage(title, header, chunk, page_word.format(page=n, pages=total,
                                                              rows=len(body)))
            for n, chunk in enumerate(chunks, 1)]


def column_widths(page: TablePage) -> list[int]:
    """Each column's display width (in Latin characters), from its header and cells."""
    widths = []
    for i, head in enumerate(page.header):
        cells = [head] + [row[i] for row in page.rows]
        widths.append(min(MAX_CELL, max(4, *(text_width(c) for c in cells))))
    return widths


def render(page: TablePage, font_path: str) -> bytes:
    """One page as PNG bytes."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    widths = column_widths(page)
    inner = [w * CHAR_IN + PAD_IN for w in widths]
    width = max(MIN_WIDTH_IN, sum(inner) + 0.5)
    scale = (width - 0.5) / sum(inner)  # a narrow table is spread over the phone's width
    height = HEAD_IN + ROW_IN * (len(page.rows) + 1) + FOOT_IN
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    regular = FontProperties(fname=font_path, size=11)
    bold = FontProperties(fname=font_path, size=11, weight="bold")

    def text(x: float, y: float, value: str, font: FontProperties, size: float | None = None,
             color: str = "black", ha: str = "left") -> None:
        if not value.strip():
            return
        props = font.copy()
        if size:
            props.set_size(size)
        ax.text(x, y, drawable(value, font_path), fontproperties=props, color=color, ha=ha,
                va="center", parse_math=False)

    ax.add_patch(_rect(0, 0, width, 0.85, RED))
    text(width / 2, 0.42, clip(page.title, int(width / CHAR_IN / 1.9)), bold, 17,
         "white", "center")
    lefts = [0.25]
    for w in inner[:-1]:
        lefts.append(lefts[-1] + w * scale)
    y = HEAD_IN - 0.15
    ax.add_patch(_rect(0.25, y, width - 0.5, ROW_IN, "#e8c9c9"))
    for x, head, w in zip(lefts, page.header, widths, strict=True):
        text(x + PAD_IN / 2, y + ROW_IN / 2, clip(head, w), bold)
    for n, row in enumerate(page.rows):
        top = y + ROW_IN * (n + 1)
        if n % 2:
            ax.add_patch(_rect(0.25, top, width - 0.5, ROW_IN, SHADE))
        for x, cell, w in zip(lefts, row, widths, strict=True):
            text(x + PAD_IN / 2, top + ROW_IN / 2, clip(cell, w), regular)
    text(width / 2, height - FOOT_IN / 2, page.footer, regular, 10, "#333333", "center")
    return _png(fig)


def render_table(title: str, rows: list[list[str]], font_path: str, per_image: int,
                 page_word: str) -> list[bytes]:
    """Every page of the table as PNG bytes (TableTooBig if it cannot be shown)."""
    return [render(page, font_path) for page in paged(title, rows, per_image, page_word)]
