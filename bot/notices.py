"""Messages composed before a change and queued in the outbox in the same transaction
as the change they report (`flush`): a number given means its notices are queued, and
a change that lost a race queues nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.outbox import URGENT
from bot.services import Services
from bot.storage import outbox as outbox_store
from bot.storage.db import Tx

Buttons = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Outgoing:
    chat_id: int
    method: str
    payload: dict[str, Any]
    ref: str | None
    urgent: bool = False  # ahead of everything else, and not held by quiet hours


async def flush(s: Services, tx: Tx, outgoing: list[Outgoing]) -> None:
    now = s.clock.now()
    for item in outgoing:
        await outbox_store.enqueue(tx, item.chat_id, item.method, item.payload,
                                   s.mail.send_time(now, item.urgent), now,
                                   priority=URGENT if item.urgent else 0, ref=item.ref)


def message(s: Services, chat_id: int, text: str, buttons: Buttons | None = None,
            ref: str | None = None, urgent: bool = False) -> Outgoing:
    return Outgoing(chat_id, "sendMessage", s.mail.payload(text, buttons), ref, urgent)


def album(chat_id: int, file_ids: Sequence[str | dict[str, int]], ref: str | None,
          urgent: bool = False, caption: str | None = None) -> list[Outgoing]:
    """Photos as one message: a single photo, or an album of up to ten. A photo is a
    Telegram file id or {"file": id} of an image the bot made (storage.outbox.add_file);
    the caption (HTML) goes under the first."""
    if not file_ids:
        return []
    extra: dict[str, Any] = {"caption": caption, "parse_mode": "HTML"} if caption else {}
    if len(file_ids) == 1:
        return [Outgoing(chat_id, "sendPhoto", {"photo": file_ids[0], **extra}, ref, urgent)]
    media = [{"type": "photo", "media": f, **(extra if i == 0 else {})}
             for i, f in enumerate(file_ids)]
    return [Outgoing(chat_id, "sendMediaGroup", {"media": media}, ref, urgent)]
