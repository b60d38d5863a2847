"""/disclosures (officers and chairs): the archive of 厂务公开 — each with its period,
approver, chats, 已阅 against the chats' registered members, and the questions asked;
/disclosure_N opens one, with who in a team has not read it."""

from __future__ import annotations

from telegram import Update

from bot import disclosure_actions as actions
from bot.disclosure_views import (
    archive_line,
    attachment_line,
    chat_label,
    chat_reads_line,
    correction_line,
    status_line,
)
from bot.disclosures import Disclosure, Status
from bot.handlers.common import Buttons, Ctx, answer, caller, link_number, say
from bot.limits import as_id
from bot.roles import Actor
from bot.services import Services
from bot.texts import Safe

ARCHIVE_SIZE = 15


async def _name(s: Services, member_id: int | None) -> str | None:
    member = await s.members.get(member_id) if member_id else None
    return member.name if member else None


async def list_disclosures(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    t = s.texts
    if not actions.may_draft(actor):
        await say(update, t.get(lang, "disclose-officers-only"))
        return
    found = await s.disclosures.listed(limit=ARCHIVE_SIZE)
    if not found:
        await say(update, t.get(lang, "disclose-archive-empty"))
        return
    lines = [t.get(lang, "disclose-archive-head", count=len(found))]
    for d in found:
        status = status_line(t, lang, d, await _name(s, d.decided_by), s.config)
        posts = await s.disclosures.posts(d.id)
        reads = sum((await s.disclosures.read_counts(d.id)).values())
        lines.append(archive_line(t, lang, d, status, len(posts), reads,
                                  len(await s.disclosures.questions(d.id))))
    await say(update, "\n\n".join(lines))


async def _detail(s: Services, lang: str, d: Disclosure) -> str:
    t = s.texts
    teams = {team.id: team.name for team in await s.teams.all()}
    parts = [t.get(lang, "disclose-detail", id=str(d.id), category=d.category,
                   period=d.period, title=d.title, drafter=await _name(s, d.drafted_by) or "-",
                   status=Safe(status_line(t, lang, d, await _name(s, d.decided_by),
                                           s.config)),
                   attachment=Safe(attachment_line(t, lang, d.attachment, d.file_name,
                                                   len(d.images))),
                   body=d.body)]
    if d.status is Status.RETURNED and d.return_comment:
        parts.append(t.get(lang, "disclose-detail-comment", comment=d.return_comment))
    posts = await s.disclosures.posts(d.id)
    if posts:
        reads = await s.disclosures.read_counts(d.id)
        lines = []
        for post in posts:
            chat = await s.chats.get(post.sent_to)
            expected = await s.chat_members.expected(
                post.sent_to, chat.purpose if chat else None, chat.team_id if chat else None)
            read = reads.get(post.sent_to, 0)
            if post.chat_id != post.sent_to:  # the group became a supergroup
                read += reads.get(post.chat_id, 0)
            label = chat_label(t, lang, chat, post.sent_to, teams)
            lines.append(chat_reads_line(t, lang, label, post, read, expected))
        parts.append(t.get(lang, "disclose-detail-chats", count=len(posts)) + "\n"
                     + "\n".join(lines))
    elif d.status is not Status.APPROVED:
        names = await actions.labels(s, lang, await s.disclosures.targets(d.id))
        parts.append(t.get(lang, "disclose-detail-targets", chats=", ".join(names)))
    fixes = await s.disclosures.corrections(d.id)
    if fixes:
        parts.append("\n".join(correction_line(t, lang, f, s.config) for f in fixes))
    questions = await s.disclosures.questions(d.id)
    if questions:
        parts.append(t.get(lang, "disclose-detail-questions", count=len(questions),
                           links=" ".join(f"/card_{q}" for q in questions)))
    return "\n\n".join(parts)


def _buttons(s: Services, lang: str, actor: Actor, d: Disclosure) -> Buttons:
    t, rows = s.texts, []
    if d.status is Status.PENDING and actor.is_chair and actor.member_id != d.drafted_by:
        rows.append([(t.get(lang, "btn-disclose-approve"), f"da:{d.id}:ok"),
                     (t.get(lang, "btn-disclose-return"), f"da:{d.id}:no")])
    if d.status is Status.RETURNED and actor.member_id == d.drafted_by \
            and not d.is_correction and d.replaced_by is None:
        rows.append([(t.get(lang, "btn-disclose-redo"), f"dd:{d.id}:redo")])
    if d.status is Status.APPROVED and not d.is_correction:
        row = [(t.get(lang, "btn-disclose-unread"), f"dd:{d.id}:teams")]
        if actions.may_correct(actor, d):
            row.append((t.get(lang, "btn-disclose-fix"), f"dd:{d.id}:fix"))
        rows.append(row)
    return rows


async def show_disclosure(update: Update, context: Ctx) -> None:
    """/disclosure_12: one disclosure, for officers and chairs."""
    s, actor, lang = await caller(update, context)
    number = link_number(update, "disclosure")
    d = await s.disclosures.get(number) if number is not None else None
    if not actions.may_draft(actor):
        await say(update, s.texts.get(lang, "disclose-officers-only"))
        return
    if d is None:
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    await say(update, await _detail(s, lang, d), _buttons(s, lang, actor, d))


async def on_unread(update: Update, context: Ctx, number: int, rest: list[str]) -> None:
    """dd:<id>:teams lists the teams the presser looks after with their 已阅 share;
    dd:<id>:unread:<team> lists who in that team has not read it."""
    s, actor, lang = await caller(update, context)
    t = s.texts
    d = await s.disclosures.get(number)
    if d is None or d.status is not Status.APPROVED or not actions.may_draft(actor):
        await answer(update, t.get(lang, "not-allowed"), alert=True)
        return
    if rest == ["teams"]:
        shares = await s.chat_members.team_reads(d.id)
        teams = [team for team in await s.teams.all() if actor.officer_of(team.id)]
        rows = [[(t.label(lang, "btn-disclose-team", team=team.name,
                         read=shares.get(team.id, (0, 0))[0],
                         total=shares.get(team.id, (0, 0))[1]),
                  f"dd:{d.id}:unread:{team.id}")] for team in teams]
        await answer(update)
        await say(update, t.get(lang, "disclose-pick-team", id=str(d.id)) if rows
                  else t.get(lang, "not-allowed"), rows)
        return
    team_id = as_id(rest[1]) if len(rest) == 2 and rest[0] == "unread" else None
    team = await s.teams.get(team_id) if team_id is not None else None
    if team is None or not actor.officer_of(team.id):
        await answer(update, t.get(lang, "not-allowed"), alert=True)
        return
    unread = await s.chat_members.unread(d.id, team.id)
    await answer(update)
    if not unread:
        await say(update, t.get(lang, "disclose-unread-none", team=team.name, id=str(d.id)))
        return
    names = [f"{name}（{no}）" if no else name for name, no in unread]
    await say(update, t.get(lang, "disclose-unread", team=team.name, id=str(d.id),
                            count=len(unread), names="、".join(names)))
