from datetime import UTC, datetime, timedelta

from bot.limits import split_text
from bot.outbox import Outcome, Pacer, Status, after, inline_keyboard

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def test_after_each_outcome() -> None:
    assert after(Outcome.SENT, 1, NOW, 8).status is Status.SENT
    retry = after(Outcome.RETRY_AFTER, 1, NOW, 8, retry_after=5)
    assert retry.status is Status.PENDING and retry.not_before == NOW + timedelta(seconds=5)
    assert after(Outcome.NOT_SENT, 3, NOW, 8).not_before == NOW + timedelta(seconds=8)
    assert after(Outcome.NOT_SENT, 8, NOW, 8).status is Status.FAILED
    assert after(Outcome.UNKNOWN, 1, NOW, 8).status is Status.UNCERTAIN  # never resent
    assert after(Outcome.BLOCKED, 1, NOW, 8).status is Status.FAILED
    assert after(Outcome.REJECTED, 1, NOW, 8).status is Status.FAILED


def test_pacer_per_chat_and_per_group() -> None:
    pacer = Pacer(per_chat_seconds=1.0, per_group_per_minute=20)
    assert pacer.wait(1, 100.0) == 0
    pacer.sent(1, 100.0)
    assert 0.49 < pacer.wait(1, 100.5) <= 0.5
    assert pacer.wait(2, 100.5) == 0
    group = -100
    for i in range(20):
        pacer.sent(group, 100.0 + i * 1.5)
    assert pacer.wait(group, 130.0) > 29  # the 21st must wait for the window
    assert pacer.wait(group, 160.1) == 0
    pacer.pause(5, 200.0)
    assert pacer.wait(5, 150.0) == 50.0
    pacer.forget_idle(1000.0)
    assert pacer.wait(group, 1000.0) == 0


def test_split_text_respects_limit_and_markup() -> None:
    text = "\n".join(f"第{i}行 <b>粗体</b> &amp; 文字" for i in range(600))
    parts = split_text(text, 4096)
    assert all(len(p) <= 4096 for p in parts) and len(parts) > 1
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
    assert split_text("短") == ["短"]
    long_line = "字" * 5000
    assert [len(p) for p in split_text(long_line)] == [4096, 904]


def test_inline_keyboard_json() -> None:
    board = inline_keyboard([[("通过", "m:ok:1"), ("链接", "https://t.me/x")]])
    assert board == {"inline_keyboard": [[{"text": "通过", "callback_data": "m:ok:1"},
                                          {"text": "链接", "url": "https://t.me/x"}]]}
