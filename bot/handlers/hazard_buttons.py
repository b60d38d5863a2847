"""Hazard buttons (`h:<action>:<hazard>`): handlers confirm, reject, mark duplicates and
verify; the owner (or a handler for a department) reports the fix with photos.

Every press is checked against the presser's current roles and the hazard's state;
a forged, repeated or late press changes nothing and is answered.
"""

from __future__ import annotations

from telegram import Update

from bot import hazard_actions
from bot.flows import new_flow
from bot.handlers.common import Ctx, answer, caller, edit_pressed
from bot.handlers.flows import open_in_private
from bot.hazard_views import handler_buttons
from bot.hazards import Hazard, HazardStatus, may_verify
from bot.limits import as_id
from bot.roles import Actor
from bot.services import Services

# action → (the state it needs, the step it opens in the presser's private chat)
STEPS = {"ok": (HazardStatus.REPORTED, "owner_team"), "no": (HazardStatus.REPORTED, "reject"),
         "dup": (HazardStatus.REPORTED, "dup"), "redo": (HazardStatus.FIXED, "redo_reason"),
         "fix": (HazardStatus.CONFIRMED, "photos")}


async def on_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    parts = query.data.split(":")
    action = parts[1] if len(parts) == 3 else ""
    hazard_id = as_id(parts[2]) if len(parts) == 3 else None
    hazard = await s.hazards.get(hazard_id) if hazard_id is not None else None
    if hazard is None or (action not in STEPS and action != "pass"):
        await answer(update, s.texts.get(lang, "item-not-found"), alert=True)
        return
    allowed = hazard_actions.may_fix(actor, hazard) if action == "fix" else \
        hazard_actions.may_handle(actor, hazard)
    if not allowed:
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    if action == "pass":
        await _show(update, s, lang, await hazard_actions.verify(s, actor, hazard.id),
                    "hazard-done-verified")
        return
    wanted, step = STEPS[action]
    if hazard.status is not wanted:
        await refuse(update, s, lang, await hazard_actions.handled(s, hazard))
        return
    if action == "redo" and not may_verify(hazard, actor.member_id):
        await answer(update, s.texts.get(lang, "hazard-verify-own"), alert=True)
        return
    await _start(update, context, s, actor, lang, hazard, step)


async def refuse(update: Update, s: Services, lang: str, done: hazard_actions.Done) -> None:
    args = {}
    if done.key == "hazard-already-handled" and done.hazard is not None:
        args = {"state": s.texts.get(lang, f"hazard-status-{done.hazard.status}"),
                "by": done.by}
    await answer(update, s.texts.get(lang, done.key or "button-stale", **args), alert=True)


async def _show(update: Update, s: Services, lang: str, done: hazard_actions.Done,
                result_key: str) -> None:
    if not done.ok or done.hazard is None:
        await refuse(update, s, lang, done)
        return
    hazard = await s.hazards.get(done.hazard.id) or done.hazard
    user = update.effective_user
    text = await hazard_actions.full_text(s, lang, hazard)
    result = s.texts.get(lang, result_key, by=user.full_name if user else "-")
    await edit_pressed(update, f"{text}\n\n{result}", handler_buttons(s.texts, lang, hazard))
    await answer(update)


async def _start(update: Update, context: Ctx, s: Services, actor: Actor, lang: str,
                 hazard: Hazard, step: str) -> None:
    """Continue in the presser's private chat: a reason, a number, an owner, photos."""
    flow = "hzfix" if step == "photos" else "hzact"
    state = new_flow(actor.tg_user_id, flow, step, s.clock.now(), hazard_id=hazard.id)
    await open_in_private(update, context, state)
