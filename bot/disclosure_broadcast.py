"""Broadcasting an approved disclosure through the outbox, and what follows each post:
the pin, the 已阅 count on its button, the drafter's progress and final report.

Everything goes through the outbox, so the pacing, the 429 retries and the no-resend
after a crash are the sender's. The follow-ups are idempotent (a pin is queued once
per post, the report once per disclosure), so the catch-up at start and in each sweep
can redo whatever a crash cut short.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.disclosure_views import (
    chat_label,
    post_text,
    progress_text,
    read_buttons,
    report_text,
)
from bot.disclosures import Attachment, Disclosure, next_edit_at, progress_due
from bot.notices import Outgoing, album, flush
from bot.notify import Reminder
from bot.outbox import OutboxItem, Status, inline_keyboard
from bot.services import Services
from bot.storage import disclosures as store
from bot.storage import outbox as outbox_store
from bot.storage.chats import Chat
from bot.storage.db import Tx
from bot.storage.disclosures import Post

log = logging.getLogger(__name__)
REPORT = "disclosure-report"


def question_link(s: Services, disclosure_id: int) -> str:
    """有疑问: opens the private chat, which starts a card about the disclosure."""
    return f"https://t.me/{s.bot_username}?start=dq_{disclosure_id}"


def _attachments(d: Disclosure, chat_id: int, ref: str) -> list[Outgoing]:
    if d.attachment is Attachment.PHOTO and d.file_id:
        return [Outgoing(chat_id, "sendPhoto", {"photo": d.file_id}, ref)]
    out: list[Outgoing] = []
    if d.attachment is Attachment.TABLE:
        out += album(chat_id, [{"file": f} for f in d.images], ref)
    if d.attachment in (Attachment.TABLE, Attachment.DOCUMENT) and d.file_id:
        out.append(Outgoing(chat_id, "sendDocument", {"document": d.file_id}, ref))
    return out


async def queue(s: Services, tx: Tx, d: Disclosure, approver: str, chats: list[Chat],
                parent_posts: list[Post] | None = None,
                parent: Disclosure | None = None) -> int:
    """Queue the disclosure to each chat, in the approving transaction: attachments
    first, then the post with its buttons (recorded as the chat's post). A correction
    goes as a reply to each message of the original. Returns how many chats."""
    lang = s.texts.language(None)
    text = post_text(s.texts, lang, s.config, d, approver, parent)
    now, count = s.clock.now(), 0
    not_before = s.mail.send_time(now, urgent=False)
    if parent_posts is not None:
        for post in parent_posts:
            if post.status != "sent" or post.message_id is None:
                continue
            payload: dict[str, Any] = {
                **s.mail.payload(text),
                "reply_parameters": {"message_id": post.message_id,
                                     "allow_sending_without_reply": True}}
            outbox_id = await outbox_store.enqueue(tx, post.sent_to, "sendMessage", payload,
                                                   not_before, now, ref=f"dpost:{d.id}")
            await store.add_post(tx, d.id, post.sent_to, outbox_id)
            count += 1
        return count
    buttons = read_buttons(s.texts, lang, d.id, 0, question_link(s, d.id))
    for chat in chats:
        await flush(s, tx, _attachments(d, chat.chat_id, f"datt:{d.id}"))
        outbox_id = await outbox_store.enqueue(tx, chat.chat_id, "sendMessage",
                                               s.mail.payload(text, buttons), not_before, now,
                                               ref=f"dpost:{d.id}")
        await store.add_post(tx, d.id, chat.chat_id, outbox_id)
        count += 1
    return count


async def unreachable(s: Services, tx: Tx, d: Disclosure, chat_id: int) -> None:
    """A picked group the bot can no longer post in: recorded as a post that failed, so
    the drafter's report names it."""
    now = s.clock.now()
    outbox_id = await outbox_store.enqueue(tx, chat_id, "sendMessage", {}, now, now,
                                           ref=f"dgone:{d.id}")
    await outbox_store.give_up(tx, outbox_id, "out of reach at approval")
    await store.add_post(tx, d.id, chat_id, outbox_id)


async def on_sent(s: Services, item: OutboxItem, status: Status) -> None:
    """Called by the sender after a disclosure's post or pin was settled."""
    if item.ref is None:
        return
    kind, _, raw = item.ref.partition(":")
    if kind not in ("dpost", "dpin") or not raw.isdigit():
        return
    d = await s.disclosures.get(int(raw))
    if d is None:
        return
    if kind == "dpost" and status is Status.SENT:
        await _pin(s, d, item.id)
    await follow_up(s, d)


async def _pin(s: Services, d: Disclosure, outbox_id: int) -> None:
    """Queue the pin of a post just sent, once."""
    if not d.pin or d.is_correction:
        return
    post = await s.disclosures.post_by_outbox(outbox_id)
    if post is None or post.message_id is None or post.pin_outbox_id is not None:
        return
    now = s.clock.now()
    try:
        async with s.db.tx() as tx:
            pin_id = await outbox_store.enqueue(
                tx, post.sent_to, "pinChatMessage",
                {"message_id": post.message_id, "disable_notification": True}, now, now,
                ref=f"dpin:{d.id}")
            if not await store.set_pin(tx, outbox_id, pin_id):
                raise _AlreadyPinned
    except _AlreadyPinned:
        return
    s.mail.wake()


class _AlreadyPinned(Exception):
    """Rolls back a second pin of the same post."""


async def follow_up(s: Services, d: Disclosure) -> None:
    """The drafter's progress line while it goes out; the report once it is all out."""
    progress = await s.disclosures.progress(d.id)
    now = s.clock.now()
    member = await s.members.get(d.drafted_by)
    if member is None:
        return
    lang = await s.language(member.tg_user_id)
    if progress.finished:
        await _report(s, d, member.tg_user_id, lang)
        return
    last, message_id = await s.disclosures.progress_state(d.id)
    if message_id is None or not progress_due(last, now, s.config.disclosures.progress_seconds,
                                              progress):
        return
    payload = {"message_id": message_id, "parse_mode": "HTML",
               "text": progress_text(s.texts, lang, d, progress)}
    async with s.db.tx() as tx:
        if not await outbox_store.refresh_pending(tx, f"dprog:{d.id}:edit", payload):
            await outbox_store.enqueue(tx, member.tg_user_id, "editMessageText", payload,
                                       now, now, ref=f"dprog:{d.id}:edit")
        await store.set_progress(tx, d.id, now)
    s.mail.wake()


async def _report(s: Services, d: Disclosure, chat_id: int, lang: str) -> None:
    posts = await s.disclosures.posts(d.id)
    if any(p.pin_status in ("pending", "sending") for p in posts):
        return  # the last pins are still going out; their own result brings us back
    t, team_names = s.texts, {team.id: team.name for team in await s.teams.all()}

    async def label(post: Post) -> str:
        return chat_label(t, lang, await s.chats.get(post.sent_to), post.sent_to, team_names)

    problems, unsure, pin_failed = [], [], []
    for post in posts:
        if post.status == "failed":
            chat = await s.chats.get(post.sent_to)
            reason = "removed" if chat is not None and chat.status != "active" else "error"
            problems.append(t.get(lang, f"disclose-fail-{reason}", chat=await label(post)))
        elif post.status == "uncertain":
            unsure.append(await label(post))
        if post.pin_status in ("failed", "uncertain"):
            pin_failed.append(await label(post))
    pinned = sum(1 for p in posts if p.pin_status == "sent")
    text = report_text(t, lang, d, await s.disclosures.progress(d.id), problems, unsure,
                       pin_failed, pinned)
    await s.mail.send_once(Reminder(f"disclosure:{d.id}", REPORT, "", chat_id, text))


async def catch_up(s: Services) -> None:
    """After a restart (and in each sweep): pins and reports a crash cut short."""
    for disclosure_id in await s.disclosures.unreported(REPORT):
        d = await s.disclosures.get(disclosure_id)
        if d is None:
            continue
        for post in await s.disclosures.posts(d.id):
            if post.status == "sent":
                await _pin(s, d, post.outbox_id)
        await follow_up(s, d)


async def show_count(s: Services, d: Disclosure, post: Post, count: int) -> None:
    """Bring the 已阅 (N) button of a post up to date, no more often than the config
    allows: a waiting update takes the new count, else one is queued for when due."""
    if post.message_id is None:
        return
    lang = s.texts.language(None)
    payload = {"message_id": post.message_id, "reply_markup": inline_keyboard(
        read_buttons(s.texts, lang, d.id, count, question_link(s, d.id)))}
    ref, now = f"dcount:{d.id}:{post.chat_id}", s.clock.now()
    async with s.db.tx() as tx:
        if await outbox_store.refresh_pending(tx, ref, payload):
            return
        at = next_edit_at(post.count_edit_at, now, s.config.disclosures.count_refresh_seconds)
        await outbox_store.enqueue(tx, post.sent_to, "editMessageReplyMarkup", payload, at,
                                   now, ref=ref)
        await store.set_shown(tx, d.id, post.chat_id, count, at)
    s.mail.wake()
