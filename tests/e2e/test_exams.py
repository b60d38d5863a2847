"""考试 and 成绩公布牌, end to end: an officer creates an exam (every answer checked),
takes its scores one by one or from a CSV/XLSX table (every bad row reported at once,
nothing imported until the file is clean), previews the score board privately and
posts it to the team chat as PNG images, once per version of the scores."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterable

import pytest

from bot.roles import Role
from bot.storage import audit
from bot.storage.members import Member
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.study_helpers import (
    create_exam,
    make_officer,
    make_worker,
    team_group,
    xlsx_bytes,
)
from tests.harness import BotUnderTest

TODAY = "2026-11-16"


# ---- helpers ----------------------------------------------------------------------------

async def said(chat: UserHandle | GroupHandle) -> str:
    return (await chat.next_message()).text or ""


async def next_with(user: UserHandle, needle: str) -> Message:
    """The user's next message containing `needle` (earlier ones are skipped)."""
    while True:
        message = await user.next_message()
        if needle in (message.text or ""):
            return message


async def add_members(bot: BotUnderTest, people: Iterable[str | tuple[str, str]],
                      team_code: str = "A1", first_tg: int = 7001) -> list[Member]:
    """Active members registered straight in the database (they never chat); a person
    is a name, or (name, employee number)."""
    s = bot.services
    team = await s.teams.by_code(team_code)
    assert team is not None
    added = []
    for i, person in enumerate(people):
        name, number = (person, None) if isinstance(person, str) else person
        added.append(await s.members.register(first_tg + i, name, None, team.id, number,
                                              True, bot.clock.now()))
    return added


async def scores_by_name(bot: BotUnderTest, exam_id: int = 1) -> dict[str, float]:
    """Stored scores by employee number, or by name for those without one."""
    return {sc.employee_no or sc.name: sc.score
            for sc in await bot.services.exams.scores(exam_id)}


async def score_changes(bot: BotUnderTest, exam_id: int = 1) -> list[str | None]:
    """The audit notes of every change to the exam's scores ("one", "file:5", ...)."""
    history = await audit.history(bot.services.db, "exam", exam_id)
    return [e.note for e in history if e.to_state == "scores"]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    return "".join(",".join(row) + "\r\n" for row in rows).encode(encoding)


def png_size(data: bytes | None) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR; fails unless `data` is a PNG."""
    assert data is not None and data[:8] == b"\x89PNG\r\n\x1a\n", (data or b"")[:16]
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def photo_bytes(stub: BotApiStub, message: Message) -> bytes:
    photo = message.data.get("photo")
    assert photo, f"not a photo: {message.shown}"
    data = stub.files[photo[-1]["file_id"]].data
    assert data is not None
    return data


def check_board(data: bytes) -> None:
    """A score board image: a PNG, phone-wide, neither blank nor huge."""
    from PIL import Image

    width, height = png_size(data)
    assert width >= 800 and height >= 400, (width, height)
    assert 10_000 <= len(data) <= 300_000, len(data)
    with Image.open(io.BytesIO(data)) as image:
        gray = image.convert("L")
        inked = sum(count for level, count in enumerate(gray.histogram()) if level < 128)
    assert 0.02 < inked / (width * height) < 0.5, inked / (width * height)  # text, a banner


def glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught
            if "missing from" in str(w.message) or "Glyph" in str(w.message)]


async def upload(officer: UserHandle, card: Message, data: bytes, filename: str) -> Message:
    """上传成绩表 on the exam card, then the file; the bot's answer to the file."""
    await officer.press(card, "上传成绩表")
    assert "请上传成绩表" in await said(officer)
    await officer.send_document(data, filename)
    return await officer.next_message()


async def import_file(officer: UserHandle, card: Message, data: bytes,
                      filename: str = "成绩.xlsx") -> Message:
    """Upload a clean table and import it; returns the exam card shown afterwards."""
    clean = await upload(officer, card, data, filename)
    assert "表格没问题" in (clean.text or ""), clean.text
    await officer.press(clean, "导入")
    assert "已导入" in await said(officer)
    fresh = await officer.next_message()
    assert "考试 #" in (fresh.text or ""), fresh.text
    return fresh


# ---- creating an exam --------------------------------------------------------------------

