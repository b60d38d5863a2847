"""The four charts (cards, hazards, study, visits): each a phone-wide palette PNG under
100 KB in the CJK font, with no missing glyph (emoji and rare characters left out, never
a box), a placeholder when there is nothing to show, at most 25 bars with the rest
counted, and tick labels that do not run into each other."""

from __future__ import annotations

import io
import itertools
import logging
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

import bot.charts.figures as figures
from bot.card_figures import CardFigures
from bot.charts import Quota, cards_chart, hazards_chart, study_chart, visits_chart
from bot.config_items import DEFAULT_HAZARD_CATEGORIES
from bot.fonts import charmap, find_cjk_font
from bot.hazard_figures import HazardFigures
from bot.texts import Texts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PNG = 100_000
PHONE_WIDTH = 1080
MIN_GAP_PX = 2.0  # tick labels closer than this read as one word
TEXTS = Texts("zh-CN")
# Emoji, a CJK Extension B character and a private-use one: none is in the font.
TRICKY = ("张三😀", "王𠮷五", "李四🎉🎉", "😀", "赵\ue000六")


@pytest.fixture(scope="module")
def font() -> str:
    found = find_cjk_font()
    if found is None:
        pytest.skip("no CJK font installed")
    return found


def words_in(lang: str) -> Callable[..., str]:
    def words(key: str, **args: object) -> str:
        return TEXTS.get(lang, key, **args)
    return words


WORDS = words_in("zh-CN")


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """Every figure a chart hands to `to_png`, drawn (so text extents can be measured)."""
    found: list[Figure] = []
    original = figures.to_png

    def spy(fig: Any) -> bytes:
        found.append(fig)
        return original(fig)

    monkeypatch.setattr(figures, "to_png", spy)
    return found


