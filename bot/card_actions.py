"""What can be done to a card, who may do it, and who hears about it.

No Telegram here. Each action checks the actor's right from their current roles,
composes the notices, then changes the card and queues the notices in one
transaction; the first of two racing actions wins and the second learns who did it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot import card_notices as notices
from bot import queries, receipts
from bot.card_views import department_name, leader_buttons, rating_buttons
from bot.cards import (
    Card,
    CardStatus,
    Identity,
    Outcome,
    Rating,
    Reply,
    due_date,
    next_status,
)
from bot.flows import FlowState
from bot.notices import Outgoing, flush, message
from bot.queries import registered_leaders
from bot.roles import Actor
from bot.seal import new_receipt_code
from bot.services import Services
from bot.storage import cards as store
from bot.storage import flows as flow_store
from bot.storage.cards import NewCard
from bot.storage.chats import Chat


@dataclass(frozen=True)
class Done:
    """The result of an action: `key` names the text explaining a refusal."""

    ok: bool
    card: Card | None = None
    key: str = ""
    by: str = ""
    receipt: str | None = None


async def _refusal(s: Services, card: Card | None, actor: Actor,
                   officer: bool = True) -> Done | None:
    if card is None:
        return Done(False, key="item-not-found")
    if officer and not actor.officer_of(card.team_id):
        return Done(False, card, key="not-allowed")
    return None


async def handled(s: Services, card: Card) -> Done:
    """A press that came too late: the card moved on; the caller says to what, and who."""
    fresh = await s.cards.get(card.id) or card
    by_id = fresh.handled_by or fresh.accepted_by
    by = await s.members.get(by_id) if by_id else None
    return Done(False, fresh, key="card-already-handled", by=by.name if by else "-")


async def submit(s: Services, actor: Actor, draft: FlowState,
                 pressed: int | None = None) -> Done:
    """Store the draft as a card and queue it to the officers, exactly once: the draft
    is consumed in the same transaction, so a repeated press stores nothing. The press
    on preview message `pressed` is remembered with it (bot/receipts.py)."""
    data = draft.data
    identity = Identity(str(data["identity"]))
    now = s.clock.now()
    receipt = new_receipt_code() if identity is Identity.SECRET else None
    new = NewCard(
        team_id=actor.team_id, category=str(data["category"]), body=str(data["body"]),
        identity=identity,
        author_member_id=actor.member_id if identity is Identity.NAMED else None,
        publish_ok=bool(data.get("publish_ok")) and identity is Identity.NAMED,
        photos=tuple(str(p) for p in data.get("photos") or []),
        owner_tag=s.sealer.tag(actor.tg_user_id) if identity is not Identity.SECRET else None,
        sealed_chat=s.sealer.seal(actor.tg_user_id) if identity is Identity.ANONYMOUS
        else None,
        receipt_hash=s.sealer.code_hash(receipt) if receipt else None,
        disclosure_id=int(data["disclosure_id"]) if data.get("disclosure_id") else None,
    )
    due = due_date(now, s.config.tz, s.config.cards.reply_days)
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return Done(False, key="button-stale")
        card_id = await store.insert(tx, new, now, due)
        card = await s.cards.get(card_id)
        assert card is not None
        await receipts.remember(tx, s, actor.tg_user_id, pressed,
                                receipts.Made(draft.name, card_id, receipt or ""))
        await flush(s, tx, await notices.to_officers(s, card, "card-heading-new"))
    s.mail.wake()
    return Done(True, card, receipt=receipt)


async def accept(s: Services, actor: Actor, card_id: int, department: str) -> Done:
    card = await s.cards.get(card_id)
    refused = await _refusal(s, card, actor)
    if refused or card is None:
        return refused or Done(False)
    if department not in {d.code for d in s.config.cards.departments}:
        return Done(False, card, key="item-not-found")
    if card.status is not CardStatus.NEW:
        return await handled(s, card)
    now = s.clock.now()
    after = replace(card, status=CardStatus.ACCEPTED, department=department,
                    accepted_by=actor.member_id)
    outgoing = await _to_leaders(s, after, "card-heading-forwarded")
    outgoing += await notices.to_author(s, after, "card-accepted-you",
                                        department=department_name(s.config, department))
    async with s.db.tx() as tx:
        if not await store.transition(tx, card.id, "accept", actor.member_id, now,
                                      department=department, accepted_by=actor.member_id,
                                      accepted_at=now, handled_by=actor.member_id):
            return await handled(s, card)
        await flush(s, tx, outgoing)
    s.mail.wake()
    return Done(True, after)


async def _to_leaders(s: Services, card: Card, heading: str,
                      with_photos: bool = True) -> list[Outgoing]:
    leaders = await registered_leaders(s, card.department)
    return await notices.to_officers(
        s, card, heading, targets=leaders, with_photos=with_photos,
        buttons=lambda lang: leader_buttons(s.texts, lang, card)) if leaders else []


async def close_early(s: Services, actor: Actor, card_id: int, action: str,
                      reason: str | None = None, duplicate_of: int | None = None) -> Done:
    """退回 (return, with a reason) or 重复 (duplicate of another card)."""
    card = await s.cards.get(card_id)
    refused = await _refusal(s, card, actor)
    if refused or card is None:
        return refused or Done(False)
    if duplicate_of is not None:
        other = await s.cards.get(duplicate_of)
        if other is None or other.id == card.id:
            return Done(False, card, key="card-duplicate-bad")
    if card.status is not CardStatus.NEW:
        return await handled(s, card)
    now = s.clock.now()
    after = replace(card, status=next_status(card.status, action), return_reason=reason,
                    duplicate_of=duplicate_of, handled_by=actor.member_id)
    if action == "return":
        outgoing = await notices.to_author(s, after, "card-returned-you", reason=reason or "")
        fields: dict[str, object] = {"return_reason": reason}
    else:
        outgoing = await notices.to_author(s, after, "card-duplicate-you",
                                           of=str(duplicate_of))
        fields = {"duplicate_of": duplicate_of}
    async with s.db.tx() as tx:
        if not await store.transition(tx, card.id, action, actor.member_id, now, reason,
                                      handled_by=actor.member_id, **fields):
            return await handled(s, card)
        await flush(s, tx, outgoing)
    s.mail.wake()
    return Done(True, after)


async def record_reply(s: Services, actor: Actor, card_id: int, body: str, replier: str,
                       proxy: bool) -> Done:
    """The department's answer: from a registered leader (回复) or recorded by an officer
    on their behalf (代录). It goes to the author with rating buttons."""
    card = await s.cards.get(card_id)
    if card is None:
        return Done(False, key="item-not-found")
    if proxy:
        allowed = actor.officer_of(card.team_id)
    else:
        allowed = await queries.may_reply(s, actor, card)
    if not allowed:
        return Done(False, card, key="not-allowed")
    if card.status is not CardStatus.ACCEPTED:
        return await handled(s, card)
    now = s.clock.now()
    round_no = card.rounds + 1
    after = replace(card, status=CardStatus.REPLIED, rounds=round_no,
                    first_replied_at=card.first_replied_at or now)
    async with s.db.tx() as tx:
        if not await store.transition(tx, card.id, "reply", actor.member_id, now,
                                      rounds=round_no, replied_at=now,
                                      first_replied_at=card.first_replied_at or now):
            return await handled(s, card)
        reply_id = await store.add_reply(tx, card.id, round_no, body, replier,
                                         None if proxy else actor.member_id,
                                         actor.member_id if proxy else None, now)
        await flush(s, tx, await _reply_notices(s, actor, after, reply_id, replier,
                                                        body))
    s.mail.wake()
    return Done(True, after)


async def _reply_notices(s: Services, actor: Actor, card: Card, reply_id: int, replier: str,
                         body: str) -> list[Outgoing]:
    out = await notices.to_author(
        s, card, "card-replied-you", replier=replier, body=body,
        buttons=lambda lang: rating_buttons(s.texts, lang, f"rate:{reply_id}"))
    for duplicate in await s.cards.duplicates_of(card.id):
        out += await notices.to_author(s, duplicate, "card-replied-dup-you", of=str(card.id),
                                       replier=replier, body=body)
    accepted_by = await s.members.get(card.accepted_by) if card.accepted_by else None
    if accepted_by and accepted_by.id != actor.member_id:
        out += await notices.to_officers(s, card, "card-heading-replied",
                                         targets=[accepted_by.tg_user_id], with_photos=False)
    return out


async def set_outcome(s: Services, actor: Actor, card_id: int, outcome: Outcome,
                      reason: str | None = None) -> Done:
    card = await s.cards.get(card_id)
    refused = await _refusal(s, card, actor)
    if refused or card is None:
        return refused or Done(False)
    if card.status is not CardStatus.REPLIED:
        return await handled(s, card)
    now = s.clock.now()
    after = replace(card, status=CardStatus.CLOSED, outcome=outcome, outcome_reason=reason)
    outgoing = await notices.to_author(s, after, "card-outcome-you", outcome=outcome.value,
                                       reason=reason or "-")
    for duplicate in await s.cards.duplicates_of(card.id):
        outgoing += await notices.to_author(s, duplicate, "card-outcome-dup-you",
                                            of=str(card.id), outcome=outcome.value,
                                            reason=reason or "-")
    async with s.db.tx() as tx:
        if not await store.transition(tx, card.id, "outcome", actor.member_id, now, reason,
                                      outcome=outcome, outcome_reason=reason,
                                      outcome_by=actor.member_id, outcome_at=now):
            return await handled(s, card)
        await flush(s, tx, outgoing)
    s.mail.wake()
    return Done(True, after)


async def rate(s: Services, card: Card, reply: Reply, rating: Rating,
               reason: str | None = None) -> Done:
    """The author rates the latest reply; 不满意 reopens the card with a fresh clock.
    The caller has checked that the presser is the author; no actor is recorded."""
    if reply.rating is not None or reply.round != card.rounds:
        return Done(False, card, key="card-rate-done")
    now = s.clock.now()
    reopen = rating is Rating.UNSATISFIED and card.status in (CardStatus.REPLIED,
                                                              CardStatus.CLOSED)
    after = card
    outgoing: list[Outgoing] = []
    if reopen:
        due = due_date(now, s.config.tz, s.config.cards.reply_days)
        after = replace(card, status=CardStatus.ACCEPTED, due_on=due, outcome=None,
                        reopened=card.reopened + 1)
        outgoing = await notices.to_officers(
            s, after, "card-heading-reopened",
            extra=lambda lang: s.texts.get(lang, "card-reopened-reason", reason=reason or "-"),
            with_photos=False)
        outgoing += await _to_leaders(s, after, "card-heading-reopened", with_photos=False)
    async with s.db.tx() as tx:
        if not await store.rate(tx, reply.id, rating, reason, now):
            return Done(False, card, key="card-rate-done")
        if reopen and not await store.transition(
                tx, card.id, "reopen", None, now, reason, due_on=after.due_on.isoformat(),
                outcome=None, outcome_reason=None, reopened=after.reopened):
            raise RuntimeError("card changed while being reopened")
        await flush(s, tx, outgoing)
    s.mail.wake()
    return Done(True, after)


async def publish_chats(s: Services, card: Card) -> list[Chat]:
    """Where a card's answer may be published: the branch chats and its own team's."""
    return [c for c in await s.chats.groups()
            if c.status == "active" and (c.purpose == "branch" or
                                         (c.purpose == "team" and c.team_id == card.team_id))]


async def publish(s: Services, actor: Actor, card_id: int, chat_id: int) -> Done:
    """公开答复: the card and its replies to a group chat, without who wrote it."""
    from bot.card_views import may_publish, reply_text

    card = await s.cards.get(card_id)
    refused = await _refusal(s, card, actor)
    if refused or card is None:
        return refused or Done(False)
    if not may_publish(card):
        return Done(False, card, key="card-publish-not-allowed")
    if chat_id not in {c.chat_id for c in await publish_chats(s, card)}:
        return Done(False, card, key="card-publish-wrong-chat")
    lang = s.texts.language(None)
    replies = await s.cards.replies(card.id)
    text = "\n\n".join([s.texts.get(lang, "card-public", id=str(card.id),
                                    category=card.category, body=card.body),
                        *(reply_text(s.texts, lang, r, s.config) for r in replies)])
    now = s.clock.now()
    async with s.db.tx() as tx:
        if not await store.add_publication(tx, card.id, chat_id, actor.member_id, now):
            return Done(False, card, key="card-publish-again")
        await flush(s, tx, [message(s, chat_id, text, ref=f"card:{card.id}")])
    s.mail.wake()
    return Done(True, card)
