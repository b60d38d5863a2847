"""/help, /lang, /privacy, keyboard labels, unknown commands and stale buttons."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import Ctx, answer, caller, edit_pressed, in_private, say
from bot.handlers.menu import help_text, main_keyboard, menu_labels
from bot.texts import LANGUAGES


async def show_help(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    keyboard = main_keyboard(s, lang, actor) if update.effective_chat and \
        update.effective_chat.type == "private" else None
    await say(update, help_text(s, lang, actor), keyboard=keyboard)


async def choose_language(update: Update, context: Ctx) -> None:
    s, _, lang = await caller(update, context)
    await say(update, s.texts.get(lang, "lang-choose"),
              [[("中文", "lang:zh-CN"), ("English", "lang:en")]])


async def set_language(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):  # the language is chosen in private only
        return
    chosen = query.data.removeprefix("lang:")
    if chosen not in LANGUAGES:
        await answer(update, s.texts.get(None, "button-stale"))
        return
    await s.members.set_language(actor.tg_user_id, chosen)
    await answer(update)
    await edit_pressed(update, s.texts.get(chosen, "lang-set"))
    await say(update, s.texts.get(chosen, "lang-keyboard"),
              keyboard=main_keyboard(s, chosen, actor))


async def privacy(update: Update, context: Ctx) -> None:
    s, _, lang = await caller(update, context)
    await say(update, s.texts.get(lang, "privacy-notice", branch=s.config.branch.name,
                                  years=round(s.config.privacy.keep_closed_days / 365, 1),
                                  days=s.config.privacy.keep_messages_days))


async def menu_button(update: Update, context: Ctx) -> None:
    """A tap on the persistent keyboard: run the command it stands for."""
    s, _, _ = await caller(update, context)
    message = update.effective_message
    command = menu_labels(s).get(message.text or "") if message else None
    handler = MENU_ACTIONS.get(command or "")
    if handler is not None:
        await handler(update, context)


async def unknown_command(update: Update, context: Ctx) -> None:
    s, _, lang = await caller(update, context)
    await say(update, s.texts.get(lang, "unknown-command"))


async def stale_button(update: Update, context: Ctx) -> None:
    s, _, lang = await caller(update, context)
    await answer(update, s.texts.get(lang, "button-stale"))


MENU_ACTIONS = {"help": show_help, "lang": choose_language}
