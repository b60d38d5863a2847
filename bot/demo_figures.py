"""The demo's figures scene: the chair asks /stats for last month and gets the headline
and the charts; a worker sees his own; an officer exports last month. The branch's
charts of December (the cards chart going back to the cards of November) and the
November workbook are kept in the demo folder."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bot import export, summaries
from bot.demo_visits import CHAIR_ID
from bot.stub import BotApiStub

CHART_NAMES = ("chart-cards.png", "chart-hazards.png", "chart-study.png", "chart-visits.png")


async def scene_figures(stub: BotApiStub, app: Any, folder: Path) -> None:
    services = app.bot_data["services"]
    officer = stub.user(700101, "李建国")
    chair = stub.user(CHAIR_ID, "赵红梅")
    worker = stub.user(700201, "张小军")
    for handle in (officer, chair, worker):
        handle.catch_up()

    # 1. The chair's figures of last month, with the charts.
    await chair.command("/stats")
    await chair.tap("上月")
    await chair.next_message()
    # 2. A worker sees only his own.
    await worker.command("/stats")
    await worker.tap("今年")
    await worker.next_message()
    # 3. The officer exports November for the archive.
    await officer.command("/export")
    await officer.tap("上月")
    await stub.wait_idle()

    # The branch's charts of December and November's workbook, kept for whoever runs the demo.
    lang = services.texts.language(None)
    figures = await summaries.gather(services, ["2026-12"], None,
                                     summaries.months_back("2026-12", 6))
    for name, png in zip(CHART_NAMES, await summaries.charts(services, lang, figures),
                         strict=False):
        await asyncio.to_thread((folder / name).write_bytes, png)
    workbook = await export.workbook(services, "2026-11")
    await asyncio.to_thread((folder / "xiaojia-2026-11.xlsx").write_bytes, workbook)
