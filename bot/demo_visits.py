"""The demo's visit-diary scene: an officer logs a talk with a worker (a second visit
planned) and a home visit to a retired miner's widow who is not registered (hardship
flagged; the chair takes it on). A worker cannot read the diary. Then the calendar:
the 再访 reminder on its day, the quota reminder of the month, and the chair's monthly
completion table on the 1st."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from typing import Any

from bot.clock import FixedClock
from bot.jobs.sweeper import sweep
from bot.stub import BotApiStub, Message
from bot.stub.driver import ChatView

CHAIR_ID = 700501


async def _with(user: ChatView, needle: str) -> Message:
    while True:
        message = await user.next_message()
        if needle in (message.raw_text or message.text or ""):
            return message


async def _at(app: Any, clock: FixedClock, when: datetime) -> None:
    """Move the clock, run the reminder sweep once, and let the outbox drain."""
    clock.set(when)
    services = app.bot_data["services"]
    await sweep(services)
    for _ in range(100):
        if not await services.outbox.due(clock.now()):
            break
        await asyncio.sleep(0.1)


async def scene_visits(stub: BotApiStub, app: Any, clock: FixedClock) -> None:
    services = app.bot_data["services"]
    admin = stub.user(services.config.admins.user_ids[0], "周管理员")
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")
    chair = stub.user(CHAIR_ID, "赵红梅")
    for handle in (admin, officer, worker, chair):
        handle.catch_up()
    team = await services.teams.by_code("B2")
    member = await services.members.register(CHAIR_ID, "赵红梅", None, team.id, "T-0501",
                                             True, services.clock.now())
    await chair.command("/start")
    await chair.next_message()
    await admin.command("/promote", f"#{member.id}", "工会主席")
    await admin.next_message()
    await chair.next_message()

    # 1. A talk with a worker, found by name; a second visit in a week.
    await officer.command("/visit")
    await officer.tap("谈心")
    await officer.next_message()
    await officer.send("张小军")
    await officer.tap("今天")
    await officer.next_message()
    await officer.send("最近夜班多，孩子上学没人接送，心里着急。答应跟队里商量调班。")
    reasons = await officer.next_message()
    await officer.press(reasons, "思想波动")
    await officer.tap("完成")
    await officer.tap("🔁 再访")
    await officer.tap("7 天后")
    await officer.tap("保存")
    await officer.next_message()

    # 2. A home visit to someone not registered; hardship flagged to the chair.
    await officer.command("/visit")
    await officer.tap("家访")
    await officer.next_message()
    await officer.send("王大娘")
    await officer.tap("就写")
    await officer.tap("昨天")
    await officer.next_message()
    await officer.send("退休老矿工的遗孀，独居，腿脚不便，冬天取暖有困难。")
    await officer.tap("生活困难")
    await officer.tap("完成")
    await officer.tap("🆘 困难帮扶")
    await officer.next_message()
    await officer.send("取暖煤和冬衣，请工会送温暖。")
    await officer.tap("保存")
    await officer.next_message()
    flag = await _with(chair, "困难帮扶")
    await chair.press(flag, "✅ 我来跟进")
    await officer.next_message()

    # 3. The diary is the author's and the chairs': a worker asking gets nothing.
    await worker.command("/visit_1")
    await worker.next_message()
    await worker.command("/visit")
    await worker.next_message()
    await officer.command("/visits")
    await officer.next_message()

    # 4. The calendar: the second visit is due, the 15th's reminder, the 1st's table.
    today = services.clock.now().astimezone(services.config.tz)
    morning = time(9, 5, tzinfo=services.config.tz)
    await _at(app, clock, datetime.combine(today.date() + timedelta(days=7), morning))
    await _with(officer, "再访")
    nag_day = services.config.visits.remind_days[0]
    if today.day + 7 < nag_day:
        await _at(app, clock, datetime.combine(today.date().replace(day=nag_day), morning))
        await _with(officer, "走访谈心提醒")
    first = (today.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    await _at(app, clock, datetime.combine(first, morning))
    await _with(chair, "完成情况")
