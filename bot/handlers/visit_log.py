"""/visit (officers and chairs): a talk (谈心) or home visit (家访) into the diary —
kind, whom, the day, notes, the occasions, a follow-up — previewed and saved with this
month's progress against the quota. The naming steps are in visit_whom."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update

from bot import visit_actions
from bot.flows import FlowState, new_flow
from bot.handlers import visit_whom
from bot.handlers.common import Buttons, Ctx, answer, caller, in_private, say
from bot.handlers.flows import (
    add_flow,
    button,
    ended_if_not_member,
    preview_or_edit,
    resumed,
    save_and_prompt,
    show_prompt,
    typed_text,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.study import month_of
from bot.visit_views import draft_text, progress
from bot.visits import (
    EDITABLE,
    WHOM_STEPS,
    FollowUp,
    Kind,
    clean_help_note,
    clean_visit_notes,
    next_step,
    parse_revisit_day,
    parse_visit_day,
    toggle,
)

NAME = "visit"
REVISIT_BUTTONS = (7, 14, 30)
# Where a draft missing a part (or holding one no longer allowed) is sent back to.
FIX_STEP = {"visit-missing-kind": "kind", "visit-missing-whom": "whom",
            "visit-person-gone": "whom", "visit-missing-day": "day",
            "visit-missing-notes": "notes", "visit-missing-revisit": "revisit",
            "visit-missing-help": "help"}


def _b(s: Services, lang: str, key: str, step: str, value: str, **args: object) -> tuple[
        str, str]:
    return (s.texts.get(lang, key, **args), button(NAME, step, value))


def _revisit_button(value: str, today: date, max_days: int) -> bool:
    """A 再访 button carries its day, which must still lie ahead (a button offered
    before midnight keeps the day it showed)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return 0 < (day - today).days <= max_days


