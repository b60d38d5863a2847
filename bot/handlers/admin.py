"""Role commands for admins and chairs: promote, demote, move, deactivate, reactivate,
and /members for officers. Each answers with a clear confirmation."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import Ctx, caller, say
from bot.handlers.menu import publish_menu_for
from bot.members import InvalidInput, InvalidTransition, Member, parse_who
from bot.roles import GRANTABLE, Actor, MemberStatus, Role
from bot.services import Services

ROLE_WORDS = {
    "supervisor": Role.SUPERVISOR, "群监员": Role.SUPERVISOR,
    "representative": Role.REPRESENTATIVE, "职工代表": Role.REPRESENTATIVE,
    "officer": Role.OFFICER, "工会委员": Role.OFFICER, "小组长": Role.OFFICER,
    "chair": Role.CHAIR, "工会主席": Role.CHAIR, "主席": Role.CHAIR,
    "admin": Role.ADMIN, "管理员": Role.ADMIN,
}


async def _target(update: Update, s: Services, lang: str, args: list[str],
                  usage: str) -> Member | None:
    if not args:
        await say(update, s.texts.get(lang, usage))
        return None
    try:
        who = parse_who(args[0])
    except InvalidInput as bad:
        await say(update, s.texts.get(lang, bad.key))
        return None
    member = await s.members.find(who)
    if member is None or member.forgotten:  # a forgotten member is no one to act on
        await say(update, s.texts.get(lang, "admin-who-unknown", who=args[0]))
        return None
    return member


async def _gate(update: Update, context: Ctx) -> tuple[Services, Actor, str] | None:
    s, actor, lang = await caller(update, context)
    if not (actor.is_admin or actor.is_chair):
        await say(update, s.texts.get(lang, "not-allowed"))
        return None
    return s, actor, lang


async def _refresh_menu(context: Ctx, s: Services, member: Member) -> None:
    await publish_menu_for(context.bot, s, await s.members.actor(member.tg_user_id))


async def promote(update: Update, context: Ctx) -> None:
    """/promote WHO ROLE."""
    await _change_role(update, context, grant=True)


async def demote(update: Update, context: Ctx) -> None:
    """/demote WHO ROLE."""
    await _change_role(update, context, grant=False)


async def _change_role(update: Update, context: Ctx, grant: bool) -> None:
    gate = await _gate(update, context)
    if gate is None:
        return
    s, actor, lang = gate
    usage = "admin-usage-promote" if grant else "admin-usage-demote"
    args = context.args or []
    member = await _target(update, s, lang, args, usage)
    if member is None:
        return
    role = ROLE_WORDS.get(args[1].lower() if len(args) > 1 else "")
    if role is None or role not in GRANTABLE:
        await say(update, s.texts.get(lang, usage))
        return
    if not actor.may_manage_roles(role):
        await say(update, s.texts.get(lang, "not-allowed"))
        return
    now = s.clock.now()
    if grant:
        changed = await s.members.grant(member.id, role, actor.member_id, now)
    else:
        changed = await s.members.revoke(member.id, role, actor.member_id, now)
    role_name = s.texts.get(lang, f"role-{role}")
    key = ("admin-granted" if grant else "admin-revoked") if changed else \
        ("admin-had-role" if grant else "admin-lacked-role")
    await say(update, s.texts.get(lang, key, name=member.name, id=str(member.id), role=role_name))
    if changed:
        m_lang = await s.language(member.tg_user_id)
        await s.mail.send(member.tg_user_id, s.texts.get(
            m_lang, "role-granted-you" if grant else "role-revoked-you",
            role=s.texts.get(m_lang, f"role-{role}")))
        await _refresh_menu(context, s, member)


async def move(update: Update, context: Ctx) -> None:
    """/move WHO TEAM_CODE."""
    gate = await _gate(update, context)
    if gate is None:
        return
    s, actor, lang = gate
    args = context.args or []
    member = await _target(update, s, lang, args, "admin-usage-move")
    if member is None:
        return
    team = await s.teams.by_code(args[1]) if len(args) > 1 else None
    if team is None:
        await say(update, s.texts.get(lang, "admin-usage-move"))
        return
    await s.members.move(member, team.id, actor.member_id, s.clock.now())
    await say(update, s.texts.get(lang, "admin-moved", name=member.name, team=team.name))


async def deactivate(update: Update, context: Ctx) -> None:
    """/deactivate WHO."""
    await _set_active(update, context, "deactivate")


async def reactivate(update: Update, context: Ctx) -> None:
    """/reactivate WHO."""
    await _set_active(update, context, "reactivate")


async def _set_active(update: Update, context: Ctx, action: str) -> None:
    gate = await _gate(update, context)
    if gate is None:
        return
    s, actor, lang = gate
    member = await _target(update, s, lang, context.args or [], f"admin-usage-{action}")
    if member is None:
        return
    if member.tg_user_id == actor.tg_user_id:
        await say(update, s.texts.get(lang, "admin-not-self"))
        return
    try:
        member = await s.members.change_status(member, action, actor.member_id, s.clock.now())
    except InvalidTransition:
        await say(update, s.texts.get(lang, "admin-status-unchanged", name=member.name,
                                      status=s.texts.get(lang, f"status-{member.status}")))
        return
    await say(update, s.texts.get(lang, f"admin-{action}d", name=member.name))
    await _refresh_menu(context, s, member)


async def list_members(update: Update, context: Ctx) -> None:
    """/members [TEAM_CODE] — officers see their team; chairs and admins any team."""
    s, actor, lang = await caller(update, context)
    if not actor.is_officer:
        await say(update, s.texts.get(lang, "not-allowed"))
        return
    args = context.args or []
    team = await s.teams.by_code(args[0]) if args else (
        await s.teams.get(actor.team_id) if actor.team_id else None)
    if team is None:
        teams = ", ".join(f"{t.code} {t.name}" for t in await s.teams.all())
        await say(update, s.texts.get(lang, "members-usage", teams=teams or "-"))
        return
    if not actor.officer_of(team.id):
        await say(update, s.texts.get(lang, "not-allowed"))
        return
    lines = [s.texts.get(lang, "members-title", team=team.name)]
    for member in await s.members.in_team(team.id):
        if member.status is MemberStatus.REJECTED:
            continue
        roles = "、".join(s.texts.get(lang, f"role-{r}") for r in sorted(member.roles))
        lines.append(s.texts.get(lang, "members-line", id=str(member.id), name=member.name,
                                 employee_no=member.employee_no or "-",
                                 status=s.texts.get(lang, f"status-{member.status}"),
                                 roles=roles or "-"))
    await say(update, "\n".join(lines))
