"""The user side: handles that act as Telegram users and groups, so tests read like a chat.

    alice = stub.user(1001, "王小明")
    await alice.command("/start")
    reply = await alice.next_message()
    answer = await alice.press(reply, "同意")
"""

from __future__ import annotations

import copy
import itertools
import re
import time
from typing import TYPE_CHECKING, Any

from bot.stub import render
from bot.stub.core import PendingQuery
from bot.stub.state import CallbackAnswer, Chat, Message
from bot.stub.textfmt import utf16_len

if TYPE_CHECKING:
    from bot.stub.core import StubCore

_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_query_ids = itertools.count(1)


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities the Telegram client adds for every /command in the text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group(0)),
        }
        for m in _COMMAND_RE.finditer(text)
    ]


class ChatView:
    """Reading one chat: the bot's messages in order, each returned once per view."""

    def __init__(self, stub: StubCore, chat: Chat) -> None:
        self.stub = stub
        self.chat = chat
        self._seen = 0

    @property
    def id(self) -> int:
        return self.chat.id

    def _bot_messages(self) -> list[Message]:
        return [m for m in self.stub.messages.get(self.chat.id, []) if m.from_bot]

    async def next_message(self, timeout: float = 5.0) -> Message:  # noqa: ASYNC109
        """The next bot message in this chat not yet returned by this handle (waits)."""
        deadline = time.monotonic() + timeout
        while True:
            sent = self._bot_messages()
            if len(sent) > self._seen:
                self._seen += 1
                return sent[self._seen - 1]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"no bot message to {self.chat.label} within {timeout}s; chat so far:\n"
                    + self.transcript()
                )
            await self.stub.wait_change(remaining)

    def catch_up(self) -> None:
        """Mark every bot message so far as read (a new handle on an old chat)."""
        self._seen = len(self._bot_messages())

    async def no_message(self, within: float = 0.5) -> None:
        """Assert the bot sends nothing new to this chat during ``within`` seconds."""
        deadline = time.monotonic() + within
        while (remaining := deadline - time.monotonic()) > 0:
            await self.stub.wait_change(remaining)
        new = self._bot_messages()[self._seen :]
        if new:
            raise AssertionError(
                f"unexpected bot message(s) to {self.chat.label}: "
                + "; ".join(m.shown for m in new)
                + "\n"
                + self.transcript()
            )

    def messages(self) -> list[Message]:
        return self.stub.chat_messages(self.chat.id)

    def transcript(self) -> str:
        return self.stub.transcript(self.chat.id)


