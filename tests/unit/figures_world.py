"""A branch with two months of figures, for the summary, digest and export tests: real
Services on a temporary SQLite database, the clock standing at Saturday 2026-11-21
10:00 in Shanghai.

一班 (A1): 李干事 (officer), 张三, 孙六 (writes only anonymous and secret cards).
二班 (B2): 王五, 陈委员 (officer), 赵主席 (chair). 三班 (C3): nobody.

Cards (raised → due):
  a1  一班 10-05 → 11-04  实名 张三   replied 10-20 (on time), implemented, 满意
  a2  一班 10-10 → 11-09  匿名 孙六   replied 11-15 (late), partial, 不满意
  a3  一班 10-25 → 11-20  实名 张三   accepted, never replied (overdue)
  b1  二班 10-12 → 11-11  实名 王五   new (overdue)
  a4  一班 11-03 → 11-28  完全匿名 孙六  new (due within the digest's 7 days)
  a5  一班 11-10 → 12-10  实名 张三   new
  b2  二班 11-05 → 12-05  实名 王五   a question under disclosure d; replied 11-06,
                                     implemented, 基本满意
Hazards (found):
  h6  一班 10-20 机电 一般  rejected
  h1  一班 11-03 机电 一般  reported (waiting)
  h2  一班 11-04 通风 较大  confirmed, deadline 11-15 (overdue)
  h3  一班 11-05 机电 一般  deadline 11-10, fixed 11-08, verified (on time)
  h4  二班 11-06 机电 重大  confirmed, deadline 11-21 (today: near, not overdue)
  h5  二班 11-07 通风 一般  deadline 11-08, fixed 11-12, verified (late)
Study notes in November: 张三 4, 王五 2, 李干事 1 (and 张三 1 in October).
Visits in November: 李干事 2 talks and 1 home visit (quota 3 and 2: behind),
陈委员 3 talks and 2 home visits; in October 李干事 1 talk.
Disclosure d (11-02, 李干事, approved by 赵主席): sent to the team chat, pending in the
branch chat; read twice in the team chat and once in the branch chat.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.cards import Identity, Outcome, Rating
from bot.clock import FixedClock
from bot.config import parse_config
from bot.disclosures import Attachment, Status
from bot.hazards import Severity
from bot.members import Member
from bot.outbox import Status as Sent
from bot.roles import Role
from bot.services import Services, open_services
from bot.storage import cards as card_store
from bot.storage import disclosures as disclosure_store
from bot.storage import hazards as hazard_store
from bot.storage import outbox as outbox_store
from bot.storage import study as study_store
from bot.storage import visits as visit_store
from bot.storage.cards import NewCard
from bot.storage.disclosures import NewDisclosure
from bot.storage.hazards import NewHazard
from bot.storage.study import NewEntry
from bot.storage.visits import NewVisit
from bot.visits import FollowUp, Kind

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 21)
TEAM_CHAT, BRANCH_CHAT = -1001, -1002
HOME_NOTES = "母亲住院，情绪低落"


def local(text: str) -> datetime:
    """A Shanghai wall-clock time, e.g. '2026-11-16T10:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


NOW = local("2026-11-21T10:00")


@dataclass
class World:
    s: Services
    team_a: int
    team_b: int
    team_c: int
    officer: int  # 李干事, 一班, officer
    worker: int  # 张三, 一班
    hidden: int  # 孙六, 一班: the anonymous and secret cards' author
    other: int  # 王五, 二班
    officer_b: int  # 陈委员, 二班, officer
    chair: int  # 赵主席, 二班, chair
    cards: dict[str, int]
    hazards: dict[str, int]
    disclosure: int

    async def member(self, member_id: int) -> Member:
        found = await self.s.members.get(member_id)
        assert found is not None
        return found


def make_config(db_path: Path, **sections: Any) -> Any:
    data: dict[str, Any] = {
        "database": {"path": str(db_path)},
        "branch": {"name": "通风区工会"},
        "teams": [{"code": "A1", "name": "一班"}, {"code": "B2", "name": "二班"},
                  {"code": "C3", "name": "三班"}],
    }
    for key, value in sections.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    return parse_config(data)


