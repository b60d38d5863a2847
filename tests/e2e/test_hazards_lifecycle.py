"""隐患 end to end: report, confirm, fix with a photo, verify — through the stand-in."""

from __future__ import annotations

from bot.hazards import HazardStatus
from bot.stub import BotApiStub, UserHandle
from tests.e2e.hazards_helpers import (
    make_officer,
    make_supervisor,
    make_worker,
    next_with,
    report_hazard,
)
from tests.harness import BotUnderTest


async def test_hazard_from_report_to_verified(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    supervisor = await make_supervisor(bot, stub, 2101, "赵群监")
    worker = await make_worker(bot, stub, 3001, "张三")
    owner = await make_worker(bot, stub, 3002, "王电工")
    done = await report_hazard(worker, "回风巷 200 米处风筒破口，漏风严重。", photos=2)
    assert "#1" in done.text

    notice = await next_with(officer, "新隐患 #1")
    assert "张三" in notice.text and "风筒破口" in notice.text and "现场照片 2 张" in notice.text
    await next_with(supervisor, "新隐患 #1")
    await officer.press(notice, "确认")
    ask_owner = await next_with(officer, "整改责任人是谁")
    await officer.press(ask_owner, "综采一班")
    await officer.press(await officer.next_message(), "王电工")
    await officer.press(await officer.next_message(), "3 天")
    assert "已确认" in (await officer.next_message()).text
    assert "2026-11-19" in (await next_with(worker, "已确认")).text

    task = await next_with(owner, "请整改")
    await owner.press(task, "已整改")
    ask = await owner.next_message()
    assert "至少 1 张" in ask.text
    await owner.send_photo(b"\x89PNG fixed")
    await owner.press(await owner.next_message(), "完成")
    assert "等待验收" in (await owner.next_message()).text

    to_verify = await next_with(supervisor, "请验收")
    await supervisor.press(to_verify, "验收通过")
    assert "已销号" in to_verify.text
    assert "已验收销号" in (await next_with(worker, "已验收")).text
    hazard = await bot.services.hazards.get(1)
    assert hazard is not None and hazard.status is HazardStatus.VERIFIED
    assert len(hazard.photos) == 2 and len(hazard.fix_photos) == 1
