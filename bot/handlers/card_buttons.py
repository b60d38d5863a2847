"""Card buttons (`c:<action>:<card>[:<arg>]`): officers accept, return, mark duplicates,
record answers and outcomes and publish; leaders answer; authors rate the answer.

Every press is checked against the presser's current roles and the card's current
state; a forged, repeated or late press changes nothing and is answered.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot import card_actions, queries
from bot.card_notices import full_text
from bot.card_views import (
    department_buttons,
    department_name,
    officer_buttons,
    status_label,
)
from bot.cards import Card, CardStatus, Outcome
from bot.flows import new_flow
from bot.handlers.common import Ctx, answer, caller, edit_pressed, inline
from bot.handlers.flows import open_in_private
from bot.limits import as_id
from bot.roles import Actor
from bot.services import Services

OFFICER_ACTIONS = {"acc", "back", "dep", "ret", "dup", "prx", "out", "pub", "pto"}


async def on_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    parts = query.data.split(":")
    action = parts[1] if len(parts) > 2 else ""
    arg = parts[3] if len(parts) > 3 else ""
    if action in ("rate", "rk"):
        from bot.handlers.card_rating import on_rate

        await on_rate(update, context, parts)
        return
    card_id = as_id(parts[2]) if len(parts) > 2 else None
    card = await s.cards.get(card_id) if card_id is not None else None
    if card is None or not (action in OFFICER_ACTIONS or action == "rep"):
        await answer(update, s.texts.get(lang, "item-not-found"), alert=True)
        return
    if action == "rep":
        await _leader_reply(update, context, s, actor, lang, card)
        return
    if not actor.officer_of(card.team_id):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    if action in ("acc", "back"):
        await _choose_department(update, s, lang, card, back=action == "back")
    elif action == "dep":
        await _show(update, s, lang, await card_actions.accept(s, actor, card.id, arg),
                    "card-done-accepted", department=department_name(s.config, arg))
    elif action in ("ret", "dup", "prx") or (action == "out" and arg == "declined"):
        step = {"ret": "return", "dup": "dup", "prx": "who", "out": "decline"}[action]
        await _start_step(update, context, s, actor, lang, card, step)
    elif action == "out" and arg in (Outcome.IMPLEMENTED, Outcome.PARTIAL):
        done = await card_actions.set_outcome(s, actor, card.id, Outcome(arg))
        await _show(update, s, lang, done, "card-done-outcome",
                    outcome=s.texts.get(lang, f"card-outcome-{arg}"))
    elif action == "pub":
        await _choose_chat(update, s, lang, card)
    elif action == "pto" and as_id(arg, signed=True) is not None:
        done = await card_actions.publish(s, actor, card.id, int(arg))
        if done.ok:
            await answer(update, s.texts.get(lang, "card-done-published"), alert=True)
        else:
            await _refuse(update, s, lang, done)
    else:
        await answer(update, s.texts.get(lang, "button-stale"))


async def _refuse(update: Update, s: Services, lang: str, done: card_actions.Done) -> None:
    args = {}
    if done.key == "card-already-handled" and done.card is not None:
        args = {"state": status_label(s.texts, lang, done.card, s.config), "by": done.by}
    await answer(update, s.texts.get(lang, done.key or "button-stale", **args), alert=True)


async def _show(update: Update, s: Services, lang: str, done: card_actions.Done,
                result_key: str, **args: str) -> None:
    """After an action: the pressed message shows the card as it is now, what was done and
    by whom, and the buttons that fit its new state."""
    if not done.ok or done.card is None:
        await _refuse(update, s, lang, done)
        return
    card = await s.cards.get(done.card.id) or done.card
    user = update.effective_user
    result = s.texts.get(lang, result_key, by=user.full_name if user else "-", **args)
    text = await full_text(s, lang, card)
    await edit_pressed(update, f"{text}\n\n{result}", officer_buttons(s.texts, lang, card))
    await answer(update)


async def _choose_department(update: Update, s: Services, lang: str, card: Card,
                             back: bool) -> None:
    if card.status is not CardStatus.NEW and not back:
        await _refuse(update, s, lang, await card_actions.handled(s, card))
        return
    query = update.callback_query
    assert query is not None
    rows = officer_buttons(s.texts, lang, card) if back else \
        department_buttons(s.texts, lang, s.config, card)
    try:
        await query.edit_message_reply_markup(inline(rows) if rows else None)
    except BadRequest:  # pressed twice: the markup is already what we set
        pass
    await answer(update)


async def _choose_chat(update: Update, s: Services, lang: str, card: Card) -> None:
    from bot.cards import may_publish

    if not may_publish(card):
        await answer(update, s.texts.get(lang, "card-publish-not-allowed"), alert=True)
        return
    chats = await card_actions.publish_chats(s, card)
    if not chats:
        await answer(update, s.texts.get(lang, "card-publish-no-chat"), alert=True)
        return
    rows = [[(c.title or str(c.chat_id), f"c:pto:{card.id}:{c.chat_id}")] for c in chats]
    rows.append([(s.texts.get(lang, "btn-back"), f"c:back:{card.id}")])
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(inline(rows))
    except BadRequest:
        pass
    await answer(update)


async def _leader_reply(update: Update, context: Ctx, s: Services, actor: Actor, lang: str,
                        card: Card) -> None:
    if not await queries.may_reply(s, actor, card):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    await _start_step(update, context, s, actor, lang, card, "reply", proxy=False)


async def _start_step(update: Update, context: Ctx, s: Services, actor: Actor, lang: str,
                      card: Card, step: str, proxy: bool = True) -> None:
    """Ask for the reason, card number or answer in the presser's private chat."""
    wanted = {"return": CardStatus.NEW, "dup": CardStatus.NEW, "who": CardStatus.ACCEPTED,
              "reply": CardStatus.ACCEPTED, "decline": CardStatus.REPLIED}[step]
    if card.status is not wanted:
        await _refuse(update, s, lang, await card_actions.handled(s, card))
        return
    state = new_flow(actor.tg_user_id, "cardact", step, s.clock.now(), card_id=card.id,
                     proxy=proxy)
    await open_in_private(update, context, state)
