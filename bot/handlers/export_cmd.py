"""/export (officers and chairs): this month or last month as an XLSX workbook for the
archive, sent as a document. A chair gets the branch (and may ask for the visit
diary's notes); an officer their team, with only their own diary entries."""

from __future__ import annotations

from telegram import InputFile, Update

from bot import export
from bot.cards import local_date
from bot.handlers.common import Ctx, answer, caller, in_private, say
from bot.roles import Actor, Role
from bot.study import month_of, previous_month


def may_export(actor: Actor) -> bool:
    return actor.is_chair or actor.is_admin or actor.has(Role.OFFICER)


async def start_export(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not may_export(actor):
        await say(update, s.texts.get(lang, "export-officers-only"))
        return
    rows = [[(s.texts.get(lang, "btn-export-this"), "ex:this"),
             (s.texts.get(lang, "btn-export-last"), "ex:last")]]
    if actor.is_chair:
        rows.append([(s.texts.get(lang, "btn-export-last-notes"), "ex:last:notes")])
    await say(update, s.texts.get(lang, "export-ask"), rows)


async def on_export(update: Update, context: Ctx) -> None:
    """ex:this | ex:last | ex:last:notes (chairs)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    parts = query.data.split(":")
    notes = parts[2:] == ["notes"]
    if len(parts) not in (2, 3) or parts[1] not in ("this", "last") or \
            (len(parts) == 3 and not notes):
        await answer(update, s.texts.get(lang, "button-stale"), alert=True)
        return
    if not may_export(actor) or (notes and not actor.is_chair):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    await answer(update, s.texts.get(lang, "export-working"))
    today = local_date(s.clock.now(), s.config.tz)
    month = month_of(today) if parts[1] == "this" else previous_month(today)
    branch = actor.is_chair or actor.is_admin
    data = await export.workbook(s, month, with_notes=notes,
                                 team_id=None if branch else actor.team_id,
                                 officer_id=None if branch else actor.member_id)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, InputFile(data, filename=f"xiaojia-{month}.xlsx"),
        caption=s.texts.get(lang, "export-done", month=month))
