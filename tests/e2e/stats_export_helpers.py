"""Shared steps for the /stats and /export tests (test_figures_stats_export.py): asking
for a period, reading the headline and the chart album that follow, fetching the
workbook and opening it back with openpyxl."""

from __future__ import annotations

import io
from typing import Any

from bot.stub import CallbackAnswer, Message, UserHandle
from tests.e2e.hazards_helpers import next_with

__all__ = ["PNG", "SHEETS", "Book", "ask_export", "ask_stats", "cells", "chart_album",
           "export_book", "open_book", "rows_of", "stats_reply"]

PNG = b"\x89PNG\r\n\x1a\n"
SHEETS = ["汇总", "信息卡", "隐患", "学习", "走访谈心", "厂务公开"]

# A workbook read back: each sheet's title with its rows of cell values.
Book = dict[str, list[list[Any]]]


async def ask_stats(user: UserHandle, period: str) -> CallbackAnswer:
    """/stats, then the period button (本月, 上月 or 今年); the bot's answer to the press."""
    await user.command("/stats")
    ask = await next_with(user, "看哪段时间")
    assert ask.button_texts() == ["本月", "上月", "今年"], ask.button_texts()
    return await user.press(ask, period)


async def stats_reply(user: UserHandle, period: str, needle: str) -> str:
    """The text /stats answers with for `period`: the next message containing `needle`
    (the heading, e.g. "综采一班 · 本月"; notices about cards etc. are skipped)."""
    await ask_stats(user, period)
    return (await next_with(user, needle)).text or ""


async def chart_album(user: UserHandle, count: int = 4) -> list[Message]:
    """The next `count` photos sent to `user` (text notices in between skipped)."""
    photos: list[Message] = []
    while len(photos) < count:
        message = await user.next_message()
        if message.photo is not None:
            photos.append(message)
    return photos


async def ask_export(user: UserHandle) -> Message:
    """/export: the bot's question with the month buttons."""
    await user.command("/export")
    return await next_with(user, "导出哪个月")


async def export_book(user: UserHandle, button: str) -> tuple[Message, Book]:
    """/export, press `button`; the document the bot sends and its workbook read back."""
    ask = await ask_export(user)
    pressed = await user.press(ask, button)
    assert pressed.text == "正在生成，请稍候……", pressed.text
    while True:
        message = await user.next_message(timeout=10)
        if message.document is not None:
            return message, open_book(message.document)


def open_book(data: bytes) -> Book:
    """An XLSX file's sheets, in order, as rows of values (empty cells as None)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def rows_of(book: Book, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows below its header, each as {header: value}."""
    header, *rows = book[sheet]
    return [dict(zip(header, row, strict=True)) for row in rows]


def cells(book: Book, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every non-empty cell as (sheet, text), except in the sheets named in `skip`."""
    return [(title, str(value)) for title, rows in book.items() if title not in skip
            for row in rows for value in row if value not in (None, "")]
