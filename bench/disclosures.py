"""厂务公开 (disclosure) figures: `python bench/disclosures.py [--json out.json]`.

1. A 7-column table of Chinese text drawn as PNG pages (25 rows an image, the default)
   at 25, 100 and 250 rows: seconds (median of warm runs), images and PNG bytes, and
   tracemalloc's peak for 250 rows (Python and numpy allocations, not Agg's own buffer).
2. Approving one disclosure to 50 and to 500 group chats on a fresh database: the
   `approve` call that queues every post in its transaction, text only and with a
   table (an album of 10 images and the file); median of 5 after a warm one.
3. 已阅: a disclosure posted to 500 chats (its outbox rows claimed and finished as
   sent), 5,000 active members and 10k reads; one `disclosure_actions.read` press by
   someone who has not read it (the first in a chat queues the count edit, later ones
   refresh it) and by someone who has.
4. The archive with 20k reads: `ChatMemberRepo.expected` for each of the 500 chats,
   `team_reads`, `unread(team)`, and the /disclosure_N text that calls `expected` per chat.

Members, reads and chat members are seeded with SQL in one transaction (the repos
write a row per transaction). Nothing is sent. Figures from one machine; no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from timing import timed  # bench/timing.py, beside this script

from bot import disclosure_actions
from bot.clock import FixedClock
from bot.config import parse_config
from bot.disclosures import Attachment
from bot.fonts import require_font
from bot.handlers.disclose_lists import _detail
from bot.outbox import Status
from bot.roles import Actor, Role
from bot.services import Services, open_services
from bot.storage import disclosures as store
from bot.storage import outbox as outbox_store
from bot.storage.db import ts
from bot.storage.disclosures import NewDisclosure
from bot.table_image import render_table
from bot.texts import Texts

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in Shanghai
TEAMS, MEMBERS, CHATS = 100, 5000, 500
PER_IMAGE = 25  # disclosures.table_rows_per_image, its default

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "建国明华伟芳秀英志强军平红霞海燕文斌玉兰桂春德福永亮辉丽娟涛刚勇杰"
HEADER = ["姓名", "班组", "岗位", "出勤情况", "工资发放", "奖惩情况", "备注"]
POSTS = ["采煤机司机", "支架工", "输送机司机", "电钳工", "安全检查员", "瓦斯检查员", "通风工"]
ATTENDANCE = ["全勤", "病假两天", "事假一天", "年休假五天", "工伤休养"]
PAY = ["已足额发放", "已发放，补发夜班津贴", "已发放，扣除缺勤"]
MERITS = ["无", "安全生产先进个人", "月度质量标准化标兵", "通报批评一次"]
NOTES = ["本月参加井下安全培训并通过考核，表现良好", "无", "岗位调整，自下月起到综掘二队",
         "合理化建议被采纳，奖励另行发放"]


def name(n: int) -> str:
    return (SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 7) % len(GIVEN)]
            + (GIVEN[(n // 3) % len(GIVEN)] if n % 3 else ""))


def table(rows: int) -> list[list[str]]:
    body = [[name(n), f"综采{'一二三四五六'[n % 6]}班", POSTS[n % len(POSTS)],
             ATTENDANCE[n % len(ATTENDANCE)], PAY[n % len(PAY)], MERITS[n % len(MERITS)],
             NOTES[n % len(NOTES)]] for n in range(rows)]
    return [HEADER, *body]


def render_figures(font: str) -> tuple[list[dict[str, float]], list[bytes]]:
    texts = Texts("zh-CN")
    page_word = texts.get("zh-CN", "disclose-table-footer", page="{page}", pages="{pages}",
                          rows="{rows}")
    title = "2026年10月综采队工资及考勤公开"

    def draw(rows: int) -> list[bytes]:
        return render_table(title, table(rows), font, PER_IMAGE, page_word)

    draw(5)  # warm: matplotlib and the font loaded
    out, largest = [], []
    for rows, runs in ((25, 5), (100, 3), (250, 3)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            images = draw(rows)
            times.append(time.perf_counter() - start)
        out.append({"rows": rows, "images": len(images), "seconds": statistics.median(times),
                    "png_kb": sum(len(i) for i in images) / 1000})
        largest = images
    tracemalloc.start()
    draw(250)
    out[-1]["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return out, largest


@asynccontextmanager
async def fresh(teams: int) -> AsyncIterator[Services]:
    with tempfile.TemporaryDirectory() as folder:
        config = parse_config({
            "telegram": {"token": "1:BENCH"},
            "database": {"path": str(Path(folder) / "bench.sqlite3")},
            "teams": [{"code": f"T{n}", "name": f"综采{n:02d}班"} for n in range(teams)],
        })
        s = await open_services(config, FixedClock(NOW))
        try:
            yield s
        finally:
            await s.close()


def chat_id(n: int) -> int:
    return -1001000000000 - n


async def add_chats(s: Services, count: int) -> None:
    """Chat 0 the branch's, 1 the officers', 2 the safety one, the rest team chats."""
    teams = await s.teams.all()
    for n in range(count):
        purpose = ("branch", "officers", "safety")[n] if n < 3 else "team"
        team = teams[(n - 3) % len(teams)] if n >= 3 else None
        title = f"{team.name}{n}群" if team else f"通风区{purpose}群"
        await s.chats.seen(chat_id(n), "supergroup", title, NOW)
        await s.chats.set_purpose(chat_id(n), purpose, team.id if team else None, None, NOW)


async def add_people(s: Services, count: int) -> None:
    """`count` active members, team n % TEAMS; member 0 drafts, 1 is the chair, every
    50th an officer and the one after a safety supervisor."""
    teams = [t.id for t in await s.teams.all()]
    at = ts(NOW)
    async with s.db.tx() as tx:
        for n in range(count):
            await tx.execute(
                "INSERT INTO members (id, tg_user_id, name, team_id, employee_no, status,"
                " consent_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                (n + 1, 900000 + n, name(n), teams[n % len(teams)], f"G{n:05d}", at, at, at))
    await s.members.grant(2, Role.CHAIR, None, NOW)
    for n in range(0, count, 50):
        await s.members.grant(n + 1, Role.OFFICER, None, NOW)
        if n + 1 < count:
            await s.members.grant(n + 2, Role.SUPERVISOR, None, NOW)


async def new_disclosure(s: Services, chats: int, table_images: list[bytes] | None) -> int:
    async with s.db.tx() as tx:
        files = [await outbox_store.add_file(tx, f"table-{n}.png", png, NOW)
                 for n, png in enumerate(table_images or [], 1)]
        return await store.insert(tx, NewDisclosure(
            category="工资", period="2026年10月", title="2026年10月工资发放情况",
            body="10月工资已于11月15日发放，人均6820元。明细见附表，有疑问请点“有疑问”。",
            drafted_by=1, chats=tuple(chat_id(n) for n in range(chats)),
            attachment=Attachment.TABLE if table_images else Attachment.NONE,
            file_id="BQACAgUAAxkBAAIBench" if table_images else None,
            file_name="2026年10月工资.xlsx" if table_images else None,
            images=tuple(files)), NOW)


async def approve_figures(chats: int, images: list[bytes]) -> dict[str, float]:
    async with fresh(TEAMS) as s:
        await add_chats(s, chats)
        await add_people(s, 2)
        chair = await s.members.actor(900001)
        out: dict[str, float] = {"chats": chats}
        for label, attached in (("text", None), ("table", images)):
            pending_ids = [await new_disclosure(s, chats, attached) for _ in range(6)]
            pending = list(pending_ids)

            async def approve(queue: list[int] = pending) -> None:
                done = await disclosure_actions.approve(s, chair, queue.pop(0))
                assert done.ok and done.count == chats, done

            out[f"{label}_ms"] = await timed(approve)
            last = pending_ids[-1]
            out[f"{label}_rows"] = sum([sum((await s.outbox.counts(f"{kind}:{last}")).values())
                                        for kind in ("datt", "dpost", "dprog")])
        return out


def reader(chat: int, k: int) -> int:
    """The member index of the k-th reader (k < 40) in chat number `chat`."""
    if chat == 0:
        return k * 123 + 7  # the branch chat: anyone
    if chat in (1, 2):
        return 50 * k + chat - 1  # officers, safety supervisors
    team = (chat - 3) % TEAMS
    return team + TEAMS * ((k + chat) % 50)


async def add_reads(s: Services, disclosure_id: int, per_chat: int) -> None:
    """The first `per_chat` readers of every chat read it (and were seen there); the
    last two of each team chat's rotation were seen leaving it."""
    at = ts(NOW)
    async with s.db.tx() as tx:
        for chat in range(CHATS):
            for k in range(per_chat):
                m = reader(chat, k)
                await tx.execute(
                    "INSERT INTO disclosure_reads (disclosure_id, chat_id, member_id, read_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (disclosure_id, chat_id(chat), m + 1, at))
                await tx.execute(
                    "INSERT INTO chat_members (chat_id, tg_user_id, present, updated_at)"
                    " VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING",
                    (chat_id(chat), 900000 + m, at))
            if chat >= 3:
                for k in (48, 49):
                    await tx.execute(
                        "INSERT INTO chat_members (chat_id, tg_user_id, present, updated_at)"
                        " VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING",
                        (chat_id(chat), 900000 + reader(chat, k), at))


async def actor_of(s: Services, m: int) -> Actor:
    return await s.members.actor(900000 + m)


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def read_and_archive_figures() -> dict[str, float]:
    async with fresh(TEAMS) as s:
        start = time.perf_counter()
        await add_chats(s, CHATS)
        await add_people(s, MEMBERS)
        d_id = await new_disclosure(s, CHATS, None)
        done = await disclosure_actions.approve(s, await actor_of(s, 1), d_id)
        assert done.ok and done.count == CHATS, done
        message_of = {}
        for n, post in enumerate(await s.disclosures.posts(d_id)):
            assert await s.outbox.claim(post.outbox_id)
            await s.outbox.finish(post.outbox_id, Status.SENT, NOW, message_id=5000 + n)
            message_of[post.chat_id] = 5000 + n
        await add_reads(s, d_id, 20)
        out: dict[str, float] = {"seed_s": time.perf_counter() - start}
        async with s.db.read() as tx:
            out["reads_before"] = await tx.scalar("SELECT count(*) FROM disclosure_reads")

        # 已阅: 3 new readers in each of 100 chats (round by round), then 100 repeats.
        async def press(chat: int, k: int, new: bool) -> float:
            actor = await actor_of(s, reader(chat, k))
            begin = time.perf_counter()
            result = await disclosure_actions.read(s, actor, d_id, chat_id(chat),
                                                   message_of[chat_id(chat)])
            took = (time.perf_counter() - begin) * 1000
            assert result.ok is new, result
            return took

        new_times = [await press(chat, k, True)
                     for k in (20, 21, 22) for chat in range(0, CHATS, 5)]
        first, later = new_times[:100], new_times[100:]
        again = [await press(chat, 0, False) for chat in range(0, CHATS, 5)]
        out |= {"read_new_ms": statistics.median(new_times), "read_new_p95_ms":
                quantile(new_times, 0.95), "read_first_in_chat_ms": statistics.median(first),
                "read_later_in_chat_ms": statistics.median(later),
                "read_again_ms": statistics.median(again)}

        # The archive, with 40 readers in every chat.
        await add_reads(s, d_id, 40)
        async with s.db.read() as tx:
            out["reads_after"] = await tx.scalar("SELECT count(*) FROM disclosure_reads")
        chats = [c for c in await s.chats.groups() if c.status == "active"]

        async def expected_all() -> None:
            for chat in chats:
                await s.chat_members.expected(chat.chat_id, chat.purpose, chat.team_id)

        branch = next(c for c in chats if c.purpose == "branch")
        team = (await s.teams.all())[0]
        d = await s.disclosures.get(d_id)
        assert d is not None
        out |= {
            "expected_500_ms": await timed(expected_all, 3),
            "expected_branch_ms": await timed(lambda: s.chat_members.expected(
                branch.chat_id, branch.purpose, branch.team_id)),
            "team_reads_ms": await timed(lambda: s.chat_members.team_reads(d_id)),
            "unread_team_ms": await timed(lambda: s.chat_members.unread(d_id, team.id)),
            "unread_names": len(await s.chat_members.unread(d_id, team.id)),
            "detail_text_ms": await timed(lambda: _detail(s, "zh-CN", d), 3),
        }
        return out


async def db_figures(images: list[bytes]) -> dict[str, Any]:
    return {"approve": [await approve_figures(n, images) for n in (50, CHATS)],
            "reads": await read_and_archive_figures()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # each new database makes a seal key
    began = time.perf_counter()
    render, images = render_figures(require_font())
    figures = {"render": render, **asyncio.run(db_figures(images))}

    print("Table images (7 columns, 25 rows an image; s median of warm runs)")
    print(f"{'rows':>6} {'images':>7} {'seconds':>8} {'PNG KB':>8} {'peak MB':>8}")
    for row in render:
        peak = f"{row['peak_mb']:>8.1f}" if "peak_mb" in row else f"{'':>8}"
        print(f"{row['rows']:>6} {row['images']:>7} {row['seconds']:>8.2f}"
              f" {row['png_kb']:>8.0f} {peak}")
    print("\nApprove = queue to every chat (ms median of 5; outbox rows per approval)")
    print(f"{'chats':>6} {'text ms':>8} {'rows':>6} {'table ms':>9} {'rows':>6}")
    for row in figures["approve"]:
        print(f"{row['chats']:>6} {row['text_ms']:>8.1f} {row['text_rows']:>6.0f}"
              f" {row['table_ms']:>9.1f} {row['table_rows']:>6.0f}")
    reads = figures["reads"]
    print(f"\n已阅 and archive: {CHATS} chats, {MEMBERS} members, {TEAMS} teams"
          f" (seeded in {reads['seed_s']:.1f} s)")
    for key, label in (
            ("reads_before", "reads recorded before the presses"),
            ("read_new_ms", "read(), a new reader, median ms"),
            ("read_new_p95_ms", "read(), a new reader, p95 ms"),
            ("read_first_in_chat_ms", "  first new reader in a chat, median ms"),
            ("read_later_in_chat_ms", "  later new readers (edit refreshed), median ms"),
            ("read_again_ms", "read(), pressed again, median ms"),
            ("reads_after", "reads recorded for the archive"),
            ("expected_500_ms", "expected() for all 500 chats, ms"),
            ("expected_branch_ms", "expected(), the branch chat, ms"),
            ("team_reads_ms", "team_reads(), ms"),
            ("unread_team_ms", "unread(team), ms"),
            ("unread_names", "  names it lists"),
            ("detail_text_ms", "/disclosure_N text (500 chats), ms")):
        print(f"{label:<48} {reads[key]:>9.1f}")
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
