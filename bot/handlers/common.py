"""Small helpers every handler uses: services, the caller, replying in their language."""

from __future__ import annotations

from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.limits import as_id, split_text
from bot.roles import Actor
from bot.services import Services

Ctx = ContextTypes.DEFAULT_TYPE
Buttons = list[list[tuple[str, str]]]


def services(context: Ctx) -> Services:
    return context.application.bot_data["services"]


async def caller(update: Update, context: Ctx) -> tuple[Services, Actor, str]:
    """Services, the caller as stored right now, and their language."""
    s = services(context)
    user = update.effective_user
    assert user is not None
    return s, await s.members.actor(user.id), await s.language(user.id)


def inline(rows: Buttons) -> InlineKeyboardMarkup:
    def button(text: str, target: str) -> InlineKeyboardButton:
        if target.startswith(("https://", "http://", "tg://")):
            return InlineKeyboardButton(text, url=target)
        return InlineKeyboardButton(text, callback_data=target)

    return InlineKeyboardMarkup([[button(t, d) for t, d in row] for row in rows])


async def say(update: Update, text: str, buttons: Buttons | None = None,
              keyboard: ReplyKeyboardMarkup | None = None) -> Message | None:
    """Reply in the chat the update came from; long text is split, buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return None
    parts = split_text(text)
    sent = None
    for index, part in enumerate(parts):
        markup: Any = None
        if index == len(parts) - 1:
            markup = inline(buttons) if buttons else keyboard
        sent = await chat.send_message(part, parse_mode=ParseMode.HTML, reply_markup=markup)
    return sent


def pressed_id(update: Update) -> int | None:
    """The id of the message whose button was pressed."""
    query = update.callback_query
    return None if query is None or query.message is None else query.message.message_id


async def answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (always: the client shows a spinner until we do)."""
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=alert)


async def edit_pressed(update: Update, text: str, buttons: Buttons | None = None) -> None:
    """Replace the message whose button was pressed (the result of the press)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    await query.edit_message_text(text, parse_mode=ParseMode.HTML,
                                  reply_markup=inline(buttons) if buttons else None)


async def in_private(update: Update, s: Services, lang: str) -> bool:
    """True in a private chat; a press in a group (the diary's buttons only ever come
    privately, so it is forged) is answered and goes no further."""
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        return True
    await answer(update, s.texts.get(lang, "private-only"), alert=True)
    return False


def link_number(update: Update, prefix: str) -> int | None:
    """The N of a tapped link command like /card_N (or /card_N@bot), or None."""
    message = update.effective_message
    text = (message.text or "") if message else ""
    return as_id(text.split("@")[0].removeprefix(f"/{prefix}_"))


def deep_link(bot_username: str, payload: str = "") -> str:
    suffix = f"?start={payload}" if payload else ""
    return f"https://t.me/{bot_username}{suffix}"