async def test_only_officers_create_exams_and_every_answer_is_checked(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    worker = await make_worker(bot, stub, 5001, "王小明")
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    for command in ("/exam", "/exams"):
        await worker.command(command)
        assert "建考试、录成绩是工会委员和小组长的工作" in await said(worker), command
    assert await s.flows.get(5001) is None

    async def reply_at(needle: str, step: str) -> Message:
        """The bot's reply says `needle`, and the draft is (still) at `step`."""
        answer = await officer.next_message()
        assert needle in (answer.text or ""), (needle, answer.text)
        state = await s.flows.get(5002)
        assert state is not None and state.name == "exam" and state.step == step
        return answer

    await officer.command("/exams")
    assert "还没有考试" in await said(officer)
    await officer.command("/exam")  # an officer's exam is for their own team: no team step
    await reply_at("考试科目是什么", "subject")
    await officer.send("安" * 31)
    await reply_at("科目太长，最多 30 字", "subject")
    await officer.send_sticker()
    await reply_at("需要输入文字", "subject")
    await officer.send("  煤矿安全规程  ")
    ask_date = await reply_at("哪天考的", "held_on")
    assert ask_date.button_texts() == ["今天", "昨天"]
    for bad, needle in (("2026-11-17", "考试日期不能是以后的日子"),
                        ("2025-11-01", "只能登记一年以内的考试"),
                        ("上礼拜", "没看懂日期")):
        await officer.send(bad)
        await reply_at(needle, "held_on")
    await officer.send("11-10")
    ask_full = await reply_at("满分多少分", "full")
    assert ask_full.button_texts() == ["100", "50", "10"]
    for bad in ("0", "一百", "1001"):
        await officer.send(bad)
        await reply_at("满分请输入 1 到 1000 之间的数字", "full")
    await officer.send("１２０分")  # full-width digits, with 分
    preview = await reply_at("请核对", "preview")
    for line in ("科目：煤矿安全规程", "班组：综采一班", "日期：2026-11-10", "满分：120"):
        assert line in (preview.text or ""), line
    await officer.send("好的")
    await reply_at("请点下面的按钮", "preview")

    assert preview.button_texts() == ["✅ 建立", "✏️ 修改", "取消"]
    await officer.press(preview, "修改")
    ask_edit = await reply_at("要修改哪一项", "edit")
    assert ask_edit.button_texts() == ["科目", "日期", "满分", "返回"]
    await officer.press(ask_edit, "科目")
    await reply_at("考试科目是什么", "subject")
    await officer.send("应知应会")
    preview = await reply_at("请核对", "preview")  # straight back: the rest is kept
    for line in ("科目：应知应会", "日期：2026-11-10", "满分：120"):
        assert line in (preview.text or ""), line
    await officer.press(preview, "取消")
    assert "已取消「建考试」" in await said(officer)
    assert await s.flows.get(5002) is None and await s.exams.of_team(None) == []
    stale = await officer.press(preview, "建立")
    assert "按钮已过期" in (stale.text or "")
    assert await s.exams.of_team(None) == []

    card = await create_exam(officer, subject="安全规程")  # 今天, 100 by the buttons
    text = card.text or ""
    assert "考试已建立：#1 安全规程" in text
    assert f"班组：综采一班 · 日期：{TODAY} · 满分 100" in text
    assert "还没有录成绩（本班组 2 人）" in text
    assert card.buttons == [[("✍️ 逐个录入", "e:1:one"), ("📎 上传成绩表", "e:1:file")],
                            [("👀 预览成绩牌", "e:1:preview"), ("📢 公布到班组群", "e:1:post")]]
    exam = await s.exams.get(1)
    officer_member = await s.members.by_tg(5002)
    team = await s.teams.by_code("A1")
    assert exam is not None and officer_member is not None and team is not None
    assert (exam.team_id, exam.subject, str(exam.held_on), exam.full_marks) == (
        team.id, "安全规程", TODAY, 100.0)
    assert exam.created_by == officer_member.id and exam.posted_at is None
    assert await s.flows.get(5002) is None

    await officer.command("/exams")
    listing = await said(officer)
    assert f"/exam_1 {TODAY} 安全规程" in listing
    await officer.command("/exam_1")
    shown = await officer.next_message()
    assert "考试 #1 安全规程" in (shown.text or "") and shown.buttons == card.buttons
    for someone in (worker, await make_officer(bot, stub, admin, 5003, "周委员", "B2")):
        await someone.command("/exam_1")
        assert "没有找到这一项" in await said(someone), someone.name
        assert await s.flows.get(someone.id) is None
    await officer.command("/exam_77")
    assert "没有找到这一项" in await said(officer)


async def test_chair_and_admin_pick_the_team_and_see_every_exam(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    a1_officer = await make_officer(bot, stub, admin, 5002, "李主任")
    b2_officer = await make_officer(bot, stub, admin, 5003, "周委员", "B2")
    chair = await make_worker(bot, stub, 5009, "陈主席", team_code="C3")
    chair_member = await s.members.by_tg(5009)
    assert chair_member is not None
    await s.members.grant(chair_member.id, Role.CHAIR, None, bot.clock.now())

    card = await create_exam(chair, subject="应知应会", full="50", team_button="掘进二班")
    assert "班组：掘进二班" in (card.text or "") and "满分 50" in (card.text or "")
    b2 = await s.teams.by_code("B2")
    exam = await s.exams.get(1)
    assert b2 is not None and exam is not None and exam.team_id == b2.id
    await create_exam(admin, subject="安全规程", team_button="综采一班")
    await create_exam(a1_officer, subject="操作规程")

    await b2_officer.command("/exams")
    listing = await said(b2_officer)
    assert "/exam_1" in listing and "/exam_2" not in listing and "/exam_3" not in listing
    await a1_officer.command("/exams")
    listing = await said(a1_officer)
    assert "/exam_1" not in listing and "/exam_2" in listing and "/exam_3" in listing
    for boss in (chair, admin):
        await boss.command("/exams")
        listing = await said(boss)
        assert all(f"/exam_{n}" in listing for n in (1, 2, 3)), listing
        await boss.command("/exam_3")
        assert "考试 #3 操作规程" in await said(boss)
    await b2_officer.command("/exam_2")
    assert "没有找到这一项" in await said(b2_officer)


# ---- one by one ---------------------------------------------------------------------------

WORKERS = ["王小明", "赵六六", "钱多多", "孙悦然", "周建国", "吴海燕", "郑红旗", "冯晓东",
           "陈立新", "褚卫民", "卫青山", "蒋春花", "沈家宝", "韩冬梅"]


async def test_scores_one_by_one(bot: BotUnderTest, stub: BotApiStub,
                                 admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, [*WORKERS[:-1], ("韩冬梅", "ZC-1024")])  # 15 with the officer
    await add_members(bot, ["杨柳青"], team_code="B2", first_tg=7101)
    card = await create_exam(officer)

    answered = await officer.press(card, "逐个录入")
    assert not answered.show_alert
    picker = await officer.next_message()
    assert "安全规程" in (picker.text or "") and "已录 0/15" in (picker.text or "")
    names = picker.button_texts()
    assert names == ["李主任", *WORKERS[:9], "▶", "完成"], names
    await officer.press(picker, "▶")
    page2 = await officer.next_message()
    assert page2.button_texts() == [*WORKERS[9:], "◀", "完成"]

    await officer.press(page2, "卫青山")
    ask = await officer.next_message()
    assert "卫青山 的成绩是多少？（满分 100）" in (ask.text or "")
    assert ask.button_texts() == ["返回"]
    for bad, needle in (("abc", "请输入成绩数字"), ("120", "成绩不能超过满分 100 分"),
                        ("-5", "请输入成绩数字"), ("85.555", "请输入成绩数字")):
        await officer.send(bad)
        assert needle in await said(officer), bad
    assert await s.exams.scores(1) == []
    await officer.send("85.5")
    saved = await officer.next_message()
    assert "✅ 卫青山：85.5 分" in (saved.text or "") and "已录 1/15" in (saved.text or "")
    assert "卫青山 ✓85.5" in saved.button_texts()  # still on page 2, marked

    await officer.send("王小明")  # typed instead of pressed
    assert "王小明 的成绩是多少" in await said(officer)
    await officer.send("９０分")
    assert "✅ 王小明：90 分" in await said(officer)
    await officer.send("ZC-1024")  # an employee number
    assert "韩冬梅 的成绩是多少" in await said(officer)
    await officer.send("77")
    assert "✅ 韩冬梅：77 分" in await said(officer)
    for unknown in ("杨柳青", "王小"):  # another team's member; part of a name
        await officer.send(unknown)
        assert "没找到这个人" in await said(officer), unknown

    await officer.send("赵六六")
    ask = await officer.next_message()
    await officer.press(ask, "返回")  # back without a score
    back = await officer.next_message()
    assert "已录 3/15" in (back.text or "") and "◀" in back.button_texts()  # still page 2
    await officer.press(back, "◀")
    page1 = await officer.next_message()
    assert "王小明 ✓90" in page1.button_texts() and "赵六六" in page1.button_texts()
    await officer.press(page1, "王小明 ✓90")  # a correction
    assert "王小明 的成绩是多少" in await said(officer)
    await officer.send("60")
    saved = await officer.next_message()
    assert "✅ 王小明：60 分" in (saved.text or "") and "王小明 ✓60" in saved.button_texts()
    assert await scores_by_name(bot) == {"卫青山": 85.5, "王小明": 60.0, "ZC-1024": 77.0}
    assert await score_changes(bot) == ["one"] * 4

    await officer.press(saved, "完成")
    done = await officer.next_message()
    assert "考试 #1 安全规程" in (done.text or "")
    assert "已录成绩 3/15 人 · 平均 74.2 分" in (done.text or "")
    assert done.buttons == card.buttons
    assert await s.flows.get(5002) is None
    stale = await officer.press(saved, "完成")
    assert "按钮已过期" in (stale.text or "")

    worker = stub.user(7001, "王小明")  # the worker sees the score in /mystudy
    await worker.command("/mystudy")
    assert f"{TODAY} 安全规程：60 分（满分 100）" in await said(worker)


# ---- from a table -----------------------------------------------------------------------

A1_PEOPLE = ["王小明", ("李大山", "ZC-1002"), ("张伟", "ZC-2001"), ("张伟", "ZC-2002"),
             "赵六六", "孙七斤", "周九妹"]


async def test_score_table_every_bad_row_at_once_then_import(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    await add_members(bot, A1_PEOPLE)
    await add_members(bot, ["钱八两"], team_code="B2", first_tg=7101)
    card = await create_exam(officer)
    await officer.press(card, "上传成绩表")
    ask = await said(officer)
    assert "请上传成绩表" in ask and "缺考" in ask

    async def refused(needle: str) -> str:
        answer = await said(officer)
        assert needle in answer, (needle, answer)
        state = await s.flows.get(5002)
        assert state is not None and state.name == "examfile" and state.step == "file"
        assert await s.exams.scores(1) == [] and await score_changes(bot) == []
        return answer

    await officer.send_photo(b"\x89PNG a photo of the paper table")
    await refused("请把成绩表作为文件发过来")
    await officer.send("王小明 85")
    await refused("请把成绩表作为文件发过来")
    await officer.send_document(b"\xd0\xcf\x11\xe0 old excel", "成绩.xls")
    await refused("另存为")
    await officer.send_document(b"PK\x03\x04 a word file", "成绩.docx")
    await refused("只能读 CSV 或 Excel")
    await officer.send_document(b"PK\x03\x04 not really a workbook", "成绩.xlsx")
    await refused("这个文件打不开")
    await officer.send_document(csv_bytes([["姓名", "成绩"]]), "成绩.csv")
    await refused("表格里没有成绩")

    bad_csv = csv_bytes([["姓名", "成绩"],
                         ["王小明", "85"],
                         ["钱八两", "90"],     # 3: another team
                         ["张伟", "70"],       # 4: two members share the name
                         ["李大山", "120"],    # 5: over full marks
                         ["赵六六", "八十"],   # 6: not a number
                         ["王小明", "88"],     # 7: listed twice
                         ["孙七斤", ""],       # 8: no score
                         ["周九妹", "缺考"],   # 9: absent, which is fine
                         ["", "66"]])          # 10: nobody
    await officer.send_document(bad_csv, "成绩.csv")
    errors = await refused("表格有 7 处问题")
    assert errors.count("第 ") == 8, errors  # 7 rows, and "第 2 行已有"
    for line in ("没有导入任何成绩",
                 "第 3 行：找不到“钱八两”",
                 "第 4 行：有两个人都叫“张伟”，请改用工号",
                 "第 5 行：李大山 的成绩 120 超过满分 100",
                 "第 6 行：赵六六 的成绩“八十”不是数字",
                 "第 7 行：王小明 重复了（第 2 行已有）",
                 "第 8 行：孙七斤 没有成绩",
                 "第 10 行：没有姓名或工号",
                 "改好后把整个表格再发一次"):
        assert line in errors, (line, errors)
    assert "第 2 行：" not in errors and "第 9 行" not in errors

    bad_xlsx = xlsx_bytes([["工号", "姓名", "分数"],
                           ["ZC-1002", "李小山", 90],   # 2: number and name disagree
                           ["ZC-9999", None, 80],       # 3: unknown number
                           [None, "王小明", 100.5]])    # 4: over
    await officer.send_document(bad_xlsx, "成绩.xlsx")
    errors = await refused("表格有 3 处问题")
    for line in ("第 2 行：姓名和工号对不上：李小山 / ZC-1002", "第 3 行：找不到“ZC-9999”",
                 "第 4 行：王小明 的成绩 100.5 超过满分 100"):
        assert line in errors, (line, errors)

    # Chinese Excel saves CSV as GBK: no header, employee numbers for the two 张伟.
    gbk = csv_bytes([["王小明", "85"], ["ZC-2001", "70"], ["zc-2002", "66"],
                     ["赵六六", "８０"], ["孙七斤", "缺考"], ["周九妹", "95.5"]], "gbk")
    with pytest.raises(UnicodeDecodeError):  # really GBK, not UTF-8 by chance
        gbk.decode("utf-8")
    await officer.send_document(gbk, "成绩.csv")
    clean = await officer.next_message()
    assert "表格没问题：5 人有成绩，平均 79.3 分，缺考 1 人。导入吗？" in (clean.text or "")
    assert clean.button_texts() == ["✅ 导入", "取消"]
    assert await s.exams.scores(1) == []  # not before 导入
    await officer.press(clean, "导入")
    assert "✅ 已导入 5 人的成绩" in await said(officer)
    card = await officer.next_message()
    assert "已录成绩 5/8 人 · 平均 79.3 分" in (card.text or "")
    assert await scores_by_name(bot) == {"王小明": 85.0, "ZC-2001": 70.0, "ZC-2002": 66.0,
                                         "赵六六": 80.0, "周九妹": 95.5}
    assert await score_changes(bot) == ["file:5"] and await s.flows.get(5002) is None

    # A second table overwrites, and says so first; 取消 keeps the old scores.
    update = xlsx_bytes([["姓名", "成绩"], ["王小明", 90], ["孙七斤", 59.5]])
    clean = await upload(officer, card, update, "补考.xlsx")
    assert "2 人有成绩" in (clean.text or "")
    assert "其中 1 人已有成绩，将改成表格里的分数" in (clean.text or "")
    await officer.press(clean, "取消")
    assert "已取消，没有导入成绩" in await said(officer)
    assert (await scores_by_name(bot))["王小明"] == 85.0
    card = await import_file(officer, card, update, "补考.xlsx")
    assert "已录成绩 6/8 人" in (card.text or "")
    assert await scores_by_name(bot) == {"王小明": 90.0, "ZC-2001": 70.0, "ZC-2002": 66.0,
                                         "赵六六": 80.0, "周九妹": 95.5, "孙七斤": 59.5}
    assert await score_changes(bot) == ["file:5", "file:2"]


# ---- the score board -----------------------------------------------------------------------

async def test_board_preview_and_post_once_per_version(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s = bot.services
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    # An emoji and a rare character the font may lack; a name too long for its column.
    await add_members(bot, ["王小明", "刘星星🌟", "欧阳慕容长风万里云天外客", "𠮷田"])
    card = await create_exam(officer)

    answered = await officer.press(card, "公布到班组群")
    assert answered.show_alert and "还没有录入成绩" in (answered.text or "")
    await officer.press(card, "预览成绩牌")
    assert "还没有录入成绩" in await said(officer)

    card = await import_file(officer, card, xlsx_bytes(
        [["姓名", "成绩"], ["王小明", 85], ["刘星星🌟", 92.5], ["欧阳慕容长风万里云天外客", 85],
         ["𠮷田", 60], ["李主任", "缺考"]]))
    answered = await officer.press(card, "公布到班组群")
    assert answered.show_alert and "本班组还没有登记班组群" in (answered.text or "")
    exam = await s.exams.get(1)
    assert exam is not None and exam.posted_at is None

    group = await team_group(stub, officer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await officer.press(card, "预览成绩牌")
        preview = await officer.next_message()
    assert glyph_warnings(caught) == []
    assert preview.caption and "预览：还没有公布" in preview.caption
    check_board(photo_bytes(stub, preview))
    await group.no_message(within=1.0)  # a preview goes to the officer only
    exam = await s.exams.get(1)
    assert exam is not None and exam.posted_at is None

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answered = await officer.press(card, "公布到班组群")
    assert glyph_warnings(caught) == [], glyph_warnings(caught)
    assert not answered.show_alert and "已公布：1 张图，发往 1 个群" in (answered.text or "")
    posted_card = await officer.next_message()
    assert "成绩牌已公布到班组群" in (posted_card.text or "")
    board = await group.next_message()
    assert board.caption == f"📢 成绩公布：安全规程（{TODAY}）"
    first = photo_bytes(stub, board)
    check_board(first)
    assert png_size(first)[0] == 1080
    exam = await s.exams.get(1)
    assert exam is not None and exam.posted_current

    for message in (card, posted_card):  # the same scores again: refused
        answered = await officer.press(message, "公布到班组群")
        assert answered.show_alert and "已经公布过" in (answered.text or "")
    await group.no_message(within=1.5)

    bot.clock.advance(minutes=10)
    await officer.press(posted_card, "逐个录入")
    await officer.press(await officer.next_message(), "𠮷田 ✓60")
    await officer.send("61")
    await officer.press(await next_with(officer, "✅ 𠮷田：61 分"), "完成")
    changed_card = await officer.next_message()
    assert "公布后成绩有改动，需要重新公布" in (changed_card.text or "")
    answered = await officer.press(changed_card, "公布到班组群")
    assert "已公布：1 张图" in (answered.text or "")
    again = await group.next_message()
    second = photo_bytes(stub, again)
    check_board(second)
    assert second != first
    assert "成绩牌已公布到班组群" in await said(officer)
    history = await audit.history(s.db, "exam", 1)
    assert [e.to_state for e in history].count("posted") == 2


async def big_team_exam(bot: BotUnderTest, stub: BotApiStub,
                        admin: UserHandle) -> tuple[UserHandle, GroupHandle, Message]:
    """45 members of 综采一班 (the officer and 44 workers), all scored, and a team chat:
    the board is three pages of at most 20 rows (board_page_size)."""
    officer = await make_officer(bot, stub, admin, 5002, "李主任")
    surnames, given = "赵钱孙李周吴郑王冯", "建国海燕红旗晓东立新"
    names = [surnames[i % 9] + given[2 * (i // 9):2 * (i // 9) + 2] for i in range(44)]
    assert len(set(names)) == 44
    await add_members(bot, names)
    group = await team_group(stub, officer)
    card = await create_exam(officer)
    rows = [["姓名", "成绩"], ["李主任", "100"]]
    rows += [[name, str(55 + i % 45)] for i, name in enumerate(names)]
    card = await import_file(officer, card, csv_bytes(rows), "全班.csv")
    assert "已录成绩 45/45 人" in (card.text or "")
    return officer, group, card


def check_album(stub: BotApiStub, album: list[Message], caption: str) -> None:
    """Three board pages sent as one album, the caption under the first."""
    group_id = album[0].data.get("media_group_id")
    assert group_id and all(m.data.get("media_group_id") == group_id for m in album)
    assert album[0].caption and caption in album[0].caption
    assert album[1].caption is None and album[2].caption is None
    images = [photo_bytes(stub, m) for m in album]
    for image in images:
        check_board(image)
    assert len(set(images)) == 3
    heights = [png_size(image)[1] for image in images]
    assert heights[0] == heights[1] > heights[2], heights  # 20 + 20 + 5 rows


async def test_a_big_team_board_preview_is_a_private_album(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer, group, card = await big_team_exam(bot, stub, admin)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await officer.press(card, "预览成绩牌")
        album = [await officer.next_message() for _ in range(3)]
    assert glyph_warnings(caught) == []
    check_album(stub, album, "预览：还没有公布")
    await officer.no_message(within=0.3)
    await group.no_message(within=1.0)
    exam = await bot.services.exams.get(1)
    assert exam is not None and exam.posted_at is None


async def test_a_big_team_board_is_posted_as_an_album(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer, group, card = await big_team_exam(bot, stub, admin)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answered = await officer.press(card, "公布到班组群")
    assert glyph_warnings(caught) == []
    assert "已公布：3 张图，发往 1 个群" in (answered.text or "")
    album = [await group.next_message(timeout=3.0) for _ in range(3)]
    check_album(stub, album, "成绩公布")
    assert [r.method for r in stub.requests
            if str(r.params.get("chat_id")) == str(group.id)
            and r.method.lower() in ("sendphoto", "sendmediagroup")] == ["sendMediaGroup"]
    await group.no_message(within=1.0)
