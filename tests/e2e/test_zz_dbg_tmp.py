from tests.e2e.test_cards_guards import *
async def test_dbg(bot, stub, admin):
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, "张三")
    await write_card(worker, TEXT)
    notice = await message_with(officer, "新信息卡 #1")
    answered = await officer.press(notice, "退回")
    await asyncio.sleep(0.5)
    print(answered, notice.answers)
    print(stub.transcript(2001))
    assert 0
