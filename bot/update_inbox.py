"""Each update from Telegram handled once, even across a crash.

Polling confirms a batch to Telegram (its next getUpdates) before the batch is handled,
and a webhook answers 200 as soon as an update is queued; a process killed in between
would lose those updates. So an update is stored before it is queued and marked
handled after: at the next start whatever is stored and not handled is handled first.
A copy Telegram sends again (the last batch, never confirmed) is known and skipped.
What an update says (who sent it, a card's text, a receipt code) is stored sealed with
the seal key: the database's write-ahead log keeps old pages for a while, and must not
keep that in clear.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from bot.clock import Clock
from bot.seal import Sealer, SealError
from bot.storage.errors import StorageError
from bot.storage.inbox import InboxRepo

log = logging.getLogger(__name__)

KEEP_HANDLED = timedelta(days=1)   # ids kept this long after handling, to skip copies
FORGET_ANYWAY = timedelta(days=30)  # Telegram may restart its numbering after a week


class UpdateInbox:
    def __init__(self, repo: InboxRepo, clock: Clock, sealer: Sealer) -> None:
        self.repo = repo
        self.clock = clock
        self.sealer = sealer
        self._first_this_run: int | None = None

    async def left_over(self) -> list[dict[str, Any]]:
        """Updates stored by an earlier run and never handled, oldest first."""
        left = []
        for stored in await self.repo.everything():
            if stored.payload is None:
                continue
            try:
                left.append(json.loads(self.sealer.open_text(stored.payload)))
            except (SealError, ValueError):
                log.warning("update %d left by the last run does not open; skipped",
                            stored.update_id)
                await self.handled(stored.update_id)
        if left:
            log.warning("handling %d update(s) left unhandled by the last run", len(left))
        return left

    async def receive(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Store an update before it is queued. False: it is a copy of one already
        stored or handled, and must not be queued."""
        if self._first_this_run is None:
            self._first_this_run = update_id
        sealed = self.sealer.seal_text(json.dumps(payload, ensure_ascii=False))
        return await self.repo.add(update_id, sealed, self.clock.now())

    async def handled(self, update_id: int) -> None:
        try:
            await self.repo.handled(update_id, self.clock.now())
        except StorageError as exc:  # the database closing under a last update
            log.warning("could not mark update %d handled: %s", update_id, exc)

    async def prune(self) -> int:
        """Forget handled updates older than a day. Those from before this run's first
        update are kept until then: Telegram may still send them again."""
        now = self.clock.now()
        if self._first_this_run is None:
            return await self.repo.prune(now - FORGET_ANYWAY)
        return await self.repo.prune(now - KEEP_HANDLED, below=self._first_this_run) + \
            await self.repo.prune(now - FORGET_ANYWAY)
