"""An exam's buttons `e:<id>:<action>`: take scores one by one or from a table, preview
the score board privately, post it to the team chat. Checked against the presser's
current roles; a forged or stale press changes nothing."""

from __future__ import annotations

from telegram import InputMediaPhoto, Update
from telegram.constants import ParseMode

from bot import study_actions
from bot.flows import new_flow
from bot.fonts import FontMissing
from bot.handlers.common import Ctx, answer, caller, inline, link_number, say
from bot.handlers.flows import open_in_private
from bot.limits import as_id
from bot.study import Exam
from bot.study_views import exam_buttons, exam_text

ACTIONS = ("one", "file", "preview", "post")


async def on_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    parts = query.data.split(":")
    exam_id = as_id(parts[1]) if len(parts) == 3 else None
    exam = await s.exams.get(exam_id) if exam_id is not None else None
    if exam is None or parts[2] not in ACTIONS:
        await answer(update, s.texts.get(lang, "button-stale"))
        return
    if not study_actions.may_manage(actor, exam):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    action = parts[2]
    if action in ("one", "file"):
        name, step = ("examone", "pick") if action == "one" else ("examfile", "file")
        await open_in_private(update, context, new_flow(actor.tg_user_id, name, step,
                                                        s.clock.now(), exam_id=exam.id,
                                                        page=0))
    elif action == "preview":
        await answer(update)
        await send_preview(update, context, exam)
    else:
        await post(update, context, exam)


async def send_preview(update: Update, context: Ctx, exam: Exam) -> None:
    """The board's images, privately to the officer who asked."""
    s, actor, lang = await caller(update, context)
    if not await s.exams.scores(exam.id):
        await context.bot.send_message(actor.tg_user_id, s.texts.get(lang, "exam-no-scores"))
        return
    try:
        images = await study_actions.board_images(s, lang, exam)
    except FontMissing:
        await context.bot.send_message(actor.tg_user_id, s.texts.get(lang, "image-no-font"))
        return
    caption = s.texts.get(lang, "board-preview-caption")
    if len(images) == 1:
        await context.bot.send_photo(actor.tg_user_id, images[0], caption=caption)
    else:
        for start in range(0, len(images), 10):
            chunk = images[start:start + 10]
            await context.bot.send_media_group(actor.tg_user_id, [
                InputMediaPhoto(png, caption=caption if start == i == 0 else None)
                for i, png in enumerate(chunk)])


async def post(update: Update, context: Ctx, exam: Exam) -> None:
    s, actor, lang = await caller(update, context)
    done = await study_actions.post_board(s, actor, exam)
    if not done.ok:
        await answer(update, s.texts.get(lang, done.key), alert=True)
        return
    await answer(update, s.texts.get(lang, "exam-post-queued", pages=done.pages,
                                     chats=done.chats))
    fresh = await s.exams.get(exam.id) or exam
    await context.bot.send_message(actor.tg_user_id, await exam_text(s, lang, fresh),
                                   parse_mode=ParseMode.HTML,
                                   reply_markup=inline(exam_buttons(s.texts, lang, fresh)))


async def show_exam(update: Update, context: Ctx) -> None:
    """/exam_3: one exam with its buttons, for whoever may manage it."""
    s, actor, lang = await caller(update, context)
    exam_id = link_number(update, "exam")
    exam = await s.exams.get(exam_id) if exam_id is not None else None
    if exam is None or not study_actions.may_manage(actor, exam):
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    await say(update, await exam_text(s, lang, exam), exam_buttons(s.texts, lang, exam))
