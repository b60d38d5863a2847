"""信息卡 end to end: real-name and anonymous lifecycles through the loopback Bot API."""

from __future__ import annotations

from bot.cards import CardStatus, Outcome, Rating
from bot.stub import BotApiStub, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.harness import BotUnderTest


async def test_real_name_card_whole_lifecycle(bot: BotUnderTest, stub: BotApiStub,
                                              admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    done = await write_card(worker, "三号皮带机头照明不足，夜班看不清。", photos=2)
    assert "#1" in done.text and "2026-12-16" in done.text

    album = await officer.next_message()
    assert album.photo is not None or album.media_group_id
    notice = await officer.next_message()
    while "新信息卡" not in (notice.text or ""):
        notice = await officer.next_message()
    assert "张三" in notice.text and "三号皮带机头" in notice.text
    await officer.press(notice, "受理")
    await officer.press(notice, "区队办公室")
    assert "已受理" in notice.text and "李委员" in notice.text
    assert "已转 区队办公室" in (await worker.next_message()).text

    await officer.press(notice, "代录")
    assert "是谁答复" in (await officer.next_message()).text
    await officer.send("机电科 王科长")
    assert "答复内容" in (await officer.next_message()).text
    await officer.send("已安排本周加装两盏防爆灯。")
    recorded = await officer.next_message()
    assert "答复已发出" in recorded.text

    reply = await worker.next_message()
    assert "王科长" in reply.text and "防爆灯" in reply.text
    await worker.press(reply, "😊 满意")
    await officer.press(recorded, "已落实")
    assert "已落实" in (await worker.next_message()).text

    card = await bot.services.cards.get(1)
    assert card is not None and card.status is CardStatus.CLOSED
    assert card.outcome is Outcome.IMPLEMENTED and len(card.photos) == 2
    latest = await bot.services.cards.latest_reply(1)
    assert latest is not None and latest.rating is Rating.SATISFIED
