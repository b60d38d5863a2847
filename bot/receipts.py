"""What a 提交 press made, so that pressing 提交 again gives its number.

The receipt is sent after the item is committed; a process killed in between leaves
the person with no number, and a fully anonymous card's receipt code nowhere. So the
press is remembered for a day, in the same transaction as the item: a later press on
the same preview gets the receipt again if it was never said, or a short reminder of
the number if it was. The record is keyed by a keyed hash of the person and sealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from bot.seal import SealError
from bot.services import Services
from bot.storage import receipts as store
from bot.storage.db import Tx

KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Made:
    kind: str  # the name of the flow that made it
    item_id: int
    code: str = ""  # a fully anonymous card's receipt code
    said: bool = False


async def remember(tx: Tx, s: Services, tg_user_id: int, message_id: int | None,
                   made: Made) -> None:
    """Inside the transaction that stores the item."""
    if message_id is None:
        return
    now = s.clock.now()
    sealed = s.sealer.seal_text(json.dumps([made.kind, made.item_id, made.code]))
    await store.prune(tx, now - KEEP)
    await store.keep(tx, s.sealer.tag(tg_user_id), message_id, sealed, now)


async def recall(s: Services, tg_user_id: int, message_id: int) -> Made | None:
    found = await store.find(s.db, s.sealer.tag(tg_user_id), message_id,
                             s.clock.now() - KEEP)
    if found is None:
        return None
    try:
        kind, item_id, code = json.loads(s.sealer.open_text(found[0]))
    except (SealError, ValueError):
        return None
    return Made(str(kind), int(item_id), str(code), found[1])


async def said(s: Services, tg_user_id: int, message_id: int | None) -> None:
    """The receipt reached the person."""
    if message_id is not None:
        await store.mark_said(s.db, s.sealer.tag(tg_user_id), message_id)


async def prune(tx: Tx, s: Services) -> int:
    return await store.prune(tx, s.clock.now() - KEEP)
