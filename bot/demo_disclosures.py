"""The demo's 厂务公开 scene: an officer drafts the Mid-Autumn welfare handout with its
table (an Excel file), to both team chats, pinned; the chair approves; the groups get
the table as an image, the original file and the post; workers press 已阅 (someone
not registered is told why it does not count); one asks a question, which becomes a
card; the drafter posts a correction as a reply; the archive shows reads per chat."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.demo_study import xlsx_table
from bot.demo_visits import CHAIR_ID
from bot.stub import BotApiStub, Message
from bot.stub.driver import ChatView

TEAM_CHAT = -1002000000001
SECOND_CHAT = -1002000000002
NAMES = ["张小军", "李建国", "王大海", "刘春生", "陈国强", "赵卫东", "孙立新", "周志明",
         "吴永福", "郑长江", "冯德胜", "何建华"]


async def _with(user: ChatView, needle: str) -> Message:
    while True:
        message = await user.next_message()
        if needle in (message.raw_text or message.text or ""):
            return message


def welfare_table() -> bytes:
    rows: list[list[object]] = [["序号", "姓名", "班组", "月饼（盒）", "食用油（桶）", "金额（元）",
                                 "领取"]]
    for n, name in enumerate(NAMES, 1):
        rows.append([n, name, "综采一班" if n % 2 else "掘进二班", 2, 1, 286.5, "已领"])
    rows.append(["", "合计", "", 2 * len(NAMES), len(NAMES), 286.5 * len(NAMES), ""])
    return xlsx_table(rows)


async def scene_disclosures(stub: BotApiStub, app: Any, folder: Path) -> None:
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")
    chair = stub.user(CHAIR_ID, "赵红梅")
    stranger = stub.user(700999, "临时工小马")
    for handle in (officer, worker, chair):
        handle.catch_up()
    team_chat = stub.group(TEAM_CHAT, "综采一班工作群")
    await team_chat.promote_bot(by=officer)  # so it may pin there
    second = stub.group(SECOND_CHAT, "掘进二班工作群")
    second.add_member(chair)
    await second.add_bot(by=chair)  # a plain member: it cannot pin here
    await second.next_message()
    await chair.send_to(second, "/setchat team B2")
    await second.next_message()
    team_chat.catch_up()

    # 1. The officer drafts the welfare handout, with the Excel table.
    await officer.command("/disclose")
    await officer.tap("福利发放")
    await officer.next_message()
    await officer.send("2026年中秋")
    await officer.next_message()
    await officer.send("中秋节福利发放明细")
    await officer.next_message()
    await officer.send("中秋节每人发放月饼两盒、食用油一桶，折合 286.5 元。明细见附表，"
                       "有疑问请点下方“有疑问”。")
    await officer.next_message()
    await officer.send_document(welfare_table(), "中秋福利发放明细.xlsx",
                                "application/vnd.openxmlformats-officedocument"
                                ".spreadsheetml.sheet")
    await officer.tap("全部班组群")
    await officer.tap("完成")
    await officer.tap("📌 置顶")
    await officer.tap("提交审批")
    await officer.next_message()

    # 2. The chair approves; the posts go out, pinned where the bot is an admin.
    ask = await _with(chair, "待审批")
    await chair.press(ask, "批准发布")
    post = await _with(team_chat, "厂务公开")
    await _with(officer, "发送完毕")
    sent = stub.bot_messages(TEAM_CHAT)
    before = sent[:next(i for i, m in enumerate(sent) if m.message_id == post.message_id)]
    image = next((m for m in reversed(before) if m.photo), None)  # the table, just above
    if image is not None and image.photo:
        (folder / "disclosure-table.png").write_bytes(image.photo)

    # 3. Reads: a member counts once; someone not registered is told why not.
    team_chat.add_member(worker)
    team_chat.add_member(stranger)
    await worker.press_in(team_chat, post, "已阅")
    await worker.press_in(team_chat, post, "已阅")
    await stranger.press_in(team_chat, post, "已阅")

    # 4. A question through 有疑问: the private chat opens a card about it.
    await worker.command("/start", "dq_1")
    await worker.next_message()
    await worker.send("我们班组夜班的人没领到食用油，能补发吗？")
    await worker.tap("跳过")
    await worker.tap("实名")
    await worker.tap("不公开")
    await worker.tap("提交")
    await worker.next_message()

    # 5. A correction, approved by the chair, posted as a reply to each original.
    await officer.command("/disclosure_1")
    detail = await _with(officer, "厂务公开 #1")
    await officer.press(detail, "更正")
    await officer.next_message()
    await officer.send("附表中“金额”一列为折合价，合计应为 3438 元，特此更正。")
    await officer.tap("提交审批")
    await officer.next_message()
    await chair.press(await _with(chair, "更正 #2 待审批"), "批准发布")
    await _with(team_chat, "更正")

    # 6. The archive: reads per chat, the question, the correction.
    await officer.command("/disclosures")
    await officer.next_message()
    await officer.command("/disclosure_1")
    await officer.next_message()
