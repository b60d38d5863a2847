"""The typed part of an officer's or leader's card action, in their private chat:
a return reason, the card a duplicate repeats, who answered and the answer (代录),
a leader's own answer (回复), or why a suggestion is not adopted."""

from __future__ import annotations

from telegram import Update

from bot import card_actions
from bot.card_notices import full_text
from bot.card_views import department_name, officer_buttons
from bot.cards import Outcome, clean_reason, clean_replier, clean_reply, parse_card_ref
from bot.flows import FlowState
from bot.handlers.common import Buttons, say
from bot.handlers.flows import add_flow, save_and_prompt, show_prompt, typed_text
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services

NAME = "cardact"
STEP_PROMPTS = {
    "return": "card-ask-return-reason",
    "dup": "card-ask-duplicate-of",
    "who": "card-ask-replier",
    "reply": "card-ask-reply",
    "decline": "card-ask-decline-reason",
}


async def start_step(s: Services, state: FlowState,
                     allowed: tuple[str, ...] | None = None) -> bool:
    """Open the step unless the user is in the middle of something else (an unfinished
    step of one of the `allowed` flows is replaced)."""
    current = await s.flows.get(state.tg_user_id)
    if current is not None and current.name not in (allowed or (NAME, state.name)):
        return False
    await s.flows.save(state)
    return True


class CardStep:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        return s.texts.get(lang, STEP_PROMPTS[state.step], id=str(state.data["card_id"])), []

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        await show_prompt(update, s, lang, state)

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        text = await typed_text(update, s, lang, state)
        if text is None:
            return
        card_id = int(state.data["card_id"])
        step = state.step
        try:
            if step == "who":
                replier = clean_replier(text)
                await save_and_prompt(update, s, lang,
                                      state.at("reply", s.clock.now(), replier=replier))
                return
            if step == "return":
                done = await card_actions.close_early(s, actor, card_id, "return",
                                                      reason=clean_reason(text))
            elif step == "dup":
                done = await card_actions.close_early(s, actor, card_id, "duplicate",
                                                      duplicate_of=parse_card_ref(text))
            elif step == "decline":
                done = await card_actions.set_outcome(s, actor, card_id, Outcome.DECLINED,
                                                      clean_reason(text))
            else:
                done = await self._reply(s, actor, state, clean_reply(text))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, s.texts.get(lang, bad.key,
                                                                   **bad.args_for_text))
            return
        if done.key == "card-duplicate-bad":
            await show_prompt(update, s, lang, state, s.texts.get(lang, done.key))
            return
        await s.flows.delete(actor.tg_user_id)
        await self._report(update, s, actor, lang, done, step)

    @staticmethod
    async def _reply(s: Services, actor: Actor, state: FlowState,
                     body: str) -> card_actions.Done:
        card_id = int(state.data["card_id"])
        proxy = bool(state.data.get("proxy", True))
        if proxy:
            replier = str(state.data.get("replier") or "-")
        else:
            card = await s.cards.get(card_id)
            dept = department_name(s.config, card.department if card else None)
            replier = f"{dept} {actor.name}"
        return await card_actions.record_reply(s, actor, card_id, body, replier, proxy)

    @staticmethod
    async def _report(update: Update, s: Services, actor: Actor, lang: str,
                      done: card_actions.Done, step: str) -> None:
        if not done.ok or done.card is None:
            args = {"state": "", "by": done.by}
            if done.key == "card-already-handled" and done.card is not None:
                from bot.card_views import status_label

                args["state"] = status_label(s.texts, lang, done.card, s.config)
            await say(update, s.texts.get(lang, done.key or "button-stale", **args))
            return
        card = await s.cards.get(done.card.id) or done.card
        result = s.texts.get(lang, f"card-step-done-{step}", id=str(card.id))
        text = await full_text(s, lang, card)
        rows = officer_buttons(s.texts, lang, card) if actor.officer_of(card.team_id) else None
        await say(update, f"{result}\n\n{text}", rows)


add_flow(CardStep())