class UserHandle(ChatView):
    """A Telegram user; ``chat`` is their private chat with the bot (id == user id)."""

    @property
    def name(self) -> str:
        return self.chat.label

    # ---- sending -------------------------------------------------------------------
    async def _post(
        self, where: Chat, fields: dict[str, Any], shown: str | None = None
    ) -> Message:
        msg = self.stub.add_message(where, self.id, fields)
        place = "" if where.type == "private" else f" @ {where.label}"
        self.stub.log(where.id, render.block(f"👤 {self.name}{place}: ", shown or msg.shown))
        if where.type == "private":
            self.chat.started = True
            if not self.chat.blocked:
                self.stub.push_update("message", copy.deepcopy(msg.data))
        elif self._group_delivers(where, msg):
            self.stub.push_update("message", copy.deepcopy(msg.data))
        return msg

    def _group_delivers(self, where: Chat, msg: Message) -> bool:
        """Telegram's privacy mode: commands, replies to the bot, or everything for admins."""
        stub = self.stub
        if where.bot_status not in ("member", "administrator", "creator"):
            return False
        if not stub.group_privacy or where.bot_status != "member":
            return True
        reply = msg.data.get("reply_to_message")
        if reply and reply.get("from", {}).get("id") == stub.bot_id:
            return True
        text = str(msg.data.get("text") or msg.data.get("caption") or "")
        match = _COMMAND_RE.match(text)
        if not match:
            return False
        _, _, mention = match.group(0).partition("@")
        return not mention or mention.lower() == stub.bot_username.lower()

    def _text_fields(self, text: str, reply_to: Message | None) -> dict[str, Any]:
        fields: dict[str, Any] = {"text": text}
        entities = command_entities(text)
        if entities:
            fields["entities"] = entities
        if reply_to is not None:
            fields["reply_to_message"] = {
                k: v for k, v in reply_to.data.items() if k != "reply_to_message"
            }
        return fields

    async def send(self, text: str, reply_to: Message | None = None) -> Message:
        """A text message in the private chat (commands get bot_command entities)."""
        return await self._post(self.chat, self._text_fields(text, reply_to))

    async def command(self, command: str, *args: str) -> Message:
        """``/command arg1 arg2``, e.g. ``command("/start", "join_A1B2")``."""
        return await self.send(" ".join((command, *args)))

    async def send_to(
        self, group: ChatView, text: str, reply_to: Message | None = None
    ) -> Message:
        """A text message from this user in a group."""
        return await self._post(group.chat, self._text_fields(text, reply_to))

    async def send_photo(
        self, data: bytes, caption: str | None = None, to: ChatView | None = None
    ) -> Message:
        from bot.stub.methods_send import media_fields

        rec = self.stub.store_file("photo", data)
        fields = media_fields(rec)
        if caption:
            fields["caption"] = caption
        msg = await self._post((to or self).chat, fields)
        msg.photo = data
        return msg

    async def send_document(
        self,
        data: bytes,
        filename: str,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        to: ChatView | None = None,
    ) -> Message:
        from bot.stub.methods_send import media_fields

        rec = self.stub.store_file("document", data, filename, mime_type)
        fields = media_fields(rec)
        if caption:
            fields["caption"] = caption
        msg = await self._post((to or self).chat, fields)
        msg.document, msg.filename = data, filename
        return msg

    async def send_sticker(self, emoji: str = "👍") -> Message:
        rec = self.stub.store_file("sticker", b"RIFF\x00\x00\x00\x00WEBP")
        sticker = {"file_id": rec.file_id, "file_unique_id": rec.file_unique_id,
                   "type": "regular", "width": 512, "height": 512, "is_animated": False,
                   "is_video": False, "emoji": emoji, "file_size": rec.size}
        return await self._post(self.chat, {"sticker": sticker}, f"[sticker {emoji}]")

    async def send_voice(self, data: bytes = b"OggS", duration: int = 2) -> Message:
        rec = self.stub.store_file("voice", data, mime_type="audio/ogg")
        voice = {"file_id": rec.file_id, "file_unique_id": rec.file_unique_id,
                 "duration": duration, "mime_type": "audio/ogg", "file_size": rec.size}
        return await self._post(self.chat, {"voice": voice}, f"[voice {duration}s]")

    async def send_location(self, latitude: float, longitude: float) -> Message:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._post(
            self.chat, {"location": location}, f"[location {latitude}, {longitude}]"
        )

    async def send_contact(
        self, phone_number: str, first_name: str, user_id: int | None = None
    ) -> Message:
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if user_id is not None:
            contact["user_id"] = user_id
        return await self._post(
            self.chat, {"contact": contact}, f"[contact {first_name} {phone_number}]"
        )

    async def edit(self, message: Message, text: str) -> Message:
        """Edit one of this user's text messages: an edited_message update."""
        message.data.update(self._text_fields(text, None))
        if "entities" not in self._text_fields(text, None):
            message.data.pop("entities", None)
        message.data["edit_date"] = int(self.stub.now())
        message.edits += 1
        self.stub.log(message.chat_id, render.block(f"✏️ {self.name} edited: ", text))
        self.stub.push_update("edited_message", copy.deepcopy(message.data))
        return message

    # ---- buttons -------------------------------------------------------------------
    async def next_with_button(self, text: str,
                               timeout: float = 5.0) -> Message:  # noqa: ASYNC109
        """The next bot message carrying a button matching ``text``; messages that came
        before it (a reminder or a report in between) are passed over."""
        deadline = time.monotonic() + timeout
        while True:
            message = await self.next_message(max(deadline - time.monotonic(), 0.01))
            if any(text in label for row in message.buttons for label, _ in row):
                return message

    async def tap(self, text: str, timeout: float = 5.0) -> CallbackAnswer:  # noqa: ASYNC109
        """Press ``text`` on the next bot message that carries it."""
        return await self.press(await self.next_with_button(text, timeout), text)

    async def press(
        self,
        message: Message,
        text: str | None = None,
        *,
        data: str | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """Press a button (by text, exact or contained) or send any ``data``; return the
        bot's answerCallbackQuery once it arrives."""
        if message.deleted:
            raise AssertionError(f"message #{message.message_id} was deleted")
        if data is None:
            label, data = _find_button(message, text)
            shown = f"[{label}]"
        else:
            shown = f"(callback data {data!r})"
        chat = self.stub.chats[message.chat_id]
        query_id = f"{self.id % 10**6}{next(_query_ids):09d}"
        self.stub.queries[query_id] = PendingQuery(message, self.id, data)
        self.stub.log(chat.id, f"👤 {self.name} pressed {shown}")
        self.stub.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": self.stub.user_json(self.id),
                "message": copy.deepcopy(message.data),
                "chat_instance": str((chat.id * 7919 + 1000003) % 10**18),
                "data": data,
            },
        )
        deadline = time.monotonic() + timeout
        pending = self.stub.queries[query_id]
        while pending.answer is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"bot did not answer {self.name}'s press {shown} within {timeout}s\n"
                    + self.stub.transcript(chat.id)
                )
            await self.stub.wait_change(remaining)
        return pending.answer

    async def press_in(
        self, group: ChatView, message: Message, text: str | None = None, **kw: Any
    ) -> CallbackAnswer:
        """Press a button on a message in a group."""
        if message.chat_id != group.id:
            raise AssertionError(f"message #{message.message_id} is not in {group.chat.label}")
        return await self.press(message, text, **kw)


def _find_button(message: Message, text: str | None) -> tuple[str, str]:
    buttons = [b for row in message.buttons for b in row]
    if text is None:
        raise AssertionError("press() needs a button text or data=")
    exact = [b for b in buttons if b[0] == text]
    found = exact or [b for b in buttons if text in b[0]]
    if len(found) != 1:
        raise AssertionError(
            f"{'no' if not found else 'several'} button(s) matching {text!r} on "
            f"message #{message.message_id}: {[b[0] for b in buttons]}"
        )
    label, data = found[0]
    if data is None or "callback_data" not in _button_json(message, label):
        raise AssertionError(f"button [{label}] has no callback_data (url or reply button)")
    return label, data


def _button_json(message: Message, label: str) -> dict[str, Any]:
    for row in (message.markup or {}).get("inline_keyboard", []):
        for button in row:
            if button.get("text") == label:
                return dict(button)
    return {}
