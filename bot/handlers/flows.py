"""Routes private messages and flow buttons to the user's open flow, kept in the database.

A flow is saved after every step, so a dropped connection or a restart loses nothing:
the next message continues where the user was. Flow buttons carry
`f:<flow>:<step>:<value>` and count only while the flow is at that step.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol, runtime_checkable

from telegram import Update
from telegram.constants import ParseMode

from bot import receipts
from bot.flows import FlowState, new_flow
from bot.handlers.common import Buttons, Ctx, answer, caller, inline, say
from bot.roles import Actor
from bot.services import Services


class Flow(Protocol):
    name: str

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]: ...

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None: ...

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None: ...


@runtime_checkable
class Submits(Protocol):
    """A flow whose 提交 makes a numbered item, remembered by bot/receipts.py."""

    already_key: str  # the text for a repeated press: "… #{ $id }"

    async def receipt(self, s: Services, lang: str, made: receipts.Made) -> str | None: ...


FLOWS: dict[str, Flow] = {}


def add_flow(flow: Flow) -> None:
    FLOWS[flow.name] = flow


def button(flow: str, step: str, value: str) -> str:
    return f"f:{flow}:{step}:{value}"


async def show_prompt(update: Update, s: Services, lang: str, state: FlowState,
                      prefix: str | None = None) -> None:
    text, buttons = await FLOWS[state.name].prompt(s, lang, state)
    await say(update, f"{prefix}\n\n{text}" if prefix else text, buttons)


async def save_and_prompt(update: Update, s: Services, lang: str, state: FlowState,
                          prefix: str | None = None) -> None:
    await s.flows.save(state)
    await show_prompt(update, s, lang, state, prefix)


async def open_flow(s: Services, tg_user_id: int) -> FlowState | None:
    """The user's open flow of a known kind, or None."""
    state = await s.flows.get(tg_user_id)
    if state is None or state.name not in FLOWS:
        return None
    return state


async def route_message(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    state = await open_flow(s, actor.tg_user_id)
    if state is not None:
        idle = timedelta(minutes=s.config.conversations.idle_minutes)
        if state.expired(s.clock.now(), idle):
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "flow-expired",
                                          flow=s.texts.get(lang, f"flow-{state.name}")))
            return
        await FLOWS[state.name].on_input(update, s, actor, lang, state)
        return
    if not actor.active:
        key = {"pending": "pending-wait", "deactivated": "account-deactivated"}.get(
            str(actor.status), "need-start")
        await say(update, s.texts.get(lang, key))
        return
    await say(update, s.texts.get(lang, "not-in-flow"))


async def route_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    chat = update.effective_chat
    if chat is None or chat.type != "private":  # flows live in the private chat only
        await answer(update, s.texts.get(lang, "button-stale"))
        return
    parts = query.data.split(":", 3)
    state = await open_flow(s, actor.tg_user_id)
    if (len(parts) != 4 or state is None or state.name != parts[1]
            or state.step != parts[2]):
        if not (len(parts) == 4 and await _submitted_before(update, s, actor, lang, parts)):
            await answer(update, s.texts.get(lang, "button-stale"))
        return
    await FLOWS[state.name].on_button(update, s, actor, lang, state, parts[3])
    await answer(update)


async def _submitted_before(update: Update, s: Services, actor: Actor, lang: str,
                            parts: list[str]) -> bool:
    """提交 pressed again on a preview that was submitted: the receipt again if it never
    reached the person (the process died before sending it), else its number."""
    flow, pressed = FLOWS.get(parts[1]), update.callback_query
    if parts[2:] != ["preview", "submit"] or not isinstance(flow, Submits) or \
            pressed is None or pressed.message is None:
        return False
    made = await receipts.recall(s, actor.tg_user_id, pressed.message.message_id)
    if made is None or made.kind != parts[1]:
        return False
    if made.said:
        await answer(update, s.texts.get(lang, flow.already_key, id=str(made.item_id)),
                     alert=True)
        return True
    text = await flow.receipt(s, lang, made)
    if text is None:
        return False
    await say(update, text)
    await receipts.said(s, actor.tg_user_id, pressed.message.message_id)
    await answer(update)
    return True


