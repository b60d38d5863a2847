"""Logging that never shows the bot token (httpx logs request URLs, which hold it)."""

from __future__ import annotations

import logging
import re


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, "<token>")
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install_redaction(secrets: list[str]) -> None:
    """Put the filter on every root handler (handler filters see propagated records)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets(secrets))


def setup_logging(level: str, secrets: list[str]) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    install_redaction(secrets)
    withhold_payloads()


# Loggers whose DEBUG records carry whole API payloads or SQL parameters: updates with
# user ids and names, the chat a reply goes to, lookups by Telegram id. An anonymous
# submitter must not be identifiable from a DEBUG log, so those arguments are withheld.
PAYLOAD_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Updater",
                   "telegram.ext.Application", "aiosqlite")
_PLAIN_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,40}$")


class WithholdPayloads(logging.Filter):
    """Keep a DEBUG record's message and short plain words (an endpoint name); replace
    every other argument — payloads, updates, SQL parameters — with a marker."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG and record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                a if isinstance(a, str) and _PLAIN_WORD.match(a) else "<withheld>"
                for a in args)
        return True


def withhold_payloads() -> None:
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, WithholdPayloads) for f in logger.filters):
            logger.addFilter(WithholdPayloads())
