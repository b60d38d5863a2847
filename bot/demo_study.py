"""The demo's study scene: a worker logs a study note with a photo of his notebook;
an officer creates an exam, uploads a score table with a mistake (reported, nothing
imported), sends it fixed, and posts the score board to the team chat. The board's
images are written to the demo folder."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from bot.stub import BotApiStub, Message
from bot.stub.driver import ChatView

TEAM_CHAT = -1002000000001
# Invented members of 综采一班 for the score table.
CLASSMATES = [("刘大山", "T-0102"), ("陈小川", "T-0103"), ("杨铁柱", "T-0104"),
              ("黄志强", "T-0105"), ("吴海涛", "T-0106"), ("孙晓峰", "T-0107")]


def xlsx_table(rows: list[list[object]]) -> bytes:
    """A one-sheet Excel workbook of these rows, as an officer would upload."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _with(user: ChatView, needle: str) -> Message:
    while True:
        message = await user.next_message()
        shown = message.raw_text or message.text or ""
        if needle in shown or any(needle in label for row in message.buttons
                                  for label, _ in row):
            return message


async def scene_study(stub: BotApiStub, app: Any, folder: Path) -> None:
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")
    for handle in (officer, worker):
        handle.catch_up()
    services = app.bot_data["services"]
    team = await services.teams.by_code("A1")
    for n, (name, number) in enumerate(CLASSMATES):
        await services.members.register(700400 + n, name, None, team.id, number, True,
                                        services.clock.now())

    # 1. A study note in four taps, with the notebook photographed.
    await worker.command("/study")
    await worker.tap("操作规程")
    await worker.tap("60 分钟")
    await worker.tap("昨天")
    await worker.next_message()
    await worker.send("学习《煤矿安全规程》顶板管理部分：支护前先敲帮问顶。")
    await worker.next_message()
    await worker.send_photo(b"\\x89PNG demo photo of a notebook page")
    await worker.tap("保存")
    await worker.next_message()
    await worker.command("/mystudy")
    await worker.next_message()

    # 2. An exam; the first table has two mistakes and nothing is imported.
    await officer.command("/exam")
    await officer.next_message()
    await officer.send("安全规程考试")
    await officer.tap("今天")
    await officer.tap("100")
    await officer.tap("建立")
    card = await officer.next_message()
    await officer.press(card, "上传成绩表")
    await officer.next_message()
    rows: list[list[object]] = [["姓名", "工号", "成绩"], ["张小军", "", 92]]
    rows += [[name, number, 70 + 4 * n] for n, (name, number) in enumerate(CLASSMATES)]
    bad = [*rows[:3], ["张晓军", "", 88], ["陈小川", "", 105]]  # a typo; over full marks
    await officer.send_document(xlsx_table(bad), "安全规程成绩.xlsx")
    await officer.next_message()
    await officer.send_document(xlsx_table(rows), "安全规程成绩.xlsx")
    await officer.tap("导入")
    await officer.next_message()
    card = await officer.next_message()

    # 3. The board to the team chat, as an image; written to the demo folder.
    group = stub.group(TEAM_CHAT, "综采一班工作群")
    group.catch_up()
    await officer.press(card, "公布到班组群")
    await officer.next_message()
    posted = await _with(group, "成绩公布")
    photo = posted.data["photo"][-1]["file_id"]
    (folder / "score-board.png").write_bytes(stub.files[photo].data or b"")
