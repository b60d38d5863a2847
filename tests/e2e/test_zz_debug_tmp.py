from tests.e2e.test_exams import *  # noqa
import asyncio

async def test_dbg(bot, stub, admin):
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    surnames, given = "赵钱孙李周吴郑王冯", "建国海燕红旗晓东立新"
    names = [surnames[i % 9] + given[2 * (i // 9):2 * (i // 9) + 2] for i in range(44)]
    await add_members(bot, names)
    group = await team_group(stub, officer)
    card = await create_exam(officer)
    rows = [["姓名", "成绩"], ["李主任", "100"]]
    rows += [[name, str(55 + i % 45)] for i, name in enumerate(names)]
    card = await import_file(officer, card, csv_bytes(rows), "全班.csv")
    answered = await officer.press(card, "公布到班组群")
    print(answered)
    await asyncio.sleep(3)
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT id, chat_id, method, status, attempts, error, not_before, substr(payload,1,300) p FROM outbox")
    for r in rows: print(dict(r))
    for r in stub.requests[-8:]: print(r.method, str(r.params)[:300])
