"""What can be done to a hazard, who may do it, and who hears about it. No Telegram.

Each action checks the actor's current roles, composes its notices, then changes the
hazard and queues the notices in one transaction; the first of two racing actions
wins. A 重大 hazard alerts the safety chat and the chairs at once, urgently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot import receipts
from bot.flows import FlowState
from bot.hazard_views import handler_buttons, hazard_text, owner_buttons
from bot.hazards import Hazard, HazardStatus, Severity, may_verify
from bot.notices import Buttons, Outgoing, album, flush, message
from bot.recipients import chairs, language_of, officer_targets
from bot.roles import Actor, Role
from bot.services import Services
from bot.storage import flows as flow_store
from bot.storage import hazards as store
from bot.storage.db import from_ts
from bot.storage.hazards import NewHazard


@dataclass(frozen=True)
class Done:
    ok: bool
    hazard: Hazard | None = None
    key: str = ""
    by: str = ""


def may_handle(actor: Actor, hazard: Hazard) -> bool:
    """Officers of the hazard's team, its safety supervisors, chairs and admins."""
    if actor.officer_of(hazard.team_id):
        return True
    return actor.has(Role.SUPERVISOR) and actor.team_id == hazard.team_id


async def handler_targets(s: Services, team_id: int | None) -> list[int]:
    """The team's officers (or officers' chat) and its safety supervisors."""
    targets = await officer_targets(s, team_id)
    for supervisor in await s.members.with_role(Role.SUPERVISOR, team_id):
        if supervisor.tg_user_id not in targets:
            targets.append(supervisor.tg_user_id)
    return targets


async def member_name(s: Services, member_id: int | None) -> str:
    member = await s.members.get(member_id) if member_id else None
    return member.name if member else "-"


async def owner_label(s: Services, hazard: Hazard) -> str | None:
    if hazard.owner_member_id:
        return await member_name(s, hazard.owner_member_id)
    return hazard.owner_name


async def full_text(s: Services, lang: str, hazard: Hazard,
                    heading: str = "hazard-heading") -> str:
    team = await s.teams.get(hazard.team_id) if hazard.team_id else None
    today = s.clock.now().astimezone(s.config.tz).date()
    return hazard_text(s.texts, lang, s.config, hazard, team=team.name if team else "-",
                       reporter=await member_name(s, hazard.reporter_member_id),
                       owner=await owner_label(s, hazard), today=today, heading=heading)


async def to_chats(s: Services, hazard: Hazard, targets: list[int], heading: str,
                   buttons: Any = handler_buttons, photos: tuple[str, ...] = (),
                   urgent: bool = False) -> list[Outgoing]:
    """The hazard to each chat, with `buttons(texts, lang, hazard)` and photos first."""
    out: list[Outgoing] = []
    for chat_id in targets:
        lang = await language_of(s, chat_id)
        rows: Buttons = buttons(s.texts, lang, hazard) if buttons else []
        out += album(chat_id, photos, f"hazard:{hazard.id}", urgent)
        out.append(message(s, chat_id, await full_text(s, lang, hazard, heading), rows,
                           f"hazard:{hazard.id}", urgent))
    return out


async def to_member(s: Services, member_id: int | None, hazard: Hazard, key: str,
                    buttons: Callable[[str], Buttons] | None = None,
                    **args: Any) -> list[Outgoing]:
    member = await s.members.get(member_id) if member_id else None
    if member is None:
        return []
    lang = await s.language(member.tg_user_id)
    text = s.texts.get(lang, key, id=str(hazard.id), category=hazard.category,
                       location=hazard.location, **args)
    rows = buttons(lang) if buttons else None
    return [message(s, member.tg_user_id, text, rows, f"hazard:{hazard.id}")]


async def handled(s: Services, hazard: Hazard) -> Done:
    fresh = await s.hazards.get(hazard.id) or hazard
    by = fresh.verified_by or fresh.fixed_by or fresh.handled_by or fresh.confirmed_by
    return Done(False, fresh, key="hazard-already-handled", by=await member_name(s, by))


