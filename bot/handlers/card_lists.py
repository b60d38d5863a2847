"""Reading cards: /mycards (the author's own), /cards (officers: open cards by due
date), /card_N (one card, as the reader may see it) and /check CODE (fully anonymous)."""

from __future__ import annotations

from telegram import Update

from bot import queries
from bot.card_notices import full_text
from bot.card_views import Buttons, list_line, officer_buttons, rating_buttons
from bot.cards import Card, CardStatus, local_date
from bot.handlers.common import Ctx, caller, link_number, say
from bot.handlers.flows import not_member_key
from bot.roles import Actor
from bot.seal import looks_like_code, normalise_code
from bot.services import Services

LIST_LIMIT = 30


async def my_cards(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    if not actor.active:
        await say(update, s.texts.get(lang, not_member_key(actor)))
        return
    cards = await s.cards.of_owner(s.sealer.tag(actor.tg_user_id), LIST_LIMIT)
    if not cards:
        await say(update, s.texts.get(lang, "mycards-none"))
        return
    today = local_date(s.clock.now(), s.config.tz)
    lines = [s.texts.get(lang, "mycards-title", count=len(cards))]
    lines += [list_line(s.texts, lang, c, s.config, today, officer=False) for c in cards]
    lines.append(s.texts.get(lang, "mycards-footer"))
    await say(update, "\n".join(lines))


async def open_cards(update: Update, context: Ctx) -> None:
    """/cards [team code] [new|accepted|replied]: open cards, soonest due first."""
    s, actor, lang = await caller(update, context)
    if not actor.is_officer:
        await say(update, s.texts.get(lang, "not-allowed"))
        return
    team_id = None if (actor.is_chair or actor.is_admin) else actor.team_id
    status = None
    for arg in context.args or []:
        team = await s.teams.by_code(arg)
        if team is not None and actor.officer_of(team.id):
            team_id = team.id
        elif arg in (CardStatus.NEW, CardStatus.ACCEPTED, CardStatus.REPLIED):
            status = CardStatus(arg)
        else:
            await say(update, s.texts.get(lang, "cards-bad-filter", arg=arg))
            return
    cards = await s.cards.open_cards(team_id, status, LIST_LIMIT)
    if not cards:
        await say(update, s.texts.get(lang, "cards-none"))
        return
    today = local_date(s.clock.now(), s.config.tz)
    lines = [s.texts.get(lang, "cards-title", count=len(cards))]
    for card in cards:
        team = await s.teams.get(card.team_id) if card.team_id else None
        line = list_line(s.texts, lang, card, s.config, today, officer=True)
        lines.append(f"{line} · {team.name if team else '-'}")
    lines.append(s.texts.get(lang, "cards-footer"))
    await say(update, "\n".join(lines))


async def view_for(s: Services, actor: Actor, lang: str,
                   card: Card) -> tuple[str, Buttons | None] | None:
    """The card as this reader may see it, with the buttons they may press; None if
    they may not see it at all."""
    if actor.officer_of(card.team_id):
        rows = officer_buttons(s.texts, lang, card)
        if await queries.may_reply(s, actor, card) and card.status is CardStatus.ACCEPTED:
            rows = [[(s.texts.get(lang, "btn-card-reply"), f"c:rep:{card.id}")], *rows]
        return await full_text(s, lang, card), rows or None
    if await queries.may_reply(s, actor, card):
        return await full_text(s, lang, card), [[(s.texts.get(lang, "btn-card-reply"),
                                                  f"c:rep:{card.id}")]] \
            if card.status is CardStatus.ACCEPTED else None
    if await queries.is_author(s, actor, card):
        return await _author_view(s, lang, card, "rate:{reply}")
    return None


async def _author_view(s: Services, lang: str, card: Card,
                       target: str) -> tuple[str, Buttons | None]:
    text = await full_text(s, lang, card, heading="card-heading-yours", officer=False)
    reply = await s.cards.latest_reply(card.id)
    if reply is None or reply.rating is not None or reply.round != card.rounds:
        return text, None
    return text, rating_buttons(s.texts, lang, target.format(reply=reply.id))


async def show_card(update: Update, context: Ctx) -> None:
    """/card_12: one card."""
    s, actor, lang = await caller(update, context)
    card_id = link_number(update, "card")
    card = await s.cards.get(card_id) if card_id is not None else None
    view = await view_for(s, actor, lang, card) if card else None
    if view is None:
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    await say(update, *view)


async def check(update: Update, context: Ctx) -> None:
    """/check CODE: a fully anonymous card's state and answer, by its receipt code."""
    s, _, lang = await caller(update, context)
    code = "".join(context.args or [])
    if not code:
        await say(update, s.texts.get(lang, "check-usage"))
        return
    card = await queries.by_receipt(s, code) if looks_like_code(code) else None
    if card is None:
        await say(update, s.texts.get(lang, "check-not-found"))
        return
    await say(update, *await _author_view(s, lang, card, f"rk:{normalise_code(code)}"))
