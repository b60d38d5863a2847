"""/disclose (officers and chairs): draft a 厂务公开 — category, period, title, text, an
attachment (photo, PDF, or a CSV/XLSX table drawn as images), the group chats, pin or
not — preview it and submit it to the chairs for approval."""

from __future__ import annotations

from telegram import Update

from bot import disclosure_actions as actions
from bot.cards import local_date
from bot.charts.drawing import drawn
from bot.disclosure_views import draft_text
from bot.disclosures import (
    EDITABLE,
    MAX_UPLOAD_BYTES,
    Attachment,
    attachment_kind,
    clean_body,
    clean_period,
    clean_title,
    month_label,
    next_step,
    recent_months,
)
from bot.exam_import import read_table
from bot.flows import FlowState, new_flow
from bot.fonts import FontMissing, require_font
from bot.handlers.common import Buttons, Ctx, caller, say
from bot.handlers.flows import (
    add_flow,
    button,
    ended_if_not_member,
    preview_or_edit,
    resumed,
    save_and_prompt,
    show_prompt,
    typed_text,
)
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.storage import outbox as outbox_store
from bot.table_image import TableTooBig, render_table

NAME = "disclose"
FIX_STEP = {"disclose-missing-category": "category", "disclose-missing-period": "period",
            "disclose-missing-title": "title", "disclose-missing-body": "body",
            "disclose-missing-chats": "chats", "disclose-chats-gone": "chats"}


def _b(s: Services, lang: str, key: str, step: str, value: str, **args: object) -> tuple[
        str, str]:
    return (s.texts.label(lang, key, **args), button(NAME, step, value))


