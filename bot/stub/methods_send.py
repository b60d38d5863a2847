"""Bot API methods that create messages: sendMessage, sendPhoto, sendDocument,
sendMediaGroup, copyMessage, forwardMessage — plus the validation they share."""

from __future__ import annotations

import re
from typing import Any

from bot.stub import render
from bot.stub.core import StubCore, bad_request
from bot.stub.state import Chat, FileRecord, Message, Upload, image_size
from bot.stub.textfmt import CAPTION_LIMIT, TEXT_LIMIT, EntityParseError, format_text, utf16_len

Params = dict[str, Any]
Files = dict[str, Upload]

BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_RE = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)


def checked_text(p: Params, key: str = "text") -> tuple[str, list[dict[str, Any]]]:
    """Text or caption after parse_mode, validated against Telegram's limits."""
    raw = p.get(key)
    raw = "" if raw is None else str(raw)
    ents_key = "entities" if key == "text" else "caption_entities"
    try:
        text, ents = format_text(raw, p.get("parse_mode"), p.get(ents_key))
    except EntityParseError as err:
        raise bad_request(f"can't parse entities: {err}") from None
    if key == "text":
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > TEXT_LIMIT:
            raise bad_request("message is too long")
    elif utf16_len(text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return text, ents


def checked_markup(markup: Any) -> dict[str, Any] | None:
    """Validate reply_markup (inline keyboards strictly, other kinds by shape)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or "text" not in button:
                raise bad_request("can't parse inline keyboard button: Text must be a String")
            actions = [a for a in BUTTON_ACTIONS if a in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if len(actions) > 1:
                raise bad_request(
                    "can't parse inline keyboard button: exactly one of the optional "
                    f"fields must be used, got {', '.join(actions)}"
                )
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not 1 <= size <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not _URL_RE.match(str(button["url"])):
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def reply_target(stub: StubCore, chat: Chat, p: Params) -> dict[str, Any] | None:
    """The replied-to message JSON for reply_parameters / reply_to_message_id."""
    params = p.get("reply_parameters")
    if isinstance(params, dict):
        wanted = params.get("message_id")
        allow = bool(params.get("allow_sending_without_reply"))
    elif p.get("reply_to_message_id") is not None:
        wanted = p["reply_to_message_id"]
        allow = bool(p.get("allow_sending_without_reply"))
    else:
        return None
    msg = stub.find_message(chat.id, wanted)
    if msg is None:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in msg.data.items() if k != "reply_to_message"}


def deliver(
    stub: StubCore,
    chat: Chat,
    fields: dict[str, Any],
    p: Params,
    markup: dict[str, Any] | None,
    reply: dict[str, Any] | None,
    flood: bool = True,
) -> Message:
    """Store a bot message (after the flood check) and log it."""
    if flood:
        stub.flood_check(chat.id)
    if reply is not None:
        fields["reply_to_message"] = reply
    if markup and "inline_keyboard" in markup:
        fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
    msg = stub.add_message(chat, stub.bot_id, fields)
    msg.markup = markup
    msg.parse_mode = p.get("parse_mode")
    msg.raw_text = p.get("text", p.get("caption"))
    quoted = f"(↩ #{reply['message_id']}) " if reply is not None else ""
    head = f"🤖 → {chat.label}: {quoted}"
    stub.log(chat.id, render.with_buttons(render.block(head, msg.shown), msg))
    return msg


def send_message(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.writable_chat(p.get("chat_id"))
    text, ents = checked_text(p)
    markup = checked_markup(p.get("reply_markup"))
    fields: dict[str, Any] = {"text": text}
    if ents:
        fields["entities"] = ents
    return deliver(stub, chat, fields, p, markup, reply_target(stub, chat, p)).data


def resolve_file(
    stub: StubCore, value: Any, files: Files, field: str, kind: str
) -> FileRecord:
    """An input file: multipart upload, attach://name, existing file_id or URL."""
    upload = files.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        upload = files.get(value[len("attach://") :])
        if upload is None:
            raise bad_request(f"can't find attached file \"{value[9:]}\"")
    if upload is not None:
        name = upload.filename if kind == "document" else None
        return stub.store_file(kind, upload.data, name, upload.content_type)
    if not value:
        raise bad_request(f"there is no {kind} in the request")
    value = str(value)
    if value in stub.files:
        rec = stub.files[value]
        if rec.kind != kind and not (kind == "document" and rec.kind != "photo"):
            raise bad_request(f"can't use file of type {rec.kind.title()} as {kind.title()}")
        return rec
    if _URL_RE.match(value) and value.lower().startswith("http"):
        rec = stub.store_file(kind, None, value.rsplit("/", 1)[-1] or None)
        rec.url = value
        return rec
    raise bad_request("wrong file identifier/HTTP URL specified")


def media_fields(rec: FileRecord) -> dict[str, Any]:
    base = {"file_id": rec.file_id, "file_unique_id": rec.file_unique_id}
    if rec.kind == "photo":
        width, height = image_size(rec.data)
        return {"photo": [{**base, "width": width, "height": height, "file_size": rec.size}]}
    doc: dict[str, Any] = {**base, "file_size": rec.size}
    if rec.file_name:
        doc["file_name"] = rec.file_name
    if rec.mime_type:
        doc["mime_type"] = rec.mime_type
    return {rec.kind: doc}


def _send_media(stub: StubCore, p: Params, files: Files, kind: str) -> Any:
    chat = stub.writable_chat(p.get("chat_id"))
    rec = resolve_file(stub, p.get(kind), files, kind, kind)
    caption, ents = checked_text(p, "caption")
    markup = checked_markup(p.get("reply_markup"))
    fields = media_fields(rec)
    if caption:
        fields["caption"] = caption
    if ents:
        fields["caption_entities"] = ents
    msg = deliver(stub, chat, fields, p, markup, reply_target(stub, chat, p))
    attach(msg, rec)
    return msg.data


def attach(msg: Message, rec: FileRecord) -> None:
    if rec.kind == "photo":
        msg.photo = rec.data
    else:
        msg.document, msg.filename = rec.data, rec.file_name


def send_photo(stub: StubCore, p: Params, files: Files) -> Any:
    return _send_media(stub, p, files, "photo")


def send_document(stub: StubCore, p: Params, files: Files) -> Any:
    return _send_media(stub, p, files, "document")


def send_media_group(stub: StubCore, p: Params, files: Files) -> Any:
    chat = stub.writable_chat(p.get("chat_id"))
    media = p.get("media")
    if not isinstance(media, list) or not media:
        raise bad_request("parameter \"media\" is required")
    if len(media) > 10:
        raise bad_request("too many messages to send as an album")
    if len(media) < 2:
        raise bad_request("wrong number of media in the album: must be 2-10")
    reply = reply_target(stub, chat, p)
    prepared = []
    for item in media:
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in ("photo", "document", "video", "audio"):
            raise bad_request("can't parse InputMedia: unsupported media type")
        rec = resolve_file(stub, item.get("media"), files, "", kind)
        prepared.append((rec, item, checked_text(item, "caption")))
    stub.flood_check(chat.id)  # an album counts once, like one message
    group_id = str(10**17 + stub.bot_id * 1000 + chat.next_message_id)
    sent = []
    for rec, item, (caption, ents) in prepared:
        fields = media_fields(rec)
        fields["media_group_id"] = group_id
        if caption:
            fields["caption"] = caption
        if ents:
            fields["caption_entities"] = ents
        msg = deliver(stub, chat, fields, item, None, reply, flood=False)
        attach(msg, rec)
        sent.append(msg.data)
    return sent


_COPYABLE = ("text", "entities", "photo", "document", "caption", "caption_entities",
             "sticker", "voice", "location", "contact")


def copy_message(stub: StubCore, p: Params, files: Files) -> Any:
    return _copy(stub, p, forward=False)


def forward_message(stub: StubCore, p: Params, files: Files) -> Any:
    return _copy(stub, p, forward=True)


def _copy(stub: StubCore, p: Params, forward: bool) -> Any:
    source_chat = stub.chat(p.get("from_chat_id"))
    chat = stub.writable_chat(p.get("chat_id"))
    source = stub.find_message(source_chat.id, p.get("message_id"))
    if source is None:
        raise bad_request(f"message to {'forward' if forward else 'copy'} not found")
    fields = {k: v for k, v in source.data.items() if k in _COPYABLE}
    markup = None
    if forward:
        sender = source.data.get("from", {})
        fields["forward_origin"] = {"type": "user", "sender_user": sender,
                                    "date": source.data["date"]}
    else:
        if "caption" in p:
            caption, ents = checked_text(p, "caption")
            fields["caption"] = caption
            fields.pop("caption_entities", None)
            if ents:
                fields["caption_entities"] = ents
        markup = checked_markup(p.get("reply_markup"))
    msg = deliver(stub, chat, fields, p, markup, None if forward else reply_target(stub, chat, p))
    msg.photo, msg.document, msg.filename = source.photo, source.document, source.filename
    return msg.data if forward else {"message_id": msg.message_id}
