"""厂务公开, what officers and chairs do: submit a draft (or a correction) for approval,
approve or return it, and what a press of 已阅 counts. Each change queues its notices
in the same transaction; a lost race changes and queues nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot import disclosure_broadcast as broadcast
from bot.disclosure_views import approval_text, chat_label
from bot.disclosures import Attachment, Disclosure, Status, approval_refusal, missing
from bot.flows import FlowState
from bot.notices import Outgoing, album, flush, message
from bot.recipients import language_of
from bot.roles import Actor, Role
from bot.services import Services
from bot.storage import disclosures as store
from bot.storage import flows as flow_store
from bot.storage.chats import Chat
from bot.storage.disclosures import NewDisclosure


@dataclass(frozen=True)
class Done:
    ok: bool
    key: str = ""
    disclosure: Disclosure | None = None
    by: str = ""
    count: int = 0
    names: list[str] = field(default_factory=list)


class _Resubmitted(Exception):
    """Rolls back a second resubmission of the same returned draft."""


def may_draft(actor: Actor) -> bool:
    return actor.member_id is not None and (actor.has(Role.OFFICER) or actor.is_chair)


def may_correct(actor: Actor, d: Disclosure) -> bool:
    return actor.member_id is not None and (actor.member_id == d.drafted_by or actor.is_chair)


async def group_chats(s: Services) -> list[Chat]:
    """Where a disclosure can go: the active groups given a purpose, by purpose."""
    order = {"branch": 0, "team": 1, "officers": 2, "safety": 3}
    chats = [c for c in await s.chats.groups() if c.status == "active" and c.purpose]
    return sorted(chats, key=lambda c: (order.get(c.purpose or "", 9), c.title or "",
                                        c.chat_id))


async def labels(s: Services, lang: str, chat_ids: list[int]) -> list[str]:
    teams = {t.id: t.name for t in await s.teams.all()}
    return [chat_label(s.texts, lang, await s.chats.get(c), c, teams) for c in chat_ids]


async def _approvers(s: Services, author: int) -> list[int]:
    """The chairs who may decide: every active chair but the author."""
    return [m.tg_user_id for m in await s.members.with_role(Role.CHAIR) if m.id != author]


async def _ask_chairs(s: Services, d: Disclosure, chairs: list[int], chat_ids: list[int],
                      author: str, parent: Disclosure | None) -> list[Outgoing]:
    out: list[Outgoing] = []
    for tg in chairs:
        lang = await language_of(s, tg)
        if d.attachment is Attachment.PHOTO and d.file_id:
            out += album(tg, [d.file_id], f"dask:{d.id}")
        elif d.images:
            out += album(tg, [{"file": f} for f in d.images], f"dask:{d.id}")
        if d.attachment is Attachment.DOCUMENT and d.file_id:
            out.append(Outgoing(tg, "sendDocument", {"document": d.file_id}, f"dask:{d.id}"))
        text = approval_text(s.texts, lang, d, author, await labels(s, lang, chat_ids), parent)
        out.append(message(s, tg, text, [[
            (s.texts.get(lang, "btn-disclose-approve"), f"da:{d.id}:ok"),
            (s.texts.get(lang, "btn-disclose-return"), f"da:{d.id}:no")]], f"dask:{d.id}"))
    return out


async def submit(s: Services, actor: Actor, draft: FlowState) -> Done:
    """The draft (or a correction) as a pending disclosure, asked of the chairs; the draft
    is consumed in the same transaction, so a repeated press stores nothing."""
    data = draft.data
    assert actor.member_id is not None
    parent = await s.disclosures.get(int(data["parent_id"])) if data.get("parent_id") else None
    if parent is None:
        lacking = missing(data)
        if lacking:
            return Done(False, lacking)
        active = {c.chat_id for c in await group_chats(s)}
        chat_ids = [int(c) for c in data["chats"] if int(c) in active]
        if not chat_ids:
            return Done(False, "disclose-chats-gone")
    else:
        chat_ids = [p.sent_to for p in await s.disclosures.posts(parent.id)
                    if p.status == "sent"]
        if not chat_ids:
            return Done(False, "disclose-fix-nowhere")
    chairs = await _approvers(s, actor.member_id)
    if not chairs:
        return Done(False, "disclose-no-approver")
    source = parent
    new = NewDisclosure(
        category=source.category if source else str(data["category"]),
        period=source.period if source else str(data["period"]),
        title=source.title if source else str(data["title"]),
        body=str(data["body"]), drafted_by=actor.member_id, chats=tuple(chat_ids),
        attachment=Attachment(str(data.get("att") or "none")) if not source
        else Attachment.NONE,
        file_id=data.get("file_id") if not source else None,
        file_name=data.get("file_name") if not source else None,
        images=tuple(int(p) for p in data.get("pages") or []) if not source else (),
        pin=bool(data.get("pin")) and not source, parent_id=source.id if source else None)
    try:
        async with s.db.tx() as tx:
            if not await flow_store.consume(tx, draft):
                return Done(False, "button-stale")
            disclosure_id = await store.insert(tx, new, s.clock.now())
            if data.get("redo_of") and not await store.mark_replaced(
                    tx, int(data["redo_of"]), disclosure_id):
                raise _Resubmitted
    except _Resubmitted:
        await s.flows.delete(actor.tg_user_id)
        return Done(False, "disclose-redo-done")
    d = await s.disclosures.get(disclosure_id)
    assert d is not None
    async with s.db.tx() as tx:
        await flush(s, tx, await _ask_chairs(s, d, chairs, chat_ids, actor.name, parent))
    s.mail.wake()
    return Done(True, disclosure=d, count=len(chairs))


async def decided(s: Services, d: Disclosure) -> Done:
    """A press that came too late: who decided, and how."""
    fresh = await s.disclosures.get(d.id) or d
    by = await s.members.get(fresh.decided_by) if fresh.decided_by else None
    return Done(False, f"disclose-already-{fresh.status}", fresh, by.name if by else "-")


async def _to_decide(s: Services, actor: Actor,
                     disclosure_id: int) -> tuple[Disclosure | None, Done | None]:
    """The pending disclosure this chair may decide on, or why not."""
    d = await s.disclosures.get(disclosure_id)
    if d is None:
        return None, Done(False, "item-not-found")
    refusal = approval_refusal(actor.is_chair, actor.member_id, d.drafted_by)
    if refusal:
        return None, Done(False, refusal, d)
    if d.status is not Status.PENDING:
        return None, await decided(s, d)
    return d, None


async def approve(s: Services, actor: Actor, disclosure_id: int) -> Done:
    d, refused = await _to_decide(s, actor, disclosure_id)
    if d is None or refused is not None or actor.member_id is None:
        return refused or Done(False, "item-not-found")
    parent = await s.disclosures.get(d.parent_id) if d.parent_id else None
    parent_posts = await s.disclosures.posts(parent.id) if parent else None
    chats, gone = await _reachable(s, await s.disclosures.targets(d.id))
    total = (sum(1 for p in parent_posts if p.status == "sent") if parent_posts is not None
             else len(chats) + len(gone))
    drafter = await s.members.get(d.drafted_by)
    now = s.clock.now()
    async with s.db.tx() as tx:
        if not await store.decide(tx, d.id, Status.APPROVED, actor.member_id, now):
            return await decided(s, d)
        fresh = replace(d, status=Status.APPROVED, decided_by=actor.member_id, decided_at=now)
        if drafter is not None:  # first, so it is out before the posts and can show progress
            lang = await s.language(drafter.tg_user_id)
            key = "disclose-approved-sending" if total > len(gone) else \
                "disclose-approved-nowhere"
            progress_id = await s.mail.enqueue(
                tx, drafter.tg_user_id, s.texts.get(lang, key, id=str(d.id), title=d.title,
                                                    by=actor.name, total=total),
                ref=f"dprog:{d.id}", now=now)
            await store.set_progress(tx, d.id, now, progress_id)
        count = await broadcast.queue(s, tx, fresh, actor.name, chats, parent_posts, parent)
        for chat_id in gone if parent is None else []:
            await broadcast.unreachable(s, tx, fresh, chat_id)
    s.mail.wake()
    await broadcast.follow_up(s, fresh)  # nothing to send at all: the report at once
    return Done(True, disclosure=fresh, by=actor.name, count=count)


async def _reachable(s: Services, targets: list[int]) -> tuple[list[Chat], list[int]]:
    """The picked groups the bot can still post in (a group that became a supergroup
    is followed), and those it cannot (removed, or no longer given a purpose)."""
    active = {c.chat_id: c for c in await group_chats(s)}
    chats, gone = [], []
    for chat_id in targets:
        chat = await s.chats.get(chat_id)
        moved = chat.migrated_to if chat is not None else None
        if chat_id in active:
            chats.append(active[chat_id])
        elif moved is not None and moved in active:
            chats.append(active[moved])
        else:
            gone.append(chat_id)
    return chats, gone


async def give_back(s: Services, actor: Actor, disclosure_id: int, comment: str) -> Done:
    """退回: the draft goes back to its drafter with the chair's comment."""
    d, refused = await _to_decide(s, actor, disclosure_id)
    if d is None or refused is not None or actor.member_id is None:
        return refused or Done(False, "item-not-found")
    drafter = await s.members.get(d.drafted_by)
    async with s.db.tx() as tx:
        if not await store.decide(tx, d.id, Status.RETURNED, actor.member_id, s.clock.now(),
                                  comment):
            return await decided(s, d)
        if drafter is not None:
            lang = await s.language(drafter.tg_user_id)
            text = s.texts.get(lang, "disclose-returned", id=str(d.id), title=d.title,
                               by=actor.name, comment=comment)
            await s.mail.enqueue(tx, drafter.tg_user_id, text, [[(
                s.texts.get(lang, "btn-disclose-redo"), f"dd:{d.id}:redo")]],
                ref=f"disclosure:{d.id}")
    s.mail.wake()
    return Done(True, disclosure=d, by=actor.name)