async def _chat_rows(s: Services, lang: str, chosen: list[int]) -> Buttons:
    chats = await actions.group_chats(s)
    names = await actions.labels(s, lang, [c.chat_id for c in chats])
    pairs = [_b(s, lang, "btn-chat-on" if c.chat_id in chosen else "btn-chat-off", "chats",
                str(c.chat_id), chat=name) for c, name in zip(chats, names, strict=True)]
    rows = [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
    rows.append([_b(s, lang, "btn-chats-teams", "chats", "teams"),
                 _b(s, lang, "btn-chats-all", "chats", "all"),
                 _b(s, lang, "btn-chats-none", "chats", "none")])
    rows.append([_b(s, lang, "btn-done", "chats", "done")])
    return rows


def _month_values(s: Services) -> set[str]:
    return {f"{y}-{m:02d}" for y, m in recent_months(local_date(s.clock.now(), s.config.tz))}


class DiscloseDraft:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t, step, data = s.texts, state.step, state.data
        if step == "category":
            pairs = [_b(s, lang, "btn-plain", "category", str(i), text=c)
                     for i, c in enumerate(s.config.disclosures.categories)]
            return t.get(lang, "disclose-ask-category"), [pairs[i:i + 3]
                                                          for i in range(0, len(pairs), 3)]
        if step == "period":
            months = recent_months(local_date(s.clock.now(), s.config.tz))  # newest first
            return t.get(lang, "disclose-ask-period"), [[
                _b(s, lang, "btn-plain", "period", f"{y}-{m:02d}", text=month_label(y, m, lang))
                for y, m in months]]
        if step in ("title", "body"):
            return t.get(lang, f"disclose-ask-{step}"), []
        if step == "attach":
            return t.get(lang, "disclose-ask-attach"), [[
                _b(s, lang, "btn-disclose-no-attach", "attach", "none")]]
        if step == "chats":
            chosen = [int(c) for c in data.get("chats") or []]
            rows = await _chat_rows(s, lang, chosen)
            if len(rows) == 2:  # no group has a purpose yet
                return t.get(lang, "disclose-no-chats"), []
            return t.get(lang, "disclose-ask-chats", count=len(chosen)), rows
        if step == "pin":
            return t.get(lang, "disclose-ask-pin"), [[
                _b(s, lang, "btn-disclose-pin", "pin", "yes"),
                _b(s, lang, "btn-disclose-no-pin", "pin", "no")]]
        if step == "edit":
            pairs = [_b(s, lang, f"btn-disclose-edit-{e}", "edit", e) for e in EDITABLE]
            return t.get(lang, "disclose-ask-edit"), [
                *[pairs[i:i + 3] for i in range(0, len(pairs), 3)],
                [_b(s, lang, "btn-back", "edit", "back")]]
        names = await actions.labels(s, lang, [int(c) for c in data.get("chats") or []])
        return draft_text(t, lang, data, names), [
            [_b(s, lang, "btn-disclose-submit", "preview", "submit"),
             _b(s, lang, "btn-edit", "preview", "edit")],
            [_b(s, lang, "btn-cancel", "preview", "cancel")]]

    async def _next(self, update: Update, s: Services, lang: str, state: FlowState,
                    **changes: object) -> None:
        step = next_step(state.step, bool(state.data.get("editing")))
        await save_and_prompt(update, s, lang, state.at(step, s.clock.now(), **changes))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message, step = update.effective_message, state.step
        if message is not None and step == "attach" and (message.photo or message.document):
            await self._attachment(update, s, lang, state)
            return
        text = await typed_text(update, s, lang, state)
        if text is None:
            return
        try:
            if step == "category" and text in s.config.disclosures.categories:
                await self._next(update, s, lang, state, category=text)
            elif step == "period":
                await self._next(update, s, lang, state, period=clean_period(text))
            elif step == "title":
                await self._next(update, s, lang, state, title=clean_title(text))
            elif step == "body":
                await self._next(update, s, lang, state, body=clean_body(text))
            else:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state,
                              s.texts.get(lang, bad.key, **bad.args_for_text))

    async def _attachment(self, update: Update, s: Services, lang: str,
                          state: FlowState) -> None:
        message, t = update.effective_message, s.texts
        assert message is not None
        if message.photo:
            await self._next(update, s, lang, state, att=Attachment.PHOTO.value,
                             file_id=message.photo[-1].file_id, file_name=None, pages=[])
            return
        document = message.document
        assert document is not None
        kind = attachment_kind(document.file_name, document.mime_type)
        if kind is None:
            await show_prompt(update, s, lang, state, t.get(lang, "disclose-att-bad-type"))
            return
        if (document.file_size or 0) > MAX_UPLOAD_BYTES:
            await show_prompt(update, s, lang, state, t.get(
                lang, "disclose-att-big", limit=MAX_UPLOAD_BYTES // 1_000_000))
            return
        pages: list[int] = []
        if kind is Attachment.TABLE:
            try:
                pages = await _table_images(s, lang, str(state.data.get("title") or ""),
                                            document.file_name or "",
                                            bytes(await (await document.get_file())
                                                  .download_as_bytearray()))
            except InvalidInput as bad:
                await show_prompt(update, s, lang, state,
                                  t.get(lang, bad.key, **bad.args_for_text))
                return
            except FontMissing:
                kind = Attachment.DOCUMENT
                await say(update, t.get(lang, "disclose-table-no-font"))
        await self._next(update, s, lang, state, att=kind.value, file_id=document.file_id,
                         file_name=document.file_name, pages=pages)

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        step, cats = state.step, s.config.disclosures.categories
        number = as_id(value)
        if step == "category" and number is not None and number < len(cats):
            await self._next(update, s, lang, state, category=cats[number])
        elif step == "period" and value in _month_values(s):
            year, month = (int(p) for p in value.split("-"))
            await self._next(update, s, lang, state,
                             period=month_label(year, month, s.texts.language(None)))
        elif step == "attach" and value == "none":
            await self._next(update, s, lang, state, att="none", file_id=None, file_name=None,
                             pages=[])
        elif step == "chats":
            await self._chats(update, s, lang, state, value)
        elif step == "pin" and value in ("yes", "no"):
            await self._next(update, s, lang, state, pin=value == "yes")
        elif step == "preview" and value == "submit":
            await self._submit(update, s, actor, lang, state)
        elif not await preview_or_edit(update, s, actor, lang, state, value, EDITABLE):
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))

    async def _chats(self, update: Update, s: Services, lang: str, state: FlowState,
                     value: str) -> None:
        groups = await actions.group_chats(s)
        chosen = [int(c) for c in state.data.get("chats") or []]
        if value == "done":
            if not chosen:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "disclose-chats-pick"))
                return
            await self._next(update, s, lang, state)
            return
        if value == "all":
            chosen = [c.chat_id for c in groups]
        elif value == "teams":
            chosen = sorted(set(chosen) | {c.chat_id for c in groups if c.purpose == "team"})
        elif value == "none":
            chosen = []
        else:
            try:
                chat_id = int(value)
            except ValueError:
                chat_id = 0
            if chat_id not in {c.chat_id for c in groups}:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))
                return
            chosen = [c for c in chosen if c != chat_id] if chat_id in chosen \
                else [*chosen, chat_id]
        await save_and_prompt(update, s, lang, state.at("chats", s.clock.now(), chats=chosen))

    async def _submit(self, update: Update, s: Services, actor: Actor, lang: str,
                      state: FlowState) -> None:
        t = s.texts
        if await ended_if_not_member(update, s, actor, lang):
            return
        if not actions.may_draft(actor):
            await s.flows.delete(actor.tg_user_id)
            await say(update, t.get(lang, "disclose-officers-only"))
            return
        done = await actions.submit(s, actor, state)
        if done.key in FIX_STEP:
            await save_and_prompt(update, s, lang, state.at(FIX_STEP[done.key], s.clock.now(),
                                                            editing=True), t.get(lang, done.key))
        elif not done.ok:
            await say(update, t.get(lang, done.key))
        else:
            assert done.disclosure is not None
            await say(update, t.get(lang, "disclose-submitted", id=str(done.disclosure.id),
                                    title=done.disclosure.title, count=done.count))


async def _table_images(s: Services, lang: str, title: str, filename: str,
                        data: bytes) -> list[int]:
    """The table drawn as images, kept for the outbox; InvalidInput if it cannot be."""
    try:
        rows = read_table(filename, data)
    except InvalidInput as bad:
        if bad.key == "exam-file-empty":
            raise InvalidInput("disclose-table-empty") from bad
        raise
    font = require_font(s.config.charts.font_file)
    page_word = s.texts.get(s.texts.language(None), "disclose-table-footer", page="{page}",
                            pages="{pages}", rows="{rows}")
    try:
        images = await drawn(render_table, title, rows, font,
                             s.config.disclosures.table_rows_per_image, page_word)
    except TableTooBig as big:
        raise InvalidInput(big.key, **big.args_for_text) from big
    now = s.clock.now()
    async with s.db.tx() as tx:
        return [await outbox_store.add_file(tx, f"table-{n}.png", png, now)
                for n, png in enumerate(images, 1)]


add_flow(DiscloseDraft())


async def start_disclose(update: Update, context: Ctx, **preset: object) -> None:
    """/disclose: begin, or resume, a draft."""
    s, actor, lang = await caller(update, context)
    if not actions.may_draft(actor):
        await say(update, s.texts.get(lang, "disclose-officers-only"))
        return
    if await resumed(update, s, lang, actor.tg_user_id, NAME):
        return
    step = "preview" if preset else "category"
    await save_and_prompt(update, s, lang, new_flow(actor.tg_user_id, NAME, step,
                                                    s.clock.now(), **preset))
