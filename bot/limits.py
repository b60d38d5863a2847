"""Telegram's size limits, and splitting long text to fit them."""

from __future__ import annotations

MESSAGE_MAX = 4096
CAPTION_MAX = 1024
CALLBACK_DATA_MAX = 64


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _fitting(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 code units."""
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = MESSAGE_MAX) -> list[str]:
    """Split at line ends where possible, never inside an HTML tag or entity we wrote;
    each part within `limit` as Telegram counts (UTF-16 code units)."""
    if utf16_len(text) <= limit:
        return [text]
    parts: list[str] = []
    rest = text
    while _fitting(rest, limit) < len(rest):
        room = _fitting(rest, limit)
        cut = rest.rfind("\n", 0, room)
        if cut <= room // 2:
            cut = _safe_cut(rest, room)
        parts.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    if rest:
        parts.append(rest)
    return parts


def _safe_cut(text: str, limit: int) -> int:
    """A cut point at or before `limit` that is not inside `<...>` or `&...;`."""
    cut = limit
    open_tag, close_tag = text.rfind("<", 0, cut), text.rfind(">", 0, cut)
    if open_tag > close_tag:
        cut = open_tag
    amp = text.rfind("&", 0, cut)
    if amp != -1 and ";" not in text[amp:cut] and cut - amp < 10:
        cut = amp
    return max(cut, 1)


def fits_callback(data: str) -> bool:
    return 0 < len(data.encode("utf-8")) <= CALLBACK_DATA_MAX


def as_id(text: str, signed: bool = False) -> int | None:
    """A number typed or carried in button data, or None: plain ASCII digits only (not
    '²' or full-width), small enough for SQLite; `signed` allows a leading '-' (chats)."""
    body = text[1:] if signed and text.startswith("-") else text
    if not body or not body.isascii() or not body.isdecimal() or len(body) > 15:
        return None
    return int(text)
