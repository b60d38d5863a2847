"""Group chats: joining and leaving, what each group is for, migration to supergroups,
and private-only commands sent in a group (answered with a link to the private chat)."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.handlers.common import Ctx, caller, deep_link, say, services
from bot.storage.chats import PURPOSES

PURPOSE_WORDS = {
    "team": "team", "班组": "team", "班组群": "team",
    "officers": "officers", "委员": "officers", "委员群": "officers",
    "safety": "safety", "安全": "safety", "安全群": "safety",
    "branch": "branch", "全体": "branch", "全员": "branch",
}
PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def bot_membership(update: Update, context: Ctx) -> None:
    """The bot was added to or removed from a chat."""
    change = update.my_chat_member
    if change is None:
        return
    s = services(context)
    chat, now = change.chat, s.clock.now()
    actor = await s.members.actor(change.from_user.id)
    if change.new_chat_member.status in PRESENT:
        was_present = change.old_chat_member.status in PRESENT
        await s.chats.seen(chat.id, chat.type, chat.title, now, actor.member_id)
        if chat.type != "private" and not was_present:
            lang = s.config.branch.language
            await say(update, s.texts.get(lang, "group-hello", branch=s.config.branch.name))
    else:
        status = "blocked" if chat.type == "private" else "removed"
        await s.chats.set_status(chat.id, status, now, chat.type, actor.member_id)


async def members_changed(update: Update, context: Ctx) -> None:
    """Someone joined or left a group: whom its disclosures are for follows."""
    s, now = services(context), services(context).clock.now()
    message, change = update.effective_message, update.chat_member
    if change is not None:
        present = change.new_chat_member.status in PRESENT
        await s.chat_members.seen(change.chat.id, change.new_chat_member.user.id, present, now)
        return
    if message is None:
        return
    for user in message.new_chat_members or ():
        if not user.is_bot:
            await s.chat_members.seen(message.chat_id, user.id, True, now)
    if message.left_chat_member is not None and not message.left_chat_member.is_bot:
        await s.chat_members.seen(message.chat_id, message.left_chat_member.id, False, now)


async def migrated(update: Update, context: Ctx) -> None:
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    s = services(context)
    await s.chats.migrate(message.chat_id, message.migrate_to_chat_id, s.clock.now())


async def set_purpose(update: Update, context: Ctx) -> None:
    """/setchat team CODE | officers | safety | branch — in the group itself."""
    s, actor, lang = await caller(update, context)
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    purpose = PURPOSE_WORDS.get(args[0].lower()) if args else None
    if purpose not in PURPOSES:
        await say(update, s.texts.get(lang, "setchat-usage"))
        return
    team = None
    if purpose == "team":
        team = await s.teams.by_code(args[1]) if len(args) > 1 else None
        if team is None:
            teams = ", ".join(f"{t.code} {t.name}" for t in await s.teams.all())
            await say(update, s.texts.get(lang, "setchat-team-unknown", teams=teams or "-"))
            return
    if not actor.may_set_chat_purpose(purpose, team.id if team else None):
        await say(update, s.texts.get(lang, "not-allowed"))
        return
    await s.chats.seen(chat.id, chat.type, chat.title, s.clock.now(), actor.member_id)
    await s.chats.set_purpose(chat.id, purpose, team.id if team else None, actor.member_id,
                              s.clock.now())
    await say(update, s.texts.get(lang, "setchat-done", purpose=s.texts.get(
        lang, f"purpose-{purpose}"), team=team.name if team else ""))


async def private_only(update: Update, context: Ctx) -> None:
    """A private-chat command sent in a group: point to the private chat instead."""
    s, _, lang = await caller(update, context)
    message = update.effective_message
    command = (message.text or "/").split()[0].split("@")[0].lstrip("/") if message else ""
    payload = "" if command == "start" else command
    await say(update, s.texts.get(lang, "private-only"),
              [[(s.texts.get(lang, "btn-open-private"), deep_link(s.bot_username, payload))]])
