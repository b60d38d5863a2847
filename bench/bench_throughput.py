"""Updates per second and latency: the bot against a bare PTB bot, same users, same HTTP.

Both run in this process against their own Bot API stand-in (its flood limits are off
by default: this measures handling, not Telegram's limits), polling as bot/app.py
`running()` does. Each simulated user acts in a closed loop: one update, wait for the
reply, the next. An update's latency runs from its being queued in the stand-in to the
reply the user waits for arriving there (a new message, or the pressed message edited,
and the callback answer). Updates/s: steps ending inside the measuring window.

- baseline: a bare `telegram.ext.Application`; its users alternate a message (answered
  with one button) and a press of that button (answered); each inserts one row with
  aiosqlite (WAL, synchronous=FULL, as bot/storage/db.py).
- bot: bench/throughput_bot.py. Headline run with the bot's own budget of Telegram's 30
  messages/s (bot/ratelimit.py) lifted; a shorter run as shipped shows it.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
from report import Figure
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from throughput_bot import TOKEN, the_bot
from throughput_users import Driver, Recorder

from bot.stub import BotApiStub

BENCH = "throughput"


def sizes(quick: bool) -> tuple[int, float, float, float]:
    """(users, warm-up s, measured s, measured s of the as-shipped run)."""
    return (5, 1.0, 4.0, 2.0) if quick else (20, 3.0, 20.0, 8.0)


async def baseline(users: int, warm: float, measured: float, folder: Path) -> Recorder:
    db = await aiosqlite.connect(folder / "baseline.sqlite3", isolation_level=None)
    await db.execute("PRAGMA journal_mode=WAL")
    await db.execute("PRAGMA synchronous=FULL")
    await db.execute("CREATE TABLE seen (update_id INTEGER PRIMARY KEY, chat_id INTEGER,"
                     " text TEXT, at TEXT)")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("好", callback_data="ok")]])

    async def insert(update: Update, text: str) -> None:
        chat = update.effective_chat
        await db.execute("INSERT INTO seen VALUES (?, ?, ?, ?)", (
            update.update_id, chat.id if chat else None, text, datetime.now(UTC).isoformat()))

    async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await insert(update, update.message.text or "")
        await update.message.reply_text("收到", reply_markup=keyboard)

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await insert(update, update.callback_query.data or "")
        await update.callback_query.answer("好的")

    async def user(driver: Driver) -> None:
        n = 0
        while rec.running():
            await driver.send(f"第 {n} 条消息", "好")
            if rec.running():
                assert driver.last is not None
                await driver.answered(driver.last, "好")
            n += 1

    try:
        async with BotApiStub(token=TOKEN) as stub:
            app = (ApplicationBuilder().token(stub.token).base_url(stub.base_url)
                   .base_file_url(stub.base_file_url).build())
            app.add_handler(MessageHandler(filters.ALL, on_message))
            app.add_handler(CallbackQueryHandler(on_press))
            async with app:
                await app.start()
                assert app.updater is not None
                await app.updater.start_polling(poll_interval=0.0, timeout=1,
                                                allowed_updates=Update.ALL_TYPES,
                                                drop_pending_updates=False)
                now = time.monotonic()
                rec = Recorder(now + warm, now + warm + measured)
                async with asyncio.TaskGroup() as group:
                    for i in range(users):
                        group.create_task(user(Driver(stub, stub.user(1000 + i, f"职工{i}"),
                                                      rec)))
                rec.count_calls(stub)
                await app.updater.stop()
                await app.stop()
    finally:
        await db.close()
    return rec


def latency(label: str, rec: Recorder) -> list[Figure]:
    return [Figure(BENCH, f"{label} p50 latency", rec.percentile_ms(50), "ms"),
            Figure(BENCH, f"{label} p99 latency", rec.percentile_ms(99), "ms")]


async def measure(quick: bool) -> list[Figure]:
    users, warm, measured, shipped_s = sizes(quick)
    with tempfile.TemporaryDirectory() as folder:
        base = await baseline(users, warm, measured, Path(folder))
        bot = await the_bot(users, warm, measured, Path(folder) / "lifted")
        shipped = await the_bot(users, warm, shipped_s, Path(folder) / "shipped", lifted=False)
    ratio = bot.per_second / base.per_second
    loop = (f"{users} users in a closed loop, {measured:.0f} s after {warm:.0f} s warm-up; "
            "the stand-in and the users share this process with the bot")
    return [
        Figure(BENCH, "bot / baseline updates/s", ratio, "×", "≥ 0.8", ratio >= 0.8,
               note=f"{loop}; the bot's overall 30 requests/s limit lifted (see 'as shipped')"),
        Figure(BENCH, "baseline updates/s", base.per_second, "updates/s",
               note=f"bare PTB: message → reply with a button, press → answer; one aiosqlite "
                    f"insert each (WAL, synchronous=FULL); {base.calls_shown()}; {loop}"),
        *latency("baseline", base),
        Figure(BENCH, "bot updates/s", bot.per_second, "updates/s",
               note=f"card, hazard and study steps; officers accepting cards; "
                    f"{bot.calls_shown()}; {loop}"),
        *latency("bot", bot),
        Figure(BENCH, "bot as shipped updates/s", shipped.per_second, "updates/s",
               note=f"the shared budget of 30 messages/s (Telegram's limit) on: nearly "
                    f"every update sends a message, so this is the ceiling; {shipped_s:.0f} s"),
    ]
