"""The stand-in Bot API over raw HTTP: routes, Telegram's error texts, getUpdates, limits."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot.stub import BotApiStub, FloodLimits


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


async def call(
    http: httpx.AsyncClient, stub: BotApiStub, method: str, **params: Any
) -> tuple[int, dict[str, Any]]:
    """POST form fields the way PTB does: strings as-is, everything else JSON-encoded."""
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    res = await http.post(f"{stub.base_url}{stub.token}/{method}", data=form)
    return res.status_code, res.json()


async def started_user(stub: BotApiStub) -> int:
    alice = stub.user(1001, "王小明")
    await alice.command("/start")
    return alice.id


async def test_unknown_method_is_404(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    status, body = await call(http, stub, "sendTelepathy")
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_wrong_token_is_401(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    res = await http.post(f"{stub.base_url}999:WRONG/getMe")
    assert res.status_code == 401
    assert res.json()["description"] == "Unauthorized"


async def test_method_names_are_case_insensitive(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    status, body = await call(http, stub, "GETME")
    assert status == 200
    assert body["result"]["username"] == "xiaojia_bot"


async def test_json_body_is_accepted(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    chat_id = await started_user(stub)
    res = await http.post(
        f"{stub.base_url}{stub.token}/sendMessage", json={"chat_id": chat_id, "text": "123"}
    )
    assert res.json()["result"]["text"] == "123"


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"text": "字" * 4097}, "Bad Request: message is too long"),
        ({"text": "   "}, "Bad Request: message text is empty"),
        ({"text": "<b></b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
        (
            {"text": "a <br> b", "parse_mode": "HTML"},
            "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 2",
        ),
        (
            {"text": "<b>bold", "parse_mode": "HTML"},
            "Bad Request: can't parse entities: "
            "Can't find end tag corresponding to start tag \"b\"",
        ),
        (
            {"text": "<b>x</i>", "parse_mode": "HTML"},
            "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, "
            "expected \"</b>\", found \"</i>\"",
        ),
        (
            {"text": "x", "reply_markup": {"inline_keyboard": [[
                {"text": "a", "callback_data": "é" * 33}]]}},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "a"}]]}},
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard",
        ),
    ],
)
async def test_send_message_limits(
    stub: BotApiStub, http: httpx.AsyncClient, params: dict[str, Any], description: str
) -> None:
    chat_id = await started_user(stub)
    status, body = await call(http, stub, "sendMessage", chat_id=chat_id, **params)
    assert (status, body["description"]) == (400, description)


async def test_limits_count_text_after_tags(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    chat_id = await started_user(stub)
    text = "<b>" + "a" * 4096 + "</b>\n "  # 4096 visible chars, trailing space trimmed
    status, body = await call(http, stub, "sendMessage", chat_id=chat_id, text=text,
                              parse_mode="HTML")
    assert status == 200, body
    assert body["result"]["entities"] == [{"offset": 0, "length": 4096, "type": "bold"}]
    data = "x" * 64
    status, _ = await call(http, stub, "sendMessage", chat_id=chat_id, text="ok",
                           reply_markup={"inline_keyboard": [[{"text": "a",
                                                               "callback_data": data}]]})
    assert status == 200


async def test_caption_limit(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    chat_id = await started_user(stub)
    res = await http.post(
        f"{stub.base_url}{stub.token}/sendPhoto",
        data={"chat_id": str(chat_id), "caption": "c" * 1025},
        files={"photo": ("p.png", b"\x89PNG\r\n\x1a\n", "image/png")},
    )
    assert res.status_code == 400
    assert res.json()["description"] == "Bad Request: message caption is too long"


async def test_unknown_chat_blocked_user_and_kicked_group(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    status, body = await call(http, stub, "sendMessage", chat_id=42, text="hi")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    chat_id = await started_user(stub)
    stub.block(chat_id)
    status, body = await call(http, stub, "sendMessage", chat_id=chat_id, text="hi")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    alice = stub.user(chat_id, "王小明")
    group = stub.group(-1001234567890, "综采一班")
    await group.add_bot(by=alice)
    await group.remove_bot(by=alice)
    status, body = await call(http, stub, "sendMessage", chat_id=group.id, text="hi")
    assert (status, body["description"]) == (
        403, "Forbidden: bot was kicked from the supergroup chat")


async def test_migrated_group_answers_with_new_id(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    alice = stub.user(1001, "王小明")
    group = stub.group(-4001, "综采一班", type="group")
    await group.add_bot(by=alice)
    new = await group.migrate(-1009999)
    status, body = await call(http, stub, "sendMessage", chat_id=-4001, text="hi")
    assert status == 400
    assert body["description"] == "Bad Request: group chat was upgraded to a supergroup chat"
    assert body["parameters"] == {"migrate_to_chat_id": -1009999}
    status, _ = await call(http, stub, "sendMessage", chat_id=new.id, text="hi")
    assert status == 200


async def test_edit_and_delete_errors(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    chat_id = await started_user(stub)
    _, sent = await call(http, stub, "sendMessage", chat_id=chat_id, text="原文")
    mid = sent["result"]["message_id"]
    status, body = await call(http, stub, "editMessageText", chat_id=chat_id,
                              message_id=mid, text="原文")
    assert status == 400
    assert body["description"].startswith("Bad Request: message is not modified: ")
    status, body = await call(http, stub, "editMessageText", chat_id=chat_id,
                              message_id=999, text="x")
    assert body["description"] == "Bad Request: message to edit not found"
    status, _ = await call(http, stub, "deleteMessage", chat_id=chat_id, message_id=mid)
    assert status == 200
    status, body = await call(http, stub, "deleteMessage", chat_id=chat_id, message_id=mid)
    assert body["description"] == "Bad Request: message to delete not found"


async def test_get_updates_offset_semantics(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    alice = stub.user(1001, "王小明")
    for text in ("一", "二", "三"):
        await alice.send(text)
    _, body = await call(http, stub, "getUpdates", limit=2)
    ids = [u["update_id"] for u in body["result"]]
    assert len(ids) == 2
    _, body = await call(http, stub, "getUpdates")  # nothing confirmed: same again
    assert [u["update_id"] for u in body["result"]][:2] == ids
    _, body = await call(http, stub, "getUpdates", offset=ids[1] + 1)
    assert [u["message"]["text"] for u in body["result"]] == ["三"]
    _, body = await call(http, stub, "getUpdates", offset=ids[0])  # confirmed ones are gone
    assert [u["message"]["text"] for u in body["result"]] == ["三"]
    _, body = await call(http, stub, "getUpdates", offset=-1)
    assert [u["message"]["text"] for u in body["result"]] == ["三"]
    _, body = await call(http, stub, "getUpdates", offset=body["result"][0]["update_id"] + 1)
    assert body["result"] == []


async def test_long_poll_wakes_on_update(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    alice = stub.user(1001, "王小明")
    started = time.monotonic()
    poll = asyncio.create_task(call(http, stub, "getUpdates", timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()
    await alice.send("在吗")
    _, body = await asyncio.wait_for(poll, 3)
    assert body["result"][0]["message"]["text"] == "在吗"
    assert time.monotonic() - started < 2
    started = time.monotonic()
    _, body = await call(http, stub, "getUpdates", offset=body["result"][0]["update_id"] + 1,
                         timeout=0.3)
    assert body["result"] == []
    assert time.monotonic() - started >= 0.25


async def test_allowed_updates_filter(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    alice = stub.user(1001, "王小明")
    await alice.send("hi")
    group = stub.group(-100, "综采一班")
    await group.add_bot(by=alice)
    _, body = await call(http, stub, "getUpdates", allowed_updates=["my_chat_member"])
    assert [next(k for k in u if k != "update_id") for u in body["result"]] == [
        "my_chat_member"]


async def test_flood_limit_429_with_retry_after(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    chat_id = await started_user(stub)
    stub.limits = FloodLimits(global_per_s=30, per_chat_per_s=1, per_chat_burst=3)
    codes = [(await call(http, stub, "sendMessage", chat_id=chat_id, text="x"))[0]
             for _ in range(3)]
    assert codes == [200, 200, 200]
    status, body = await call(http, stub, "sendMessage", chat_id=chat_id, text="x")
    assert status == 429
    assert body["description"].startswith("Too Many Requests: retry after ")
    assert body["parameters"]["retry_after"] >= 1
    stub.limits = None
    assert (await call(http, stub, "sendMessage", chat_id=chat_id, text="x"))[0] == 200


async def test_fail_next_and_request_log(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    stub.fail_next("getMe", 502, "Bad Gateway", times=2)
    assert (await call(http, stub, "getMe"))[0] == 502
    assert (await call(http, stub, "getMe"))[0] == 502
    assert (await call(http, stub, "getMe"))[0] == 200
    assert [r.method for r in stub.requests] == ["getMe"] * 3


async def test_commands_are_stored_per_scope_and_language(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    cmds = [{"command": "start", "description": "开始"}]
    await call(http, stub, "setMyCommands", commands=cmds, scope={"type": "all_group_chats"},
               language_code="zh")
    _, body = await call(http, stub, "getMyCommands")
    assert body["result"] == []
    _, body = await call(http, stub, "getMyCommands", scope={"type": "all_group_chats"},
                         language_code="zh")
    assert body["result"] == cmds


async def test_driver_waits_are_bounded_and_explain(
    stub: BotApiStub, http: httpx.AsyncClient
) -> None:
    alice = stub.user(1001, "王小明")
    await alice.send("有人吗")
    with pytest.raises(AssertionError, match="no bot message to 王小明"):
        await alice.next_message(timeout=0.1)
    keyboard = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}
    await call(http, stub, "sendMessage", chat_id=alice.id, text="在",
               reply_parameters={"message_id": 1}, reply_markup=keyboard)
    with pytest.raises(AssertionError, match="unexpected bot message"):
        await alice.no_message(within=0.05)
    reply = await alice.next_message(timeout=0.1)
    assert reply.reply_to_message_id == 1
    with pytest.raises(AssertionError, match="did not answer"):
        await alice.press(reply, "好", timeout=0.1)
    assert "🤖 → 王小明: (↩ #1) 在" in stub.transcript()
    with pytest.raises(AssertionError, match="not idle"):
        await stub.wait_idle(quiet=0.05, timeout=0.2)  # the press was never fetched


async def test_get_file_and_download(stub: BotApiStub, http: httpx.AsyncClient) -> None:
    alice = stub.user(1001, "王小明")
    msg = await alice.send_document(b"a,b\n1,2\n", "scores.csv", "text/csv")
    file_id = msg.data["document"]["file_id"]
    _, body = await call(http, stub, "getFile", file_id=file_id)
    path = body["result"]["file_path"]
    assert not path.startswith("http")  # relative, PTB prefixes base_file_url
    res = await http.get(f"{stub.base_file_url}{stub.token}/{path}")
    assert res.content == b"a,b\n1,2\n"