async def submit(s: Services, actor: Actor, draft: FlowState,
                 pressed: int | None = None) -> Done:
    """Store the draft as a hazard and queue it to its handlers, exactly once (the draft
    is consumed in the same transaction); the press on preview message `pressed` is
    remembered with it (bot/receipts.py)."""
    data, now = draft.data, s.clock.now()
    found = from_ts(str(data["found_at"])) if data.get("found_at") else now
    new = NewHazard(team_id=actor.team_id, reporter_member_id=actor.member_id,
                    location=str(data["location"]), category=str(data["category"]),
                    severity=Severity(str(data["severity"])),
                    description=str(data["description"]), found_at=found or now,
                    photos=tuple(str(p) for p in data.get("photos") or []))
    major = new.severity is Severity.MAJOR
    async with s.db.tx() as tx:
        if not await flow_store.consume(tx, draft):
            return Done(False, key="button-stale")
        hazard = await s.hazards.get(await store.insert(tx, new, now))
        assert hazard is not None
        await receipts.remember(tx, s, actor.tg_user_id, pressed,
                                receipts.Made(draft.name, hazard.id))
        targets = await handler_targets(s, hazard.team_id)
        out = await to_chats(s, hazard, targets, "hazard-heading-new", photos=hazard.photos,
                             urgent=major)
        if major:
            alert = [c.chat_id for c in await s.chats.with_purpose("safety")]
            alert += [c for c in await chairs(s) if c not in alert]
            out += await to_chats(s, hazard, [c for c in alert if c not in targets],
                                  "hazard-heading-major", buttons=None,
                                  photos=hazard.photos, urgent=True)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, hazard)


async def _change(s: Services, hazard_id: int, wanted: HazardStatus,
                  check: Callable[[Hazard], bool]) -> tuple[Done, Hazard | None]:
    """The hazard if the actor may act on it and it is in the wanted state; else why not."""
    hazard = await s.hazards.get(hazard_id)
    if hazard is None:
        return Done(False, key="item-not-found"), None
    if not check(hazard):
        return Done(False, hazard, key="not-allowed"), None
    if hazard.status is not wanted:
        return await handled(s, hazard), None
    return Done(True, hazard), hazard


async def confirm(s: Services, actor: Actor, hazard_id: int, owner_member_id: int | None,
                  owner_name: str | None, deadline: date) -> Done:
    done, hazard = await _change(s, hazard_id, HazardStatus.REPORTED,
                                 lambda h: may_handle(actor, h))
    if hazard is None:
        return done
    now = s.clock.now()
    after = replace(hazard, status=HazardStatus.CONFIRMED, owner_member_id=owner_member_id,
                    owner_name=owner_name, deadline=deadline, first_deadline=deadline,
                    confirmed_by=actor.member_id)
    label = await owner_label(s, after) or "-"
    out = await to_member(s, owner_member_id, after, "hazard-owner-you",
                          deadline=deadline.isoformat())
    if owner_member_id:
        owner = await s.members.get(owner_member_id)
        if owner is not None:
            out += await to_chats(s, after, [owner.tg_user_id], "hazard-heading-owner",
                                  buttons=owner_buttons, photos=after.photos)
    out += await to_member(s, after.reporter_member_id, after, "hazard-confirmed-reporter",
                           owner=label, deadline=deadline.isoformat())
    async with s.db.tx() as tx:
        if not await store.transition(tx, hazard.id, "confirm", actor.member_id, now,
                                      owner_member_id=owner_member_id, owner_name=owner_name,
                                      deadline=deadline, first_deadline=deadline,
                                      confirmed_by=actor.member_id, confirmed_at=now,
                                      handled_by=actor.member_id):
            return await handled(s, hazard)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, after)


async def close_early(s: Services, actor: Actor, hazard_id: int, action: str,
                      reason: str | None = None, duplicate_of: int | None = None) -> Done:
    """不属实 (with a reason) or 重复 (of another hazard)."""
    done, hazard = await _change(s, hazard_id, HazardStatus.REPORTED,
                                 lambda h: may_handle(actor, h))
    if hazard is None:
        return done
    if duplicate_of is not None:
        other = await s.hazards.get(duplicate_of)
        if other is None or other.id == hazard.id:
            return Done(False, hazard, key="hazard-duplicate-bad")
    now = s.clock.now()
    after = replace(hazard, status=HazardStatus.REJECTED if action == "reject"
                    else HazardStatus.DUPLICATE, reject_reason=reason,
                    duplicate_of=duplicate_of, handled_by=actor.member_id)
    key = "hazard-rejected-reporter" if action == "reject" else "hazard-duplicate-reporter"
    out = await to_member(s, hazard.reporter_member_id, after, key, reason=reason or "-",
                          of=str(duplicate_of or "-"))
    fields: dict[str, Any] = ({"reject_reason": reason} if action == "reject"
                              else {"duplicate_of": duplicate_of})
    async with s.db.tx() as tx:
        if not await store.transition(tx, hazard.id, action, actor.member_id, now, reason,
                                      handled_by=actor.member_id, **fields):
            return await handled(s, hazard)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, after)