async def register(s: Services, tg_user_id: int, name: str, team_id: int,
                   employee_no: str | None = None, *roles: Role) -> int:
    member = await s.members.register(tg_user_id, name, None, team_id, employee_no, True,
                                      local("2026-09-01T09:00"))
    for role in roles:
        await s.members.grant(member.id, role, None, local("2026-09-01T09:00"))
    return member.id


async def raise_card(s: Services, team_id: int, author: int, identity: Identity, raised: str,
                     due: date, category: str = "工资", disclosure_id: int | None = None) -> int:
    new = NewCard(team_id=team_id, category=category, body="食堂的饭菜能否改善？",
                  identity=identity,
                  author_member_id=author if identity is Identity.NAMED else None,
                  publish_ok=False, photos=(),
                  owner_tag=f"tag-{author}" if identity is not Identity.SECRET else None,
                  sealed_chat=f"sealed-{author}" if identity is Identity.ANONYMOUS else None,
                  receipt_hash=f"receipt-{author}" if identity is Identity.SECRET else None,
                  disclosure_id=disclosure_id)
    async with s.db.tx() as tx:
        return await card_store.insert(tx, new, local(raised), due)


async def accept(s: Services, card_id: int, by: int, at: str) -> None:
    async with s.db.tx() as tx:
        assert await card_store.transition(tx, card_id, "accept", by, local(at),
                                           department="HR", accepted_by=by,
                                           accepted_at=local(at), handled_by=by)


async def reply(s: Services, card_id: int, by: int, at: str, replier: str, body: str,
                outcome: Outcome, rating: Rating) -> None:
    when = local(at)
    async with s.db.tx() as tx:
        assert await card_store.transition(tx, card_id, "reply", by, when, rounds=1,
                                           replied_at=when, first_replied_at=when)
        reply_id = await card_store.add_reply(tx, card_id, 1, body, replier, None, by, when)
        assert await card_store.transition(tx, card_id, "outcome", by, when,
                                           outcome=outcome, outcome_by=by, outcome_at=when)
        assert await card_store.rate(tx, reply_id, rating, None, when)


async def report(s: Services, team_id: int, reporter: int, found: str, category: str,
                 severity: Severity, location: str = "主井口") -> int:
    new = NewHazard(team_id=team_id, reporter_member_id=reporter, location=location,
                    category=category, severity=severity, description=f"{location}{category}隐患",
                    found_at=local(found), photos=())
    async with s.db.tx() as tx:
        return await hazard_store.insert(tx, new, local(found))


async def hazard_step(s: Services, hazard_id: int, action: str, by: int, at: str,
                      **fields: object) -> None:
    async with s.db.tx() as tx:
        assert await hazard_store.transition(tx, hazard_id, action, by, local(at), None,
                                             **fields)


async def confirm(s: Services, hazard_id: int, by: int, at: str, deadline: date,
                  owner: int, owner_name: str) -> None:
    await hazard_step(s, hazard_id, "confirm", by, at, owner_member_id=owner,
                      owner_name=owner_name, deadline=deadline, first_deadline=deadline,
                      confirmed_by=by, confirmed_at=local(at), handled_by=by)


async def rectify(s: Services, hazard_id: int, fixer: int, fixed: str, verifier: int,
                  verified: str) -> None:
    await hazard_step(s, hazard_id, "fix", fixer, fixed, fixed_at=local(fixed), fixed_by=fixer)
    await hazard_step(s, hazard_id, "verify", verifier, verified, verified_by=verifier,
                      verified_at=local(verified))


async def study(s: Services, member: int, team_id: int, *days: date) -> None:
    for day in days:
        async with s.db.tx() as tx:
            await study_store.insert(tx, NewEntry(member, team_id, "安全规程", 60, day,
                                                  "学习笔记", ()), local(f"{day}T20:00"))


