"""Everything a handler or job needs, opened once in post_init and closed in post_shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock, SystemClock
from bot.config import Config, ConfigError
from bot.notify import Mailer
from bot.seal import Sealer, load_key
from bot.storage.cards import CardRepo
from bot.storage.chat_members import ChatMemberRepo
from bot.storage.chats import ChatRepo
from bot.storage.db import Database
from bot.storage.disclosures import DisclosureRepo
from bot.storage.exams import ExamRepo
from bot.storage.flows import FlowRepo
from bot.storage.hazards import HazardRepo
from bot.storage.inbox import InboxRepo
from bot.storage.members import MemberRepo
from bot.storage.outbox import OutboxRepo
from bot.storage.study import StudyRepo
from bot.storage.teams import TeamRepo
from bot.storage.visits import VisitRepo
from bot.texts import Texts
from bot.update_inbox import UpdateInbox


@dataclass
class Services:
    config: Config
    clock: Clock
    db: Database
    texts: Texts
    members: MemberRepo
    teams: TeamRepo
    chats: ChatRepo
    flows: FlowRepo
    outbox: OutboxRepo
    mail: Mailer
    cards: CardRepo
    sealer: Sealer
    hazards: HazardRepo
    study: StudyRepo
    exams: ExamRepo
    visits: VisitRepo
    disclosures: DisclosureRepo
    chat_members: ChatMemberRepo
    inbox: UpdateInbox
    bot_username: str = ""
    extras: dict[str, object] = field(default_factory=dict)

    async def language(self, tg_user_id: int) -> str:
        return self.texts.language(await self.members.language(tg_user_id))

    async def t(self, tg_user_id: int, key: str, **args: object) -> str:
        return self.texts.get(await self.language(tg_user_id), key, **args)

    async def close(self) -> None:
        await self.db.close()


async def open_services(config: Config, clock: Clock | None = None) -> Services:
    """Connect, migrate, sync teams from config. Storage errors propagate to the caller."""
    db = Database(config.database.path, config.database.busy_timeout_ms)
    await db.connect()
    await db.migrate()
    if await _seals_without_key(db, config):
        await db.close()
        raise ConfigError(
            "the database has anonymous cards but their seal key is missing "
            f"({config.cards.seal_key_file or config.database.path + '.seal.key'}): put the "
            "key back (it is backed up beside the database), or set "
            f"${config.cards.seal_key_env}")
    clock = clock or SystemClock()
    sealer = Sealer(seal_key(config))
    teams = TeamRepo(db)
    await teams.sync([(t.code, t.name, t.auto_approve) for t in config.teams])
    return Services(
        config=config,
        clock=clock,
        db=db,
        texts=Texts(config.branch.language),
        members=MemberRepo(db, frozenset(config.admins.user_ids)),
        teams=teams,
        chats=ChatRepo(db),
        flows=FlowRepo(db),
        outbox=OutboxRepo(db),
        mail=Mailer(db, clock, config),
        cards=CardRepo(db),
        sealer=sealer,
        hazards=HazardRepo(db),
        study=StudyRepo(db),
        exams=ExamRepo(db),
        visits=VisitRepo(db),
        disclosures=DisclosureRepo(db),
        chat_members=ChatMemberRepo(db),
        inbox=UpdateInbox(InboxRepo(db), clock, sealer),
    )


def seal_key(config: Config) -> bytes:
    """The anonymity seal key: environment, else the key file (beside the database
    unless configured), created on first start."""
    from cryptography.fernet import Fernet

    cards = config.cards
    if config.database.path == ":memory:" and not cards.seal_key_file:
        return Fernet.generate_key()
    key_file = cards.seal_key_file or f"{config.database.path}.seal.key"
    return load_key(cards.seal_key_env, key_file)


async def _seals_without_key(db: Database, config: Config) -> bool:
    """Anonymous cards are sealed in the database but no key is there to open them (a
    restore without the key file): a new key would strand them, so the bot stops."""
    import asyncio
    import os
    from pathlib import Path

    cards = config.cards
    if config.database.path == ":memory:" or (
            cards.seal_key_env and os.environ.get(cards.seal_key_env, "").strip()):
        return False
    key_file = Path(cards.seal_key_file or f"{config.database.path}.seal.key")
    if await asyncio.to_thread(key_file.exists):
        return False
    from bot.storage.cards import any_sealed

    return await any_sealed(db)
