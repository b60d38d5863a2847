"""Where charts, score boards and table images are drawn: in worker processes, never on
the event loop's process.

matplotlib holds the GIL while it draws, and a drawn figure is a web of reference cycles
that only the garbage collector frees (a full collection after a dozen charts took
75 ms). From threads, both stop the event loop: three drawing threads kept a 5 ms sleep
waiting 80-130 ms, one thread with the collector tamed still ~30 ms; from two worker
processes the loop's longest wait was ~10 ms, and the two draw side by side on two
cores (bench/bench_charts.py).

The pool is made on first use (a forkserver with the drawing modules preloaded, where
there is one: a worker starts in milliseconds) and closed by `close()`, from the
application's post_shutdown. What is drawn travels by pickle: a module-level function
and plain data; the words to print as `Words`, which loads the catalog once per worker.
Each worker holds its own matplotlib (~100 MB). As with any program whose workers do
not fork from it, a script that draws runs its work under `if __name__ == "__main__":`
(a worker imports the main module; `python -m bot` and the console script are safe).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache, partial
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from bot.texts import Texts

T = TypeVar("T")
WORKERS = max(1, min(2, os.cpu_count() or 1))
# Imported once in the forkserver, so every worker starts with them.
PRELOAD = ["bot.charts.figures", "bot.scoreboard", "bot.table_image", "bot.texts",
           "matplotlib.figure", "matplotlib.backends.backend_agg", "PIL.Image"]
NICE = 10  # the workers' scheduling priority, below the bot's
_pool: ProcessPoolExecutor | None = None


@dataclass(frozen=True)
class Words:
    """The catalog's texts in `lang` (`default` when the catalog lacks it), callable as
    `words(key, **args)`; picklable, so a chart can print them in a worker."""

    lang: str
    default: str = "zh-CN"

    def __call__(self, key: str, **args: object) -> str:
        return _catalog(self.default).get(self.lang, key, **args)


@lru_cache(maxsize=4)
def _catalog(default: str) -> Texts:
    from bot.texts import Texts

    return Texts(default)


def _new_pool() -> ProcessPoolExecutor:
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=context, initializer=_worker)


def _worker() -> None:
    """A worker yields the CPU to the bot's own process: drawing can wait a moment, the
    event loop answering everyone should not."""
    if hasattr(os, "nice"):
        os.nice(NICE)


async def drawn(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` in a drawing worker. Handed over from a thread: the first drawings
    start the workers (and the forkserver), which would hold up the loop. A pool whose
    worker died (killed, out of memory) is replaced, and the drawing tried once more."""
    global _pool
    for attempt in (1, 2):
        if _pool is None:
            _pool = _new_pool()
        pool = _pool
        try:
            future = await asyncio.to_thread(pool.submit, partial(fn, *args))
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            if _pool is pool:
                _pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def close() -> None:
    """End the workers (waiting for what they are drawing); the next drawing makes a
    new pool."""
    global _pool
    pool, _pool = _pool, None
    if pool is not None:
        await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
