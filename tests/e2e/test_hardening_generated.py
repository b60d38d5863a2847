"""Generated updates (hypothesis): every media type in every conversation step, edited
messages, commands known and unknown, presses of the current prompt and of anything at
all, 4,096-unit Chinese/emoji/RTL/zero-width text, HTML-looking text in names and bodies
→ 0 unhandled exceptions, 0 replies over Telegram's limits or refused by the stand-in,
no user text rendered as markup, no conversation knocked out of its step.

One bot per test. Hypothesis generates the plans — lists of actions, each for one of
eleven lanes (registration, /card, /hazard, /study, /delete_my_data, /visit, /disclose,
/exam, an officer handling cards, a supervisor handling hazards, a chair approving
disclosures) — then they run one after the other against the running bot, every action
checked as it lands (tests/e2e/generated_helpers.py). A run prints its figures and the
seed; HARDENING_SEED=<seed> replays it. CI runs ≥ 1,000 generated updates; the slow
version ≥ 10,000."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import time
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.disclosure_helpers import team_group
from tests.e2e.generated_helpers import LANES, World
from tests.e2e.generated_strategies import Action, damaged_xlsx, long_field_csv, plans
from tests.e2e.study_helpers import create_exam
from tests.harness import BotUnderTest


def generate(examples: int, min_size: int, max_size: int, run_seed: int) -> list[list[Action]]:
    """`examples` plans drawn by hypothesis (generation only: the plans run afterwards
    against one running bot, whose state no replay or shrink could restore)."""
    drawn: list[list[Action]] = []

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.large_base_example])
    @given(plans(len(LANES), min_size, max_size))
    def collect(plan: list[Action]) -> None:
        drawn.append(plan)

    collect()
    return drawn


@pytest.fixture
async def world(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
                monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    w = World(bot, stub, admin)
    w.install(monkeypatch)
    try:
        await w.setup()
        yield w
    finally:
        w.uninstall()


async def _run(world: World, examples: int, min_size: int, max_size: int,
               at_least: int) -> None:
    run_seed = int(os.environ.get("HARDENING_SEED") or random.randrange(2**32))
    began = time.monotonic()
    drawn = generate(examples, min_size, max_size, run_seed)
    generated_in = time.monotonic() - began
    for plan in drawn:
        await world.run(plan)
    print(f"\n[generated updates] seed {run_seed}: {len(drawn)} plans generated in "
          f"{generated_in:.1f} s\n{world.report()}")
    assert not world.violation_counts, f"seed {run_seed}\n{world.report()}"
    assert world.figures.updates >= at_least, world.report()


async def test_generated_updates_keep_the_bot_sound(world: World) -> None:
    """CI: ≥ 1,000 generated updates across all eleven lanes."""
    await _run(world, examples=40, min_size=26, max_size=34, at_least=1000)


@pytest.mark.slow
@pytest.mark.timeout(3600)
async def test_ten_thousand_generated_updates(world: World) -> None:
    """The long run: ≥ 10,000 generated updates."""
    await _run(world, examples=340, min_size=28, max_size=34, at_least=10_000)


# ---- regression tests for the bugs the generated updates found (all fixed) ---------------

HTML_NAME = "<b>x</b> & <a href='x'>"


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_named_cards_author_name_is_shown_literally(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    worker = await make_worker(bot, stub, 3001, HTML_NAME)
    await write_card(worker, "回风巷积水，请安排排水。")
    for _ in range(100):  # the notice comes through the outbox
        notices = [m for m in stub.bot_messages(officer.id) if "新信息卡" in (m.text or "")]
        if notices:
            break
        await asyncio.sleep(0.05)
    assert notices, "the officer never got the card:\n" + stub.transcript()
    assert f"署名：{HTML_NAME}" in (notices[0].text or "")
    # Shown as typed (the tags are text): the only bold is the heading's own.
    bold = [e for e in notices[0].data.get("entities", []) if e["type"] == "bold"]
    assert len(bold) == 1 and bold[0]["offset"] < (notices[0].text or "").index("署名")


async def _to_disclose_chats(officer: UserHandle) -> Message:
    """/disclose up to the question which group chats (the draft's fifth step)."""
    await officer.press(await _to_disclose_attachment(officer), "不加附件")
    return await officer.next_message()


async def _to_disclose_attachment(officer: UserHandle) -> Message:
    """/disclose up to the question about an attachment (the draft's fourth step)."""
    await officer.command("/disclose")
    await officer.press(await officer.next_message(), "工资")
    ask_period = await officer.next_message()
    await officer.press(ask_period, ask_period.button_texts()[1])
    await officer.next_message()
    await officer.send("十月工资")
    await officer.next_message()
    await officer.send("10月工资已发放。")
    return await officer.next_message()


async def test_a_group_title_in_a_chat_button_is_shown_literally(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await team_group(stub, officer, -1001000000777, "综采一班<b>群</b> & 家")
    ask_chats = await _to_disclose_chats(officer)
    assert "▫️ 综采一班<b>群</b> & 家" in ask_chats.button_texts(), ask_chats.button_texts()


async def test_a_typed_name_in_the_write_as_is_button_is_shown_literally(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await officer.command("/visit")
    await officer.press(await officer.next_message(), "谈心")
    await officer.next_message()
    await officer.send("A&B <i>")
    whom = await officer.next_message()
    assert any("A&B <i>" in label for label in whom.button_texts()), whom.button_texts()


def _damaged_workbook() -> bytes:
    """A real .xlsx whose workbook part is cut off (a half-written download)."""
    return damaged_xlsx([["姓名", "成绩"], ["王小明", "90"]], "xl/workbook.xml", b"garbage<<")


@pytest.mark.parametrize(("label", "data", "filename"), [
    ("damaged xlsx", "damaged", "成绩.xlsx"),
    ("csv field over 128 KiB", "long", "成绩.csv"),
])
async def test_an_unreadable_score_table_is_refused_politely(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture, label: str, data: str, filename: str) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    card = await create_exam(officer)
    await officer.press(card, "上传成绩表")
    assert "请上传成绩表" in ((await officer.next_message()).text or "")
    payload = _damaged_workbook() if data == "damaged" else long_field_csv(140_000)
    await officer.send_document(payload, filename)
    answer = await officer.next_message()
    await stub.wait_idle()
    assert errors_logged(caplog) == [], label
    assert "打不开" in (answer.text or ""), answer.text
    state = await bot.services.flows.get(officer.id)
    assert state is not None and (state.name, state.step) == ("examfile", "file")


async def test_a_damaged_table_attachment_is_refused_politely(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle,
        caplog: pytest.LogCaptureFixture) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await _to_disclose_attachment(officer)
    await officer.send_document(_damaged_workbook(), "工资表.xlsx")
    await officer.next_message()
    await stub.wait_idle()
    assert errors_logged(caplog) == []
    state = await bot.services.flows.get(officer.id)
    assert state is not None and (state.name, state.step) == ("disclose", "attach")


async def test_visit_notes_are_shown_literally(bot: BotUnderTest, stub: BotApiStub,
                                               admin: UserHandle) -> None:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await officer.command("/visit")
    await officer.press(await officer.next_message(), "谈心")
    await officer.press(await officer.next_message(), "没登记的人")
    await officer.next_message()
    await officer.send("老王")
    await officer.press(await officer.next_message(), "今天")
    await officer.next_message()
    notes = "月收入<2000元，家里<b>困难</b> & 老人住院。"
    await officer.send(notes)
    await officer.press(await officer.next_message(), "完成")
    await officer.press(await officer.next_message(), "不需要")
    await stub.wait_idle()
    previews = [m for m in stub.bot_messages(officer.id) if "请核对" in (m.text or "")]
    assert previews, "no preview reached the officer:\n" + stub.transcript(officer.id)
    assert notes in (previews[-1].text or "")
