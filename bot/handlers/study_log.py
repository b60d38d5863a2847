"""/study: log a study note in four taps — what kind, how long, which day, and the
notes as text and/or a photo of the notebook — then saved with this month's progress."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import study_actions
from bot.flows import FlowState
from bot.handlers.common import Buttons, Ctx, answer, caller, in_private, say
from bot.handlers.flows import (
    add_flow,
    begin,
    button,
    ended_if_not_member,
    save_and_prompt,
    show_prompt,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.study import check_entry, clean_notes, month_of, parse_minutes, parse_past_date
from bot.study_views import progress

NAME = "study"


def _b(s: Services, lang: str, key: str, step: str, value: str, **args: object) -> tuple[
        str, str]:
    return (s.texts.get(lang, key, **args), button(NAME, step, value))


class StudyLog:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, cfg = s.texts, state.step, s.config.study
        if step == "kind":
            pairs = [(k, button(NAME, "kind", str(i))) for i, k in enumerate(cfg.kinds)]
            return t.get(lang, "study-ask-kind"), [pairs[i:i + 2]
                                                   for i in range(0, len(pairs), 2)]
        if step == "minutes":
            return t.get(lang, "study-ask-minutes", max=cfg.max_minutes), [
                [_b(s, lang, "btn-minutes", "minutes", str(m), minutes=m)
                 for m in cfg.durations]]
        if step == "day":
            return t.get(lang, "study-ask-day", days=cfg.backdate_days), [
                [_b(s, lang, "btn-today", "day", "0"), _b(s, lang, "btn-yesterday", "day", "1")]
                if cfg.backdate_days else [_b(s, lang, "btn-today", "day", "0")]]
        notes, photos = str(state.data.get("notes") or ""), state.data.get("photos") or []
        if not notes and not photos:
            return t.get(lang, "study-ask-notes", limit=cfg.max_photos), []
        return t.get(lang, "study-notes-so-far", length=len(notes), count=len(photos),
                     limit=cfg.max_photos), [[_b(s, lang, "btn-save", "notes", "save")]]

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        if message is None:
            return
        t, step, now, cfg = s.texts, state.step, s.clock.now(), s.config.study
        try:
            if step == "notes":
                await self._notes(update, s, lang, state)
            elif message.text is None:
                await show_prompt(update, s, lang, state, t.get(lang, "need-text"))
            elif step == "minutes":
                minutes = parse_minutes(message.text, cfg.max_minutes)
                await save_and_prompt(update, s, lang, state.at("day", now, minutes=minutes))
            elif step == "day":
                day = parse_past_date(message.text, study_actions.today(s), cfg.backdate_days,
                                      "study-date")
                await save_and_prompt(update, s, lang, state.at("notes", now,
                                                                day=day.isoformat()))
            elif step == "kind" and message.text in cfg.kinds:
                await save_and_prompt(update, s, lang, state.at("minutes", now,
                                                                kind=message.text))
            else:
                await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))

    async def _notes(self, update: Update, s: Services, lang: str, state: FlowState) -> None:
        message = update.effective_message
        assert message is not None
        t, now, limit = s.texts, s.clock.now(), s.config.study.max_photos
        photos = list(state.data.get("photos") or [])
        if message.photo:
            if len(photos) >= limit:
                await show_prompt(update, s, lang, state,
                                  t.get(lang, "study-photos-full", limit=limit))
                return
            photos.append(message.photo[-1].file_id)
            changes: dict[str, object] = {"photos": photos}
            if message.caption:  # words written under the photo are notes too
                old = str(state.data.get("notes") or "")
                changes["notes"] = clean_notes(f"{old}\n{message.caption}" if old
                                               else message.caption)
            await save_and_prompt(update, s, lang, state.at("notes", now, **changes))
        elif message.text is not None:
            old = str(state.data.get("notes") or "")
            notes = clean_notes(f"{old}\n{message.text}" if old else message.text)
            await save_and_prompt(update, s, lang, state.at("notes", now, notes=notes))
        else:
            key = "study-photo-as-file" if message.document else "study-need-notes"
            await show_prompt(update, s, lang, state, t.get(lang, key))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        step, now, cfg = state.step, s.clock.now(), s.config.study
        number = as_id(value)
        if step == "kind" and number is not None and number < len(cfg.kinds):
            await save_and_prompt(update, s, lang, state.at("minutes", now,
                                                            kind=cfg.kinds[number]))
        elif step == "minutes" and number is not None and number in cfg.durations:
            await save_and_prompt(update, s, lang, state.at("day", now, minutes=number))
        elif step == "day" and number is not None and number <= min(1, cfg.backdate_days):
            day = study_actions.today(s) - timedelta(days=number)
            await save_and_prompt(update, s, lang, state.at("notes", now, day=day.isoformat()))
        elif step == "notes" and value == "save":
            await self.save(update, s, actor, lang, state)
        else:
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))

    async def save(self, update: Update, s: Services, actor: Actor, lang: str,
                   state: FlowState) -> None:
        t = s.texts
        if await ended_if_not_member(update, s, actor, lang):
            return
        try:
            check_entry(str(state.data.get("notes") or ""), state.data.get("photos") or [])
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key))
            return
        done = await study_actions.log_entry(s, actor, state)
        if not done.ok:
            await say(update, t.get(lang, done.key))
            return
        this_month = month_of(study_actions.today(s))
        await say(update, "\n".join([
            t.get(lang, "study-saved", kind=state.data["kind"], minutes=state.data["minutes"],
                  day=state.data["day"]),
            progress(t, lang, done.month, this_month, done.count,
                     s.config.study.monthly_target)]))


add_flow(StudyLog())


async def start_study(update: Update, context: Ctx) -> None:
    """/study (and the keyboard button): begin, or resume, a study note."""
    await begin(update, context, NAME, "kind")


async def start_from_button(update: Update, context: Ctx) -> None:
    """The 写学习笔记 button under the month-end reminder (sent privately; a press in a
    group is forged and goes no further)."""
    s, _, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    await answer(update)
    await begin(update, context, NAME, "kind")
