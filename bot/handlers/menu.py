"""What each role may call: the command list behind /help, the command menus
(setMyCommands per scope) and the persistent reply keyboard."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    ReplyKeyboardMarkup,
)
from telegram.error import TelegramError

from bot.roles import Actor
from bot.services import Services

log = logging.getLogger(__name__)

LEVELS = ("guest", "worker", "officer", "chair", "admin")


@dataclass(frozen=True)
class Command:
    name: str
    level: str  # the lowest role level that may use it


# In the order /help shows them. Each capability adds its own commands here.
COMMANDS: list[Command] = [
    Command("start", "guest"),
    Command("help", "guest"),
    Command("cancel", "guest"),
    Command("lang", "guest"),
    Command("privacy", "guest"),
    Command("delete_my_data", "worker"),
    Command("card", "worker"),
    Command("mycards", "worker"),
    Command("check", "worker"),
    Command("hazard", "worker"),
    Command("hazards", "worker"),
    Command("study", "worker"),
    Command("mystudy", "worker"),
    Command("stats", "worker"),
    Command("cards", "officer"),
    Command("exam", "officer"),
    Command("exams", "officer"),
    Command("visit", "officer"),
    Command("visits", "officer"),
    Command("disclose", "officer"),
    Command("disclosures", "officer"),
    Command("export", "officer"),
    Command("members", "officer"),
    Command("promote", "chair"),
    Command("demote", "chair"),
    Command("move", "chair"),
    Command("deactivate", "chair"),
    Command("reactivate", "chair"),
]
GROUP_COMMANDS = ("setchat", "help")

# The persistent keyboard: (text key, command it stands for, level), two per row.
MENU: list[tuple[str, str, str]] = [
    ("menu-card", "card", "worker"),
    ("menu-mycards", "mycards", "worker"),
    ("menu-hazard", "hazard", "worker"),
    ("menu-hazards", "hazards", "worker"),
    ("menu-study", "study", "worker"),
    ("menu-mystudy", "mystudy", "worker"),
    ("menu-cards", "cards", "officer"),
    ("menu-visit", "visit", "officer"),
    ("menu-disclose", "disclose", "officer"),
    ("menu-stats", "stats", "worker"),
    ("menu-help", "help", "guest"),
    ("menu-lang", "lang", "guest"),
]


def allowed(level: str, actor_level: str) -> bool:
    return LEVELS.index(actor_level) >= LEVELS.index(level)


def commands_for(actor_level: str) -> list[Command]:
    return [c for c in COMMANDS if allowed(c.level, actor_level)]


def help_text(s: Services, lang: str, actor: Actor) -> str:
    lines = [s.texts.get(lang, "help-title", role=s.texts.get(lang, f"role-{actor.role_level}"))]
    for command in commands_for(actor.role_level):
        lines.append(f"/{command.name} — {s.texts.get(lang, f'cmd-{command.name}')}")
    return "\n".join(lines)


def main_keyboard(s: Services, lang: str, actor: Actor) -> ReplyKeyboardMarkup:
    labels = [s.texts.get(lang, key) for key, _, level in MENU
              if allowed(level, actor.role_level)]
    rows = [labels[i:i + 2] for i in range(0, len(labels), 2)]
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def menu_labels(s: Services) -> dict[str, str]:
    """Every keyboard label in every language → the command it stands for."""
    return {s.texts.get(lang, key): command
            for key, command, _ in MENU for lang in ("zh-CN", "en")}


def _bot_commands(s: Services, lang: str, level: str) -> list[BotCommand]:
    return [BotCommand(c.name, s.texts.get(lang, f"cmd-{c.name}")[:256])
            for c in commands_for(level)]


async def publish_default_menus(bot: Bot, s: Services) -> None:
    """Command menus for everyone: private chats by language, and group chats."""
    default = s.config.branch.language
    try:
        for lang, code in ((default, None), ("en", "en"), ("zh-CN", "zh")):
            await bot.set_my_commands(_bot_commands(s, lang, "worker"),
                                      scope=BotCommandScopeAllPrivateChats(), language_code=code)
            group = [BotCommand(c, s.texts.get(lang, f"cmd-{c}")) for c in GROUP_COMMANDS]
            await bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats(),
                                      language_code=code)
    except TelegramError as exc:
        log.warning("could not publish command menus: %s", exc)


async def publish_menu_for(bot: Bot, s: Services, actor: Actor) -> None:
    """An officer, chair or admin gets their own menu in their private chat."""
    lang = await s.language(actor.tg_user_id)
    scope = BotCommandScopeChat(actor.tg_user_id)
    try:
        if actor.role_level in ("guest", "worker"):
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(_bot_commands(s, lang, actor.role_level), scope=scope)
    except TelegramError as exc:
        log.warning("could not publish a personal command menu: %s", exc)
