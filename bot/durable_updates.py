"""The Application's side of the update inbox (bot/update_inbox.py): a queue that
stores each update before queueing it, and an Application that marks it handled."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.update_inbox import UpdateInbox


class DurableQueue(asyncio.Queue[object]):
    """Both the polling Updater and the webhook server put updates here."""

    inbox: UpdateInbox | None = None

    async def put(self, item: object) -> None:
        if self.inbox is not None and isinstance(item, Update):
            if not await self.inbox.receive(item.update_id, item.to_dict()):
                return  # a copy Telegram sent again: stored already, or handled
        await super().put(item)

    async def open(self, inbox: UpdateInbox, app: Application[Any, Any, Any, Any, Any, Any],
                   ) -> None:
        """Before polling starts: queue what the last run left unhandled, then store
        whatever comes."""
        for data in await inbox.left_over():
            await super().put(Update.de_json(data, app.bot))
        self.inbox = inbox


class DurableApplication(Application[Any, Any, Any, Any, Any, Any]):
    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            queue = self.update_queue
            if isinstance(update, Update) and isinstance(queue, DurableQueue) \
                    and queue.inbox is not None:
                await queue.inbox.handled(update.update_id)
