"""A branch at scale for bench_scale.py: members, open and closed cards and hazards,
study notes and visits, written fast.

Teams and group chats go through the repositories (a few dozen rows); the bulk rows go
in with raw `executemany` INSERTs, a few transactions in all: the repositories' insert
functions take one statement (and an audit row) per item through aiosqlite's thread,
about 20 s for 100k items, longer than the whole bench may take. The rows are shaped
exactly as the storage layer writes them (timestamps through `ts`, dates as ISO text);
the audit log is left empty (nothing measured reads it).

Dates are relative to `now`: open cards were raised over the last 45 days (so about a
third of the unanswered ones are past their 30-day reply date), confirmed hazards have
deadlines from 10 days past to 50 days ahead.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.roles import Role
from bot.services import Services
from bot.storage.db import ts

CARD_CATEGORIES = ["安全生产", "劳动保护", "生活后勤", "工资福利", "其他"]
HAZARD_CATEGORIES = ["通风", "瓦斯", "粉尘", "防灭火", "顶板", "机电", "运输", "水害", "其他"]
LOCATIONS = ["综采工作面", "掘进工作面", "主运输巷", "回风巷", "变电所", "水泵房", "地面"]
HAZARD_DEPARTMENTS = ["机电科", "通风科", "运输队", "安全科"]
STUDY_KINDS = ["政治学习", "业务学习", "操作规程", "应知应会", "法律法规", "其他"]
TG_BASE = 700_000_000  # member n (from 0) has Telegram id TG_BASE + n
CHAIRS = 2  # members 0 and 1


@dataclass(frozen=True)
class Size:
    """`items` open cards and hazards (55:45), and beside them a fifth as many closed
    ones, half as many study notes and a twentieth as many visits."""

    items: int

    @property
    def members(self) -> int:
        return max(self.items // 10, 50)

    @property
    def teams(self) -> int:
        return min(max(self.members // 200, 4), 50)

    @property
    def officers(self) -> int:
        return max(self.teams, self.members // 20)

    @property
    def label(self) -> str:
        return f"{self.items // 1000}k" if self.items >= 1000 else str(self.items)


def chair_tg() -> int:
    return TG_BASE


def leader_tgs() -> list[int]:
    """Two department leaders who answer accepted cards (members 2 and 3)."""
    return [TG_BASE + 2, TG_BASE + 3]


async def _many(s: Services, sql: str, rows: list[tuple[Any, ...]]) -> None:
    async with s.db.tx():
        await s.db.conn.executemany(sql, rows)


def _local_day(at: datetime, s: Services) -> date:
    return at.astimezone(s.config.tz).date()


async def seed(s: Services, size: Size, now: datetime) -> None:
    rnd = random.Random(size.items)
    teams = [t.id for t in await s.teams.all()]
    members = size.members
    team_of = [teams[n % len(teams)] for n in range(members)]
    # Officers: members CHAIRS .. CHAIRS + officers, each an officer of their own team.
    officers = list(range(CHAIRS, CHAIRS + size.officers))
    officer_of_team = {team_of[n]: n + 1 for n in officers}
    created = ts(now - timedelta(days=400))
    await _many(s, "INSERT INTO members (id, tg_user_id, name, username, team_id,"
                " employee_no, status, consent_at, created_at, updated_at)"
                " VALUES (?, ?, ?, NULL, ?, ?, 'active', ?, ?, ?)",
                [(n + 1, TG_BASE + n, f"职工{n:05d}", team_of[n], f"T-{n:05d}", created,
                  created, created) for n in range(members)])
    roles = [(n + 1, Role.CHAIR.value) for n in range(CHAIRS)]
    roles += [(n + 1, Role.OFFICER.value) for n in officers]
    await _many(s, "INSERT INTO member_roles (member_id, role, granted_by, granted_at)"
                " VALUES (?, ?, NULL, ?)", [(m, r, created) for m, r in roles])
    for n, team in enumerate(await s.teams.all()):
        await s.chats.seen(-1001000000000 - n, "supergroup", f"{team.name}群", now)
        await s.chats.set_purpose(-1001000000000 - n, "team", team.id, None, now)
    await s.chats.seen(-1002000000000, "supergroup", "全体群", now)
    await s.chats.set_purpose(-1002000000000, "branch", None, None, now)
    await _cards(s, size, now, rnd, team_of, officer_of_team)
    await _hazards(s, size, now, rnd, team_of, officer_of_team)
    await _study_and_visits(s, size, now, rnd, team_of, officers)


def _card_rows(s: Services, size: Size, now: datetime, rnd: random.Random,
               team_of: list[int], officer_of_team: dict[int, int]
               ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    members = size.members
    open_cards, closed = size.items * 55 // 100, size.items * 10 // 100
    cards, replies = [], []
    for n in range(open_cards + closed):
        is_open = n < open_cards
        raised = now - timedelta(days=rnd.uniform(0, 45 if is_open else 180))
        author = rnd.randrange(members)
        team = team_of[author]
        named = rnd.random() < 0.8
        status = rnd.choice(("new", "accepted", "accepted", "replied")) if is_open \
            else "closed"
        due = _local_day(raised, s) + timedelta(days=s.config.cards.reply_days)
        accepted = status != "new"
        replied = status in ("replied", "closed")
        answer = raised + timedelta(days=rnd.uniform(1, 35)) if replied else None
        if answer is not None and answer > now:
            answer = now
        officer = officer_of_team[team]
        cards.append((
            n + 1, team, rnd.choice(CARD_CATEGORIES), "巷道照明不足，夜班看不清路。" * 3,
            "named" if named else "anonymous", author + 1 if named else None, int(named),
            status, ts(raised), due.isoformat(), "office" if accepted else None,
            officer if accepted else None, ts(raised + timedelta(hours=3)) if accepted else None,
            officer if accepted else None, ts(answer) if answer else None,
            ts(answer) if answer else None, 1 if replied else 0,
            rnd.choice(("implemented", "partial", "declined")) if status == "closed" else None,
            officer if status == "closed" else None, ts(now) if status == "closed" else None))
        if answer is not None:
            rating = rnd.choice(("satisfied", "basic", "unsatisfied")) \
                if status == "closed" else None
            replies.append((n + 1, 1, "已安排机电科更换灯具。", "机电科 王科长", officer,
                            ts(answer), rating))
    return cards, replies


async def _cards(s: Services, size: Size, now: datetime, rnd: random.Random,
                 team_of: list[int], officer_of_team: dict[int, int]) -> None:
    cards, replies = _card_rows(s, size, now, rnd, team_of, officer_of_team)
    await _many(s, "INSERT INTO cards (id, team_id, category, body, identity,"
                " author_member_id, publish_ok, status, created_at, due_on, department,"
                " accepted_by, accepted_at, handled_by, first_replied_at, replied_at, rounds,"
                " outcome, outcome_by, outcome_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
    await _many(s, "INSERT INTO card_replies (card_id, round, body, replier, recorded_by,"
                " created_at, rating) VALUES (?, ?, ?, ?, ?, ?, ?)", replies)


async def _hazards(s: Services, size: Size, now: datetime, rnd: random.Random,
                   team_of: list[int], officer_of_team: dict[int, int]) -> None:
    members = size.members
    open_hazards, closed = size.items * 45 // 100, size.items * 10 // 100
    today = _local_day(now, s)
    rows = []
    for n in range(open_hazards + closed):
        is_open = n < open_hazards
        found = now - timedelta(days=rnd.uniform(0, 60 if is_open else 180))
        reporter = rnd.randrange(members)
        team = team_of[reporter]
        status = rnd.choice(("reported", "confirmed", "confirmed", "fixed")) if is_open \
            else "verified"
        confirmed = status != "reported"
        officer = officer_of_team[team]
        by_member = rnd.random() < 0.6
        owner = rnd.randrange(members) + 1 if confirmed and by_member else None
        if status == "confirmed":
            deadline: date | None = today + timedelta(days=rnd.randint(-10, 50))
        else:
            deadline = _local_day(found, s) + timedelta(days=30) if confirmed else None
        fixed = status in ("fixed", "verified")
        fixed_at = min(found + timedelta(days=rnd.uniform(1, 40)), now) if fixed else None
        rows.append((
            n + 1, team, reporter + 1, rnd.choice(LOCATIONS), rnd.choice(HAZARD_CATEGORIES),
            "major" if n % 50 == 0 else ("significant" if n % 7 == 0 else "ordinary"),
            "顶板有浮石，需要敲帮问顶。" * 2, ts(found), ts(found), status, owner,
            None if owner or not confirmed else rnd.choice(HAZARD_DEPARTMENTS),
            deadline.isoformat() if deadline else None,
            deadline.isoformat() if deadline else None, officer if confirmed else None,
            ts(found + timedelta(hours=5)) if confirmed else None,
            ts(fixed_at) if fixed_at else None, owner if fixed else None,
            1 if fixed else 0, officer if status == "verified" else None,
            ts(now) if status == "verified" else None))
    await _many(s, "INSERT INTO hazards (id, team_id, reporter_member_id, location, category,"
                " severity, description, found_at, created_at, status, owner_member_id,"
                " owner_name, deadline, first_deadline, confirmed_by, confirmed_at, fixed_at,"
                " fixed_by, rounds, verified_by, verified_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


async def _study_and_visits(s: Services, size: Size, now: datetime, rnd: random.Random,
                            team_of: list[int], officers: list[int]) -> None:
    members = size.members
    today = _local_day(now, s)
    notes = []
    for _ in range(size.items // 2):
        m = rnd.randrange(members)
        notes.append((m + 1, team_of[m], rnd.choice(STUDY_KINDS), 30,
                      (today - timedelta(days=rnd.randrange(60))).isoformat(),
                      "学习了《煤矿安全规程》第三章。", ts(now)))
    await _many(s, "INSERT INTO study_entries (member_id, team_id, kind, minutes, studied_on,"
                " notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", notes)
    visits = []
    for _ in range(max(size.items // 20, 10)):
        officer, whom = rnd.choice(officers), rnd.randrange(members)
        day = today - timedelta(days=rnd.randrange(60))
        revisit = rnd.random() < 0.1
        visits.append((officer + 1, "talk" if rnd.random() < 0.7 else "home", whom + 1,
                       f"职工{whom:05d}", None, day.isoformat(), "谈了家里的情况。" * 3,
                       json.dumps(["住院"], ensure_ascii=False),
                       "revisit" if revisit else "none",
                       (day + timedelta(days=14)).isoformat() if revisit else None, "",
                       ts(now)))
    await _many(s, "INSERT INTO visits (officer_id, kind, member_id, person, team_id,"
                " visited_on, notes, reasons, follow_up, revisit_on, help_note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", visits)


async def settle(s: Services) -> None:
    """Mark every queued message sent, as a running bot would have delivered them: the
    bots started next on this database are measured answering, not delivering the
    reminders the sweeps queued. (Raw SQL: no repository marks messages sent unsent.)"""
    async with s.db.tx() as tx:
        await tx.execute("UPDATE outbox SET status = 'sent', sent_at = created_at"
                         " WHERE status = 'pending'")
