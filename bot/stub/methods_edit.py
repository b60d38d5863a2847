"""Bot API methods that change existing messages or answer presses:
editMessageText/Caption/ReplyMarkup, deleteMessage, pin/unpin, answerCallbackQuery."""

from __future__ import annotations

from typing import Any

from bot.stub import render
from bot.stub.core import StubCore, bad_request
from bot.stub.methods_send import Files, Params, checked_markup, checked_text
from bot.stub.state import CallbackAnswer, Chat, Message

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_ADMINS = ("creator", "administrator")


def _target(stub: StubCore, p: Params) -> tuple[Chat, Message]:
    if p.get("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = stub.writable_chat(p.get("chat_id"))
    msg = stub.find_message(chat.id, p.get("message_id"))
    if msg is None:
        raise bad_request("message to edit not found")
    if not msg.from_bot:
        raise bad_request("message can't be edited")
    return chat, msg


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup and "inline_keyboard" in markup and markup["inline_keyboard"]:
        return {"inline_keyboard": markup["inline_keyboard"]}
    if markup and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return None


def _apply(
    stub: StubCore, chat: Chat, msg: Message, changes: dict[str, Any], markup: Any, p: Params
) -> Any:
    """Compare, flood-check, then write ``changes`` (None values delete keys)."""
    new_markup = _inline(markup)
    same = all(msg.data.get(k) == v for k, v in changes.items())
    if same and msg.data.get("reply_markup") == new_markup:
        raise bad_request(NOT_MODIFIED)
    stub.flood_check(chat.id)
    for key, value in changes.items():
        if value is None:
            msg.data.pop(key, None)
        else:
            msg.data[key] = value
    if new_markup is None:
        msg.data.pop("reply_markup", None)
    else:
        msg.data["reply_markup"] = new_markup
    msg.markup = new_markup
    msg.data["edit_date"] = int(stub.now())
    msg.edits += 1
    if "parse_mode" in p:
        msg.parse_mode = p.get("parse_mode")
    head = f"🤖 edited #{msg.message_id} → {chat.label}: "
    stub.log(chat.id, render.with_buttons(render.block(head, msg.shown), msg))
    stub.notify()
    return msg.data


def edit_message_text(stub: StubCore, p: Params, files: Files) -> Any:
    chat, msg = _target(stub, p)
    if "text" not in msg.data:
        raise bad_request("there is no text in the message to edit")
    text, ents = checked_text(p)
    markup = checked_markup(p.get("reply_markup"))
    result = _apply(stub, chat, msg, {"text": text, "entities": ents or None}, markup, p)
    msg.raw_text = str(p.get("text"))
    return result


def edit_message_caption(stub: StubCore, p: Params, files: Files) -> Any:
    chat, msg = _target(stub, p)
    if "text" in msg.data:
        raise bad_request("there is no caption in the message to edit")
    caption, ents = checked_text(p, "caption")
    markup = checked_markup(p.get("reply_markup"))
    changes = {"caption": caption or None, "caption_entities": ents or None}
    result = _apply(stub, chat, msg, changes, markup, p)
    msg.raw_text = p.get("caption")
    return result


def edit_message_reply_markup(stub: StubCore, p: Params, files: Files) -> Any:
    chat, msg = _target(stub, p)
    return _apply(stub, chat, msg, {}, checked_markup(p.get("reply_markup")), p)


def delete_message(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.chat(p.get("chat_id"))
    msg = stub.find_message(chat.id, p.get("message_id"))
    if msg is None:
        raise bad_request("message to delete not found")
    if chat.type != "private" and not msg.from_bot and chat.bot_status not in _ADMINS:
        raise bad_request("message can't be deleted")
    msg.deleted = True
    stub.log(chat.id, f"🗑 bot deleted #{msg.message_id} in {chat.label}: {msg.shown[:40]}")
    stub.notify()
    return True


def _check_pin_rights(chat: Chat) -> None:
    if chat.type != "private" and chat.bot_status not in _ADMINS:
        raise bad_request("not enough rights to manage pinned messages in the chat")


def pin_chat_message(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.writable_chat(p.get("chat_id"))
    msg = stub.find_message(chat.id, p.get("message_id"))
    if msg is None:
        raise bad_request("message to pin not found")
    _check_pin_rights(chat)
    msg.pinned = True
    stub.log(chat.id, f"📌 bot pinned #{msg.message_id} in {chat.label}: {msg.shown[:40]}")
    stub.notify()
    return True


def unpin_chat_message(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.writable_chat(p.get("chat_id"))
    _check_pin_rights(chat)
    pinned = [m for m in stub.chat_messages(chat.id) if m.pinned]
    if p.get("message_id") is not None:
        pinned = [m for m in pinned if m.message_id == int(p["message_id"])]
    if not pinned:
        raise bad_request("message to unpin not found")
    pinned[-1].pinned = False
    stub.log(chat.id, f"📌 bot unpinned #{pinned[-1].message_id} in {chat.label}")
    stub.notify()
    return True


def answer_callback_query(stub: StubCore, p: Params, files: Files) -> Any:
    query_id = str(p.get("callback_query_id", ""))
    pending = stub.queries.get(query_id)
    if pending is None or pending.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    answer = CallbackAnswer(
        query_id,
        None if text is None else str(text),
        bool(p.get("show_alert", False)),
        p.get("url"),
        int(p.get("cache_time") or 0),
    )
    pending.answer = answer
    pending.message.answers.append(answer)
    shown = f": {answer.text}" if answer.text else " (no text)"
    kind = "alert" if answer.show_alert else "toast"
    stub.log(
        pending.message.chat_id,
        f"🤖 answered {stub.name_of(pending.user_id)}'s press with {kind}{shown}",
    )
    stub.notify()
    return True
