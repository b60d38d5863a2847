"""Plain records the stub keeps: chats, messages, files, callback answers, requests."""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

# Prefixes resembling real Telegram file ids, per kind of file.
_FILE_PREFIX = {
    "photo": "AgACAgIAAxkBAA",
    "document": "BQACAgIAAxkBAA",
    "sticker": "CAACAgIAAxkBAA",
    "voice": "AwACAgIAAxkBAA",
    "audio": "CQACAgIAAxkBAA",
    "video": "BAACAgIAAxkBAA",
    "animation": "CgACAgIAAxkBAA",
}
_FILE_DIR = {"photo": "photos", "sticker": "stickers", "voice": "voice", "audio": "music"}
_FILE_EXT = {"photo": ".jpg", "sticker": ".webp", "voice": ".oga", "audio": ".mp3"}


@dataclass
class Request:
    """One HTTP call to the Bot API: method as called, decoded params, monotonic time."""

    method: str
    params: dict[str, Any]
    at: float


@dataclass
class FileRecord:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    url: str | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else 0


def new_file(
    kind: str,
    data: bytes | None,
    seq: int,
    file_name: str | None = None,
    mime_type: str | None = None,
) -> FileRecord:
    file_id = _FILE_PREFIX.get(kind, "BQACAgIAAxkBAA") + secrets.token_urlsafe(24)
    unique = "AQAD" + secrets.token_urlsafe(9)
    if kind == "document" and file_name and "." in file_name:
        ext = "." + file_name.rsplit(".", 1)[1]
    else:
        ext = _FILE_EXT.get(kind, "")
    path = f"{_FILE_DIR.get(kind, kind + 's')}/file_{seq}{ext}"
    return FileRecord(file_id, unique, kind, data, path, file_name, mime_type)


def image_size(data: bytes | None) -> tuple[int, int]:
    """(width, height) from a PNG/GIF/JPEG header, (320, 320) when unknown."""
    if not data:
        return 320, 320
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return int(w), int(h)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        w, h = struct.unpack("<HH", data[6:10])
        return int(w), int(h)
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                break
            marker = data[i + 1]
            seg_len = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(w), int(h)
            i += 2 + seg_len
    return 320, 320


@dataclass
class Chat:
    """A chat the stub knows. ``bot_status`` is the bot's membership (groups)."""

    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    bot_status: str = "left"
    blocked: bool = False
    started: bool = False
    migrated_to: int | None = None
    members: dict[int, str] = field(default_factory=dict)
    next_message_id: int = 1
    menu_button: dict[str, Any] = field(default_factory=lambda: {"type": "default"})

    @property
    def label(self) -> str:
        if self.type == "private":
            return " ".join(p for p in (self.first_name, self.last_name) if p) or str(self.id)
        return self.title or str(self.id)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.first_name or str(self.id)
            if self.last_name:
                data["last_name"] = self.last_name
        else:
            data["title"] = self.title or str(self.id)
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class CallbackAnswer:
    """What the bot answered to a callback query (answerCallbackQuery)."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None = None
    cache_time: int = 0


@dataclass
class Message:
    """A message in a chat, from a user or the bot, kept live (edits update it).

    ``data`` is the Telegram JSON object as the bot would receive/return it.
    """

    chat_id: int
    message_id: int
    from_bot: bool
    data: dict[str, Any]
    markup: dict[str, Any] | None = None
    raw_text: str | None = None
    parse_mode: str | None = None
    edits: int = 0
    deleted: bool = False
    pinned: bool = False
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    answers: list[CallbackAnswer] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        """Plain text (after parse_mode) of a text message."""
        value = self.data.get("text")
        return str(value) if value is not None else None

    @property
    def caption(self) -> str | None:
        value = self.data.get("caption")
        return str(value) if value is not None else None

    @property
    def reply_to_message_id(self) -> int | None:
        reply = self.data.get("reply_to_message")
        return int(reply["message_id"]) if reply else None

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Rows of (text, callback_data or url) for inline keyboards, (text, None) for
        reply keyboards; [] when the message has no keyboard."""
        if not self.markup:
            return []
        if "inline_keyboard" in self.markup:
            return [
                [(b.get("text", ""), b.get("callback_data", b.get("url"))) for b in row]
                for row in self.markup["inline_keyboard"]
            ]
        if "keyboard" in self.markup:
            return [
                [(b if isinstance(b, str) else b.get("text", ""), None) for b in row]
                for row in self.markup["keyboard"]
            ]
        return []

    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    @property
    def shown(self) -> str:
        """Short human-readable content, used in transcripts."""
        if self.text is not None:
            return self.text
        kinds = ("photo", "document", "sticker", "voice", "location", "contact")
        kind = next((k for k in kinds if k in self.data), "message")
        label = f"[{kind}]"
        if kind == "document":
            label = f"[document {self.data['document'].get('file_name', '')}]"
        return f"{label} {self.caption}" if self.caption else label


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    data: bytes
    content_type: str | None
