"""State of the stand-in Bot API and the helpers every method shares.

:class:`StubCore` owns chats, messages, files, the update queue, the event log and the
error-injection / flood machinery. It has no HTTP in it; ``server.BotApiStub`` adds that.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.stub.limits import FloodLimits, FloodTracker
from bot.stub.members import member_json
from bot.stub.state import CallbackAnswer, Chat, FileRecord, Message, Request, new_file


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status, description, optional parameters."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


@dataclass
class Event:
    """One line of the conversation log (``chat_id`` None for bot-wide events)."""

    chat_id: int | None
    line: str


@dataclass
class PendingQuery:
    """A callback query sent by a user, waiting for answerCallbackQuery."""

    message: Message
    user_id: int
    data: str | None
    answer: CallbackAnswer | None = None


@dataclass
class _Failure:
    method: str
    code: int
    description: str
    parameters: dict[str, Any] | None
    times: int


class StubCore:
    """Everything the stand-in remembers, independent of transport."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_id: int = 123456,
        bot_username: str = "xiaojia_bot",
        bot_name: str = "职工小家",
        group_privacy: bool = True,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.group_privacy = group_privacy
        self.now: Callable[[], float] = time.time
        self.requests: list[Request] = []
        self.events: list[Event] = []
        self.chats: dict[int, Chat] = {}
        self.messages: dict[int, list[Message]] = {}
        self.files: dict[str, FileRecord] = {}
        self.files_by_path: dict[str, FileRecord] = {}
        self.queries: dict[str, PendingQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook_url = ""
        self.default_menu_button: dict[str, Any] = {"type": "default"}
        self.allowed_updates: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._delivered_max = 0
        self._seq = 0
        self._failures: list[_Failure] = []
        self._flood: FloodTracker | None = None
        self._changed = asyncio.Event()
        self._last_activity = time.monotonic()
        self._inflight = 0

    # ---- configuration -------------------------------------------------------------
    @property
    def limits(self) -> FloodLimits | None:
        return self._flood.limits if self._flood else None

    @limits.setter
    def limits(self, value: FloodLimits | None) -> None:
        self._flood = FloodTracker(value) if value is not None else None

    def enable_flood_limits(self, limits: FloodLimits | None = None) -> None:
        self.limits = limits or FloodLimits()

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with this error."""
        params: dict[str, Any] = {}
        if retry_after is not None:
            params["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            params["migrate_to_chat_id"] = migrate_to_chat_id
        self._failures.append(
            _Failure(method.lower(), error_code, description, params or None, times)
        )

    def take_failure(self, method: str) -> ApiError | None:
        for fail in self._failures:
            if fail.method == method.lower() and fail.times > 0:
                fail.times -= 1
                if fail.times == 0:
                    self._failures.remove(fail)
                return ApiError(fail.code, fail.description, fail.parameters)
        return None

    def block(self, chat_id: int, blocked: bool = True) -> None:
        """The user blocks (or with blocked=False unblocks) the bot."""
        self.chats[chat_id].blocked = blocked

    def unblock(self, chat_id: int) -> None:
        self.block(chat_id, False)

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """Status: creator | administrator | member | restricted | left | kicked."""
        if user_id == self.bot_id:
            self.chats[chat_id].bot_status = status
        else:
            self.chats[chat_id].members[user_id] = status

    # ---- identities ----------------------------------------------------------------
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    def user_json(self, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            return self.bot_user()
        chat = self.chats.get(user_id)
        data: dict[str, Any] = {"id": user_id, "is_bot": False}
        data["first_name"] = chat.first_name if chat and chat.first_name else str(user_id)
        if chat and chat.last_name:
            data["last_name"] = chat.last_name
        if chat and chat.username:
            data["username"] = chat.username
        if chat and chat.language_code:
            data["language_code"] = chat.language_code
        return data

    def name_of(self, user_id: int) -> str:
        chat = self.chats.get(user_id)
        return chat.label if chat else str(user_id)

    # ---- chats and messages --------------------------------------------------------
    def chat(self, chat_id: Any) -> Chat:
        """Look up a chat by id or @username, else 400 chat not found."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == chat_id[1:].lower():
                    return chat
            raise bad_request("chat not found")
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if key not in self.chats:
            raise bad_request("chat not found")
        return self.chats[key]

    def writable_chat(self, chat_id: Any) -> Chat:
        """The chat for a send/edit, with Telegram's 403/400 refusals."""
        chat = self.chat(chat_id)
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == "private":
            if chat.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if not chat.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            return chat
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        if chat.type == "channel":
            kind = "channel chat"
        if chat.bot_status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
        if chat.bot_status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
        return chat

    def flood_check(self, chat_id: int) -> None:
        if self._flood is None:
            return
        wait = self._flood.check(chat_id, time.monotonic())
        if wait:
            raise ApiError(
                429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
            )

    def add_message(self, chat: Chat, from_id: int, fields: dict[str, Any]) -> Message:
        """Store a new message (user's or bot's) in ``chat`` and return it."""
        data: dict[str, Any] = {
            "message_id": chat.next_message_id,
            "date": int(self.now()),
            "chat": chat.as_json(),
        }
        data["from"] = self.user_json(from_id)
        data.update(fields)
        chat.next_message_id += 1
        msg = Message(chat.id, data["message_id"], from_id == self.bot_id, data)
        self.messages.setdefault(chat.id, []).append(msg)
        self.notify()
        return msg

    def find_message(self, chat_id: int, message_id: Any) -> Message | None:
        try:
            wanted = int(message_id)
        except (TypeError, ValueError):
            return None
        for msg in self.messages.get(chat_id, []):
            if msg.message_id == wanted and not msg.deleted:
                return msg
        return None

    def chat_messages(self, chat_id: int) -> list[Message]:
        """All messages (user and bot) of a chat, in order, deleted ones excluded."""
        return [m for m in self.messages.get(chat_id, []) if not m.deleted]

    def bot_messages(self, chat_id: int) -> list[Message]:
        return [m for m in self.chat_messages(chat_id) if m.from_bot]

    def store_file(
        self,
        kind: str,
        data: bytes | None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> FileRecord:
        self._seq += 1
        rec = new_file(kind, data, self._seq, file_name, mime_type)
        self.files[rec.file_id] = rec
        self.files_by_path[rec.file_path] = rec
        return rec

    # ---- updates -------------------------------------------------------------------
    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self._updates.append(update)
        self.notify()
        return update

    def chat_member_update(
        self, chat: Chat, user_id: int, old: str, new: str, actor: int
    ) -> dict[str, Any]:
        """Queue my_chat_member (bot) or chat_member (others) for a status change."""
        payload = {
            "chat": chat.as_json(),
            "from": self.user_json(actor),
            "date": int(self.now()),
        }
        user = self.user_json(user_id)
        payload["old_chat_member"] = member_json(user, old)
        payload["new_chat_member"] = member_json(user, new)
        kind = "my_chat_member" if user_id == self.bot_id else "chat_member"
        return self.push_update(kind, payload)

    def pending_count(self) -> int:
        return len(self._updates)

    def drop_pending(self) -> None:
        self._updates.clear()

    def notify(self) -> None:
        """Wake everybody waiting for a change (long polls, driver waits)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_change(self, seconds: float) -> None:
        event = self._changed
        try:
            await asyncio.wait_for(event.wait(), max(seconds, 0.0))
        except TimeoutError:
            pass

    def log(self, chat_id: int | None, line: str) -> None:
        self.events.append(Event(chat_id, line))

    def transcript(self, chat_id: int | None = None) -> str:
        """The readable event log, all chats or one chat."""
        return "\n".join(
            e.line for e in self.events if chat_id is None or e.chat_id == chat_id
        )
