"""Keeping the visit diary: who may keep and read it, each officer's quota, finding the
person visited, saving an entry (with the hardship flag to the chairs in the same
transaction) and a chair taking a hardship case on. No Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.flows import FlowState
from bot.members import InvalidInput, Member
from bot.notices import Outgoing, flush, message
from bot.recipients import chairs
from bot.roles import Actor, MemberStatus, Role
from bot.services import Services
from bot.storage import flows as flow_store
from bot.storage import visits as visit_store
from bot.storage.visits import NewVisit
from bot.study import month_bounds, month_of
from bot.visit_views import help_notice, help_taken_notice
from bot.visits import FollowUp, Quota, Tally, Visit, check_draft, tally


def today(s: Services) -> date:
    return s.clock.now().astimezone(s.config.tz).date()


def may_keep_diary(actor: Actor) -> bool:
    """Union officers and group leaders keep the diary; so may the chairs."""
    return actor.has(Role.OFFICER) or actor.is_chair


def may_read(actor: Actor, visit: Visit) -> bool:
    """A diary entry is read by its author and the chairs, nobody else."""
    return actor.is_chair or (actor.active and actor.member_id == visit.officer_id)


def may_see_team(actor: Actor, team_id: int) -> bool:
    """Who was (not) visited in a team: its officers and the chairs."""
    return actor.is_chair or (actor.has(Role.OFFICER) and actor.team_id == team_id)


def quota_for(s: Services, member: Member) -> Quota:
    """The officer's own quota from the config, else the branch's."""
    cfg = s.config.visits
    number = (member.employee_no or "").upper()
    for own in cfg.officers:
        if (own.user_id and own.user_id == member.tg_user_id) or \
                (own.employee_no and own.employee_no.upper() == number):
            return Quota(own.talks or cfg.talks, own.home_visits or cfg.home_visits)
    return Quota(cfg.talks, cfg.home_visits)


def quota_of(s: Services, member: Member) -> Quota | None:
    """An officer's quota; None for a chair who is not also an officer (they keep the
    diary with no monthly quota)."""
    return quota_for(s, member) if Role.OFFICER.value in member.roles else None


async def quota_holders(s: Services) -> list[Member]:
    """Who owes talks and home visits each month: the active officers."""
    return await s.members.with_role(Role.OFFICER)


async def month_tally(s: Services, month: str) -> dict[int, Tally]:
    return tally(await s.visits.kinds_between(*month_bounds(month)))


@dataclass(frozen=True)
class Found:
    """A name typed to find the person visited: one member, several, or none."""

    member: Member | None
    several: list[Member]
    too_many: bool = False


async def find_person(s: Services, actor: Actor, text: str) -> Found:
    words = text.strip()
    found = [m for m in await s.members.search(words) if m.id != actor.member_id]
    exact = [m for m in found if m.name == words or (m.employee_no or "").upper()
             == words.upper()]
    if len(exact) == 1:
        return Found(exact[0], [])
    if len(found) == 1:
        return Found(found[0], [])
    return Found(None, found[:10], len(found) > 10)


async def pickable(s: Services, actor: Actor, member_id: int) -> Member | None:
    """A member who may be named in the diary: active, and not the officer themself."""
    member = await s.members.get(member_id)
    if member is None or member.status is not MemberStatus.ACTIVE or \
            member.id == actor.member_id:
        return None
    return member


@dataclass(frozen=True)
class Logged:
    ok: bool
    visit_id: int = 0
    month: str = ""
    tally: Tally = field(default_factory=Tally)
    quota: Quota | None = None
    key: str = ""
    chairs_told: int = 0


async def log_visit(s: Services, actor: Actor, state: FlowState) -> Logged:
    """The draft as a diary entry; a hardship case is flagged to the chairs (not to the
    author, if a chair wrote it) in the same transaction. InvalidInput if the draft is
    missing a part."""
    assert actor.member_id is not None
    draft = check_draft(state.data, today(s))
    if draft.member_id is not None and await pickable(s, actor, draft.member_id) is None:
        raise InvalidInput("visit-person-gone")
    new = NewVisit(officer_id=actor.member_id, kind=draft.kind, member_id=draft.member_id,
                   person=draft.person, team_id=state.data.get("team_id"),
                   visited_on=draft.visited_on, notes=draft.notes, reasons=draft.reasons,
                   follow_up=draft.follow_up, revisit_on=draft.revisit_on,
                   help_note=draft.help_note)
    told = [c for c in await chairs(s) if c != actor.tg_user_id] \
        if draft.follow_up is FollowUp.HELP else []
    month = month_of(draft.visited_on)
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, state):
            return Logged(False, key="button-stale")
        visit_id = await visit_store.insert(tx, new, s.clock.now())
        out: list[Outgoing] = []
        for chat_id in told:
            reader = await s.members.actor(chat_id)  # a config admin may not be a member
            text, buttons = await help_notice(s, await s.language(chat_id), visit_id, new,
                                              actor.name, may_take_help(reader))
            out.append(message(s, chat_id, text, buttons, ref=f"visit:{visit_id}:help"))
        await flush(s, tx, out)
    s.mail.wake()
    member = await s.members.get(actor.member_id)
    quota = quota_of(s, member) if member else None
    counts = (await month_tally(s, month)).get(actor.member_id, Tally())
    return Logged(True, visit_id, month, counts, quota, chairs_told=len(told))


@dataclass(frozen=True)
class Taken:
    ok: bool
    key: str = ""
    by: str = ""


def may_take_help(actor: Actor) -> bool:
    """Chairs take hardship cases on; so do admins who are members, who get the flags
    while the branch has no chair (recipients.chairs)."""
    return (actor.is_chair or actor.is_admin) and actor.member_id is not None


async def take_help(s: Services, actor: Actor, visit: Visit) -> Taken:
    """A chair takes a hardship case on; the officer who flagged it hears who did. A
    second press says who took it."""
    if not may_take_help(actor) or actor.member_id is None:
        return Taken(False, "not-allowed")
    if visit.follow_up is not FollowUp.HELP:
        return Taken(False, "button-stale")
    author = await s.members.get(visit.officer_id)
    async with s.db.tx() as tx:
        if not await visit_store.take_help(tx, visit.id, actor.member_id, s.clock.now()):
            # someone took it first (the check is in the same statement as the change)
            fresh = await s.visits.get(visit.id)
            holder = await s.members.get(fresh.help_taken_by) \
                if fresh and fresh.help_taken_by else None
            return Taken(False, "visit-help-already", holder.name if holder else "-")
        if author is not None and author.id != actor.member_id:
            lang = await s.language(author.tg_user_id)
            await flush(s, tx, [message(s, author.tg_user_id,
                                        help_taken_notice(s, lang, visit, actor.name),
                                        ref=f"visit:{visit.id}:taken")])
    s.mail.wake()
    return Taken(True, by=actor.name)
