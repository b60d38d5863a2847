"""The shared 30/s budget: what Telegram counts, replies before the outbox (but for
every fourth slot), slots that were never used come back at once. No timing is
asserted: only who is served."""

from __future__ import annotations

import asyncio

import pytest

from bot.ratelimit import Budget, counted


@pytest.mark.parametrize(("method", "is_counted"), [
    ("sendMessage", True), ("sendMediaGroup", True), ("editMessageText", True),
    ("editMessageReplyMarkup", True), ("copyMessage", True), ("forwardMessage", True),
    ("pinChatMessage", False), ("deleteMessage", False), ("sendChatAction", False),
    ("answerCallbackQuery", False), ("getChatMember", False), ("setMyCommands", False),
])
def test_counted_are_the_calls_telegram_counts_as_messages(method: str,
                                                           is_counted: bool) -> None:
    assert counted(method) is is_counted


@pytest.mark.parametrize(("rate", "size", "period"), [
    (30, 30, 1.0), (25.5, 25, 25 / 25.5), (2, 2, 1.0), (0.5, 1, 2.0)])
def test_a_rate_becomes_slots_and_a_period(rate: float, size: int, period: float) -> None:
    budget = Budget.per_second(rate)
    assert (budget.size, budget.period) == (size, pytest.approx(period))


def test_a_budget_needs_a_slot() -> None:
    with pytest.raises(ValueError):
        Budget(0)


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_an_urgent_caller_is_served_before_background_ones_waiting_longer() -> None:
    budget = Budget(1, period=60, spacing=0)
    await budget.take(urgent=True)
    background = asyncio.create_task(budget.take())
    await _settle()
    urgent = asyncio.create_task(budget.take(urgent=True))
    await _settle()
    assert budget.waiting == 2
    budget.unused()
    await _settle()
    assert urgent.done() and not background.done()
    budget.unused()
    await _settle()
    assert background.done() and budget.waiting == 0


async def test_a_used_slot_is_not_free_at_once_but_an_unused_one_is() -> None:
    budget = Budget(1, period=60, spacing=0)
    await budget.take(urgent=True)
    budget.done()  # comes back a minute later
    waiter = asyncio.create_task(budget.take(urgent=True))
    await _settle()
    assert not waiter.done()
    budget.unused()  # as if the slot were handed back unused
    await _settle()
    assert waiter.done()


async def test_a_cancelled_waiter_gives_its_place_away() -> None:
    budget = Budget(1, period=60, spacing=0)
    await budget.take(urgent=True)
    gone = asyncio.create_task(budget.take(urgent=True))
    await _settle()
    gone.cancel()
    await _settle()
    assert budget.waiting == 0
    budget.unused()
    await budget.take(urgent=True)  # the slot was not lost to the cancelled waiter


async def test_every_fourth_slot_goes_to_a_waiting_background_caller() -> None:
    budget = Budget(1, period=60, spacing=0)
    await budget.take(urgent=True)
    background = asyncio.create_task(budget.take())
    await _settle()
    urgent = [asyncio.create_task(budget.take(urgent=True)) for _ in range(5)]
    await _settle()
    served = []
    for _ in range(6):
        budget.unused()
        await _settle()
        served.append("background" if background.done() and "background" not in served
                      else "urgent")
    assert served == ["urgent", "urgent", "urgent", "background", "urgent", "urgent"]
    assert all(task.done() for task in urgent)
