"""The CJK font that images (score boards, charts) are drawn with, found at run time.

No font is bundled: Debian's fonts-noto-cjk or fonts-wqy-microhei provide one, or
`charts.font_file` names a file. Without one the bot still runs, warns once at start
with the install hint, and refuses to draw images rather than draw boxes (tofu).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

INSTALL_HINT = ("install a CJK font: apt-get install fonts-noto-cjk (or fonts-wqy-microhei), "
                "or set charts.font_file in the config")
# Characters every image needs; a font that lacks any of them is not used.
PROBE = "职工小家成绩公布牌名次姓名平均分第页班组学习"
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
_HINTS = ("cjk", "wqy", "han", "droid", "noto", "hei", "song", "ming", "kai", "uming")


class FontMissing(Exception):
    """No font with Chinese glyphs: images cannot be drawn."""

    def __init__(self) -> None:
        super().__init__(f"no CJK font found; {INSTALL_HINT}")


@lru_cache(maxsize=32)
def charmap(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for (empty if it cannot be read). Read
    with fontTools, not matplotlib: the bot's own process never draws (the drawing
    workers do, bot/charts/drawing.py) and need not hold matplotlib (~30 MB)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError, KeyError, ValueError):
        return frozenset()


def covers(path: str, text: str = PROBE) -> bool:
    points = charmap(path)
    return bool(points) and all(ord(ch) in points for ch in text)


@lru_cache(maxsize=4)
def find_cjk_font(configured: str = "") -> str | None:
    """The configured font if it has Chinese glyphs, else a known system font, else
    any installed font that has them; None if there is none."""
    if configured:
        return configured if covers(configured) else None
    for path in KNOWN_FILES:
        if Path(path).exists() and covers(path):
            return path
    from matplotlib import font_manager

    found = sorted(font_manager.findSystemFonts(), key=lambda p: not any(
        hint in Path(p).name.lower() for hint in _HINTS))
    return next((p for p in found if covers(p)), None)


def require_font(configured: str = "") -> str:
    path = find_cjk_font(configured)
    if path is None:
        raise FontMissing()
    return path


def warn_if_missing(configured: str = "") -> str | None:
    """At start: say once, clearly, when images cannot be drawn."""
    path = find_cjk_font(configured)
    if path is None:
        where = f" ({configured} has no Chinese glyphs)" if configured else ""
        log.warning("no CJK font%s: score boards and charts are off; %s", where, INSTALL_HINT)
    else:
        log.info("CJK font: %s", path)
    return path


def drawable(text: str, path: str, fallback: str = "·") -> str:
    """`text` without the characters the font cannot draw (emoji in a name, say)."""
    points = charmap(path)
    kept = "".join(ch for ch in text if ord(ch) in points or ch == " ")
    return kept.strip() or fallback
