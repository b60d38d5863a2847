"""How a card reads and which buttons it carries, for officers and for its author.

No Telegram here: text from the catalogs, buttons as (label, callback data) rows.
Callback data: `c:<action>:<card id>[:<arg>]`; ratings carry the reply id, or for a
fully anonymous card the receipt code (`c:rk:<code>:<rating>`).
"""

from __future__ import annotations

import html
from datetime import date

from bot.cards import (
    Card,
    CardStatus,
    Identity,
    Reply,
    days_left,
    local_date,
    may_publish,
    waiting_for,
)
from bot.config import Config
from bot.texts import Safe, Texts

Buttons = list[list[tuple[str, str]]]


def department_name(config: Config, code: str | None) -> str:
    for department in config.cards.departments:
        if department.code == code:
            return department.name
    return code or "-"


def author_label(t: Texts, lang: str, card: Card, author_name: str | None) -> str:
    if card.identity is Identity.NAMED:  # the result is inserted as Safe: escaped here
        return html.escape(author_name or "-", quote=False)
    return t.get(lang, f"card-identity-{card.identity}")


def due_label(t: Texts, lang: str, card: Card, today: date) -> str:
    left = days_left(card.due_on, today)
    if card.status not in (CardStatus.NEW, CardStatus.ACCEPTED):
        return card.due_on.isoformat()
    if left > 0:
        return t.get(lang, "card-due-left", due=card.due_on.isoformat(), days=left)
    if left == 0:
        return t.get(lang, "card-due-today", due=card.due_on.isoformat())
    return t.get(lang, "card-due-over", due=card.due_on.isoformat(), days=-left)


def status_label(t: Texts, lang: str, card: Card, config: Config) -> str:
    if card.status is CardStatus.ACCEPTED:
        return t.get(lang, "card-status-accepted-to",
                     department=department_name(config, card.department))
    if card.status is CardStatus.CLOSED and card.outcome:
        return t.get(lang, f"card-outcome-{card.outcome}")
    if card.status is CardStatus.DUPLICATE:
        return t.get(lang, "card-status-duplicate-of", of=str(card.duplicate_of or "-"))
    return t.get(lang, f"card-status-{card.status}")


def list_line(t: Texts, lang: str, card: Card, config: Config, today: date,
              officer: bool) -> str:
    """One line of /cards or /mycards."""
    wait = t.get(lang, waiting_for(card)) if officer and card.open else \
        status_label(t, lang, card, config)
    return t.get(lang, "card-list-line", id=str(card.id), category=card.category,
                 state=Safe(wait), due=Safe(due_label(t, lang, card, today)))


def card_text(t: Texts, lang: str, config: Config, card: Card, *, team: str,
              author: str | None, replies: list[Reply], today: date,
              heading: str = "card-heading", about: str | None = None) -> str:
    """The whole card as an officer (or its author) reads it; `about` is the title of
    the disclosure it questions."""
    tz = config.tz
    parts = [t.get(lang, heading, id=str(card.id), category=card.category)]
    if card.disclosure_id is not None:
        parts.append(t.get(lang, "card-about-disclosure-link", id=str(card.disclosure_id),
                           title=about or "-"))
    parts.append(t.get(
        lang, "card-meta", team=team, author=Safe(author_label(t, lang, card, author)),
        raised=local_date(card.created_at, tz).isoformat(),
        due=Safe(due_label(t, lang, card, today)),
        status=Safe(status_label(t, lang, card, config)),
    ))
    parts.append(t.get(lang, "card-body", body=card.body))
    if card.photos:
        parts.append(t.get(lang, "card-photos", count=len(card.photos)))
    if card.reopened:
        parts.append(t.get(lang, "card-reopened-note", times=card.reopened))
    for reply in replies:
        parts.append(reply_text(t, lang, reply, config))
    if card.outcome_reason:
        parts.append(t.get(lang, "card-outcome-reason", reason=card.outcome_reason))
    if card.return_reason:
        parts.append(t.get(lang, "card-return-reason", reason=card.return_reason))
    return "\n\n".join(parts)


def reply_text(t: Texts, lang: str, reply: Reply, config: Config) -> str:
    text = t.get(lang, "card-reply-block", replier=reply.replier,
                 date=local_date(reply.created_at, config.tz).isoformat(), body=reply.body)
    if reply.rating:
        text += "\n" + t.get(lang, f"card-rated-{reply.rating}")
        if reply.rating_reason:
            text += t.get(lang, "card-rating-reason", reason=reply.rating_reason)
    return text


def officer_buttons(t: Texts, lang: str, card: Card) -> Buttons:
    """What an officer can do with the card now."""
    def b(key: str, data: str) -> tuple[str, str]:
        return (t.get(lang, key), data)

    cid = card.id
    if card.status is CardStatus.NEW:
        return [[b("btn-card-accept", f"c:acc:{cid}"), b("btn-card-return", f"c:ret:{cid}"),
                 b("btn-card-duplicate", f"c:dup:{cid}")]]
    rows: Buttons = []
    if card.status is CardStatus.ACCEPTED:
        rows.append([b("btn-card-proxy", f"c:prx:{cid}")])
    if card.status is CardStatus.REPLIED:
        rows.append([b("btn-outcome-implemented", f"c:out:{cid}:implemented"),
                     b("btn-outcome-partial", f"c:out:{cid}:partial"),
                     b("btn-outcome-declined", f"c:out:{cid}:declined")])
    if may_publish(card):
        rows.append([b("btn-card-publish", f"c:pub:{cid}")])
    return rows


def department_buttons(t: Texts, lang: str, config: Config, card: Card) -> Buttons:
    rows = [[(d.name, f"c:dep:{card.id}:{d.code}")] for d in config.cards.departments]
    rows.append([(t.get(lang, "btn-back"), f"c:back:{card.id}")])
    return rows


def leader_buttons(t: Texts, lang: str, card: Card) -> Buttons:
    return [[(t.get(lang, "btn-card-reply"), f"c:rep:{card.id}")]]


def rating_buttons(t: Texts, lang: str, target: str) -> Buttons:
    """`target`: 'rate:<reply id>' or 'rk:<receipt code>'."""
    return [[(t.get(lang, "btn-rate-satisfied"), f"c:{target}:satisfied"),
             (t.get(lang, "btn-rate-basic"), f"c:{target}:basic"),
             (t.get(lang, "btn-rate-unsatisfied"), f"c:{target}:unsatisfied")]]
