"""Secrets at DEBUG: a representative session (registration, an anonymous and a fully
anonymous card submitted, answered and rated, a hazard, a study note, a 厂务公开
broadcast, forged presses, failing requests, the outbox refused by an anonymous author)
logged at DEBUG, and every line searched for the bot token (whole, URL-encoded, the part
after the colon) and for the anonymous authors' Telegram ids, names and usernames.

Twice: the bot as an operator runs it (`python -m bot --log-level DEBUG run`, stdout and
stderr captured), and in-process with every logger at DEBUG — httpx and apscheduler too,
which setup_logging holds at WARNING — and an exception with its traceback."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import card_actions
from bot.clock import FixedClock
from bot.config import load_config
from bot.logsafe import RedactSecrets, setup_logging
from bot.stub import BotApiStub, Message, UserHandle
from tests.e2e.hardening_session import (
    ANON,
    SECRET,
    BotProcess,
    identity_needles,
    logger_of,
    play_session,
    scan,
    seed,
    sends_to,
    subprocess_config,
    token_needles,
)
from tests.e2e.test_cards_anonymity import next_with, text
from tests.harness import START, TOKEN, BotUnderTest, make_config

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def traffic_with_authors(stub: BotApiStub) -> None:
    """The control: the bot did write to both anonymous authors' chats (their ids went
    over the wire in requests the DEBUG loggers saw), so 0 hits below means something."""
    for author in (ANON, SECRET):
        assert sends_to(stub, author.tg_id, 0) >= 3, author


def report(title: str, lines: list[str], loggers: Counter[str], needles: dict[str, str],
           hits: dict[str, list[str]], forged: int) -> str:
    top = ", ".join(f"{name} {count}" for name, count in loggers.most_common())
    return (f"{title}: {len(lines)} lines scanned from {len(loggers)} loggers ({top}); "
            f"{len(needles)} needles; {forged} forged presses answered; "
            f"hits: {({k: len(v) for k, v in hits.items()}) or 0}")


# ---- the bot as an operator runs it --------------------------------------------------

async def test_subprocess_debug_log_shows_no_token_and_no_anonymous_author(
        stub: BotApiStub, tmp_path: Path) -> None:
    config_path = subprocess_config(tmp_path, stub)
    await seed(load_config(config_path), datetime.now(UTC))
    bot = BotProcess(config_path, tmp_path / "stdout.log", tmp_path / "stderr.log", "DEBUG")
    await bot.start()
    try:
        stub.fail_next("getUpdates", 502, "Bad Gateway")  # the network loop's error path
        session = await play_session(stub)
    finally:
        code = await bot.stop()
    assert code == 0, bot.lines()["stderr"][-20:]

    traffic_with_authors(stub)
    streams = bot.lines()
    lines = streams["stdout"] + streams["stderr"]
    loggers = Counter(name for line in lines if (name := logger_of(line)))
    needles = token_needles() | identity_needles(session.receipt)
    hits = scan(lines, needles)
    summary = report("subprocess --log-level DEBUG", lines, loggers, needles, hits,
                     session.forged_answers)
    print(summary)

    # DEBUG was really on, and the payload loggers really spoke (their arguments withheld).
    assert sum(" DEBUG " in line for line in lines) > 1000, summary
    for name in ("telegram.ext.ExtBot", "telegram.ext.Application", "telegram.ext.Updater",
                 "telegram.ext", "httpcore.http11", "aiosqlite", "bot.errors",
                 "bot.jobs.sender"):
        assert loggers[name], f"nothing logged by {name}: {summary}"
    assert any("<withheld>" in line for line in lines)
    assert any("Forbidden" in line for line in lines if "outbox" in line)  # blocked author
    assert hits == {}, summary + "\n" + "\n".join(f"{k}: {v[:3]}" for k, v in hits.items())


# ---- in-process, every logger at DEBUG -----------------------------------------------

class Capture(logging.Handler):
    """Every record, formatted as the bot formats it (with its traceback), as lines."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.setFormatter(logging.Formatter(FORMAT))
        self.lines: list[str] = []
        self.loggers: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.loggers[record.name] += 1
        self.lines += self.format(record).splitlines()


@pytest.fixture
def every_logger_at_debug() -> Iterator[Capture]:
    """setup_logging("DEBUG", [token]) with a capturing root handler; then every logger,
    httpx (request URLs), httpcore and apscheduler included, at DEBUG. Put back after."""
    root = logging.getLogger()
    capture = Capture()
    before_filters = {h: list(h.filters) for h in root.handlers}
    names = ["httpx", "httpcore", "apscheduler", "telegram", "aiosqlite", "asyncio", "bot",
             "aiohttp", "aiolimiter", "PIL", "matplotlib"]
    names += list(logging.root.manager.loggerDict)
    saved = {name: logging.getLogger(name).level for name in names}
    saved_root = root.level
    root.addHandler(capture)
    setup_logging("DEBUG", [TOKEN])  # basicConfig is a no-op under pytest; the filters are not
    assert any(isinstance(f, RedactSecrets) for f in capture.filters)
    root.setLevel(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.NOTSET)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(saved_root)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
        for handler, filters in before_filters.items():
            handler.filters[:] = filters


async def test_every_logger_at_debug_in_process_shows_no_token_and_no_anonymous_author(
        stub: BotApiStub, tmp_path: Path, every_logger_at_debug: Capture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    capture = every_logger_at_debug
    config = make_config(tmp_path / "bot.sqlite3", stub)
    clock = FixedClock(START)
    await seed(config, START)

    async def failing_rating(anon: UserHandle, reply: Message) -> None:
        """The author's first rating press raises: a traceback goes to the log."""
        async def broken(*args: object, **kwargs: object) -> card_actions.Done:
            raise RuntimeError("rating store unavailable")

        monkeypatch.setattr(card_actions, "rate", broken)
        assert "出了点问题" in text(await anon.press(reply, "😊 满意"))
        monkeypatch.undo()
        await next_with(stub.user(9001, "管理员老周"), "机器人出错")

    bot = BotUnderTest(config, clock)
    await bot.start()
    try:
        stub.fail_next("getUpdates", 502, "Bad Gateway")
        session = await play_session(stub, before_rating=failing_rating)
    finally:
        await bot.stop()

    traffic_with_authors(stub)
    lines = capture.lines
    needles = token_needles() | identity_needles(session.receipt)
    hits = scan(lines, needles)
    summary = report("in-process, every logger at DEBUG", lines, capture.loggers, needles,
                     hits, session.forged_answers)
    print(summary)

    for name in ("httpx", "httpcore.http11", "apscheduler.scheduler", "telegram.ext.ExtBot",
                 "telegram.ext.Application", "aiosqlite", "bot.errors", "bot.jobs.sender"):
        assert capture.loggers[name], f"nothing logged by {name}: {summary}"
    assert any("Forbidden" in line for line in lines if "outbox" in line)  # blocked author
    assert any("RuntimeError" in line for line in lines)  # the traceback was logged
    assert any("Traceback" in line for line in lines)
    # httpx logged request URLs, with the token replaced.
    assert any("httpx" in line and "/bot<token>/" in line for line in lines), summary
    assert hits == {}, summary + "\n" + "\n".join(f"{k}: {v[:3]}" for k, v in hits.items())
