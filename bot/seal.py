"""Sealing who wrote an anonymous card.

An anonymous card's author is kept only as
- a sealed chat id (Fernet: encrypted and authenticated), opened only to deliver the
  reply, and
- an owner tag (a keyed HMAC of the Telegram id), compared only to answer the author's
  own `/mycards` and rating buttons.
Without the key neither says who wrote the card. A fully anonymous card keeps neither;
its receipt code is stored only as a keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import unicodedata
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from bot.config import ConfigError

log = logging.getLogger(__name__)

# Receipt codes avoid characters people confuse on a phone screen (0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class SealError(Exception):
    """A sealed value could not be opened (wrong key or tampered)."""


class Sealer:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self._mac_key = hashlib.sha256(b"xiaojia-owner-tag:" + key).digest()

    def seal(self, tg_user_id: int) -> str:
        return self._fernet.encrypt(str(tg_user_id).encode()).decode()

    def open(self, sealed: str) -> int:
        try:
            return int(self._fernet.decrypt(sealed.encode()).decode())
        except (InvalidToken, ValueError) as exc:
            raise SealError("sealed value does not open with this key") from exc

    def seal_text(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def open_text(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise SealError("sealed value does not open with this key") from exc

    def tag(self, tg_user_id: int) -> str:
        return hmac.new(self._mac_key, f"tg:{tg_user_id}".encode(), "sha256").hexdigest()

    def code_hash(self, code: str) -> str:
        return hmac.new(self._mac_key, f"code:{normalise_code(code)}".encode(),
                        "sha256").hexdigest()


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code: str) -> str:
    """Upper case, without the spaces and dashes people type or copy along; full-width
    letters from a Chinese keyboard read as their plain forms."""
    plain = unicodedata.normalize("NFKC", code).upper()
    return "".join(ch for ch in plain if ch.isascii() and ch.isalnum())


def looks_like_code(code: str) -> bool:
    cleaned = normalise_code(code)
    return len(cleaned) == CODE_LENGTH


def load_key(env_name: str, key_file: str | Path) -> bytes:
    """The key from the environment, else from the file, creating the file if missing."""
    from_env = os.environ.get(env_name, "").strip() if env_name else ""
    if from_env:
        return _checked(from_env.encode(), f"${env_name}")
    path = Path(key_file)
    if path.exists():
        return _checked(path.read_bytes().strip(), str(path))
    key = Fernet.generate_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    log.warning("created a new seal key at %s: back it up with the database", path)
    return key


def _checked(key: bytes, where: str) -> bytes:
    try:
        Fernet(key)
    except ValueError as exc:
        raise ConfigError(f"{where}: not a valid seal key (32 url-safe base64 bytes)") from exc
    return key
