"""成绩公布牌: ranking and paging the scores, drawing each page as a phone-wide PNG in
the CJK font, and finding that font (characters it lacks are left out, never tofu)."""

from __future__ import annotations

import io
import logging
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from bot.fonts import (
    PROBE,
    FontMissing,
    charmap,
    covers,
    drawable,
    find_cjk_font,
    require_font,
    warn_if_missing,
)
from bot.scoreboard import BoardPage, BoardRow, ranked, render, split

LATIN_ONLY = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
MISSING = "/nonexistent.ttf"
MAX_PNG = 150_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def font() -> str:
    return require_font()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def page(rows: list[BoardRow], footer: str = "共 3 人  平均 85  最高 95  第 1/1 页") -> BoardPage:
    return BoardPage("职工小家成绩公布牌", "安全规程 · 一班 · 2026-11-18 · 满分 100",
                     ("名次", "姓名", "成绩"), rows, footer)


@contextmanager
def no_glyph_warnings() -> Iterator[None]:
    """Fails if anything inside warns of a missing glyph (a box drawn for a character)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "missing" in m.lower() or "glyph" in m.lower()], messages


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


# ---------------------------------------------------------------- ranking and pages

def test_ranked_highest_first_ties_share_a_rank_by_label() -> None:
    rows = ranked([("王五", 80.0), ("张三", 95.0), ("李四", 80.0), ("赵六", 60.5),
                   ("钱七", 80.0)])
    assert [(r.rank, r.label, r.score) for r in rows] == [
        (1, "张三", 95.0),
        (2, "李四", 80.0), (2, "王五", 80.0), (2, "钱七", 80.0),  # by label within a tie
        (5, "赵六", 60.5),
    ]


def test_ranked_empty() -> None:
    assert ranked([]) == []


@pytest.mark.parametrize(("count", "sizes"), [
    (0, [0]),          # an empty board is still one page
    (1, [1]),
    (20, [20]),
    (21, [20, 1]),
    (40, [20, 20]),
    (45, [20, 20, 5]),
])
def test_split_into_pages_of_twenty(count: int, sizes: list[int]) -> None:
    rows = [BoardRow(i + 1, f"职工{i}", 100.0 - i) for i in range(count)]
    pages = split(rows, 20)
    assert [len(p) for p in pages] == sizes
    assert [r for p in pages for r in p] == rows  # nothing lost, order kept


# ---------------------------------------------------------------- drawing

def test_the_warning_check_catches_a_missing_glyph(font: str) -> None:
    """Drawn straight with matplotlib, an emoji warns; render must never do this."""
    fig = Figure()
    fig.add_axes((0, 0, 1, 1)).text(0.5, 0.5, "张三😀", fontproperties=FontProperties(fname=font))
    with pytest.raises(AssertionError, match="Glyph"), no_glyph_warnings():
        fig.savefig(io.BytesIO(), format="png")


def test_render_is_a_phone_wide_png_without_warnings(font: str) -> None:
    with no_glyph_warnings():
        data = render(page(ranked([("张三", 95.0), ("李四", 85.5), ("王五", 74.25)])), font)
    width, height = png_size(data)
    assert width == 1080
    assert 400 < height < 1500
    assert len(data) < MAX_PNG
    assert data[25] == 3  # IHDR colour type: a palette image, small on a weak signal


def test_tricky_names_drawn_safely(font: str, drawn: list[tuple[str, dict[str, Any]]]) -> None:
    names = [("张三😀", 95.0), ("$x^$", 90.0), ("<b>李四</b>", 85.0), ("😀🎉", 80.0),
             ("王 五", 75.0)]
    # "$x^$" is bad mathtext: drawing it would raise if '$' were read as math.
    with no_glyph_warnings():
        data = render(page(ranked(names)), font)
    assert png_size(data)[0] == 1080
    texts = [text for text, _ in drawn]
    assert "张三" in texts                # the emoji left out, the name kept
    assert "$x^$" in texts               # '$' survives as '$'
    assert "<b>李四</b>" in texts          # no markup is interpreted
    assert "·" in texts                  # a name of emoji only: a dot, never a box
    assert "王 五" in texts
    assert not any("😀" in t or "🎉" in t for t in texts)
    assert all(options.get("parse_math") is False for _, options in drawn)


def test_emoji_in_title_and_footer_left_out(
        font: str, drawn: list[tuple[str, dict[str, Any]]]) -> None:
    board = BoardPage("🏆职工小家成绩公布牌", "安全规程 $100$", ("名次", "姓名", "成绩"),
                      [BoardRow(1, "张三", 95.0)], "👍 平均 95")
    with no_glyph_warnings():
        render(board, font)
    texts = [text for text, _ in drawn]
    assert "职工小家成绩公布牌" in texts and "安全规程 $100$" in texts and "平均 95" in texts


def test_long_names_shortened(font: str, drawn: list[tuple[str, dict[str, Any]]]) -> None:
    render(page([BoardRow(1, "一二三四五六七八九十甲乙丙", 90.0),
                 BoardRow(2, "一二三四五六七八九十甲乙", 80.0)]), font)
    texts = [text for text, _ in drawn]
    assert "一二三四五六七八九十甲…" in texts    # 13 characters: 11 and an ellipsis
    assert "一二三四五六七八九十甲乙" in texts    # 12 characters fit


def test_scores_drawn_without_trailing_zeros(
        font: str, drawn: list[tuple[str, dict[str, Any]]]) -> None:
    render(page([BoardRow(1, "张三", 95.0), BoardRow(2, "李四", 85.5)]), font)
    texts = [text for text, _ in drawn]
    assert "95" in texts and "85.5" in texts
    assert "95.0" not in texts


def test_long_list_becomes_pages_of_twenty_each_small(font: str) -> None:
    scores = [(f"职工{i:02d}号{'甲乙丙丁'[i % 4]}", 100.0 - i * 0.75) for i in range(45)]
    chunks = split(ranked(scores), 20)
    assert [len(c) for c in chunks] == [20, 20, 5]
    with no_glyph_warnings():
        images = [render(page(chunk, f"第 {n}/3 页"), font)
                  for n, chunk in enumerate(chunks, 1)]
    sizes = [png_size(image) for image in images]
    assert [w for w, _ in sizes] == [1080, 1080, 1080]
    assert sizes[0][1] == sizes[1][1] > sizes[2][1]  # height follows the rows
    assert all(len(image) < MAX_PNG for image in images), [len(i) for i in images]


def test_empty_board_still_draws(font: str) -> None:
    (only,) = split(ranked([]), 20)
    with no_glyph_warnings():
        assert png_size(render(page(only), font))[0] == 1080


# ---------------------------------------------------------------- the font

def test_installed_font_is_found_and_has_the_chinese_needed(font: str) -> None:
    assert Path(font).exists()
    assert covers(font)
    assert covers(font, "张三李四王五")
    assert find_cjk_font() == font


@pytest.mark.parametrize("configured", [MISSING, LATIN_ONLY])
def test_configured_font_without_chinese_is_not_used(configured: str) -> None:
    assert find_cjk_font(configured) is None
    with pytest.raises(FontMissing) as caught:
        require_font(configured)
    assert "fonts-noto-cjk" in str(caught.value)


def test_configured_cjk_font_is_used(font: str) -> None:
    assert find_cjk_font(font) == font
    assert require_font(font) == font


def test_unreadable_font_has_no_characters() -> None:
    assert charmap(MISSING) == frozenset()
    assert not covers(MISSING, "")
    assert covers(LATIN_ONLY, "Score 100")
    assert not covers(LATIN_ONLY, PROBE)


def test_missing_font_is_warned_about_once_with_the_hint(
        caplog: pytest.LogCaptureFixture, font: str) -> None:
    with caplog.at_level(logging.INFO, logger="bot.fonts"):
        assert warn_if_missing(MISSING) is None
        assert warn_if_missing() == font
    warnings_logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings_logged) == 1
    assert MISSING in warnings_logged[0] and "fonts-noto-cjk" in warnings_logged[0]


@pytest.mark.parametrize(("text", "kept"), [
    ("张三", "张三"),
    ("张三😀", "张三"),
    ("😀张😀三😀", "张三"),
    ("😀", "·"),
    ("😀 😀", "·"),
    ("", "·"),
    ("  王 五  ", "王 五"),
    ("$x$ <b>", "$x$ <b>"),
    ("李四\u2028", "李四"),
])
def test_drawable_drops_what_the_font_lacks(font: str, text: str, kept: str) -> None:
    assert ord("😀") not in charmap(font)
    assert drawable(text, font) == kept


def test_drawable_depends_on_the_font(font: str) -> None:
    assert drawable("张三 Li", font) == "张三 Li"
    assert drawable("张三 Li", LATIN_ONLY) == "Li"
    assert drawable("张三", LATIN_ONLY, fallback="?") == "?"
