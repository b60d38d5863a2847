"""Scheduled work. `JOBS` names what `python -m bot jobs run NAME` can run once: the
whole sweep, the outbox alone, or one sweep rule by its name (e.g. visit-nag)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.jobs import card_rules as _card_rules  # noqa: F401  (registers its rules)
from bot.jobs import disclosure_rules as _disclosure_rules  # noqa: F401
from bot.jobs import hazard_rules as _hazard_rules  # noqa: F401
from bot.jobs import member_rules as _member_rules  # noqa: F401
from bot.jobs import privacy_rules as _privacy_rules  # noqa: F401
from bot.jobs import study_rules as _study_rules  # noqa: F401
from bot.jobs import summary_rules as _summary_rules  # noqa: F401
from bot.jobs import visit_rules as _visit_rules  # noqa: F401
from bot.jobs.sweeper import RULES, sweep
from bot.services import Services

Job = Callable[[Services, datetime], Awaitable[int]]


async def _outbox_only(services: Services, now: datetime) -> int:
    return 0


def _one_rule(name: str) -> Job:
    async def run(services: Services, now: datetime) -> int:
        return await sweep(services, now, only=name)
    return run


JOBS: dict[str, Job] = {
    "sweep": sweep,
    "outbox": _outbox_only,
    **{name: _one_rule(name) for name in RULES},
}

__all__ = ["JOBS", "RULES", "sweep"]
