"""/hazards: my reports, my team's open hazards, and for officers and safety
supervisors every open one, the most severe and soonest due first. /hazard_N: one."""

from __future__ import annotations

from telegram import Update

from bot import hazard_actions
from bot.handlers.common import Ctx, caller, link_number, say
from bot.handlers.flows import not_member_key
from bot.hazard_views import handler_buttons, list_line, owner_buttons
from bot.hazards import HazardStatus, sort_key
from bot.roles import Role

LIMIT = 30


async def list_hazards(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not actor.active and not actor.is_admin:
        await say(update, s.texts.get(lang, not_member_key(actor)))
        return
    t = s.texts
    today = s.clock.now().astimezone(s.config.tz).date()
    sections = []
    mine = await s.hazards.of_reporter(actor.member_id, 10) if actor.member_id else []
    if mine:
        sections.append("\n".join([t.get(lang, "hazards-mine", count=len(mine))] +
                                  [list_line(t, lang, h, today) for h in mine]))
    owned = await s.hazards.owned_by(actor.member_id) if actor.member_id else []
    if owned:
        sections.append("\n".join([t.get(lang, "hazards-owned", count=len(owned))] +
                                  [list_line(t, lang, h, today) for h in owned]))
    handler = actor.is_officer or actor.has(Role.SUPERVISOR)
    everyone = actor.is_chair or actor.is_admin
    team_open = sorted(await s.hazards.open_hazards(None if everyone else actor.team_id),
                       key=sort_key)
    if team_open:
        key = "hazards-open-all" if everyone else \
            ("hazards-open-handle" if handler else "hazards-open-team")
        lines = [list_line(t, lang, h, today) for h in team_open[:LIMIT]]
        sections.append("\n".join([t.get(lang, key, count=len(team_open)), *lines]))
    if not sections:
        await say(update, t.get(lang, "hazards-none"))
        return
    sections.append(t.get(lang, "hazards-footer"))
    await say(update, "\n\n".join(sections))


async def show_hazard(update: Update, context: Ctx) -> None:
    """/hazard_12: one hazard, with the buttons the reader may press."""
    s, actor, lang = await caller(update, context)
    hazard_id = link_number(update, "hazard")
    hazard = await s.hazards.get(hazard_id) if hazard_id is not None else None
    if hazard is None:
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    handler = hazard_actions.may_handle(actor, hazard)
    visible = handler or (actor.active and (
        hazard.team_id == actor.team_id or
        actor.member_id in (hazard.reporter_member_id, hazard.owner_member_id)))
    if not visible:
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    rows = handler_buttons(s.texts, lang, hazard) if handler else None
    if not handler and hazard.status is HazardStatus.CONFIRMED and \
            actor.member_id == hazard.owner_member_id:
        rows = owner_buttons(s.texts, lang, hazard)
    await say(update, await hazard_actions.full_text(s, lang, hazard), rows or None)
