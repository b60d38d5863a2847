"""/delete_my_data: a member asks to be forgotten. Asked once more, with what goes and
what the branch keeps without their name; then done in one transaction."""

from __future__ import annotations

from telegram import Update

from bot.flows import FlowState, new_flow
from bot.handlers.common import Buttons, Ctx, caller, say
from bot.handlers.flows import add_flow, button, resumed, save_and_prompt, show_prompt
from bot.roles import Actor
from bot.services import Services
from bot.storage.privacy import forget_member

NAME = "forget"


class Forget:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        return s.texts.get(lang, "forget-ask"), [[
            (s.texts.get(lang, "btn-forget-yes"), button(NAME, "confirm", "yes")),
            (s.texts.get(lang, "btn-cancel"), button(NAME, "confirm", "no"))]]

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        if value == "no":
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "forget-kept"))
            return
        if value != "yes" or actor.member_id is None:
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "forget-nothing"))
            return
        await s.flows.delete(actor.tg_user_id)
        await forget_member(s.db, actor.member_id, actor.tg_user_id,
                            s.sealer.tag(actor.tg_user_id), s.clock.now())
        await say(update, s.texts.get(lang, "forget-done"))


add_flow(Forget())


async def delete_my_data(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if actor.member_id is None:
        await say(update, s.texts.get(lang, "forget-nothing"))
        return
    if await resumed(update, s, lang, actor.tg_user_id, NAME):
        return
    await save_and_prompt(update, s, lang, new_flow(actor.tg_user_id, NAME, "confirm",
                                                    s.clock.now()))