async def visit(s: Services, officer: int, kind: Kind, day: date, person: str,
                member_id: int | None, team_id: int | None, notes: str = "聊了聊工作",
                reasons: tuple[str, ...] = (), follow_up: FollowUp = FollowUp.NONE) -> int:
    new = NewVisit(officer_id=officer, kind=kind, member_id=member_id, person=person,
                   team_id=team_id, visited_on=day, notes=notes, reasons=reasons,
                   follow_up=follow_up, revisit_on=None, help_note="")
    async with s.db.tx() as tx:
        return await visit_store.insert(tx, new, local(f"{day}T18:00"))


async def quota_visits(s: Services, officer: int, talks: int, homes: int, day: date,
                       person: str = "王大妈") -> None:
    for _ in range(talks):
        await visit(s, officer, Kind.TALK, day, person, None, None)
    for _ in range(homes):
        await visit(s, officer, Kind.HOME, day, person, None, None)


async def disclose(s: Services, drafter: int, chair: int) -> int:
    new = NewDisclosure(category="工资", period="2026年11月", title="11月工资公开",
                        body="见附表", drafted_by=drafter, chats=(TEAM_CHAT, BRANCH_CHAT),
                        attachment=Attachment.NONE, file_id=None, file_name=None, images=(),
                        pin=False, parent_id=None)
    at = local("2026-11-02T09:00")
    async with s.db.tx() as tx:
        disclosure_id = await disclosure_store.insert(tx, new, at)
        assert await disclosure_store.decide(tx, disclosure_id, Status.APPROVED, chair,
                                             local("2026-11-02T10:00"), None)
    posts = {}
    for chat_id in (TEAM_CHAT, BRANCH_CHAT):
        async with s.db.tx() as tx:
            posts[chat_id] = await outbox_store.enqueue(
                tx, chat_id, "send_message", {"text": "公开"}, at, at,
                ref=f"disclosure:{disclosure_id}")
            await disclosure_store.add_post(tx, disclosure_id, chat_id, posts[chat_id])
    assert await s.outbox.claim(posts[TEAM_CHAT])
    await s.outbox.finish(posts[TEAM_CHAT], Sent.SENT, at, message_id=77)
    return disclosure_id


