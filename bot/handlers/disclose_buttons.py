"""The buttons of 厂务公开: a chair's 批准发布 / 退回 (`da:<id>:ok|no`), the drafter's
修改后重新提交 and 更正 and the unread lists (`dd:<id>:…`), and 已阅 under a post in a
group (`dr:<id>`). The 退回 comment and the 更正 text are typed steps of their own."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update

from bot import disclosure_actions as actions
from bot.disclosures import approval_refusal, clean_comment, clean_correction
from bot.flows import FlowState, new_flow
from bot.handlers import disclose_draft, disclose_lists
from bot.handlers.common import Buttons, Ctx, answer, caller, edit_pressed, in_private, say
from bot.handlers.flows import (
    add_flow,
    button,
    open_in_private,
    save_and_prompt,
    show_prompt,
    typed_text,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services


async def _cleaned(update: Update, s: Services, lang: str, state: FlowState,
                   clean: Callable[[str], str]) -> str | None:
    """The typed text, cleaned; None after asking again (no text, or not acceptable)."""
    text = await typed_text(update, s, lang, state)
    if text is None:
        return None
    try:
        return clean(text)
    except InvalidInput as bad:
        await show_prompt(update, s, lang, state,
                          s.texts.get(lang, bad.key, **bad.args_for_text))
        return None


class ReturnComment:
    """退回: the chair writes why, in their private chat."""

    name = "dback"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        return s.texts.get(lang, "disclose-ask-comment", id=str(state.data["id"])), []

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        await show_prompt(update, s, lang, state)

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        comment = await _cleaned(update, s, lang, state, clean_comment)
        if comment is None:
            return
        await s.flows.delete(actor.tg_user_id)
        done = await actions.give_back(s, actor, int(state.data["id"]), comment)
        if done.ok:
            await say(update, s.texts.get(lang, "disclose-return-done", id=str(state.data["id"])))
        else:
            await say(update, s.texts.get(lang, done.key, by=done.by))


class Correction:
    """更正: the text of a correction, previewed, then submitted like a draft."""

    name = "dfix"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        data = state.data
        if state.step == "preview":
            return s.texts.get(lang, "disclose-fix-preview", id=str(data["parent_id"]),
                               body=str(data["body"])), [[
                (s.texts.get(lang, "btn-disclose-submit"), button(self.name, "preview", "ok")),
                (s.texts.get(lang, "btn-cancel"), button(self.name, "preview", "cancel"))]]
        return s.texts.get(lang, "disclose-ask-fix", id=str(data["parent_id"])), []

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        body = await _cleaned(update, s, lang, state, clean_correction)
        if body is None:
            return
        await save_and_prompt(update, s, lang, state.at("preview", s.clock.now(), body=body))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        if state.step != "preview" or value not in ("ok", "cancel"):
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))
            return
        if value == "cancel":
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "cancel-done",
                                          flow=s.texts.get(lang, "flow-dfix")))
            return
        parent = await s.disclosures.get(int(state.data["parent_id"]))
        if parent is None or not actions.may_correct(actor, parent):
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "not-allowed"))
            return
        done = await actions.submit(s, actor, state)
        if not done.ok:
            await say(update, s.texts.get(lang, done.key))
            return
        assert done.disclosure is not None
        await say(update, s.texts.get(lang, "disclose-fix-submitted",
                                      id=str(done.disclosure.id), count=done.count))


add_flow(ReturnComment())
add_flow(Correction())


async def on_decision(update: Update, context: Ctx) -> None:
    """da:<id>:ok | da:<id>:no — a chair approves, or starts returning, a draft."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    _, raw, action = [*query.data.split(":"), "", ""][:3]
    number = as_id(raw)
    if number is None or action not in ("ok", "no"):
        await answer(update, s.texts.get(lang, "button-stale"), alert=True)
        return
    if action == "ok":
        done = await actions.approve(s, actor, number)
        if not done.ok:
            await answer(update, s.texts.get(lang, done.key, by=done.by), alert=True)
            return
        await edit_pressed(update, s.texts.get(lang, "disclose-approve-done", id=str(number),
                                               count=done.count))
        await answer(update)
        return
    d = await s.disclosures.get(number)
    refusal = None if d is None else approval_refusal(actor.is_chair, actor.member_id, d.drafted_by)
    if d is None or refusal:
        await answer(update, s.texts.get(lang, refusal or "item-not-found"), alert=True)
        return
    if d.status != "pending":
        late = await actions.decided(s, d)
        await answer(update, s.texts.get(lang, late.key, by=late.by), alert=True)
        return
    await open_in_private(update, context, new_flow(actor.tg_user_id, "dback", "comment",
                                                    s.clock.now(), id=number))


async def on_drafter(update: Update, context: Ctx) -> None:
    """dd:<id>:redo | dd:<id>:fix | dd:<id>:unread:<team> | dd:<id>:teams."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    parts = query.data.split(":")
    number = as_id(parts[1]) if len(parts) > 2 else None
    action = parts[2] if len(parts) > 2 else ""
    if number is None:
        await answer(update, s.texts.get(lang, "button-stale"), alert=True)
        return
    if action == "redo":
        data = await actions.redo_data(s, actor, number)
        if data is None:
            await answer(update, s.texts.get(lang, "button-stale"), alert=True)
            return
        await answer(update)
        await disclose_draft.start_disclose(update, context, **data)
        return
    if action == "fix":
        d = await s.disclosures.get(number)
        if d is None or d.status != "approved" or d.is_correction \
                or not actions.may_correct(actor, d):
            await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
            return
        await open_in_private(update, context, new_flow(actor.tg_user_id, "dfix", "text",
                                                        s.clock.now(), parent_id=number))
        return
    await disclose_lists.on_unread(update, context, number, parts[2:])


async def on_read(update: Update, context: Ctx) -> None:
    """dr:<id> — 已阅 under a post: counted once per member and chat."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    number = as_id(query.data.removeprefix("dr:"))
    message = query.message
    if number is None or message is None:
        await answer(update, s.texts.get(lang, "button-stale"))
        return
    done = await actions.read(s, actor, number, message.chat.id, message.message_id)
    alert = done.key == "disclose-read-register"
    await answer(update, s.texts.get(lang, done.key, count=done.count,
                                     bot=s.bot_username), alert=alert)
