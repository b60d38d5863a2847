"""Members and their roles. Every change writes the audit log in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.members import Member, Who, next_status
from bot.roles import Actor, MemberStatus, Role
from bot.storage import audit
from bot.storage.db import Database, Row, Tx, ts

_SELECT = (
    "SELECT m.*, (SELECT group_concat(role) FROM member_roles r WHERE r.member_id = m.id)"
    " AS roles FROM members m"
)


def _member(row: Row) -> Member:
    roles = frozenset(row["roles"].split(",")) if row["roles"] else frozenset()
    return Member(
        id=row["id"],
        tg_user_id=row["tg_user_id"],
        name=row["name"],
        team_id=row["team_id"],
        employee_no=row["employee_no"],
        status=MemberStatus(row["status"]),
        roles=roles,
        decided_by=row["decided_by"],
    )


class MemberRepo:
    def __init__(self, db: Database, config_admins: frozenset[int] = frozenset()) -> None:
        self.db = db
        self.config_admins = config_admins

    async def actor(self, tg_user_id: int) -> Actor:
        member = await self.by_tg(tg_user_id)
        if member is None:
            return Actor(tg_user_id=tg_user_id, config_admin=tg_user_id in self.config_admins)
        return self.actor_of(member)

    def actor_of(self, member: Member) -> Actor:
        """The actor a member is, as `actor` would find them (no query)."""
        return Actor(
            tg_user_id=member.tg_user_id,
            member_id=member.id,
            name=member.name,
            team_id=member.team_id,
            status=member.status,
            roles=frozenset(Role(r) for r in member.roles if r in Role.__members__.values()),
            config_admin=member.tg_user_id in self.config_admins,
        )

    async def _one(self, where: str, params: tuple[object, ...]) -> Member | None:
        row = await self.db.fetchone(f"{_SELECT} WHERE {where}", params)
        return _member(row) if row else None

    async def get(self, member_id: int) -> Member | None:
        return await self._one("m.id = ?", (member_id,))

    async def by_tg(self, tg_user_id: int) -> Member | None:
        return await self._one("m.tg_user_id = ?", (tg_user_id,))

    async def get_many(self, member_ids: Iterable[int], chunk: int = 500) -> dict[int, Member]:
        """The members of these ids that exist, by id."""
        wanted = sorted(set(member_ids))
        found: dict[int, Member] = {}
        for start in range(0, len(wanted), chunk):
            part = wanted[start:start + chunk]
            async with self.db.read() as tx:
                rows = await tx.fetchall(
                    f"{_SELECT} WHERE m.id IN ({', '.join('?' * len(part))})", part)
            found.update((row["id"], _member(row)) for row in rows)
        return found

    async def find(self, who: Who) -> Member | None:
        if who.member_id is not None:
            return await self.get(who.member_id)
        if who.tg_user_id is not None:
            return await self.by_tg(who.tg_user_id)
        return await self._one("m.employee_no = ?", (who.employee_no,))

    async def register(
        self,
        tg_user_id: int,
        name: str,
        username: str | None,
        team_id: int,
        employee_no: str | None,
        auto_approve: bool,
        at: datetime,
    ) -> Member:
        """A finished registration: a new pending (or auto-approved) member, or a re-application."""
        status = MemberStatus.ACTIVE if auto_approve else MemberStatus.PENDING
        async with self.db.tx() as tx:
            old = await tx.fetchone("SELECT id, status FROM members WHERE tg_user_id = ?",
                                    (tg_user_id,))
            if old is None:
                member_id = await tx.execute(
                    "INSERT INTO members (tg_user_id, name, username, team_id, employee_no,"
                    " status, consent_at, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (tg_user_id, name, username, team_id, employee_no, status, ts(at), ts(at),
                     ts(at)),
                )
                previous = None
            else:
                member_id, previous = old["id"], old["status"]
                await tx.execute(
                    "UPDATE members SET name = ?, username = ?, team_id = ?, employee_no = ?,"
                    " status = ?, consent_at = ?, updated_at = ?, decided_by = NULL WHERE id = ?",
                    (name, username, team_id, employee_no, status, ts(at), ts(at), member_id),
                )
            await audit.record(tx, at, member_id, "member", member_id, previous, status,
                               "auto-approved" if auto_approve else "registered")
        member = await self.get(member_id)
        assert member is not None
        return member

    async def decide(
        self, member_id: int, action: str, actor_member_id: int | None, at: datetime
    ) -> tuple[bool, Member | None]:
        """Approve or reject a pending member. The first decision wins; later ones change
        nothing and get the member as it stands (with who decided)."""
        target = next_status(MemberStatus.PENDING, action)
        async with self.db.tx() as tx:
            changed = await tx.execute(
                "UPDATE members SET status = ?, decided_by = ?, updated_at = ?"
                " WHERE id = ? AND status = 'pending'",
                (target, actor_member_id, ts(at), member_id),
            )
            if changed:
                await audit.record(tx, at, actor_member_id, "member", member_id,
                                   MemberStatus.PENDING, target, action)
        return bool(changed), await self.get(member_id)

    async def change_status(
        self, member: Member, action: str, actor_member_id: int | None, at: datetime
    ) -> Member:
        target = next_status(member.status, action)
        async with self.db.tx() as tx:
            await tx.execute(
                "UPDATE members SET status = ?, decided_by = ?, updated_at = ? WHERE id = ?",
                (target, actor_member_id, ts(at), member.id),
            )
            await audit.record(tx, at, actor_member_id, "member", member.id, member.status,
                               target, action)
        updated = await self.get(member.id)
        assert updated is not None
        return updated

    async def grant(self, member_id: int, role: Role, by: int | None, at: datetime) -> bool:
        async with self.db.tx() as tx:
            added = await tx.execute(
                "INSERT INTO member_roles (member_id, role, granted_by, granted_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (member_id, role) DO NOTHING",
                (member_id, role, by, ts(at)),
            )
            if added:
                await audit.record(tx, at, by, "member_role", f"{member_id}:{role}", None,
                                   "granted")
        return bool(added)

    async def revoke(self, member_id: int, role: Role, by: int | None, at: datetime) -> bool:
        async with self.db.tx() as tx:
            removed = await tx.execute(
                "DELETE FROM member_roles WHERE member_id = ? AND role = ?", (member_id, role)
            )
            if removed:
                await audit.record(tx, at, by, "member_role", f"{member_id}:{role}", "granted",
                                   "revoked")
        return bool(removed)

    async def move(self, member: Member, team_id: int, by: int | None, at: datetime) -> None:
        async with self.db.tx() as tx:
            await tx.execute("UPDATE members SET team_id = ?, updated_at = ? WHERE id = ?",
                             (team_id, ts(at), member.id))
            await audit.record(tx, at, by, "member_team", member.id, str(member.team_id),
                               str(team_id))

    async def _many(self, where: str, params: tuple[object, ...]) -> list[Member]:
        async with self.db.read() as tx:
            rows = await tx.fetchall(f"{_SELECT} WHERE {where} ORDER BY m.id", params)
        return [_member(r) for r in rows]

    async def with_role(self, role: Role, team_id: int | None = None) -> list[Member]:
        where = ("m.status = 'active' AND EXISTS (SELECT 1 FROM member_roles r"
                 " WHERE r.member_id = m.id AND r.role = ?)")
        if team_id is None:
            return await self._many(where, (role,))
        return await self._many(where + " AND m.team_id = ?", (role, team_id))

    async def everyone(self) -> list[Member]:
        """Every member ever registered (for names in the archive)."""
        return await self._many("1", ())

    async def in_team(self, team_id: int, status: MemberStatus | None = None) -> list[Member]:
        if status is None:
            return await self._many("m.team_id = ?", (team_id,))
        return await self._many("m.team_id = ? AND m.status = ?", (team_id, status))

    async def roster(self, status: MemberStatus) -> list[tuple[int, str, int | None]]:
        """(id, name, team id) of the members of the active teams in `status`, team by
        team (in code order), each team's by id."""
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                "SELECT m.id, m.name, m.team_id FROM members m JOIN teams t"
                " ON t.id = m.team_id WHERE t.active = 1 AND m.status = ?"
                " ORDER BY t.code, m.id", (status,))
        return [(r[0], r[1], r[2]) for r in rows]

    async def search(self, text: str, limit: int = 11) -> list[Member]:
        """Active members whose name holds `text`, or whose employee number is it (in
        any case), exact matches first."""
        words = text.strip()
        if not words:
            return []
        like = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_") + "%"
        async with self.db.read() as tx:
            rows = await tx.fetchall(
                f"{_SELECT} WHERE m.status = 'active' AND (m.name LIKE ? ESCAPE '\\'"
                " OR upper(m.employee_no) = upper(?))"
                " ORDER BY (m.name = ? OR upper(m.employee_no) = upper(?)) DESC, m.name, m.id"
                " LIMIT ?", (like, words, words, words, limit))
        return [_member(r) for r in rows]

    async def pending_since(self, before: datetime) -> list[Member]:
        return await self._many("m.status = 'pending' AND m.updated_at <= ?", (ts(before),))

    async def language(self, tg_user_id: int) -> str | None:
        return await self.db.scalar("SELECT language FROM user_prefs WHERE tg_user_id = ?",
                                    (tg_user_id,))

    async def set_language(self, tg_user_id: int, language: str) -> None:
        async with self.db.tx() as tx:
            await set_language(tx, tg_user_id, language)


async def set_language(tx: Tx, tg_user_id: int, language: str) -> None:
    await tx.execute(
        "INSERT INTO user_prefs (tg_user_id, language) VALUES (?, ?)"
        " ON CONFLICT (tg_user_id) DO UPDATE SET language = excluded.language",
        (tg_user_id, language),
    )
