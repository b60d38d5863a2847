"""The real PTB Application, polling the stand-in over loopback HTTP."""

from __future__ import annotations

import asyncio
import struct
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.stub import BotApiStub

Ctx = ContextTypes.DEFAULT_TYPE
AppFactory = Callable[..., Awaitable[Any]]


def png(width: int, height: int) -> bytes:
    """A tiny valid PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff" * (width * 3) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
async def make_app(stub: BotApiStub) -> AsyncIterator[AppFactory]:
    """Build, start and (always) stop a polling Application against the stub."""
    running: list[Any] = []

    async def factory(*handlers: Any, rate_limiter: bool = False) -> Any:
        builder: Any = (
            ApplicationBuilder()
            .token(stub.token)
            .base_url(stub.base_url)
            .base_file_url(stub.base_file_url)
        )
        if rate_limiter:
            builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
        app = builder.build()
        for handler in handlers:
            app.add_handler(handler)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        running.append(app)
        return app

    yield factory
    for app in running:
        assert app.updater is not None
        await asyncio.wait_for(app.updater.stop(), 5)
        await asyncio.wait_for(app.stop(), 5)
        await asyncio.wait_for(app.shutdown(), 5)


async def echo(update: Update, context: Ctx) -> None:
    assert update.effective_message and update.effective_message.text
    await update.effective_message.reply_text(f"你说：{update.effective_message.text}")


async def start(update: Update, context: Ctx) -> None:
    assert update.effective_message
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("一班", callback_data="team:1"),
          InlineKeyboardButton("二班", callback_data="team:2")]]
    )
    await update.effective_message.reply_text(
        "欢迎使用职工小家，请选择班组：", reply_markup=keyboard
    )


async def choose(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query and query.data
    await query.answer(f"已加入 {query.data}", show_alert=True)
    await query.edit_message_text(f"<b>已选择</b> {query.data}", parse_mode="HTML")


async def test_echo_and_button_conversation(stub: BotApiStub, make_app: AppFactory) -> None:
    await make_app(
        CommandHandler("start", start),
        MessageHandler(filters.TEXT & ~filters.COMMAND, echo),
        CallbackQueryHandler(choose),
    )
    alice = stub.user(1001, "王小明")
    await alice.send("你好")
    reply = await alice.next_message()
    assert reply.text == "你说：你好"
    assert reply.reply_to_message_id is None  # PTB quotes only in groups by default

    await alice.command("/start", "join_A1B2")
    menu = await alice.next_message()
    assert menu.button_texts() == ["一班", "二班"]
    answer = await alice.press(menu, "一班")
    assert (answer.text, answer.show_alert) == ("已加入 team:1", True)
    await stub.wait_idle(quiet=0.2, timeout=5)
    assert menu.text == "已选择 team:1" and menu.edits == 1 and menu.buttons == []
    assert menu.parse_mode == "HTML"
    await alice.no_message(within=0.2)
    transcript = alice.transcript()
    assert "👤 王小明: /start join_A1B2" in transcript
    assert "[一班] [二班]" in transcript and "👤 王小明 pressed [一班]" in transcript


async def test_forged_callback_data_is_delivered(stub: BotApiStub, make_app: AppFactory) -> None:
    await make_app(CommandHandler("start", start), CallbackQueryHandler(choose))
    alice = stub.user(1001, "王小明")
    await alice.command("/start")
    menu = await alice.next_message()
    answer = await alice.press(menu, data="raw:forged")
    assert answer.text == "已加入 raw:forged"


async def test_bot_downloads_user_photo(stub: BotApiStub, make_app: AppFactory) -> None:
    received: list[bytes] = []

    async def on_photo(update: Update, context: Ctx) -> None:
        assert update.effective_message and update.effective_message.photo
        size = update.effective_message.photo[-1]
        assert (size.width, size.height) == (7, 5)
        received.append(bytes(await (await size.get_file()).download_as_bytearray()))
        await update.effective_message.reply_text("收到照片")

    await make_app(MessageHandler(filters.PHOTO, on_photo))
    alice = stub.user(1001, "王小明")
    image = png(7, 5)
    await alice.send_photo(image, caption="工作照")
    assert (await alice.next_message()).text == "收到照片"
    assert received == [image]


async def test_bot_uploads_photo_document_and_album(
    stub: BotApiStub, make_app: AppFactory
) -> None:
    image, sheet = png(3, 3), b"PK\x03\x04 fake xlsx"

    async def send_files(update: Update, context: Ctx) -> None:
        chat = update.effective_chat
        assert chat
        photo = await context.bot.send_photo(chat.id, image, caption="班组合影")
        await context.bot.send_document(chat.id, sheet, filename="scores.xlsx")
        await context.bot.send_media_group(
            chat.id, [InputMediaPhoto(image), InputMediaPhoto(photo.photo[-1].file_id)]
        )

    await make_app(CommandHandler("files", send_files))
    alice = stub.user(1001, "王小明")
    await alice.command("/files")
    photo = await alice.next_message()
    assert (photo.photo, photo.caption) == (image, "班组合影")
    doc = await alice.next_message()
    assert (doc.document, doc.filename) == (sheet, "scores.xlsx")
    first, second = await alice.next_message(), await alice.next_message()
    assert first.photo == image and second.photo == image
    assert first.data["media_group_id"] == second.data["media_group_id"]


async def test_rate_limiter_retries_injected_429(stub: BotApiStub, make_app: AppFactory) -> None:
    app = await make_app(MessageHandler(filters.TEXT, echo), rate_limiter=True)
    alice = stub.user(1001, "王小明")
    await alice.send("hi")
    stub.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    assert (await alice.next_message(timeout=8)).text == "你说：hi"
    sends = [r for r in stub.requests if r.method == "sendMessage"]
    assert len(sends) == 2 and sends[1].at - sends[0].at >= 0.9
    assert app.bot.rate_limiter is not None


async def test_group_commands_and_kick(stub: BotApiStub, make_app: AppFactory) -> None:
    seen: list[str] = []

    async def setchat(update: Update, context: Ctx) -> None:
        seen.append(" ".join(context.args or []))
        assert update.effective_message
        await update.effective_message.reply_text("已绑定")

    await make_app(CommandHandler("setchat", setchat))
    alice = stub.user(1001, "王小明")
    group = stub.group(-1001234567890, "综采一班")
    await group.add_bot(by=alice)
    await alice.send_to(group, "大家好")  # privacy mode: not delivered
    await alice.send_to(group, "/setchat@xiaojia_bot team A1")
    assert (await group.next_message()).text == "已绑定"
    assert seen == ["team A1"]
    await group.remove_bot(by=alice)
    await stub.wait_idle(quiet=0.2, timeout=5)
    assert "👤 王小明 @ 综采一班: 大家好" in group.transcript()


async def test_polling_stops_promptly(stub: BotApiStub) -> None:
    app = (
        ApplicationBuilder().token(stub.token).base_url(stub.base_url)
        .base_file_url(stub.base_file_url).build()
    )
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=10)
    await asyncio.sleep(0.3)  # a 10 s long poll is now pending in the stub
    began = time.monotonic()
    await asyncio.wait_for(app.updater.stop(), 5)
    await asyncio.wait_for(app.stop(), 5)
    await asyncio.wait_for(app.shutdown(), 5)
    assert time.monotonic() - began < 2
