"""`python -m bot demo`: the bot offline against the loopback Bot API stand-in.

A scripted shift is played by invented people; the transcript is printed and written,
with every file the bot produced, to the output folder. Each capability adds a scene.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_application, running
from bot.clock import FixedClock
from bot.config import parse_config
from bot.demo_cards import LEADER_ID, scene_cards
from bot.demo_disclosures import scene_disclosures
from bot.demo_figures import scene_figures
from bot.demo_hazards import scene_hazards
from bot.demo_study import scene_study
from bot.demo_visits import scene_visits
from bot.stub import BotApiStub

TOKEN = "100200:DEMO-TOKEN"
ADMIN_ID = 700001

# A weekday morning in Shanghai, so no quiet hours hold the demo's messages.
DEMO_TIME = datetime(2026, 11, 16, 1, 30, tzinfo=UTC)


async def run_demo(out: str) -> int:
    folder = Path(out)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)  # noqa: ASYNC240  (once, before anything runs)
    started = time.monotonic()
    async with BotApiStub(token=TOKEN, bot_username="xiaojia_demo_bot",
                          bot_name="职工小家") as stub:
        config = parse_config({
            "telegram": {"token": TOKEN, "base_url": stub.base_url,
                         "base_file_url": stub.base_file_url},
            "database": {"path": str(folder / "demo.sqlite3")},
            "branch": {"name": "通风区工会（演示）"},
            "teams": [{"code": "A1", "name": "综采一班"}, {"code": "B2", "name": "掘进二班"}],
            "study": {"teams": [{"team": "A1", "weekday": 4, "at": "16:00"}]},
            # The demo starts on the 16th: a quota reminder on the 20th is shown in the
            # visits scene rather than caught up at start-up.
            "visits": {"remind_days": [20]},
            # The monthly summary is shown by the last scene; the weekly digest is off.
            "summaries": {"weekly_digest": False},
            # The scripted users tap far faster than people do.
            "flood": {"max_updates": 1000},
            "admins": {"user_ids": [ADMIN_ID]},
            "jobs": {"sweep_seconds": 3600},
            "cards": {"departments": [
                {"code": "logistics", "name": "后勤科", "leader_user_ids": [LEADER_ID]},
                {"code": "labour", "name": "劳资科"},
            ]},
        })
        clock = FixedClock(DEMO_TIME)
        app = build_application(config, clock)
        async with running(app):
            await scene_foundation(stub, app)
            await settle(stub, app)
            await scene_cards(stub, app, clock)
            await settle(stub, app)
            await scene_hazards(stub, app)
            await settle(stub, app)
            await scene_study(stub, app, folder)
            await settle(stub, app)
            await scene_visits(stub, app, clock)
            await settle(stub, app)
            await scene_disclosures(stub, app, folder)
            await settle(stub, app)
            await scene_figures(stub, app, folder)
            await settle(stub, app)
        transcript = stub.transcript()
    (folder / "transcript.txt").write_text(transcript + "\n", encoding="utf-8")
    print(transcript)
    print(f"\n— demo finished in {time.monotonic() - started:.1f} s; files in {folder}/")
    return 0


async def settle(stub: BotApiStub, app: Any) -> None:
    """Between scenes: the outbox has nothing due (a notice held back by the 1/s per
    chat pacing would otherwise land in the next scene), and the stand-in is idle."""
    services = app.bot_data["services"]
    for _ in range(200):  # at most 10 s
        if not await services.outbox.due(services.clock.now(), limit=1):
            break
        await asyncio.sleep(0.05)
    await stub.wait_idle()


async def scene_foundation(stub: BotApiStub, app: object) -> None:
    """Joining the branch: registration, approval, a role, a team chat, a forged press."""
    admin = stub.user(ADMIN_ID, "周管理员")
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")

    await admin.command("/start")
    await admin.next_message()

    # An officer-to-be registers; with no officers yet, the admin approves.
    await officer.command("/start")
    await officer.next_message()
    await officer.send("李建国")
    await officer.tap("综采一班")
    await officer.next_message()
    await officer.send("t-0101")
    await officer.tap("同意")
    await officer.next_message()
    await admin.tap("✅ 通过")
    await officer.next_message()
    await admin.command("/promote", "T-0101", "工会委员")
    await admin.next_message()
    await officer.next_message()

    # A worker registers from his phone, fumbling once with a sticker.
    await worker.command("/start")
    await worker.next_message()
    await worker.send_sticker()
    await worker.next_message()
    await worker.send("张小军")
    await worker.tap("综采一班")
    await worker.tap("跳过")
    await worker.tap("同意")
    await worker.next_message()
    request = await officer.next_message()
    await officer.press(request, "✅ 通过")
    await worker.next_message()
    # A second press on the handled request changes nothing and says who did it.
    await officer.press(request, data=request.buttons[0][0][1] if request.buttons else "m:ok:2")

    # The team chat.
    group = stub.group(-1002000000001, "综采一班工作群")
    group.add_member(officer)
    group.add_member(worker)
    await group.add_bot(by=officer)
    await group.next_message()
    await officer.send_to(group, "/setchat team A1")
    await group.next_message()

    # A modified client forges an approval: refused, nothing changes.
    await worker.press(request, data="m:ok:1")
    await officer.command("/members")
    await officer.next_message()
    await worker.command("/help")
    await worker.next_message()
