"""The typed part of handling a hazard, in the handler's private chat.

`hzact`: confirming (owner: a team then a member, or a department; then a deadline),
不属实 (a reason), 重复 (a number), 未整改到位 (a reason, then a new deadline).
`hzfix`: 已整改 — at least one photo of the result, then 完成.
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update

from bot import hazard_actions
from bot.cards import clean_reason, parse_card_ref
from bot.flows import FlowState
from bot.handlers.common import Buttons, say
from bot.handlers.flows import add_flow, add_photo, button, save_and_prompt, show_prompt, typed_text
from bot.hazard_views import handler_buttons
from bot.hazards import MAX_PHOTOS, check_deadline, clean_owner_name, parse_deadline
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor, MemberStatus
from bot.services import Services

DEADLINE_DAYS = (0, 3, 7)


def _today(s: Services) -> date:
    return s.clock.now().astimezone(s.config.tz).date()


class HazardStep:
    name = "hzact"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, hid = s.texts, state.step, str(state.data["hazard_id"])
        if step == "owner_team":
            rows = [[(team.name, button(self.name, step, str(team.id)))]
                    for team in await s.teams.all()]
            rows.append([(t.get(lang, "btn-hazard-department"), button(self.name, step, "dept"))])
            return t.get(lang, "hazard-ask-owner", id=hid), rows
        if step == "owner_member":
            members = await s.members.in_team(int(state.data["team_id"]), MemberStatus.ACTIVE)
            rows = [[(m.name, button(self.name, step, str(m.id)))] for m in members[:40]]
            rows.append([(t.get(lang, "btn-back"), button(self.name, step, "back"))])
            return t.get(lang, "hazard-ask-owner-member", id=hid), rows
        if step == "owner_dept":
            depts = s.config.hazards.departments
            rows = [[(d, button(self.name, step, str(i)))] for i, d in enumerate(depts)]
            return t.get(lang, "hazard-ask-owner-dept", id=hid), rows
        if step in ("deadline", "redo_deadline"):
            rows = [[(t.get(lang, f"btn-deadline-{d}"), button(self.name, step, str(d)))
                     for d in DEADLINE_DAYS]]
            key = "hazard-ask-deadline" if step == "deadline" else "hazard-ask-redo-deadline"
            return t.get(lang, key, id=hid), rows
        return t.get(lang, f"hazard-ask-{step.replace('_', '-')}", id=hid), []

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        now, step = s.clock.now(), state.step
        if step == "owner_team" and value == "dept":
            await save_and_prompt(update, s, lang, state.at("owner_dept", now))
        elif step == "owner_team" and as_id(value) is not None and await s.teams.get(int(value)):
            await save_and_prompt(update, s, lang, state.at("owner_member", now,
                                                            team_id=int(value)))
        elif step == "owner_member" and value == "back":
            await save_and_prompt(update, s, lang, state.at("owner_team", now))
        elif step == "owner_member" and as_id(value) is not None:
            member = await s.members.get(int(value))
            if member is None or member.status is not MemberStatus.ACTIVE:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
                return
            await save_and_prompt(update, s, lang, state.at("deadline", now,
                                                            owner_member_id=member.id))
        elif step == "owner_dept" and as_id(value) is not None and \
                int(value) < len(s.config.hazards.departments):
            name = s.config.hazards.departments[int(value)]
            await save_and_prompt(update, s, lang, state.at("deadline", now, owner_name=name))
        elif step in ("deadline", "redo_deadline") and as_id(value) is not None and \
                int(value) in DEADLINE_DAYS:
            await self._finish(update, s, actor, lang, state,
                               _today(s) + timedelta(days=int(value)))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        text = await typed_text(update, s, lang, state)
        if text is None:
            return
        step, now = state.step, s.clock.now()
        try:
            if step == "owner_dept":
                await save_and_prompt(update, s, lang, state.at(
                    "deadline", now, owner_name=clean_owner_name(text)))
            elif step in ("deadline", "redo_deadline"):
                await self._finish(update, s, actor, lang, state,
                                   parse_deadline(text, _today(s)))
            elif step == "redo_reason":
                await save_and_prompt(update, s, lang, state.at(
                    "redo_deadline", now, reason=clean_reason(text)))
            elif step in ("reject", "dup"):
                await self._finish(update, s, actor, lang, state, None, text)
            else:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, s.texts.get(lang, bad.key,
                                                                   **bad.args_for_text))

    async def _finish(self, update: Update, s: Services, actor: Actor, lang: str,
                      state: FlowState, deadline: date | None, text: str = "") -> None:
        hid, data, step = int(state.data["hazard_id"]), state.data, state.step
        if deadline is not None:
            check_deadline(deadline, _today(s))
        if step == "deadline" and deadline is not None:
            done = await hazard_actions.confirm(
                s, actor, hid, data.get("owner_member_id"), data.get("owner_name"), deadline)
        elif step == "redo_deadline" and deadline is not None:
            done = await hazard_actions.redo(s, actor, hid, str(data["reason"]), deadline)
        elif step == "reject":
            done = await hazard_actions.close_early(s, actor, hid, "reject",
                                                    reason=clean_reason(text))
        else:
            done = await hazard_actions.close_early(s, actor, hid, "duplicate",
                                                    duplicate_of=parse_card_ref(text))
            if done.key == "hazard-duplicate-bad":
                await show_prompt(update, s, lang, state, s.texts.get(lang, done.key))
                return
        await s.flows.delete(actor.tg_user_id)
        await report(update, s, actor, lang, done, f"hazard-step-done-{step}")


async def report(update: Update, s: Services, actor: Actor, lang: str,
                 done: hazard_actions.Done, key: str) -> None:
    if not done.ok or done.hazard is None:
        state = s.texts.get(lang, f"hazard-status-{done.hazard.status}") if done.hazard \
            else ""
        await say(update, s.texts.get(lang, done.key or "button-stale", state=state,
                                      by=done.by))
        return
    hazard = await s.hazards.get(done.hazard.id) or done.hazard
    text = await hazard_actions.full_text(s, lang, hazard)
    rows = handler_buttons(s.texts, lang, hazard) \
        if hazard_actions.may_handle(actor, hazard) else None
    await say(update, f"{s.texts.get(lang, key, id=str(hazard.id))}\n\n{text}", rows)


class HazardFix:
    name = "hzfix"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        count = len(state.data.get("photos", []))
        rows = [[(s.texts.get(lang, "btn-done"), button(self.name, "photos", "done"))]] \
            if count else []
        return s.texts.get(lang, "hazard-ask-fix-photos", id=str(state.data["hazard_id"]),
                           count=count, limit=MAX_PHOTOS), rows

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        if message is None or not message.photo:
            key = "hazard-photo-as-file" if message and message.document \
                else "hazard-fix-needs-photo"
            await show_prompt(update, s, lang, state, s.texts.get(lang, key))
            return
        await add_photo(update, s, lang, state, MAX_PHOTOS)

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        photos = tuple(str(p) for p in state.data.get("photos", []))
        if value != "done" or not photos:
            await show_prompt(update, s, lang, state,
                              s.texts.get(lang, "hazard-fix-needs-photo"))
            return
        done = await hazard_actions.fix(s, actor, int(state.data["hazard_id"]), photos)
        await s.flows.delete(actor.tg_user_id)
        await report(update, s, actor, lang, done, "hazard-step-done-fix")


add_flow(HazardStep())
add_flow(HazardFix())
