"""Shared steps for the study tests: logging a note, creating an exam, a team chat."""

from __future__ import annotations

from bot.demo_study import xlsx_table as xlsx_bytes
from bot.stub import Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker
from tests.e2e.test_cards_anonymity import team_group

__all__ = ["create_exam", "log_study", "make_officer", "make_worker", "team_group",
           "xlsx_bytes"]


async def log_study(worker: UserHandle, notes: str | None = "学了顶板管理规定",
                    photos: int = 0, kind: str = "操作规程", minutes: str = "60 分钟",
                    day: str = "今天") -> Message:
    """Log a study note through the whole flow; returns the bot's confirmation."""
    await worker.command("/study")
    await worker.press(await worker.next_message(), kind)
    ask_minutes = await worker.next_message()
    if minutes.endswith("分钟") and any(b == minutes for b in ask_minutes.button_texts()):
        await worker.press(ask_minutes, minutes)
    else:
        await worker.send(minutes)
    ask_day = await worker.next_message()
    if day in ("今天", "昨天"):
        await worker.press(ask_day, day)
    else:
        await worker.send(day)
    last = await worker.next_message()
    assert "学习笔记" in (last.text or ""), last.text
    if notes is not None:
        await worker.send(notes)
        last = await worker.next_message()
    for n in range(photos):
        await worker.send_photo(b"\x89PNG notebook page %d" % n)
        last = await worker.next_message()
    await worker.press(last, "保存")
    return await worker.next_message()


async def create_exam(officer: UserHandle, subject: str = "安全规程", full: str = "100",
                      team_button: str | None = None) -> Message:
    """/exam through to the created exam's card."""
    await officer.command("/exam")
    first = await officer.next_message()
    if team_button is not None:
        await officer.press(first, team_button)
        first = await officer.next_message()
    assert "科目" in (first.text or ""), first.text
    await officer.send(subject)
    await officer.press(await officer.next_message(), "今天")
    ask_full = await officer.next_message()
    if full in ("100", "50", "10"):
        await officer.press(ask_full, full)
    else:
        await officer.send(full)
    preview = await officer.next_message()
    assert "请核对" in (preview.text or ""), preview.text
    await officer.press(preview, "建立")
    card = await officer.next_message()
    assert "考试已建立" in (card.text or ""), card.text
    return card
