"""Conversation flows as stored state: which flow, which step, what was typed so far."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class FlowState:
    tg_user_id: int
    name: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    started_at: datetime = datetime.min
    updated_at: datetime = datetime.min

    def at(self, step: str, now: datetime, **changes: Any) -> FlowState:
        """The state moved to `step` with `changes` merged into the data."""
        return replace(self, step=step, data={**self.data, **changes}, updated_at=now)

    def expired(self, now: datetime, idle: timedelta) -> bool:
        return now - self.updated_at >= idle


def new_flow(tg_user_id: int, name: str, step: str, now: datetime, **data: Any) -> FlowState:
    return FlowState(tg_user_id, name, step, dict(data), now, now)
