"""Group chats (join, purpose, removal, migration), deep links, /help by role, /lang."""

from __future__ import annotations

from bot.stub import BotApiStub, UserHandle
from tests.e2e.test_registration import make_officer
from tests.harness import BotUnderTest


async def test_group_lifecycle(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = stub.group(-1001000000001, "综采一班群")
    group.add_member(officer)
    await group.add_bot(by=officer)
    assert "/setchat" in (await group.next_message()).text
    chats = bot.services.chats

    worker = stub.user(3001, "张师傅")
    group.add_member(worker)
    await worker.send_to(group, "/setchat team A1")
    assert "没有权限" in (await group.next_message()).text
    await officer.send_to(group, "/setchat branch")
    assert "没有权限" in (await group.next_message()).text  # an officer sets only team chats
    await officer.send_to(group, "/setchat team A1")
    assert "班组群" in (await group.next_message()).text
    team = await bot.services.teams.by_code("A1")
    assert team is not None
    assert [c.chat_id for c in await chats.with_purpose("team", team.id)] == [group.id]

    await worker.send_to(group, "/start@xiaojia_bot")
    link = await group.next_message()
    assert link.buttons and "t.me/xiaojia_bot" in str(link.markup)

    new = await group.migrate(-1001000000002, by=officer)
    await stub.wait_idle()
    assert [c.chat_id for c in await chats.with_purpose("team", team.id)] == [new.id]
    await new.remove_bot(by=officer)
    await stub.wait_idle()
    removed = await chats.get(new.id)
    assert removed is not None and removed.status == "removed"
    assert await chats.with_purpose("team", team.id) == []


async def test_help_lists_only_what_the_role_may_do(bot: BotUnderTest, stub: BotApiStub,
                                                    admin: UserHandle) -> None:
    guest = stub.user(3001, "张师傅")
    await guest.command("/help")
    text = (await guest.next_message()).text
    assert "/start" in text and "/promote" not in text and "/members" not in text
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await officer.command("/help")
    text = (await officer.next_message()).text
    assert "/members" in text and "/promote" not in text
    await admin.command("/help")
    assert "/promote" in (await admin.next_message()).text
    await stub.wait_idle()
    scopes = str(stub.commands)
    assert "members" in scopes  # the officer's personal command menu


async def test_language_switch(bot: BotUnderTest, stub: BotApiStub) -> None:
    user = stub.user(3001, "Zhang")
    await user.command("/lang")
    choice = await user.next_message()
    await user.press(choice, "English")
    assert "Menu updated" in (await user.next_message()).text
    assert choice.text == "Language set to English."
    await user.command("/start")
    assert "Please type your name" in (await user.next_message()).text
    await user.send_voice()
    assert "needs text" in (await user.next_message()).text