class VisitLog:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, data = s.texts, state.step, state.data
        if step in WHOM_STEPS:
            return await visit_whom.prompt(s, lang, state)
        if step == "kind":
            return t.get(lang, "visit-ask-kind"), [[
                _b(s, lang, f"visit-kind-{k.value}", "kind", k.value) for k in Kind]]
        if step == "day":
            return t.get(lang, "visit-ask-day"), [[_b(s, lang, "btn-today", "day", "0"),
                                                   _b(s, lang, "btn-yesterday", "day", "1")]]
        if step == "notes":
            return t.get(lang, "visit-ask-notes", person=str(data["person"])), []
        if step == "reasons":
            chosen = data.get("reasons") or []
            pairs = [_b(s, lang, "btn-visit-reason-on" if r in chosen else "btn-visit-reason",
                        "reasons", str(i), reason=r)
                     for i, r in enumerate(s.config.visits.reasons)]
            return t.get(lang, "visit-ask-reasons"), [
                *[pairs[i:i + 2] for i in range(0, len(pairs), 2)],
                [_b(s, lang, "btn-done", "reasons", "done")]]
        if step == "follow":
            return t.get(lang, "visit-ask-follow"), [
                [_b(s, lang, f"btn-visit-follow-{f.value}", "follow", f.value)
                 for f in FollowUp]]
        if step == "revisit":
            today = visit_actions.today(s)
            days = [today + timedelta(days=n) for n in REVISIT_BUTTONS]
            return t.get(lang, "visit-ask-revisit", days=s.config.visits.revisit_max_days), [[
                _b(s, lang, "btn-visit-in-days", "revisit", day.isoformat(), days=n,
                   day=day.strftime("%m-%d")) for n, day in zip(REVISIT_BUTTONS, days,
                                                                strict=True)]]
        if step == "help":
            return t.get(lang, "visit-ask-help", person=str(data["person"])), []
        if step == "edit":
            pairs = [_b(s, lang, f"btn-visit-edit-{e}", "edit", e) for e in EDITABLE]
            return t.get(lang, "visit-ask-edit"), [
                *[pairs[i:i + 3] for i in range(0, len(pairs), 3)],
                [_b(s, lang, "btn-back", "edit", "back")]]
        team = await s.teams.get(int(data["team_id"])) if data.get("team_id") else None
        text = draft_text(t, lang, data, team.name if team else t.get(
            lang, "visit-unregistered"))
        return text, [[_b(s, lang, "btn-save", "preview", "save"),
                       _b(s, lang, "btn-edit", "preview", "edit"),
                       _b(s, lang, "btn-cancel", "preview", "cancel")]]

    async def _next(self, update: Update, s: Services, lang: str, state: FlowState,
                    **changes: object) -> None:
        moved = state.at(state.step, s.clock.now(), **changes)
        await save_and_prompt(update, s, lang, moved.at(next_step(state.step, moved.data),
                                                        s.clock.now()))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        t, step = s.texts, state.step
        text = await typed_text(update, s, lang, state)
        if text is None:
            return
        try:
            if step in WHOM_STEPS:
                await visit_whom.on_text(update, s, actor, lang, state, text)
            elif step == "kind" and text in (t.get(lang, f"visit-kind-{k}") for k in Kind):
                kind = next(k for k in Kind if t.get(lang, f"visit-kind-{k}") == text)
                await self._next(update, s, lang, state, kind=kind.value)
            elif step == "day":
                day = parse_visit_day(text, visit_actions.today(s))
                await self._next(update, s, lang, state, day=day.isoformat())
            elif step == "notes":
                await self._next(update, s, lang, state, notes=clean_visit_notes(text))
            elif step == "revisit":
                day = parse_revisit_day(text, visit_actions.today(s),
                                        s.config.visits.revisit_max_days)
                await self._next(update, s, lang, state, revisit_on=day.isoformat())
            elif step == "help":
                await self._next(update, s, lang, state, help_note=clean_help_note(text))
            else:
                await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        step, reasons = state.step, s.config.visits.reasons
        number = as_id(value)
        today = visit_actions.today(s)
        if step in WHOM_STEPS:
            await visit_whom.on_button(update, s, actor, lang, state, value)
        elif step == "kind" and value in Kind.__members__.values():
            await self._next(update, s, lang, state, kind=value)
        elif step == "day" and value in ("0", "1"):
            day = today - timedelta(days=int(value))
            await self._next(update, s, lang, state, day=day.isoformat())
        elif step == "reasons" and number is not None and number < len(reasons):
            chosen = toggle(list(state.data.get("reasons") or []), reasons[number])
            ordered = [r for r in reasons if r in chosen]
            await save_and_prompt(update, s, lang, state.at("reasons", s.clock.now(),
                                                            reasons=ordered))
        elif step == "reasons" and value == "done":
            await self._next(update, s, lang, state)
        elif step == "follow" and value in FollowUp.__members__.values():
            await self._next(update, s, lang, state, follow=value)
        elif step == "revisit" and _revisit_button(value, today,
                                                   s.config.visits.revisit_max_days):
            await self._next(update, s, lang, state, revisit_on=value)
        elif step == "preview" and value == "save":
            await self.save(update, s, actor, lang, state)
        elif not await preview_or_edit(update, s, actor, lang, state, value, EDITABLE):
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))

    async def save(self, update: Update, s: Services, actor: Actor, lang: str,
                   state: FlowState) -> None:
        t = s.texts
        if await ended_if_not_member(update, s, actor, lang):
            return
        if not visit_actions.may_keep_diary(actor):
            await s.flows.delete(actor.tg_user_id)
            await say(update, t.get(lang, "visit-officers-only"))
            return
        try:
            done = await visit_actions.log_visit(s, actor, state)
        except InvalidInput as bad:
            fix = FIX_STEP.get(bad.key, "preview")
            await save_and_prompt(update, s, lang, state.at(fix, s.clock.now(), editing=True),
                                  t.get(lang, bad.key))
            return
        if not done.ok:
            await say(update, t.get(lang, done.key))
            return
        data = state.data
        lines = [t.get(lang, "visit-saved", id=str(done.visit_id),
                       kind=t.get(lang, f"visit-kind-{data['kind']}"),
                       person=str(data["person"]), day=str(data["day"])[5:]),
                 progress(t, lang, done.month, month_of(visit_actions.today(s)), done.tally,
                          done.quota)]
        if data.get("follow") == FollowUp.REVISIT:
            lines.append(t.get(lang, "visit-saved-revisit",
                               day=str(data["revisit_on"])[5:]))
        elif data.get("follow") == FollowUp.HELP:
            lines.append(t.get(lang, "visit-saved-help", count=done.chairs_told)
                         if done.chairs_told else t.get(lang, "visit-saved-help-self"))
        await say(update, "\n".join(lines))


add_flow(VisitLog())


async def start(update: Update, context: Ctx, **preset: object) -> None:
    s, actor, lang = await caller(update, context)
    if not visit_actions.may_keep_diary(actor):
        await say(update, s.texts.get(lang, "visit-officers-only"))
        return
    if await resumed(update, s, lang, actor.tg_user_id, NAME):
        return
    state = new_flow(actor.tg_user_id, NAME, "kind", s.clock.now(), own_team=actor.team_id,
                     reasons=[], **preset)
    await save_and_prompt(update, s, lang, state)


async def start_visit(update: Update, context: Ctx) -> None:
    """/visit (and the button under a reminder): begin, or resume, a diary entry."""
    await start(update, context)


async def start_from_button(update: Update, context: Ctx) -> None:
    """记一次走访 under the monthly reminder (sent privately)."""
    s, _, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    await answer(update)
    await start(update, context)
