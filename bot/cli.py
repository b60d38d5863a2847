"""Command line: run, demo, jobs run NAME, backup PATH.

A bad config exits with code 2 and one line naming the key; never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot.clock import Clock, FixedClock, SystemClock, parse_instant
from bot.config import Config, ConfigError, load_config
from bot.logsafe import setup_logging
from bot.storage.errors import StorageError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Xiaojia 职工小家 bot")
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot")
    run.add_argument("-c", "--config", required=True)
    demo = sub.add_parser("demo", help="run offline against the loopback Bot API stand-in")
    demo.add_argument("--out", default="demo-output", help="folder for files the demo makes")
    jobs = sub.add_parser("jobs", help="scheduled jobs")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    job_run = jobs_sub.add_parser("run", help="run one job once")
    job_run.add_argument("name")
    job_run.add_argument("--now", help="ISO time to run as (branch time zone if no offset)")
    job_run.add_argument("--no-send", action="store_true", help="queue only; send nothing")
    job_run.add_argument("-c", "--config", required=True)
    export = sub.add_parser("export", help="a month for the archive, as an XLSX workbook")
    export.add_argument("--month", required=True, help="YYYY-MM")
    export.add_argument("--out", help="file to write (default xiaojia-YYYY-MM.xlsx)")
    export.add_argument("--with-notes", action="store_true",
                        help="include the visit diary's notes (for the chairs only)")
    export.add_argument("-c", "--config", required=True)
    backup = sub.add_parser("backup", help="consistent copy of the database")
    backup.add_argument("path")
    backup.add_argument("-c", "--config", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            from bot.demo import run_demo

            setup_logging("WARNING", [])
            return asyncio.run(run_demo(args.out))
        config = load_config(args.config)
        token = config.telegram.token or ""
        setup_logging(args.log_level, [token])
        if args.command == "run":
            from bot.app import build_application, run_forever

            run_forever(build_application(config), config)
            return 0
        if args.command == "jobs":
            return asyncio.run(_run_job(config, args.name, args.now, not args.no_send))
        if args.command == "export":
            return asyncio.run(_export(config, args.month, args.out, args.with_notes))
        if args.command == "backup":
            return asyncio.run(_backup(config, args.path))
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"storage error: {exc}", file=sys.stderr)
        return 1
    return 1


async def _run_job(config: Config, name: str, now_text: str | None, send: bool) -> int:
    from telegram import Bot

    from bot.jobs import JOBS
    from bot.jobs.sender import OutboxSender
    from bot.services import open_services

    if name not in JOBS:
        print(f"unknown job {name!r}; jobs: {', '.join(sorted(JOBS))}", file=sys.stderr)
        return 2
    try:
        clock: Clock = FixedClock(parse_instant(now_text, config.tz)) if now_text else \
            SystemClock()
    except ValueError:
        print(f"--now: not an ISO time: {now_text!r}", file=sys.stderr)
        return 2
    services = await open_services(config, clock)
    try:
        queued = await JOBS[name](services, clock.now())
        sent = 0
        if send:
            bot = Bot(config.telegram.resolved_token(), base_url=config.telegram.base_url,
                      base_file_url=config.telegram.base_file_url)
            async with bot:
                sender = OutboxSender(services, bot)
                await sender.recover()
                sent = await sender.drain()
        print(f"{name}: queued {queued}, sent {sent}")
        logging.getLogger(__name__).info("job %s: queued %d, sent %d", name, queued, sent)
    finally:
        await services.close()
    return 0


async def _export(config: Config, month: str, out: str | None, with_notes: bool) -> int:
    import re
    from pathlib import Path

    from bot.export import workbook
    from bot.services import open_services

    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", month):
        print(f"--month: expected YYYY-MM, got {month!r}", file=sys.stderr)
        return 2
    services = await open_services(config)
    try:
        data = await workbook(services, month, with_notes)
    finally:
        await services.close()
    path = Path(out or f"xiaojia-{month}.xlsx")
    await asyncio.to_thread(path.write_bytes, data)
    print(f"export of {month} written to {path} ({len(data)} bytes)")
    return 0


async def _backup(config: Config, path: str) -> int:
    from bot.storage.db import Database

    db = Database(config.database.path, config.database.busy_timeout_ms)
    await db.connect()
    try:
        await db.backup(path)
    finally:
        await db.close()
    copy = Database(path)
    await copy.connect()
    try:
        result = await copy.integrity_check()
    finally:
        await copy.close()
    print(f"backup written to {path} (integrity_check: {result})")
    return 0 if result == "ok" else 1
