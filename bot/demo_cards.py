"""The demo's card scene: a real-name card answered by a registered leader, an anonymous
one recorded by an officer and reopened, a fully anonymous one read with /check, and
the 30-day clock's first reminder."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.clock import FixedClock
from bot.jobs.sweeper import sweep
from bot.stub import BotApiStub, Message, UserHandle

LEADER_ID = 700301


async def _write(worker: UserHandle, category: str, text: str, signed: str,
                 photo: bool = False) -> Message:
    await worker.command("/card")
    await worker.tap(category)
    await worker.next_message()
    await worker.send(text)
    ask = await worker.next_message()
    if photo:
        await worker.send_photo(b"\\x89PNG demo photo of the wash house")
        ask = await worker.next_message()
    await worker.press(ask, "完成" if photo else "跳过")
    await worker.tap(signed)
    if signed == "实名":
        await worker.tap("同意公开")
    await worker.tap("提交")
    return await worker.next_message()


async def _card_notice(officer: UserHandle, button: str = "") -> Message:
    """The next message that carries buttons (containing `button`, if given)."""
    while True:
        message = await officer.next_message()
        labels = [label for row in message.buttons for label, _ in row]
        if labels and (not button or any(button in label for label in labels)):
            return message


async def scene_cards(stub: BotApiStub, app: Any, clock: FixedClock) -> None:
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")
    leader = stub.user(LEADER_ID, "王后勤")
    for handle in (officer, worker):
        handle.catch_up()

    # The logistics leader registers, so cards forwarded to 后勤科 reach him directly.
    await leader.command("/start")
    await leader.next_message()
    await leader.send("王后勤")
    await leader.tap("综采一班")
    await leader.tap("跳过")
    await leader.tap("同意")
    await leader.next_message()
    await officer.press(await _card_notice(officer, "通过"), "✅ 通过")
    await leader.next_message()

    # 1. A real-name card with a photo, answered by the leader, rated and closed.
    await _write(worker, "生活后勤", "井下澡堂热水不够，夜班升井后常常洗不上热水澡。", "实名",
                 photo=True)
    notice = await _card_notice(officer)
    await officer.press(notice, "受理")
    await officer.press(notice, "后勤科")
    await worker.next_message()
    forwarded = await _card_notice(leader)
    await leader.press(forwarded, "回复")
    await leader.next_message()
    await leader.send("已加装一台热水锅炉，下周一起夜班升井时段保证热水供应。")
    await leader.next_message()
    answer = await worker.next_message()
    await worker.press(answer, "😊 满意")
    answered = await _card_notice(officer)
    await officer.press(answered, "已落实")
    await worker.next_message()

    # 2. An anonymous card: officers never learn who wrote it; the answer still arrives.
    await _write(worker, "工资福利", "上月加班两个班没有记进考勤，工资里也没有体现。", "匿名")
    notice = await _card_notice(officer)
    await officer.press(notice, "受理")
    await officer.press(notice, "劳资科")
    await worker.next_message()
    await officer.press(notice, "代录")
    await officer.next_message()
    await officer.send("劳资科 赵科长")
    await officer.next_message()
    await officer.send("已核对考勤机记录，加班工资随本月工资补发。")
    await officer.next_message()
    answer = await worker.next_message()
    await worker.press(answer, "😞 不满意")
    await worker.next_message()
    await worker.send("只说补发，没说补发多少、哪天到账。")
    await worker.next_message()
    await _card_notice(officer)  # 重新办理, with the worker's reason

    # 3. Fully anonymous: a receipt code, and /check to read the state.
    receipt = await _write(worker, "管理制度", "建议把班前会时间固定，别临时改。", "完全匿名")
    code = (receipt.text or "").split("/check ")[-1].split()[0]
    await _card_notice(officer)
    await worker.command("/check", code)
    await worker.next_message()

    # 4. Twenty-three days later nobody has answered card 3: the 7-day reminder.
    clock.advance(days=23)
    services = app.bot_data["services"]
    await sweep(services)
    for _ in range(100):  # the sender paces two messages to one chat a second apart
        if not await services.outbox.due(clock.now()):
            break
        await asyncio.sleep(0.1)
    await _card_notice(officer)
    await _card_notice(officer)
    await officer.command("/cards")
    await officer.next_message()
    await worker.command("/mycards")
    await worker.next_message()
