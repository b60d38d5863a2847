"""A disclosed table drawn as PNG pages: display widths (a Chinese character is two),
cells cut with "…", rows squared to one width, pages with their footer and the limits of
an album; and the drawing itself, in the CJK font, with no glyph ever missing."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PIL import Image

from bot.fonts import find_cjk_font
from bot.scoreboard import DPI
from bot.table_image import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_IMAGES,
    MIN_WIDTH_IN,
    TablePage,
    TableTooBig,
    clip,
    column_widths,
    paged,
    render,
    render_table,
    squared,
    text_width,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FOOTER = "第 {page}/{pages} 页 · 共 {rows} 行"
HEADER = ["姓名", "工号", "应发", "实发"]


def body(count: int) -> list[list[str]]:
    return [[f"职工{i:03d}", f"{1000 + i}", "5,000.00", "4,321.50"] for i in range(count)]


@pytest.fixture(scope="module")
def font() -> str:
    path = find_cjk_font()
    if path is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk or fonts-wqy-microhei)")
    return path


@contextmanager
def nothing_missing(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails if anything inside warns or logs of a missing glyph (a box drawn)."""
    with caplog.at_level(logging.DEBUG), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    said = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in said if "glyph" in m.lower() or "missing from" in m.lower()], said


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """The text (and options) of every ax.text() call render makes."""
    calls: list[tuple[str, dict[str, Any]]] = []
    original = Axes.text

    def spy(self: Axes, x: float, y: float, s: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((s, kwargs))
        return original(self, x, y, s, *args, **kwargs)

    monkeypatch.setattr(Axes, "text", spy)
    return calls


def size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


# ---------------------------------------------------------------- widths and clipping

@pytest.mark.parametrize(("text", "width"), [
    ("", 0),
    ("abc", 3),
    ("1,000.00", 8),
    ("张三", 4),
    ("张三 Li", 7),
    ("ＡＢ", 4),           # full-width Latin is wide too
    ("，。", 4),           # full-width punctuation
    ("ｱｲ", 2),             # half-width katakana is narrow
    ("…", 1),
])
def test_text_width(text: str, width: int) -> None:
    assert text_width(text) == width


@pytest.mark.parametrize(("text", "width", "clipped"), [
    ("abc", 3, "abc"),                # fits exactly
    ("abc", 5, "abc"),
    ("abcdef", 4, "abc…"),
    ("张三李四", 8, "张三李四"),
    ("张三李四", 7, "张三李…"),       # 6 + the ellipsis
    ("张三李四", 6, "张三…"),         # a wide character never straddles the edge
    ("张三李四", 5, "张三…"),
    ("a张三", 4, "a张…"),
    ("abc", 1, "…"),
    ("", 0, ""),
])
def test_clip(text: str, width: int, clipped: str) -> None:
    assert clip(text, width) == clipped
    assert text_width(clip(text, width)) <= max(width, 1)


# ---------------------------------------------------------------- squaring rows

def test_squared_header_and_body() -> None:
    header, rows = squared([HEADER, ["张三", "1002", "5000", "4800"]])
    assert header == HEADER
    assert rows == [["张三", "1002", "5000", "4800"]]


def test_squared_pads_ragged_rows() -> None:
    header, rows = squared([["姓名", "金额", "备注"], ["张三"], ["李四", "100"],
                            ["王五", "200", "补发", ""]])
    assert header == ["姓名", "金额", "备注"]
    assert rows == [["张三", "", ""], ["李四", "100", ""], ["王五", "200", "补发"]]


def test_squared_drops_trailing_blank_columns_and_blank_rows() -> None:
    header, rows = squared([
        ["姓名", "金额", "", " "],
        ["", "  ", ""],                 # a blank row
        ["张三", "100", "", ""],
        [],
        ["李四", "", "", "\t"],
    ])
    assert header == ["姓名", "金额"]
    assert rows == [["张三", "100"], ["李四", ""]]


def test_squared_keeps_an_inner_blank_column_and_a_wide_body_row() -> None:
    header, rows = squared([["姓名", "", "金额"], ["张三", "", "100", "", "备注"]])
    assert header == ["姓名", "", "金额", "", ""]
    assert rows == [["张三", "", "100", "", "备注"]]


def test_squared_header_only() -> None:
    assert squared([HEADER]) == (HEADER, [])


@pytest.mark.parametrize("rows", [[], [[]], [["", " "], ["\t"]]])
def test_squared_empty(rows: list[list[str]]) -> None:
    with pytest.raises(TableTooBig) as caught:
        squared(rows)
    assert caught.value.key == "disclose-table-empty"


def test_squared_column_limit() -> None:
    at_limit = [f"列{i}" for i in range(MAX_COLUMNS)]
    assert squared([at_limit, ["x"]])[0] == at_limit
    # Blank columns past the limit do not count.
    assert squared([[*at_limit, "", " "], ["x"]])[0] == at_limit
    with pytest.raises(TableTooBig) as caught:
        squared([at_limit, ["x"] * (MAX_COLUMNS + 1)])
    assert caught.value.key == "disclose-table-wide"
    assert caught.value.args_for_text == {"limit": MAX_COLUMNS}
    assert isinstance(caught.value, ValueError)


# ---------------------------------------------------------------- pages

@pytest.mark.parametrize(("count", "per_image", "sizes"), [
    (0, 25, [0]),              # a header alone is still one page
    (1, 25, [1]),
    (25, 25, [25]),
    (26, 25, [25, 1]),
    (60, 25, [25, 25, 10]),
    (12, 5, [5, 5, 2]),
    (MAX_IMAGES * 25, 25, [25] * MAX_IMAGES),   # exactly an album
])
def test_paged_sizes(count: int, per_image: int, sizes: list[int]) -> None:
    pages = paged("11月工资", [HEADER, *body(count)], per_image, FOOTER)
    assert [len(p.rows) for p in pages] == sizes
    assert [r for p in pages for r in p.rows] == body(count)  # nothing lost, order kept
    assert all(p.header == HEADER and p.title == "11月工资" for p in pages)


def test_paged_footer_counts_pages_and_rows() -> None:
    pages = paged("11月工资", [HEADER, *body(60)], 25, FOOTER)
    assert [p.footer for p in pages] == ["第 1/3 页 · 共 60 行", "第 2/3 页 · 共 60 行",
                                         "第 3/3 页 · 共 60 行"]
    (only,) = paged("t", [HEADER], 25, "Page {page}/{pages} · {rows} rows")
    assert only.footer == "Page 1/1 · 0 rows"


def test_paged_footer_may_leave_out_parts() -> None:
    (only,) = paged("t", [HEADER, *body(3)], 25, "{page}")
    assert only.footer == "1"


def test_too_many_rows_refused() -> None:
    with pytest.raises(TableTooBig) as caught:
        paged("11月工资", [HEADER, *body(MAX_IMAGES * 25 + 1)], 25, FOOTER)
    assert caught.value.key == "disclose-table-long"
    assert caught.value.args_for_text == {"limit": MAX_IMAGES * 25, "rows": MAX_IMAGES * 25 + 1}
    with pytest.raises(TableTooBig) as small:
        paged("t", [HEADER, *body(51)], 5, FOOTER)
    assert small.value.args_for_text == {"limit": 50, "rows": 51}


def test_blank_rows_do_not_count_towards_the_limit() -> None:
    rows = [HEADER]
    for row in body(MAX_IMAGES * 5):
        rows += [row, ["", ""]]
    pages = paged("t", rows, 5, FOOTER)
    assert len(pages) == MAX_IMAGES


def test_column_widths_follow_text_within_bounds() -> None:
    page = TablePage("t", ["姓名", "a", "备注"],
                     [["张三", "1", "很长" * 10], ["欧阳娜娜", "", ""]], "f")
    assert column_widths(page) == [8, 4, MAX_CELL]  # 欧阳娜娜; at least 4; at most MAX_CELL


# ---------------------------------------------------------------- drawing

def test_the_check_catches_a_missing_glyph(font: str, caplog: pytest.LogCaptureFixture) -> None:
    """Drawn straight with matplotlib, an emoji warns; render must never do this."""
    fig = Figure()
    fig.add_axes((0, 0, 1, 1)).text(0.5, 0.5, "张三😀", fontproperties=FontProperties(fname=font))
    with pytest.raises(AssertionError, match="Glyph"), nothing_missing(caplog):
        fig.savefig(io.BytesIO(), format="png")


def test_render_is_a_png_in_the_font(font: str, caplog: pytest.LogCaptureFixture,
                                     drawn: list[tuple[str, dict[str, Any]]]) -> None:
    (page,) = paged("2026年11月工资公开", [HEADER, *body(3)], 25, FOOTER)
    with nothing_missing(caplog):
        png = render(page, font)
    width, height = size(png)
    assert width == round(MIN_WIDTH_IN * DPI)  # a narrow table is phone-wide
    assert height > width / 3
    texts = [text for text, _ in drawn]
    assert "2026年11月工资公开" in texts and "第 1/1 页 · 共 3 行" in texts
    assert "姓名" in texts and "职工000" in texts and "4,321.50" in texts
    assert all(options["fontproperties"].get_file() == font for _, options in drawn)
    assert all(options.get("parse_math") is False for _, options in drawn)


def test_emoji_and_rare_characters_never_drawn_as_boxes(
        font: str, caplog: pytest.LogCaptureFixture,
        drawn: list[tuple[str, dict[str, Any]]]) -> None:
    rows = [["姓名😀", "金额💰", "备注"],
            ["张三👨‍👩‍👧", "1,000.00", "𠀀𪚥补发"],        # CJK extension B: not in most fonts
            ["李四❤️", "$x^$", "\ue000私用区"],
            ["😀🎉", "\u202e200", "a\nb\tc"],
            ["王五", "<b>300</b>", "\u2028"]]
    with nothing_missing(caplog):
        pages = paged("🏆 2026年11月 福利发放 ✅", rows, 25, "👍 " + FOOTER)
        png = render(pages[0], font)
    assert size(png)[0] >= round(MIN_WIDTH_IN * DPI)
    texts = [text for text, _ in drawn]
    # The emoji go; the zero-width joiners between them are in the font and draw nothing.
    assert any(t.startswith("张三") for t in texts)
    assert "$x^$" in texts and "<b>300</b>" in texts
    assert "·" in texts                       # a cell of emoji only: a dot, never a box
    assert not any(ch in t for t in texts for ch in "😀💰🏆✅👍❤🎉\ue000")


def test_empty_table_body_still_draws(font: str, caplog: pytest.LogCaptureFixture) -> None:
    (page,) = paged("11月考勤", [HEADER], 25, FOOTER)
    with nothing_missing(caplog):
        assert size(render(page, font))[0] == round(MIN_WIDTH_IN * DPI)


def test_wide_tables_make_wider_images(font: str) -> None:
    narrow = paged("t", [["a", "b"], ["1", "2"]], 25, FOOTER)[0]
    wide_row = ["很长的列标题很长的列标题很长的列标题"] * MAX_COLUMNS
    wide = paged("t", [wide_row, wide_row], 25, FOOTER)[0]
    middle = paged("t", [wide_row[:5], wide_row[:5]], 25, FOOTER)[0]
    sizes = [size(render(p, font)) for p in (narrow, middle, wide)]
    assert sizes[0][0] < sizes[1][0] < sizes[2][0]
    assert sizes[0][1] == sizes[1][1] == sizes[2][1]  # the same rows: the same height
    # Telegram takes a photo whose width and height add up to 10000 at most.
    assert sum(sizes[2]) < 10_000


def test_more_rows_make_taller_images(font: str) -> None:
    pages = paged("t", [HEADER, *body(30)], 25, FOOTER)
    first, last = (size(render(p, font)) for p in pages)
    assert first[0] == last[0]
    assert first[1] > last[1]


def test_the_largest_table_fits_a_telegram_photo(font: str) -> None:
    """12 columns at the widest, 60 rows (the most per image the config allows)."""
    row = ["很长很长很长很长很长很长很长很长"] * MAX_COLUMNS
    (page,) = paged("t", [row] * 61, 60, FOOTER)
    width, height = size(render(page, font))
    assert width + height <= 10_000
    assert max(width, height) / min(width, height) <= 20


def test_render_table_every_page(font: str, caplog: pytest.LogCaptureFixture) -> None:
    with nothing_missing(caplog):
        images = render_table("11月工资", [HEADER, *body(12)], font, 5, FOOTER)
    assert len(images) == 3
    assert all(image[:8] == PNG_SIGNATURE for image in images)
    with pytest.raises(TableTooBig):
        render_table("11月工资", [HEADER, *body(51)], font, 5, FOOTER)
