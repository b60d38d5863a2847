"""Simulated users for bench_throughput: closed-loop steps through the stand-in, each
timed from the update being queued to the bot's reply arriving.

A step pushes one update (a message or a button press) and waits for the reply it
expects: a new bot message in the user's chat that shows a needle (in its text or on a
button), or for a press on a message the bot edits, that message showing it. A press
also waits for the callback answer. Messages the step does not wait for (notices from
other users' work) are skipped, as a person would scroll past them.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from bot.stub import BotApiStub, Message, UserHandle

STEP_TIMEOUT = 30.0
T = TypeVar("T")


@dataclass
class Recorder:
    """Latencies of the steps that end inside the measuring window (time.monotonic(),
    the stand-in's clock for its request log), and the Bot API calls made inside it."""

    start_at: float
    end_at: float
    latencies: list[float] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)

    def running(self) -> bool:
        return time.monotonic() < self.end_at

    def add(self, began: float, ended: float) -> None:
        if self.start_at <= ended <= self.end_at:
            self.latencies.append(ended - began)

    def count_calls(self, stub: BotApiStub) -> None:
        self.calls.update(r.method for r in stub.requests
                          if self.start_at <= r.at <= self.end_at and r.method != "getUpdates")

    def calls_shown(self) -> str:
        """'1.8 Bot API calls per update (sendMessage 1.0, …)', getUpdates left out."""
        n = max(len(self.latencies), 1)
        each = ", ".join(f"{m} {c / n:.2f}" for m, c in self.calls.most_common())
        return f"{sum(self.calls.values()) / n:.2f} Bot API calls per update ({each})"

    @property
    def per_second(self) -> float:
        return len(self.latencies) / (self.end_at - self.start_at)

    def percentile_ms(self, p: float) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return cuts[round(p) - 1] * 1000


async def until(stub: BotApiStub, found: Callable[[], T | None], what: str = "",
                chat: int | None = None, within: float = STEP_TIMEOUT) -> T:
    """Wait for `found()` to return something; the stand-in wakes us on each change."""
    deadline = time.monotonic() + within
    while True:
        got = found()
        if got is not None:
            return got
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            tail = "" if chat is None else "\n".join(stub.transcript(chat).splitlines()[-12:])
            raise AssertionError(f"no reply within {within:.0f}s: {what}\n{tail}")
        await stub.wait_change(remaining)


def shows(message: Message, needle: str) -> bool:
    return needle in (message.text or "") or any(needle in b for b in message.button_texts())


class Driver:
    """One simulated user: acts, waits for the reply, records the latency."""

    def __init__(self, stub: BotApiStub, user: UserHandle, rec: Recorder) -> None:
        self.stub = stub
        self.user = user
        self.rec = rec
        self.chat = stub.messages.setdefault(user.id, [])  # add_message appends here
        self.last: Message | None = None

    def _new_from_bot(self, since: int, needle: str) -> Callable[[], Message | None]:
        def found() -> Message | None:
            for message in reversed(self.chat[since:]):
                if message.from_bot and shows(message, needle):
                    return message
            return None
        return found

    async def _timed(self, act: Callable[[], Awaitable[object]], needle: str,
                     on: Message | None = None) -> Message:
        since = len(self.chat)
        edits = on.edits if on is not None else 0
        began = time.monotonic()
        await act()
        if on is not None:
            edited = on

            def changed() -> Message | None:
                return edited if edited.edits > edits and shows(edited, needle) else None

            reply = await until(self.stub, changed, chat=self.user.id,
                                what=f"{self.user.name}: {needle!r} on the edited message")
        else:
            reply = await until(self.stub, self._new_from_bot(since, needle),
                                what=f"{self.user.name}: a message showing {needle!r}",
                                chat=self.user.id)
        self.rec.add(began, time.monotonic())
        self.last = reply
        return reply

    async def send(self, text: str, needle: str) -> Message:
        """A message (or /command); the reply is a new message showing `needle`."""
        return await self._timed(lambda: self.user.send(text), needle)

    async def press(self, label: str, needle: str, on: Message | None = None,
                    edits: bool = False) -> Message:
        """Press `label` on `on` (default: the last reply); the reply is a new message
        showing `needle`, or with `edits` the pressed message itself showing it."""
        target = on or self.last
        assert target is not None, "nothing to press on"
        return await self._timed(
            lambda: self.user.press(target, label, timeout=STEP_TIMEOUT), needle,
            on=target if edits else None)

    async def answered(self, on: Message, label: str) -> None:
        """Press `label` on `on`; the reply is the callback answer alone."""
        began = time.monotonic()
        await self.user.press(on, label, timeout=STEP_TIMEOUT)
        self.rec.add(began, time.monotonic())

    async def next_showing(self, needle: str, since: int, within: float) -> Message | None:
        """A bot message from `since` on showing `needle`, or None after `within` s."""
        try:
            return await until(self.stub, self._new_first(since, needle), within=within)
        except AssertionError:
            return None

    def _new_first(self, since: int, needle: str) -> Callable[[], Message | None]:
        def found() -> Message | None:
            for message in self.chat[since:]:
                if message.from_bot and shows(message, needle):
                    return message
            return None
        return found
