"""Scheduled work. `JOBS` names what `python -m bot jobs run NAME` can run once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.jobs import card_rules as _card_rules  # noqa: F401  (registers its rules)
from bot.jobs import hazard_rules as _hazard_rules  # noqa: F401
from bot.jobs import member_rules as _member_rules  # noqa: F401
from bot.jobs import study_rules as _study_rules  # noqa: F401
from bot.jobs.sweeper import RULES, sweep
from bot.services import Services

Job = Callable[[Services, datetime], Awaitable[int]]


async def _outbox_only(services: Services, now: datetime) -> int:
    return 0


JOBS: dict[str, Job] = {
    "sweep": sweep,
    "outbox": _outbox_only,
}

__all__ = ["JOBS", "RULES", "sweep"]