@contextmanager
def quietly(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails on any missing-glyph warning, or any warning logged, while drawing."""
    with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "glyph" in m.lower() or "missing" in m.lower()], messages
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not logged, logged


def check_png(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert len(data) <= MAX_PNG, len(data)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.mode == "P"  # a palette image: small on a weak signal
    assert image.width == PHONE_WIDTH
    return image.size


def texts_of(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def tick_boxes(fig: Figure, ax_index: int, axis: str) -> list[Bbox]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = fig.axes[ax_index]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [label.get_window_extent(renderer) for label in labels
            if label.get_visible() and label.get_text()]


def gaps(boxes: list[Bbox], axis: str) -> list[float]:
    """The space between neighbouring labels along the axis (negative: they overlap)."""
    if axis == "x":
        ordered = sorted(boxes, key=lambda b: b.x0)
        return [b.x0 - a.x1 for a, b in itertools.pairwise(ordered)]
    ordered = sorted(boxes, key=lambda b: b.y0)
    return [b.y0 - a.y1 for a, b in itertools.pairwise(ordered)]


def month_figures(count: int) -> list[CardFigures]:
    return [CardFigures(raised=10 + n, replied_on_time=7 + n % 3, replied_late=1,
                        overdue_open=n % 2, implemented=6) for n in range(count)]


RATINGS = CardFigures(satisfied=9, basic=3, unsatisfied=1)


def hazards_by(names: list[str]) -> dict[str, HazardFigures]:
    return {name: HazardFigures(found=3 + n % 4, rectified_on_time=1, rectified_late=n % 2,
                                overdue_open=n % 3) for n, name in enumerate(names)}


SEVERITIES = {"一般": HazardFigures(found=6, rectified_on_time=4),
              "较大": HazardFigures(found=2, overdue_open=1),
              "重大": HazardFigures(found=1)}


def draw_cards(font: str) -> bytes:
    return cards_chart(WORDS, font, ["9月", "10月", "11月"], month_figures(3), RATINGS)


def draw_hazards(font: str) -> bytes:
    return hazards_chart(WORDS, font, hazards_by(["通风", "机电😀", "顶板"]), SEVERITIES)


def draw_notes(font: str) -> bytes:
    return study_chart(WORDS, font, [(name, n) for n, name in enumerate(TRICKY)], 4, [])


def draw_participation(font: str) -> bytes:
    return study_chart(WORDS, font, [], 4, [("一班", 66.7), ("二班🎉", 100.0), ("𠮷班", 0.0)])


def draw_visits(font: str) -> bytes:
    return visits_chart(WORDS, font, [Quota(name, n, n % 3, 3, 2)
                                      for n, name in enumerate(TRICKY)])


CHARTS = {"cards": draw_cards, "hazards": draw_hazards, "notes": draw_notes,
          "participation": draw_participation, "visits": draw_visits}


# ---------------------------------------------------------------- every chart

@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_is_a_small_phone_wide_png(name: str, font: str,
                                              caplog: pytest.LogCaptureFixture) -> None:
    with quietly(caplog):
        data = CHARTS[name](font)
    _, height = check_png(data)
    assert 300 <= height <= 2400


@pytest.mark.parametrize("name", list(CHARTS))
def test_what_the_font_lacks_is_left_out(name: str, font: str, drawn: list[Figure]) -> None:
    points = charmap(font)
    CHARTS[name](font)
    (fig,) = drawn
    texts = texts_of(fig)
    assert texts
    missing = {ch for text in texts for ch in text if ord(ch) not in points and ch != " "}
    assert not missing, missing


def test_names_kept_without_their_emoji(font: str, drawn: list[Figure]) -> None:
    draw_notes(font)
    draw_visits(font)
    for fig in drawn:
        labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
        assert labels == ["张三", "王五", "李四", "-", "赵六"]


def test_the_warning_check_would_catch_a_box(font: str,
                                             caplog: pytest.LogCaptureFixture) -> None:
    """Drawn without the charts' cleaning, an emoji warns: the check above is real."""
    from matplotlib.font_manager import FontProperties

    fig = Figure()
    fig.add_axes((0, 0, 1, 1)).text(0.5, 0.5, "张三😀", fontproperties=FontProperties(fname=font))
    with pytest.raises(AssertionError, match=r"(?i)glyph"), quietly(caplog):
        fig.savefig(io.BytesIO(), format="png")


def test_cards_chart_shows_months_series_and_ratings(font: str, drawn: list[Figure]) -> None:
    cards_chart(WORDS, font, ["10月", "11月"],
                [CardFigures(raised=12, replied_on_time=11, implemented=9),
                 CardFigures(raised=5, replied_late=2, overdue_open=1)], RATINGS)
    (fig,) = drawn
    top, bottom = fig.axes[0], fig.axes[1]
    assert [t.get_text() for t in top.get_xticklabels()] == ["10月", "11月"]
    texts = texts_of(fig)
    for key in ("chart-cards-title", "chart-raised", "chart-on-time", "chart-late",
                "chart-overdue", "chart-implemented", "chart-satisfaction-title"):
        assert WORDS(key) in texts, key
    assert {"满意 9", "基本满意 3", "不满意 1"} <= set(texts)
    assert {"69%", "23%", "8%"} <= set(texts)  # 9, 3 and 1 of 13
    assert {"12", "11", "9", "5", "2", "1"} <= set(texts)  # the values on the bars
    assert bottom.get_xlim() == (0.0, 13.0)


def test_hazards_chart_by_category_and_severity(font: str, drawn: list[Figure]) -> None:
    hazards_chart(WORDS, font, hazards_by(["机电", "通风"]), SEVERITIES)
    (fig,) = drawn
    top, bottom = fig.axes[0], fig.axes[1]
    assert [t.get_text() for t in top.get_xticklabels()] == ["机电", "通风"]
    assert [t.get_text() for t in bottom.get_xticklabels()] == ["一般", "较大", "重大"]
    assert WORDS("chart-hazards-title") in texts_of(fig)
    assert WORDS("chart-severity-title") in texts_of(fig)


def test_notes_chart_marks_the_target(font: str, drawn: list[Figure]) -> None:
    study_chart(WORDS, font, [("孙六", 0), ("李干事", 1), ("张三", 4)], 4, [])
    (fig,) = drawn
    texts = texts_of(fig)
    assert "目标 4 篇" in texts and WORDS("chart-notes-title") in texts
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["孙六", "李干事", "张三"]
    # Below the target in red, at it in green.
    colours = [patch.get_facecolor()[:3] for patch in ax.patches]
    assert colours[0] == colours[1] != colours[2]


def test_participation_chart_in_percent(font: str, drawn: list[Figure]) -> None:
    study_chart(WORDS, font, [("张三", 4)], 4, [("一班", 66.7), ("二班", 100.0)])
    (fig,) = drawn
    texts = texts_of(fig)
    assert WORDS("chart-participation-title") in texts
    assert {"66.7%", "100%"} <= set(texts)
    assert "张三" not in texts  # the branch's chart is of teams, not of people


# ---------------------------------------------------------------- nothing to show

EMPTY: dict[str, Callable[[str], bytes]] = {
    "cards": lambda font: cards_chart(WORDS, font, ["11月"], [CardFigures()], CardFigures()),
    "cards-no-months": lambda font: cards_chart(WORDS, font, [], [], CardFigures()),
    "hazards": lambda font: hazards_chart(WORDS, font, {}, {}),
    "study": lambda font: study_chart(WORDS, font, [], 4, []),
    "visits": lambda font: visits_chart(WORDS, font, []),
}


@pytest.mark.parametrize("name", list(EMPTY))
def test_empty_data_draws_the_placeholder(name: str, font: str, drawn: list[Figure],
                                          caplog: pytest.LogCaptureFixture) -> None:
    with quietly(caplog):
        data = EMPTY[name](font)
    check_png(data)
    (fig,) = drawn
    texts = texts_of(fig)
    assert "这段时间没有数据" in texts
    if name.startswith("cards"):
        assert "还没有评价" in texts


def test_cards_with_ratings_only_still_draws(font: str, drawn: list[Figure]) -> None:
    check_png(cards_chart(WORDS, font, ["11月"], [CardFigures()], RATINGS))
    texts = texts_of(drawn[0])
    assert "这段时间没有数据" in texts and "还没有评价" not in texts


# ---------------------------------------------------------------- many bars

def test_more_than_25_workers_capped_with_the_rest_counted(
        font: str, drawn: list[Figure], caplog: pytest.LogCaptureFixture) -> None:
    workers = [(f"职工{n:02d}😀", n % 6) for n in range(40)]
    with quietly(caplog):
        check_png(study_chart(WORDS, font, workers, 4, []))
    (fig,) = drawn
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"职工{n:02d}" for n in range(25)]
    assert ax.get_xlabel() == "另有 15 项未列出"


