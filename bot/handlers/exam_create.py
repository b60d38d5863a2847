"""/exam (officers): create an exam — team, subject, date, full marks — then take its
scores one by one or from a table, and post the score board (see exam_buttons)."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import study_actions
from bot.flows import FlowState, new_flow
from bot.handlers.common import Buttons, Ctx, caller, say
from bot.handlers.flows import (
    add_flow,
    button,
    preview_or_edit,
    resumed,
    save_and_prompt,
    show_prompt,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.study import (
    EXAM_DAYS_BACK,
    clean_subject,
    fmt_score,
    parse_full_marks,
    parse_past_date,
)
from bot.study_views import exam_buttons, exam_text

NAME = "exam"
EDITABLE = ("subject", "held_on", "full")
STEPS = ("team", "subject", "held_on", "full", "preview")
FULL_MARKS = (100, 50, 10)


def _b(s: Services, lang: str, key: str, step: str, value: str) -> tuple[str, str]:
    return (s.texts.get(lang, key), button(NAME, step, value))


def _next(state: FlowState) -> str:
    if state.data.get("editing"):
        return "preview"
    return STEPS[STEPS.index(state.step) + 1]


class ExamCreate:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step = s.texts, state.step
        if step == "team":
            pairs = [(team.name, button(NAME, "team", str(team.id)))
                     for team in await s.teams.all()]
            return t.get(lang, "exam-ask-team"), [pairs[i:i + 2]
                                                  for i in range(0, len(pairs), 2)]
        if step == "subject":
            return t.get(lang, "exam-ask-subject"), []
        if step == "held_on":
            return t.get(lang, "exam-ask-date"), [[_b(s, lang, "btn-today", "held_on", "0"),
                                                   _b(s, lang, "btn-yesterday", "held_on", "1")]]
        if step == "full":
            return t.get(lang, "exam-ask-full"), [
                [(str(f), button(NAME, "full", str(f))) for f in FULL_MARKS]]
        if step == "edit":
            return t.get(lang, "card-ask-edit"), [
                [_b(s, lang, f"btn-exam-edit-{f}", "edit", f) for f in EDITABLE],
                [_b(s, lang, "btn-back", "edit", "back")]]
        team = await s.teams.get(int(state.data["team_id"]))
        text = t.get(lang, "exam-preview", subject=state.data["subject"],
                     team=team.name if team else "-", date=state.data["held_on"],
                     full=fmt_score(float(state.data["full"])))
        return text, [[_b(s, lang, "btn-exam-create", "preview", "submit"),
                       _b(s, lang, "btn-edit", "preview", "edit")],
                      [_b(s, lang, "btn-cancel", "preview", "cancel")]]

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        if message is None:
            return
        t, now = s.texts, s.clock.now()
        if message.text is None or state.step in ("team", "preview", "edit"):
            await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"
                              if state.step in ("team", "preview", "edit") else
                              "need-text"))
            return
        try:
            if state.step == "subject":
                value: object = clean_subject(message.text)
            elif state.step == "held_on":
                value = parse_past_date(message.text, study_actions.today(s), EXAM_DAYS_BACK,
                                        "exam-date").isoformat()
            else:
                value = parse_full_marks(message.text)
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))
            return
        await save_and_prompt(update, s, lang, state.at(_next(state), now,
                                                        **{state.step: value}))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        now, number = s.clock.now(), as_id(value)
        if state.step == "team" and number is not None and await s.teams.get(number) and \
                actor.officer_of(number):
            await save_and_prompt(update, s, lang, state.at("subject", now, team_id=number))
        elif state.step == "held_on" and value in ("0", "1"):
            day = study_actions.today(s) - timedelta(days=int(value))
            await save_and_prompt(update, s, lang, state.at(_next(state), now,
                                                            held_on=day.isoformat()))
        elif state.step == "full" and number in FULL_MARKS:
            await save_and_prompt(update, s, lang, state.at(_next(state), now,
                                                            full=float(number)))
        elif state.step == "preview" and value == "submit":
            await self.submit(update, s, actor, lang, state)
        elif not await preview_or_edit(update, s, actor, lang, state, value, EDITABLE):
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))

    async def submit(self, update: Update, s: Services, actor: Actor, lang: str,
                     state: FlowState) -> None:
        if not actor.officer_of(int(state.data["team_id"])):
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "not-allowed"))
            return
        exam_id = await study_actions.create_exam(s, actor, state)
        exam = await s.exams.get(exam_id) if exam_id else None
        if exam is None:
            await say(update, s.texts.get(lang, "button-stale"))
            return
        await say(update, await exam_text(s, lang, exam, heading="exam-created"),
                  exam_buttons(s.texts, lang, exam))


add_flow(ExamCreate())


async def start_exam(update: Update, context: Ctx) -> None:
    """/exam: officers only. An officer's exam is for their own team; a chair or admin
    picks the team."""
    s, actor, lang = await caller(update, context)
    if not actor.is_officer:
        await say(update, s.texts.get(lang, "exam-officers-only"))
        return
    if await resumed(update, s, lang, actor.tg_user_id, NAME):
        return
    team_id = study_actions.own_team(actor)
    first = "subject" if team_id is not None else "team"
    data = {"team_id": team_id} if team_id is not None else {}
    await save_and_prompt(update, s, lang, new_flow(actor.tg_user_id, NAME, first,
                                                    s.clock.now(), **data))