def may_fix(actor: Actor, hazard: Hazard) -> bool:
    """The owner; or, for a department or on the owner's behalf, a handler."""
    return (actor.member_id is not None and actor.member_id == hazard.owner_member_id
            and actor.active) or may_handle(actor, hazard)


async def fix(s: Services, actor: Actor, hazard_id: int, photos: tuple[str, ...],
              note: str | None = None) -> Done:
    """已整改, with at least one photo of the result."""
    done, hazard = await _change(s, hazard_id, HazardStatus.CONFIRMED,
                                 lambda h: may_fix(actor, h))
    if hazard is None:
        return done
    if not photos:
        return Done(False, hazard, key="hazard-fix-needs-photo")
    now = s.clock.now()
    after = replace(hazard, status=HazardStatus.FIXED, fixed_at=now, fixed_by=actor.member_id,
                    fix_photos=photos)
    out = await to_chats(s, after, await handler_targets(s, hazard.team_id),
                         "hazard-heading-fixed", photos=photos)
    out += await to_member(s, hazard.reporter_member_id, after, "hazard-fixed-reporter")
    async with s.db.tx() as tx:
        if not await store.transition(tx, hazard.id, "fix", actor.member_id, now, note,
                                      fixed_at=now, fixed_by=actor.member_id):
            return await handled(s, hazard)
        await store.add_photos(tx, hazard.id, "fix", hazard.rounds, photos)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, after)


async def verify(s: Services, actor: Actor, hazard_id: int) -> Done:
    """验收通过, by a handler who is neither the owner nor whoever recorded the fix."""
    done, hazard = await _change(s, hazard_id, HazardStatus.FIXED,
                                 lambda h: may_handle(actor, h))
    if hazard is None:
        return done
    if not may_verify(hazard, actor.member_id):
        return Done(False, hazard, key="hazard-verify-own")
    now = s.clock.now()
    after = replace(hazard, status=HazardStatus.VERIFIED, verified_by=actor.member_id,
                    verified_at=now)
    out = await to_member(s, hazard.reporter_member_id, after, "hazard-verified-reporter")
    out += await to_member(s, hazard.owner_member_id, after, "hazard-verified-owner")
    async with s.db.tx() as tx:
        if not await store.transition(tx, hazard.id, "verify", actor.member_id, now,
                                      verified_by=actor.member_id, verified_at=now):
            return await handled(s, hazard)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, after)


async def redo(s: Services, actor: Actor, hazard_id: int, reason: str,
               deadline: date) -> Done:
    """未整改到位: back to the owner with the reason and a new deadline."""
    done, hazard = await _change(s, hazard_id, HazardStatus.FIXED,
                                 lambda h: may_handle(actor, h))
    if hazard is None:
        return done
    if not may_verify(hazard, actor.member_id):
        return Done(False, hazard, key="hazard-verify-own")
    now = s.clock.now()
    after = replace(hazard, status=HazardStatus.CONFIRMED, deadline=deadline,
                    redo_reason=reason, rounds=hazard.rounds + 1)
    out = await to_member(s, hazard.owner_member_id, after, "hazard-redo-owner", reason=reason,
                          deadline=deadline.isoformat(),
                          buttons=lambda lang: owner_buttons(s.texts, lang, after))
    out += await to_member(s, hazard.reporter_member_id, after, "hazard-redo-reporter",
                           reason=reason, deadline=deadline.isoformat())
    async with s.db.tx() as tx:
        if not await store.transition(tx, hazard.id, "redo", actor.member_id, now, reason,
                                      deadline=deadline, redo_reason=reason,
                                      rounds=after.rounds, fixed_at=None, fixed_by=None):
            return await handled(s, hazard)
        await flush(s, tx, out)
    s.mail.wake()
    return Done(True, after)