def test_more_than_25_teams_capped_with_the_rest_counted(font: str,
                                                        drawn: list[Figure]) -> None:
    teams = [(f"第{n}班组", float(n)) for n in range(30)]
    check_png(study_chart(WORDS, font, [], 4, teams))
    ax = drawn[0].axes[0]
    assert len(ax.get_yticklabels()) == 25
    assert ax.get_xlabel() == "另有 5 项未列出"


def test_exactly_25_workers_no_more_label(font: str, drawn: list[Figure]) -> None:
    study_chart(WORDS, font, [(f"职工{n}", 1) for n in range(25)], 4, [])
    ax = drawn[0].axes[0]
    assert len(ax.get_yticklabels()) == 25
    assert "另有" not in ax.get_xlabel()


def test_more_than_25_officers_renders_capped(font: str, drawn: list[Figure],
                                              caplog: pytest.LogCaptureFixture) -> None:
    officers = [Quota(f"委员{n:02d}🎉", n % 6, n % 4, 3, 2) for n in range(40)]
    with quietly(caplog):
        check_png(visits_chart(WORDS, font, officers))
    ax = drawn[0].axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"委员{n:02d}" for n in range(25)]


def test_more_than_25_officers_says_how_many_more(font: str, drawn: list[Figure]) -> None:
    visits_chart(WORDS, font, [Quota(f"委员{n:02d}", 1, 1, 3, 2) for n in range(40)])
    assert "另有 15 项未列出" in texts_of(drawn[0])


