"""/mystudy: my study notes this month and this year, and my exam scores.
/exams (officers): the latest exams of my team (every team for chairs), to open one."""

from __future__ import annotations

from telegram import Update

from bot import study_actions
from bot.handlers.common import Ctx, caller, say
from bot.handlers.flows import not_member_key
from bot.study_views import exam_list_line, my_study_text


async def my_study(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not actor.active or actor.member_id is None:
        await say(update, s.texts.get(lang, not_member_key(actor)))
        return
    await say(update, await my_study_text(s, lang, actor.member_id, study_actions.today(s)))


async def list_exams(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not actor.is_officer:
        await say(update, s.texts.get(lang, "exam-officers-only"))
        return
    everyone = actor.is_chair or actor.is_admin
    if everyone:
        exams = await s.exams.of_team(None)
    else:
        exams = await s.exams.of_team(actor.team_id) if actor.team_id is not None else []
    if not exams:
        await say(update, s.texts.get(lang, "exams-none"))
        return
    lines = [s.texts.get(lang, "exams-title", count=len(exams))]
    lines += [exam_list_line(s.texts, lang, e) for e in exams]
    lines.append(s.texts.get(lang, "exams-footer"))
    await say(update, "\n".join(lines))
