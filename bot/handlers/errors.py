"""The one global error handler: log without secrets or identities, tell the user in
their language, and leave a short notice for the admins."""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.error import TelegramError

from bot.handlers.common import Ctx, services

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: Ctx) -> None:
    ref = secrets.token_hex(3)
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    # Only the exception and the update id: never the user, chat or message text,
    # which could identify an anonymous submitter.
    log.error("error %s in update %s: %s", ref, update_id, type(error).__name__,
              exc_info=error if not isinstance(error, TelegramError) else None)
    try:
        s = services(context)
    except KeyError:
        return
    if isinstance(update, Update) and update.effective_user and update.effective_chat:
        lang = await s.language(update.effective_user.id)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(s.texts.get(lang, "error-user", ref=ref),
                                                   show_alert=True)
            else:
                await update.effective_chat.send_message(s.texts.get(lang, "error-user",
                                                                     ref=ref))
        except TelegramError:
            pass
    try:
        for admin in sorted(set(s.config.admins.user_ids)):
            lang = await s.language(admin)
            await s.mail.send(admin, s.texts.get(lang, "error-admin", ref=ref,
                                                 kind=type(error).__name__))
    except Exception as exc:  # the notice must never raise out of the error handler
        log.error("error %s: admin notice failed: %s", ref, type(exc).__name__)
