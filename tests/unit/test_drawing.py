"""The drawing workers (bot/charts/drawing.py): images are drawn in other processes, a
pool whose worker died is replaced, `close()` ends the workers, and what travels between
the processes survives the trip (the words to print, a table too big to draw)."""

from __future__ import annotations

import os
import pickle
import signal

import pytest

from bot.charts import drawing
from bot.charts.drawing import Words, drawn
from bot.table_image import TableTooBig, render_table


async def test_drawn_in_another_process() -> None:
    assert await drawn(os.getpid) != os.getpid()


async def test_a_killed_worker_is_replaced() -> None:
    first = await drawn(os.getpid)
    os.kill(first, signal.SIGKILL)  # as the kernel's OOM killer would
    assert await drawn(os.getpid) not in (first, os.getpid())


async def test_close_ends_the_workers_and_the_next_drawing_starts_anew() -> None:
    before = await drawn(os.getpid)
    await drawing.close()
    assert drawing._pool is None
    after = await drawn(os.getpid)
    assert after not in (before, os.getpid())
    await drawing.close()


def test_words_travel_by_pickle() -> None:
    words = pickle.loads(pickle.dumps(Words("zh-CN")))
    assert words("chart-cards-title") == "信息卡（按提交月份）"
    assert Words("en")("chart-more", count=3) != words("chart-more", count=3)


async def test_a_table_too_big_keeps_its_arguments_across_processes() -> None:
    rows = [["姓名"]] + [[f"职工{n}"] for n in range(30)]
    with pytest.raises(TableTooBig) as caught:
        await drawn(render_table, "t", rows, "no-font-needed", 2, "{page}/{pages}")
    assert caught.value.key == "disclose-table-long"
    assert caught.value.args_for_text == {"limit": 20, "rows": 30}  # 10 images of 2 rows
