"""The loopback HTTP server: a stand-in of https://api.telegram.org for tests and the demo.

PTB (and any other client) is pointed at it with ``base_url`` / ``base_file_url``::

    stub = BotApiStub()
    await stub.start()
    app = ApplicationBuilder().token(stub.token).base_url(stub.base_url)\\
        .base_file_url(stub.base_file_url).build()
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.stub import methods_edit as edit
from bot.stub import methods_misc as misc
from bot.stub import methods_send as send
from bot.stub.core import ApiError, StubCore, bad_request
from bot.stub.driver import UserHandle
from bot.stub.group import GroupHandle
from bot.stub.state import Chat, Request, Upload

Handler = Callable[[StubCore, dict[str, Any], dict[str, Upload]], Any]

METHODS: dict[str, Handler] = {
    "getme": misc.get_me,
    "logout": misc.returns_true,
    "close": misc.returns_true,
    "setwebhook": misc.set_webhook,
    "deletewebhook": misc.delete_webhook,
    "getwebhookinfo": misc.get_webhook_info,
    "sendmessage": send.send_message,
    "sendphoto": send.send_photo,
    "senddocument": send.send_document,
    "sendmediagroup": send.send_media_group,
    "copymessage": send.copy_message,
    "forwardmessage": send.forward_message,
    "sendchataction": misc.send_chat_action,
    "getfile": misc.get_file,
    "editmessagetext": edit.edit_message_text,
    "editmessagecaption": edit.edit_message_caption,
    "editmessagereplymarkup": edit.edit_message_reply_markup,
    "deletemessage": edit.delete_message,
    "pinchatmessage": edit.pin_chat_message,
    "unpinchatmessage": edit.unpin_chat_message,
    "answercallbackquery": edit.answer_callback_query,
    "setmycommands": misc.set_my_commands,
    "getmycommands": misc.get_my_commands,
    "deletemycommands": misc.delete_my_commands,
    "getchat": misc.get_chat,
    "getchatmember": misc.get_chat_member,
    "getchatmembercount": misc.get_chat_member_count,
    "setchatmenubutton": misc.set_chat_menu_button,
    "getchatmenubutton": misc.get_chat_menu_button,
    "leavechat": misc.leave_chat,
}

# Parameters that are plain strings even when they look like JSON numbers/literals.
STRING_PARAMS = frozenset(
    "text caption parse_mode callback_query_id url file_id photo document sticker voice "
    "audio video animation title description language_code secret_token ip_address "
    "inline_message_id business_connection_id message_effect_id action emoji query "
    "short_description name".split()
)
UPDATE_TYPES_OFF_BY_DEFAULT = ("chat_member", "message_reaction", "message_reaction_count")


def decode_form(form: dict[str, str]) -> dict[str, Any]:
    """Form values → Python values: PTB JSON-encodes everything that is not a string."""
    params: dict[str, Any] = {}
    for key, value in form.items():
        if key in STRING_PARAMS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


class BotApiStub(StubCore):
    """Stand-in Telegram Bot API on 127.0.0.1; see the package docs for the driver side."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Takes StubCore's arguments: token, bot_id, bot_username, bot_name, group_privacy."""
        super().__init__(*args, **kwargs)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._poll_generation = 0
        self._stopping = False

    # ---- lifecycle -----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._stopping = False

    async def stop(self) -> None:
        self._stopping = True
        self.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiStub:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---- HTTP ----------------------------------------------------------------------
    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, Upload]]:
        files: dict[str, Upload] = {}
        params: dict[str, Any] = decode_form(dict(request.query))
        if request.method != "POST" or not request.can_read_body:
            return params, files
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise bad_request("request body must be a JSON object")
            params.update(body)
            return params, files
        form: dict[str, str] = {}
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = Upload(value.filename, value.file.read(), value.content_type)
            else:
                form[key] = str(value)
        params.update(decode_form(form))
        return params, files

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        try:
            params, files = await self._read_params(request)
        except (ValueError, UnicodeDecodeError):
            return _error(bad_request("can't parse request JSON object"))
        self.requests.append(Request(method, params, time.monotonic()))
        name = method.lower()
        is_poll = name == "getupdates"
        if not is_poll:
            self._inflight += 1
        try:
            failure = self.take_failure(method)
            if failure is not None:
                raise failure
            if is_poll:
                result = await self._get_updates(params)
            elif name in METHODS:
                result = METHODS[name](self, params, files)
            else:
                raise ApiError(404, "Not Found")
        except ApiError as err:
            return _error(err)
        finally:
            if not is_poll:
                self._inflight -= 1
                self._last_activity = time.monotonic()
        return web.json_response({"ok": True, "result": result}, dumps=_dumps)

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        rec = self.files_by_path.get(request.match_info["path"])
        if rec is None or rec.data is None:
            return _error(ApiError(404, "Not Found"))
        return web.Response(body=rec.data, content_type="application/octet-stream")

    # ---- getUpdates ----------------------------------------------------------------
    def _wanted(self, update: dict[str, Any]) -> bool:
        kind = next(k for k in update if k != "update_id")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in UPDATE_TYPES_OFF_BY_DEFAULT

    async def _get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(p.get("offset") or 0)
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        timeout = max(float(p.get("timeout") or 0), 0.0)
        if isinstance(p.get("allowed_updates"), list):
            self.allowed_updates = [str(u) for u in p["allowed_updates"]]
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        self.notify()  # an older long poll, if any, is terminated
        deadline = time.monotonic() + timeout
        while True:
            self._updates = [u for u in self._updates if self._wanted(u)]
            batch = self._updates[:limit]
            if batch:
                self._last_activity = time.monotonic()
                self._delivered_max = max(self._delivered_max, batch[-1]["update_id"])
                return batch
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._stopping:
                return []
            await self.wait_change(remaining)

    # ---- driver side ---------------------------------------------------------------
    def user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        last_name: str | None = None,
    ) -> UserHandle:
        """A user; their private chat with the bot has id == user_id."""
        chat = self.chats.get(user_id)
        if chat is None:
            chat = Chat(user_id, "private", first_name=first_name, last_name=last_name,
                        username=username, language_code=language_code)
            self.chats[user_id] = chat
        return UserHandle(self, chat)

    def group(self, chat_id: int, title: str, type: str = "supergroup") -> GroupHandle:
        """A group or supergroup (the bot is not in it until ``add_bot``)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = Chat(chat_id, type, title=title)
            self.chats[chat_id] = chat
        return GroupHandle(self, chat)

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet handed to the bot."""
        return [u for u in self._updates if u["update_id"] > self._delivered_max]

    async def wait_idle(
        self, quiet: float = 0.3, timeout: float = 10.0  # noqa: ASYNC109
    ) -> None:
        """Wait until the bot fetched every update and made no other call for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if (
                not self.pending_updates()
                and self._inflight == 0
                and now - self._last_activity >= quiet
            ):
                return
            if now >= deadline:
                raise AssertionError(
                    f"stub not idle after {timeout}s: {len(self.pending_updates())} updates "
                    f"unfetched, {self._inflight} calls in flight\n{self.transcript()}"
                )
            await asyncio.sleep(min(0.02, quiet))


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _error(err: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": err.code, "description": err.description}
    if err.parameters:
        body["parameters"] = err.parameters
    return web.json_response(body, status=err.code, dumps=_dumps)
