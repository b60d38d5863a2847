"""Smoke: a worker logs a study note; an officer creates an exam, imports a table and
posts the board to the team chat."""

from __future__ import annotations

from bot.stub import BotApiStub, UserHandle
from tests.e2e.study_helpers import (
    create_exam,
    log_study,
    make_officer,
    make_worker,
    team_group,
    xlsx_bytes,
)
from tests.harness import BotUnderTest


async def test_smoke(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    worker = await make_worker(bot, stub, 5001, "王小明")
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    done = await log_study(worker, photos=1)
    print(done.text)
    assert "本月 1/4 篇" in done.text
    await worker.command("/mystudy")
    print((await worker.next_message()).text)
    group = await team_group(stub, officer)
    card = await create_exam(officer)
    await officer.press(card, "上传成绩表")
    ask = await officer.next_message()
    print(ask.text)
    await officer.send_document(xlsx_bytes([["姓名", "成绩"], ["王小明", 85], ["赵六", 70],
                                            ["李主任", 120]]), "scores.xlsx")
    errors = await officer.next_message()
    print(errors.text)
    await officer.send_document(xlsx_bytes([["姓名", "成绩"], ["王小明", 85],
                                            ["李主任", 90]]), "scores.xlsx")
    clean = await officer.next_message()
    print(clean.text)
    await officer.press(clean, "导入")
    print((await officer.next_message()).text)
    card = await officer.next_message()
    print(card.text)
    await officer.press(card, "公布到班组群")
    print((await officer.next_message()).text)
    photo = await group.next_message()
    print(photo.data.keys(), photo.raw_text)
    print(stub.transcript())
