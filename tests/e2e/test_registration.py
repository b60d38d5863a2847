"""Registration and approval, end to end through the loopback Bot API."""

from __future__ import annotations

from bot.roles import MemberStatus, Role
from bot.storage import audit
from bot.stub import BotApiStub, UserHandle
from tests.harness import BotUnderTest


async def make_officer(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle, user_id: int,
                       name: str, team_code: str = "A1", role: str = "工会委员") -> UserHandle:
    """Register someone in an auto-approving way and give them a role (an officer of
    their team unless told otherwise)."""
    s = bot.services
    team = await s.teams.by_code(team_code)
    assert team is not None
    member = await s.members.register(user_id, name, None, team.id, None, True, bot.clock.now())
    handle = stub.user(user_id, name)
    await handle.command("/start")
    await handle.next_message()  # welcome
    await admin.command("/promote", f"#{member.id}", role)
    assert f"设为{role}" in (await admin.next_message()).text
    await handle.next_message()  # "您已被设为：…"
    return handle


async def register(worker: UserHandle, name: str, team_button: str | None = "综采一班") -> None:
    await worker.command("/start")
    assert "请输入您的姓名" in (await worker.next_message()).text
    await worker.send(name)
    if team_button:
        await worker.press(await worker.next_message(), team_button)
    ask_no = await worker.next_message()
    assert "工号" in ask_no.text
    await worker.send("t-1024")
    consent = await worker.next_message()
    assert "隐私" in consent.text
    await worker.press(consent, "同意")


async def test_start_register_and_officer_approves(bot: BotUnderTest, stub: BotApiStub,
                                                   admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = stub.user(3001, "张师傅")
    await register(worker, "张 三")
    assert "等 综采一班 的工会小组长审核" in (await worker.next_message()).text

    request = await officer.next_message()
    assert "张 三" in request.text and "T-1024" in request.text
    await officer.press(request, "✅ 通过")
    assert request.edits >= 1 and "已通过" in request.text
    assert "登记已通过" in (await worker.next_message()).text

    member = await bot.services.members.by_tg(3001)
    assert member is not None and member.status is MemberStatus.ACTIVE
    assert member.decided_by is not None
    history = await audit.history(bot.services.db, "member", member.id)
    assert [(e.from_state, e.to_state) for e in history] == [(None, "pending"),
                                                             ("pending", "active")]

    await worker.command("/start")
    welcome = await worker.next_message()
    assert "您好" in welcome.text and welcome.markup and "keyboard" in welcome.markup


async def test_join_link_skips_team_and_auto_approve(bot: BotUnderTest, stub: BotApiStub) -> None:
    team = await bot.services.teams.by_code("C3")
    assert team is not None
    worker = stub.user(3002, "王师傅")
    await worker.command("/start", f"join_{team.join_code}")
    first = await worker.next_message()
    assert "机电队" in first.text and "姓名" in first.text
    await register_rest(worker)
    assert "登记成功" in (await worker.next_message()).text
    member = await bot.services.members.by_tg(3002)
    assert member is not None and member.status is MemberStatus.ACTIVE
    assert member.team_id == team.id


async def register_rest(worker: UserHandle) -> None:
    await worker.send("王五")
    await worker.press(await worker.next_message(), "跳过")
    await worker.press(await worker.next_message(), "同意")


async def test_bad_join_code_falls_back_to_team_choice(bot: BotUnderTest,
                                                       stub: BotApiStub) -> None:
    worker = stub.user(3003, "赵师傅")
    await worker.command("/start", "join_nosuchcode")
    assert "无效" in (await worker.next_message()).text
    assert "姓名" in (await worker.next_message()).text
    await worker.send("赵六")
    assert "班组" in (await worker.next_message()).text


async def test_forged_approval_by_worker_changes_nothing(bot: BotUnderTest, stub: BotApiStub,
                                                         admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = stub.user(3001, "张师傅")
    await register(worker, "张三")
    await worker.next_message()
    request = await officer.next_message()
    pending = await bot.services.members.by_tg(3001)
    assert pending is not None

    # Another worker (active, not an officer) forges the approval callback.
    intruder = stub.user(3999, "钱师傅")
    team = await bot.services.teams.by_code("A1")
    assert team is not None
    await bot.services.members.register(3999, "钱七", None, team.id, None, True, bot.clock.now())
    await intruder.command("/start")
    await intruder.next_message()
    reply = await intruder.press(request, data=f"m:ok:{pending.id}")
    assert "没有权限" in (reply.text or "")
    # An officer of another team cannot either.
    other = await make_officer(bot, stub, admin, 2002, "孙委员", team_code="B2")
    reply = await other.press(request, data=f"m:ok:{pending.id}")
    assert "没有权限" in (reply.text or "")
    # A made-up member number.
    reply = await officer.press(request, data="m:ok:99999")
    assert "没有找到" in (reply.text or "")
    still = await bot.services.members.by_tg(3001)
    assert still is not None and still.status is MemberStatus.PENDING


async def test_double_press_says_who_handled_it(bot: BotUnderTest, stub: BotApiStub,
                                                admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    second = await make_officer(bot, stub, admin, 2003, "周委员")
    worker = stub.user(3001, "张师傅")
    await register(worker, "张三")
    request_1 = await officer.next_message()
    request_2 = await second.next_message()
    await officer.press(request_1, "不通过")
    again = await second.press(request_2, "✅ 通过")
    assert "已处理" in (again.text or "") and "李委员" in (again.text or "")
    member = await bot.services.members.by_tg(3001)
    assert member is not None and member.status is MemberStatus.REJECTED
    assert "已提交" in (await worker.next_message()).text
    assert "没有通过" in (await worker.next_message()).text


async def test_cancel_and_restart_mid_registration(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = stub.user(3004, "吴师傅")
    await worker.command("/start")
    await worker.next_message()
    await worker.send("吴八")
    team_prompt = await worker.next_message()

    await bot.restart()  # a redeploy while the worker is choosing a team

    await worker.press(team_prompt, "掘进二班")
    assert "工号" in (await worker.next_message()).text
    await worker.command("/cancel")
    assert "已取消" in (await worker.next_message()).text
    assert await bot.services.flows.get(3004) is None
    # The old button no longer does anything.
    answer = await worker.press(team_prompt, "掘进二班")
    assert "过期" in (answer.text or "")


async def test_bad_input_keeps_the_step(bot: BotUnderTest, stub: BotApiStub) -> None:
    worker = stub.user(3005, "郑师傅")
    await worker.command("/start")
    await worker.next_message()
    await worker.send_sticker()
    assert "需要输入文字" in (await worker.next_message()).text
    await worker.send("x" * 40)
    assert "太长" in (await worker.next_message()).text
    await worker.send("郑九")
    await worker.press(await worker.next_message(), "综采一班")
    await worker.next_message()
    await worker.send("工号!!")
    assert "工号只能是" in (await worker.next_message()).text
    state = await bot.services.flows.get(3005)
    assert state is not None and state.step == "employee_no" and state.data["name"] == "郑九"


async def test_revoked_officer_refused_on_next_update(bot: BotUnderTest, stub: BotApiStub,
                                                      admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await officer.command("/members")
    assert "综采一班 成员" in (await officer.next_message()).text
    member = await bot.services.members.by_tg(2001)
    assert member is not None
    await admin.command("/demote", f"#{member.id}", "officer")
    assert "取消" in (await admin.next_message()).text
    await officer.next_message()  # told the role was taken away
    await officer.command("/members")
    assert "没有权限" in (await officer.next_message()).text
    fresh = await bot.services.members.actor(2001)
    assert not fresh.has(Role.OFFICER)
