"""Backup and restore under load: `python -m bot backup` taken three times while the bot
(a subprocess) takes cards from four workers and a second process registers members as
fast as it can. Each copy passes integrity_check and foreign_key_check, holds a clean
prefix of the second writer's commits (no torn transaction) and whole cards; the last
one opens with the bot; and the README's restore (stop, copy the backup over the
database, drop -wal/-shm, start) — with the seal key `<database>.seal.key` put back
beside it — lets an anonymous card written before the backup be answered to its author.

And what goes wrong around it: a backup restored without its seal key, a backup to a
path that cannot be written."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.config import ConfigError, load_config
from bot.roles import Role
from bot.services import open_services
from bot.stub import BotApiStub, UserHandle
from tests.cli import run_cli
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.hardening_session import (
    ANON,
    CAST,
    OFFICER,
    WORKER,
    BotProcess,
    Person,
    opened,
    seed,
    settle,
    subprocess_config,
)
from tests.e2e.test_cards_anonymity import accept, next_with, proxy_reply, text
from tests.harness import START, BotUnderTest, make_config

WRITERS = tuple(Person(3101 + n, f"写卡{n}", f"写卡{n}") for n in range(4))
REGISTERED_BASE = 60_000_000  # the second writer's members: tg ids from here, in order
BACKUPS = 3
# Four writers outrun the officer's one message a second (outbox.per_chat_seconds); a
# restored copy would resend that backlog at the same pace. Pacing is not tested here.
UNPACED = "\n[outbox]\nper_chat_seconds = 0\n"


def key_of(database: Path) -> Path:
    """Where the bot keeps the seal key when none is configured (bot/services.py)."""
    return database.with_name(database.name + ".seal.key")


@dataclass
class Snapshot:
    """What one backup copy holds, checked with plain sqlite3."""

    integrity: str
    foreign_key_errors: int
    registered: list[int]
    cards: int
    cards_without_creation: int
    anonymous_without_seal: int
    secret_with_link: int


def inspect(path: Path) -> Snapshot:
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        registered = [r[0] for r in conn.execute(
            "SELECT tg_user_id FROM members WHERE tg_user_id BETWEEN ? AND ?"
            " ORDER BY tg_user_id", (REGISTERED_BASE, REGISTERED_BASE + 999_999))]
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
        no_creation = conn.execute(
            "SELECT count(*) FROM cards c WHERE NOT EXISTS (SELECT 1 FROM audit_log a"
            " WHERE a.item_type = 'card' AND a.item_id = CAST(c.id AS TEXT)"
            " AND a.to_state = 'new')").fetchone()[0]
        unsealed = conn.execute(
            "SELECT count(*) FROM cards c LEFT JOIN card_owners o ON o.card_id = c.id"
            " WHERE c.identity = 'anonymous'"
            " AND (o.sealed_chat IS NULL OR o.owner_tag IS NULL)").fetchone()[0]
        linked = conn.execute(
            "SELECT count(*) FROM cards c LEFT JOIN card_owners o ON o.card_id = c.id"
            " WHERE c.identity = 'secret' AND (o.receipt_hash IS NULL"
            " OR o.sealed_chat IS NOT NULL OR o.owner_tag IS NOT NULL"
            " OR c.author_member_id IS NOT NULL)").fetchone()[0]
    return Snapshot(integrity, fk, registered, cards, no_creation, unsealed, linked)


async def submit_cards(user: UserHandle, stop: asyncio.Event) -> int:
    """Cards, named / anonymous / fully anonymous in turn, until told to stop."""
    count = 0
    while not stop.is_set():
        identity = ("named", "anonymous", "secret")[count % 3]
        await write_card(user, f"{user.id} 第{count}张：三号皮带巷照明不足，请加灯。", identity)
        count += 1
    return count


async def register_members(config_path: Path, stop: asyncio.Event,
                           committed: list[int]) -> None:
    """A second process's writes through storage: one member per transaction, numbered,
    so a copy must hold exactly the first n of them."""
    now = datetime.now(UTC)
    s = await open_services(load_config(config_path), FixedClock(now))
    try:
        team = await s.teams.by_code("A1")
        assert team is not None
        while not stop.is_set():
            n = committed[0]
            await s.members.register(REGISTERED_BASE + n, f"登记{n}", None, team.id, None,
                                     False, now)
            committed[0] = n + 1
            await asyncio.sleep(0.002)
    finally:
        await s.close()


async def test_backup_under_writes_opens_with_the_bot_and_restores(
        stub: BotApiStub, tmp_path: Path) -> None:
    live_dir, backup_dir, copy_dir = (tmp_path / n for n in ("live", "backups", "copy"))
    for folder in (live_dir, backup_dir, copy_dir):
        folder.mkdir()
    config_path = subprocess_config(live_dir, stub, UNPACED)
    database = Path(load_config(config_path).database.path)
    now = datetime.now(UTC)
    await seed(load_config(config_path), now,
               (*CAST, (ANON, None), *((w, None) for w in WRITERS)))
    bot = BotProcess(config_path, live_dir / "out.log", live_dir / "err.log")
    await bot.start()
    try:
        officer, anon = await opened(stub, OFFICER), await opened(stub, ANON)
        writers = [await opened(stub, w) for w in WRITERS]
        # Before any backup: an anonymous card, not yet answered.
        assert "已匿名提交" in text(await write_card(anon, "井口更衣室暖气不热。", "anonymous"))
        first_notice = await next_with(officer, "新信息卡 #1")

        stop, committed = asyncio.Event(), [0]
        writing = [asyncio.create_task(submit_cards(w, stop)) for w in writers]
        registering = asyncio.create_task(register_members(config_path, stop, committed))
        snapshots: list[tuple[int, int, Snapshot]] = []
        try:
            for n in range(BACKUPS):
                await asyncio.sleep(0.7)
                copy = backup_dir / f"copy{n}.sqlite3"
                before = committed[0]
                code, out, err = await run_cli("backup", str(copy), "-c", str(config_path))
                after = committed[0]
                assert code == 0 and "integrity_check: ok" in out, (out, err)
                # The operator keeps the seal key with the backup (README, step 4).
                shutil.copy(key_of(database), key_of(copy))
                snapshots.append((before, after, inspect(copy)))
        finally:
            stop.set()
            cards_written = await asyncio.gather(*writing)
            await registering
        await stub.wait_idle()
    finally:
        assert await bot.stop() == 0, bot.lines()["stderr"][-20:]

    live = inspect(database)
    for before, after, snap in snapshots:
        assert snap.integrity == "ok" and snap.foreign_key_errors == 0
        count = len(snap.registered)
        assert before <= count <= after, (before, count, after)
        assert snap.registered == list(range(REGISTERED_BASE, REGISTERED_BASE + count))
        assert snap.cards_without_creation == 0 and snap.anonymous_without_seal == 0
        assert snap.secret_with_link == 0
    cards_in_copies = [snap.cards for _, _, snap in snapshots]
    assert cards_in_copies == sorted(cards_in_copies) and cards_in_copies[0] >= 1
    assert sum(after - before for before, after, _ in snapshots) > 0  # writes went on
    last = snapshots[-1][2]
    assert live.cards == 1 + sum(cards_written) > last.cards  # some came after the backup
    print(f"backup under writes: {sum(cards_written)} cards and {committed[0]} members "
          f"written; copies held cards {cards_in_copies}, members "
          f"{[len(s.registered) for _, _, s in snapshots]}; live {live.cards} cards")

    # The last copy opens with the bot (on a config pointing at it, its key beside it).
    copy_db = copy_dir / "bot.sqlite3"
    shutil.copy(backup_dir / f"copy{BACKUPS - 1}.sqlite3", copy_db)
    # Regression: updates in flight at the backup were in the copy, and a restored bot
    # handled them again (two cards more than the copy held). A copy holds none.
    for n in range(BACKUPS):
        conn = sqlite3.connect(backup_dir / f"copy{n}.sqlite3")
        try:
            assert conn.execute("SELECT count(*) FROM update_inbox").fetchone() == (0,)
        finally:
            conn.close()
    shutil.copy(key_of(backup_dir / f"copy{BACKUPS - 1}.sqlite3"), key_of(copy_db))
    on_copy = BotUnderTest(make_config(copy_db, stub, outbox={"per_chat_seconds": 0}),
                           FixedClock(datetime.now(UTC)))
    await on_copy.start()
    try:
        assert await on_copy.services.db.integrity_check() == "ok"
        await settle(stub)  # what the copy's outbox still had to send
        for handle in (officer, anon, *writers):
            handle.catch_up()
        worker = stub.user(WORKER.tg_id, WORKER.first_name)
        await worker.command("/start")
        assert "您好" in text(await worker.next_message())
        await anon.command("/mycards")
        assert "/card_1" in text(await next_with(anon, "/card_1"))
        await officer.command("/card_1")
        assert "井口更衣室暖气不热" in text(await next_with(officer, "井口更衣室暖气不热"))
        assert len(await on_copy.services.cards.of_owner(
            on_copy.services.sealer.tag(ANON.tg_id))) == 1
        await stub.wait_idle()
    finally:
        await on_copy.stop()

    # Restore as the README says, after losing the server's files: the bot is stopped;
    # the backup goes over database.path, -wal and -shm go, the key goes back beside it.
    for stale in (database, database.with_name(database.name + "-wal"),
                  database.with_name(database.name + "-shm"), key_of(database)):
        stale.unlink(missing_ok=True)
    shutil.copy(backup_dir / f"copy{BACKUPS - 1}.sqlite3", database)
    shutil.copy(key_of(backup_dir / f"copy{BACKUPS - 1}.sqlite3"), key_of(database))
    bot = BotProcess(config_path, live_dir / "out2.log", live_dir / "err2.log")
    await bot.start()
    try:
        await opened(stub, ANON)  # it answers; then let the restored outbox go out
        await settle(stub)
        for handle in (officer, anon, *writers):
            handle.catch_up()
        # The card written before the backup is answered; its anonymous author hears it.
        await accept(officer, first_notice)
        await next_with(anon, "已受理")
        await proxy_reply(officer, first_notice, "机电科 王科长", "本周检修暖气管道。")
        reply = await next_with(anon, "有答复了")
        assert "王科长" in text(reply) and "暖气" in text(reply)
        assert "谢谢" in text(await anon.press(reply, "😊 满意"))
        await stub.wait_idle()
    finally:
        assert await bot.stop() == 0, bot.lines()["stderr"][-20:]
    restored = inspect(database)
    assert restored.integrity == "ok" and restored.cards == last.cards < live.cards


# ---- what goes wrong around a backup -------------------------------------------------

async def test_restored_without_its_seal_key_anonymous_cards_are_not_stuck(
        stub: BotApiStub, tmp_path: Path, admin: UserHandle) -> None:
    live, restored = tmp_path / "live", tmp_path / "restored"
    live.mkdir()
    restored.mkdir()
    bot = BotUnderTest(make_config(live / "bot.sqlite3", stub), FixedClock(START))
    await bot.start()
    try:
        officer = await make_officer(bot, stub, admin, OFFICER.tg_id, OFFICER.name)
        anon = await make_worker(bot, stub, ANON.tg_id, ANON.name)
        await write_card(anon, "井口更衣室暖气不热。", "anonymous")
        notice = await next_with(officer, "新信息卡 #1")
    finally:
        await bot.stop()
    # The backup goes to a new server; the key (kept elsewhere, or forgotten) does not.
    shutil.copy(live / "bot.sqlite3", restored / "bot.sqlite3")
    assert not key_of(restored / "bot.sqlite3").exists()
    bot = BotUnderTest(make_config(restored / "bot.sqlite3", stub), FixedClock(START))
    try:
        await bot.start()
    except ConfigError as exc:  # refusing to start, naming the key, would be a fix
        assert "seal" in str(exc)
        return
    try:
        await officer.press(notice, "受理")
        answer = await officer.press(notice, "区队办公室")
        assert "出了点问题" not in text(answer)
        card = await bot.services.cards.get(1)
        assert card is not None and card.status.value == "accepted"
    finally:
        await bot.stop()


async def test_backup_to_an_unwritable_path_says_so_in_one_line(
        stub: BotApiStub, tmp_path: Path) -> None:
    config_path = subprocess_config(tmp_path, stub)
    await seed(load_config(config_path), START, ((OFFICER, Role.OFFICER),))
    for target in (tmp_path, Path("/proc/no-such-dir/copy.sqlite3")):
        code, _, err = await run_cli("backup", str(target), "-c", str(config_path))
        assert code != 0
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
