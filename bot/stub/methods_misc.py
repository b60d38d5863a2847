"""Bot API methods about the bot itself, chats, members, commands and files."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.stub.core import ApiError, StubCore, bad_request
from bot.stub.members import member_json
from bot.stub.methods_send import Files, Params

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}


def get_me(stub: StubCore, p: Params, files: Files) -> Any:
    return {
        **stub.bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": not stub.group_privacy,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def returns_true(stub: StubCore, p: Params, files: Files) -> Any:
    return True


def set_webhook(stub: StubCore, p: Params, files: Files) -> Any:
    stub.webhook_url = str(p.get("url") or "")
    if p.get("drop_pending_updates"):
        stub.drop_pending()
    return True


def delete_webhook(stub: StubCore, p: Params, files: Files) -> Any:
    stub.webhook_url = ""
    if p.get("drop_pending_updates"):
        stub.drop_pending()
    return True


def get_webhook_info(stub: StubCore, p: Params, files: Files) -> Any:
    return {
        "url": stub.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": stub.pending_count(),
    }


def send_chat_action(stub: StubCore, p: Params, files: Files) -> Any:
    stub.writable_chat(p.get("chat_id"))
    if p.get("action") not in _ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def get_file(stub: StubCore, p: Params, files: Files) -> Any:
    rec = stub.files.get(str(p.get("file_id", "")))
    if rec is None:
        raise bad_request("invalid file_id")
    if rec.size > 20 * 1024 * 1024:
        raise bad_request("file is too big")
    return {
        "file_id": rec.file_id,
        "file_unique_id": rec.file_unique_id,
        "file_size": rec.size,
        "file_path": rec.file_path,
    }


def _command_key(p: Params) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")


def set_my_commands(stub: StubCore, p: Params, files: Files) -> Any:
    commands = p.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for cmd in commands:
        if not isinstance(cmd, dict) or not _COMMAND_RE.match(str(cmd.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(cmd.get("description", ""))) <= 256:
            raise bad_request("command description must be 1-256 characters")
    stub.commands[_command_key(p)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


def get_my_commands(stub: StubCore, p: Params, files: Files) -> Any:
    return stub.commands.get(_command_key(p), [])


def delete_my_commands(stub: StubCore, p: Params, files: Files) -> Any:
    stub.commands.pop(_command_key(p), None)
    return True


def get_chat(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.chat(p.get("chat_id"))
    data = chat.as_json()
    data.update(
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types={
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    )
    return data


def get_chat_member(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.chat(p.get("chat_id"))
    try:
        user_id = int(p.get("user_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise bad_request("invalid user_id specified") from None
    if user_id == stub.bot_id:
        status = "member" if chat.type == "private" else chat.bot_status
    elif chat.type == "private":
        if user_id != chat.id:
            raise bad_request("user not found")
        status = "member"
    else:
        if user_id not in stub.chats:
            raise bad_request("user not found")
        status = chat.members.get(user_id, "left")
    return member_json(stub.user_json(user_id), status)


def get_chat_member_count(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.chat(p.get("chat_id"))
    if chat.type == "private":
        return 2
    present = ("creator", "administrator", "member", "restricted")
    count = sum(1 for status in chat.members.values() if status in present)
    return count + (1 if chat.bot_status in present else 0)


def set_chat_menu_button(stub: StubCore, p: Params, files: Files) -> Any:
    button = p.get("menu_button") or {"type": "default"}
    if p.get("chat_id") is None:
        stub.default_menu_button = button
    else:
        stub.chat(p.get("chat_id")).menu_button = button
    return True


def get_chat_menu_button(stub: StubCore, p: Params, files: Files) -> Any:
    if p.get("chat_id") is None:
        return stub.default_menu_button
    return stub.chat(p.get("chat_id")).menu_button


def leave_chat(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.chat(p.get("chat_id"))
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    old = chat.bot_status
    if old in ("left", "kicked"):
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
    chat.bot_status = "left"
    stub.log(chat.id, f"🚪 bot left {chat.label}")
    stub.chat_member_update(chat, stub.bot_id, old, "left", actor=stub.bot_id)
    return True

