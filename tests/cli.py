"""Running `python -m bot …` as a separate process, as an operator would."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.stub import BotApiStub
from tests.harness import ADMIN_ID, TOKEN

ROOT = Path(__file__).resolve().parent.parent


# The teams tests/harness.py adds beyond the first, for configs written as TOML.
MORE_TEAMS = """
[[teams]]
code = "B2"
name = "掘进二班"

[[teams]]
code = "C3"
name = "机电队"
auto_approve = true
"""

# The visit quota reminders are switched on only by the tests about them (as in
# tests/harness.py), so officers elsewhere do not get them.
VISITS_OFF = """
[visits]
remind_days = []
remind_days_before_month_end = []
"""

SUMMARIES_OFF = """
[summaries]
monthly_summary = false
weekly_digest = false
"""
# A test's users tap far faster than people: flood control is tested on its own.
FLOOD_OFF = """
[flood]
max_updates = 1000
"""


def write_config(folder: Path, stub: BotApiStub, extra: str = "") -> Path:
    path = folder / "config.toml"
    visits = "" if "[visits]" in extra else VISITS_OFF
    visits += "" if "[summaries]" in extra else SUMMARIES_OFF
    visits += "" if "[flood]" in extra else FLOOD_OFF
    path.write_text(f"""
[telegram]
token = "{TOKEN}"
base_url = "{stub.base_url}"
base_file_url = "{stub.base_file_url}"
poll_timeout = 1

[database]
path = "bot.sqlite3"

[branch]
name = "通风区工会"

[[teams]]
code = "A1"
name = "综采一班"

[admins]
user_ids = [{ADMIN_ID}]
{visits}
{extra}
""", encoding="utf-8")
    return path


async def run_cli(*args: str, timeout: float = 60) -> tuple[int, str, str]:  # noqa: ASYNC109
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def start_bot(config: Path, **kwargs: Any) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--log-level", "WARNING", "run", "-c", str(config),
        cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, **kwargs)