async def cancel(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    state = await s.flows.delete(actor.tg_user_id)
    if state is None:
        await say(update, s.texts.get(lang, "cancel-nothing"))
    else:
        await say(update, s.texts.get(lang, "cancel-done",
                                      flow=s.texts.get(lang, f"flow-{state.name}")))


def not_member_key(actor: Actor) -> str:
    """What to tell someone who may not start a member's flow."""
    return {"pending": "pending-wait", "deactivated": "account-deactivated"}.get(
        str(actor.status), "need-member")


async def resumed(update: Update, s: Services, lang: str, tg_user_id: int, name: str) -> bool:
    """True if the user already has an open flow: `name` is resumed where it was, and
    another is named so it is not clobbered."""
    state = await s.flows.get(tg_user_id)
    if state is None:
        return False
    if state.name == name:
        await show_prompt(update, s, lang, state, s.texts.get(lang, "flow-resume"))
    else:
        await say(update, s.texts.get(lang, "flow-busy",
                                      flow=s.texts.get(lang, f"flow-{state.name}")))
    return True


async def ended_if_not_member(update: Update, s: Services, actor: Actor, lang: str) -> bool:
    """At a draft's last step: someone no longer an active member loses the draft and is
    told why (True); a member goes on (False)."""
    if actor.active:
        return False
    await s.flows.delete(actor.tg_user_id)
    await say(update, s.texts.get(lang, not_member_key(actor)))
    return True


async def typed_text(update: Update, s: Services, lang: str, state: FlowState) -> str | None:
    """The text of the message, or None after asking again for text (a photo, sticker or
    voice where words are needed)."""
    message = update.effective_message
    text = message.text if message else None
    if text is None:
        await show_prompt(update, s, lang, state, s.texts.get(lang, "need-text"))
    return text


async def begin(update: Update, context: Ctx, name: str, first_step: str) -> None:
    """A member starts flow `name` (or resumes it); another open flow is not clobbered."""
    s, actor, lang = await caller(update, context)
    if await resumed(update, s, lang, actor.tg_user_id, name):
        return
    if not actor.active:
        await say(update, s.texts.get(lang, not_member_key(actor)))
        return
    await save_and_prompt(update, s, lang, new_flow(actor.tg_user_id, name, first_step,
                                                    s.clock.now()))


# Flows that a button press on an item may replace: an unfinished officer's step.
STEP_FLOWS = ("cardact", "cardrate", "hzact", "hzfix", "examone", "examfile", "dback", "dfix")


async def open_in_private(update: Update, context: Ctx, state: FlowState) -> bool:
    """Open an item's typed step (a reason, a number, photos) in the presser's private
    chat, unless they are in the middle of something else; answers the press."""
    s, actor, lang = await caller(update, context)
    current = await s.flows.get(state.tg_user_id)
    if current is not None and current.name not in STEP_FLOWS:
        await answer(update, s.texts.get(lang, "flow-busy",
                                         flow=s.texts.get(lang, f"flow-{current.name}")),
                     alert=True)
        return False
    await s.flows.save(state)
    chat = update.effective_chat
    in_private = chat is not None and chat.type == "private"
    await answer(update, None if in_private else s.texts.get(lang, "card-see-private"))
    text, rows = await FLOWS[state.name].prompt(s, lang, state)
    await context.bot.send_message(actor.tg_user_id, text, parse_mode=ParseMode.HTML,
                                   reply_markup=inline(rows) if rows else None)
    return True


async def add_photo(update: Update, s: Services, lang: str, state: FlowState,
                    limit: int) -> None:
    """A photo for the draft's `photos` step: kept by file id, at most `limit`."""
    message = update.effective_message
    assert message is not None and message.photo
    photos = list(state.data.get("photos", []))
    if len(photos) >= limit:
        await show_prompt(update, s, lang, state,
                          s.texts.get(lang, "card-photos-full", limit=limit))
        return
    photos.append(message.photo[-1].file_id)
    await s.flows.save(state.at(state.step, s.clock.now(), photos=photos))
    await say(update, s.texts.get(lang, "card-photo-added", count=len(photos), limit=limit),
              [[(s.texts.get(lang, "btn-done"), button(state.name, state.step, "done"))]])


async def preview_or_edit(update: Update, s: Services, actor: Actor, lang: str,
                          state: FlowState, value: str, editable: tuple[str, ...]) -> bool:
    """The preview's 修改 / 取消 and the edit menu, shared by the drafts; True if the
    press was one of those (提交 is the draft's own)."""
    now, step = s.clock.now(), state.step
    if step == "preview" and value == "edit":
        await save_and_prompt(update, s, lang, state.at("edit", now))
    elif step == "preview" and value == "cancel":
        await s.flows.delete(actor.tg_user_id)
        await say(update, s.texts.get(lang, "cancel-done",
                                      flow=s.texts.get(lang, f"flow-{state.name}")))
    elif step == "edit" and value in editable:
        changes: dict[str, object] = {"photos": []} if value == "photos" else {}
        await save_and_prompt(update, s, lang, state.at(value, now, editing=True, **changes))
    elif step == "edit" and value == "back":
        await save_and_prompt(update, s, lang, state.at("preview", now))
    else:
        return False
    return True