async def read(s: Services, actor: Actor, disclosure_id: int, chat_id: int,
               message_id: int) -> Done:
    """已阅 under a post: a registered member counts once per chat; the button's count
    follows, paced."""
    post = await s.disclosures.post_at(disclosure_id, chat_id, message_id)
    d = await s.disclosures.get(disclosure_id) if post else None
    if post is None or d is None:
        return Done(False, "button-stale")
    await s.chat_members.seen(chat_id, actor.tg_user_id, True, s.clock.now())
    if not actor.active or actor.member_id is None:
        return Done(False, "disclose-read-register")
    new = await s.disclosures.add_read(d.id, chat_id, actor.member_id, s.clock.now())
    count = (await s.disclosures.read_counts(d.id)).get(chat_id, 0)
    if new:
        await broadcast.show_count(s, d, post, count)
    return Done(new, "disclose-read-done" if new else "disclose-read-again", d, count=count)


async def question_about(s: Services, disclosure_id: int) -> Disclosure | None:
    """The approved disclosure a 有疑问 link names (a correction's original), or None."""
    d = await s.disclosures.get(disclosure_id)
    if d is not None and d.parent_id is not None:
        d = await s.disclosures.get(d.parent_id)
    return d if d is not None and d.status is Status.APPROVED else None


async def redo_data(s: Services, actor: Actor, disclosure_id: int) -> dict[str, object] | None:
    """A returned draft's parts, to edit and submit again (its drafter only)."""
    d = await s.disclosures.get(disclosure_id)
    if d is None or d.drafted_by != actor.member_id or d.status is not Status.RETURNED \
            or d.is_correction or d.replaced_by is not None:
        return None
    return {"redo_of": d.id, "category": d.category, "period": d.period, "title": d.title,
            "body": d.body,
            "att": d.attachment.value, "file_id": d.file_id, "file_name": d.file_name,
            "pages": list(d.images), "chats": await s.disclosures.targets(d.id),
            "pin": d.pin}

