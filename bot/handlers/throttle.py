"""The first handler of all (group -1): a user flooding the bot is dropped before any
other handler runs, and told once a minute, so everyone else keeps getting answers."""

from __future__ import annotations

import time

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.handlers.common import Ctx, answer, services
from bot.throttle import Throttle


def throttle_of(context: Ctx) -> Throttle:
    found = context.application.bot_data.get("throttle")
    if found is None:
        cfg = services(context).config.flood
        found = context.application.bot_data["throttle"] = Throttle(
            cfg.max_updates, cfg.per_seconds, cfg.notice_seconds)
    return found


async def guard(update: Update, context: Ctx) -> None:
    user = update.effective_user
    if user is None or user.is_bot:
        return
    throttle = throttle_of(context)
    if await throttle.allow(user.id):
        return
    if throttle.notice_due(user.id, time.monotonic()):
        s = services(context)
        text = s.texts.get(await s.language(user.id), "flood-notice")
        chat = update.effective_chat
        if update.callback_query is not None:
            await answer(update, text, alert=True)
        elif chat is not None and chat.type == "private":
            await chat.send_message(text)
    elif update.callback_query is not None:
        await answer(update)  # no spinner left turning, and nothing else
    raise ApplicationHandlerStop
