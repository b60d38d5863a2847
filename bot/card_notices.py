"""Messages about cards, composed first and queued with the change (bot/notices.py).

To officers and leaders: the card with its buttons (and its photos). To the author:
real-name cards go to their chat; anonymous ones to the chat opened from the seal only
here, queued with ref `sealed` so the outbox forgets the text once sent; fully
anonymous ones wait for /check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.card_views import Buttons, card_text, officer_buttons
from bot.cards import Card, Identity, local_date
from bot.notices import Outgoing, album, message
from bot.recipients import language_of, officer_targets
from bot.services import Services

SEALED_REF = "sealed"


async def author_name(s: Services, card: Card) -> str | None:
    if card.identity is not Identity.NAMED or card.author_member_id is None:
        return None
    member = await s.members.get(card.author_member_id)
    return member.name if member else None


async def team_name(s: Services, card: Card) -> str:
    team = await s.teams.get(card.team_id) if card.team_id else None
    return team.name if team else "-"


async def full_text(s: Services, lang: str, card: Card, heading: str = "card-heading",
                    officer: bool = True) -> str:
    replies = await s.cards.replies(card.id)
    today = local_date(s.clock.now(), s.config.tz)
    about = await s.disclosures.get(card.disclosure_id) if card.disclosure_id else None
    return card_text(s.texts, lang, s.config, card, team=await team_name(s, card),
                     author=await author_name(s, card) if officer else None,
                     replies=replies, today=today, heading=heading,
                     about=about.title if about else None)


def photos(chat_id: int, card: Card) -> list[Outgoing]:
    return album(chat_id, card.photos, f"card:{card.id}")


async def to_officers(s: Services, card: Card, heading: str,
                      targets: list[int] | None = None,
                      extra: Callable[[str], str] | None = None,
                      buttons: Callable[[str], Buttons] | None = None,
                      with_photos: bool = True) -> list[Outgoing]:
    """The card with its officer buttons to each target (default: the team's officers);
    its photos go along the first time someone sees it."""
    out = []
    for chat_id in targets if targets is not None else await officer_targets(s, card.team_id):
        lang = await language_of(s, chat_id)
        text = await full_text(s, lang, card, heading)
        if extra:
            text = f"{text}\n\n{extra(lang)}"
        rows = buttons(lang) if buttons else officer_buttons(s.texts, lang, card)
        if with_photos:
            out += photos(chat_id, card)
        out.append(message(s, chat_id, text, rows, f"card:{card.id}"))
    return out


async def author_chat(s: Services, card: Card) -> int | None:
    if card.identity is Identity.NAMED and card.author_member_id is not None:
        member = await s.members.get(card.author_member_id)
        return member.tg_user_id if member else None
    if card.identity is Identity.ANONYMOUS:
        sealed = await s.cards.sealed_chat(card.id)
        return s.sealer.open(sealed) if sealed else None
    return None


async def to_author(s: Services, card: Card, key: str,
                    buttons: Callable[[str], Buttons] | None = None,
                    **args: Any) -> list[Outgoing]:
    """Tell the author; nothing for a fully anonymous card (they read it with /check)."""
    chat_id = await author_chat(s, card)
    if chat_id is None:
        return []
    lang = await s.language(chat_id)
    ref = SEALED_REF if card.identity is Identity.ANONYMOUS else f"card:{card.id}"
    text = s.texts.get(lang, key, id=str(card.id), **args)
    return [message(s, chat_id, text, buttons(lang) if buttons else None, ref)]