# ---------------------------------------------------------------- readable labels

def test_twelve_months_labels_apart_and_inside(font: str, drawn: list[Figure]) -> None:
    months = [f"{m}月" for m in range(1, 13)]
    check_png(cards_chart(WORDS, font, months, month_figures(12), RATINGS))
    fig = drawn[0]
    boxes = tick_boxes(fig, 0, "x")
    assert len(boxes) == 12
    assert min(gaps(boxes, "x")) >= MIN_GAP_PX
    assert all(0 <= b.x0 and b.x1 <= PHONE_WIDTH for b in boxes)
    assert not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])


def test_six_months_in_english_labels_apart(font: str, drawn: list[Figure]) -> None:
    months = [f"2026-{m:02d}" for m in range(6, 12)]
    cards_chart(words_in("en"), font, months, month_figures(6), RATINGS)
    assert min(gaps(tick_boxes(drawn[0], 0, "x"), "x")) >= MIN_GAP_PX


def test_twelve_months_in_english_labels_apart(font: str, drawn: list[Figure]) -> None:
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    cards_chart(words_in("en"), font, months, month_figures(12), RATINGS)
    assert min(gaps(tick_boxes(drawn[0], 0, "x"), "x")) >= MIN_GAP_PX


def test_every_default_hazard_category_labelled_apart(font: str, drawn: list[Figure]) -> None:
    hazards_chart(WORDS, font, hazards_by(list(DEFAULT_HAZARD_CATEGORIES)), SEVERITIES)
    fig = drawn[0]
    for ax_index in (0, 1):
        boxes = tick_boxes(fig, ax_index, "x")
        assert min(gaps(boxes, "x")) >= MIN_GAP_PX
        assert all(0 <= b.x0 and b.x1 <= PHONE_WIDTH for b in boxes)


@pytest.mark.parametrize("chart", ["study", "visits"])
def test_25_names_labelled_apart(chart: str, font: str, drawn: list[Figure]) -> None:
    names = [f"职工{n:02d}号" for n in range(25)]
    if chart == "study":
        study_chart(WORDS, font, [(name, n % 5) for n, name in enumerate(names)], 4, [])
    else:
        visits_chart(WORDS, font, [Quota(name, n % 5, n % 3, 3, 2)
                                   for n, name in enumerate(names)])
    boxes = tick_boxes(drawn[0], 0, "y")
    assert len(boxes) == 25
    assert min(gaps(boxes, "y")) >= MIN_GAP_PX
    assert all(0 <= b.x0 for b in boxes)


# ---------------------------------------------------------------- what a name may hold

def test_a_dollar_in_a_name_is_drawn_as_text(font: str) -> None:
    check_png(study_chart(WORDS, font, [("$x^$", 1), ("张三", 2)], 4, []))


def test_a_name_with_two_dollars_has_no_box(font: str,
                                            caplog: pytest.LogCaptureFixture) -> None:
    with quietly(caplog):
        visits_chart(WORDS, font, [Quota("张$三$", 1, 1, 3, 2)])


# ---------------------------------------------------------------- no pyplot

def test_charts_leave_pyplot_alone(font: str) -> None:
    code = ("import sys\n"
            "from bot.charts import visits_chart, Quota\n"
            "from bot.texts import Texts\n"
            "t = Texts('zh-CN')\n"
            f"visits_chart(lambda k, **a: t.get('zh-CN', k, **a), {font!r},"
            " [Quota('张三', 1, 1, 3, 2)])\n"
            "print('matplotlib.pyplot' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "False"