async def seed(s: Services) -> World:
    teams = {t.name: t.id for t in await s.teams.all()}
    a, b, c = teams["一班"], teams["二班"], teams["三班"]
    officer = await register(s, 1001, "李干事", a, "0001", Role.OFFICER)
    worker = await register(s, 1002, "张三", a, "1002")
    hidden = await register(s, 1004, "孙六", a, "1004")
    other = await register(s, 1003, "王五", b)
    officer_b = await register(s, 1005, "陈委员", b, "0005", Role.OFFICER)
    chair = await register(s, 2001, "赵主席", b, "0009", Role.CHAIR)

    disclosure = await disclose(s, officer, chair)
    for chat_id, member_id in ((TEAM_CHAT, worker), (TEAM_CHAT, other),
                               (BRANCH_CHAT, worker)):
        assert await s.disclosures.add_read(disclosure, chat_id, member_id,
                                            local("2026-11-03T09:00"))

    cards: dict[str, int] = {}
    cards["a1"] = await raise_card(s, a, worker, Identity.NAMED, "2026-10-05T09:00",
                                   date(2026, 11, 4), "食堂")
    await accept(s, cards["a1"], officer, "2026-10-06T09:00")
    await reply(s, cards["a1"], officer, "2026-10-20T15:00", "后勤科 刘科长", "已增加菜品。",
                Outcome.IMPLEMENTED, Rating.SATISFIED)
    cards["a2"] = await raise_card(s, a, hidden, Identity.ANONYMOUS, "2026-10-10T09:00",
                                   date(2026, 11, 9), "安全")
    await accept(s, cards["a2"], officer, "2026-10-11T09:00")
    await reply(s, cards["a2"], officer, "2026-11-15T15:00", "机电科 王科长", "正在更换设备。",
                Outcome.PARTIAL, Rating.UNSATISFIED)
    cards["a3"] = await raise_card(s, a, worker, Identity.NAMED, "2026-10-25T09:00",
                                   date(2026, 11, 20))
    await accept(s, cards["a3"], officer, "2026-10-26T09:00")
    cards["b1"] = await raise_card(s, b, other, Identity.NAMED, "2026-10-12T09:00",
                                   date(2026, 11, 11))
    cards["a4"] = await raise_card(s, a, hidden, Identity.SECRET, "2026-11-03T09:00",
                                   date(2026, 11, 28))
    cards["a5"] = await raise_card(s, a, worker, Identity.NAMED, "2026-11-10T09:00",
                                   date(2026, 12, 10))
    cards["b2"] = await raise_card(s, b, other, Identity.NAMED, "2026-11-05T09:00",
                                   date(2026, 12, 5), "厂务公开", disclosure)
    await accept(s, cards["b2"], officer_b, "2026-11-05T10:00")
    await reply(s, cards["b2"], officer_b, "2026-11-06T15:00", "人力资源部 李部长",
                "奖金按月考核发放。", Outcome.IMPLEMENTED, Rating.BASIC)

    hazards: dict[str, int] = {}
    hazards["h6"] = await report(s, a, worker, "2026-10-20T09:00", "机电", Severity.ORDINARY)
    await hazard_step(s, hazards["h6"], "reject", officer, "2026-10-21T09:00",
                      reject_reason="不属实", handled_by=officer)
    hazards["h1"] = await report(s, a, worker, "2026-11-03T09:00", "机电", Severity.ORDINARY)
    hazards["h2"] = await report(s, a, worker, "2026-11-04T09:00", "通风",
                                 Severity.SIGNIFICANT, "回风巷")
    await confirm(s, hazards["h2"], officer, "2026-11-04T10:00", date(2026, 11, 15), worker,
                  "张三")
    hazards["h3"] = await report(s, a, other, "2026-11-05T09:00", "机电", Severity.ORDINARY)
    await confirm(s, hazards["h3"], officer, "2026-11-05T10:00", date(2026, 11, 10), worker,
                  "张三")
    await rectify(s, hazards["h3"], worker, "2026-11-08T16:00", officer, "2026-11-09T09:00")
    hazards["h4"] = await report(s, b, other, "2026-11-06T09:00", "机电", Severity.MAJOR,
                                 "运输大巷")
    await confirm(s, hazards["h4"], officer_b, "2026-11-06T10:00", date(2026, 11, 21),
                  other, "王五")
    hazards["h5"] = await report(s, b, other, "2026-11-07T09:00", "通风", Severity.ORDINARY)
    await confirm(s, hazards["h5"], officer_b, "2026-11-07T10:00", date(2026, 11, 8), other,
                  "王五")
    await rectify(s, hazards["h5"], other, "2026-11-12T16:00", officer_b, "2026-11-13T09:00")

    await study(s, worker, a, date(2026, 10, 8), date(2026, 11, 2), date(2026, 11, 5),
                date(2026, 11, 9), date(2026, 11, 15))
    await study(s, other, b, date(2026, 11, 3), date(2026, 11, 10))
    await study(s, officer, a, date(2026, 11, 6))

    await visit(s, officer, Kind.TALK, date(2026, 10, 20), "张三", worker, a)
    await visit(s, officer, Kind.TALK, date(2026, 11, 3), "张三", worker, a)
    await visit(s, officer, Kind.HOME, date(2026, 11, 8), "张三", worker, a, notes=HOME_NOTES,
                reasons=("住院", "思想波动"), follow_up=FollowUp.REVISIT)
    await visit(s, officer, Kind.TALK, date(2026, 11, 12), "王五", other, b)
    await quota_visits(s, officer_b, 3, 2, date(2026, 11, 10))

    return World(s, a, b, c, officer, worker, hidden, other, officer_b, chair, cards, hazards,
                 disclosure)


@asynccontextmanager
async def opened(path: Path, **sections: Any) -> AsyncIterator[World]:
    s = await open_services(make_config(path, **sections), FixedClock(NOW))
    try:
        yield await seed(s)
    finally:
        await s.close()

