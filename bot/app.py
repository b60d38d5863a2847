"""Building and running the Application: resources open in post_init and close in
post_shutdown; the outbox sender and the sweeper start with it. Its rate limiter holds
the 30/s budget that direct replies and the outbox sender share (bot/ratelimit.py)."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot import disclosure_broadcast
from bot.charts import drawing
from bot.clock import Clock
from bot.config import Config
from bot.durable_updates import DurableApplication, DurableQueue
from bot.fonts import warn_if_missing
from bot.handlers import register
from bot.handlers.menu import publish_default_menus
from bot.jobs.sender import OutboxSender
from bot.jobs.sweeper import sweep
from bot.logsafe import withhold_payloads
from bot.ratelimit import SharedLimiter
from bot.services import Services, open_services

log = logging.getLogger(__name__)
AnyApp = Application


def build_application(config: Config, clock: Clock | None = None,
                      token: str | None = None) -> AnyApp:
    token = token or config.telegram.resolved_token()
    withhold_payloads()  # before anything can log an update at DEBUG

    async def post_init(app: AnyApp) -> None:
        services = await open_services(config, clock)
        app.bot_data["services"] = services
        services.bot_username = app.bot.username
        sender = OutboxSender(services, app.bot)
        services.mail.wake = sender.wake
        app.bot_data["sender"] = sender
        await sender.recover()
        await disclosure_broadcast.catch_up(services)
        app.bot_data["sender_task"] = asyncio.create_task(sender.run(), name="outbox-sender")
        await publish_default_menus(app.bot, services)
        await queue.open(services.inbox, app)
        settle()  # before the jobs and polling start
        # Looking for a CJK font reads font files: in a thread, so start-up does not wait.
        app.bot_data["font_check"] = asyncio.create_task(
            asyncio.to_thread(warn_if_missing, config.charts.font_file), name="font-check")
        assert app.job_queue is not None
        app.job_queue.run_repeating(_sweep_job, interval=config.jobs.sweep_seconds, first=0.2,
                                    name="sweep")

    async def post_stop(app: AnyApp) -> None:
        sender: OutboxSender | None = app.bot_data.get("sender")
        task: asyncio.Task[None] | None = app.bot_data.get("sender_task")
        if sender is not None:
            await sender.stop()
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def post_shutdown(app: AnyApp) -> None:
        await drawing.close()  # the chart workers
        gc.unfreeze()  # what `settle` froze may be freed again
        services: Services | None = app.bot_data.get("services")
        if services is not None:
            await services.close()

    queue = DurableQueue()
    app = (
        ApplicationBuilder()
        .application_class(DurableApplication)
        .update_queue(queue)
        .token(token)
        .base_url(config.telegram.base_url)
        .base_file_url(config.telegram.base_file_url)
        .rate_limiter(SharedLimiter(max_retries=3))  # one 30/s budget, replies first
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    register(app)
    return app


def settle() -> None:
    """What start-up made (modules, handlers, the catalog: ~155k objects) is frozen out
    of the garbage collector's way, once collected: a full collection walked them all,
    35-50 ms in which the event loop stood still."""
    gc.collect()
    gc.freeze()


async def _sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: Services = context.application.bot_data["services"]
    await sweep(services)


@asynccontextmanager
async def running(app: AnyApp, poll_timeout: int = 1) -> AsyncIterator[AnyApp]:
    """Run with long polling until the block ends (tests, the demo). Calls the post_*
    hooks itself, as `run_polling` would."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout,
                                        allowed_updates=Update.ALL_TYPES,
                                        drop_pending_updates=False)
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def run_forever(app: AnyApp, config: Config) -> None:
    """`python -m bot run`: long polling, or a webhook when the config says so."""
    if config.telegram.mode == "webhook":
        hook = config.telegram.webhook
        app.run_webhook(listen=hook.listen, port=hook.port, url_path=hook.path,
                        webhook_url=f"{hook.url.rstrip('/')}/{hook.path}",
                        secret_token=hook.secret_token, allowed_updates=Update.ALL_TYPES,
                        drop_pending_updates=False)
    else:
        app.run_polling(timeout=config.telegram.poll_timeout, allowed_updates=Update.ALL_TYPES,
                        drop_pending_updates=False)
