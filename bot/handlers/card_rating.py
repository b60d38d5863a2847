"""The author rates an answer: 满意 / 基本满意 / 不满意 (with a short reason, which
reopens the card). Buttons carry the reply id (`c:rate:<reply>:<rating>`) or, for a
fully anonymous card, the receipt code (`c:rk:<code>:<rating>`)."""

from __future__ import annotations

from telegram import Update

from bot import card_actions, queries
from bot.cards import Card, Rating, Reply, clean_reason
from bot.flows import FlowState, new_flow
from bot.handlers.card_steps import start_step
from bot.handlers.common import Buttons, Ctx, answer, caller, edit_pressed, say
from bot.handlers.flows import STEP_FLOWS, add_flow, show_prompt
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services

NAME = "cardrate"


async def _target(s: Services, actor: Actor, kind: str,
                  ref: str) -> tuple[Card, Reply] | None:
    """The card and its latest reply, if the presser may rate it."""
    if kind == "rk":
        card = await queries.by_receipt(s, ref)
        reply = await s.cards.latest_reply(card.id) if card else None
    else:
        reply_id = as_id(ref)
        reply = await s.cards.reply(reply_id) if reply_id is not None else None
        card = await s.cards.get(reply.card_id) if reply else None
        if card is not None and not await queries.is_author(s, actor, card):
            return None
    if card is None or reply is None:
        return None
    return card, reply


async def on_rate(update: Update, context: Ctx, parts: list[str]) -> None:
    s, actor, lang = await caller(update, context)
    kind, ref, value = [*parts, "", "", ""][1:4]
    found = await _target(s, actor, kind, ref)
    if found is None or value not in set(Rating):
        await answer(update, s.texts.get(lang, "item-not-found"), alert=True)
        return
    card, reply = found
    if reply.rating is not None or reply.round != card.rounds:
        await answer(update, s.texts.get(lang, "card-rate-done"), alert=True)
        return
    rating = Rating(value)
    if rating is Rating.UNSATISFIED:
        # A receipt code is never written down next to who holds it: it waits in memory
        # only (a restart in between asks for /check again).
        if kind == "rk":
            _held_codes(s)[actor.tg_user_id] = ref
        state = new_flow(actor.tg_user_id, NAME, "reason", s.clock.now(), kind=kind,
                         ref="" if kind == "rk" else ref)
        if not await start_step(s, state, allowed=STEP_FLOWS):
            await answer(update, s.texts.get(lang, "flow-busy", flow=""), alert=True)
            return
        await answer(update)
        await say(update, s.texts.get(lang, "card-ask-unsatisfied"))
        return
    done = await card_actions.rate(s, card, reply, rating)
    await answer(update, s.texts.get(lang, "card-rate-thanks" if done.ok else done.key))
    if done.ok:
        await edit_pressed(update, s.texts.get(lang, "card-rated-note", id=str(card.id),
                                               rating=value))


def _held_codes(s: Services) -> dict[int, str]:
    codes = s.extras.setdefault("rating-receipt-codes", {})
    assert isinstance(codes, dict)
    return codes


class UnsatisfiedReason:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        return s.texts.get(lang, "card-ask-unsatisfied"), []

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        await show_prompt(update, s, lang, state)

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        try:
            reason = clean_reason(message.text if message else None)
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, s.texts.get(lang, bad.key,
                                                                   **bad.args_for_text))
            return
        kind, ref = str(state.data["kind"]), str(state.data["ref"])
        if kind == "rk":
            ref = _held_codes(s).pop(actor.tg_user_id, "")
        await s.flows.delete(actor.tg_user_id)
        if kind == "rk" and not ref:
            await say(update, s.texts.get(lang, "card-check-again"))
            return
        found = await _target(s, actor, kind, ref)
        if found is None:
            await say(update, s.texts.get(lang, "item-not-found"))
            return
        card, reply = found
        done = await card_actions.rate(s, card, reply, Rating.UNSATISFIED, reason)
        await say(update, s.texts.get(lang, "card-reopened-you" if done.ok else done.key,
                                      id=str(card.id),
                                      days=s.config.cards.reply_days))


add_flow(UnsatisfiedReason())
