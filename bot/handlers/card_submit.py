"""/card: a worker writes a 民主管理信息卡 — category, text, photos, identity, preview."""

from __future__ import annotations

import html
from datetime import timedelta

from telegram import Update

from bot import card_actions, disclosure_actions, receipts
from bot.cards import (
    EDITABLE,
    MAX_PHOTOS,
    MAX_TEXT,
    Card,
    Identity,
    clean_body,
    local_date,
    next_draft_step,
)
from bot.flows import FlowState, new_flow
from bot.handlers.common import Buttons, Ctx, caller, pressed_id, say
from bot.handlers.flows import (
    add_flow,
    add_photo,
    begin,
    button,
    ended_if_not_member,
    not_member_key,
    preview_or_edit,
    resumed,
    save_and_prompt,
    show_prompt,
)
from bot.limits import as_id, split_text
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.texts import Safe

NAME = "card"
CONTINUATION = timedelta(seconds=5)


def _b(s: Services, lang: str, key: str, step: str, value: str) -> tuple[str, str]:
    return (s.texts.get(lang, key), button(NAME, step, value))


class CardDraft:
    name = NAME
    already_key = "card-submitted-already"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, data = s.texts, state.step, state.data
        if step == "category":
            cats = s.config.cards.categories
            rows = [[(c, button(NAME, "category", str(i))) for i, c in
                     list(enumerate(cats))[j:j + 2]] for j in range(0, len(cats), 2)]
            return t.get(lang, "card-ask-category"), rows
        if step == "text":
            rows = [[_b(s, lang, "btn-card-cut", "text", "cut")]] if data.get("overflow") else []
            return t.get(lang, "card-ask-text", limit=MAX_TEXT), rows
        if step == "photos":
            count = len(data.get("photos", []))
            key = "btn-done" if count else "btn-skip"
            return t.get(lang, "card-ask-photos", count=count, limit=MAX_PHOTOS), [
                [_b(s, lang, key, "photos", "done")]]
        if step == "identity":
            return t.get(lang, "card-ask-identity"), [
                [_b(s, lang, f"btn-identity-{i}", "identity", i.value)] for i in Identity]
        if step == "publish":
            return t.get(lang, "card-ask-publish"), [[
                _b(s, lang, "btn-publish-yes", "publish", "yes"),
                _b(s, lang, "btn-publish-no", "publish", "no")]]
        if step == "edit":
            return t.get(lang, "card-ask-edit"), [
                [_b(s, lang, f"btn-edit-{field}", "edit", field) for field in EDITABLE[:2]],
                [_b(s, lang, f"btn-edit-{field}", "edit", field) for field in EDITABLE[2:]],
                [_b(s, lang, "btn-back", "edit", "back")]]
        return self.preview(s, lang, state), [
            [_b(s, lang, "btn-submit", "preview", "submit"),
             _b(s, lang, "btn-edit", "preview", "edit")],
            [_b(s, lang, "btn-cancel", "preview", "cancel")]]

    @staticmethod
    def preview(s: Services, lang: str, state: FlowState) -> str:
        data, t = state.data, s.texts
        identity = str(data.get("identity", Identity.NAMED))
        publish = ""
        if identity == Identity.NAMED:
            publish = t.get(lang, "card-preview-publish-yes" if data.get("publish_ok")
                            else "card-preview-publish-no")
        text = t.get(lang, "card-preview", category=data.get("category", "-"),
                     body=data.get("body", ""), photos=len(data.get("photos", [])),
                     identity=Safe(t.get(lang, f"card-identity-{identity}")),
                     publish=Safe(publish), days=s.config.cards.reply_days)
        if data.get("disclosure_id"):
            text = t.get(lang, "card-about-disclosure", id=str(data["disclosure_id"]),
                         title=str(data.get("disclosure_title", ""))) + "\n" + text
        return text

    def _next(self, state: FlowState) -> str:
        return next_draft_step(state.step, state.data.get("identity"),
                               bool(state.data.get("editing")))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        if message is None:
            return
        now, t = s.clock.now(), s.texts
        if state.step == "photos" and message.photo:
            await add_photo(update, s, lang, state, MAX_PHOTOS)
            return
        if state.step == "photos" and message.text is not None:
            if message.text.strip() in (t.get(lang, "btn-done"), t.get(lang, "btn-skip")):
                await save_and_prompt(update, s, lang, state.at(self._next(state), now))
                return
            await show_prompt(update, s, lang, state, t.get(lang, "card-need-photo"))
            return
        if state.step == "category" and message.text in s.config.cards.categories:
            await save_and_prompt(update, s, lang,
                                  state.at(self._next(state), now, category=message.text))
            return
        if state.step != "text":
            await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"))
            return
        if message.text is None:
            await show_prompt(update, s, lang, state, t.get(lang, "card-need-text"))
            return
        overflow = state.data.get("overflow")
        if overflow and now - state.updated_at < CONTINUATION:
            # Telegram splits a message over 4096 characters in two; the second part
            # arrives at once and belongs to the first.
            await self._too_long(update, s, lang, state, f"{overflow}{message.text}",
                                 echo=False)
            return
        try:
            body = clean_body(message.text)
        except InvalidInput as bad:
            if bad.key == "card-text-too-long":
                await self._too_long(update, s, lang, state, message.text)
                return
            await show_prompt(update, s, lang, state, t.get(lang, bad.key))
            return
        await save_and_prompt(update, s, lang,
                              state.at(self._next(state), now, body=body, overflow=None))

    async def _too_long(self, update: Update, s: Services, lang: str, state: FlowState,
                        text: str, echo: bool = True) -> None:
        """Keep what was typed: save it, send it back to copy and shorten, offer a cut."""
        state = state.at("text", s.clock.now(), overflow=text)
        await s.flows.save(state)
        await say(update, s.texts.get(lang, "card-text-too-long", length=len(text),
                                      limit=MAX_TEXT))
        if echo:
            for part in split_text(html.escape(text, quote=False)):
                await say(update, part)
        await show_prompt(update, s, lang, state)

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        now, step = s.clock.now(), state.step
        if step == "category" and as_id(value) is not None and \
                int(value) < len(s.config.cards.categories):
            category = s.config.cards.categories[int(value)]
            await save_and_prompt(update, s, lang,
                                  state.at(self._next(state), now, category=category))
        elif step == "text" and value == "cut" and state.data.get("overflow"):
            body = clean_body(str(state.data["overflow"])[:MAX_TEXT])
            await save_and_prompt(update, s, lang,
                                  state.at(self._next(state), now, body=body, overflow=None))
        elif step == "photos" and value == "done":
            await save_and_prompt(update, s, lang, state.at(self._next(state), now))
        elif step == "identity" and value in set(Identity):
            state = state.at("identity", now, identity=value)
            await save_and_prompt(update, s, lang, state.at(self._next(state), now))
        elif step == "publish" and value in ("yes", "no"):
            await save_and_prompt(update, s, lang, state.at("preview", now,
                                                            publish_ok=value == "yes"))
        elif step == "preview" and value == "submit":
            await self.submit(update, s, actor, lang, state)
        else:
            await preview_or_edit(update, s, actor, lang, state, value, EDITABLE)

    async def submit(self, update: Update, s: Services, actor: Actor, lang: str,
                     state: FlowState) -> None:
        if await ended_if_not_member(update, s, actor, lang):
            return
        pressed = pressed_id(update)
        done = await card_actions.submit(s, actor, state, pressed)
        if not done.ok or done.card is None:
            await say(update, s.texts.get(lang, done.key or "button-stale"))
            return
        await say(update, self._receipt(s, lang, done.card, done.receipt or ""))
        await receipts.said(s, actor.tg_user_id, pressed)

    async def receipt(self, s: Services, lang: str, made: receipts.Made) -> str | None:
        """The receipt again, for a 提交 pressed again after it was lost."""
        card = await s.cards.get(made.item_id)
        return None if card is None else self._receipt(s, lang, card, made.code)

    @staticmethod
    def _receipt(s: Services, lang: str, card: Card, code: str) -> str:
        return s.texts.get(lang, f"card-submitted-{card.identity}", id=str(card.id),
                           due=card.due_on.isoformat(), code=code,
                           raised=local_date(card.created_at, s.config.tz).isoformat())


CARD_DRAFT = CardDraft()
add_flow(CARD_DRAFT)


async def start_card(update: Update, context: Ctx) -> None:
    """/card (and the keyboard button): begin, or resume, writing a card."""
    await begin(update, context, NAME, "category")


async def start_question(update: Update, context: Ctx, disclosure_id: int) -> None:
    """有疑问 under a disclosure (the deep link start=dq_<id>): a card about it, its
    category set, starting at the text."""
    s, actor, lang = await caller(update, context)
    about = await disclosure_actions.question_about(s, disclosure_id)
    if about is None:
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    if await resumed(update, s, lang, actor.tg_user_id, NAME):
        return
    if not actor.active:
        await say(update, s.texts.get(lang, not_member_key(actor)))
        return
    state = new_flow(actor.tg_user_id, NAME, "text", s.clock.now(),
                     category=s.config.disclosures.question_category,
                     disclosure_id=about.id, disclosure_title=about.title)
    await save_and_prompt(update, s, lang, state, s.texts.get(
        lang, "card-question-intro", id=str(about.id), title=about.title))
