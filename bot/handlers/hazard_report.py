"""/hazard: report a 隐患 in a minute — where, what kind, how serious, what, photos,
when it was found — then a preview and a number."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import hazard_actions, receipts
from bot.flows import FlowState
from bot.handlers.common import Buttons, Ctx, pressed_id, say
from bot.handlers.flows import (
    add_flow,
    add_photo,
    begin,
    button,
    ended_if_not_member,
    preview_or_edit,
    save_and_prompt,
    show_prompt,
)
from bot.hazard_views import when
from bot.hazards import (
    MAX_PHOTOS,
    Hazard,
    Severity,
    check_found_at,
    clean_description,
    clean_location,
    next_report_step,
    parse_found_at,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.storage.db import from_ts, ts
from bot.texts import Safe

NAME = "hz"
EDITABLE = ("location", "category", "severity", "description", "photos", "found")
FOUND_AGO = (("now", 0), ("1h", 1), ("3h", 3))


def _b(s: Services, lang: str, key: str, step: str, value: str) -> tuple[str, str]:
    return (s.texts.get(lang, key), button(NAME, step, value))


def _choices(values: list[str], step: str) -> Buttons:
    pairs = [(v, button(NAME, step, str(i))) for i, v in enumerate(values)]
    return [pairs[i:i + 2] for i in range(0, len(pairs), 2)]


class HazardReport:
    name = NAME
    already_key = "hazard-submitted-already"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, cfg = s.texts, state.step, s.config.hazards
        if step == "location":
            return t.get(lang, "hazard-ask-location"), _choices(cfg.locations, "location")
        if step == "category":
            return t.get(lang, "hazard-ask-category"), _choices(cfg.categories, "category")
        if step == "severity":
            return t.get(lang, "hazard-ask-severity"), [
                [_b(s, lang, f"severity-{v}", "severity", v.value)] for v in Severity]
        if step == "description":
            return t.get(lang, "hazard-ask-description"), []
        if step == "photos":
            count = len(state.data.get("photos", []))
            return t.get(lang, "hazard-ask-photos", count=count, limit=MAX_PHOTOS), [
                [_b(s, lang, "btn-done" if count else "btn-skip", "photos", "done")]]
        if step == "found":
            return t.get(lang, "hazard-ask-found", days=cfg.found_max_days), [
                [_b(s, lang, f"btn-found-{key}", "found", key) for key, _ in FOUND_AGO]]
        if step == "edit":
            pairs = [_b(s, lang, f"btn-hazard-edit-{f}", "edit", f) for f in EDITABLE]
            return t.get(lang, "card-ask-edit"), [pairs[0:3], pairs[3:6],
                                                  [_b(s, lang, "btn-back", "edit", "back")]]
        return self.preview(s, lang, state), [
            [_b(s, lang, "btn-submit", "preview", "submit"),
             _b(s, lang, "btn-edit", "preview", "edit")],
            [_b(s, lang, "btn-cancel", "preview", "cancel")]]

    @staticmethod
    def preview(s: Services, lang: str, state: FlowState) -> str:
        data = state.data
        found = from_ts(data.get("found_at")) or s.clock.now()
        return s.texts.get(
            lang, "hazard-preview", location=data.get("location", "-"),
            category=data.get("category", "-"),
            severity=Safe(s.texts.get(lang, f"severity-{data.get('severity', 'ordinary')}")),
            body=data.get("description", ""), photos=len(data.get("photos", [])),
            found=when(s.config, found))

    async def _advance(self, update: Update, s: Services, lang: str, state: FlowState,
                       **changes: object) -> None:
        step = next_report_step(state.step, bool(state.data.get("editing")))
        await save_and_prompt(update, s, lang, state.at(step, s.clock.now(), **changes))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        if message is None:
            return
        t, step, now = s.texts, state.step, s.clock.now()
        if step == "photos":
            await self._photo(update, s, lang, state)
            return
        if message.text is None:
            key = "hazard-need-text" if step in ("location", "description", "found") \
                else "use-buttons"
            await show_prompt(update, s, lang, state, t.get(lang, key))
            return
        try:
            if step == "location":
                await self._advance(update, s, lang, state,
                                    location=clean_location(message.text))
            elif step == "description":
                await self._advance(update, s, lang, state,
                                    description=clean_description(message.text))
            elif step == "found":
                found = parse_found_at(message.text, now, s.config.tz,
                                       s.config.hazards.found_max_days)
                await self._advance(update, s, lang, state, found_at=ts(found))
            elif step == "category" and message.text in s.config.hazards.categories:
                await self._advance(update, s, lang, state, category=message.text)
            else:
                await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))

    async def _photo(self, update: Update, s: Services, lang: str, state: FlowState) -> None:
        message = update.effective_message
        assert message is not None
        t = s.texts
        if not message.photo:
            key = "hazard-photo-as-file" if message.document else "hazard-need-photo"
            await show_prompt(update, s, lang, state, t.get(lang, key))
            return
        await add_photo(update, s, lang, state, MAX_PHOTOS)

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        step, now, cfg = state.step, s.clock.now(), s.config.hazards
        pick = {"location": cfg.locations, "category": cfg.categories}.get(step)
        if pick is not None and as_id(value) is not None and int(value) < len(pick):
            await self._advance(update, s, lang, state, **{step: pick[int(value)]})
        elif step == "severity" and value in set(Severity):
            await self._advance(update, s, lang, state, severity=value)
        elif step == "photos" and value == "done":
            await self._advance(update, s, lang, state)
        elif step == "found" and value in dict(FOUND_AGO):
            found = check_found_at(now - timedelta(hours=dict(FOUND_AGO)[value]), now,
                                   cfg.found_max_days)
            await self._advance(update, s, lang, state, found_at=ts(found))
        elif step == "preview" and value == "submit":
            await self.submit(update, s, actor, lang, state)
        else:
            await preview_or_edit(update, s, actor, lang, state, value, EDITABLE)

    async def submit(self, update: Update, s: Services, actor: Actor, lang: str,
                     state: FlowState) -> None:
        if await ended_if_not_member(update, s, actor, lang):
            return
        pressed = pressed_id(update)
        done = await hazard_actions.submit(s, actor, state, pressed)
        if not done.ok or done.hazard is None:
            await say(update, s.texts.get(lang, done.key or "button-stale"))
            return
        await say(update, self._receipt(s, lang, done.hazard))
        await receipts.said(s, actor.tg_user_id, pressed)

    async def receipt(self, s: Services, lang: str, made: receipts.Made) -> str | None:
        """The receipt again, for a 提交 pressed again after it was lost."""
        hazard = await s.hazards.get(made.item_id)
        return None if hazard is None else self._receipt(s, lang, hazard)

    @staticmethod
    def _receipt(s: Services, lang: str, hazard: Hazard) -> str:
        key = "hazard-submitted-major" if hazard.severity is Severity.MAJOR \
            else "hazard-submitted"
        return s.texts.get(lang, key, id=str(hazard.id))


add_flow(HazardReport())


async def start_hazard(update: Update, context: Ctx) -> None:
    """/hazard (and the keyboard button): begin, or resume, a report."""
    await begin(update, context, NAME, "location")
