"""What a sweep rule looks up again and again for many items — a team's officers, a
chat's language — asked once per run. A memo lives for one run of one rule only, so
nothing it holds goes stale."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._found: dict[Hashable, Any] = {}

    async def get(self, key: Hashable, make: Callable[[], Awaitable[T]]) -> T:
        """`make()`'s answer for `key`, made the first time the key is asked for. The
        answer is shared: callers must not change it."""
        if key not in self._found:
            self._found[key] = await make()
        return self._found[key]
