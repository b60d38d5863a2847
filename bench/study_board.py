"""Score board and score table figures: `python bench/study_board.py [--json out.json]`.

Warm render time per board page and its PNG size, the event loop's longest stall while
a three-page board renders (in the drawing workers), and reading and checking a
500-row XLSX score table. Figures from one machine; no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import time

from bot.charts.drawing import drawn
from bot.exam_import import Person, check_rows, read_table
from bot.fonts import require_font
from bot.scoreboard import BoardPage, ranked, render, split


def _page(rows: int) -> BoardPage:
    scored = ranked([(f"职工{i}号", 60 + (i * 7) % 40) for i in range(rows)])
    return BoardPage("通风区工会 成绩公布牌", "安全规程 · 综采一班 · 2026-11-20 · 满分 100",
                     ("名次", "姓名", "成绩"), split(scored, 20)[0], "参考 60 人 · 第 1/3 页")


def render_figures(font: str, runs: int = 15) -> dict[str, float]:
    page = _page(60)
    render(page, font)  # warm: fonts and matplotlib loaded
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render(page, font))
        times.append(time.perf_counter() - start)
    return {"render_median_ms": statistics.median(times) * 1000, "png_kb": size / 1000}


async def loop_stall(font: str) -> float:
    """Longest gap between 5 ms ticks while three pages render in the drawing workers."""
    pages = [_page(60)] * 3
    worst, done = 0.0, False

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            worst = max(worst, now - last - 0.005)
            last = now

    await drawn(render, pages[0], font)  # warm: the workers start
    task = asyncio.create_task(ticker())
    await asyncio.gather(*(drawn(render, p, font) for p in pages))  # as board_images does
    done = True
    await task
    return worst * 1000


def import_figures(rows: int = 500) -> dict[str, float]:
    from openpyxl import Workbook

    people = [Person(i, f"职工{i}", f"T{i:04d}") for i in range(rows)]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "工号", "成绩"])
    for p in people:
        sheet.append([p.name, p.employee_no, 80])
    out = io.BytesIO()
    book.save(out)
    start = time.perf_counter()
    checked = check_rows(read_table("scores.xlsx", out.getvalue()), people, 100)
    assert len(checked.scores) == rows
    return {"xlsx_500_rows_ms": (time.perf_counter() - start) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json")
    args = parser.parse_args()
    font = require_font()
    figures = {**render_figures(font), "loop_stall_ms": asyncio.run(loop_stall(font)),
               **import_figures()}
    for name, value in figures.items():
        print(f"{name:>22}  {value:8.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
